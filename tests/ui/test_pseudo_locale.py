"""D14: every visible text goes through Qt's translation system. A pseudo translator
wraps each translation in ⟦…⟧; the test walks the views and dialogs of each role and
fails on any label, button, menu item, header, tooltip, placeholder or window title
that shows letters outside ⟦…⟧. Data (names, questions, areas) is exempt by marking the
widgets and model columns that show it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dorpsondersteuner.ui.detail_window import DetailWindow
from dorpsondersteuner.ui.dialogs import FormDialog
from dorpsondersteuner.ui.i18n import install_translators, remove_translators

from .conftest import StartProgram
from .walk import walk

INNER = re.compile(r"⟦[^⟦⟧]*⟧")
TAG = re.compile(r"<[^>]+>|&[a-z]+;|&#\d+;")


class Pseudo(QTranslator):
    """Wraps the Dutch translation (or the source) of every message in ⟦…⟧."""

    def __init__(self, dutch: list[QTranslator]) -> None:
        super().__init__()
        self.dutch = dutch

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str:
        for translator in self.dutch:
            found = translator.translate(context, source, disambiguation, n)
            if found:
                return f"⟦{found}⟧"
        return f"⟦{source}⟧"


SHORTCUT = re.compile(r"(⟦[^⟦⟧]+⟧⟦\+⟧)+\w+|\b(Esc|Enter|F1)\b")


def untranslated(text: str, data: set[str]) -> str:
    """What is left of a text once translations, shortcut keys and known data are out."""
    text = SHORTCUT.sub(" ", TAG.sub(" ", text))
    while INNER.search(text):
        text = INNER.sub(" ", text)
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    return "".join(ch for ch in text if ch.isalpha())


def texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """Every user-visible text of a window and its visible children."""
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        name = f"{type(child).__name__}#{child.objectName()}"
        if child.property("data"):
            continue
        yield name + ".toolTip", child.toolTip()
        if child.isWindow():
            yield name + ".windowTitle", child.windowTitle()
        if isinstance(child, QLabel):
            yield name + ".text", child.text()
        if isinstance(child, QAbstractButton):
            yield name + ".text", child.text()
        if isinstance(child, QLineEdit):
            yield name + ".placeholder", child.placeholderText()
        if isinstance(child, QMenu):
            for action in child.actions():
                yield name + ".action", action.text()
                yield name + ".actionTip", action.toolTip()
        if isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            for column in range(model.columnCount(QModelIndex())):
                yield (
                    name + ".header",
                    str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
                )
    for action in widget.actions():
        yield "action", action.text()


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    # The autouse fixture installed Dutch; put the pseudo translator in front of it.
    dutch = install_translators(qapp, "nl")
    translator = Pseudo(dutch)
    remove_translators(qapp, dutch)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def data_of(work: Any) -> set[str]:
    """The register's own words on screen: names, questions, areas, references."""
    found: set[str] = {work.principal.display_name}
    found |= {area.name for area in work.signed_in.areas}
    shown = work.detail_shown
    if shown is not None:
        d = shown.detail
        found |= {d.resident.full_name, d.reference, d.area_name, d.question}
        found |= {d.resident.address, d.resident.phone, d.owner_name or ""}
        found |= {d.contact_person_name or "", d.outcome_note}
        found |= {c.summary for c in d.contacts} | {c.author_name for c in d.contacts}
        found |= {f.description for f in d.follow_ups} | {
            f.assignee_name or "" for f in d.follow_ups
        }
        found |= {h.description for h in d.arranged_help} | {
            h.helper_name or "" for h in d.arranged_help
        }
        found |= {e.reason for e in d.history} | {e.actor_name or "" for e in d.history}
    return found


def check(window: QWidget, data: set[str], where: str, problems: list[str]) -> None:
    for name, text in texts(window):
        left = untranslated(text, data)
        if left:
            problems.append(f"{where}: {name}: {text[:80]!r}")


def admin_data(desktop: Any) -> set[str]:
    """The administrator's page shows references, areas and owners: data."""
    found: set[str] = {desktop.admin.principal.display_name}
    for row in desktop.admin.model.rows:
        found |= {row.reference, row.area_name, row.area_code, row.owner_name or ""}
    return found


@pytest.mark.parametrize("user", ["ingrid", "joyce", "evelien", "beheer"])
def test_every_visible_text_is_translated(
    qtbot: QtBot, start_program: StartProgram, pseudo: None, user: str
) -> None:
    desktop = start_program(user)
    problems: list[str] = []
    for where, window in walk(qtbot, desktop):
        work = desktop.work
        data = data_of(work) if work is not None else admin_data(desktop)
        if isinstance(window, FormDialog):
            data |= {window.subject.text()}
            for view in window.findChildren(QAbstractItemView):
                view.setProperty("data", True)  # helpers or residents found: data
        if isinstance(window, DetailWindow) and window.shown is not None:
            d = window.shown.detail
            data |= {d.resident.full_name, d.reference}
        check(window, data, where, problems)
        if where.endswith("/all") and work is not None:
            qtbot.waitUntil(lambda w=work: w.detail_loaded, timeout=10_000)
            check(work.detail.more.menu(), data_of(work), f"{user}/more", problems)
    for menu in desktop.window.menuBar().findChildren(QMenu):
        check(menu, set(), f"{user}/menu", problems)
    assert problems == [], "\n".join(problems)
    assert QCoreApplication.translate("Words", "Village") == "⟦Dorp⟧"
