"""Fixtures of the desktop app's tests: a small demo register (made once, copied per
test), the Dutch translators, and a running program window on a register."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dorpsondersteuner.demo.generator import create_demo_register
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.ui.app import Desktop, Options
from dorpsondersteuner.ui.i18n import install_translators, remove_translators
from dorpsondersteuner.ui.main_window import MainWindow

DEMO_REQUESTS = 300
WAIT_MS = 20_000


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a small demo register, made once per test run."""
    folder = tmp_path_factory.mktemp("demo")
    create_demo_register(demo_register_path(folder), requests=DEMO_REQUESTS)
    return folder


@pytest.fixture
def demo_dir(tmp_path: Path, demo_template: Path) -> Path:
    """A fresh copy of the small demo register for one test (tests write to it)."""
    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.fixture(autouse=True)
def dutch(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "nl")
    yield
    remove_translators(qapp, translators)


StartProgram = Callable[..., Desktop]


@pytest.fixture
def start_program(qtbot: QtBot, demo_dir: Path) -> Iterator[StartProgram]:
    """Start the program's window in this process, as ``dorpsondersteuner --demo``
    would; with a user it waits until the list is in."""
    started: list[Desktop] = []

    def start(
        user: str | None = "ingrid", *, demo: bool = True, folder: Path | None = None
    ) -> Desktop:
        window = MainWindow()
        qtbot.addWidget(window)
        desktop = Desktop(window, Options(data_dir=folder or demo_dir, demo=demo, user=user))
        started.append(desktop)
        window.show()
        if user is not None and demo:
            qtbot.waitUntil(
                lambda: desktop.signed_in is not None or desktop.error is not None, timeout=WAIT_MS
            )
            if desktop.work is not None:
                wait_idle(qtbot, desktop)
        return desktop

    yield start
    for desktop in started:
        desktop.shutdown()


def wait_idle(qtbot: QtBot, desktop: Desktop) -> None:
    """Until every task has reported back and the list is loaded."""
    qtbot.waitUntil(
        lambda: desktop.work is not None and desktop.work.model.ready and not desktop.tasks.busy,
        timeout=WAIT_MS,
    )
