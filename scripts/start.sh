#!/bin/sh
# The README's run command: the server on SQLite (./data) with the demo network; prints the URL and logins.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
export LOG_LEVEL="${LOG_LEVEL:-warn}"
exec node bin/switchboard.js serve --demo
