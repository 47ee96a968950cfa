#!/usr/bin/env bash
# Install everything the tests need and run the whole suite: ruff, mypy, pytest (Qt offscreen).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
install_system_packages packaging/dev/runtime-packages.txt packaging/dev/system-packages.txt
ensure_venv "[dev]"
build_translations
echo "== ruff"
"$VENV/bin/ruff" format --check .
"$VENV/bin/ruff" check .
echo "== mypy"
"$VENV/bin/mypy"
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$status"
