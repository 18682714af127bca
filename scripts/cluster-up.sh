#!/bin/sh
# `npm run cluster:up`: a whole deployment on loopback, as docs/operations.md describes it on
# several machines: PostgreSQL (a server of its own, port 15432), Kamailio and rtpengine
# (telephony:up), and three Switchboard nodes (8081, 8082, 8083) sharing the database, the first
# one seeding the demo network. Installs what is missing (npm dependencies; as root, Debian's
# postgresql, kamailio, rtpengine). Everything it starts is stopped by `npm run cluster:down`.
#   SWITCHBOARD_CLUSTER_DIR  run folder (default data/cluster): logs, PIDs, the nodes' data folders
set -eu
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "switchboard: cluster:up needs PostgreSQL's server (apt-get install postgresql) or root to install it" >&2; exit 1; fi
  echo "switchboard: installing PostgreSQL (apt-get install postgresql)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client) >/dev/null
fi
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/vite.config.ts package-lock.json -newer web/dist/index.html 2>/dev/null | head -n 1)" ]; then
  echo "switchboard: building the web UI..."
  npm run --silent build:web >/dev/null
fi
RUN="${SWITCHBOARD_CLUSTER_DIR:-$(pwd)/data/cluster}"
sh scripts/cluster-down.sh >/dev/null 2>&1 || true
umask 077
mkdir -p "$RUN"
# Kamailio's dispatcher lists the three nodes by their probe addresses (scripts/cluster.ts gives each
# its SWITCHBOARD_SIP_PROBE); events no node can take are kept in the nodes' PostgreSQL.
SWITCHBOARD_NODES=127.0.0.1:5091,127.0.0.1:5092,127.0.0.1:5093 EVENTS_DB=postgres://postgres@127.0.0.1:15432/switchboard \
  SWITCHBOARD_TELEPHONY_DIR="$RUN/telephony" sh scripts/telephony-up.sh >"$RUN/telephony-up.log" 2>&1 || { cat "$RUN/telephony-up.log" >&2; exit 1; }
exec node --import tsx scripts/cluster.ts up "$RUN"
