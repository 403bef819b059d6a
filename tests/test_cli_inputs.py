"""#12.5: whatever the command line says, `voucherdesk` answers with words or a correct result -
never a traceback, never a guess - within a time and a memory bound.

Three levels: the Qt-free matching of events, dates, participants and days (hypothesis, many
examples); the real ``cli.main`` in this process on the demo stand-in (hypothesis, measured with
tracemalloc); and the reported cases as separate processes, undecodable bytes included.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from helpers.cli_runs import bookable, run_cli
from helpers.desk_factories import event, event_date
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from voucherdesk import cli_choices, logs
from voucherdesk.cli import main
from voucherdesk.cli_choices import (
    MAX_COUNT,
    Refusal,
    Refused,
    pick_date,
    pick_event,
    read_day,
    read_participants,
)
from voucherdesk.exit_codes import Exit
from voucherdesk.standin import StandinServer
from voucherdesk.standin.seed import DEMO_CODES

SECONDS = 20.0
PEAK_MB = 64.0

# Text a clerk, a script or a broken terminal may hand over: every script's digits, superscripts,
# controls, escapes, bidi overrides, surrogates from undecodable bytes, and long runs.
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=8),
    st.sampled_from(
        [
            "",
            " ",
            "2",
            "=",
            "==",
            "Adult",
            "Adult=",
            "=3",
            "Adult=²",
            "Adult=٣",
            "Adult=-1",
            "Adult=+1",
            "Adult=1.5",
            "Adult=0x10",
            "Adult=1e3",
            "Adult= 2",
            "adult=2",
            "ADULT=1",
            "Child=1",
            "Adult=1=2",
            "\x1b[31mAdult=1",
            "Adult\u202e=1",
            "Adult=\udcff",
            "2026",
            "2026-12-03",
            "2026-12-03T14",
            "2026-12-03T14:00",
            "2026-12-03T14:00Z",
            "2026-12-03T14:00+01:00",
            "2026-13-01",
            "0001-01-01",
            "9999-12-31",
            "9999-12-31T23:59+14:00",
            "0000-00-00",
            "٢٠٢٦-١٢-٠٣",
        ]
    ),
    st.integers(min_value=1, max_value=6000).map(lambda n: "Adult=" + "9" * n),
)


# --- the matching itself ---------------------------------------------------------------------

EVENTS = [
    event(id="e1", title="Harbour Kayak Tour"),
    event(id="e2", title="Kayak"),
    event(id="e3", title="City Food Walk"),
    event(id="e4", title="City Food Walk"),  # two events with one title
]


def price(ident: str, title: str, category: str) -> dict[str, object]:
    return {
        "id": ident,
        "title": title,
        "value": Decimal("25"),
        "currency": "EUR",
        "category": category,
    }


PRICES = [
    price("1", "Adult", "Adult"),
    price("2", "Child (6-12)", "Child"),
    price("3", "Senior", "Senior"),
    price("4", "Youth", "Youth"),
    price("5", "Youth (13-17)", "Youth"),
]
PRICED = event(id="e9", prices=PRICES)
START = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
DATES = [
    event_date(id=f"d{i}", event_id="e1", date=(START + timedelta(hours=h)).isoformat())
    for i, h in enumerate((0, 5, 24, 48, 53))
]
MATCHING = settings(max_examples=400, deadline=None)


@MATCHING
@given(wanted=hostile_text)
def test_an_event_is_taken_only_when_one_fits(wanted: str) -> None:
    picked = pick_event(EVENTS, wanted)
    if isinstance(picked, Refused):
        assert picked.refusal in (Refusal.EVENT_UNKNOWN, Refusal.EVENT_AMBIGUOUS)
        assert picked.choices  # always with the events there are
        assert all(ch.isprintable() for ch in picked.given)
        return
    name = wanted.strip()
    fits = [
        e
        for e in EVENTS
        if e.id == name
        or e.title.casefold() == name.casefold()
        or name.casefold() in e.title.casefold()
    ]
    assert picked in fits


def test_event_names() -> None:
    assert pick_event(EVENTS, "kayak").id == "e2"  # type: ignore[union-attr]  # a whole title
    assert pick_event(EVENTS, "harbour").id == "e1"  # type: ignore[union-attr]
    walk = pick_event(EVENTS, "City Food Walk")
    assert isinstance(walk, Refused)
    assert walk.refusal is Refusal.EVENT_AMBIGUOUS
    assert walk.choices == ("City Food Walk (e3)", "City Food Walk (e4)")
    assert pick_event(EVENTS, "e4").id == "e4"  # type: ignore[union-attr]
    assert isinstance(pick_event(EVENTS, ""), Refused)


@MATCHING
@given(wanted=hostile_text)
def test_a_date_is_never_taken_by_a_prefix(wanted: str) -> None:
    picked = pick_date(DATES, wanted)
    if isinstance(picked, Refused):
        assert picked.refusal in (
            Refusal.DATE_UNKNOWN,
            Refusal.DATE_AMBIGUOUS,
            Refusal.DATE_UNREADABLE,
        )
        assert picked.choices
        return
    text = wanted.strip()
    start = picked.date.strftime("%Y-%m-%dT%H:%M")
    day = picked.date.strftime("%Y-%m-%d")
    assert text == picked.id or text.startswith(start) or text == day


def test_dates() -> None:
    for wanted in ("", "2", "2026", "2026-12", "d", "9"):
        assert isinstance(pick_date(DATES, wanted), Refused), wanted  # used to book DATES[0]
    assert pick_date(DATES, "2026-12-03T14:00").id == "d1"  # type: ignore[union-attr]
    assert pick_date(DATES, "2026-12-03T15:00+01:00").id == "d1"  # type: ignore[union-attr]
    assert pick_date(DATES, "2026-12-04").id == "d2"  # type: ignore[union-attr]  # one that day
    both = pick_date(DATES, "2026-12-03")
    assert isinstance(both, Refused)
    assert both.refusal is Refusal.DATE_AMBIGUOUS
    assert both.choices == ("2026-12-03T09:00 (10)", "2026-12-03T14:00 (10)")
    assert pick_date(DATES, "d3").id == "d3"  # type: ignore[union-attr]
    assert isinstance(pick_date(DATES, "٢٠٢٦-١٢-٠٤"), Refused)


@MATCHING
@given(specs=st.lists(hostile_text, min_size=1, max_size=4))
def test_participants_are_ascii_counts_of_exactly_one_price(specs: list[str]) -> None:
    read = read_participants(PRICED, specs)
    if isinstance(read, Refused):
        return
    assert len(read) == len(specs)  # each spec named its own price
    for spec in specs:
        _name, _, number = spec.partition("=")
        assert number.strip().isascii()
        assert number.strip().isdigit()
    assert all(0 <= n <= MAX_COUNT for n in read.values())


def test_participants() -> None:
    assert read_participants(PRICED, ["Adult=2", "child=1"]) == {"1": 2, "2": 1}  # category
    assert read_participants(PRICED, ["Child (6-12)=3"]) == {"2": 3}
    assert read_participants(PRICED, ["3=007"]) == {"3": 7}  # by id, leading zeros
    for spec, refusal in (
        ("Adult=²", Refusal.PARTICIPANTS_UNREADABLE),
        ("Adult=٣", Refusal.PARTICIPANTS_UNREADABLE),  # booked 3 before
        ("Adult=" + "9" * 5000, Refusal.COUNT_TOO_LARGE),  # a traceback before
        ("Adult=1000", Refusal.COUNT_TOO_LARGE),
        ("Youth=1", Refusal.PRICE_AMBIGUOUS),  # a title and a category: two prices
        ("Dragon=1", Refusal.PRICE_UNKNOWN),
        ("Adult", Refusal.PARTICIPANTS_UNREADABLE),
    ):
        read = read_participants(PRICED, [spec])
        assert isinstance(read, Refused), spec
        assert read.refusal is refusal, spec
    twice = read_participants(PRICED, ["Adult=1", "adult=1"])
    assert isinstance(twice, Refused)
    assert twice.refusal is Refusal.PRICE_TWICE


@MATCHING
@given(text=hostile_text)
def test_a_day_is_ascii_yyyy_mm_dd(text: str) -> None:
    day = read_day(text)
    if isinstance(day, date):
        assert text.strip() == day.isoformat()


def test_the_calendars_ends_are_days() -> None:
    assert read_day("0001-01-01") == date(1, 1, 1)
    assert read_day("9999-12-31") == date(9999, 12, 31)
    assert isinstance(read_day("2026-02-30"), Refused)


def test_echo_cleans_what_is_repeated() -> None:
    assert cli_choices.echo("\x1b[2J\u202eA\udcff") == "?[2J?A?"
    assert len(cli_choices.echo("x" * 10_000)) == 80


# --- the real command line, in this process --------------------------------------------------


@pytest.fixture
def quiet_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    tracemalloc.start()
    started = time.monotonic()
    try:
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse's own refusal
            code = int(exit_.code or 0)
    finally:
        seconds = time.monotonic() - started
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    out, err = capsys.readouterr()
    assert seconds < SECONDS, (args, seconds)
    assert peak / 2**20 < PEAK_MB, (args, peak / 2**20)
    assert "Traceback" not in out + err, args
    assert "Something went wrong" not in err, (args, err)  # the last net was not needed
    return code, out, err


IN_PROCESS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TITLE, START_TEXT, PRICE = "Harbour Kayak Tour", "", "Adult"


@pytest.mark.usefixtures("qapp", "quiet_logging")
@IN_PROCESS
@given(
    event_name=hostile_text, when=hostile_text, specs=st.lists(hostile_text, min_size=1, max_size=3)
)
def test_redeem_arguments(
    capsys: pytest.CaptureFixture[str], event_name: str, when: str, specs: list[str]
) -> None:
    args = ["--demo", "redeem", DEMO_CODES["fresh"], "--event", event_name, "--date", when]
    code, out, err = run_main([*args, "--participants", *specs, "--yes"], capsys)
    assert code in (Exit.OK, Exit.FAILED, Exit.USAGE), (code, err)
    if code == Exit.OK:  # only a fully named booking is made
        assert "Booked" in out
        assert all(spec.partition("=")[2].strip().isascii() for spec in specs)
        assert isinstance(pick_date(DATES, when), Refused) or when.strip() not in ("", "2")
    elif code == Exit.USAGE:
        assert err.strip()


@pytest.mark.usefixtures("qapp", "quiet_logging")
@IN_PROCESS
@given(day=hostile_text, search=hostile_text, key=hostile_text, code=hostile_text)
@example(day="-:", search="-:", key="-:", code="-:")  # once read as options
@example(day="", search="\udcff", key="\udcff", code="\udcff")  # undecodable argv bytes
def test_reading_commands(
    capsys: pytest.CaptureFixture[str], day: str, search: str, key: str, code: str
) -> None:
    # Values go in the forms that hold any text, a leading dash too: --option=value, and
    # positionals after "--" (a bare "-x" would be read as an option, as every CLI does).
    status, _out, err = run_main(["--demo", "report", f"--day={day}"], capsys)
    assert status in (Exit.OK, Exit.USAGE)
    if status == Exit.USAGE:
        assert "--day" in err
    status, _out, _err = run_main(["--demo", "journal", "--all", f"--search={search}"], capsys)
    assert status == Exit.OK
    status, out, _err = run_main(["--demo", "undo", "--yes", "--", key], capsys)
    assert status == Exit.FAILED
    assert out.strip()
    status, out, _err = run_main(["--demo", "lookup", "--", code], capsys)
    assert status in (Exit.OK, Exit.FAILED)
    assert "Verdict:" in out


urls = st.builds(
    lambda scheme, user, host, port, tail: f"{scheme}{user}{host}{port}{tail}",
    st.sampled_from(["", "ftp://", "http://", "https://", "HTTPS://", "javascript:", "file://"]),
    st.sampled_from(["", "user:pw@", "@", "a@b@"]),
    st.sampled_from(
        [
            "",
            "x",
            "exa mple.com",
            "%zz",
            "[::1",
            "127.0.0.1",
            "localhost",
            "ünï.test",
            "\x00",
            "a" * 300,
        ]
    ),
    st.sampled_from(["", ":0", ":1", ":99999", ":-1", ":abc", ":"]),
    st.sampled_from(["", "/", "/v3", "?q=1", "#f", "/\x1b[31m", "/" + "p" * 5000]),
)


@pytest.mark.usefixtures("qapp", "quiet_logging")
@IN_PROCESS
@given(url=urls)
def test_login_addresses(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    """Never a request to anywhere but loopback: every host here is refused, unresolvable or
    this computer (where port 1 and 0 have no bookingkit)."""
    import io

    import keyring
    from helpers.keyrings import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-123456\n"))
    try:
        args = ["login", "--url", url, "--client-id", "c1", "--client-secret-stdin"]
        code, _out, err = run_main(args, capsys)
    finally:
        keyring.set_keyring(previous)
    assert code in (Exit.FAILED, Exit.USAGE), (url, err)
    assert err.strip()


# --- the reported cases, as separate processes -----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["report", "--day", "0001-01-01"], 0, "End-of-shift report"),
        (["report", "--day", "9999-12-31"], 0, "End-of-shift report"),
        (["report", "--day", "2026-02-30"], 2, "is not a day written YYYY-MM-DD"),
        (
            ["login", "--url", "ftp://x", "--client-id", "a", "--client-secret-stdin"],
            2,
            "must start with https://",
        ),
        (
            ["login", "--environment", "sandbox", "--url", "https://x.test"],
            2,
            "--url is only for --environment custom",
        ),
    ],
)
def test_reported_cases(app_home: Path, args: list[str], code: int, words: str) -> None:
    demo = [] if args[0] == "login" else ["--demo"]
    started = time.monotonic()
    result = run_cli([*demo, *args], app_home, stdin="x\n")
    assert time.monotonic() - started < SECONDS
    assert "Traceback" not in result.stderr
    assert result.returncode == code, result.stderr
    assert words in result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("date_arg", "participants", "words"),
    [
        ("", "Adult=1", "is neither a date id nor a start"),  # booked the first date before
        ("2", "Adult=1", "is neither a date id nor a start"),
        (None, "Adult=²", "digits 0-9"),  # a traceback before
        (None, "Adult=٣", "digits 0-9"),  # booked 3 before
        (None, "Adult=" + "9" * 5000, "at most 999 participants"),  # a traceback before
    ],
)
def test_reported_redeem_cases(
    app_home: Path, standin: StandinServer, date_arg: str | None, participants: str, words: str
) -> None:
    title, start, _price = bookable(standin)
    when = start if date_arg is None else date_arg
    args = ["--demo", "redeem", DEMO_CODES["large"], "--event", title, "--date", when]
    result = run_cli([*args, "--participants", participants, "--yes"], app_home)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert "Booked" not in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="argv is bytes on POSIX only")
def test_undecodable_bytes_on_the_command_line(app_home: Path) -> None:
    """Bytes that are no UTF-8 arrive as surrogates: printed back as "?", never a crash."""
    import os

    env = {**os.environ, "VOUCHERDESK_HOME": str(app_home)}
    for args in (
        [b"--demo", b"lookup", b"GV7K\xff\xfe"],
        [
            b"--demo",
            b"redeem",
            b"GV7K2M9P",
            b"--event",
            b"\xff",
            b"--date",
            b"x",
            b"--participants",
            b"A=1",
        ],
        [b"--demo", b"report", b"--day", b"\xc3("],
        [b"--demo", b"journal", b"--search", b"\xff\x1b[2J"],
    ):
        result = subprocess.run(
            [sys.executable.encode(), b"-m", b"voucherdesk", *args],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        err = result.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in result.stderr, err
        assert result.returncode in (0, 1, 2), err
        assert b"\x1b[2J" not in result.stdout + result.stderr  # no escape reaches the terminal


@pytest.mark.parametrize("argv", [[], ["--demo"]])
def test_the_window_command_lines_read_as_the_full_parser_reads_them(argv: list[str]) -> None:
    """A start of the window skips building every command's parser; it must not change what
    the command line means."""
    from voucherdesk.cli import _parser, _window_args

    assert _window_args(argv) == _parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [["--self-test"], ["--version"], ["--demo", "lookup", "X"], ["lookup", "X"], ["--demo", "x"]],
)
def test_every_other_command_line_goes_to_the_full_parser(argv: list[str]) -> None:
    from voucherdesk.cli import _window_args

    assert _window_args(argv) is None
