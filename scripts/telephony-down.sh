#!/bin/sh
# `npm run telephony:down`: stops the Kamailio and rtpengine that telephony:up started (by their PIDs only).
cd "$(dirname "$0")/.."
RUN="${SWITCHBOARD_TELEPHONY_DIR:-$(pwd)/data/telephony}"
for name in kamailio rtpengine; do
  file="$RUN/$name.pid"
  [ -f "$file" ] || continue
  pid=$(cat "$file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    echo "stopped $name ($pid)"
  fi
  rm -f "$file"
done
