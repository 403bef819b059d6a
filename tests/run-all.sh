#!/usr/bin/env bash
# The full test suite, from a fresh machine: set-up, lint (ruff, actionlint, shellcheck), types,
# then pytest headless under a private D-Bus session with an unlocked gnome-keyring (a real Secret
# Service for the keyring tests). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

bash packaging/dev-setup.sh
# The Windows installer test (tests/test_release_installer.py, about 30 s) runs under Wine:
# Wine and Inno Setup's compiler come first (about a minute on a fresh machine).
# VOUCHERDESK_WINE_INSTALLER=0 leaves both out.
export VOUCHERDESK_WINE_INSTALLER="${VOUCHERDESK_WINE_INSTALLER:-1}"
if [[ "$VOUCHERDESK_WINE_INSTALLER" != 0 && "$(uname -s)" == Linux ]]; then
  bash packaging/windows/setup_wine.sh >/dev/null
fi

export QT_QPA_PLATFORM=offscreen
# The full suite includes building the Linux bundle and running its --self-test (about a
# minute); VOUCHERDESK_BUILD_BUNDLE=0 skips it for a quicker run.
export VOUCHERDESK_BUILD_BUNDLE="${VOUCHERDESK_BUILD_BUNDLE:-1}"
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff"; uv run --frozen ruff check voucherdesk tests packaging
echo "== mypy"; uv run --frozen mypy

# Every shell script in packaging/, tests/ and .ci/: *.sh, or a shell in the #! line.
shell_scripts() {
  local file
  find packaging tests .ci -name node_modules -prune -o -type f -print | LC_ALL=C sort |
    while IFS= read -r file; do
      if [[ "$file" == *.sh ]] || head -n 1 "$file" | grep -qE '^#!.*[/ ](ba|da|k)?sh( |$)'; then
        echo "$file"
      fi
    done
}
# actionlint hands each workflow run: step to shellcheck, but quietly skips that without it.
command -v shellcheck >/dev/null || { echo "shellcheck is missing (packaging/dev-setup.sh)" >&2; exit 1; }
echo "== actionlint"; uv run --frozen --group lint actionlint -no-color .github/workflows/*.yml
mapfile -t scripts < <(shell_scripts)
echo "== shellcheck (${#scripts[@]} scripts)"; shellcheck "${scripts[@]}"

run_pytest() {
  set +e
  uv run --frozen pytest "$@"
  local rc=$?
  set -e
  # 5 = no tests collected (e.g. a -k filter that matches nothing): not a failure of the code.
  if [[ $rc -eq 5 ]]; then rc=0; fi
  return $rc
}

echo "== pytest"
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  export -f run_pytest
  # gnome-keyring refuses to create its default collection with an empty password.
  # The unlocked daemon takes its bus name a moment after --unlock returns. A keyring request
  # before that makes D-Bus start a second daemon whose keyring is locked (every keyring test
  # then fails: seen on a loaded machine), so wait for the name first.
  # shellcheck disable=SC2016  # expanded by the inner shell, inside the D-Bus session
  dbus-run-session -- bash -c '
    printf "ci-pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    for _ in $(seq 200); do
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q "boolean true" && break
      sleep 0.05
    done
    run_pytest "$@"' _ "$@"
else
  echo "note: no dbus-run-session/gnome-keyring: keyring tests will skip" >&2
  run_pytest "$@"
fi
