"""``--screenshot``: each view renders to a PNG that shows something (not blank)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from dorpsondersteuner.ui import SCREENSHOT_VIEWS

ROOT = Path(__file__).resolve().parents[2]


def distinct_colours(image: QImage, step: int = 4) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("view", SCREENSHOT_VIEWS)
def test_each_view_renders_to_a_png(view: str, demo_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / f"{view}.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dorpsondersteuner",
            "--data-dir",
            str(demo_dir),
            "--screenshot",
            str(target),
            "--view",
            view,
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 800)
    assert distinct_colours(image) > 30  # text, icons and level colours: not a blank page


@pytest.mark.parametrize(
    ("view", "user"), [("admin", "ingrid"), ("list", "beheer"), ("deadlines", "ingrid")]
)
def test_a_view_the_user_does_not_have_is_refused_at_once(
    view: str, user: str, demo_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / f"{view}.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dorpsondersteuner",
            "--data-dir",
            str(demo_dir),
            "--screenshot",
            str(target),
            "--view",
            view,
            "--user",
            user,
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.startswith("dorpsondersteuner:")]
    assert len(lines) == 1 and user in lines[0] and view in lines[0], done.stderr
    assert not target.exists()


def test_an_unknown_user_is_one_line_naming_the_demo_users(demo_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dorpsondersteuner",
            "--data-dir",
            str(demo_dir),
            "--screenshot",
            str(tmp_path / "x.png"),
            "--user",
            "rob",
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.startswith("dorpsondersteuner:")]
    assert len(lines) == 1 and "rob" in lines[0] and "beheer" in lines[0], done.stderr
