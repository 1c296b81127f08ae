#!/usr/bin/env python3
"""Quick figures for the clerk's side (not the full bench of issue 8): concurrent registrations per second and
notice PDF latency over HTTP, against a published Docket on a fresh SQLite data folder.

Run from the repository root after committing (it publishes HEAD through the contract helpers):
    python3 bench/review.py
Prints one JSON object per line: {"name", "value", "unit"}.
"""
import json, os, statistics, sys, threading, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "contract"))
from docket import App, expect  # noqa: E402

FILINGS, CLIENTS = 64, 8


def emit(name, value, unit):
    print(json.dumps({"name": name, "value": round(value, 1), "unit": unit}), flush=True)


app = App()
filer = app.new_filer()
clerk = app.login("clerk.620622@demo.docket")
ids = []
for i in range(FILINGS):
    fid = app.complete_filing(filer, amount=10000 + i)
    expect(app.call("POST", "/api/v1/filings/%s/submit" % fid, token=filer), 200, "submit")
    expect(app.call("POST", "/api/v1/review/filings/%s/claim" % fid, token=clerk), 200, "claim")
    ids.append(fid)

errors = []


def register(chunk):
    for fid in chunk:
        r = app.call("POST", "/api/v1/review/filings/%s/register" % fid, token=clerk)
        if r.status != 200:
            errors.append(r.status)


threads = [threading.Thread(target=register, args=(ids[i::CLIENTS],)) for i in range(CLIENTS)]
t0 = time.time()
[t.start() for t in threads]
[t.join() for t in threads]
elapsed = time.time() - t0
if errors:
    sys.exit("registrations failed: %s" % errors[:5])
emit("register_per_s", FILINGS / elapsed, "1/s")

notices = app.call("GET", "/api/v1/filings/%s/notices" % ids[0], token=filer).json()
for kind in ("receipt", "acceptance", "fee"):
    url = next(n["url"] for n in notices if n["kind"] == kind).replace(app.base, "")
    app.call("GET", url, token=filer)  # warm-up
    times = []
    for _ in range(20):
        t = time.time()
        r = app.call("GET", url, token=filer)
        times.append((time.time() - t) * 1000)
        if r.status != 200 or r.body[:5] != b"%PDF-":
            sys.exit("%s notice is not a PDF" % kind)
    emit("notice_pdf_%s_median_ms" % kind, statistics.median(times), "ms")
