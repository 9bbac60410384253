#!/usr/bin/env bash
# Maintainer-only: re-vendor Cytoscape.js, served offline at /static/explorer/vendor/.
# Never run at service run time. Needs node + npm with access to an npm registry.
# Usage: web/static/explorer/vendor/refresh.sh   (from anywhere)
set -euo pipefail

CYTOSCAPE_VERSION=3.34.4

DEST="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "cytoscape@${CYTOSCAPE_VERSION}" >/dev/null

PKG="$TMP/node_modules/cytoscape"
cp "$PKG/dist/cytoscape.min.js" "$DEST/cytoscape.min.js"
cp "$PKG/LICENSE" "$DEST/LICENSE.cytoscape.txt"
sum="$(sha256sum "$DEST/cytoscape.min.js" | cut -d' ' -f1)"
{
  echo "# Offline explorer assets, vendored from npm by refresh.sh (do not edit by hand)."
  echo "# dest-file  <-  package@version : path-in-package  (sha256)"
  printf '%-20s <-  cytoscape@%s : dist/cytoscape.min.js  (sha256 %s)\n' \
    cytoscape.min.js "$CYTOSCAPE_VERSION" "$sum"
} > "$DEST/VERSIONS.txt"
cat "$DEST/VERSIONS.txt"
