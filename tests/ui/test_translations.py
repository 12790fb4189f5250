"""The Dutch translation (D14) is complete, compiled, and what the program shows."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from dorpsondersteuner.paths import translations_dir

TS = translations_dir() / "dorpsondersteuner_nl.ts"
QM = translations_dir() / "dorpsondersteuner_nl.qm"
UI = Path(__file__).resolve().parents[2] / "dorpsondersteuner" / "ui"


def messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_source_string_has_a_dutch_translation() -> None:
    missing = []
    for context, message in messages():
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text for form in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
            form and form.strip() for form in forms
        ):
            missing.append(f"{context}: {source!r}")
    assert missing == [], "run scripts/translations and translate these:\n" + "\n".join(missing)


def test_the_ts_file_lists_every_string_of_the_source() -> None:
    """lupdate over the code finds nothing that the .ts file lacks."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    copy = Path(TS.parent / "check.ts")
    try:
        copy.write_bytes(TS.read_bytes())
        done = subprocess.run(
            [str(lupdate), "-no-obsolete", *map(str, sorted(UI.rglob("*.py"))), "-ts", str(copy)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert "0 new" in done.stdout, done.stdout
    finally:
        copy.unlink(missing_ok=True)


def test_the_compiled_file_matches_the_translations() -> None:
    assert QM.exists(), "run scripts/translations"
    # Content, not file times: a fresh clone gives both files the same arbitrary time.
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, message in messages():
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            singular = translator.translate(context, source, None, 1)
            assert singular == translation.findall("numerusform")[0].text, source
        else:
            assert translator.translate(context, source) == translation.text, source


def test_the_program_speaks_dutch_with_qt_s_own_words() -> None:
    # The autouse fixture installed the translators as the program does.
    assert QCoreApplication.translate("Words", "Village") == "Dorp"
    assert QCoreApplication.translate("Dates", "%n days ago", None, 3) == "3 dagen geleden"
    assert QCoreApplication.translate("Dates", "%n days ago", None, 1) == "1 dag geleden"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"


def test_english_says_one_day_and_four_days_never_day_s(qapp: QCoreApplication) -> None:
    from dorpsondersteuner.ui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "en")
    try:

        def say(context: str, source: str, n: int) -> str:
            return QCoreApplication.translate(context, source, "", n)

        assert say("Words", "%n day(s) left", 1) == "1 day left"
        assert say("Words", "%n day(s) left", 4) == "4 days left"
        assert say("WorkArea", "%n help request(s)", 87) == "87 help requests"
        assert say("WorkArea", "%n help request(s)", 1) == "1 help request"
        # Every plural message of the program has its English forms.
        english = (translations_dir() / "dorpsondersteuner_en.ts").read_text()
        dutch = TS.read_text()
        plural = set(re.findall(r"<source>([^<]*%n[^<]*)</source>", dutch))
        assert plural and plural == set(re.findall(r"<source>([^<]*%n[^<]*)</source>", english))
        assert "(s)" not in "".join(re.findall(r"<numerusform>([^<]*)</numerusform>", english))
    finally:
        remove_translators(qapp, translators)


def test_no_dutch_word_is_left_in_the_english_interface() -> None:
    """A Dutch term a municipal officer needs stays, in brackets after the English."""
    sources = re.findall(r"<source>([^<]*)</source>", TS.read_text())
    dutch = re.compile(r"\b(melding|aanvraag|hulpvraag|wijkteam|gemeente|buurthulp)\b", re.I)
    left = [s for s in sources if dutch.search(re.sub(r"\([^)]*\)", "", s))]
    assert left == []
