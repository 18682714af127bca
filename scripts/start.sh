#!/bin/sh
# The README's run command: the server on SQLite (./data) with the demo network; prints the URL and logins.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
# The web UI is built when missing or older than its sources (about 2 s).
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts package-lock.json -newer web/dist/index.html 2>/dev/null | head -n 1)" ]; then
  echo "switchboard: building the web UI..."
  npm run --silent build:web >/dev/null
fi
export LOG_LEVEL="${LOG_LEVEL:-warn}"
exec node bin/switchboard.js serve --demo
