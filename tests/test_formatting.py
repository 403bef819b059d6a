"""Amounts and dates for the clerk: locale conventions, and ISO where no locale is set."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

from voucherdesk.money import Money
from voucherdesk.ui.common import formatting

MOMENT = datetime(2026, 12, 3, 14, 0, tzinfo=UTC)


def test_without_a_locale_dates_are_iso_and_amounts_read_as_in_english() -> None:
    c = QLocale.c()
    assert formatting.date_only(MOMENT, c).startswith("2026-12-0")  # local time zone aside
    assert formatting.day(date(2026, 12, 3), c) == "2026-12-03"
    assert formatting.date_time(MOMENT, c)[4:14].startswith("2026-12-0")
    assert formatting.money(Money(Decimal("12.5"), "EUR"), c) == "€12.50"


def test_locales_keep_their_own_dates() -> None:
    assert formatting.day(date(2026, 12, 3), QLocale("de_DE")) == "03.12.26"
    assert formatting.money(Money(Decimal("1234.5"), "EUR"), QLocale("de_DE")) == "1.234,50 €"


def test_english_on_a_computer_without_a_locale_keeps_iso_dates() -> None:
    """LANG=C: the app's English must not turn into US month/day dates."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from datetime import date\n"
        "from voucherdesk.ui.common.i18n import install_translations\n"
        "from voucherdesk.ui.common import formatting\n"
        "app = QApplication([])\n"
        "for choice in ('system', 'en'):\n"
        "    install_translations(app, choice)\n"
        "    print(formatting.day(date(2026, 12, 3)))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LANG="C", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["2026-12-03", "2026-12-03"]
