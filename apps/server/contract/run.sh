#!/usr/bin/env bash
# The contract suite: Schemathesis (pinned, in its own virtual environment like the Python SDK's
# suite) against a real keito-server on the embedded PostgreSQL, with an administrator's key made
# by `keito-server workspace create`. Arguments are passed to `schemathesis run` (the root test
# runner passes its JUnit report path). Exit code is Schemathesis's: any failure fails the suite.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
# KEITO_SERVER_BIN: another copy of the server (loosened.sh runs one with a loosened schema).
server_bin="${KEITO_SERVER_BIN:-$here/../bin/keito-server.js}"

python_bin="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi
stamp=.venv/.keito-installed
want="$(cat requirements.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi

data="$(mktemp -d "${TMPDIR:-/tmp}/keito-contract-XXXXXX")"
port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# PUBLIC_URL: notification mails carry an unsubscribe link only when the server knows its address.
export KEITO_DATA_DIR="$data" PORT="$port" LOG_LEVEL=warn PUBLIC_URL="http://127.0.0.1:$port"
# Local Stripe and PayPal fakes and a mailbox (fakes.mjs says why), started first: the server reads
# their addresses at boot.
node fakes.mjs > "$data/fakes.env" 2> "$data/fakes.log" &
fakes=$!
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; fi
  kill "$fakes" 2>/dev/null && wait "$fakes" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  [ "$(wc -l < "$data/fakes.env")" -ge 4 ] && break
  if ! kill -0 "$fakes" 2>/dev/null; then
    echo "the fakes stopped while starting:" >&2
    cat "$data/fakes.log" >&2
    exit 1
  fi
  sleep 0.5
done
while IFS= read -r assignment; do export "${assignment?}"; done < "$data/fakes.env"
node "$server_bin" serve > "$data/server.log" 2>&1 &
server=$!

for _ in $(seq 1 120); do
  if .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/readyz')" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "keito-server stopped while starting:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.5
done

workspace() {
  node "$server_bin" workspace create --name "$1" --admin-email "$2" --json \
    | .venv/bin/python -c 'import json, sys; w = json.load(sys.stdin); print(w["api_key"], w["account_id"])'
}
read -r KEITO_API_KEY KEITO_ACCOUNT_ID < <(workspace 'Contract' contract@example.test)
# A second workspace whose settings the run may change freely, and a third whose payment gateways
# and invoice logo it may remove (schemathesis.toml says why).
read -r KEITO_SETTINGS_API_KEY _ < <(workspace 'Settings' settings@example.test)
read -r KEITO_INVOICING_API_KEY _ < <(workspace 'Invoicing' invoicing@example.test)
export KEITO_API_KEY KEITO_ACCOUNT_ID KEITO_SETTINGS_API_KEY KEITO_INVOICING_API_KEY
# The records the operations' ids point at, as KEITO_FIXTURE_* variables.
fixtures="$(node seed.mjs "http://127.0.0.1:$port" "$KEITO_API_KEY" "$KEITO_INVOICING_API_KEY")"
while IFS= read -r assignment; do export "${assignment?}"; done <<< "$fixtures"

set +e
.venv/bin/schemathesis --config-file schemathesis.toml run "http://127.0.0.1:$port/v1/openapi.json" --no-color "$@"
code=$?
set -e
exit "$code"
