"""The administrator's page (D5): references and owners, never content; "Overdragen"
hands a request to someone at its level and area."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dorpsondersteuner.models.enums import Level
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.ui import dialogs

from .conftest import StartProgram
from .test_workflow import in_register

WAIT = 10_000


def every_text(window: QWidget) -> Iterator[str]:
    """Every text a widget tree holds, visible or not, and every cell of its tables."""
    for widget in [window, *window.findChildren(QWidget)]:
        yield widget.windowTitle()
        yield widget.toolTip()
        yield widget.accessibleName()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QLineEdit):
            yield widget.text()
        if isinstance(widget, QPlainTextEdit):
            yield widget.toPlainText()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                for column in range(model.columnCount(QModelIndex())):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        yield str(model.data(index, role) or "")


def test_an_administrator_reassigns_by_reference_and_sees_no_content(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("beheer")
    qtbot.waitUntil(lambda: desktop.admin is not None and desktop.admin.loaded, timeout=WAIT)
    page = desktop.admin
    assert desktop.window.pages.currentWidget() is page
    row = next(
        r for r in page.model.rows if r.owner_name == "Ingrid Kuijpers" and r.level is Level.VILLAGE
    )
    content = in_register(demo_dir, lambda s, who: request_detail(s, who, row.id))

    # Search on (part of) the reference: the list narrows to that one request.
    qtbot.keyClicks(page.search, row.reference[-8:])
    qtbot.waitUntil(lambda: [r.id for r in page.model.rows] == [row.id], timeout=WAIT)
    assert page.reassign_button.isEnabled()
    qtbot.mouseClick(page.reassign_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, dialogs.ReassignDialog)
    qtbot.waitUntil(lambda: dialog.owner.isEnabled(), timeout=WAIT)
    names = [dialog.owner.itemText(i) for i in range(dialog.owner.count())]
    assert names == ["Jos van der Zanden · Dorpsondersteuner"]  # Bakel, village level
    assert dialog.consequence.text() == (
        "Jos van der Zanden wordt de eigenaar in plaats van Ingrid Kuijpers en vindt de "
        "hulpvraag voortaan bij ‘Mijn hulpvragen’."
    )
    qtbot.keyClicks(dialog.reason, "Verlof tot en met mei")
    for window in (desktop.window, dialog):
        texts = "\n".join(every_text(window))
        assert content.question not in texts
        assert content.resident.full_name not in texts

    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(
        lambda: page.model.rows and page.model.rows[0].owner_name == "Jos van der Zanden",
        timeout=WAIT,
    )
    owner = page.model.data(page.model.index(0, 4))
    assert owner == "Jos van der Zanden"
    assert "Jos van der Zanden" in desktop.window.statusBar().currentMessage()
    stored = in_register(demo_dir, lambda s, who: request_detail(s, who, row.id), "jos")
    assert stored.owner_name == "Jos van der Zanden"
    texts = "\n".join(every_text(desktop.window))
    assert content.question not in texts
    assert content.resident.full_name not in texts
