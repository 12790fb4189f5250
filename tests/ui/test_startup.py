"""Starting the program: the start screen without a register, the demo's "who are you"
choice, plain messages for users who cannot work here, and a fast first paint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dorpsondersteuner.__main__ import parse_args

from .conftest import WAIT_MS, StartProgram, wait_idle


def test_without_a_register_the_start_screen_offers_the_demo_and_the_server(
    qtbot: QtBot, start_program: StartProgram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dorpsondersteuner.ui import ops

    monkeypatch.setattr(ops, "DEMO_REQUESTS", 60)  # 5,000 on a real first start
    empty = tmp_path / "empty"
    empty.mkdir()
    desktop = start_program(None, demo=False, folder=empty)
    qtbot.waitUntil(lambda: desktop.start_page is not None, timeout=WAIT_MS)
    page = desktop.start_page
    assert page is not None
    registers = [page.registers.item(i).text() for i in range(page.registers.count())]
    assert registers == ["Demoregister — verzonnen gegevens, nooit gesynchroniseerd"]
    assert page.connect_heading.text() == "Verbinden met de server van je gemeente"
    assert not page.password.isVisible()  # the demo has no password (D1)
    assert list(empty.iterdir()) == []  # nothing made before the user asks
    page.connect_button.click()  # nothing filled in: says what is needed, makes nothing
    assert "Vul het adres van de server" in page.connect_message.text()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(desktop, "chooser", None) is not None, timeout=WAIT_MS)
    assert (empty / "demo-register.db").exists()


def test_the_demo_asks_who_you_are_unless_told(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program(None)
    qtbot.waitUntil(lambda: getattr(desktop, "chooser", None) is not None, timeout=WAIT_MS)
    chooser = desktop.chooser
    users = [chooser.users.item(i).text() for i in range(chooser.users.count())]
    assert any(u.startswith("Ingrid Kuijpers — Dorpsondersteuner, Bakel") for u in users)
    assert any("Wijkteamlid" in u for u in users)
    current = chooser.users.currentItem()
    assert current is not None and current.text().startswith("Ingrid")
    joyce = next(i for i, u in enumerate(users) if u.startswith("Joyce"))
    chooser.users.setCurrentRow(joyce)
    qtbot.mouseClick(chooser.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desktop.work is not None, timeout=WAIT_MS)
    wait_idle(qtbot, desktop)
    assert "Joyce van Dijk · Wijkteamlid" in desktop.window.user_label.text()


def test_an_unknown_user_and_an_administrator_get_a_way_forward(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    nobody = start_program("nobody")
    qtbot.waitUntil(lambda: "nobody" in nobody.window.message.text(), timeout=WAIT_MS)
    assert "--user" in nobody.window.message.text()
    assert "ingrid" in nobody.window.message.text()
    # An administrator gets the page of references and owners (D5), not the work area.
    admin = start_program("beheer")
    qtbot.waitUntil(lambda: admin.admin is not None and admin.admin.loaded, timeout=WAIT_MS)
    assert admin.work is None
    assert admin.window.pages.currentWidget() is admin.admin


def test_shortcuts_are_in_the_menus_and_tooltips(start_program: StartProgram) -> None:
    desktop = start_program("ingrid")
    window = desktop.window
    shortcuts = {
        action.text().replace("&", ""): action.shortcut().toString()
        for action in (
            window.new_action,
            window.save_action,
            window.find_action,
            window.previous_action,
            window.next_action,
            window.help_action,
        )
    }
    assert shortcuts == {
        "Nieuwe hulpvraag": "Ctrl+N",
        "Bewaren": "Ctrl+S",
        "Zoeken": "Ctrl+F",
        "Vorige hulpvraag": "Alt+Up",
        "Volgende hulpvraag": "Alt+Down",
        "Korte uitleg": "F1",
    }
    assert "Ctrl+N" in window.new_action.toolTip()
    assert "Ctrl+F" in desktop.work.list_pane.search.toolTip()


def test_alt_down_moves_to_the_next_request(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    first = work.current_id
    desktop.window.next_action.trigger()
    qtbot.waitUntil(lambda: work.current_id != first and work.detail_loaded, timeout=WAIT_MS)
    assert work.table.currentIndex().row() == 1
    assert work.detail.title.text() == work.model.row_data(1).resident_name


def test_the_command_line() -> None:
    args = parse_args(["--demo", "--user", "joyce", "--lang", "en", "--data-dir", "x"])
    assert (args.demo, args.user, args.lang, args.data_dir) == (True, "joyce", "en", "x")
    shot = parse_args(["--screenshot", "a.png", "--view", "intake"])
    assert (shot.screenshot, shot.view) == (Path("a.png"), "intake")


def test_the_window_paints_before_the_register_is_imported() -> None:
    """Cold start: SQLAlchemy costs ~340 ms to import, so nothing before the first
    paint may pull it in (SETUP-NOTES, "Import costs")."""
    code = (
        "import sys\n"
        "import dorpsondersteuner.__main__, dorpsondersteuner.ui.app\n"
        "from dorpsondersteuner.ui.main_window import MainWindow\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlcipher3', 'alembic') or m.startswith('dorpsondersteuner.models'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
