#!/usr/bin/env bash
# Runs a real S3-compatible server on this machine for the receipt storage tests: moto's server
# mode, installed from PyPI into apps/server/.s3-venv on first use (docs/decisions/0021-receipt-storage.md).
# Usage: scripts/s3-server.sh PORT. Prints moto's log; stop it with SIGTERM.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.s3-venv"
version="5.2.5"
if [ ! -x "$venv/bin/moto_server" ] || [ "$(cat "$venv/.moto-version" 2>/dev/null)" != "$version" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$version"
  echo "$version" > "$venv/.moto-version"
fi
exec "$venv/bin/moto_server" -H 127.0.0.1 -p "$1"
