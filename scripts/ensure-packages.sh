#!/usr/bin/env bash
# Install the Debian packages Docket needs, only those not yet installed.
#
#   bash scripts/ensure-packages.sh PKG...        # as a command
#   . scripts/ensure-packages.sh; ensure_packages PKG...   # sourced: defines ensure_packages
#
# - asks dpkg-query which packages are missing; does nothing (and prints nothing) when none are;
# - runs `apt-get update` only when something is missing, then installs the missing ones with
#   --no-install-recommends, non-interactively; apt's output goes to a log file
#   ($DOCKET_APT_LOG, default ${TMPDIR:-/tmp}/docket-apt.log); one line per installed package;
# - services are not started by the install (a temporary policy-rc.d that says "no" is put in
#   place when the machine has none), so installing postgresql starts no Debian cluster;
# - not root: prints which packages are missing and how to install them, and returns 0 (skipped);
# - returns 1 with a clear message (and the end of the log) when apt fails.

ensure_packages() {
    local log="${DOCKET_APT_LOG:-${TMPDIR:-/tmp}/docket-apt.log}"
    local p status missing=()
    for p in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=""
        [ "$status" = "install ok installed" ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    if [ "$(id -u)" -ne 0 ]; then
        echo "ensure-packages: not root, skipping install of: ${missing[*]}" >&2
        echo "ensure-packages: run this as root, or install by hand: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-packages: apt-get not found; install by hand: ${missing[*]}" >&2
        return 1
    fi

    # No service start during the install (Debian's postgresql would start its own cluster).
    local policy=/usr/sbin/policy-rc.d own_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own_policy=1
    fi

    local apt=(apt-get -q -y -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
    local rc=0 failed=() start
    echo "ensure-packages: installing ${missing[*]} (log: $log)"
    echo "=== $(date '+%F %T') ensure-packages: ${missing[*]}" 2>/dev/null >>"$log" || log=/dev/null
    start=$(wc -l <"$log" 2>/dev/null || echo 0)
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" update >>"$log" 2>&1; then
        echo "ensure-packages: warning: apt-get update failed (see $log); trying the install anyway" >&2
    fi
    if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
        # One at a time, so that one bad package does not hold back the others.
        for p in "${missing[@]}"; do
            DEBIAN_FRONTEND=noninteractive "${apt[@]}" install --no-install-recommends "$p" >>"$log" 2>&1 || failed+=("$p")
        done
    fi
    [ -n "$own_policy" ] && rm -f "$policy"

    for p in "${missing[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) || status=""
        if [ "$status" = "install ok installed" ]; then
            echo "ensure-packages: installed $p $(dpkg-query -W -f='${Version}' "$p" 2>/dev/null)"
        else
            case " ${failed[*]} " in *" $p "*) ;; *) failed+=("$p") ;; esac
        fi
    done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "ensure-packages: ERROR: apt-get could not install: ${failed[*]}" >&2
        echo "ensure-packages: apt said (full log: $log):" >&2
        { tail -n +"$((start + 1))" "$log" | grep -E '^(E|W): ' | sort -u | grep . \
            || tail -n +"$((start + 1))" "$log" | tail -n 15; } 2>/dev/null | sed 's/^/    /' >&2
        rc=1
    fi
    return $rc
}

# Called as a command (not sourced): install the packages named on the command line.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -u
    if [ $# -eq 0 ]; then
        echo "usage: $0 PACKAGE..." >&2
        exit 2
    fi
    ensure_packages "$@"
    exit $?
fi
