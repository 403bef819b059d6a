"""The audit trail on real files with its chain head in the real OS keyring (Secret Service
under tests/run-all.sh): every kind of tampering is found at the right row, a crash leaves a
trail that holds up to its last whole row, and the command line says so in words and exit codes.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QApplication

from voucherdesk import cli, cli_audit_text, logs
from voucherdesk.audit.chain import GENESIS, BreakKind, ChainHead, line_of, parse_row
from voucherdesk.audit.events import AuditEvent, RowKind
from voucherdesk.audit.head import KeyringHeadStore, service_for
from voucherdesk.audit.trail import AuditProblem, AuditTrail, trail_at
from voucherdesk.bookingkit.environments import Environment
from voucherdesk.credentials import keyring_usable
from voucherdesk.exit_codes import Exit
from voucherdesk.money import Money
from voucherdesk.paths import app_paths

ENV = Environment("sandbox", "https://api.sandbox.bookingkit.de")
ROWS = 6


def _real_keyring_reason() -> str | None:
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return "no real OS keyring (no Secret Service); run tests/run-all.sh"
    if not keyring_usable(backend):
        return f"keyring backend {type(backend).__name__} is not a real OS keyring"
    return None


@pytest.fixture
def trail_path(app_home: Path) -> Iterator[Path]:
    """The counter's own trail path (VOUCHERDESK_HOME is per test), head in the real keyring."""
    reason = _real_keyring_reason()
    if reason:
        pytest.skip(reason)
    path = trail_at(app_paths().ensure().data_dir)
    yield path
    KeyringHeadStore(path).forget()


def event(n: int) -> AuditEvent:
    return AuditEvent(
        kind=RowKind.REDEMPTION,
        outcome="booked",
        key=f"till1-{n}",
        voucher_code=f"GIFT-{n:04d}-7QX9",
        booking_code=f"BK{n:06d}",
        amounts={
            "drawn": Money(Decimal(f"{n}0.05"), "EUR"),
            "top_up": Money(Decimal("9.95"), "EUR"),
        },
        detail={"participants": n},
    )


def filled(path: Path, rows: int = ROWS) -> AuditTrail:
    trail = AuditTrail(path, KeyringHeadStore(path)).open()
    for n in range(1, rows + 1):
        trail.append(event(n), clerk="Anna", environment=ENV)
    return trail


def lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def rewrite(path: Path, new: list[bytes]) -> None:
    path.write_bytes(b"".join(new))


def verify(path: Path) -> tuple[BreakKind | None, int | None, int]:
    report = AuditTrail(path, KeyringHeadStore(path)).verify()
    broken = report.broken
    return (broken.kind if broken else None, broken.row if broken else None, report.rows)


# --- a trail that holds ---------------------------------------------------------------------


@pytest.mark.keyring
def test_rows_are_chained_owner_only_and_the_head_is_in_the_keyring(trail_path: Path) -> None:
    filled(trail_path)
    assert verify(trail_path) == (None, None, ROWS)
    if sys.platform != "win32":
        assert stat.S_IMODE(trail_path.stat().st_mode) == 0o600
    rows = [parse_row(line.rstrip(b"\n"))[0] for line in lines(trail_path)]
    assert [row.n for row in rows] == list(range(1, ROWS + 1))
    assert rows[0].prev == GENESIS
    assert all(after.prev == before.hash for before, after in itertools.pairwise(rows))
    # The amounts come back exactly, with their currency; the voucher code in full.
    assert rows[2].event.amounts["drawn"] == Money(Decimal("30.05"), "EUR")
    assert rows[2].event.voucher_code == "GIFT-0003-7QX9"
    assert (rows[2].clerk, rows[2].environment, rows[2].base_url) == (
        "Anna",
        ENV.name,
        ENV.base_url,
    )
    stored = keyring.get_password(service_for(trail_path), "chain-head")
    assert stored is not None
    assert json.loads(stored) == {"count": ROWS, "hash": rows[-1].hash}


# --- tampering ------------------------------------------------------------------------------


@pytest.mark.keyring
def test_an_edited_row_is_found_at_its_row(trail_path: Path) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    rows[2] = rows[2].replace(b'"amount":"30.05"', b'"amount":"3.05"')
    rewrite(trail_path, rows)
    assert verify(trail_path) == (BreakKind.EDITED, 3, 2)


@pytest.mark.keyring
def test_an_edited_row_with_a_new_hash_breaks_the_next_link(trail_path: Path) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    _row, body = parse_row(rows[2].rstrip(b"\n"))
    body["booking_code"] = "BK999999"
    rows[2] = line_of(body)[0]  # a careful forger recomputes the row's own hash
    rewrite(trail_path, rows)
    assert verify(trail_path) == (BreakKind.NOT_LINKED, 4, 3)


@pytest.mark.keyring
def test_a_deleted_row_is_found_where_it_is_missing(trail_path: Path) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    del rows[3]
    rewrite(trail_path, rows)
    report = AuditTrail(trail_path, KeyringHeadStore(trail_path)).verify()
    assert report.broken is not None
    assert (report.broken.kind, report.broken.row, report.broken.found_row) == (
        BreakKind.OUT_OF_PLACE,
        4,
        5,
    )
    assert report.rows == 3


@pytest.mark.keyring
def test_swapped_rows_are_found_at_the_first_of_them(trail_path: Path) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    rows[1], rows[2] = rows[2], rows[1]
    rewrite(trail_path, rows)
    assert verify(trail_path) == (BreakKind.OUT_OF_PLACE, 2, 1)


@pytest.mark.keyring
def test_rows_cut_off_the_end_are_found_by_the_keyring_head(trail_path: Path) -> None:
    filled(trail_path)
    rewrite(trail_path, lines(trail_path)[:4])  # a consistent chain, two rows short
    report = AuditTrail(trail_path, KeyringHeadStore(trail_path)).verify()
    assert report.broken is not None
    assert (report.broken.kind, report.broken.row, report.broken.head_rows) == (
        BreakKind.CUT_OFF,
        5,
        ROWS,
    )


@pytest.mark.keyring
def test_a_deleted_file_is_a_trail_cut_off_at_row_one(trail_path: Path) -> None:
    filled(trail_path)
    trail_path.unlink()
    assert verify(trail_path) == (BreakKind.CUT_OFF, 1, 0)


@pytest.mark.keyring
def test_a_chain_rewritten_from_the_start_differs_from_the_head(trail_path: Path) -> None:
    filled(trail_path)
    forged: list[bytes] = []
    prev = GENESIS
    for line in lines(trail_path):  # every row rewritten and re-hashed, same count
        _row, body = parse_row(line.rstrip(b"\n"))
        body["prev"] = prev
        body["clerk"] = "Mallory"
        new, prev = line_of(body)
        forged.append(new)
    rewrite(trail_path, forged)
    assert verify(trail_path) == (BreakKind.HEAD_DIFFERS, ROWS, ROWS)


@pytest.mark.keyring
def test_a_removed_keyring_head_is_reported(trail_path: Path) -> None:
    filled(trail_path)
    KeyringHeadStore(trail_path).forget()
    kind, _row, _rows = verify(trail_path)
    assert kind is BreakKind.HEAD_MISSING


@pytest.mark.keyring
def test_a_cut_trail_is_not_repaired_by_the_next_start(trail_path: Path) -> None:
    """The counter goes on writing, but never drags the head back to a cut file."""
    filled(trail_path)
    rewrite(trail_path, lines(trail_path)[:3])
    trail = AuditTrail(trail_path, KeyringHeadStore(trail_path)).open()
    assert trail.problem is AuditProblem.BROKEN
    assert trail.record(event(99), clerk=None, environment=ENV) is not None
    kind, row, rows = verify(trail_path)
    assert (kind, row, rows) == (BreakKind.CUT_OFF, 5, 4)
    assert KeyringHeadStore(trail_path).load() is not None
    assert KeyringHeadStore(trail_path).load().count == ROWS  # type: ignore[union-attr]


# --- crashes --------------------------------------------------------------------------------


@pytest.mark.keyring
def test_a_torn_last_line_holds_up_to_the_last_whole_row_and_is_set_aside(
    trail_path: Path,
) -> None:
    filled(trail_path)
    torn = line_of({**parse_row(lines(trail_path)[0].rstrip(b"\n"))[1], "n": ROWS + 1})[0][
        :57
    ]  # power cut in the middle of the next row
    with open(trail_path, "ab") as handle:
        handle.write(torn)
    report = AuditTrail(trail_path, KeyringHeadStore(trail_path)).verify()
    assert (report.ok, report.rows, report.torn_bytes) == (True, ROWS, 57)

    trail = AuditTrail(trail_path, KeyringHeadStore(trail_path))
    row = trail.append(event(7), clerk="Ben", environment=ENV)
    assert row.n == ROWS + 2  # after the row that tells of the torn line
    told = parse_row(lines(trail_path)[ROWS].rstrip(b"\n"))[0]
    assert told.event.kind is RowKind.TORN_TAIL
    kept = trail_path.with_name(str(told.event.detail["kept_as"]))
    assert kept.read_bytes() == torn  # never thrown away
    assert verify(trail_path) == (None, None, ROWS + 2)


@pytest.mark.keyring
def test_a_row_written_just_before_a_crash_is_taken_into_the_head(trail_path: Path) -> None:
    filled(trail_path)
    head = KeyringHeadStore(trail_path)
    rows = [parse_row(line.rstrip(b"\n"))[0] for line in lines(trail_path)]
    head.save(ChainHead(count=ROWS - 1, hash=rows[-2].hash))  # the head write never happened
    report = AuditTrail(trail_path, head).verify()
    assert (report.ok, report.rows_after_head) == (True, 1)
    AuditTrail(trail_path, head).open()  # the next start counts it
    assert head.load() == ChainHead(count=ROWS, hash=lines_hash(trail_path))
    AuditTrail(trail_path, head).append(event(8), clerk=None, environment=ENV)
    assert head.load() == ChainHead(count=ROWS + 1, hash=lines_hash(trail_path))


def lines_hash(path: Path) -> str:
    return parse_row(lines(path)[-1].rstrip(b"\n"))[0].hash


APPENDER = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from pathlib import Path
    from voucherdesk.audit.events import AuditEvent, RowKind
    from voucherdesk.audit.head import KeyringHeadStore
    from voucherdesk.audit.trail import AuditTrail
    from voucherdesk.money import Money

    path = Path(sys.argv[1])
    trail = AuditTrail(path, KeyringHeadStore(path)).open()
    n = 0
    while True:
        n += 1
        trail.append(
            AuditEvent(
                kind=RowKind.SCAN,
                outcome="usable",
                voucher_code="X" * 3000 + str(n),
                amounts={"remaining": Money(Decimal("12.34"), "EUR")},
            ),
            clerk=None,
            environment=None,
        )
    """
)


@pytest.mark.slow
@pytest.mark.keyring
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_process_killed_while_appending_leaves_a_trail_that_holds(trail_path: Path) -> None:
    for _round in range(3):
        child = subprocess.Popen([sys.executable, "-c", APPENDER, str(trail_path)])
        try:
            deadline = time.monotonic() + 30
            start = trail_path.stat().st_size if trail_path.exists() else 0
            while time.monotonic() < deadline:
                size = trail_path.stat().st_size if trail_path.exists() else 0
                if size > start + 20 * 3000:
                    break
                time.sleep(0.01)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=30)
        report = AuditTrail(trail_path, KeyringHeadStore(trail_path)).verify()
        assert report.ok, report.broken
        assert report.rows == report.whole_rows > 0
        assert report.rows_after_head in (0, 1)
    # The next counter start appends cleanly after whatever the kill left.
    AuditTrail(trail_path, KeyringHeadStore(trail_path)).append(
        event(1), clerk=None, environment=ENV
    )
    final = AuditTrail(trail_path, KeyringHeadStore(trail_path)).verify()
    assert (final.ok, final.torn_bytes, final.rows_after_head) == (True, 0, 0)


# --- no keyring ----------------------------------------------------------------------------


def test_without_a_keyring_rows_are_written_and_the_gap_is_told(tmp_path: Path) -> None:
    path = tmp_path / "audit-trail.jsonl"
    heads = KeyringHeadStore(path, backend=keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    trail = AuditTrail(path, heads).open()
    assert trail.problem is AuditProblem.KEYRING_UNAVAILABLE
    assert trail.record(event(1), clerk=None, environment=ENV) is not None
    assert trail.record(event(2), clerk=None, environment=ENV) is not None
    report = trail.verify()
    assert (report.ok, report.rows, report.head_unavailable) == (True, 2, True)


def test_a_trail_that_cannot_be_written_never_stops_a_record(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("a file where the data folder should be")  # refused even to root
    trail = AuditTrail(folder / "audit-trail.jsonl", KeyringHeadStore(folder / "x")).open()
    assert trail.problem is AuditProblem.CANNOT_WRITE
    assert trail.record(event(1), clerk=None, environment=ENV) is None
    assert trail.problem is AuditProblem.CANNOT_WRITE


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level, before = root.level, list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    logs._installed.clear()
    root.setLevel(level)


@pytest.mark.keyring
@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_verify_says_ok_with_the_row_count(
    trail_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(trail_path)
    assert cli.main(["audit", "verify"]) == Exit.OK
    out = capsys.readouterr().out
    assert f"Audit trail OK: {ROWS} rows, every link holds" in out


@pytest.mark.keyring
@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_verify_names_the_first_broken_link_and_fails(
    trail_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    rows[1] = rows[1].replace(b"BK000002", b"BK000666")
    rewrite(trail_path, rows[:5])  # an edit in row 2 and a cut at the end: row 2 is first
    assert cli.main(["audit", "verify"]) == Exit.FAILED
    err = capsys.readouterr().err
    assert "Audit trail BROKEN at row 2: row 2 was changed after it was written" in err
    assert "The 1 rows before it hold." in err


@pytest.mark.keyring
@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_verify_tells_a_cut_in_german(trail_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from voucherdesk.settings import Settings, save_settings

    save_settings(Settings(language="de"), app_paths().settings_file)
    filled(trail_path)
    rewrite(trail_path, lines(trail_path)[:4])
    try:
        assert cli.main(["audit", "verify"]) == Exit.FAILED
    finally:
        from voucherdesk import cli_text

        cli_text.start_language("en")
    err = capsys.readouterr().err
    assert "Prüfprotokoll BESCHÄDIGT bei Zeile 5" in err
    assert "ab Zeile 5 wurden Zeilen am Ende abgeschnitten" in err


@pytest.mark.keyring
@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_export_round_trips_and_masks_codes_unless_asked(
    trail_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(trail_path)
    masked, full = tmp_path / "masked.csv", tmp_path / "full.csv"
    assert cli.main(["audit", "export", str(masked)]) == Exit.OK
    assert cli.main(["audit", "export", str(full), "--full-codes"]) == Exit.OK
    assert "(voucher codes masked)" in capsys.readouterr().out
    if sys.platform != "win32":
        assert stat.S_IMODE(full.stat().st_mode) == 0o600
    written = [
        parse_row(line.rstrip(b"\n"))[0] for line in lines(trail_path)[:ROWS]
    ]  # the export rows come after
    for path, shown in ((masked, False), (full, True)):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            table = list(csv.DictReader(handle))
        assert len(table) >= ROWS
        for row, line in zip(written, table, strict=False):
            assert int(line["row"]) == row.n
            assert line["verified"] == "yes"
            assert line["kind"] == "redemption"
            assert line["clerk"] == "Anna"
            assert line["booking_code"] == row.event.booking_code
            assert line["currency"] == "EUR"
            assert Decimal(line["drawn"]) == row.event.amounts["drawn"].amount
            assert Decimal(line["top_up"]) == Decimal("9.95")
            assert json.loads(line["detail"]) == dict(row.event.detail)
            assert line["hash"] == row.hash
            code = row.event.voucher_code or ""
            if shown:
                assert line["voucher_code"] == code
            else:
                assert line["voucher_code"].endswith(code[-4:])
                assert code[:-4] not in line["voucher_code"]
    assert full.read_bytes().startswith(b"\xef\xbb\xbf")  # a spreadsheet reads UTF-8
    # Each export is itself recorded, and the trail still holds.
    kinds = [parse_row(line.rstrip(b"\n"))[0].event for line in lines(trail_path)[ROWS:]]
    assert [(e.kind, e.outcome) for e in kinds] == [
        (RowKind.EXPORT, "masked"),
        (RowKind.EXPORT, "full_codes"),
    ]
    assert verify(trail_path) == (None, None, ROWS + 2)


@pytest.mark.keyring
@pytest.mark.usefixtures("restore_logging", "qapp")  # a QApplication before the CLI's
def test_export_marks_rows_from_the_broken_link_unverified(
    trail_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(trail_path)
    rows = lines(trail_path)
    rows[3] = rows[3].replace(b"Anna", b"=cmd")  # also a formula for a spreadsheet
    rewrite(trail_path, rows)
    target = tmp_path / "out.csv"
    assert cli.main(["audit", "export", str(target)]) == Exit.OK
    assert "broken at row 4" in capsys.readouterr().err
    with open(target, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [line["verified"] for line in table[:ROWS]] == ["yes"] * 3 + ["no"] * 3
    assert table[3]["clerk"] == "'=cmd"


def test_verify_without_a_keyring_exits_3_with_the_reason(app_home: Path) -> None:
    """A separate process with no D-Bus session: no Secret Service to ask."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DBUS_", "XDG_RUNTIME"))
    }
    env["VOUCHERDESK_HOME"] = str(app_home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    done = subprocess.run(
        [sys.executable, "-m", "voucherdesk", "audit", "verify"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == Exit.SETUP, done.stderr
    assert "could not be read from the OS keyring" in done.stdout
    assert "Traceback" not in done.stderr


def test_two_writers_on_one_trail_keep_one_chain(tmp_path: Path) -> None:
    """The window and a CLI command may record at the same moment: each appends after the
    other's rows (a lock, then the end read again), never a fork in the chain."""
    import threading

    from voucherdesk.audit.head import MemoryHeadStore

    path = tmp_path / "audit-trail.jsonl"
    heads = MemoryHeadStore()
    writers = [AuditTrail(path, heads).open(), AuditTrail(path, heads).open()]

    def write(trail: AuditTrail) -> None:
        for n in range(40):
            trail.append(event(n + 1), clerk=None, environment=ENV)

    threads = [threading.Thread(target=write, args=(trail,)) for trail in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    report = AuditTrail(path, heads).verify()
    assert (report.ok, report.rows, report.rows_after_head) == (True, 80, 0)


# --- words for every kind, in both languages ------------------------------------------------


@pytest.mark.parametrize("kind", list(BreakKind))
def test_every_broken_link_has_words_in_both_languages(qapp: QApplication, kind: BreakKind) -> None:
    from helpers.screens import themed

    from voucherdesk.audit.chain import ChainBreak
    from voucherdesk.audit.trail import TrailReport

    broken = ChainBreak(kind=kind, row=4, found_row=5, head_rows=6)
    report = TrailReport(
        rows=3, whole_rows=5, broken=broken, torn_bytes=0, head=None, head_unavailable=False
    )
    said = {}
    for lang in ("en", "de"):
        with themed(qapp, lang):
            said[lang] = "\n".join(
                cli_audit_text.audit_report_lines(report, "/x/audit-trail.jsonl")
            )
        assert "{" not in said[lang]
        assert "4" in said[lang]
    assert said["en"] != said["de"]


@pytest.mark.parametrize("problem", list(AuditProblem))
def test_every_audit_problem_has_words_in_both_languages(
    qapp: QApplication, problem: AuditProblem
) -> None:
    from helpers.screens import themed

    from voucherdesk.ui import wording

    said = {}
    for lang in ("en", "de"):
        with themed(qapp, lang):
            said[lang] = wording.audit_problem(problem)
    assert said["en"]
    assert said["en"] != said["de"]
