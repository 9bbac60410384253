#!/usr/bin/env bash
# Maintainer-only: re-vendor the explorer's browser libraries, served offline at
# /static/explorer/vendor/. Never run at service run time. Needs node + npm with access
# to an npm registry. VERSIONS.txt records each file's package, version and sha256; a
# unit test (tests/web/test_vendored.py) checks the files against it.
# Usage: web/static/explorer/vendor/refresh.sh   (from anywhere)
set -euo pipefail

# package@version  path-in-package  dest-file  license-file-in-package
FILES=(
  "cytoscape@3.34.4        dist/cytoscape.min.js          cytoscape.min.js       LICENSE"
  "layout-base@2.0.1       layout-base.js                 layout-base.js         LICENSE"
  "cose-base@2.2.0         cose-base.js                   cose-base.js           LICENSE"
  "cytoscape-fcose@2.2.0   cytoscape-fcose.js             cytoscape-fcose.js     LICENSE"
  "cytoscape-svg@0.4.0     cytoscape-svg.js               cytoscape-svg.js       LICENSE"
  "d3-array@3.2.5          dist/d3-array.min.js           d3-array.min.js        LICENSE"
  "d3-geo@3.1.2            dist/d3-geo.min.js             d3-geo.min.js          LICENSE"
  "topojson-client@3.1.0   dist/topojson-client.min.js    topojson-client.min.js LICENSE"
  "world-atlas@2.0.2       countries-110m.json            countries-110m.json    LICENSE"
  "d3-dispatch@3.0.2       dist/d3-dispatch.min.js        d3-dispatch.min.js     LICENSE"
  "d3-selection@3.0.1      dist/d3-selection.min.js       d3-selection.min.js    LICENSE"
  "d3-color@3.1.1          dist/d3-color.min.js           d3-color.min.js        LICENSE"
  "d3-interpolate@3.0.2    dist/d3-interpolate.min.js     d3-interpolate.min.js  LICENSE"
  "d3-ease@3.0.2           dist/d3-ease.min.js            d3-ease.min.js         LICENSE"
  "d3-timer@3.0.2          dist/d3-timer.min.js           d3-timer.min.js        LICENSE"
  "d3-transition@3.0.2     dist/d3-transition.min.js      d3-transition.min.js   LICENSE"
  "d3-drag@3.0.1           dist/d3-drag.min.js            d3-drag.min.js         LICENSE"
  "d3-zoom@3.0.1           dist/d3-zoom.min.js            d3-zoom.min.js         LICENSE"
  "graphql-ws@6.4.2        umd/graphql-ws.min.js          graphql-ws.min.js      LICENSE.md"
)

DEST="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
npm init -y >/dev/null
packages=()
for row in "${FILES[@]}"; do
  read -r spec _ <<<"$row"
  packages+=("$spec")
done
npm install --no-audit --no-fund --ignore-scripts --save-exact "${packages[@]}" >/dev/null

{
  echo "# Offline explorer assets, vendored from npm by refresh.sh (do not edit by hand)."
  echo "# dest-file  <-  package@version : path-in-package  (sha256)"
} > "$DEST/VERSIONS.txt"
for row in "${FILES[@]}"; do
  read -r spec source dest license <<<"$row"
  name="${spec%@*}"
  cp "$TMP/node_modules/$name/$source" "$DEST/$dest"
  cp "$TMP/node_modules/$name/$license" "$DEST/LICENSE.$name.txt"
  sum="$(sha256sum "$DEST/$dest" | cut -d' ' -f1)"
  printf '%-24s <-  %s : %s  (sha256 %s)\n' "$dest" "$spec" "$source" "$sum" >> "$DEST/VERSIONS.txt"
done
cat "$DEST/VERSIONS.txt"
