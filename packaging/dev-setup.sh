#!/usr/bin/env bash
# One-time (idempotent) set-up of a development machine: the system libraries Qt and the keyring
# tests need and shellcheck (Debian/Ubuntu, installed only when missing and only as root or with
# sudo), uv, and the project's locked Python environment in .venv with the lint group
# (actionlint). Wine for the installer test has its own: packaging/windows/setup_wine.sh.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  APT_PACKAGES=(
    # Qt's xcb/EGL/GL libraries and fonts (offscreen and Xvfb rendering)
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-xinerama0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
    libxkbcommon0 libegl1 libgl1 libfontconfig1 fontconfig fonts-dejavu-core libdbus-1-3
    # QtMultimedia needs libpulse even with no sound device
    libpulse0
    # a real Secret Service for the keyring tests, and a virtual screen for scanner tests
    dbus dbus-x11 gnome-keyring xvfb xdotool
    # PyInstaller bundle build
    binutils
    # lint of every shell script, and of the workflow's run: steps through actionlint
    shellcheck
  )
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
export UV_LINK_MODE=copy
uv sync --frozen --quiet --group lint
