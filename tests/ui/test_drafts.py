"""Nothing typed is lost: the program is killed while a form holds unsaved text, and
the next start offers that text again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
from dorpsondersteuner.services.drafts import list_drafts
from dorpsondersteuner.ui.work import TYPE_ENV

from .conftest import StartProgram

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Mevrouw wil graag hulp bij het invullen van de huurtoeslag; dochter woont ver weg."


def drafts_in(folder: Path) -> list[tuple[str, str, object]]:
    register = open_register(demo_register_path(folder), DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            return list_drafts(session, demo_id("user", "ingrid"))
    finally:
        register.close()


def test_a_draft_survives_a_killed_program(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    program = subprocess.Popen(
        [
            *(sys.executable, "-m", "dorpsondersteuner", "--demo", "--user", "ingrid"),
            *("--data-dir", str(demo_dir)),
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", TYPE_ENV: TEXT},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not drafts_in(demo_dir):
            assert program.poll() is None, "the program stopped by itself"
            assert time.monotonic() < deadline, "no draft was saved"
            time.sleep(0.2)
    finally:
        program.send_signal(signal.SIGKILL)  # a crash or a flat battery: no goodbye
        program.wait(10)
    assert [form for form, _key, _at in drafts_in(demo_dir)] == ["request"]

    desktop = start_program("ingrid")
    work = desktop.work
    qtbot.waitUntil(lambda: work.draft_banner.isVisible(), timeout=10_000)
    assert "nieuwe hulpvraag" in work.draft_text.text()
    qtbot.mouseClick(work.draft_restore, Qt.MouseButton.LeftButton)
    form = work.form
    qtbot.waitUntil(lambda: form.question.toPlainText() == TEXT, timeout=10_000)
    assert form.restored.isVisible()

    # Cancelling on purpose throws the draft away.
    form.cancel()
    qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=10_000)
    assert drafts_in(demo_dir) == []


def test_a_dialog_asks_before_throwing_typed_text_away(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=10_000)
    work.detail.record_buttons["contact"].click()
    dialog = work.dialog
    qtbot.keyClicks(dialog.summary, "Gebeld met de huisarts.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels, but asks first
    assert dialog.isVisible()
    box = dialog._confirm
    assert box is not None and box.isVisible()
    keep = next(b for b in box.buttons() if b.text() == "Verder typen")
    keep.click()
    assert dialog.isVisible() and dialog.summary.toPlainText() == "Gebeld met de huisarts."


def test_stopping_a_form_with_typed_text_asks_in_the_form_not_in_a_window(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    window = desktop.window
    window.new_action.trigger()
    form = work.form
    qtbot.keyClicks(form.question, "Dochter belt terug over de boodschappen.")
    qtbot.waitUntil(lambda: drafts_in(demo_dir) != [], timeout=10_000)

    # Esc asks in the form itself: no other window opens, nothing waits for an answer.
    qtbot.keyClick(form.question, Qt.Key.Key_Escape)
    assert form.stop_bar.isVisible()
    assert "niet bewaard" in form.stop_question.text()
    assert QApplication.activeModalWidget() is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]
    assert form.keep_button.hasFocus()  # Enter keeps what was typed
    qtbot.keyClick(form.keep_button, Qt.Key.Key_Return)
    assert not form.stop_bar.isVisible()
    assert work.form_is_open()
    assert form.question.toPlainText() == "Dochter belt terug over de boodschappen."

    # The Cancel button asks the same; Esc again means "keep filling in".
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert form.stop_bar.isVisible()
    qtbot.keyClick(form.keep_button, Qt.Key.Key_Escape)
    assert not form.stop_bar.isVisible() and work.form_is_open()

    # "Stop and lose it" closes the form and throws the draft away.
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.stop_button, Qt.MouseButton.LeftButton)
    assert not work.form_is_open()
    qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=10_000)
    assert drafts_in(demo_dir) == []

    # An empty form just closes.
    window.new_action.trigger()
    qtbot.keyClick(form.lookup, Qt.Key.Key_Escape)
    assert not work.form_is_open()
    assert not form.stop_bar.isVisible()
