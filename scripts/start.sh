#!/bin/sh
# The README's run command: the server on SQLite (./data) with the demo network; prints the URL and logins.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
exec node bin/switchboard.js serve --demo
