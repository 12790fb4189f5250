"""Starting the program where there is no screen says so, instead of Qt aborting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_without_a_screen_the_program_explains_and_a_screenshot_still_works(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    program = [sys.executable, "-m", "dorpsondersteuner", "--data-dir", str(tmp_path)]

    refused = subprocess.run(
        [*program, "--demo"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert refused.returncode == 2
    assert "no screen found" in refused.stderr and "--screenshot" in refused.stderr
    assert not list(tmp_path.iterdir())  # nothing was created

    if sys.platform.startswith("linux"):
        shot = tmp_path / "start.png"
        done = subprocess.run(
            [*program, "--screenshot", str(shot)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert shot.stat().st_size > 10_000
