#!/bin/sh
# The README's run command. Until the server lands (issue 3), it runs test calls on the demo network.
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
node bin/switchboard.js demo
