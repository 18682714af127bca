#!/bin/sh
# Sourced by test.sh: Debian's Chromium for the browser tests (never a browser downloaded by a
# test tool). CHROMIUM_PATH names another Chromium; otherwise, as root, apt-get installs it.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "switchboard: the browser tests need Chromium. Run npm test as root once (it installs Debian's chromium), or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "switchboard: installing Chromium (apt-get install chromium)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium) >/dev/null
fi
[ -x "$CHROMIUM_PATH" ] || { echo "switchboard: Chromium is not at $CHROMIUM_PATH" >&2; exit 1; }
export CHROMIUM_PATH
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
