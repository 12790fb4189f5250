"""A walk through every view and dialog a user can reach, shared by the tests that look
at all of them (translation, accessible names, tab order, dark palette)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dorpsondersteuner.ui.app import Desktop
from dorpsondersteuner.ui.navigation import VIEWS

WAIT = 10_000
ACTIONS = (
    "escalate",
    "pick_up",
    "hand_back",
    "close",
    "reopen",
    "contact",
    "follow_up",
    "help",
    "resident",
    "merge",
    "wait",
    "give_consent",
    "withdraw_consent",
    "wmo:melding",
    "wmo:decision",
)


def settle(qtbot: QtBot, desktop: Desktop) -> None:
    qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=WAIT)
    qtbot.wait(30)


def walk(qtbot: QtBot, desktop: Desktop, *, dialogs: bool = True) -> Iterator[tuple[str, QWidget]]:
    """Yields (where, window) at each view, dialog, the intake form and the detail in
    its own window; the caller looks, then the walk closes what it opened."""
    user = desktop.username
    if desktop.admin is not None:
        yield from _walk_admin(qtbot, desktop, dialogs=dialogs)
        return
    work: Any = desktop.work
    for row, view in enumerate(VIEWS):
        if work.nav.item(row).isHidden():
            continue
        work.select_view(view)
        settle(qtbot, desktop)
        yield f"{user}/{view}", desktop.window
    work.select_view("all")
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=WAIT)
    settle(qtbot, desktop)
    if dialogs:
        for name in ACTIONS:
            work.dialog = None
            work.actions_.on_action(name)
            if work.dialog is not None:
                dialog = work.dialog
                settle(qtbot, desktop)
                yield f"{user}/{name}", dialog
                dialog.dirty = False
                dialog.done(0)
        if not work.nav.item(VIEWS.index("helpers")).isHidden():
            work.dialog = None
            work.short_lists.edit_helper(new=True)
            dialog = work.dialog
            settle(qtbot, desktop)
            yield f"{user}/new helper", dialog
            dialog.dirty = False
            dialog.done(0)
            work.select_view("all")
            settle(qtbot, desktop)
    window = work.open_in_window()
    qtbot.waitUntil(lambda: window.shown is not None, timeout=WAIT)
    settle(qtbot, desktop)
    yield f"{user}/own window", window
    window.close()
    yield from _locked(qtbot, desktop)
    if work.signed_in.views.intake:
        desktop.window.new_action.trigger()
        settle(qtbot, desktop)
        yield f"{user}/intake", desktop.window
        work.form.dirty = False
        work.form.cancel()
        settle(qtbot, desktop)


def _walk_admin(qtbot: QtBot, desktop: Desktop, *, dialogs: bool) -> Iterator[tuple[str, QWidget]]:
    page = desktop.admin
    qtbot.waitUntil(lambda: page.loaded, timeout=WAIT)
    settle(qtbot, desktop)
    yield "beheer/admin", desktop.window
    yield from _locked(qtbot, desktop)
    if dialogs:
        page.reassign()
        dialog = page.dialog
        settle(qtbot, desktop)
        yield "beheer/reassign", dialog
        dialog.dirty = False
        dialog.done(0)


def _locked(qtbot: QtBot, desktop: Desktop) -> Iterator[tuple[str, QWidget]]:
    """Program → Lock: the lock page, then unlocked again."""
    desktop.window.lock_action.trigger()
    settle(qtbot, desktop)
    yield f"{desktop.username}/locked", desktop.window
    assert desktop.locker is not None
    desktop.locker.unlock()
    settle(qtbot, desktop)
