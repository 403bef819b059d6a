#!/usr/bin/env bash
# Mutation testing of the money path (voucherdesk/desk: redeem, reconcile, steps, journal, undo,
# quote) with mutmut; its configuration is [tool.mutmut] in pyproject.toml. Not part of CI: a
# full run takes hours on two cores. Results stay in mutants/, so a second run only tries what
# changed; MUTATION_JOBS sets the parallel workers (default 2). A kept verdict of "survived" may
# be out of date (a test written since kills it), so survivors not explained are run once more
# by name. Prints killed/total per module and fails on a surviving mutant that no EXPLAINED
# dict of tests/test_mutants_*.py explains.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

export QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE=1
mkdir -p mutants
echo "== mutmut run (progress in mutants/run.log)"
uv run --frozen --group mutation mutmut run --max-children "${MUTATION_JOBS:-2}" "$@" \
  >mutants/run.log 2>&1
mapfile -t again < <(uv run --frozen --group mutation python tests/helpers/mutation_report.py \
  --unexplained)
if ((${#again[@]})) && [[ -n "${again[0]}" ]]; then
  echo "== ${#again[@]} survivors not explained, run again with today's tests"
  uv run --frozen --group mutation mutmut run --max-children "${MUTATION_JOBS:-2}" "${again[@]}" \
    >>mutants/run.log 2>&1
fi
echo "== results"
uv run --frozen --group mutation python tests/helpers/mutation_report.py
