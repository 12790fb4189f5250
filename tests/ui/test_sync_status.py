"""The sync controller's status bar without a server: the progress bar with counts, and
what a failed sync says and when it tries again (backing off with jitter, waiting as
long as the server asks, stopping where only the user can help). The states against
the real server are in tests/server/sync_engine/test_desktop.py."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from dorpsondersteuner.sync.client import (
    NotSignedInError,
    OfflineError,
    RateLimitedError,
    UpdateProgramError,
)
from dorpsondersteuner.sync.engine import SyncProgress
from dorpsondersteuner.ui import sync as ui_sync
from dorpsondersteuner.ui.main_window import MainWindow
from dorpsondersteuner.ui.sync import SyncController, SyncOverview
from dorpsondersteuner.ui.tasks import TaskManager


@pytest.fixture
def controller(qtbot: QtBot) -> Iterator[SyncController]:
    window = MainWindow()
    qtbot.addWidget(window)
    tasks = TaskManager()
    made = SyncController(window, tasks)
    made.overview = SyncOverview(
        server="https://sync.example",
        username="ingrid",
        unsent=3,
        rejected=0,
        lost=0,
        not_delivered=0,
        losing_values=0,
        rejected_for_review=0,
        last_sync_at=datetime(2026, 12, 2, 13, 5, tzinfo=UTC),
        last_problem=None,
        last_checksum="ok",
    )
    window.show()
    yield made
    made.stop()
    tasks.shutdown()


def test_a_long_sync_shows_its_counts(qtbot: QtBot, controller: SyncController) -> None:
    bar = controller.progress
    controller.progressed.emit(SyncProgress("push", 10, 5, 0, 0, 0))
    qtbot.waitUntil(lambda: True)
    assert not bar.isVisible()  # a few ops: no bar that flashes by
    controller.progressed.emit(SyncProgress("push", 100, 400, 0, 0, 0))
    qtbot.waitUntil(bar.isVisible)
    assert bar.text() == "100 van 400 verstuurd"
    controller.progressed.emit(SyncProgress("pull", 400, 400, 3000, 0, 3))
    qtbot.waitUntil(lambda: bar.format() == "Ontvangen: 3000")


def test_a_first_sync_counts_the_megabytes_of_its_download(qtbot: QtBot) -> None:
    """On the start screen while connecting, and in the status bar when a broken-off
    download goes on at a later sync."""
    from dorpsondersteuner.ui.start import StartPage

    page = StartPage([])
    qtbot.addWidget(page)
    page.show()
    page.connect_progress(SyncProgress("download", 0, 0, 0, 0, 0, 3_506_176, 7_012_352))
    assert page.progress.isVisible() and page.progress.text() == "Ophalen: 3,5 van 7,0 MB"
    assert page.progress.value() * 2 == page.progress.maximum() > 0
    page.connect_progress(SyncProgress("pull", 0, 0, 19_000, 0, 1))
    assert page.progress.format() == "Ontvangen: 19000"


def test_what_the_status_bar_says_of_each_failure(controller: SyncController) -> None:
    window = controller.window
    controller._on_sync_failed(OfflineError("no route"))
    assert controller.problem == "offline" and controller.failures == 1
    assert window.sync_label.text().startswith("Offline · Nog niet verstuurd: 3 · Bijgewerkt om")
    assert controller.problem_label.text().startswith("Server niet bereikbaar")
    assert "Nieuwe poging om" in controller.problem_label.text()
    assert "zodra de server bereikbaar is" in controller.problem_label.toolTip()
    first = controller._retry.interval()
    assert 0.5 * ui_sync.BACKOFF_FIRST_S * 1000 <= first <= 1.5 * ui_sync.BACKOFF_FIRST_S * 1000

    controller._on_sync_failed(RateLimitedError("slow down", retry_after=42))
    assert controller.problem == "rate_limited" and controller._retry.interval() == 42_000

    controller._on_sync_failed(UpdateProgramError("protocol 1 is gone"))
    assert controller.problem == "update_program" and not controller.automatic
    assert "ICT-contactpersoon" in controller.problem_label.toolTip()

    controller._on_sync_failed(NotSignedInError("expired", code="token_expired"))
    assert controller.problem == "sign_in" and controller.sign_in_action.isVisible()
    assert "Opnieuw aanmelden" in controller.problem_label.text()


def test_backing_off_doubles_up_to_a_limit_with_jitter() -> None:
    rng = random.Random(7)
    pauses = [ui_sync.backoff_seconds(n, rng) for n in range(1, 12)]
    assert all(
        0.5 * min(ui_sync.BACKOFF_FIRST_S * 2 ** (n - 1), ui_sync.BACKOFF_MAX_S)
        <= pause
        <= 1.5 * min(ui_sync.BACKOFF_FIRST_S * 2 ** (n - 1), ui_sync.BACKOFF_MAX_S)
        for n, pause in enumerate(pauses, 1)
    )
    assert max(pauses) <= 1.5 * ui_sync.BACKOFF_MAX_S
    assert len({round(p, 3) for p in pauses}) == len(pauses)  # laptops do not come back together
