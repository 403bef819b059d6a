"""The layer rule: only voucherdesk/ui may import PySide6 (design.md section 3)."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "voucherdesk"
QT_FREE = ["audit", "bookingkit", "desk", "standin"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", QT_FREE)
def test_qt_free_layers_never_import_qt(layer: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(m for m in _imports(path) if m.startswith("PySide6"))
        for path in (PACKAGE / layer).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("layer", QT_FREE)
def test_lower_layers_never_import_the_ui(layer: str) -> None:
    for path in (PACKAGE / layer).rglob("*.py"):
        assert not any(m.startswith("voucherdesk.ui") for m in _imports(path)), path


def test_importing_qt_free_layers_loads_no_qt() -> None:
    modules = [
        f"voucherdesk.{layer}.{path.stem}"
        for layer in QT_FREE
        for path in sorted((PACKAGE / layer).glob("*.py"))
        if path.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


UI = PACKAGE / "ui"
UI_PARTS = sorted(p.name for p in UI.iterdir() if (p / "__init__.py").exists())


def _ui_modules(path: Path) -> set[str]:
    """The ui modules a file imports; ``from voucherdesk.ui import x`` counts as ``ui.x``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("voucherdesk.ui"))
        elif isinstance(node, ast.ImportFrom) and node.module == "voucherdesk.ui":
            found.update(f"voucherdesk.ui.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("voucherdesk.ui"):
            found.add(str(node.module))
    return found


def _ui_imports_of(part: str) -> dict[str, set[str]]:
    return {str(path.relative_to(PACKAGE)): _ui_modules(path) for path in (UI / part).rglob("*.py")}


@pytest.mark.parametrize("part", [p for p in UI_PARTS if p != "common"])
def test_ui_parts_import_common_and_not_each_other(part: str) -> None:
    """A screen part (counter/, setup/, settings/, history/) may use common/ and the words
    (ui/wording.py), never another part's insides: a screen can be changed on its own."""
    allowed = ("voucherdesk.ui.common", "voucherdesk.ui.wording", f"voucherdesk.ui.{part}")
    offenders = {
        path: sorted(m for m in found if not m.startswith(allowed))
        for path, found in _ui_imports_of(part).items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_common_imports_no_screen_part() -> None:
    offenders = {
        path: sorted(
            m
            for m in found
            if not m.startswith(("voucherdesk.ui.common", "voucherdesk.ui.wording"))
        )
        for path, found in _ui_imports_of("common").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_tree_has_the_screen_parts() -> None:
    assert set(UI_PARTS) >= {"common", "counter", "setup", "settings", "history"}


# --- facts in the lower layers, words at the edges ---------------------------------------------

# A string that reads like a sentence for a person: a capital, then three more words at least.
_SENTENCE = re.compile(r"^[A-Z][a-z']+( \S+){3,}")
# An English report for the integrator who checks our guesses before go-live, not the clerk.
_PROSE_ALLOWED = {"bookingkit/guess_check.py"}


def _sentences(path: Path) -> list[str]:
    """Sentence-like literals outside docstrings, log calls, exception texts and journal notes
    (those are for developers and logs; the clerk never reads them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # docstrings, also of attributes
        if isinstance(node, ast.Raise) and node.exc is not None:
            skip.update(id(sub) for sub in ast.walk(node.exc))
        if isinstance(node, ast.Call):
            func = node.func
            owner = (
                func.value.id
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                else ""
            )
            if owner in ("log", "logging"):
                skip.update(id(sub) for sub in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg == "note":
                    skip.update(id(sub) for sub in ast.walk(keyword.value))
    return [
        f"{path.name}:{node.lineno}: {node.value[:60]}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _SENTENCE.match(node.value)
    ]


@pytest.mark.parametrize("layer", ["desk", "bookingkit"])
def test_the_desk_and_the_client_return_facts_not_prose(layer: str) -> None:
    """The window (ui/wording) and the CLI (cli_text) make every word the clerk reads."""
    found = [
        hit
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        if str(path.relative_to(PACKAGE)) not in _PROSE_ALLOWED
        for hit in _sentences(path)
    ]
    assert found == []
