#!/usr/bin/env bash
# Install everything (system packages, virtualenv, app) and start cadre_desk on the demo profile.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"
install_system_packages packaging/dev/runtime-packages.txt
ensure_venv ""
build_translations
exec "$VENV/bin/cadre-desk" --demo "$@"
