#!/bin/sh
# Installs the project's npm dependencies when they are missing or older than the lockfile.
# Sourced by start.sh and test.sh so that each of the README's two commands works on a fresh clone.
if ! command -v node >/dev/null 2>&1; then
  echo "switchboard: Node.js 20.19 or newer is required (https://nodejs.org)" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "switchboard: installing npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
