#!/bin/sh
# `npm run cluster:down`: stops what cluster:up started (the nodes, Kamailio and rtpengine, PostgreSQL), by their PIDs only.
cd "$(dirname "$0")/.."
RUN="${SWITCHBOARD_CLUSTER_DIR:-$(pwd)/data/cluster}"
[ -d "$RUN" ] || exit 0
node --import tsx scripts/cluster.ts down "$RUN"
SWITCHBOARD_TELEPHONY_DIR="$RUN/telephony" sh scripts/telephony-down.sh
