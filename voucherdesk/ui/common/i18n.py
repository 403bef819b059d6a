"""Language: install the app's own translations and Qt's (dialog buttons, context menus).

English is the source language, so "en" needs no app translation file. German comes from
resources/i18n/voucherdesk_de.qm (built by packaging/update_translations.sh). Amounts and dates
follow QLocale: "system" keeps the desktop's locale; an explicit choice sets the default locale
to that language unless the system locale already speaks it (so de_AT stays de_AT). English on
a system without a locale (C/POSIX) keeps the C locale, whose dates are shown as ISO.
"""

from __future__ import annotations

import logging
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from voucherdesk.resources import resources_dir

log = logging.getLogger(__name__)

LanguageChoice = Literal["system", "en", "de"]
SUPPORTED: tuple[str, ...] = ("en", "de")

_installed: list[QTranslator] = []


def resolve_language(choice: LanguageChoice, system: QLocale | None = None) -> str:
    """The language code to use: the choice, or the system's if supported, else English."""
    if choice != "system":
        return choice
    name = (system or QLocale.system()).name()  # e.g. "de_DE"
    code = name.split("_")[0]
    return code if code in SUPPORTED else "en"


def install_translations(app: QCoreApplication, choice: LanguageChoice = "system") -> str:
    """(Re)install translators for `choice`; returns the language code in use.

    Missing translation files are logged, not fatal: the app then shows English text.
    """
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()

    language = resolve_language(choice)
    system = QLocale.system()
    if language == "en" and system.language() == QLocale.Language.C:
        QLocale.setDefault(QLocale.c())  # no locale set: ISO dates (formatting.py), not US ones
    elif choice != "system" and system.name().split("_")[0] != language:
        QLocale.setDefault(QLocale(language))
    else:
        QLocale.setDefault(system)
    if language == "en":
        return language

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    app_dir = str(resources_dir() / "i18n")
    for name, directory in ((f"qtbase_{language}", qt_dir), (f"voucherdesk_{language}", app_dir)):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation %s in %s", name, directory)
    return language


def language_names() -> dict[LanguageChoice, str]:
    """Names for the language setting; each language is named in itself, so it can be found."""
    return {
        "system": QCoreApplication.translate("Language", "Same as the computer"),
        "en": "English",
        "de": "Deutsch",
    }
