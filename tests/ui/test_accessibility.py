"""Every control has a name a screen reader can say, and Tab moves through each dialog
top to bottom, left to right (UI.md "Keyboard": every action reachable without a mouse)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from .conftest import StartProgram
from .walk import walk

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,  # QDateEdit, QSpinBox
    QAbstractItemView,
)


def is_control(widget: QWidget) -> bool:
    if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
        return False
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        return False
    # The editor inside a combo box or date field is part of that control.
    return not isinstance(widget.parent(), QComboBox | QAbstractSpinBox)


def name_of(widget: QWidget, buddies: set[int]) -> str:
    if widget.accessibleName().strip():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    return "buddy" if id(widget) in buddies else ""


def unnamed(window: QWidget) -> list[str]:
    children = [window, *window.findChildren(QWidget)]
    buddies = {
        id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() is not None
    }
    return [
        f"{type(w).__name__}#{w.objectName()} ({w.toolTip()[:40]!r})"
        for w in children
        if w.isVisibleTo(window) and is_control(w) and not name_of(w, buddies)
    ]


def tab_order_problems(dialog: QDialog) -> list[str]:
    """From the field that has the focus when the dialog opens, the Tab stops in turn:
    a stop that goes up, or left on the same row, is a problem."""
    stops: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not dialog and len(stops) < 200:
        if (
            widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and is_control(widget)
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    first = dialog.focusWidget()
    if first is None or first not in stops:
        return [f"the focus is not in a field when it opens ({first!r})"]
    start = stops.index(first)
    stops = stops[start:] + stops[:start]  # Tab goes round
    problems = []
    for before, after in itertools.pairwise(stops):
        a, b = before.mapTo(dialog, QPoint(0, 0)), after.mapTo(dialog, QPoint(0, 0))
        same_row = abs(a.y() - b.y()) <= 8
        in_button_box = isinstance(after.parent(), QDialogButtonBox)
        if b.y() < a.y() - 8 or (same_row and b.x() < a.x() and not in_button_box):
            problems.append(
                f"{before.objectName() or type(before).__name__} → "
                f"{after.objectName() or type(after).__name__}"
            )
    return problems


@pytest.mark.parametrize("user", ["ingrid", "joyce", "evelien", "beheer"])
def test_every_control_has_a_name_and_dialogs_tab_top_to_bottom(
    qtbot: QtBot, start_program: StartProgram, user: str
) -> None:
    desktop = start_program(user)
    problems: list[str] = []
    for where, window in walk(qtbot, desktop):
        problems += [f"{where}: no accessible name: {name}" for name in unnamed(window)]
        if isinstance(window, QDialog):
            problems += [f"{where}: tab order: {step}" for step in tab_order_problems(window)]
    assert problems == [], "\n".join(problems)
