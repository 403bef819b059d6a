#!/usr/bin/env bash
# Build the Linux onedir bundle, check it, tar it, and run its self-test.
#
#   packaging/build_linux.sh            -> dist/VoucherDesk/ and dist/VoucherDesk-<ver>-linux-<arch>.tar.gz
#
# Env: VOUCHERDESK_ENTRY (optional entry script, see the spec), PYINSTALLER (command to run
# PyInstaller; default `uv run --frozen --group packaging pyinstaller`).
# Prints the bundle size and how long `VoucherDesk --self-test` took to start and finish.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

read -r -a PYINSTALLER <<<"${PYINSTALLER:-uv run --frozen --group packaging pyinstaller}"
VERSION=$(uv run --frozen --group packaging python -c 'from importlib.metadata import version; print(version("voucherdesk"))')
ARCH=$(uname -m)
BUNDLE=dist/VoucherDesk
TARBALL="dist/VoucherDesk-${VERSION}-linux-${ARCH}.tar.gz"

echo "== PyInstaller (VoucherDesk ${VERSION}, ${ARCH})"
rm -rf "$BUNDLE" "$TARBALL"
"${PYINSTALLER[@]}" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/voucherdesk.spec

echo "== shared libraries"
# Every ELF file must find the libraries the bundle is meant to carry; libraries PyInstaller
# leaves to the system (libc, libGL, libxcb-*, ...) only warn when this machine lacks them.
internal="$BUNDLE/_internal"
missing=$(
  find "$BUNDLE" -type f \( -name '*.so*' -o -name VoucherDesk \) -print0 |
    xargs -0 -r env LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib" ldd 2>/dev/null |
    awk '/not found/ {print $1}' | sort -u
)
if [[ -n "$missing" ]]; then
  bundled=$(grep -E '^lib(Qt6|pyside6|shiboken6|icu|python)' <<<"$missing" || true)
  if [[ -n "$bundled" ]]; then
    echo "FAIL: the bundle lacks libraries it must carry: ${bundled//$'\n'/ }" >&2
    exit 1
  fi
  echo "note: left to the system and missing on this machine: ${missing//$'\n'/ }"
else
  echo "all linked libraries resolve"
fi

echo "== tarball"
tar -C dist -czf "$TARBALL" VoucherDesk # tar keeps the bundle's symlinks
echo "$TARBALL"

echo "== self-test"
# "Cold" as far as we can make it: drop the page cache when allowed (root on a real machine).
cache="page cache warm (not allowed to drop it)"
if [[ -w /proc/sys/vm/drop_caches ]] && sync && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then
  cache="page cache dropped"
fi
start=$(date +%s.%N)
status=0
env QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" "$BUNDLE/VoucherDesk" --self-test || status=$?
end=$(date +%s.%N)

echo "== figures"
size_mb=$(du -sm "$BUNDLE" | cut -f1)
tar_mb=$(du -sm "$TARBALL" | cut -f1)
seconds=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
echo "bundle: $(du -sh "$BUNDLE" | cut -f1) (${size_mb} MB), tarball ${tar_mb} MB"
echo "self-test: exit ${status}, ${seconds} s from launch to exit (first run, ${cache})"
exit "$status"
