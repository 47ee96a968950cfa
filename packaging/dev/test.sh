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
# On every core (pytest-xdist), printing the 15 slowest steps. worksteal: an idle worker takes
# tests queued for the other, so one heavy file no longer leaves a core idle at the end
# (1,252 tests: 251 s with loadfile at load ~1.7, 223 s with worksteal at load ~0.5-2).
# Pass -n 0 to run in one process, -m "not slow" to skip the tests that start servers or
# subprocesses.
"$VENV/bin/python" -m pytest -n auto --dist worksteal --durations=15 "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
