"""The workflow steps' dialogs: escalate, pick up, hand back, close, reopen, waiting,
consent given and withdrawn. Whether a step is possible, and which escalation is
offered, is the core's answer (services/capabilities.py); a dialog only asks what its
step needs and says what will happen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...enums import EventKind, Level, Outcome, Refusal, Status, Step, Urgency
from ...services import workflow
from ...services.access import Principal
from ...services.capabilities import Escalation
from ...services.views import RequestDetail
from .. import dates, ops
from ..plain import PlainLabel
from ..tasks import TaskManager, Work
from ..words import level_word, outcome_word, urgency_icon, urgency_word
from .base import FormDialog, date_edit, day_of, subject_of, text_box


class EscalateDialog(FormDialog):
    """Opschalen: one level up with a reason, or acute straight to the municipality
    with a justification; records the consent to share when the resident gives it now.
    Which of the two it offers is the core's answer (``Escalation``)."""

    form_name = "escalate"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        escalation: Escalation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Escalate the help request"),
            self.tr("&Escalate"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.escalation = escalation
        self.target = escalation.target
        self.needs_consent = escalation.needs_consent

        choice = PlainLabel(self.tr("Where does it go?"))
        self.body.addWidget(choice)
        self.mode = QButtonGroup(self)
        to_team = self.target is Level.DISTRICT_TEAM
        self.normal = QRadioButton(
            self.tr("To the district team, one level up")
            if to_team
            else self.tr("To the municipality, one level up")
        )
        self.normal.setObjectName("normal")
        self.acute = QRadioButton(self.tr("Acute: safety — straight to the municipality"))
        self.acute.setObjectName("acute")
        icon = urgency_icon(Urgency.ACUTE)
        if icon is not None:
            self.acute.setIcon(icon)
        self.acute.setToolTip(
            self.tr(
                "Only when the resident or someone else is not safe. Needs a written "
                "justification; possible with or without consent."
            )
        )
        for radio in (self.normal, self.acute):
            self.mode.addButton(radio)
            self.body.addWidget(radio)
            self.track(radio.objectName(), radio)
        self.normal.setVisible(escalation.normal)
        self.acute.setVisible(escalation.acute)
        offered_normal = not self.normal.isHidden() or self.acute.isHidden()
        (self.normal if offered_normal else self.acute).setChecked(True)
        choice.setVisible(not self.normal.isHidden() and not self.acute.isHidden())

        self.reason = text_box("reason")
        self.reason_caption = PlainLabel()
        self.reason_caption.setWordWrap(True)
        self.reason_caption.setBuddy(self.reason)
        self.body.addSpacing(4)
        self.body.addWidget(self.reason_caption)
        self.body.addWidget(self.reason)
        self.track("reason", self.reason)

        self.consent_box = QWidget()
        consent_layout = QVBoxLayout(self.consent_box)
        consent_layout.setContentsMargins(0, 6, 0, 0)
        self.consent_note = PlainLabel()
        self.consent_note.setWordWrap(True)
        consent_layout.addWidget(self.consent_note)
        row = QHBoxLayout()
        self.consent = QCheckBox(
            self.tr("The resident consents to sharing with the district team, on")
            if to_team
            else self.tr("The resident consents to sharing with the municipality, on")
        )
        self.consent.setObjectName("consent")
        self.consent_date = date_edit("consent_date", latest=dates.today())
        self.consent_date.setAccessibleName(self.tr("Date of the consent"))
        self.consent_date.setEnabled(False)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        row.addWidget(self.consent)
        row.addWidget(self.consent_date)
        row.addStretch(1)
        consent_layout.addLayout(row)
        self.track("consent", self.consent)
        self.track("consent_date", self.consent_date)
        self.body.addWidget(self.consent_box)
        if escalation.refusal is Refusal.CONSENT_WITHDRAWN:
            self.consent_note.setText(
                self.tr(
                    "The resident withdrew their consent to share on %1. Only escalate again "
                    "if they consent anew."
                ).replace(
                    "%1",
                    dates.day_text(detail.consent_withdrawn_on)
                    if detail.consent_withdrawn_on
                    else "—",
                )
            )
        else:
            self.consent_note.setText(
                self.tr("The resident has not yet consented to sharing with the district team.")
                if to_team
                else self.tr("The resident has not yet consented to sharing with the municipality.")
            )
        self.mode.buttonToggled.connect(lambda *_: self._update())
        self._update()
        self.setTabOrder(self.normal, self.acute)
        self.setTabOrder(self.acute, self.reason)
        self.setTabOrder(self.reason, self.consent)
        self.setTabOrder(self.consent, self.consent_date)

    def _update(self) -> None:
        acute = self.acute.isChecked()
        if acute:
            self.reason_caption.setText(
                self.tr("Why is this acute? Describe the safety concern (required)")
            )
        else:
            self.reason_caption.setText(
                self.tr("What was tried in the own circle, and why is more help needed?")
            )
        self.reason.setAccessibleName(self.reason_caption.text())
        self.consent_box.setVisible(self.needs_consent and not acute)
        area = self.detail.area_name
        if acute and self.target is Level.MUNICIPALITY:  # from the district team
            text = self.tr(
                "The help request goes straight to the municipality, marked Acute. You can "
                "still read it."
            )
        elif acute:
            text = self.tr(
                "The help request goes straight to the municipality, marked Acute. You stay "
                "involved."
            )
        elif self.target is Level.DISTRICT_TEAM:
            text = self.tr(
                "The help request goes to the district team of %1. You stay involved."
            ).replace("%1", area)
        else:
            text = self.tr(
                "The help request goes to the municipality and waits there until someone "
                "picks it up. You can still read it."
            )
        self.set_consequence(text)

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        reason, acute = self.reason.toPlainText(), self.acute.isChecked()
        consent_on = None
        if not self.consent_box.isHidden() and self.consent.isChecked():
            consent_on = day_of(self.consent_date)
        scope = self.target
        return lambda s: ops.escalate(
            s,
            principal,
            request_id,
            reason=reason,
            acute=acute,
            consent_on=consent_on,
            consent_scope=scope,
        )


class PickUpDialog(FormDialog):
    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Pick up the help request"),
            self.tr("&Pick up"),
            subject=subject_of(detail),
            parent=parent,
        )
        self.detail = detail
        question = PlainLabel(detail.question)
        question.setObjectName("question")
        question.setProperty("data", True)
        question.setWordWrap(True)
        self.body.addWidget(question)
        self._why_sent(detail)
        text = self.tr("You become the owner of this help request at the %1.").replace(
            "%1", level_word(detail.level)
        )
        if detail.contact_person_name:
            text += " " + self.tr("%1 stays the contact person.").replace(
                "%1", detail.contact_person_name
            )
        self.set_consequence(text)

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        return lambda s: workflow.pick_up(s, principal, request_id)

    def _why_sent(self, detail: RequestDetail) -> None:
        """Why it was sent up (or back), by whom, how urgent, and what may be shared:
        what a district team needs before picking a request up."""
        arrival = next(
            (
                event
                for event in reversed(detail.history)
                if event.kind in (EventKind.ESCALATED, EventKind.HANDED_BACK)
            ),
            None,
        )
        lines: list[tuple[str, str]] = []
        if arrival is not None:
            sent = (
                self.tr("Sent up by %1 on %2")
                if arrival.kind is EventKind.ESCALATED
                else self.tr("Handed back by %1 on %2")
            )
            sent = sent.replace("%1", arrival.actor_name or self.tr("the program")).replace(
                "%2", dates.instant_text(arrival.at)
            )
            lines.append(("sentBy", sent))
            if arrival.reason:
                lines.append(("reason", self.tr("Why: %1").replace("%1", arrival.reason)))
        if detail.urgency is not Urgency.NORMAL:
            lines.append(
                ("urgency", self.tr("Urgency: %1").replace("%1", urgency_word(detail.urgency)))
            )
        none = self.tr("not given")
        consent = self.tr("Consent to share with the district team: %1; with the municipality: %2")
        consent = consent.replace(
            "%1",
            dates.day_text(detail.consent_district_team_on)
            if detail.consent_district_team_on
            else none,
        ).replace(
            "%2",
            dates.day_text(detail.consent_municipality_on)
            if detail.consent_municipality_on
            else none,
        )
        if detail.consent_withdrawn_on:
            consent = self.tr("Consent withdrawn on %1: nothing more is shared").replace(
                "%1", dates.day_text(detail.consent_withdrawn_on)
            )
        lines.append(("consent", consent))
        for name, text in lines:
            label = PlainLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            self.body.addWidget(label)


class HandBackDialog(FormDialog):
    form_name = "hand_back"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Hand the help request back"),
            self.tr("&Hand back"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.advice = self.add_field(
            "advice", self.tr("Your advice for the next step (required)"), text_box("advice")
        )
        if detail.level is Level.DISTRICT_TEAM:
            who = detail.contact_person_name or self.tr("the village supporter")
            text = self.tr("The help request goes back to the village, to %1.").replace("%1", who)
        else:
            text = self.tr(
                "The help request goes back to the district team of %1 and waits there until "
                "someone picks it up."
            ).replace("%1", detail.area_name)
        self.set_consequence(text)

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        advice = self.advice.toPlainText()
        return lambda s: workflow.hand_back(s, principal, request_id, advice=advice)


class CloseDialog(FormDialog):
    form_name = "close"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Close the help request"),
            self.tr("C&lose"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.body.addWidget(PlainLabel(self.tr("Outcome")))
        self.outcomes: dict[Outcome, QRadioButton] = {}
        group = QButtonGroup(self)
        for outcome in Outcome:
            radio = QRadioButton(outcome_word(outcome))
            radio.setObjectName(f"outcome_{outcome.value}")
            group.addButton(radio)
            self.body.addWidget(radio)
            self.track(radio.objectName(), radio)
            self.outcomes[outcome] = radio
        self.outcomes[Outcome.SOLVED].setChecked(True)
        self.note = self.add_field(
            "note", self.tr("Note (optional): what was arranged"), text_box("note", 3)
        )
        self.set_consequence(
            self.tr("The help request is closed at the level %1. You can reopen it later.").replace(
                "%1", level_word(detail.level)
            )
        )

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        outcome = next(o for o, radio in self.outcomes.items() if radio.isChecked())
        note = self.note.toPlainText()
        return lambda s: workflow.close(s, principal, request_id, outcome=outcome, note=note)


class ReopenDialog(FormDialog):
    form_name = "reopen"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Reopen the help request"),
            self.tr("&Reopen"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.reason = self.add_field(
            "reason", self.tr("Why is it reopened? (required)"), text_box("reason", 3)
        )
        who = detail.owner_name or principal.display_name
        self.set_consequence(
            self.tr("The help request is open again at the level %1, with %2 as owner.")
            .replace("%1", level_word(detail.level))
            .replace("%2", who)
        )

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        reason = self.reason.toPlainText()
        return lambda s: workflow.reopen(s, principal, request_id, reason=reason)


class WaitDialog(FormDialog):
    """Wacht: waiting on the resident or a third party, or open again."""

    form_name = "wait"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        self.waiting = detail.status is not Status.WAITING
        super().__init__(
            tasks,
            principal,
            self.tr("Put the help request on hold") if self.waiting else self.tr("Open it again"),
            self.tr("Put on &hold") if self.waiting else self.tr("&Open again"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        label = (
            self.tr("What or whom is it waiting for? (optional)")
            if self.waiting
            else self.tr("What changed? (optional)")
        )
        self.reason = self.add_field("reason", label, text_box("reason", 2))
        self.set_consequence(
            self.tr("The status becomes Waiting. Open it again as soon as there is news.")
            if self.waiting
            else self.tr("The status becomes Open again.")
        )

    def work(self) -> Work:
        principal, request_id, waiting = self.principal, self.detail.id, self.waiting
        reason = self.reason.toPlainText()
        return lambda s: workflow.set_waiting(
            s, principal, request_id, waiting=waiting, reason=reason
        )


class ConsentDialog(FormDialog):
    """Toestemming vastleggen: consent to share, per level, with its date."""

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Record consent to share"),
            self.tr("Record &consent"),
            subject=subject_of(detail),
            parent=parent,
        )
        self.detail = detail
        self.body.addWidget(
            PlainLabel(self.tr("The resident consents to sharing their details with"))
        )
        group = QButtonGroup(self)
        self.scopes: dict[Level, QRadioButton] = {}
        for level in (Level.DISTRICT_TEAM, Level.MUNICIPALITY):
            radio = QRadioButton(level_word(level))
            radio.setObjectName(f"scope_{level.value}")
            group.addButton(radio)
            self.body.addWidget(radio)
            self.scopes[level] = radio
        wanted = detail.level.above() or Level.MUNICIPALITY
        self.scopes[wanted if wanted is not Level.VILLAGE else Level.DISTRICT_TEAM].setChecked(True)
        self.given_on = self.add_field(
            "given_on", self.tr("Consent given on"), date_edit("given_on", latest=dates.today())
        )
        group.buttonToggled.connect(lambda *_: self._update())
        self._update()

    def _scope(self) -> Level:
        return next(level for level, radio in self.scopes.items() if radio.isChecked())

    def _update(self) -> None:
        self.set_consequence(
            self.tr("The details may then be shared with the district team.")
            if self._scope() is Level.DISTRICT_TEAM
            else self.tr("The details may then be shared with the municipality.")
        )

    def work(self) -> Work:
        principal, request_id, scope = self.principal, self.detail.id, self._scope()
        given_on = day_of(self.given_on)
        return lambda s: workflow.give_consent(
            s, principal, request_id, scope=scope, given_on=given_on
        )


class WithdrawConsentDialog(FormDialog):
    form_name = "withdraw_consent"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Consent withdrawn"),
            self.tr("Record the &withdrawal"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.withdrawn_on = self.add_field(
            "withdrawn_on",
            self.tr("Withdrawn on"),
            date_edit("withdrawn_on", latest=dates.today()),
        )
        self.reason = self.add_field(
            "reason", self.tr("What did the resident say? (optional)"), text_box("reason", 2)
        )
        self.set_consequence(
            self.tr(
                "Nothing more is shared with the district team or the municipality; escalating "
                "is then only possible for an acute safety concern."
            )
        )

    def work(self) -> Work:
        principal, request_id = self.principal, self.detail.id
        on = day_of(self.withdrawn_on)
        reason = self.reason.toPlainText()
        return lambda s: workflow.withdraw_consent(
            s, principal, request_id, withdrawn_on=on, reason=reason
        )


def step_dialog(
    step: Step,
    tasks: TaskManager,
    principal: Principal,
    detail: RequestDetail,
    parent: QWidget | None = None,
) -> FormDialog:
    """The dialog of a workflow step other than escalating."""
    return STEP_DIALOGS[step](tasks, principal, detail, parent)


StepDialog = Callable[[TaskManager, Principal, RequestDetail, QWidget | None], FormDialog]
STEP_DIALOGS: dict[Step, StepDialog] = {
    Step.PICK_UP: PickUpDialog,
    Step.HAND_BACK: HandBackDialog,
    Step.CLOSE: CloseDialog,
    Step.REOPEN: ReopenDialog,
    Step.WAIT: WaitDialog,
    Step.RESUME: WaitDialog,
    Step.GIVE_CONSENT: ConsentDialog,
    Step.WITHDRAW_CONSENT: WithdrawConsentDialog,
}
