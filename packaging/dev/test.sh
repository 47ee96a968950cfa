#!/usr/bin/env bash
# Install everything the tests need and run the whole suite: ruff, mypy, pytest (Qt offscreen).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
install_system_packages packaging/dev/runtime-packages.txt packaging/dev/system-packages.txt
ensure_venv "[dev,server]"
build_translations
echo "== ruff"
"$VENV/bin/ruff" format --check .
"$VENV/bin/ruff" check .
echo "== mypy"
"$VENV/bin/mypy"
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
set +e
# On every core (pytest-xdist; a test file stays on one worker, so its module fixtures are built
# once), printing the 15 slowest steps. Pass -n 0 to run in one process, -m "not slow" to skip
# the tests that start servers or subprocesses.
"$VENV/bin/python" -m pytest -n auto --dist loadfile --durations=15 "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
