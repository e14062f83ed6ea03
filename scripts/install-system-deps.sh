#!/usr/bin/env bash
# Install the Debian packages the atlas needs, only those that are missing.
# GDAL/GEOS/PROJ (GeoDjango), SpatiaLite (embedded database), PostGIS for the machine's
# PostgreSQL and its client (pg_dump/pg_restore: atlas_backup), Chromium (browser tests),
# python3-venv (Debian's Python loads SQLite extensions).
set -euo pipefail

pg_major=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
pg_major=${pg_major:-15}
packages=(gdal-bin libsqlite3-mod-spatialite "postgresql-${pg_major}-postgis-3" "postgresql-client-${pg_major}"
          chromium python3-venv)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
