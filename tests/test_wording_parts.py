"""The window's wording loads each part on first use (issue #13): every name it offers
resolves to its part's own object, and nothing else is offered."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from voucherdesk.ui import wording


def test_every_offered_name_is_its_parts_own() -> None:
    assert sorted(wording._WHERE) == sorted(wording.__all__)
    for name, part in wording._WHERE.items():
        module = importlib.import_module(f"voucherdesk.ui.wording.{part}")
        assert getattr(wording, name) is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_words"):
        _ = wording.no_such_words


def test_a_part_loads_when_its_words_are_first_asked_for() -> None:
    code = (
        "import sys\n"
        "from voucherdesk.ui import wording\n"
        "before = 'voucherdesk.ui.wording.history' in sys.modules\n"
        "wording.alarm\n"
        "print(before, 'voucherdesk.ui.wording.history' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_no_part_is_named_as_a_word_it_would_hide() -> None:
    """Importing a part sets the package's attribute of its name to the module: a part named
    like one of the words would hide that word from then on."""
    assert not set(wording._PARTS) & set(wording.__all__)
