#!/bin/sh
# Sourced by telephony-up.sh and test.sh: Debian's Kamailio (with the evapi, jansson, db_sqlite and
# db_postgres modules), rtpengine and sipp, installed with apt-get when missing (as root).
MODULES=/usr/lib/x86_64-linux-gnu/kamailio/modules
if ! command -v kamailio >/dev/null 2>&1 || ! command -v rtpengine >/dev/null 2>&1 || ! command -v sipp >/dev/null 2>&1 \
   || [ ! -f "$MODULES/evapi.so" ] || [ ! -f "$MODULES/jansson.so" ] || [ ! -f "$MODULES/db_sqlite.so" ] || [ ! -f "$MODULES/db_postgres.so" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "switchboard: Kamailio, rtpengine and sipp are needed; run this once as root (it installs Debian's packages)." >&2
    exit 1
  fi
  echo "switchboard: installing Kamailio, rtpengine and sipp (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    kamailio kamailio-utils-modules kamailio-json-modules kamailio-extra-modules kamailio-sqlite-modules \
    kamailio-postgres-modules rtpengine-daemon sip-tester sox) >/dev/null
fi
