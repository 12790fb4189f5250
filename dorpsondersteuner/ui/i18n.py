"""Qt's translation system (D14): English source strings, Dutch the default language.

The program's Dutch lives in ``resources/translations/dorpsondersteuner_nl.ts``, compiled
to ``.qm`` by ``scripts/translations`` (pyside6-lupdate + pyside6-lrelease). Qt's own
``qtbase_nl`` translator is installed too, for the buttons and dialogs Qt draws itself.
English has a catalogue of plural forms only (``dorpsondersteuner_en.ts``, written by
``scripts/translations`` from the plural messages).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import translations_dir

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
CATALOGUE = "dorpsondersteuner"


def install_translators(
    app: QCoreApplication, language: str = DEFAULT_LANGUAGE
) -> list[QTranslator]:
    """Install the program's and Qt's translators for ``language``; keep the returned
    objects alive as long as the app. English is the source language: its catalogue
    holds only the plural forms ("1 day" / "4 days")."""
    if language == "nl":
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    installed = []
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{language}", str(translations_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    if language == "en":
        return installed  # only the plural forms: English is the source language
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
