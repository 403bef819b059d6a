#!/usr/bin/env sh
# Refresh the German translation source from the UI code, then build the binary catalogue.
#   resources/i18n/voucherdesk_de.ts  <- pyside6-lupdate over voucherdesk/ui and the CLI's words
#   resources/i18n/voucherdesk_de.qm  <- pyside6-lrelease (commit both files)
# Idempotent: with no code change a second run leaves both files byte-identical.
# Translate new strings with pyside6-linguist resources/i18n/voucherdesk_de.ts, then re-run.
set -eu
cd "$(dirname "$0")/.."
RUN="${RUN:-uv run}"
TS=resources/i18n/voucherdesk_de.ts
QM=resources/i18n/voucherdesk_de.qm
mkdir -p resources/i18n
# Sorted file list so the .ts does not depend on directory order.
FILES=$(find voucherdesk/ui voucherdesk/cli_text.py voucherdesk/cli_audit_text.py -name '*.py' \
  | LC_ALL=C sort)
# shellcheck disable=SC2086  # word splitting of FILES is intended
$RUN pyside6-lupdate -no-obsolete -locations relative -target-language de_DE $FILES -ts "$TS"
$RUN pyside6-lrelease -silent "$TS" -qm "$QM"
echo "updated $TS and $QM"
