"""The request list: what it shows, search as you type, sorting, and the access policy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView
from pytestqt.qtbot import QtBot

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.models.enums import LifeDomain, Status
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.lists import RequestFilter, SortKey, request_ids
from dorpsondersteuner.ui.list_pane import ACTIVE
from dorpsondersteuner.ui.request_model import (
    FOLLOW_UP,
    LEVEL,
    RESIDENT,
    STATUS,
    UPDATED,
    URGENCY,
    RequestListModel,
)
from dorpsondersteuner.ui.tasks import TaskManager

from .conftest import StartProgram, wait_idle

DUTCH_LEVELS = {"Dorp", "Wijkteam", "Gemeente"}
DUTCH_STATUSES = {"Open", "Wacht", "Afgesloten"}


def expected_ids(folder: Path, username: str, where: RequestFilter, **sort: object) -> list:
    register = open_register(demo_register_path(folder), DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            principal = load_principal(session, demo_id("user", username))
            return request_ids(session, principal, where, **sort)  # type: ignore[arg-type]
    finally:
        register.close()


def ids_of(model: RequestListModel) -> list:
    return [model.id_at(row) for row in range(model.rowCount())]


def text(model: RequestListModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column)))


def test_the_list_shows_my_open_requests_in_dutch(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    model = work.model
    mine = RequestFilter(mine=True, statuses=frozenset({Status.OPEN, Status.WAITING}))
    assert ids_of(model) == expected_ids(demo_dir, "ingrid", mine)
    assert model.rowCount() > 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Inwoner", "Niveau", "Status"]
    assert "Afspraak" in headers and "Gewijzigd" in headers
    assert {text(model, row, LEVEL) for row in range(min(50, model.rowCount()))} <= DUTCH_LEVELS
    assert {text(model, row, STATUS) for row in range(min(50, model.rowCount()))} <= DUTCH_STATUSES
    assert "Ingrid Kuijpers" in desktop.window.user_label.text()
    assert "Dorpsondersteuner" in desktop.window.user_label.text()
    assert "Demo-register" in desktop.window.sync_label.text()
    assert desktop.window.windowTitle() == "Dorpsondersteuner — Demo — verzonnen gegevens"
    assert not desktop.window.sync_action.isEnabled() and desktop.sync is None  # never syncs
    assert "hulpvra" in desktop.window.count_label.text()
    # The first request is open in the detail pane.
    assert work.right.currentWidget() is work.detail
    assert work.detail.title.text() == model.row_data(0).resident_name


def test_search_narrows_the_list_as_you_type(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    work.select_view("all")
    wait_idle(qtbot, desktop)
    everything = work.model.rowCount()
    name = work.model.row_data(0).resident_name
    last_name = name.split()[-1]
    qtbot.keyClicks(work.list_pane.search, last_name)
    wait_idle(qtbot, desktop)
    found = work.model.rowCount()
    assert 0 < found < everything
    where = work.current_filter()
    assert ids_of(work.model) == expected_ids(demo_dir, "ingrid", where)
    assert any(work.model.row_data(row).resident_name == name for row in range(found))

    qtbot.keyClicks(work.list_pane.search, " qqqzzz")
    wait_idle(qtbot, desktop)
    assert work.model.rowCount() == 0
    assert work.list_pane.list_stack.currentWidget() is work.list_pane.empty
    assert "Niets gevonden" in work.list_pane.empty.text()

    work.list_pane.search.clear()
    wait_idle(qtbot, desktop)
    assert work.model.rowCount() == everything


def test_clicking_a_column_sorts_in_sql(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    header = work.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header_pos(header, RESIDENT))
    wait_idle(qtbot, desktop)
    assert work.model.sort_key is SortKey.RESIDENT
    where = work.current_filter()
    expected = expected_ids(
        demo_dir, "ingrid", where, sort=SortKey.RESIDENT, descending=work.model.descending
    )
    assert ids_of(work.model) == expected
    names = [work.model.row_data(row) for row in range(min(20, work.model.rowCount()))]
    assert all(name is not None for name in names)

    work.model.sort(UPDATED, Qt.SortOrder.AscendingOrder)
    wait_idle(qtbot, desktop)
    assert ids_of(work.model) == expected_ids(
        demo_dir, "ingrid", where, sort=SortKey.UPDATED, descending=False
    )


def header_pos(header, column: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QPoint(x, header.height() // 2)


def test_each_user_sees_only_what_the_policy_allows(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    supporter = start_program("ingrid")
    supporter.work.select_view("all")
    wait_idle(qtbot, supporter)
    team = start_program("joyce")
    team.work.select_view("all")
    wait_idle(qtbot, team)
    active = frozenset({Status.OPEN, Status.WAITING})
    for desktop, user in ((supporter, "ingrid"), (team, "joyce")):
        assert ids_of(desktop.work.model) == expected_ids(
            demo_dir, user, RequestFilter(statuses=active)
        )
    ingrid, joyce = set(ids_of(supporter.work.model)), set(ids_of(team.work.model))
    assert ingrid != joyce
    # A district team never sees what stayed in the village; the supporter sees no Milheeze.
    assert all(
        team.work.model.row_data(row) is None or team.work.model.row_data(row).level.value != "x"
        for row in range(team.work.model.rowCount())
    )
    assert not team.signed_in.views.intake
    assert not team.window.new_action.isEnabled()
    assert supporter.window.new_action.isEnabled()


def test_the_lazy_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, demo_dir: Path, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    tasks: TaskManager = desktop.tasks
    model = RequestListModel(tasks, desktop.signed_in.principal)
    qtmodeltester.check(model)  # type: ignore[attr-defined]  # empty
    model.reload()
    qtbot.waitUntil(lambda: model.ready and not tasks.busy, timeout=20_000)
    assert model.rowCount() > 0
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    # Rows of later pages arrive from the worker after the view asks for them.
    last = model.rowCount() - 1
    model.data(model.index(last, RESIDENT))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    assert model.data(model.index(last, RESIDENT))
    model.set_filter(RequestFilter(mine=True))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_search_is_logged_once_typing_stops_with_its_count_not_its_words(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    from sqlalchemy import select

    from dorpsondersteuner.models import AccessLogEntry

    def searches() -> list[tuple[int | None, str]]:
        register = open_register(demo_register_path(demo_dir), DEMO_REGISTER_KEY)
        try:
            with register.sessions() as session:
                rows = session.scalars(
                    select(AccessLogEntry).where(AccessLogEntry.action == "search")
                ).all()
                return [(row.count, f"{row.entity} {row.record_id}") for row in rows]
        finally:
            register.close()

    desktop = start_program("ingrid")
    work = desktop.work
    work.list_pane.search_log_timer.setInterval(200)  # the program waits 2 s; the test less
    work.select_view("all")
    wait_idle(qtbot, desktop)
    before = len(searches())
    name = work.model.row_data(0).resident_name.split()[-1]
    qtbot.keyClicks(work.list_pane.search, name)  # one search, typed letter by letter
    wait_idle(qtbot, desktop)
    qtbot.waitUntil(lambda: len(searches()) == before + 1, timeout=5000)
    qtbot.wait(400)
    logged = searches()
    assert len(logged) == before + 1  # not one entry per keystroke
    assert logged[-1] == (work.model.rowCount(), "help_requests None")


def test_a_life_domain_filter_shows_only_those_requests_and_composes_with_search(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    work.select_view("all")
    wait_idle(qtbot, desktop)
    pane, model = work.list_pane, work.model
    everything = model.rowCount()
    outsider = next(
        row
        for row in (model.row_data(r) for r in range(min(everything, 50)))
        if row is not None and LifeDomain.FINANCES not in row.life_domains
    )
    box = pane.life_domain
    assert box.isVisible() and box.currentText() == "Alle leefgebieden"
    assert box.itemText(box.findData(int(LifeDomain.FINANCES))) == "Financiën"

    box.setCurrentIndex(box.findData(int(LifeDomain.FINANCES)))
    wait_idle(qtbot, desktop)
    finances = ids_of(model)
    assert 0 < len(finances) < everything
    assert outsider.id not in finances
    assert finances == expected_ids(
        demo_dir, "ingrid", RequestFilter(statuses=ACTIVE, life_domain=LifeDomain.FINANCES)
    )
    for row in range(min(model.rowCount(), 50)):
        qtbot.waitUntil(lambda row=row: model.row_data(row) is not None)
        assert LifeDomain.FINANCES in model.row_data(row).life_domains
    # The request shown beside the list is about finances too; the search box is empty.
    qtbot.waitUntil(lambda: work.detail_loaded and work.current_id == finances[0])
    assert "Financiën" in work.detail.body.text()
    assert pane.search.text() == ""

    # The search narrows the filtered list further; a name from outside it finds nothing.
    inside = model.row_data(0)
    qtbot.keyClicks(pane.search, inside.resident_name.split()[-1])
    wait_idle(qtbot, desktop)
    assert inside.id in ids_of(model)
    assert set(ids_of(model)) <= set(finances)
    pane.search.clear()
    qtbot.keyClicks(pane.search, outsider.resident_name)
    wait_idle(qtbot, desktop)
    assert outsider.id not in ids_of(model)
    if model.rowCount() == 0:
        assert pane.list_stack.currentWidget() is pane.empty
        assert "Financiën" in pane.empty.text()
        assert "Alle leefgebieden" in pane.empty.text()

    # Back to all life domains: the outsider is found again.
    box.setCurrentIndex(0)
    wait_idle(qtbot, desktop)
    assert outsider.id in ids_of(model)


def cut_off_cells(table: QTableView, rows: int) -> list[str]:
    """The visible cells of the first ``rows`` rows whose text does not fit."""
    model = table.model()
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    found = []
    for row in range(rows):
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            index = model.index(row, column)
            text = str(model.data(index) or "")
            font = model.data(index, Qt.ItemDataRole.FontRole) or table.font()
            icon = (
                table.iconSize().width() + 4
                if model.data(index, Qt.ItemDataRole.DecorationRole)
                else 0
            )
            if QFontMetrics(font).horizontalAdvance(text) + icon + margin > table.columnWidth(
                column
            ):
                found.append(text)
    return found


def test_the_list_never_scrolls_sideways_and_shows_whole_words_also_when_narrow(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    window, work = desktop.window, desktop.work
    window.resize(1280, 800)
    work.select_view("all")
    wait_idle(qtbot, desktop)
    table, model = work.table, work.model
    rows = min(model.rowCount(), 25)
    for row in range(rows):
        qtbot.waitUntil(lambda row=row: model.row_data(row) is not None)
    # At 1280×800: resident, level, status, urgency, follow-up and last change.
    assert [c for c in range(model.columnCount()) if not table.isColumnHidden(c)][:6] == [
        RESIDENT, LEVEL, STATUS, URGENCY, FOLLOW_UP, UPDATED
    ]  # fmt: skip
    assert not table.horizontalScrollBar().isVisible()
    long_names = {model.row_data(r).resident_name for r in range(rows)}
    assert [t for t in cut_off_cells(table, rows) if t not in long_names] == []

    # The list made narrow beside a wide detail: the last columns give way, whole.
    work.setSizes([170, 430, 680])
    qtbot.waitUntil(lambda: table.isColumnHidden(UPDATED), timeout=5_000)
    assert not table.horizontalScrollBar().isVisible()
    assert not table.isColumnHidden(RESIDENT) and not table.isColumnHidden(LEVEL)
    assert [t for t in cut_off_cells(table, rows) if t not in long_names] == []
