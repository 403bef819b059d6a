"""The first screen's settings, read before pydantic (issue #13): whenever the quick read
answers, it says what the full read says; a file it cannot judge is left to the full read."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voucherdesk import first_screen
from voucherdesk.desk.staff import Clerk, Staff
from voucherdesk.first_screen import FirstScreen, glance
from voucherdesk.settings import ClerkSettings, Settings, load_settings


def _full(path: Path, text: str | None) -> FirstScreen:
    """What the full read makes of ``text`` (in a copy: a damaged file is set aside)."""
    copy = path.with_name("full.json")
    if text is not None:
        copy.write_text(text, encoding="utf-8")
    return FirstScreen.of(load_settings(copy).settings)


def _both(tmp_path: Path, text: str | None) -> tuple[FirstScreen | None, FirstScreen]:
    quick = tmp_path / "settings.json"
    if text is not None:
        quick.write_text(text, encoding="utf-8")
    return glance(quick), _full(tmp_path / "x", text)


A_CLERK = {"name": "Ana", "pin_hash": "s$h", "admin": True}


@pytest.mark.parametrize(
    "content",
    [
        {},
        {"theme": "dark", "language": "de", "result_delay_s": 9, "window_geometry": "AAA"},
        {"pin_hash": "salt$hash", "lock_after_idle_min": 15, "kiosk": True, "clerks": [A_CLERK]},
        {"clerks": [{"name": "Bo", "pin_hash": "p"}], "extra": [1, 2], "scan": {"prefix": "x"}},
        {"window_geometry": None, "pin_hash": None},
        {"environment": "sandbox", "counter_id": "desk-1", "sounds": False},
    ],
)
def test_a_plain_file_is_read_as_the_full_read_reads_it(tmp_path: Path, content: dict) -> None:
    quick, full = _both(tmp_path, json.dumps(content))
    assert quick is not None
    assert quick == full


def test_no_file_is_the_defaults_of_the_full_read(tmp_path: Path) -> None:
    quick, full = _both(tmp_path, None)
    assert quick == full == FirstScreen()


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '"text"',
        json.dumps({"theme": "blue"}),
        json.dumps({"result_delay_s": "9"}),  # the full read takes it as 9: left to it
        json.dumps({"result_delay_s": 9.0}),
        json.dumps({"result_delay_s": True}),
        json.dumps({"result_delay_s": 0}),
        json.dumps({"lock_after_idle_min": 241}),
        json.dumps({"kiosk": "true"}),
        json.dumps({"kiosk": 1}),
        json.dumps({"pin_hash": 1234}),
        json.dumps({"clerks": {"name": "Ana"}}),
        json.dumps({"clerks": [{"name": "", "pin_hash": "p"}]}),
        json.dumps({"clerks": [{"name": "A" * 41, "pin_hash": "p"}]}),
        json.dumps({"clerks": [{"name": "Ana"}]}),
        json.dumps({"clerks": [{"name": "Ana", "pin_hash": "p", "admin": "yes"}]}),
        json.dumps({"clerks": [A_CLERK] * 201}),
    ],
)
def test_what_only_the_full_read_can_judge_gets_no_answer(tmp_path: Path, text: str) -> None:
    quick, _full_read = _both(tmp_path, text)
    assert quick is None


def test_a_file_that_cannot_be_read_is_left_to_the_full_read(tmp_path: Path) -> None:
    (tmp_path / "settings.json").mkdir()
    assert glance(tmp_path / "settings.json") is None


def test_the_bounds_are_those_of_the_settings_model() -> None:
    fields = Settings.model_fields

    def bounds(name: str) -> tuple[int, int]:
        found = {type(m).__name__: m for m in fields[name].metadata}
        return found["Ge"].ge, found["Le"].le  # type: ignore[attr-defined]

    assert bounds("result_delay_s") == first_screen.RESULT_DELAY_S
    assert bounds("lock_after_idle_min") == first_screen.LOCK_AFTER_IDLE_MIN
    assert typing.get_args(fields["theme"].annotation) == first_screen.THEMES
    assert typing.get_args(fields["language"].annotation) == first_screen.LANGUAGES
    assert [m.max_length for m in fields["clerks"].metadata] == [first_screen.MAX_CLERKS]
    clerk_hash = ClerkSettings.model_fields["pin_hash"].metadata
    assert first_screen.MAX_PIN_HASH in [getattr(m, "max_length", None) for m in clerk_hash]
    defaults = Settings()
    assert FirstScreen.of(defaults) == FirstScreen()


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=300),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["system", "light", "dark", "en", "de", "fr", "", "5", "true", "x" * 41]),
    st.text(max_size=6),
)


def _mostly(valid: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Values of a field: mostly of its kind (so the quick read often answers), some not."""
    return st.one_of(valid, valid, valid, _VALUES)


_TEXT = st.text(min_size=0, max_size=45)
_CLERK = st.fixed_dictionaries(
    {"name": _mostly(_TEXT), "pin_hash": _mostly(_TEXT)},
    optional={"admin": _mostly(st.booleans())},
)
_FILES = st.fixed_dictionaries(
    {},
    optional={
        "theme": _mostly(st.sampled_from(first_screen.THEMES)),
        "language": _mostly(st.sampled_from(first_screen.LANGUAGES)),
        "result_delay_s": _mostly(st.integers(min_value=-1, max_value=125)),
        "window_geometry": _mostly(st.one_of(st.none(), _TEXT)),
        "pin_hash": _mostly(st.one_of(st.none(), _TEXT)),
        "lock_after_idle_min": _mostly(st.integers(min_value=-1, max_value=245)),
        "kiosk": _mostly(st.booleans()),
        "clerks": _mostly(st.lists(_CLERK, max_size=3)),
    },
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_FILES)
def test_whenever_the_quick_read_answers_it_agrees_with_the_full_read(
    tmp_path: Path, content: dict
) -> None:
    quick, full = _both(tmp_path, json.dumps(content))
    if quick is not None:
        assert quick == full


def test_the_staff_is_the_settings_clerks(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"clerks": [A_CLERK, {"name": "Bo", "pin_hash": "q"}]}))
    assert glance(path) == FirstScreen(
        staff=Staff.of(
            [Clerk(name="Ana", pin_hash="s$h", admin=True), Clerk(name="Bo", pin_hash="q")]
        )
    )


def test_the_quick_read_loads_no_pydantic() -> None:
    code = (
        "import sys, pathlib\n"
        "from voucherdesk.first_screen import glance\n"
        "glance(pathlib.Path(sys.argv[1]))\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "/nonexistent/settings.json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"


_VALID_CLERK = st.fixed_dictionaries(
    {"name": st.text(min_size=1, max_size=40), "pin_hash": st.text(min_size=1, max_size=60)},
    optional={"admin": st.booleans()},
)
_VALID_FILES = st.fixed_dictionaries(
    {},
    optional={
        "theme": st.sampled_from(first_screen.THEMES),
        "language": st.sampled_from(first_screen.LANGUAGES),
        "result_delay_s": st.integers(min_value=1, max_value=120),
        "window_geometry": st.one_of(st.none(), _TEXT),
        "pin_hash": st.one_of(st.none(), _TEXT),
        "lock_after_idle_min": st.integers(min_value=0, max_value=240),
        "kiosk": st.booleans(),
        "clerks": st.lists(_VALID_CLERK, max_size=4),
        "sounds": _VALUES,  # another field, valid or not, changes nothing here
    },
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_VALID_FILES)
def test_a_valid_file_is_always_answered_as_the_full_read_answers(
    tmp_path: Path, content: dict
) -> None:
    quick, full = _both(tmp_path, json.dumps(content))
    assert quick == full
