#!/usr/bin/env python3
"""Sum the results of the .trx files (VSTest's TRX logger) found under the given files or folders.

    python3 scripts/trx-summary.py [--console DOTNET_TEST_OUTPUT] RESULTS_DIR [MORE...]

Prints one line on stdout, "PASSED FAILED", and one line per TRX file on stderr.
Per file it reads <Counters passed= failed= error= timeout= aborted= ...> of the ResultSummary;
a file without Counters is counted from its <UnitTestResult outcome="..."> elements.
A run whose summary says Failed/Aborted/Error although no test failed counts one failure,
and no TRX file at all (nothing built, nothing ran) counts as one failure.

--console: the saved console output of `dotnet test`. VSTest names a TRX file after the second its
run ended (r_net10.0_yyyyMMddHHmmss.trx), so two test projects ending in the same second can write
one file. Where the console shows more per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, ...")
than there are TRX files, the console's counts are used instead.
"""
import glob, os, re, sys
import xml.etree.ElementTree as ET

FAILED_COUNTERS = ("failed", "error", "timeout", "aborted")
FAILED_OUTCOMES = {"failed", "error", "timeout", "aborted"}


def local(tag):
    return tag.rsplit("}", 1)[-1]


def count(path):
    """Return (passed, failed, note) for one TRX file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        return 0, 1, "unreadable TRX (%s)" % e
    counters = outcome = None
    results = []
    for el in root.iter():
        name = local(el.tag)
        if name == "Counters" and counters is None:
            counters = el.attrib
        elif name == "ResultSummary":
            outcome = el.attrib.get("outcome", "")
        elif name == "UnitTestResult":
            results.append(el.attrib.get("outcome", "").lower())
    if counters is not None:
        def num(k):
            try:
                return int(counters.get(k, "0"))
            except ValueError:
                return 0
        passed = num("passed")
        failed = sum(num(k) for k in FAILED_COUNTERS)
    else:
        passed = sum(1 for o in results if o == "passed")
        failed = sum(1 for o in results if o in FAILED_OUTCOMES)
    note = ""
    if failed == 0 and (outcome or "").lower() in ("failed", "aborted", "error", "timeout"):
        failed, note = 1, "run outcome %s" % outcome
    return passed, failed, note


SUMMARY = re.compile(r"^\s*(?:Passed|Failed)!\s+-\s+Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+),\s*Total:\s*(\d+)")


def console_counts(path):
    """(assemblies, passed, failed) from the per-assembly summary lines of dotnet test's output."""
    n = passed = failed = 0
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = SUMMARY.match(line)
                if m:
                    n += 1
                    failed += int(m.group(1))
                    passed += int(m.group(2))
    except OSError:
        pass
    return n, passed, failed


def main(args):
    console = None
    if len(args) >= 2 and args[0] == "--console":
        console, args = args[1], args[2:]
    files = []
    for a in args or ["."]:
        if os.path.isdir(a):
            files += glob.glob(os.path.join(a, "**", "*.trx"), recursive=True)
        elif os.path.isfile(a):
            files.append(a)
    files = sorted(set(files))
    passed = failed = 0
    for f in files:
        p, fl, note = count(f)
        passed += p
        failed += fl
        print("trx: %s: %d passed, %d failed%s" % (os.path.basename(f), p, fl, "; " + note if note else ""), file=sys.stderr)
    if console:
        n, c_passed, c_failed = console_counts(console)
        if n > len(files):
            print("trx: %d TRX file(s) for %d test assemblies in the console output (same-second file names?): "
                  "using the console's counts, %d passed, %d failed" % (len(files), n, c_passed, c_failed), file=sys.stderr)
            passed, failed = c_passed, c_failed
            files = files or [console]
    if not files:
        print("trx: no .trx file found: counted as 1 failed", file=sys.stderr)
        failed += 1
    print(passed, failed)


if __name__ == "__main__":
    main(sys.argv[1:])
