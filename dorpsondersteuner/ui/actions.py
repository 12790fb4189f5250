"""What happens when the user asks for a step or a record on a request: from the detail
pane, a detail window or a short list's tools, to the dialog that asks for it.

A step opens its dialog when the core offers it (``services.capabilities``), else the
core's reason is said in one plain sentence; nothing is decided here. One dialog is open
at a time, window-modal but not blocking.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QShortcut

from ..enums import Refusal, Step
from ..services.views import HelperView
from . import dates, dialogs, ops
from .detail import RequestDetailView
from .messages import describe, refusal_text
from .tasks import WriteOp

if TYPE_CHECKING:
    from .detail_window import DetailWindow
    from .work import WorkArea

# The detail's step actions other than escalating, by the name the detail emits.
STEP_NAMES = {
    "pick_up": Step.PICK_UP,
    "hand_back": Step.HAND_BACK,
    "close": Step.CLOSE,
    "reopen": Step.REOPEN,
    "wait": Step.WAIT,
    "resume": Step.RESUME,
    "give_consent": Step.GIVE_CONSENT,
    "withdraw_consent": Step.WITHDRAW_CONSENT,
}


class Actions(QObject):
    """The dialogs of ``work``'s requests; the open one is ``work.dialog``."""

    def __init__(self, work: WorkArea) -> None:
        super().__init__(work)
        self.work = work

    def on_action(self, name: str, source: DetailWindow | None = None) -> None:
        """A step or record action on the shown request (or the one in ``source``, a
        detail window): its dialog when the core allows it, else the core's reason in
        plain Dutch."""
        work = self.work
        if source is None:
            shown = work.detail_shown
            if shown is None or not work.detail_loaded or work.form_is_open():
                return
            view, parent = work.detail, work.window()
        else:
            shown, view, parent = source.shown, source.view, source
            if shown is None:
                return
        detail, can, principal, tasks = shown.detail, shown.can, work.principal, work.tasks
        dialog: dialogs.FormDialog | None = None
        if name == "escalate":
            escalation = can.escalation
            if escalation.possible:
                dialog = dialogs.EscalateDialog(tasks, principal, detail, escalation, parent)
            else:
                view.show_notice(refusal_text(escalation.refusal or Refusal.NOT_YOURS, "escalate"))
        elif name in STEP_NAMES:
            step = STEP_NAMES[name]
            refusal = can.refusal(step)
            if refusal is not None:
                view.show_notice(refusal_text(refusal, step.value))
            else:
                dialog = dialogs.step_dialog(step, tasks, principal, detail, parent)
        elif can.edit_refusal is not None:
            view.show_notice(refusal_text(can.edit_refusal))
        elif name == "contact":
            dialog = dialogs.ContactDialog(
                tasks, principal, detail, can.professionals_only, parent=parent
            )
        elif name == "follow_up":
            dialog = dialogs.FollowUpDialog(tasks, principal, detail, parent=parent)
        elif name == "help":
            dialog = dialogs.ArrangeHelpDialog(tasks, principal, detail, parent)
        elif name == "resident":
            dialog = dialogs.ResidentDialog(tasks, principal, detail, parent)
        elif name == "merge":
            dialog = dialogs.MergeDialog(tasks, principal, detail, parent)
        elif name.startswith("wmo:"):
            kind = name.split(":", 1)[1]
            dialog = dialogs.WmoDialog(tasks, principal, detail, kind, parent)
        if dialog is not None:
            self.open_dialog(dialog, view)

    def open_dialog(
        self, dialog: dialogs.FormDialog, view: RequestDetailView | None = None
    ) -> None:
        """Window-modal but not blocking: the event loop (and the tests) keep running."""
        work = self.work
        if work.dialog is not None and work.dialog.isVisible():
            work.dialog.raise_()
            return
        (view or work.detail).show_notice("")
        work.dialog = dialog
        lock = work.window_.lock_action  # Ctrl+L locks from inside a dialog too
        QShortcut(lock.shortcut(), dialog, lock.trigger)
        dialog.done_.connect(lambda _result: self._on_dialog_done(dialog))
        if view is None or view is work.detail:
            dialog.finished.connect(lambda _code: work.table.setFocus())
        dialog.open()
        dialog.offer_draft()

    def _on_dialog_done(self, dialog: dialogs.FormDialog) -> None:
        self.work.window_.statusBar().showMessage(
            self.tr("Saved: %1").replace("%1", dialog.windowTitle()), 8000
        )

    def on_link(self, href: str, source: DetailWindow | None = None) -> None:
        """A link in the detail's text: change a contact or follow-up, mark a follow-up
        done, end own-circle help."""
        work = self.work
        shown = work.detail_shown if source is None else source.shown
        view = work.detail if source is None else source.view
        if shown is None or ":" not in href:
            return
        kind, _, raw = href.partition(":")
        try:
            record_id = uuid.UUID(raw)
        except ValueError:
            return
        detail, principal, tasks = shown.detail, work.principal, work.tasks
        parent = work.window() if source is None else source
        if kind == "contact":
            contact = next((c for c in detail.contacts if c.id == record_id), None)
            if contact is not None:
                dialog = dialogs.ContactDialog(
                    tasks, principal, detail, shown.can.professionals_only, contact, parent
                )
                self.open_dialog(dialog, view)
        elif kind == "follow_up":
            follow_up = next((f for f in detail.follow_ups if f.id == record_id), None)
            if follow_up is not None:
                self.open_dialog(
                    dialogs.FollowUpDialog(tasks, principal, detail, follow_up, parent),
                    view,
                )
        elif kind == "done":
            self.complete_follow_up(record_id)
        elif kind == "end_help":
            today = dates.today()
            WriteOp(
                lambda s: ops.end_help(s, principal, record_id, ended_on=today),
                lambda _r: work.window_.statusBar().showMessage(self.tr("Help ended."), 5000),
            ).failure(lambda error: view.show_notice(describe(error).text)).run(tasks)

    def complete_follow_up(self, follow_up_id: uuid.UUID) -> None:
        work, principal = self.work, self.work.principal
        WriteOp(
            lambda s: ops.complete_follow_up(s, principal, follow_up_id),
            lambda _r: work.window_.statusBar().showMessage(
                self.tr("Follow-up marked as done."), 5000
            ),
        ).failure(work.on_failed).run(work.tasks)

    def edit_helper(self, helper: HelperView | None) -> None:
        """Change ``helper``, or register a new one (None)."""
        work = self.work
        dialog = dialogs.HelperDialog(
            work.tasks, work.principal, work.signed_in.areas, helper, work.window()
        )
        dialog.done_.connect(lambda _r: work.short_lists.reload())
        self.open_dialog(dialog)
