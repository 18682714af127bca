#!/bin/sh
# `npm run telephony:up`: rtpengine and Kamailio with the project's configuration on loopback.
# Installs Debian's packages first when they are missing (as root). PIDs are kept in the run
# folder so that telephony:down stops exactly these processes and nothing else.
#   SWITCHBOARD_TELEPHONY_DIR  run folder (default data/telephony, private to this user): PIDs, logs,
#                              recordings, and evapi.secret (what Switchboard must send Kamailio)
#   EVAPI_SECRET               the evapi secret (default: a fresh random one, kept in evapi.secret)
#   SIP_PORT (5060), EVAPI_PORT (8448), RTPENGINE_NG_PORT (2223), ROUTE_TIMEOUT_MS (1000)
#   STATIC_ROUTE=host:port  the benchmark's baseline: Kamailio sends every call there, asking no one
#   RTPENGINE_PORTS=min-max  rtpengine's media ports (default 40000-49999: 4 a call, 2,500 calls at once)
#   SWITCHBOARD_NODES        the nodes' SWITCHBOARD_SIP_PROBE addresses, comma-separated (default
#                            127.0.0.1:5090, one node): Kamailio's dispatcher list
#   EVENTS_DB                where Kamailio keeps events while no node is connected: Switchboard's
#                            database (default: data/switchboard.db as sqlite:////<absolute path>, four
#                            slashes: db_sqlite reads what follows the third as the path; postgres://… for several nodes)
set -eu
cd "$(dirname "$0")/.."
RUN="${SWITCHBOARD_TELEPHONY_DIR:-$(pwd)/data/telephony}"
SIP_PORT="${SIP_PORT:-5060}"
EVAPI_PORT="${EVAPI_PORT:-8448}"
NG_PORT="${RTPENGINE_NG_PORT:-2223}"
ROUTE_TIMEOUT_MS="${ROUTE_TIMEOUT_MS:-1000}"
RTPENGINE_PORTS="${RTPENGINE_PORTS:-40000-49999}"

. scripts/ensure-telephony.sh

sh scripts/telephony-down.sh >/dev/null 2>&1 || true
umask 077
mkdir -p "$RUN/recordings"
RUN=$(cd "$RUN" && pwd)
SECRET="${EVAPI_SECRET:-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}"
case "$SECRET" in *[!A-Za-z0-9]*|'') echo "switchboard: EVAPI_SECRET must be letters and digits" >&2; exit 1;; esac
printf '%s\n' "$SECRET" > "$RUN/evapi.secret"
NODES="${SWITCHBOARD_NODES:-127.0.0.1:5090}"
: > "$RUN/dispatcher.list"
for node in $(echo "$NODES" | tr ',' ' '); do
  case "$node" in *[!A-Za-z0-9.:_-]*|'') echo "switchboard: SWITCHBOARD_NODES: \"$node\" is not host:port" >&2; exit 1;; esac
  printf '1 sip:%s\n' "$node" >> "$RUN/dispatcher.list"
done
EVENTS_DB="${EVENTS_DB:-sqlite:///$(pwd)/data/switchboard.db}"
case "$EVENTS_DB" in *[!A-Za-z0-9.:/@_%=?\&+-]*) echo "switchboard: EVENTS_DB has a character Kamailio's configuration cannot hold" >&2; exit 1;; esac

sed -e "s|udp:127.0.0.1:5060|udp:127.0.0.1:$SIP_PORT|" -e "s|127.0.0.1:8448|127.0.0.1:$EVAPI_PORT|" \
    -e "s|udp:127.0.0.1:2223|udp:127.0.0.1:$NG_PORT|" -e "s|!ROUTE_TIMEOUT_MS!1000!|!ROUTE_TIMEOUT_MS!$ROUTE_TIMEOUT_MS!|" \
    -e "s|!RUN_DIR!/run/kamailio!|!RUN_DIR!$RUN!|" -e "s|!EVAPI_SECRET!!|!EVAPI_SECRET!$SECRET!|" -e "s|!STATIC_TARGET!127.0.0.1:5070!|!STATIC_TARGET!${STATIC_ROUTE:-127.0.0.1:5070}!|" \
    -e "s|!DISPATCHER_LIST!/run/kamailio/dispatcher.list!|!DISPATCHER_LIST!$RUN/dispatcher.list!|" -e "s|!EVENTS_DB![^!]*!|!EVENTS_DB!$EVENTS_DB!|" \
    deploy/kamailio/kamailio.cfg > "$RUN/kamailio.cfg"
DEFINES=""
if [ -n "${STATIC_ROUTE:-}" ]; then DEFINES="-A STATIC_ROUTE"; fi
# shellcheck disable=SC2086
kamailio -c $DEFINES -f "$RUN/kamailio.cfg" >"$RUN/kamailio-check.log" 2>&1 || { cat "$RUN/kamailio-check.log" >&2; exit 1; }

# Both run in the run folder: a core dump (rtpengine 10.5 has been seen to dump one when stopped
# under load; Kamailio raises its own core limit) lands there, never in the checkout.
cd "$RUN"
rtpengine --config-file=none --foreground --log-stderr --interface=127.0.0.1 --listen-ng="127.0.0.1:$NG_PORT" \
  --port-min="${RTPENGINE_PORTS%-*}" --port-max="${RTPENGINE_PORTS#*-}" --recording-dir="$RUN/recordings" --recording-method=pcap --table=-1 --delete-delay=0 \
  >"$RUN/rtpengine.log" 2>&1 &
echo $! > "$RUN/rtpengine.pid"

rtpengine_pong() {
  node -e '
    const u = require("dgram").createSocket("udp4"); const t = setTimeout(() => process.exit(1), 300);
    u.on("message", (m) => { clearTimeout(t); process.exit(/pong/.test(m) ? 0 : 1); });
    u.send("up d7:command4:pinge", Number(process.argv[1]), "127.0.0.1");' "$NG_PORT" 2>/dev/null
}
evapi_open() {
  node -e '
    const s = require("net").connect(Number(process.argv[1]), "127.0.0.1", () => { s.destroy(); process.exit(0); });
    s.on("error", () => process.exit(1));' "$EVAPI_PORT" 2>/dev/null
}

# Kamailio pings rtpengine when it starts (and stops using one that does not answer): rtpengine first.
ready=no
for _ in $(seq 1 50); do rtpengine_pong && { ready=yes; break; }; sleep 0.2; done
if [ "$ready" = yes ]; then
  # shellcheck disable=SC2086
  # 512 MB of shared memory: Debian's 64 MB default runs out near 400 new calls a second (kamailio.cfg).
  kamailio -DD -E -m 512 -w "$RUN" $DEFINES -f "$RUN/kamailio.cfg" >"$RUN/kamailio.log" 2>&1 &
  echo $! > "$RUN/kamailio.pid"
  for _ in $(seq 1 50); do
    if evapi_open; then
      echo "switchboard: Kamailio on udp:127.0.0.1:$SIP_PORT (evapi 127.0.0.1:$EVAPI_PORT), rtpengine ng on 127.0.0.1:$NG_PORT; run folder $RUN (evapi secret in $RUN/evapi.secret)"
      exit 0
    fi
    sleep 0.2
  done
fi
echo "switchboard: telephony did not come up; see $RUN/kamailio.log and $RUN/rtpengine.log" >&2
tail -n 20 "$RUN/kamailio.log" "$RUN/rtpengine.log" >&2
exit 1
