"""The window: PySide6 only under this package (see the README's architecture).

Importing it first tells PySide6 that no module of this process switches a ``__feature__``:
PySide6 otherwise reads the whole source file of every module imported after it, looking for
the word "PySide6" (PYSIDE-2029), to know which modules a ``from __feature__ import
snake_case`` (or ``true_property``) would apply to. VoucherDesk uses no such switch, and the
scan cost a cold start about 150 file reads (47 M instructions, 4% of it), each file kept in
memory afterwards (linecache).
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 (installs shiboken's import hook, adjusted below)


def _uses_pyside_without_features(_module: object) -> bool:
    # True: the flag a module using PySide6 gets, "no feature selected", without its source.
    return True


def _skip_feature_scan() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        vars(feature)["_mod_uses_pyside"] = _uses_pyside_without_features


_skip_feature_scan()
