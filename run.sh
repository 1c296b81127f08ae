#!/usr/bin/env bash
# Start Docket from source with the demo data: ./run.sh [extra arguments for the app]
# Defaults (each only where not already set in the environment):
#   Docket__Demo=true  Docket__DataPath=$PWD/data  ASPNETCORE_URLS=http://localhost:5080
#   ASPNETCORE_ENVIRONMENT=Production
set -u
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1

# Fonts for the generated PDFs (Chinese text). Not fatal: the app starts without them.
. ./scripts/ensure-packages.sh
ensure_packages fonts-arphic-gbsn00lp fonts-hanazono \
    || echo "run.sh: WARNING: fonts missing; PDFs with Chinese text may render badly" >&2

export Docket__Demo="${Docket__Demo:-true}"
export Docket__DataPath="${Docket__DataPath:-$PWD/data}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$Docket__DataPath"

# The first URL, with a wildcard host shown as localhost.
url=${ASPNETCORE_URLS%%;*}
url=$(printf '%s' "$url" | sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|/|$)#://localhost\2#')

cat <<BANNER
==============================================================================
 Docket is starting (dotnet run, Release; the first build takes a minute)
   URL:   $url
   data:  $Docket__DataPath
BANNER
case "${Docket__Demo,,}" in true|1)
cat <<BANNER
 Demo logins, all with the password Docket-demo-2026:
   filer@demo.docket               a verified filer
   clerk.620622@demo.docket        a clerk of court 620622
   courtadmin.620622@demo.docket   the court admin of court 620622
   admin@demo.docket               the system admin
   mediator.dajing@demo.docket     the mediator of the Dajing mediation room (Gulang)
   officer.dachaigou@demo.docket   an officer of the Dachaigou police station (dispute screening, study)
   plc.admin@demo.docket           the Wuwei political-legal committee (staff education)
   unit.admin.620600@demo.docket   the intermediate court's unit admin (staff education)
BANNER
;; esac
cat <<BANNER
 Stop with Ctrl-C.
==============================================================================
BANNER

# --no-launch-profile: the settings above, not a launchSettings.json profile, decide URL and environment.
exec dotnet run --project src/Docket.Web -c Release --no-launch-profile -- "$@"
