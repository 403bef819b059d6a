"""The surviving mutants of the money path that the test suite explains instead of killing.

Each ``tests/test_mutants_*.py`` may hold an ``EXPLAINED`` dict (mutant name → why it cannot or
need not be killed); this gathers them for tests/helpers/mutation_report.py and for the check
that every explained name still fits the source.
"""

from __future__ import annotations

import importlib
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def all_explained() -> dict[str, str]:
    """Every explained mutant, from the test modules (imported by name; tests/ is on sys.path
    under pytest, and tests/helpers/mutation_report.py puts it there)."""
    merged: dict[str, str] = {}
    for path in sorted(TESTS.glob("test_mutants_*.py")):
        module = importlib.import_module(path.stem)
        found: dict[str, str] = getattr(module, "EXPLAINED", {})
        for name, reason in found.items():
            assert name not in merged, f"{name} is explained in two places"
            merged[name] = reason
    return merged
