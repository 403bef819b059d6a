"""The layer rule: only voucherdesk/ui may import PySide6 (design.md section 3)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "voucherdesk"
QT_FREE = ["bookingkit", "desk", "standin"]


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
