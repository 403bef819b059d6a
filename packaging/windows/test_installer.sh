#!/usr/bin/env bash
# The Windows installer, built and used under Wine as far as Linux allows:
#   1. compiles packaging/windows/voucherdesk.iss with the real Inno Setup compiler (ISCC.exe)
#      twice: the project's version and an older one, each against a stand-in payload laid out
#      like the PyInstaller bundle (installer_checks.py payload);
#   2. in a fresh 64-bit Wine prefix set to Windows 10, under Xvfb, installs the older version
#      for all users (/ALLUSERS) and checks every file, both Start-menu links and the uninstall
#      entry; then installs the project's version over it (German, with the desktop icon) and
#      checks again: all files new, files the newer build dropped gone;
#   3. uninstalls and checks that nothing is left but the clerk's data (journal, settings).
# What Wine cannot show (the per-user install, the real bundle starting) is in packaging/README.md.
#
#   bash packaging/windows/test_installer.sh
#
# Installs Wine and the compiler first when missing (packaging/windows/setup_wine.sh; apt needs
# root or sudo). Env: VOUCHERDESK_WINE_WORK (work folder, default build/installer-test),
# VOUCHERDESK_WINE_DISPLAY (the display number for its Xvfb, e.g. :71; default: a free one),
# PYTHON (default: uv run --frozen python), KEEP_WINE_PREFIX=1
# (keep the 1.3 GB prefix for a look afterwards).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
ISS=packaging/windows/voucherdesk.iss
read -r -a PYTHON <<<"${PYTHON:-uv run --frozen python}"
CHECKS=("${PYTHON[@]}" packaging/windows/installer_checks.py)
started=$SECONDS
step_started=$SECONDS

step() {
  echo "== $* (at $((SECONDS - started)) s)"
  step_started=$SECONDS
}

winpath() { # an absolute Linux path as Wine's drive Z: sees it
  local path
  path=$(readlink -f "$1")
  printf 'Z:%s' "${path//\//\\}"
}

step "tools"
ISCC=$(bash packaging/windows/setup_wine.sh | tail -n 1)
echo "$(wine --version), Inno Setup from $ISCC"

VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
OLD_VERSION=0.0.1
if [[ "$VERSION" == "$OLD_VERSION" ]]; then OLD_VERSION=0.0.0; fi

WORK=${VOUCHERDESK_WINE_WORK:-build/installer-test}
rm -rf "$WORK"
mkdir -p "$WORK/home"
WORK=$(readlink -f "$WORK")
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko download prompts, and no .desktop menu entries written into the real desktop.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
# Wine links the prefix's Desktop, Documents ... to $HOME: keep it away from the real one.
export HOME="$WORK/home"
unset XDG_CONFIG_HOME XDG_DATA_HOME

XVFB_PID=""
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  if [[ -n "$XVFB_PID" ]]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  if [[ "${KEEP_WINE_PREFIX:-0}" != 1 ]]; then rm -rf "${WORK:?}/prefix" "${WORK:?}/home"; fi
}
trap cleanup EXIT

fail() {
  echo "FAIL $*" >&2
  exit 1
}

step "stand-in payloads ($OLD_VERSION and $VERSION) and the setup icon"
"${CHECKS[@]}" payload "$WORK/old" "$OLD_VERSION" --old
"${CHECKS[@]}" payload "$WORK/new" "$VERSION"
# The icon the spec's build makes (make_icons.py): ISCC must accept it as SetupIconFile.
QT_QPA_PLATFORM=offscreen "${PYTHON[@]}" packaging/make_icons.py --out "$WORK/icons" >/dev/null
ICON="$WORK/icons/voucherdesk.ico"

compile() { # version, payload dir
  local log="$WORK/iscc-$1.log"
  if ! wine "$ISCC" "/DAppVersion=$1" "/DSourceDir=$(winpath "$2/VoucherDesk")" \
    "/DIconFile=$(winpath "$ICON")" "$(winpath "$ISS")" >"$log" 2>&1; then
    cat "$log" >&2
    fail "ISCC could not compile $ISS for $1"
  fi
  [[ -f "$2/VoucherDesk-Setup-$1.exe" ]] || fail "ISCC wrote no $2/VoucherDesk-Setup-$1.exe"
  # A warning today (an obsolete directive, an unused define) is an error in a later Inno Setup.
  if grep -i '^ *warning' "$log" >&2; then fail "ISCC warned about $ISS"; fi
  "${CHECKS[@]}" icon "$2/VoucherDesk-Setup-$1.exe" "$ICON"
  echo "VoucherDesk-Setup-$1.exe: $(du -k "$2/VoucherDesk-Setup-$1.exe" | cut -f1) KB"
}

step "Wine prefix (64-bit, Windows 10)"
wineboot --init >/dev/null 2>&1
wine winecfg -v win10 >/dev/null 2>&1
wineserver -w
"${CHECKS[@]}" snapshot "$WINEPREFIX" "$WORK/before.txt"

step "compile"
compile "$OLD_VERSION" "$WORK/old"
compile "$VERSION" "$WORK/new"
echo "compiled both in $((SECONDS - step_started)) s"

# Setup's window needs a display even when silent. Xvfb takes VOUCHERDESK_WINE_DISPLAY, or else
# picks a free display, and writes its number once it accepts clients.
display=()
if [[ -n "${VOUCHERDESK_WINE_DISPLAY:-}" ]]; then display=("$VOUCHERDESK_WINE_DISPLAY"); fi
Xvfb "${display[@]}" -displayfd 3 -screen 0 1024x768x24 -nolisten tcp \
  3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do
  [[ -s "$WORK/display" ]] && break
  sleep 0.1
done
[[ -s "$WORK/display" ]] || fail "Xvfb did not start: $(cat "$WORK/xvfb.log")"
DISPLAY=":$(head -n 1 "$WORK/display")"
export DISPLAY
echo "Xvfb on $DISPLAY"

run_setup() { # what, exe, extra arguments...
  local what=$1 exe=$2 log="$WORK/$1.log" status=0
  shift 2
  wine "$(winpath "$exe")" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$WORK")\\$what.log" "$@" || status=$?
  wineserver -w # the uninstaller finishes in a second process; the registry is written at exit
  if ((status != 0)); then
    tail -n 30 "$log" >&2 || true
    fail "$what exited with $status"
  fi
}

APP_DIR="$WINEPREFIX/drive_c/Program Files/VoucherDesk"

step "install $OLD_VERSION for all users"
run_setup install-old "$WORK/old/VoucherDesk-Setup-$OLD_VERSION.exe" /ALLUSERS
"${CHECKS[@]}" installed "$WINEPREFIX" "$WORK/old/VoucherDesk" "$OLD_VERSION" --iss "$ISS"

# The clerk's data, where voucherdesk/paths.py puts it on Windows: uninstalling must keep it.
user=$(basename "$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n 1)")
DATA="$WINEPREFIX/drive_c/users/$user/AppData/Local/VoucherDesk"
mkdir -p "$DATA"
echo "journal" >"$DATA/journal.sqlite3"
echo "{}" >"$DATA/settings.json"

step "upgrade to $VERSION (German, with the desktop icon)"
run_setup install-new "$WORK/new/VoucherDesk-Setup-$VERSION.exe" /ALLUSERS /LANG=de /MERGETASKS=desktopicon
"${CHECKS[@]}" installed "$WINEPREFIX" "$WORK/new/VoucherDesk" "$VERSION" --iss "$ISS" --desktop-icon
grep -q "Installation process succeeded" "$WORK/install-new.log" || fail "install-new.log has no success line"

step "uninstall"
[[ -f "$APP_DIR/unins000.exe" ]] || fail "no uninstaller in $APP_DIR"
run_setup uninstall "$APP_DIR/unins000.exe"
"${CHECKS[@]}" removed "$WINEPREFIX" "$WORK/before.txt" --iss "$ISS" \
  --kept "$DATA/journal.sqlite3" "$DATA/settings.json"
grep -q "Removed all? Yes" "$WORK/uninstall.log" || fail "the uninstaller could not remove everything"

echo "installer test passed: VoucherDesk $OLD_VERSION -> $VERSION under $(wine --version) in $((SECONDS - started)) s"
