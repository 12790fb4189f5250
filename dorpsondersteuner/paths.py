"""Where the program keeps its files.

Every path comes from platformdirs and can be overridden (``--data-dir`` or the
``DORPSONDERSTEUNER_DATA_DIR`` environment variable), so tests and portable installs
never touch the real user profile.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Dorpsondersteuner"
DATA_DIR_ENV = "DORPSONDERSTEUNER_DATA_DIR"
DEMO_REGISTER_NAME = "demo-register.db"
REGISTER_NAME = "register.db"
UI_STATE_NAME = "ui-state.json"
TRANSLATIONS_ENV = "DORPSONDERSTEUNER_TRANSLATIONS"


def data_dir(override: Path | str | None = None) -> Path:
    """The data folder: the override, else the environment variable, else the platform's."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def demo_register_path(folder: Path) -> Path:
    return folder / DEMO_REGISTER_NAME


def register_path(folder: Path) -> Path:
    """The real register, created by the first online login (D1)."""
    return folder / REGISTER_NAME


def ui_state_path(folder: Path) -> Path:
    """Window sizes and the last view, per user (not secret: no case data)."""
    return folder / UI_STATE_NAME


def translations_dir() -> Path:
    """The compiled Qt translations (``resources/translations``); the
    ``DORPSONDERSTEUNER_TRANSLATIONS`` environment variable overrides it."""
    from_env = os.environ.get(TRANSLATIONS_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(__file__).resolve().parent.parent / "resources" / "translations"
