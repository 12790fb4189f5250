"""Reading the list a user saw last time, before anything heavy is imported.

At start the program shows the snapshot kept in the register (``list_snapshots``,
models/local.py ``ListSnapshot``) while the worker imports SQLAlchemy and the services
and loads the live list (SETUP-NOTES "Import costs": ``sqlalchemy.orm`` alone takes
~350 ms, ``sqlcipher3`` ~10 ms). So this module imports only the standard library, the
domain's enums (``enums.py``, standard library only) and ``sqlcipher3`` (through
``rawdb``), and it never raises: any problem — no register, a wrong key, an older
register without the table, no row, content that does not parse — is "no snapshot".

The register is opened read-only with the same raw key that opens it for work, so a
snapshot is readable only by whoever can open the register at all. The snapshot holds
personal data and lives only inside the encrypted register; see ``ListSnapshot``.

``content`` (JSON) is made by ``ui/preview.py`` from the list as it was drawn::

    {"headers": [str, ...], "widths": [int, ...], "level_column": int, "title": str,
     "sizes": [int, int, int],
     "rows": [{"cells": [str, ...], "level": "village" | "district_team" | ...}, ...]}
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .enums import Level

log = logging.getLogger(__name__)

MAX_ROWS = 40  # rows kept: more than a full window shows


@dataclass(frozen=True)
class SnapshotRow:
    cells: tuple[str, ...]
    level: Level | None  # the row's level, for its dot; None if the stored key is unknown


@dataclass(frozen=True)
class Snapshot:
    username: str
    view: str
    language: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]  # column widths in pixels as drawn; may be empty
    level_column: int  # the column that shows the level's dot; -1: none
    title: str  # the list's heading as drawn
    sizes: tuple[int, ...]  # the work area's navigation, list and detail widths
    rows: tuple[SnapshotRow, ...]
    saved_at: datetime | None


def read_snapshot(path: Path | str, key: bytes, username: str, view: str) -> Snapshot | None:
    """The snapshot ``username`` left of ``view`` in the register at ``path``, or None."""
    try:
        if not Path(path).is_file():
            return None
        from .rawdb import connect_raw

        connection = connect_raw(path, key, read_only=True)
        try:
            found = connection.execute(
                "SELECT content, language, saved_at FROM list_snapshots "
                "WHERE username = ? AND view = ?",
                (username, view),
            ).fetchone()
        finally:
            connection.close()
    except Exception:  # wrong key, no table yet, a locked or damaged file: no preview
        log.debug("no list snapshot", exc_info=True)
        return None
    if found is None:
        return None
    try:
        return _parse(username, view, found[0], found[1], found[2])
    except (TypeError, ValueError, KeyError, AttributeError):
        log.debug("list snapshot does not parse", exc_info=True)
        return None


def _parse(username: str, view: str, content: Any, language: Any, saved: Any) -> Snapshot:
    data = json.loads(content) if isinstance(content, str | bytes) else content
    headers = tuple(str(text) for text in data["headers"])
    rows = []
    for row in list(data["rows"])[:MAX_ROWS]:
        cells = tuple(str(text) for text in row["cells"])
        if len(cells) != len(headers):
            raise ValueError("a row does not fit the headers")
        rows.append(SnapshotRow(cells, _level(row.get("level"))))
    widths = tuple(int(width) for width in data.get("widths") or ())
    if widths and len(widths) != len(headers):
        widths = ()
    level_column = int(data.get("level_column", -1))
    return Snapshot(
        username=username,
        view=view,
        language=str(language),
        headers=headers,
        widths=widths,
        level_column=level_column if 0 <= level_column < len(headers) else -1,
        title=str(data.get("title") or ""),
        sizes=tuple(int(size) for size in data.get("sizes") or ()),
        rows=tuple(rows),
        saved_at=_instant(saved),
    )


def _level(stored: Any) -> Level | None:
    """A level from its stored value; None for anything else (a newer program's)."""
    try:
        return Level(stored)
    except ValueError:
        return None


def _instant(stored: Any) -> datetime | None:
    """``saved_at`` as stored by ``UTCDateTime`` (naive UTC text), made aware."""
    try:
        return datetime.fromisoformat(str(stored)).replace(tzinfo=UTC)
    except ValueError:
        return None
