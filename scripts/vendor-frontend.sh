#!/usr/bin/env bash
# Re-vendors the front-end libraries listed in src/Docket.Web/wwwroot/lib/README.md from the npm registry.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund @picocss/pico@2.1.1 echarts@6.1.0 >/dev/null
dest="$root/src/Docket.Web/wwwroot/lib/pico-2.1.1"
mkdir -p "$dest"
cp node_modules/@picocss/pico/css/pico.min.css node_modules/@picocss/pico/LICENSE.md "$dest/"
echo "vendored @picocss/pico 2.1.1 into $dest"
dest="$root/src/Docket.Web/wwwroot/lib/echarts-6.1.0"
mkdir -p "$dest"
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$dest/"
echo "vendored echarts 6.1.0 into $dest"
