"""The administrator's dialog: hand a request to someone else, by reference, never
seeing its content (D5).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from ...services import workflow
from ...services.access import Principal
from ...services.views import ReferenceView, UserView
from .. import ops
from ..messages import describe
from ..tasks import QueryOp, TaskManager, Work
from ..words import level_word, role_word
from .base import FormDialog, text_box


class ReassignDialog(FormDialog):
    """Overdragen (administrators, D5): hand a request to someone who works at its level
    and area, chosen from the core's candidates. Shows the reference, never content."""

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        request: ReferenceView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Reassign the help request"),
            self.tr("&Reassign"),
            subject=" · ".join(
                (
                    request.reference,
                    request.area_name or request.area_code,
                    level_word(request.level),
                )
            ),
            parent=parent,
        )
        self.request = request
        self.owner = QComboBox()
        self.owner.setObjectName("newOwner")
        self.owner.addItem(self.tr("Looking up who works here…"), None)
        self.owner.setEnabled(False)
        self.add_field("owner", self.tr("&New owner"), self.owner)
        self.reason = self.add_field(
            "reason", self.tr("Reason (optional, for example leave)"), text_box("reason", 2)
        )
        self.owner.currentIndexChanged.connect(lambda _i: self._update())
        self.primary.setEnabled(False)
        self._update()
        request_id = request.id
        QueryOp(
            lambda s: ops.reassign_candidates(s, principal, request_id), self._on_candidates
        ).failure(lambda error: self.show_error(describe(error).text)).run(tasks)

    def _on_candidates(self, candidates: list[UserView]) -> None:
        self.owner.clear()
        for user in candidates:
            self.owner.addItem(f"{user.display_name} · {role_word(user.role)}", user.id)
        self.owner.setEnabled(bool(candidates))
        self.primary.setEnabled(bool(candidates))
        if candidates and not self.reason.toPlainText():
            self.owner.setFocus(Qt.FocusReason.OtherFocusReason)  # the first field, now usable
        if not candidates:
            self.owner.addItem(self.tr("Nobody else works here"), None)
            self.show_error(
                self.tr(
                    "Nobody else works at the %1 level in %2. Add a colleague to the area or "
                    "team on the server first."
                )
                .replace("%1", level_word(self.request.level))
                .replace("%2", self.request.area_name or self.request.area_code)
            )
        self._update()

    def _update(self) -> None:
        new_owner = self.owner.currentText().split(" · ")[0] if self.owner.currentData() else ""
        if not new_owner:
            self.set_consequence("")
        elif self.request.owner_name:
            self.set_consequence(
                self.tr(
                    "%1 becomes the owner instead of %2 and finds it under “My help requests” "
                    "from now on."
                )
                .replace("%1", new_owner)
                .replace("%2", self.request.owner_name)
            )
        else:
            self.set_consequence(
                self.tr(
                    "%1 becomes the owner and finds it under “My help requests” from now on."
                ).replace("%1", new_owner)
            )

    def work(self) -> Work:
        new_owner_id = self.owner.currentData()
        if new_owner_id is None:
            raise ValueError(self.tr("Choose the new owner."))
        principal, reference = self.principal, self.request.reference
        reason = self.reason.toPlainText()
        return lambda s: workflow.reassign(
            s, principal, reference, new_owner_id=new_owner_id, reason=reason
        )
