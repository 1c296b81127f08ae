#!/usr/bin/env bash
# Docket's test command: builds the solution, runs every test project against a throwaway
# PostgreSQL cluster, runs the optional contract journeys, and ends with the line "N passed, N failed".
# Exit 0 only when nothing failed and at least one test ran. Works as root on a fresh Debian machine
# (installs what it needs) and under CI (CI=true, no stdin).
#
# Environment:
#   DOCKET_TEST_FILTER       passed to `dotnet test --filter` (e.g. "FullyQualifiedName~Fees");
#                            the contract journeys are skipped then
#   DOCKET_TEST_POSTGRES     if already set, that server is used and no cluster is started
#   DOCKET_TEST_TIMEOUT      limit for `dotnet test` (timeout(1) syntax, default 60m)
#   DOCKET_CONTRACT_TIMEOUT  limit per contract journey (default 20m)
#   DOCKET_KEEP_RESULTS=1    keep the results folder (TRX files, logs) and print where it is
#   DOCKET_CHROMIUM          the browser of the browser tests (default /usr/bin/chromium, Debian's package,
#                            installed here when missing; a browser is never downloaded)
#   DOCKET_SCREENSHOTS       where the browser tests save a screenshot of each step
#                            (default tests/Docket.BrowserTests/bin/screenshots, emptied at the start)
set -u
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
root=$PWD
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[ -n "${HOME:-}" ] || export HOME=$(getent passwd "$(id -u)" | cut -d: -f6)   # dotnet/NuGet need one
# No MSBuild worker nodes left behind: they would outlive the script and keep its output pipe open.
export MSBUILDDISABLENODEREUSE=1

now_ms() { date +%s%3N; }
secs_since() { local t=$(( $(now_ms) - $1 )); printf '%d.%ds' $((t / 1000)) $((t % 1000 / 100)); }

pg_dir="" pg_bin="" pg_as=() pg_error="" results="" cleaned=""

stop_postgres() {
    [ -n "$pg_dir" ] || return 0
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
        "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -t 30 stop >/dev/null 2>&1 \
            || "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -t 10 stop >/dev/null 2>&1
        if [ -f "$pg_dir/data/postmaster.pid" ]; then   # still there: kill our own postmaster by its pid
            local pid; pid=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null)
            [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
        fi
    fi
    rm -rf "$pg_dir"
    pg_dir=""
}

cleanup() {
    [ -n "$cleaned" ] && return 0
    cleaned=1
    stop_postgres
    if [ -n "$results" ]; then
        if [ "${DOCKET_KEEP_RESULTS:-}" = "1" ]; then
            echo "test.sh: results kept in $results" >&2
        else
            rm -rf "$results"
        fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

finish() {  # finish PASSED FAILED: clean up, print the last line, exit
    cleanup
    echo "$1 passed, $2 failed"
    if [ "$2" -eq 0 ] && [ "$1" -gt 0 ]; then exit 0; fi
    exit 1
}

results=$(mktemp -d "${TMPDIR:-/tmp}/docket-test.XXXXXX") || { results=""; echo "test.sh: cannot make a temp folder"; finish 0 1; }

# --- packages -----------------------------------------------------------------------------------
. "$root/scripts/ensure-packages.sh"
# chromium: Debian's browser for the browser tests, unless another one is given in DOCKET_CHROMIUM.
browser_packages=()
[ -z "${DOCKET_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && browser_packages=(chromium)
ensure_packages fonts-arphic-gbsn00lp fonts-hanazono poppler-utils postgresql clamav-daemon "${browser_packages[@]}" \
    || echo "test.sh: WARNING: some packages could not be installed; tests that need them will fail" >&2

# --- PostgreSQL: a throwaway cluster of our own (never Debian's service cluster) ------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

start_postgres() {  # sets DOCKET_TEST_POSTGRES, or pg_error and returns 1
    local t0 log port try
    t0=$(now_ms)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
        pg_error="no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"; return 1
    fi
    # Under /tmp, not $TMPDIR: the postgres user must be able to reach the folder.
    pg_dir=$(mktemp -d /tmp/docket-pg.XXXXXX) || { pg_dir=""; pg_error="cannot make a temp folder"; return 1; }
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { pg_error="no 'postgres' user to run the server as"; return 1; }
        chown postgres "$pg_dir" || { pg_error="cannot chown $pg_dir"; return 1; }
        pg_as=(runuser -u postgres --)
    else
        pg_as=()   # not root: the server runs as the current user
    fi
    log="$pg_dir/postgres.log"
    # (cd first: initdb and pg_ctl want a working directory the postgres user can read)
    if ! (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1); then
        rm -rf "$pg_dir/data"
        if ! (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres \
                --encoding=UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1); then
            pg_error="initdb failed: $(tail -n 5 "$pg_dir/initdb.log" 2>/dev/null)"; return 1
        fi
    fi
    for try in 1 2 3; do   # a fresh port if another process took ours in between
        port=$(free_port) || { pg_error="cannot pick a free port"; return 1; }
        if (cd "$pg_dir" && "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$log" -w -t 60 \
                -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
                start >/dev/null 2>&1); then
            export DOCKET_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres;Pooling=true"
            echo "test.sh: PostgreSQL $("$pg_bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (started in $(secs_since "$t0"))"
            return 0
        fi
    done
    pg_error="pg_ctl start failed: $(tail -n 5 "$log" 2>/dev/null)"
    return 1
}

if [ -n "${DOCKET_TEST_POSTGRES:-}" ]; then
    echo "test.sh: using the PostgreSQL server given in DOCKET_TEST_POSTGRES"
elif ! start_postgres; then
    stop_postgres
    unset DOCKET_TEST_POSTGRES
    {
        echo "################################################################################"
        echo "## test.sh: WARNING: no PostgreSQL for the tests; DOCKET_TEST_POSTGRES is not set."
        echo "$pg_error" | sed 's/^/##   /'
        echo "################################################################################"
    } >&2
fi

# --- build ----------------------------------------------------------------------------------------
t0=$(now_ms)
echo "test.sh: dotnet build Docket.sln -c Release"
if ! dotnet build Docket.sln -c Release --nologo -v q </dev/null >"$results/build.log" 2>&1; then
    echo "test.sh: BUILD FAILED ($(secs_since "$t0")):"
    errors=$(grep -E ': (error|fatal error) ' "$results/build.log" | sed 's/^ *//' | sort -u)
    if [ -n "$errors" ]; then echo "$errors" | head -n 60; else tail -n 40 "$results/build.log"; fi
    finish 0 1
fi
echo "test.sh: build ok ($(secs_since "$t0"))"

# --- tests ----------------------------------------------------------------------------------------
t0=$(now_ms)
test_args=(test Docket.sln -c Release --no-build --nologo --logger "trx;LogFilePrefix=r" --results-directory "$results/trx")
[ -n "${DOCKET_TEST_FILTER:-}" ] && test_args+=(--filter "$DOCKET_TEST_FILTER")
echo "test.sh: dotnet ${test_args[*]}"
# SIGINT on timeout, so that dotnet test stops its test hosts itself; --foreground keeps Ctrl-C working.
# The console output is shown as usual and kept, to cross-check the TRX files (see trx-summary.py).
# TMPDIR: whatever the tests leave in the temp folder goes with the results folder.
mkdir -p "$results/tmp"
# The browser tests' screenshots outlive the results folder (to look at, or for CI to keep); the default folder is ours
# to empty, so that it holds this run's screenshots only.
if [ -z "${DOCKET_SCREENSHOTS:-}" ]; then
    export DOCKET_SCREENSHOTS="$root/tests/Docket.BrowserTests/bin/screenshots"
    rm -rf "$DOCKET_SCREENSHOTS"
fi
TMPDIR="$results/tmp" timeout --foreground -s INT -k 60 "${DOCKET_TEST_TIMEOUT:-60m}" dotnet "${test_args[@]}" </dev/null 2>&1 \
    | tee "$results/test.log"
test_rc=${PIPESTATUS[0]}
[ $test_rc -eq 124 ] && echo "test.sh: dotnet test TIMED OUT after ${DOCKET_TEST_TIMEOUT:-60m}"
echo "test.sh: dotnet test exit code $test_rc ($(secs_since "$t0"))"
shots=$(find "$DOCKET_SCREENSHOTS" -name '*.png' 2>/dev/null | wc -l)
[ "$shots" -gt 0 ] && echo "test.sh: browser test screenshots ($shots) in $DOCKET_SCREENSHOTS"

read -r passed failed < <(python3 "$root/scripts/trx-summary.py" --console "$results/test.log" "$results/trx")
passed=${passed:-0} failed=${failed:-1}
if [ $test_rc -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "test.sh: dotnet test failed (exit $test_rc) though no test failed in the TRX files: counted as 1 failed"
    failed=$((failed + 1))
fi

# --- contract journeys (optional: only where ../shared/contract is beside the repository) ---------
if [ -n "${DOCKET_TEST_FILTER:-}" ]; then
    echo "test.sh: contract journeys skipped (DOCKET_TEST_FILTER is set)"
elif [ -e "$root/../shared/contract/filing-journey" ] && [ -f "$root/.ci/contract-journeys" ]; then
    export DOCKET_CONTRACT_CACHE="$results/contract-cache"
    mkdir -p "$DOCKET_CONTRACT_CACHE" "$results/contract-tmp"
    while IFS= read -r name || [ -n "$name" ]; do
        name=$(echo "$name" | sed 's/#.*//; s/^[[:space:]]*//; s/[[:space:]]*$//')
        [ -n "$name" ] || continue
        t0=$(now_ms)
        out="$results/contract-$name.log"
        if [ ! -f "$root/../shared/contract/$name" ]; then
            echo "contract $name: FAILED: no ../shared/contract/$name"
            failed=$((failed + 1)); continue
        fi
        # TMPDIR: the journeys' app data folders go under the results folder and are removed with it.
        TMPDIR="$results/contract-tmp" timeout --foreground -s INT -k 30 "${DOCKET_CONTRACT_TIMEOUT:-20m}" \
            python3 "$root/../shared/contract/$name" </dev/null >"$out" 2>&1
        rc=$?
        last=$(grep -v '^[[:space:]]*$' "$out" | tail -n 1)
        if [ $rc -eq 0 ]; then
            passed=$((passed + 1)); echo "contract $name: passed ($(secs_since "$t0")): $last"
        else
            failed=$((failed + 1)); echo "contract $name: FAILED (exit $rc, $(secs_since "$t0")): $last"
            # The app's log goes with the results folder: show where it went wrong.
            applog=$(ls -t "$results"/contract-tmp/*/app.log 2>/dev/null | head -n 1)
            if [ -n "$applog" ]; then
                grep -m 1 -A 4 -E '^(Unhandled exception|fail:|crit:)' "$applog" | cut -c1-300 | sed "s/^/    app.log: /"
            fi
        fi
    done <"$root/.ci/contract-journeys"
fi

finish "$passed" "$failed"
