#!/usr/bin/env bash
# Make sure the local PostgreSQL answers on 127.0.0.1:5432 (start the cluster if it is down)
# and, when given a database name, that the database exists. PostGIS itself is enabled by
# Django's postgis backend (CREATE EXTENSION IF NOT EXISTS postgis) on migrate/test set-up.
set -euo pipefail
host=127.0.0.1 port=5432 user=postgres

if ! pg_isready -q -h "$host" -p "$port"; then
    pg_major=$(ls /etc/postgresql | sort -n | tail -n 1)
    echo "PostgreSQL is down; starting cluster ${pg_major}/main"
    pg_ctlcluster --skip-systemctl-redirect "$pg_major" main start
    for _ in $(seq 30); do pg_isready -q -h "$host" -p "$port" && break; sleep 1; done
fi
pg_isready -q -h "$host" -p "$port" || { echo "error: PostgreSQL is not answering on $host:$port" >&2; exit 1; }

if [[ $# -ge 1 ]]; then
    db=$1
    exists=$(psql -h "$host" -p "$port" -U "$user" -tAc "SELECT 1 FROM pg_database WHERE datname='${db}'")
    [[ "$exists" == 1 ]] || createdb -h "$host" -p "$port" -U "$user" "$db"
fi
