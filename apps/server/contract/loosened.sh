#!/usr/bin/env bash
# Shows that the contract suite catches a schema that says less than the server enforces
# (decision 0048). A copy of the server has one request schema loosened: updateTimeEntry's
# `spent_date` loses its calendar-date pattern, while the database still takes only real dates.
# The suite, run on that copy for that operation, must fail by finding a schema-valid request the
# server refuses or fails on; if it passes, this script fails. Before the suite seeded real ids
# (decision 0047) such a loosening was hidden: every PATCH on a random id stopped at 404.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# Inside apps/server, so the copy resolves its packages from the same node_modules as the server.
copy="$here/.loosened"
rm -rf "$copy"
mkdir -p "$copy"
trap 'rm -rf "$copy"' EXIT
cp -R ../bin ../src "$copy/"

schema="$copy/src/domains/time/schemas.ts"
strict='  spent_date: isoDate.optional(),'
loose='  spent_date: z.string().max(100).optional(),'
# The line must be in updateTimeEntryBody exactly once; if it moved, this check must be rewritten,
# not silently pass.
if [ "$(grep -cxF -- "$strict" "$schema")" != 1 ]; then
  echo "loosened.sh: expected exactly one line '$strict' in $schema" >&2
  exit 1
fi
sed -i "s/^${strict}\$/${loose}/" "$schema"

log="$copy/contract.log"
if KEITO_SERVER_BIN="$copy/bin/keito-server.js" ./run.sh --include-operation-id updateTimeEntry --no-color > "$log" 2>&1; then
  cat "$log"
  echo "loosened.sh: the contract suite passed with updateTimeEntry's spent_date loosened; it must fail" >&2
  exit 1
fi
# Failing is not enough: it must fail on the loosened operation, not because the server did not start.
if ! grep -q '^_* PATCH /v1/time-entries/{id} _*$' "$log"; then
  cat "$log"
  echo "loosened.sh: the contract suite failed, but not on PATCH /v1/time-entries/{id}" >&2
  exit 1
fi
echo "loosened.sh: with updateTimeEntry's spent_date loosened, the contract suite fails as it must:"
sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p' "$log" | head -40
