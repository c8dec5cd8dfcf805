#!/usr/bin/env bash
# Runs the Python SDK's test suite: creates (or reuses) python/.venv, installs the package with
# both extras plus pytest, then runs pytest against a real keito-server it starts itself.
# Arguments are passed to pytest. Exit code is pytest's.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

python_bin="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python_bin" -m venv .venv
fi

# Test-only extras: mypy for the typing test; langchain-classic for the docs' AgentExecutor
# sample (LangChain 1.0 moved AgentExecutor there).
# Reinstall only when the package definition changed since the last install: a no-op pip run
# over crewai's dependency tree still costs many seconds on a 2-core machine.
stamp=.venv/.keito-installed
want="$(cat pyproject.toml scripts/test.sh | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[langchain,crewai]" pytest mypy langchain-classic
  echo "$want" > "$stamp"
fi

# CrewAI phones home for telemetry and traces unless told not to; this machine is offline.
export CREWAI_DISABLE_TELEMETRY=true CREWAI_DISABLE_TRACKING=true CREWAI_TRACING_ENABLED=false OTEL_SDK_DISABLED=true
export TZ="${TZ:-UTC}"

set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
code=$?
set -e
exit "$code"
