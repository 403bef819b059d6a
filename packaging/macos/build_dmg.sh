#!/usr/bin/env bash
# macOS: build VoucherDesk.app for this machine's architecture, self-test it, sign + notarize it
# when the signing secrets are set, and wrap it in dist/VoucherDesk-<ver>-macos-<arch>.dmg.
#
#   packaging/macos/build_dmg.sh
#
# One DMG per architecture (run on an arm64 and on an x86_64 runner): pydantic-core has no
# universal2 wheel, so a universal app cannot be built.
# Signing needs all of: MACOS_CERT_P12 (base64 of a "Developer ID Application" .p12),
# MACOS_CERT_PASSWORD, APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD (app-specific password).
# With none of them set, the DMG holds PyInstaller's ad-hoc signed app and a notice says so.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0" 2>/dev/null || echo "$0")")/../.."

read -r -a PYINSTALLER <<<"${PYINSTALLER:-uv run --frozen --group packaging pyinstaller}"
VERSION=$(uv run --frozen --group packaging python -c 'from importlib.metadata import version; print(version("voucherdesk"))')
ARCH=$(uname -m)
APP=dist/VoucherDesk.app
DMG="dist/VoucherDesk-${VERSION}-macos-${ARCH}.dmg"
ENTITLEMENTS=packaging/macos/entitlements.plist
SECRETS=(MACOS_CERT_P12 MACOS_CERT_PASSWORD APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD)

notice() { echo "::notice::$*"; }

signing_wanted() {
  local set=() unset=()
  for name in "${SECRETS[@]}"; do
    if [[ -n "${!name:-}" ]]; then set+=("$name"); else unset+=("$name"); fi
  done
  if ((${#set[@]} == 0)); then return 1; fi
  if ((${#unset[@]})); then
    echo "::error::signing secrets incomplete, missing: ${unset[*]}" >&2
    exit 1
  fi
}

# --- signing helpers -----------------------------------------------------------------------

KEYCHAIN=""
RUNNER_TEMP_DIR=$(mktemp -d)
cleanup() {
  if [[ -n "$KEYCHAIN" ]]; then security delete-keychain "$KEYCHAIN" 2>/dev/null || true; fi
  rm -rf "$RUNNER_TEMP_DIR"
}
trap cleanup EXIT

import_certificate() {
  KEYCHAIN="$RUNNER_TEMP_DIR/voucherdesk-signing.keychain-db"
  local kc_pass p12="$RUNNER_TEMP_DIR/cert.p12"
  kc_pass=$(uuidgen)
  printf '%s' "$MACOS_CERT_P12" | base64 --decode >"$p12"
  security create-keychain -p "$kc_pass" "$KEYCHAIN"
  security set-keychain-settings -lut 21600 "$KEYCHAIN"
  security unlock-keychain -p "$kc_pass" "$KEYCHAIN"
  security import "$p12" -k "$KEYCHAIN" -P "$MACOS_CERT_PASSWORD" -T /usr/bin/codesign >/dev/null
  rm -f "$p12"
  security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$kc_pass" "$KEYCHAIN" >/dev/null
  # shellcheck disable=SC2046
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
  IDENTITY=$(security find-identity -v -p codesigning "$KEYCHAIN" |
    awk -F'"' '/Developer ID Application/ {print $2; exit}')
  [[ -n "$IDENTITY" ]] || { echo "::error::no Developer ID Application identity in MACOS_CERT_P12" >&2; exit 1; }
}

sign_app() {
  # Inside-out, no --deep: every nested Mach-O file gets the hardened runtime and a timestamp
  # but no entitlements; the entitlements go on the app (its main executable) only.
  local main="$APP/Contents/MacOS/VoucherDesk"
  while IFS= read -r -d '' file; do
    if [[ "$file" != "$main" ]] && file -b "$file" | grep -q 'Mach-O'; then
      codesign --force --options runtime --timestamp --sign "$IDENTITY" "$file"
    fi
  done < <(find "$APP/Contents" -type f -print0)
  while IFS= read -r -d '' framework; do
    codesign --force --options runtime --timestamp --sign "$IDENTITY" "$framework"
  done < <(find "$APP/Contents" -depth -type d -name '*.framework' -print0)
  codesign --force --options runtime --timestamp --entitlements "$ENTITLEMENTS" \
    --sign "$IDENTITY" "$APP"
  codesign --verify --strict --deep --verbose=2 "$APP"
}

notarize() {
  # notarytool waits for Apple's verdict; on rejection print Apple's log and stop.
  local file="$1" result id status
  result=$(xcrun notarytool submit "$file" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait --timeout 30m --output-format json)
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$result")
  status=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' <<<"$result")
  echo "notarization of $(basename "$file"): $status ($id)"
  if [[ "$status" != "Accepted" ]]; then
    xcrun notarytool log "$id" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD" || true
    exit 1
  fi
}

make_dmg() {
  local staging="$RUNNER_TEMP_DIR/dmg"
  rm -rf "$staging" "$DMG" && mkdir -p "$staging"
  ditto "$APP" "$staging/VoucherDesk.app" # ditto keeps symlinks, xattrs and signatures
  ln -s /Applications "$staging/Applications"
  # hdiutil sometimes fails with "Resource busy" on CI runners: retry.
  for attempt in 1 2 3 4; do
    if hdiutil create -volname "VoucherDesk ${VERSION}" -srcfolder "$staging" -ov \
      -format UDZO "$DMG"; then
      return 0
    fi
    echo "hdiutil create failed (attempt $attempt), retrying"
    sleep $((attempt * 5))
  done
  return 1
}

# --- the build ------------------------------------------------------------------------------

echo "== PyInstaller (VoucherDesk ${VERSION}, ${ARCH})"
rm -rf "$APP" dist/VoucherDesk
"${PYINSTALLER[@]}" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/voucherdesk.spec

signed=false
if signing_wanted; then
  echo "== signing"
  import_certificate
  sign_app
  echo "== notarizing the app"
  ditto -c -k --keepParent "$APP" "$RUNNER_TEMP_DIR/VoucherDesk.zip"
  notarize "$RUNNER_TEMP_DIR/VoucherDesk.zip"
  xcrun stapler staple "$APP"
  spctl --assess --type execute -vv "$APP"
  signed=true
else
  notice "macOS signing secrets not set: ${DMG} is NOT signed or notarized (ad-hoc signature only; users must right-click > Open the first time)"
fi

echo "== self-test"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/VoucherDesk" --self-test

echo "== dmg"
make_dmg
if $signed; then
  codesign --force --timestamp --sign "$IDENTITY" "$DMG"
  notarize "$DMG"
  xcrun stapler staple "$DMG"
fi
echo "$DMG ($(du -sh "$DMG" | cut -f1), app $(du -sh "$APP" | cut -f1))"
