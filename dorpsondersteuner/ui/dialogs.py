"""The dialogs of the daily work: workflow steps, contacts, follow-ups, own-circle help,
neighbourhood helpers, merging residents and the Wmo dates.

Each dialog asks only what its step needs, says the consequence in one sentence, names
its primary button after the action ("Opschalen"), and cancels with Esc. It hands what
was typed to the services through the task manager; a refusal comes back as a plain
sentence in the dialog, which stays open with everything typed. Whether a step is
possible is the core's answer (``available_steps``), never decided here.

Nothing typed is lost: a second after typing stops, the dialog's content is saved as a
draft in the register (services/drafts.py) and offered again when the same dialog is
opened for the same record; cancelling with typed text asks first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..models.enums import (
    ContactKind,
    HelperSkill,
    Level,
    Outcome,
    Status,
    Urgency,
    WmoDecision,
)
from ..services import records, residents, wmo, workflow
from ..services.access import Principal
from ..services.capabilities import Escalation
from ..services.views import (
    ContactView,
    FollowUpView,
    HelperView,
    ReferenceView,
    RequestDetail,
    ResidentMatch,
)
from ..services.workflow import Refusal, Step
from . import dates, ops
from .messages import describe
from .palette import mark_as_error
from .tasks import TaskManager
from .words import (
    contact_kind_word,
    decision_word,
    level_word,
    outcome_word,
    role_word,
    skill_word,
    skills_text,
    urgency_icon,
)

AUTOSAVE_MS = 1000  # a draft is saved this long after typing stops


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(name: str, *, latest: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setDate(qdate(dates.today()))
    if latest is not None:
        edit.setMaximumDate(qdate(latest))
    return edit


def text_box(name: str, lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    height = edit.fontMetrics().lineSpacing() * lines + 16
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height * 2)
    return edit


class FormDialog(QDialog):
    """The frame every dialog shares: subject, fields, consequence, error, buttons."""

    done_ = Signal(object)  # the write's result, after it succeeded

    form_name = ""  # the draft's form name; empty: no draft

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        title: str,
        action: str,
        *,
        subject: str = "",
        draft_key: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.tasks = tasks
        self.principal = principal
        self.draft_key = draft_key
        self.dirty = False
        self.saving = False
        self.fields: dict[str, QWidget] = {}
        self._confirm: QMessageBox | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        heading = QLabel(title)
        heading.setObjectName("dialogTitle")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        outer.addWidget(heading)
        self.subject = QLabel(subject)
        self.subject.setObjectName("subject")
        self.subject.setWordWrap(True)
        self.subject.setVisible(bool(subject))
        outer.addWidget(self.subject)
        self.restored = QLabel()
        self.restored.setObjectName("restoredNote")
        self.restored.setWordWrap(True)
        self.restored.hide()
        outer.addWidget(self.restored)

        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)

        self.consequence = QLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        font = self.consequence.font()
        font.setBold(True)
        self.consequence.setFont(font)
        self.consequence.hide()
        outer.addSpacing(4)
        outer.addWidget(self.consequence)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        mark_as_error(self.error)
        self.error.hide()
        outer.addWidget(self.error)

        self.buttons = QDialogButtonBox()
        self.primary = QPushButton(action)
        self.primary.setObjectName("primaryButton")
        self.primary.setDefault(True)
        self.primary.setAutoDefault(True)
        self.primary.setToolTip(self.tr("%1 (Enter)").replace("%1", action.replace("&", "")))
        self.buttons.addButton(self.primary, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("cancelButton")
        self.cancel.setAutoDefault(False)
        self.cancel.setToolTip(self.tr("Stop without saving (Esc)"))
        self.buttons.addButton(self.cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._focused = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused:
            self._focused = True
            self._focus_first_field()

    def _focus_first_field(self) -> None:
        """The dialog opens with the focus in its first field, so Tab goes through the
        fields top to bottom and then to the buttons. (The buttons are made first, in
        this frame, so Qt would otherwise give "Opschalen" the focus.)"""
        current = self.focusWidget()
        if current is not None and not self.buttons.isAncestorOf(current):
            return  # the dialog chose a field itself
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
                and widget.isVisibleTo(self)
                and not self.buttons.isAncestorOf(widget)
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    # --- Building blocks -----------------------------------------------------------------

    def add_field(self, name: str, label: str, widget: QWidget, *, hint: str = "") -> QWidget:
        """A labelled field: the label is its buddy (Alt+letter) and accessible name."""
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setBuddy(widget)
        widget.setAccessibleName(label.replace("&", ""))
        if hint:
            widget.setToolTip(hint)
            widget.setAccessibleDescription(hint)
        self.body.addWidget(caption)
        self.body.addWidget(widget)
        self.track(name, widget)
        widget.setProperty("caption", caption)
        return widget

    def track(self, name: str, widget: QWidget) -> None:
        """Remember a field for the draft, and mark the dialog dirty when it changes."""
        self.fields[name] = widget
        if isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.mark_dirty)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(self.mark_dirty)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self.mark_dirty)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(self.mark_dirty)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.mark_dirty)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.mark_dirty)

    def set_consequence(self, text: str) -> None:
        self.consequence.setText(text)
        self.consequence.setVisible(bool(text))

    def show_error(self, text: str) -> None:
        self.error.setText(f"⚠ {text}")
        self.error.show()

    # --- What was typed --------------------------------------------------------------------

    def content(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text()
            elif isinstance(widget, QAbstractButton):
                values[name] = widget.isChecked()
            elif isinstance(widget, QDateEdit):
                values[name] = widget.date().toString(Qt.DateFormat.ISODate)
            elif isinstance(widget, QSpinBox):
                values[name] = widget.value()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentIndex()
        return values

    def restore(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self.fields.get(name)
            if isinstance(widget, QPlainTextEdit) and isinstance(value, str):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit) and isinstance(value, str):
                widget.setText(value)
            elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
                widget.setChecked(value)
            elif isinstance(widget, QDateEdit) and isinstance(value, str):
                day = QDate.fromString(value, Qt.DateFormat.ISODate)
                if day.isValid():
                    widget.setDate(day)
            elif isinstance(widget, QSpinBox) and isinstance(value, int):
                widget.setValue(value)
            elif isinstance(widget, QComboBox) and isinstance(value, int):
                widget.setCurrentIndex(value)

    def typed_text(self) -> bool:
        """Whether anything worth keeping was typed (free text, not just a date)."""
        return any(
            (isinstance(w, QPlainTextEdit) and w.toPlainText().strip())
            or (isinstance(w, QLineEdit) and w.text().strip())
            for w in self.fields.values()
        )

    def mark_dirty(self, *_args: object) -> None:
        self.dirty = True
        self.error.hide()
        if self.form_name:
            self._autosave.start()

    # --- Drafts ----------------------------------------------------------------------------

    def offer_draft(self) -> None:
        """Look for a draft of this dialog for this record and put it back."""
        if not self.form_name:
            return
        form, key, principal = self.form_name, self.draft_key, self.principal
        self.tasks.query(lambda s: ops.load_draft(s, principal, form, key), self._on_draft)

    def _on_draft(self, found: Any) -> None:
        if found is None or self.dirty:
            return
        content, saved_at = found
        self.restore(content)
        self.dirty = True
        self.restored.setText(
            self.tr("Restored: what you typed on %1 and had not saved yet.").replace(
                "%1", dates.instant_text(saved_at)
            )
        )
        self.restored.show()

    def save_draft(self) -> None:
        if not self.form_name or self.saving or not self.isVisible():
            return
        form, key, principal, content = self.form_name, self.draft_key, self.principal, None
        content = self.content()
        if not self.typed_text():
            self.tasks.write(lambda s: ops.discard_draft(s, principal, form, key))
            return
        self.tasks.write(lambda s: ops.save_draft(s, principal, form, key, content))

    def _discard_draft(self) -> None:
        self._autosave.stop()
        if self.form_name:
            form, key, principal = self.form_name, self.draft_key, self.principal
            self.tasks.write(lambda s: ops.discard_draft(s, principal, form, key))

    # --- Submitting and cancelling -------------------------------------------------------

    def work(self) -> Callable[[Any], Any]:
        """The write to run, built from the fields; raise ValueError to refuse early."""
        raise NotImplementedError

    def submit(self) -> None:
        if self.saving:
            return
        self.error.hide()
        try:
            work = self.work()
        except ValueError as problem:
            self.show_error(str(problem))
            return
        self.saving = True
        self.primary.setEnabled(False)
        self._autosave.stop()
        self.tasks.write(work, self._on_done, self._on_failed)

    def _on_done(self, result: object) -> None:
        self.saving = False
        self.primary.setEnabled(True)
        self.dirty = False
        self._discard_draft()
        self.done_.emit(result)
        super().accept()

    def _on_failed(self, error: BaseException) -> None:
        # Everything typed stays; only the reason is added.
        self.saving = False
        self.primary.setEnabled(True)
        self.show_error(describe(error).text)

    def reject(self) -> None:
        if self.dirty and self.typed_text():
            self._ask_to_stop()
            return
        self._discard_draft()
        super().reject()

    def _ask_to_stop(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("confirmStop")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Stop without saving?"))
        box.setText(self.tr("What you typed has not been saved. Stop anyway and lose it?"))
        stop = box.addButton(self.tr("Stop and lose it"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep typing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            if box.clickedButton() is stop:
                self.dirty = False
                self._discard_draft()
                QDialog.reject(self)

        box.finished.connect(answered)
        self._confirm = box
        box.open()


def subject_of(detail: RequestDetail) -> str:
    return f"{detail.resident.full_name} · {detail.reference} · {detail.area_name}"


# --- Workflow steps --------------------------------------------------------------------


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

        choice = QLabel(self.tr("Where does it go?"))
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
        self.reason_caption = QLabel()
        self.reason_caption.setWordWrap(True)
        self.reason_caption.setBuddy(self.reason)
        self.body.addSpacing(4)
        self.body.addWidget(self.reason_caption)
        self.body.addWidget(self.reason)
        self.track("reason", self.reason)

        self.consent_box = QWidget()
        consent_layout = QVBoxLayout(self.consent_box)
        consent_layout.setContentsMargins(0, 6, 0, 0)
        self.consent_note = QLabel()
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        reason, acute = self.reason.toPlainText(), self.acute.isChecked()
        consent_on = None
        if not self.consent_box.isHidden() and self.consent.isChecked():
            consent_on = self.consent_date.date().toPython()
        scope = self.target
        return lambda s: ops.escalate(
            s,
            principal,
            request_id,
            reason=reason,
            acute=acute,
            consent_on=consent_on,  # type: ignore[arg-type]
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
        question = QLabel(detail.question)
        question.setObjectName("question")
        question.setProperty("data", True)
        question.setWordWrap(True)
        self.body.addWidget(question)
        text = self.tr("You become the owner of this help request at the %1.").replace(
            "%1", level_word(detail.level)
        )
        if detail.contact_person_name:
            text += " " + self.tr("%1 stays the contact person.").replace(
                "%1", detail.contact_person_name
            )
        self.set_consequence(text)

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        return lambda s: workflow.pick_up(s, principal, request_id)


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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        advice = self.advice.toPlainText()  # type: ignore[attr-defined]
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
        self.body.addWidget(QLabel(self.tr("Outcome")))
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        outcome = next(o for o, radio in self.outcomes.items() if radio.isChecked())
        note = self.note.toPlainText()  # type: ignore[attr-defined]
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        reason = self.reason.toPlainText()  # type: ignore[attr-defined]
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id, waiting = self.principal, self.detail.id, self.waiting
        reason = self.reason.toPlainText()  # type: ignore[attr-defined]
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
        self.body.addWidget(QLabel(self.tr("The resident consents to sharing their details with")))
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id, scope = self.principal, self.detail.id, self._scope()
        given_on = self.given_on.date().toPython()  # type: ignore[attr-defined]
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        on = self.withdrawn_on.date().toPython()  # type: ignore[attr-defined]
        reason = self.reason.toPlainText()  # type: ignore[attr-defined]
        return lambda s: workflow.withdraw_consent(
            s, principal, request_id, withdrawn_on=on, reason=reason
        )


# --- Contacts, follow-ups, own-circle help -----------------------------------------------


class ContactDialog(FormDialog):
    """Contactmoment toevoegen of wijzigen. "Professionals only" is offered when the
    core allows it (``professionals_only``): a supporter could not see such a contact
    afterwards (D5)."""

    form_name = "contact"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        professionals_only: bool,
        contact: ContactView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Change the contact") if contact else self.tr("New contact"),
            self.tr("&Save") if contact else self.tr("&Add contact"),
            subject=subject_of(detail),
            draft_key=str(contact.id if contact else detail.id),
            parent=parent,
        )
        self.detail = detail
        self.contact = contact
        grid = QGridLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in ContactKind:
            self.kind.addItem(contact_kind_word(kind), kind)
        self.when = date_edit("contact_date", latest=dates.today())
        self.minutes = QSpinBox()
        self.minutes.setObjectName("minutes")
        self.minutes.setRange(1, 1440)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(15)
        self.minutes.setSuffix(self.tr(" min"))
        for column, (name, label, widget) in enumerate(
            (
                ("kind", self.tr("&Kind"), self.kind),
                ("contact_date", self.tr("&Date"), self.when),
                ("minutes", self.tr("&Minutes spent"), self.minutes),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label.replace("&", ""))
            grid.addWidget(caption, 0, column)
            grid.addWidget(widget, 1, column)
            self.track(name, widget)
        self.body.addLayout(grid)
        self.summary = self.add_field(
            "summary",
            self.tr("Summary: short and factual"),
            text_box("summary", 5),
        )
        self.professionals_only = QCheckBox(self.tr("Professionals only (not for supporters)"))
        self.professionals_only.setObjectName("professionalsOnly")
        self.professionals_only.setToolTip(self.tr("Village supporters will not see this contact."))
        self.professionals_only.setVisible(professionals_only)
        self.body.addWidget(self.professionals_only)
        self.track("professionals_only", self.professionals_only)
        self.professionals_only.toggled.connect(lambda *_: self._update())
        if contact is not None:
            self.kind.setCurrentIndex(list(ContactKind).index(contact.kind))
            self.when.setDate(qdate(contact.contact_date))
            self.minutes.setValue(contact.minutes)
            self.summary.setPlainText(contact.summary)  # type: ignore[attr-defined]
            self.professionals_only.setChecked(contact.professionals_only)
            self.dirty = False
        self._update()

    def _update(self) -> None:
        if self.professionals_only.isChecked():
            self.set_consequence(
                self.tr("Only district team and municipality staff will see this contact.")
            )
        else:
            self.set_consequence("")

    def work(self) -> Callable[[Any], Any]:
        data = records.ContactInput(
            kind=self.kind.currentData(),
            contact_date=self.when.date().toPython(),  # type: ignore[arg-type]
            minutes=self.minutes.value(),
            summary=self.summary.toPlainText(),  # type: ignore[attr-defined]
            professionals_only=self.professionals_only.isChecked()
            and not self.professionals_only.isHidden(),
        )
        principal = self.principal
        if self.contact is not None:
            contact_id = self.contact.id
            return lambda s: records.edit_contact(s, principal, contact_id, data)
        request_id = self.detail.id
        return lambda s: records.add_contact(s, principal, request_id, data)


class FollowUpDialog(FormDialog):
    form_name = "follow_up"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        follow_up: FollowUpView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Change the follow-up") if follow_up else self.tr("New follow-up"),
            self.tr("&Save") if follow_up else self.tr("&Add follow-up"),
            subject=subject_of(detail),
            draft_key=str(follow_up.id if follow_up else detail.id),
            parent=parent,
        )
        self.detail = detail
        self.follow_up = follow_up
        self.description = self.add_field(
            "description", self.tr("What needs doing?"), text_box("description", 2)
        )
        self.due_on = self.add_field("due_on", self.tr("By when?"), date_edit("due_on"))
        if follow_up is not None:
            self.description.setPlainText(follow_up.description)  # type: ignore[attr-defined]
            self.due_on.setDate(qdate(follow_up.due_on))  # type: ignore[attr-defined]
            self.dirty = False
        else:
            self.due_on.setDate(qdate(dates.today()).addDays(7))  # type: ignore[attr-defined]
        self.set_consequence(self.tr("You see it in “Follow-ups” on the day it is due, and after."))

    def work(self) -> Callable[[Any], Any]:
        principal = self.principal
        description = self.description.toPlainText()  # type: ignore[attr-defined]
        due_on = self.due_on.date().toPython()  # type: ignore[attr-defined]
        if self.follow_up is not None:
            follow_up_id = self.follow_up.id
            return lambda s: records.reschedule_follow_up(
                s, principal, follow_up_id, description=description, due_on=due_on
            )
        request_id = self.detail.id
        return lambda s: records.add_follow_up(
            s, principal, request_id, description=description, due_on=due_on
        )


class ArrangeHelpDialog(FormDialog):
    """Hulp uit de eigen kring: a neighbourhood helper of the request's area, chosen by
    what they can do, or someone from the resident's own network."""

    form_name = "arrange_help"

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
            self.tr("Arrange help from the own circle"),
            self.tr("&Record the help"),
            subject=subject_of(detail),
            draft_key=str(detail.id),
            parent=parent,
        )
        self.detail = detail
        self.skill = QComboBox()
        self.skill.setObjectName("skill")
        self.skill.addItem(self.tr("Anything"), 0)
        for skill in HelperSkill:
            self.skill.addItem(skill_word(skill), int(skill))
        self.add_field(
            "skill",
            self.tr("Neighbourhood helpers in %1 who help with").replace("%1", detail.area_name),
            self.skill,
        )
        self.helpers = QListWidget()
        self.helpers.setObjectName("helperChoice")
        self.helpers.setAccessibleName(self.tr("Neighbourhood helpers"))
        self.helpers.setMinimumHeight(140)
        self.body.addWidget(self.helpers)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self.description = self.add_field(
            "description",
            self.tr("What help is arranged? (required)"),
            text_box("description", 2),
        )
        self.arranged_on = self.add_field(
            "arranged_on", self.tr("Arranged on"), date_edit("arranged_on", latest=dates.today())
        )
        self.skill.currentIndexChanged.connect(lambda *_: self.load_helpers())
        self.helpers.currentItemChanged.connect(lambda *_: self._update())
        self.load_helpers()
        self._update()

    def load_helpers(self) -> None:
        principal, area_id = self.principal, self.detail.area_id
        skill = HelperSkill(self.skill.currentData() or 0) or None
        self.tasks.query(
            lambda s: records.list_helpers(s, principal, area_id=area_id, skill=skill),
            self._show_helpers,
            lambda error: self.status.setText(describe(error).text),
            key="arrange-helpers",
        )

    def _show_helpers(self, helpers: list[HelperView]) -> None:
        self.helpers.clear()
        own = QListWidgetItem(self.tr("Someone from the resident's own circle (not registered)"))
        own.setData(Qt.ItemDataRole.UserRole, None)
        self.helpers.addItem(own)
        for helper in helpers:
            text = f"{helper.name} — {skills_text(helper.skills)}"
            if helper.availability:
                text += f" · {helper.availability}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, helper.id)
            self.helpers.addItem(item)
        self.helpers.setCurrentRow(1 if helpers else 0)
        self.status.setText(
            self.tr("%n helper(s) found.", "", len(helpers))
            if helpers
            else self.tr("No registered helper for this; choose the own circle, or another kind.")
        )

    def _helper_id(self) -> uuid.UUID | None:
        item = self.helpers.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, uuid.UUID) else None

    def _update(self) -> None:
        item = self.helpers.currentItem()
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            self.set_consequence(self.tr("The help is recorded on the request."))
        else:
            name = item.text().split(" — ")[0]
            self.set_consequence(
                self.tr("The help by %1 is recorded on the request.").replace("%1", name)
            )

    def work(self) -> Callable[[Any], Any]:
        principal, request_id, helper_id = self.principal, self.detail.id, self._helper_id()
        description = self.description.toPlainText()  # type: ignore[attr-defined]
        on = self.arranged_on.date().toPython()  # type: ignore[attr-defined]
        return lambda s: records.arrange_help(
            s, principal, request_id, description=description, arranged_on=on, helper_id=helper_id
        )


# --- Neighbourhood helpers -------------------------------------------------------------


class HelperDialog(FormDialog):
    form_name = "helper"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        areas: tuple[ops.AreaChoice, ...],
        helper: HelperView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tasks,
            principal,
            self.tr("Change a neighbourhood helper")
            if helper
            else self.tr("New neighbourhood helper"),
            self.tr("&Save") if helper else self.tr("&Register helper"),
            draft_key=str(helper.id) if helper else "new",
            parent=parent,
        )
        self.helper = helper
        self.name = self.add_field("name", self.tr("Name"), QLineEdit())
        self.area = QComboBox()
        for area in areas:
            self.area.addItem(area.name, area.id)
        self.add_field("area", self.tr("Village or district"), self.area)
        self.body.addWidget(QLabel(self.tr("Helps with (tick one or more)")))
        grid = QGridLayout()
        self.skills: dict[HelperSkill, QCheckBox] = {}
        for position, skill in enumerate(HelperSkill):
            check = QCheckBox(skill_word(skill))
            check.setObjectName(f"skill_{str(skill.name).lower()}")
            grid.addWidget(check, position // 3, position % 3)
            self.track(check.objectName(), check)
            self.skills[skill] = check
        self.body.addLayout(grid)
        self.note = self.add_field(
            "skills_note", self.tr("More about what they do (optional)"), QLineEdit()
        )
        self.availability = self.add_field(
            "availability", self.tr("When available (optional)"), QLineEdit()
        )
        contact = QGridLayout()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        for column, (name, label, widget) in enumerate(
            (("phone", self.tr("Phone"), self.phone), ("email", self.tr("E-mail"), self.email))
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            widget.setAccessibleName(label)
            contact.addWidget(caption, 0, column)
            contact.addWidget(widget, 1, column)
            self.track(name, widget)
        self.body.addLayout(contact)
        self.consent_on = self.add_field(
            "consent_on",
            self.tr("Consent to be registered, given on"),
            date_edit("consent_on", latest=dates.today()),
        )
        self.active = QCheckBox(self.tr("Still helps (untick when they stop)"))
        self.active.setChecked(True)
        self.active.setVisible(helper is not None)
        self.body.addWidget(self.active)
        self.track("active", self.active)
        if helper is not None:
            self.name.setText(helper.name)  # type: ignore[attr-defined]
            index = self.area.findData(helper.area_id)
            if index >= 0:
                self.area.setCurrentIndex(index)
            for skill, check in self.skills.items():
                check.setChecked(skill in helper.skills)
            self.note.setText(helper.skills_note)  # type: ignore[attr-defined]
            self.availability.setText(helper.availability)  # type: ignore[attr-defined]
            self.phone.setText(helper.phone)
            self.email.setText(helper.email)
            self.consent_on.setDate(qdate(helper.consent_registered_on))  # type: ignore[attr-defined]
            self.active.setChecked(helper.active)
            self.dirty = False
        self.set_consequence(
            self.tr("Village supporters and the district team of this area can then find them.")
        )

    def work(self) -> Callable[[Any], Any]:
        skills = HelperSkill(0)
        for skill, check in self.skills.items():
            if check.isChecked():
                skills |= skill
        data = records.HelperInput(
            name=self.name.text(),  # type: ignore[attr-defined]
            area_id=self.area.currentData(),
            skills=skills,
            consent_registered_on=self.consent_on.date().toPython(),  # type: ignore[attr-defined]
            phone=self.phone.text(),
            email=self.email.text(),
            skills_note=self.note.text(),  # type: ignore[attr-defined]
            availability=self.availability.text(),  # type: ignore[attr-defined]
        )
        principal, active = self.principal, self.active.isChecked()
        if self.helper is not None:
            helper_id = self.helper.id
            return lambda s: records.edit_helper(s, principal, helper_id, data, active=active)
        return lambda s: records.register_helper(s, principal, data)


# --- Residents -------------------------------------------------------------------------


class ResidentDialog(FormDialog):
    """Correct the resident's name, address or phone (rectification, AVG art. 16): an
    ordinary, logged change that every request of the resident shows."""

    form_name = "resident"

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        resident = detail.resident
        super().__init__(
            tasks,
            principal,
            self.tr("Change the resident's details"),
            self.tr("&Save"),
            subject=resident.full_name,
            draft_key=str(resident.id),
            parent=parent,
        )
        self.resident = resident
        self.inputs: dict[str, QLineEdit] = {}
        for name, label, value in (
            ("first_name", self.tr("First name"), resident.first_name),
            ("name_prefix", self.tr("Prefix (van, de, …)"), resident.name_prefix),
            ("last_name", self.tr("Last name"), resident.last_name),
            ("street", self.tr("Street"), resident.street),
            ("house_number", self.tr("House number"), resident.house_number),
            ("postcode", self.tr("Postcode"), resident.postcode),
            ("place", self.tr("Place"), resident.place),
            ("phone", self.tr("Phone"), resident.phone),
        ):
            edit = QLineEdit(value)
            self.inputs[name] = edit
            self.add_field(name, label, edit)
        self.dirty = False
        self.set_consequence(
            self.tr("The new details show on every help request of %1.").replace(
                "%1", resident.first_name or resident.full_name
            )
        )

    def work(self) -> Callable[[Any], Any]:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        data = workflow.ResidentInput(area_id=self.resident.area_id, **values)
        principal, resident_id = self.principal, self.resident.id
        return lambda s: residents.edit_resident(s, principal, resident_id, data)


class MergeDialog(FormDialog):
    """Two records of one person (two laptops registered them offline) become one."""

    def __init__(
        self,
        tasks: TaskManager,
        principal: Principal,
        detail: RequestDetail,
        parent: QWidget | None = None,
    ) -> None:
        keep = detail.resident
        super().__init__(
            tasks,
            principal,
            self.tr("Merge two records of one resident"),
            self.tr("&Merge"),
            subject=self.tr("Stays: %1").replace(
                "%1", f"{keep.full_name} — {keep.address or keep.area_name}"
            ),
            parent=parent,
        )
        self.keep = keep
        self.lookup = self.add_field(
            "lookup", self.tr("Find the other record: name or address"), QLineEdit()
        )
        self.lookup.setText(keep.last_name)  # type: ignore[attr-defined]
        self.matches = QListWidget()
        self.matches.setObjectName("mergeMatches")
        self.matches.setAccessibleName(self.tr("Records found"))
        self.matches.setMinimumHeight(120)
        self.body.addWidget(self.matches)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.find_records)
        self.lookup.textEdited.connect(lambda *_: self._timer.start())  # type: ignore[attr-defined]
        self.matches.currentItemChanged.connect(lambda *_: self._update())
        self._update()
        self.find_records()

    def find_records(self) -> None:
        text, principal = self.lookup.text(), self.principal  # type: ignore[attr-defined]
        self.tasks.query(
            lambda s: residents.find_residents(s, principal, text),
            self._show,
            lambda error: self.status.setText(describe(error).text),
            key="merge-lookup",
        )

    def _show(self, found: list[ResidentMatch]) -> None:
        self.matches.clear()
        for match in found:
            if match.id == self.keep.id:
                continue
            item = QListWidgetItem(f"{match.full_name} — {match.address or match.area_name}")
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            self.matches.addItem(item)
        self.status.setText(
            self.tr("Choose the record that is the same person.")
            if self.matches.count()
            else self.tr("No other record found with these words.")
        )

    def _update(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            self.set_consequence("")
            return
        other = item.text().split(" — ")[0]
        self.set_consequence(
            self.tr(
                "The help requests of the other record move to %1; the other record "
                "disappears from lists and search."
            ).replace("%1", self.keep.full_name or other)
        )

    def work(self) -> Callable[[Any], Any]:
        item = self.matches.currentItem()
        if item is None:
            raise ValueError(self.tr("Choose the other record of this resident in the list."))
        principal, keep_id, duplicate_id = (
            self.principal,
            self.keep.id,
            item.data(Qt.ItemDataRole.UserRole),
        )
        return lambda s: residents.merge_residents(s, principal, keep_id, duplicate_id)


# --- The Wmo track (municipality) ------------------------------------------------------


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
            "melding": (self.tr("Register as a Wmo melding"), self.tr("Register &melding")),
            "plan": (self.tr("Personal plan handed in"), self.tr("Record &plan")),
            "aanvraag": (self.tr("Wmo aanvraag received"), self.tr("Record &aanvraag")),
            "decision": (self.tr("Decision on the aanvraag"), self.tr("Record &decision")),
        }
        title, action = titles[kind]
        super().__init__(tasks, principal, title, action, subject=subject_of(detail), parent=parent)
        self.detail = detail
        self.kind = kind
        labels = {
            "melding": self.tr("Date of the melding"),
            "plan": self.tr("Date the personal plan was handed in"),
            "aanvraag": self.tr("Date of the aanvraag"),
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

    def work(self) -> Callable[[Any], Any]:
        principal, request_id = self.principal, self.detail.id
        on = self.on.date().toPython()  # type: ignore[attr-defined]
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
        tasks.query(
            lambda s: ops.reassign_candidates(s, principal, request_id),
            self._on_candidates,
            lambda error: self.show_error(describe(error).text),
        )

    def _on_candidates(self, candidates: list[Any]) -> None:
        self.owner.clear()
        for user in candidates:
            self.owner.addItem(f"{user.display_name} · {role_word(user.role)}", user.id)
        self.owner.setEnabled(bool(candidates))
        self.primary.setEnabled(bool(candidates))
        if candidates and not self.reason.toPlainText():  # type: ignore[attr-defined]
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

    def work(self) -> Callable[[Any], Any]:
        new_owner_id = self.owner.currentData()
        if new_owner_id is None:
            raise ValueError(self.tr("Choose the new owner."))
        principal, reference = self.principal, self.request.reference
        reason = self.reason.toPlainText()  # type: ignore[attr-defined]
        return lambda s: workflow.reassign(
            s, principal, reference, new_owner_id=new_owner_id, reason=reason
        )


def step_dialog(
    step: Step,
    tasks: TaskManager,
    principal: Principal,
    detail: RequestDetail,
    parent: QWidget | None = None,
) -> FormDialog:
    """The dialog of a workflow step other than escalating."""
    return STEP_DIALOGS[step](tasks, principal, detail, parent)  # type: ignore[arg-type]


STEP_DIALOGS: dict[Step, type[FormDialog]] = {
    Step.PICK_UP: PickUpDialog,
    Step.HAND_BACK: HandBackDialog,
    Step.CLOSE: CloseDialog,
    Step.REOPEN: ReopenDialog,
    Step.WAIT: WaitDialog,
    Step.RESUME: WaitDialog,
    Step.GIVE_CONSENT: ConsentDialog,
    Step.WITHDRAW_CONSENT: WithdrawConsentDialog,
}
