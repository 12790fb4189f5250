"""Nothing typed is lost (UI.md): what a form or dialog holds is kept as a draft in the
register a second after typing stops (services/drafts.py), offered again when the same
form is opened for the same record, and dropped once it is saved or given up.

``DraftBinder`` is that machinery, once: the intake and edit form (``form.py``) and
every dialog (``dialogs/base.py``) bind their fields to one. The owner decides what its
content is and whether a found draft may be put back; the binder keeps time, talks to
the register through the task manager and says "Restored: …" in the owner's note.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from ..services.access import Principal
from . import dates, ops
from .tasks import QueryOp, TaskManager, WriteOp

AUTOSAVE_MS = 1000  # a draft is saved this long after typing stops


class DraftBinder(QObject):
    """The draft of one form (``form``) for one record (``key()``)."""

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        form: str,
        key: Callable[[], str],
        note: QLabel,
        autosave: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._principal = principal
        self.form = form
        self._key = key
        self._note = note
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(autosave)

    def typed(self) -> None:
        """Something changed: save a second after typing stops."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def offer(self, take: Callable[[dict[str, Any]], bool]) -> None:
        """Look for a draft of this form for this record and hand its content to
        ``take``; when ``take`` put it back, the note says what was restored."""
        principal, form, key = self._principal, self.form, self._key()

        def found(draft: tuple[dict[str, Any], datetime] | None) -> None:
            if draft is None or key != self._key():
                return  # none, or the form moved on to another record meanwhile
            content, saved_at = draft
            if take(content):
                self._note.setText(
                    self.tr("Restored: what you typed on %1 and had not saved yet.").replace(
                        "%1", dates.instant_text(saved_at)
                    )
                )
                self._note.show()

        QueryOp(lambda s: ops.load_draft(s, principal, form, key), found).run(self._tasks)

    def save(self, content: dict[str, Any]) -> None:
        self._timer.stop()
        principal, form, key = self._principal, self.form, self._key()
        WriteOp(lambda s: ops.save_draft(s, principal, form, key, content)).run(self._tasks)

    def discard(self) -> None:
        self._timer.stop()
        principal, form, key = self._principal, self.form, self._key()
        WriteOp(lambda s: ops.discard_draft(s, principal, form, key)).run(self._tasks)
