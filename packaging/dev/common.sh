# Shared by demo.sh and test.sh: install what a fresh Debian/Ubuntu machine lacks.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$REPO_ROOT/.venv"

read_package_list() {
  grep -v '^\s*#' "$1" | grep -v '^\s*$' || true
}

install_system_packages() {
  local missing=() pkg
  for list in "$@"; do
    while read -r pkg; do
      if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
      fi
    done < <(read_package_list "$list")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "cadre_desk: not a Debian/Ubuntu system; please install: ${missing[*]}" >&2
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "cadre_desk: run as root (or install sudo) to install: ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "cadre_desk: installing system packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "cadre_desk needs Python 3.11 or newer (found: $("$python" --version 2>&1))" >&2
    return 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$REPO_ROOT$extras"
}

build_translations() {
  if [ -f "$REPO_ROOT/packaging/build_translations.py" ]; then
    "$VENV/bin/python" "$REPO_ROOT/packaging/build_translations.py" --release
  fi
}
