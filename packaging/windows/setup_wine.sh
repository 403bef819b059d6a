#!/usr/bin/env bash
# The tools packaging/windows/test_installer.sh needs, installed only when missing:
#   - Wine from Debian: wine, wine64 and wine32:i386. ISCC.exe and the uninstaller are 32-bit
#     programs, the installer runs in a 64-bit prefix. apt needs root (or sudo).
#   - Inno Setup's compiler, ISCC.exe, from the npm package innosetup, pinned with its hash in
#     tools/package-lock.json and installed into $VOUCHERDESK_TOOLS/innosetup
#     (default ~/.cache/voucherdesk-tools).
# The last line printed is the path of ISCC.exe.
#
#   bash packaging/windows/setup_wine.sh           install what is missing
#   bash packaging/windows/setup_wine.sh --check   only report; exit 1 when something is missing
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")

TOOLS=${VOUCHERDESK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/voucherdesk-tools}
ISS_DIR="$TOOLS/innosetup"
ISCC="$ISS_DIR/node_modules/innosetup/bin/ISCC.exe"
APT_PACKAGES=(wine wine64 wine32:i386)

check_only=false
if [[ "${1:-}" == "--check" ]]; then check_only=true; fi

missing_apt() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    # Not Debian: whatever provides wine will do, but it cannot be installed from here.
    command -v wine >/dev/null 2>&1 || echo "wine"
    return
  fi
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

iscc_current() {
  [[ -f "$ISCC" ]] && cmp -s "$here/tools/package-lock.json" "$ISS_DIR/package-lock.json"
}

mapfile -t missing < <(missing_apt)
if $check_only; then
  status=0
  if ((${#missing[@]})); then echo "missing: ${missing[*]}"; status=1; fi
  if ! iscc_current; then echo "missing: ISCC.exe (npm innosetup) in $ISS_DIR"; status=1; fi
  if ((status == 0)); then echo "$ISCC"; fi
  exit "$status"
fi

if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install Wine (64-bit with 32-bit support) first: ${missing[*]}" >&2
    exit 1
  fi
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  started=$SECONDS
  if ! dpkg --print-foreign-architectures | grep -qx i386; then
    "${SUDO[@]}" dpkg --add-architecture i386
  fi
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed ${missing[*]} in $((SECONDS - started)) s" >&2
fi

if ! iscc_current; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to fetch Inno Setup's compiler (the npm package innosetup)" >&2
    exit 1
  fi
  rm -rf "$ISS_DIR"
  mkdir -p "$ISS_DIR"
  cp "$here/tools/package.json" "$here/tools/package-lock.json" "$ISS_DIR/"
  # npm ci checks the package against the hash in the lock file; the package runs no scripts.
  npm ci --prefix "$ISS_DIR" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  [[ -f "$ISCC" ]] || { echo "the innosetup package has no $ISCC" >&2; exit 1; }
fi
echo "$ISCC"
