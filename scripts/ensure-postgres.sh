#!/bin/sh
# Sourced by test.sh: makes a PostgreSQL server reachable for the tests and exports
# SWITCHBOARD_TEST_POSTGRES. Order: an explicit SWITCHBOARD_TEST_POSTGRES; the local server on
# 5432 with trust auth (these machines, CI); else (as root) Debian's postgresql package with a
# dedicated cluster "switchboard" on port 5433 with trust auth, created and started here. The
# user's own clusters are never changed.
pg_reachable() { psql "$1" -tAc 'select 1' >/dev/null 2>&1; }

if [ -n "${SWITCHBOARD_TEST_POSTGRES:-}" ]; then
  pg_reachable "$SWITCHBOARD_TEST_POSTGRES" || { echo "switchboard: SWITCHBOARD_TEST_POSTGRES=$SWITCHBOARD_TEST_POSTGRES is not reachable" >&2; exit 1; }
elif command -v psql >/dev/null 2>&1 && pg_reachable "postgres://postgres@127.0.0.1:5432/postgres"; then
  SWITCHBOARD_TEST_POSTGRES="postgres://postgres@127.0.0.1:5432/postgres"
else
  if [ "$(id -u)" != 0 ]; then
    echo "switchboard: the tests need PostgreSQL. Run npm test as root once (it installs Debian's postgresql), or set SWITCHBOARD_TEST_POSTGRES to a server with a database you may create databases on." >&2
    exit 1
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "switchboard: installing PostgreSQL (apt-get install postgresql)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql postgresql-client) >/dev/null
  fi
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $2}' | grep -qx switchboard; then
    pg_createcluster "$version" switchboard -p 5433 -- --auth=trust >/dev/null
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" switchboard start 2>/dev/null || true
  SWITCHBOARD_TEST_POSTGRES="postgres://postgres@127.0.0.1:5433/postgres"
  i=0
  until pg_reachable "$SWITCHBOARD_TEST_POSTGRES"; do
    i=$((i + 1)); [ $i -gt 30 ] && { echo "switchboard: PostgreSQL did not start on port 5433" >&2; exit 1; }
    sleep 1
  done
fi
export SWITCHBOARD_TEST_POSTGRES
echo "switchboard: tests use PostgreSQL at $SWITCHBOARD_TEST_POSTGRES"
