"""Starting with the list the user saw last time: a second start shows that user's
snapshot first, then the live list replaces it; nobody else's snapshot is ever shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from dorpsondersteuner.enums import Level
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.rawdb import DEMO_REGISTER_KEY
from dorpsondersteuner.snapshot import SnapshotRow, read_snapshot
from dorpsondersteuner.ui.app import Desktop, Options
from dorpsondersteuner.ui.main_window import MainWindow
from dorpsondersteuner.ui.palette import level_colour
from dorpsondersteuner.ui.preview import PreviewModel, PreviewPage, level_dot
from dorpsondersteuner.ui.request_model import REFERENCE, RESIDENT

from .conftest import WAIT_MS, StartProgram, wait_idle


def _live_cells(desktop: Desktop, column: int, rows: int) -> list[str]:
    model = desktop.work.model
    return [model.data(model.index(row, column)) for row in range(rows)]


def _start_watched(qtbot: QtBot, folder: Path, user: str) -> tuple[Desktop, list[str]]:
    """Start as ``start_program`` does, noting in order what was painted with rows."""
    window = MainWindow()
    qtbot.addWidget(window)
    desktop = Desktop(window, Options(data_dir=folder, demo=True, user=user))
    painted: list[str] = []
    seen: set[bool] = set()
    report = desktop.on_rows_painted

    def note(*, live: bool) -> None:
        if live not in seen:
            seen.add(live)
            status = window.statusBar().currentMessage()
            worker = "worker started" if desktop.tasks is not None else "no worker yet"
            painted.append("live" if live else f"preview ({status}, {worker})")
        report(live=live)

    desktop.on_rows_painted = note  # type: ignore[method-assign]
    window.show()
    qtbot.waitUntil(lambda: True in seen or desktop.error is not None, timeout=WAIT_MS)
    wait_idle(qtbot, desktop)
    return desktop, painted


def test_a_second_start_shows_the_list_as_last_seen_then_the_live_list(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    path = demo_register_path(demo_dir)
    assert read_snapshot(path, DEMO_REGISTER_KEY, "ingrid", "mine") is None
    first = start_program("ingrid")
    assert first.preview is None  # the first start of all has nothing to show early
    shown = min(first.work.model.rowCount(), 40)
    names = _live_cells(first, RESIDENT, shown)
    references = _live_cells(first, REFERENCE, shown)
    first.shutdown()

    saved = read_snapshot(path, DEMO_REGISTER_KEY, "ingrid", "mine")
    assert saved is not None and saved.language == "nl"
    assert [row.cells[RESIDENT] for row in saved.rows] == names
    assert saved.headers[RESIDENT] == "Inwoner"

    second, painted = _start_watched(qtbot, demo_dir, "ingrid")
    try:
        assert painted == ["preview (Bijwerken…, no worker yet)", "live"]
        assert second.preview is None  # replaced by the work area
        assert second.window.pages.currentWidget() is second.work
        pages = second.window.pages
        assert not any(isinstance(pages.widget(i), PreviewPage) for i in range(pages.count()))
        assert second.window.statusBar().currentMessage() != "Bijwerken…"
        assert _live_cells(second, REFERENCE, shown) == references
    finally:
        second.shutdown()

    # Another user never sees it: no preview for Joyce, and hers holds only her list.
    joyce, painted = _start_watched(qtbot, demo_dir, "joyce")
    try:
        assert painted == ["live"]
        joyce_names = _live_cells(joyce, RESIDENT, min(joyce.work.model.rowCount(), 40))
    finally:
        joyce.shutdown()
    hers = read_snapshot(path, DEMO_REGISTER_KEY, "joyce", "mine")
    assert hers is not None and [row.cells[RESIDENT] for row in hers.rows] == joyce_names
    still = read_snapshot(path, DEMO_REGISTER_KEY, "ingrid", "mine")
    assert still is not None and [row.cells[RESIDENT] for row in still.rows] == names


def test_no_snapshot_is_kept_of_a_search(qtbot: QtBot, start_program: StartProgram) -> None:
    desktop = start_program("ingrid")
    path = demo_register_path(desktop.options.data_dir)
    before = read_snapshot(path, DEMO_REGISTER_KEY, "ingrid", "mine")
    assert before is not None
    desktop.work.list_pane.search.setText("zzzz-nothing")
    wait_idle(qtbot, desktop)
    after = read_snapshot(path, DEMO_REGISTER_KEY, "ingrid", "mine")
    assert after is not None and after.rows == before.rows


def test_the_preview_model(qtmodeltester: ModelTester) -> None:
    rows = (
        SnapshotRow(("Diana de Wit", "Dorp", "BAK-1"), Level.VILLAGE),
        SnapshotRow(("Omar Haile", "Gemeente", "BAK-2"), Level.MUNICIPALITY),
        SnapshotRow(("Toos Pennings", "?", "BAK-3"), None),  # a level this program lacks
    )
    model = PreviewModel(("Inwoner", "Niveau", "Kenmerk"), rows, level_column=1)
    qtmodeltester.check(model)
    assert model.rowCount() == 3 and model.columnCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(model.index(1, 0)) == "Omar Haile"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Kenmerk"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(2, 1), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(QModelIndex()) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_the_preview_dots_have_the_level_colours() -> None:
    for level in Level:
        image = level_dot(level).pixmap(32, 32).toImage()
        assert image.pixelColor(16, 16).name() == level_colour(level).name()
