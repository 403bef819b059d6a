"""Killed/total per module from mutmut's results (mutants/), checked against the
explained survivors (the EXPLAINED dicts of tests/test_mutants_*.py). Run by
tests/mutation.sh after ``mutmut run``.

Exit code 1 when a mutant survived that is not explained there, or when one was not tested at
all (no test reaches it, or the run was cut short). With ``--unexplained``, prints only the
names of the survivors not explained, one per line: mutmut keeps a mutant's verdict until its
function changes, so a survivor may be killed by a test written since, and tests/mutation.sh
runs those again by name.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("redeem", "reconcile", "steps", "journal", "undo", "quote")

# mutmut's exit codes per mutant (mutmut/stats.py); a timeout means the mutant hung a test.
KILLED = {1: "killed", 3: "killed", -24: "timeout", 24: "timeout", 36: "timeout", 152: "timeout"}
SURVIVED = 0
UNTESTED = {None: "not checked", 5: "no tests", 33: "no tests", 34: "skipped"}


def explained() -> dict[str, str]:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    from helpers.explained_mutants import all_explained

    return all_explained()


def unexplained_survivors(reasons: dict[str, str]) -> list[str]:
    found = []
    for name in MODULES:
        meta = ROOT / "mutants" / "voucherdesk" / "desk" / f"{name}.py.meta"
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        found += [m for m, code in sorted(codes.items()) if code == SURVIVED and m not in reasons]
    return found


def main() -> int:
    reasons = explained()
    if "--unexplained" in sys.argv[1:]:
        print("\n".join(unexplained_survivors(reasons)))
        return 0
    survivors: list[str] = []
    other: list[str] = []
    print(f"{'module':<12}{'killed':>8}{'timeout':>9}{'explained':>11}{'total':>7}")
    totals: Counter[str] = Counter()
    for name in MODULES:
        meta = ROOT / "mutants" / "voucherdesk" / "desk" / f"{name}.py.meta"
        codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        count: Counter[str] = Counter()
        for mutant, code in sorted(codes.items()):
            if code in KILLED:
                count[KILLED[code]] += 1
            elif code == SURVIVED:
                count["survived"] += 1
                count["explained"] += mutant in reasons
                if mutant not in reasons:
                    survivors.append(mutant)
            else:
                other.append(f"{mutant}: {UNTESTED.get(code, f'exit code {code}')}")
        count["total"] = len(codes)
        totals.update(count)
        print(
            f"{name + '.py':<12}{count['killed']:>8}{count['timeout']:>9}"
            f"{count['explained']:>11}{count['total']:>7}"
        )
    print(
        f"{'all':<12}{totals['killed']:>8}{totals['timeout']:>9}"
        f"{totals['explained']:>11}{totals['total']:>7}"
    )
    survived_now = {m for m in reasons if _survived(m)}
    stale = sorted(set(reasons) - survived_now)
    for mutant in survivors:
        print(f"survived, not explained: {mutant}  (uv run mutmut show {mutant})")
    for line in other:
        print(f"not tested: {line}")
    for mutant in stale:
        print(f"note: explained, but killed now or gone: {mutant}")
    return 1 if survivors or other else 0


def _survived(mutant: str) -> bool:
    module = mutant.split(".")[2]
    meta = ROOT / "mutants" / "voucherdesk" / "desk" / f"{module}.py.meta"
    if not meta.exists():
        return False
    codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return codes.get(mutant) == SURVIVED


if __name__ == "__main__":
    sys.exit(main())
