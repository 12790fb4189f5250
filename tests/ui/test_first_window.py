"""The program's first window: opens on the demo register, lists the newest requests
in Dutch, explains what to do without a register, and paints before the register loads."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.demo.generator import create_demo_register
from dorpsondersteuner.models.enums import Level, Status
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.overview import OverviewRow, recent_requests
from dorpsondersteuner.ui import loading
from dorpsondersteuner.ui.app import Options, Startup
from dorpsondersteuner.ui.first_window import FirstWindow
from dorpsondersteuner.ui.i18n import install_dutch
from dorpsondersteuner.ui.request_model import LEVEL, UPDATED, RequestTableModel

DUTCH_LEVELS = {"Dorp", "Wijkteam", "Gemeente"}
DUTCH_STATUSES = {"Open", "Wacht", "Afgesloten"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a small demo register (made once for this module)."""
    folder = tmp_path_factory.mktemp("data")
    create_demo_register(demo_register_path(folder), requests=200)
    return folder


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    translator = install_dutch(qapp)
    yield
    qapp.removeTranslator(translator)


def start(qtbot: QtBot, options: Options) -> tuple[FirstWindow, Startup]:
    window = FirstWindow()
    qtbot.addWidget(window)
    startup = Startup(window, options, bench=False)
    window.show()
    return window, startup


def wait_for_list(qtbot: QtBot, window: FirstWindow) -> RequestTableModel:
    qtbot.waitUntil(lambda: window.table is not None and window.table.isVisible(), timeout=20000)
    # The count comes last, off the GUI thread: wait for it so nothing outlives the test.
    qtbot.waitUntil(lambda: window.count_label.text() != "", timeout=20000)
    assert window.table is not None
    model = window.table.model()
    assert isinstance(model, RequestTableModel)
    return model


def expected_rows(folder: Path, username: str) -> list[OverviewRow]:
    register = open_register(demo_register_path(folder), DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            principal = load_principal(session, demo_id("user", username))
            return recent_requests(session, principal, limit=100)
    finally:
        register.close()


def cell(model: RequestTableModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


@pytest.mark.usefixtures("dutch")
def test_the_window_lists_the_newest_requests_in_dutch(qtbot: QtBot, demo_dir: Path) -> None:
    window, _startup = start(qtbot, Options(data_dir=demo_dir, demo=True, user="ingrid"))
    assert window.windowTitle() == "Dorpsondersteuner"

    model = wait_for_list(qtbot, window)
    expected = expected_rows(demo_dir, "ingrid")
    assert expected, "the demo register has requests in Bakel"
    assert model.rowCount() == len(expected)
    assert [cell(model, row, 0) for row in range(model.rowCount())] == [
        row.reference for row in expected
    ]
    assert [row.updated_at for row in expected] == sorted(
        (row.updated_at for row in expected), reverse=True
    )
    assert [model.headerData(column, Qt.Orientation.Horizontal) for column in range(6)] == [
        "Kenmerk",
        "Inwoner",
        "Gebied",
        "Niveau",
        "Status",
        "Laatste wijziging",
    ]
    assert {cell(model, row, LEVEL) for row in range(model.rowCount())} <= DUTCH_LEVELS
    assert {cell(model, row, 4) for row in range(model.rowCount())} <= DUTCH_STATUSES
    assert cell(model, 0, 1) == expected[0].resident_name
    assert "Ingrid Kuijpers" in window.user_label.text()
    assert "Demo-register" in window.register_label.text()
    assert "hulpvra" in window.count_label.text()


@pytest.mark.usefixtures("dutch")
def test_a_district_team_member_sees_their_own_list(qtbot: QtBot, demo_dir: Path) -> None:
    window, _startup = start(qtbot, Options(data_dir=demo_dir, demo=True, user="joyce"))
    model = wait_for_list(qtbot, window)
    assert [cell(model, row, 0) for row in range(model.rowCount())] == [
        row.reference for row in expected_rows(demo_dir, "joyce")
    ]
    assert "wijkteamlid" in window.user_label.text()


@pytest.mark.usefixtures("dutch")
def test_without_a_register_the_window_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    window, _startup = start(qtbot, Options(data_dir=tmp_path, demo=False, user="ingrid"))
    qtbot.waitExposed(window)
    text = window.message.text()
    assert "nog geen register" in text
    assert "--demo" in text
    assert window.message.isVisible()
    assert window.findChildren(QAbstractButton) == []  # no buttons that do nothing yet
    assert list(tmp_path.iterdir()) == []  # nothing made without --demo


@pytest.mark.usefixtures("dutch")
def test_the_first_demo_start_makes_the_demo_register(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "DEMO_REQUESTS", 60)  # 5,000 on a real first start
    window, _startup = start(qtbot, Options(data_dir=tmp_path, demo=True, user="ingrid"))
    assert "wordt aangemaakt" in window.message.text()
    model = wait_for_list(qtbot, window)
    assert model.rowCount() > 0
    assert demo_register_path(tmp_path).exists()


@pytest.mark.usefixtures("dutch")
def test_an_unknown_demo_user_gets_a_way_forward(qtbot: QtBot, demo_dir: Path) -> None:
    window, _startup = start(qtbot, Options(data_dir=demo_dir, demo=True, user="nobody"))
    qtbot.waitUntil(lambda: "nobody" in window.message.text(), timeout=20000)
    assert "--user" in window.message.text()
    assert "ingrid" in window.message.text()


@pytest.mark.usefixtures("dutch")
def test_an_administrator_sees_no_content(qtbot: QtBot, demo_dir: Path) -> None:
    window, _startup = start(qtbot, Options(data_dir=demo_dir, demo=True, user="beheer"))
    qtbot.waitUntil(lambda: "beheerders" in window.message.text(), timeout=20000)
    assert window.table is None


def make_rows(count: int) -> list[OverviewRow]:
    now = datetime.now(UTC)
    return [
        OverviewRow(
            id=uuid.uuid4(),
            reference=f"BAK-2026-D1-{number:03d}",
            resident_name="Jan van den Heuvel",
            area_name="Bakel",
            level=list(Level)[number % 3],
            status=list(Status)[number % 3],
            updated_at=now - timedelta(days=number),
        )
        for number in range(count)
    ]


def test_the_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = RequestTableModel(make_rows(30))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_rows(make_rows(5))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


@pytest.mark.usefixtures("dutch")
def test_last_change_reads_as_in_a_dutch_list() -> None:
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    rows = make_rows(10)
    rows = [
        dataclasses.replace(row, updated_at=now - timedelta(days=days, hours=1))
        for row, days in zip(rows, (0, 1, 3, 30), strict=False)
    ]
    model = RequestTableModel(rows, now=lambda: now)
    assert [cell(model, row, UPDATED) for row in range(4)] == [
        "vandaag, 15:00",  # 14:00 UTC is 15:00 in Amsterdam
        "gisteren, 15:00",
        "3 dagen geleden",
        "24-10-2026",
    ]
    tooltip = model.data(model.index(3, UPDATED), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "24-10-2026 16:00"  # summer time then: UTC+2
    assert QCoreApplication.translate("Words", "Waiting") == "Wacht"


def test_the_window_paints_before_the_register_is_imported() -> None:
    """Cold start: SQLAlchemy costs ~340 ms to import, so nothing before the first
    paint may pull it in (SETUP-NOTES, "Import costs")."""
    code = (
        "import sys\n"
        "import dorpsondersteuner.__main__, dorpsondersteuner.ui.app\n"
        "from dorpsondersteuner.ui.first_window import FirstWindow\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlcipher3', 'alembic') or m.startswith('dorpsondersteuner.models'))\n"
        "print(heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
