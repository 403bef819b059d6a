"""Theme, bundled resources and translations: the foundations other screens build on."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QLabel

from voucherdesk.desk.outcomes import OutcomeCase
from voucherdesk.desk.verdict import VerdictKind
from voucherdesk.resources import resource_path, resources_dir
from voucherdesk.ui.common.i18n import install_translations, language_names, resolve_language
from voucherdesk.ui.common.theme import (
    STATE_STYLES,
    apply_theme,
    contrast_ratio,
    outcome_state,
    state_style,
    verdict_state,
)


@pytest.mark.parametrize("style", list(STATE_STYLES.values()), ids=lambda s: s.key)
def test_state_colours_readable_and_icon_present(style, qapp: QApplication) -> None:
    assert contrast_ratio(style.foreground, style.background) >= 4.5  # WCAG AA
    assert QSvgRenderer(str(resource_path(style.icon))).isValid()


def test_every_desk_kind_has_a_state() -> None:
    assert {verdict_state(kind) for kind in VerdictKind} <= STATE_STYLES.keys()
    assert {outcome_state(case) for case in OutcomeCase} <= STATE_STYLES.keys()
    assert state_style("no-such-state").key == "unknown"
    # Green is for a booking that needs nothing more; anything to collect or check is not.
    assert [c for c in OutcomeCase if outcome_state(c) == "ok"] == [OutcomeCase.BOOKED]
    # A top-up still to collect has its own colour and icon, readable (WCAG AA).
    assert outcome_state(OutcomeCase.BOOKED, top_up_due=True) == "top_up"
    collect, done = STATE_STYLES["top_up"], STATE_STYLES["ok"]
    assert collect.background != done.background
    assert collect.icon != done.icon


def test_bad_and_good_differ_by_more_than_colour() -> None:
    looks = {(s.background, s.icon) for s in STATE_STYLES.values() if s.key != "error"}
    assert len(looks) == len(STATE_STYLES) - 1  # no two states share colour *and* icon


@pytest.mark.parametrize("name", ["light", "dark"])
def test_apply_theme_sets_palette_and_state_rules(qapp: QApplication, qtbot, name: str) -> None:
    old_palette, old_sheet = qapp.palette(), qapp.styleSheet()
    try:
        assert apply_theme(qapp, name) == name
        pal = qapp.palette()
        ratio = contrast_ratio(
            pal.color(QPalette.ColorRole.Text).name(), pal.color(QPalette.ColorRole.Base).name()
        )
        assert ratio >= 7
        label = QLabel("BK-1")
        qtbot.addWidget(label)
        label.setProperty("state", "ok")
        label.show()
        image = label.grab().toImage()
        corner = image.pixelColor(1, 1).name().upper()
        assert corner == STATE_STYLES["ok"].background
    finally:
        qapp.setStyleSheet(old_sheet)  # the Fusion style itself may stay: it is Qt's default here
        qapp.setPalette(old_palette)


def test_system_theme_resolves(qapp: QApplication) -> None:
    old_sheet = qapp.styleSheet()
    try:
        assert apply_theme(qapp, "system") in ("light", "dark")
    finally:
        qapp.setStyleSheet(old_sheet)


def test_resource_path_from_source_and_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resource_path("icon.svg").is_file()
    assert resource_path("icon-256.png").is_file()
    assert not QIcon(str(resource_path("icon-256.png"))).isNull()
    with pytest.raises(FileNotFoundError, match=r"nothing\.wav"):
        resource_path("sounds/nothing.wav")
    (tmp_path / "resources" / "sounds").mkdir(parents=True)
    (tmp_path / "resources" / "sounds" / "success.wav").write_bytes(b"RIFF")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    assert resource_path("sounds/success.wav") == tmp_path / "resources/sounds/success.wav"


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[None]:
    yield
    install_translations(qapp, "en")
    QLocale.setDefault(QLocale.system())


def test_german_translations_load(qapp: QApplication, restore_language: None) -> None:
    assert install_translations(qapp, "de") == "de"
    assert language_names()["system"] == "Wie am Computer eingestellt"  # our .qm
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"  # Qt's own
    assert QLocale().language() == QLocale.Language.German
    assert install_translations(qapp, "en") == "en"
    assert language_names()["system"] == "Same as the computer"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_system_language_resolution() -> None:
    assert resolve_language("system", QLocale("de_AT")) == "de"
    assert resolve_language("system", QLocale("fr_FR")) == "en"
    assert resolve_language("de", QLocale("en_US")) == "de"


def test_reapplying_a_theme_keeps_the_live_style(qapp: QApplication) -> None:
    """Swapping the QStyle under live widgets is what crashes; a theme switch must not do it."""
    old_palette, old_sheet = qapp.palette(), qapp.styleSheet()
    try:
        apply_theme(qapp, "light")
        destroyed: list[bool] = []
        qapp.style().destroyed.connect(lambda: destroyed.append(True))
        apply_theme(qapp, "dark")
        apply_theme(qapp, "light")
        QApplication.processEvents()
        assert destroyed == []
    finally:
        qapp.setStyleSheet(old_sheet)
        qapp.setPalette(old_palette)
