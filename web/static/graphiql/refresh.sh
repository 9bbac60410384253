#!/usr/bin/env bash
# Maintainer-only: re-vendor the offline GraphiQL assets served at /static/graphiql/.
# Never run at service run time. Needs node + npm with access to an npm registry.
# Usage: web/static/graphiql/refresh.sh   (from anywhere)
set -euo pipefail

GRAPHIQL_VERSION=3.9.0          # last 3.x: ships UMD graphiql.min.js / graphiql.min.css
REACT_VERSION=18.3.1            # last React with UMD builds (React 19 dropped umd/)
EXPLORER_VERSION=3.2.6          # @graphiql/plugin-explorer, peer @graphiql/react ^0.29 (= graphiql 3.9.0)

DEST="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cd "$TMP"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "graphiql@${GRAPHIQL_VERSION}" \
  "react@${REACT_VERSION}" "react-dom@${REACT_VERSION}" \
  "@graphiql/plugin-explorer@${EXPLORER_VERSION}" >/dev/null

NM="$TMP/node_modules"
# "dest-name|package|path inside package"
FILES=(
  "react.production.min.js|react|umd/react.production.min.js"
  "react-dom.production.min.js|react-dom|umd/react-dom.production.min.js"
  "graphiql.min.js|graphiql|graphiql.min.js"
  "graphiql.min.css|graphiql|graphiql.min.css"
  "graphiql-plugin-explorer.umd.js|@graphiql/plugin-explorer|dist/index.umd.js"
  "graphiql-plugin-explorer.css|@graphiql/plugin-explorer|dist/style.css"
)

{
  echo "# Offline GraphiQL assets, vendored from npm by refresh.sh (do not edit by hand)."
  echo "# Files are byte-identical copies of the npm tarball contents."
  echo "# dest-file  <-  package@version : path-in-package  (sha256)"
} > "$DEST/VERSIONS.txt.new"

for entry in "${FILES[@]}"; do
  IFS='|' read -r dest pkg path <<<"$entry"
  ver="$(node -p "require('$NM/$pkg/package.json').version")"
  cp "$NM/$pkg/$path" "$DEST/$dest"
  sum="$(sha256sum "$DEST/$dest" | cut -d' ' -f1)"
  printf '%-32s <-  %s@%s : node_modules/%s/%s  (sha256 %s)\n' "$dest" "$pkg" "$ver" "$pkg" "$path" "$sum" >> "$DEST/VERSIONS.txt.new"
done
mv "$DEST/VERSIONS.txt.new" "$DEST/VERSIONS.txt"

# License notices of the vendored packages (all MIT). graphiql.min.js also bundles
# @graphiql/react, @graphiql/toolkit, graphql, codemirror 5, markdown-it, etc. (MIT);
# graphiql-plugin-explorer.umd.js bundles graphiql-explorer (MIT).
{
  for pkg in graphiql @graphiql/react @graphiql/plugin-explorer graphiql-explorer graphql codemirror markdown-it react react-dom; do
    f="$(ls "$NM/$pkg"/LICENSE* 2>/dev/null | head -n1 || true)"
    [ -n "$f" ] || continue
    ver="$(node -p "require('$NM/$pkg/package.json').version")"
    echo "==== $pkg ($(basename "$f") from npm $pkg@$ver; bundled packages may be another minor version) ===="
    cat "$f"
    echo
  done
} > "$DEST/LICENSES.txt"

echo "Vendored into $DEST:"
cat "$DEST/VERSIONS.txt"
