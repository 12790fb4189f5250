"""The formal Wmo track at the municipality: one dialog per date (melding, personal
plan, aanvraag, decision).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...enums import WmoDecision
from ...services import wmo
from ...services.access import Principal
from ...services.views import RequestDetail
from .. import dates
from ..tasks import TaskManager, Work
from ..words import decision_word
from .base import FormDialog, date_edit, day_of, subject_of


class WmoDialog(FormDialog):
    """One date of the formal Wmo track: melding, personal plan, aanvraag, decision."""

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        kind: str,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            "melding": (
                self.tr("Register as a Wmo notification (melding)"),
                self.tr("Register the &notification"),
            ),
            "plan": (self.tr("Personal plan handed in"), self.tr("Record &plan")),
            "aanvraag": (
                self.tr("Wmo application (aanvraag) received"),
                self.tr("Record the &application"),
            ),
            "decision": (self.tr("Decision on the application"), self.tr("Record &decision")),
        }
        title, action = titles[kind]
        super().__init__(tasks, principal, title, action, subject=subject_of(detail), parent=parent)
        self.detail = detail
        self.kind = kind
        labels = {
            "melding": self.tr("Date of the notification (melding)"),
            "plan": self.tr("Date the personal plan was handed in"),
            "aanvraag": self.tr("Date of the application (aanvraag)"),
            "decision": self.tr("Date of the decision"),
        }
        self.on = self.add_field("on", labels[kind], date_edit("on", latest=dates.today()))
        self.decision = QComboBox()
        for decision in WmoDecision:
            self.decision.addItem(decision_word(decision), decision)
        if kind == "decision":
            self.add_field("decision", self.tr("Decision"), self.decision)
        consequences = {
            "melding": self.tr(
                "The statutory six weeks for the investigation start on this date; the "
                "resident may hand in a personal plan within seven days."
            ),
            "plan": self.tr("The personal plan is part of the investigation."),
            "aanvraag": self.tr("The statutory two weeks for the decision start on this date."),
            "decision": self.tr("The Wmo track of this help request is then complete."),
        }
        self.set_consequence(consequences[kind])

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        on = day_of(self.on)
        if self.kind == "melding":
            return lambda s: wmo.register_melding(s, principal, request_id, melding_on=on)
        if self.kind == "plan":
            return lambda s: wmo.record_personal_plan(s, principal, request_id, handed_in_on=on)
        if self.kind == "aanvraag":
            return lambda s: wmo.record_aanvraag(s, principal, request_id, aanvraag_on=on)
        decision = self.decision.currentData()
        return lambda s: wmo.record_decision(
            s, principal, request_id, decided_on=on, decision=decision
        )
