#!/usr/bin/env bash
# Runs a command with TEST_POSTGRES_URL naming a PostgreSQL server the tests may create databases on:
# the one given, or this machine's Debian cluster, started for the run (pg_ctlcluster) and stopped after.
# A throwaway role is made for the run; each test file or run makes and drops its own database.
set -euo pipefail
if [ -n "${TEST_POSTGRES_URL:-}" ]; then exec "$@"; fi
if ! command -v pg_lsclusters >/dev/null; then
  echo "The PostgreSQL pass needs PostgreSQL: apt-get install postgresql, or set TEST_POSTGRES_URL=postgres://user:password@host:port/postgres" >&2
  exit 1
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_createcluster "$version" main >/dev/null
  read -r version cluster port status _ < <(pg_lsclusters -h | head -1)
fi
started=0
if [ "$status" != online ]; then
  pg_ctlcluster "$version" "$cluster" start
  started=1
fi

role="cm_test_$$"
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
cd /tmp
as_postgres psql -q -p "$port" -c "create role $role login createdb password '$password'"
cleanup() {
  cd /tmp
  for db in $(as_postgres psql -At -p "$port" -c "select datname from pg_database d join pg_roles r on r.oid = d.datdba where r.rolname = '$role'"); do
    as_postgres psql -q -p "$port" -c "drop database if exists \"$db\" with (force)" || true
  done
  as_postgres psql -q -p "$port" -c "drop role if exists $role" || true
  if [ "$started" = 1 ]; then pg_ctlcluster "$version" "$cluster" stop || true; fi
}
trap cleanup EXIT
cd - >/dev/null
export TEST_POSTGRES_URL="postgres://$role:$password@127.0.0.1:$port/postgres"
"$@"
