"""The intake of a new help request (resident lookup first) and the edit of one.

The form only collects what was typed and hands it to the services through the task
manager; the services validate. A refused save shows the reason in Dutch beside the
field it is about and keeps everything that was typed, which is kept as a draft too
(``drafts.py``, the same binder as the dialogs').
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..enums import LifeDomain, Urgency
from ..errors import ValidationErrors
from ..services.views import RequestDetail, ResidentMatch
from . import dates, ops
from .drafts import DraftBinder
from .messages import describe
from .palette import mark_as_error
from .plain import PlainLabel
from .tasks import QueryOp, TaskManager, WriteOp
from .textsize import relative_font
from .words import life_domain_word, urgency_icon, urgency_word

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LOOKUP_DELAY_MS = 150  # wait for a pause in typing before looking up
DRAFT_FORM = "request"


def _heading(text: str) -> QLabel:
    label = PlainLabel(text)
    relative_font(label, 1.15, bold=True)
    return label


class ErrorLabel(PlainLabel):
    """A plain sentence under a field, shown only when the core refused a value."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"error_{name}")
        self.setWordWrap(True)
        # Red reads as "problem" on light and dark palettes; the ⚠ carries it without colour.
        mark_as_error(self)
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(f"⚠ {text}")
        self.show()


class RequestForm(QScrollArea):
    """Intake (``start_intake``) or edit (``start_edit``) of one help request."""

    saved = Signal(object)  # the request's id
    closed = Signal()  # saved or cancelled: the pane can show the detail again

    def __init__(
        self,
        tasks: TaskManager,
        signed_in: ops.SignedIn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("requestForm")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Wrap, never scroll sideways: every line fits the pane's width.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._tasks = tasks
        self._principal = signed_in.principal
        self._areas = signed_in.areas
        self.mode = "intake"
        self.request_id: uuid.UUID | None = None
        self._opened_as: RequestDetail | None = None  # the request as the edit began
        self.resident_id: uuid.UUID | None = None
        self.new_resident = False
        self.dirty = False
        self.saving = False
        self.errors: dict[str, ErrorLabel] = {}
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._lookup)
        self._restoring = False

        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(20, 16, 20, 16)
        self.title = _heading("")
        relative_font(self.title, 1.4, bold=True)
        self.layout_.addWidget(self.title)
        self.banner = ErrorLabel("form")
        self.layout_.addWidget(self.banner)
        self.restored = PlainLabel()
        self.restored.setObjectName("restoredNote")
        self.restored.setWordWrap(True)
        self.restored.hide()
        self.layout_.addWidget(self.restored)
        # A change that arrived (a sync, another window) while this form is open: shown
        # beside what is typed here, never written over it (issue "Syncing").
        self.remote = PlainLabel()
        self.remote.setObjectName("remoteChange")
        self.remote.setWordWrap(True)
        self.remote.setFrameShape(QFrame.Shape.StyledPanel)
        self.remote.setMargin(8)
        self.remote.hide()
        self.layout_.addWidget(self.remote)
        self.drafts = DraftBinder(
            tasks,
            self._principal,
            DRAFT_FORM,
            self.draft_key,
            self.restored,
            self.save_draft,
            self,
        )

        self.resident_box = self._resident_section()
        self.layout_.addWidget(self.resident_box)
        self.request_box = self._request_section()
        self.layout_.addWidget(self.request_box)
        self.consent_box = self._consent_section()
        self.layout_.addWidget(self.consent_box)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(lambda: self.ask_to_stop())
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.layout_.addSpacing(8)
        self.layout_.addWidget(self._stop_bar())
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        body.setMaximumWidth(860)  # lines stay short enough to read
        self.setWidget(body)

    def _stop_bar(self) -> QFrame:
        """Stopping with unsaved text asks first, in the form itself: no window in
        the way, the text stays in sight, and nothing waits for an answer."""
        bar = QFrame()
        bar.setObjectName("stopBar")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(bar)
        self.stop_question = PlainLabel(
            self.tr("What you filled in has not been saved. Stop anyway and lose it?")
        )
        self.stop_question.setObjectName("stopQuestion")
        self.stop_question.setWordWrap(True)
        row.addWidget(self.stop_question, 1)
        self.stop_button = QPushButton(self.tr("Stop and lose it"))
        self.stop_button.setObjectName("stopAndLose")
        self.stop_button.clicked.connect(self._stop)
        self._after_stop: Callable[[], None] | None = None
        self.keep_button = QPushButton(self.tr("Keep filling in"))
        self.keep_button.setObjectName("keepFillingIn")
        self.keep_button.clicked.connect(self.keep_filling_in)
        for button in (self.stop_button, self.keep_button):
            button.setAutoDefault(True)  # Enter presses the button that has the focus
            row.addWidget(button)
        bar.hide()
        self.stop_bar = bar
        return bar

    def ask_to_stop(
        self, then: Callable[[], None] | None = None, stop_text: str | None = None
    ) -> None:
        """*Annuleren* (or Esc): stop at once when nothing was typed; else ask in the
        form. Esc again while it asks means "keep filling in". ``then`` runs once the
        form has stopped (another view was chosen), ``stop_text`` says so."""
        if not self.dirty:
            self.cancel()
            if then is not None:
                then()
            return
        if self.stop_bar.isVisible() and then is None:
            self.keep_filling_in()
            return
        self._after_stop = then
        self.stop_button.setText(stop_text or self.tr("Stop and lose it"))
        self.stop_bar.show()
        self.ensureWidgetVisible(self.stop_bar)
        self.keep_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def keep_filling_in(self) -> None:
        self._after_stop = None
        self.stop_bar.hide()
        self.question.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stop(self) -> None:
        then, self._after_stop = self._after_stop, None
        self.cancel()
        if then is not None:
            then()

    def set_shortcut_tips(self, save: str, cancel: str) -> None:
        self.save_button.setToolTip(save)
        self.cancel_button.setToolTip(cancel)

    # --- Sections ----------------------------------------------------------------------

    def _error(self, name: str) -> ErrorLabel:
        label = ErrorLabel(name)
        self.errors[name] = label
        return label

    def _resident_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(_heading(self.tr("1. Resident")))
        self.lookup_hint = PlainLabel(
            self.tr(
                "First look up whether the resident is already known, so nobody is "
                "registered twice. Type a name or an address."
            )
        )
        self.lookup_hint.setWordWrap(True)
        layout.addWidget(self.lookup_hint)
        self.lookup = QLineEdit()
        self.lookup.setObjectName("lookup")
        self.lookup.setPlaceholderText(self.tr("Name or address, for example Jansen Kerkstraat"))
        self.lookup.setAccessibleName(self.tr("Look up the resident"))
        self.lookup.setAccessibleDescription(self.lookup_hint.text())
        self.lookup.setClearButtonEnabled(True)
        self.lookup.textEdited.connect(lambda _text: self._lookup_timer.start())
        layout.addWidget(self.lookup)
        self.lookup_results = QListWidget()
        self.lookup_results.setObjectName("lookupResults")
        self.lookup_results.setMaximumHeight(150)
        self.lookup_results.itemActivated.connect(self._choose_item)
        self.lookup_results.itemClicked.connect(self._choose_item)
        self.lookup_results.hide()
        layout.addWidget(self.lookup_results)
        self.lookup_status = PlainLabel()
        self.lookup_status.setWordWrap(True)
        layout.addWidget(self.lookup_status)
        self.new_resident_button = QPushButton(self.tr("Not found: record a new resident"))
        self.new_resident_button.setObjectName("newResidentButton")
        self.new_resident_button.clicked.connect(self._start_new_resident)
        row = QHBoxLayout()
        row.addWidget(self.new_resident_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.chosen = QWidget()
        chosen_row = QHBoxLayout(self.chosen)
        chosen_row.setContentsMargins(0, 0, 0, 0)
        self.chosen_label = PlainLabel()
        self.chosen_label.setObjectName("chosenResident")
        self.chosen_label.setWordWrap(True)
        self.change_resident_button = QPushButton(self.tr("Choose another resident"))
        self.change_resident_button.clicked.connect(self._reset_resident)
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.change_resident_button)
        self.chosen.hide()
        layout.addWidget(self.chosen)
        layout.addWidget(self._error("resident"))

        self.resident_fields = QWidget()
        grid = QGridLayout(self.resident_fields)
        grid.setContentsMargins(0, 4, 0, 0)
        self.inputs: dict[str, QLineEdit] = {}
        fields = (
            ("first_name", self.tr("First name"), 0, 0),
            ("name_prefix", self.tr("Prefix"), 0, 1),
            ("last_name", self.tr("Last name"), 1, 0),
            ("street", self.tr("Street"), 2, 0),
            ("house_number", self.tr("House number"), 2, 1),
            ("postcode", self.tr("Postcode"), 3, 0),
            ("place", self.tr("Place"), 3, 1),
            ("phone", self.tr("Phone"), 4, 0),
        )
        for name, label, row_, column in fields:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.textEdited.connect(self._mark_dirty)
            caption = PlainLabel(label)
            caption.setBuddy(edit)
            cell = QVBoxLayout()
            cell.setSpacing(2)
            cell.addWidget(caption)
            cell.addWidget(edit)
            cell.addWidget(self._error(name))
            grid.addLayout(cell, row_, column)
            self.inputs[name] = edit
        self.area = QComboBox()
        self.area.setObjectName("area")
        for area in self._areas:
            self.area.addItem(area.name, area.id)
        area_cell = QVBoxLayout()
        area_cell.setSpacing(2)
        area_caption = PlainLabel(self.tr("Village or district"))
        area_caption.setBuddy(self.area)
        area_cell.addWidget(area_caption)
        area_cell.addWidget(self.area)
        area_cell.addWidget(self._error("area_id"))
        grid.addLayout(area_cell, 4, 1)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        self.resident_fields.hide()
        layout.addWidget(self.resident_fields)
        return box

    def _request_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 12, 0, 0)
        self.request_heading = _heading(self.tr("2. Help request"))
        layout.addWidget(self.request_heading)
        caption = PlainLabel(self.tr("The question, in the resident's own words"))
        layout.addWidget(caption)
        self.question = QPlainTextEdit()
        self.question.setObjectName("question")
        self.question.setTabChangesFocus(True)
        self.question.setMinimumHeight(90)
        self.question.setMaximumHeight(160)
        self.question.textChanged.connect(self._mark_dirty)
        caption.setBuddy(self.question)
        layout.addWidget(self.question)
        layout.addWidget(self._error("question"))

        layout.addWidget(PlainLabel(self.tr("Life domains (tick one or more)")))
        grid = QGridLayout()
        self.domains: dict[LifeDomain, QCheckBox] = {}
        for position, domain in enumerate(LifeDomain):
            check = QCheckBox(life_domain_word(domain))
            check.setObjectName(f"domain_{str(domain.name).lower()}")
            check.toggled.connect(self._mark_dirty)
            grid.addWidget(check, position // 3, position % 3)
            self.domains[domain] = check
        layout.addLayout(grid)
        layout.addWidget(self._error("life_domains"))

        layout.addWidget(PlainLabel(self.tr("Urgency")))
        urgency_row = QHBoxLayout()
        self.urgency_group = QButtonGroup(self)
        self.urgencies: dict[Urgency, QRadioButton] = {}
        for urgency in Urgency:
            radio = QRadioButton(urgency_word(urgency))
            radio.setObjectName(f"urgency_{urgency.value}")
            icon = urgency_icon(urgency)
            if icon is not None:
                radio.setIcon(icon)
            radio.toggled.connect(self._mark_dirty)
            self.urgency_group.addButton(radio)
            urgency_row.addWidget(radio)
            self.urgencies[urgency] = radio
        urgency_row.addStretch(1)
        layout.addLayout(urgency_row)
        return box

    def _consent_section(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(_heading(self.tr("3. Consent")))
        explain = PlainLabel(
            self.tr(
                "Ask the resident whether you may record these details. Without consent "
                "nothing is recorded."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        row = QHBoxLayout()
        self.consent = QCheckBox(self.tr("Consent to record given on"))
        self.consent.setObjectName("consent")
        self.consent.toggled.connect(self._mark_dirty)
        self.consent_date = QDateEdit()
        self.consent_date.setObjectName("consent_date")
        self.consent_date.setDisplayFormat("dd-MM-yyyy")
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setAccessibleName(self.tr("Date of the consent to record"))
        self.consent.toggled.connect(self.consent_date.setEnabled)
        row.addWidget(self.consent)
        row.addWidget(self.consent_date)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self._error("consent_record_on"))
        return box

    # --- Starting ----------------------------------------------------------------------

    def start_intake(self) -> None:
        self.mode = "intake"
        self.request_id = None
        self.title.setText(self.tr("New help request"))
        self.resident_box.show()
        self.consent_box.show()
        self.request_heading.setText(self.tr("2. Help request"))
        self._reset_resident()
        self.lookup.clear()
        for edit in self.inputs.values():
            edit.clear()
        self.question.clear()
        for check in self.domains.values():
            check.setChecked(False)
        self.urgencies[Urgency.NORMAL].setChecked(True)
        self.consent.setChecked(False)
        self.consent_date.setEnabled(False)
        self.consent_date.setDate(dates.qdate(dates.today()))
        self.consent_date.setMaximumDate(dates.qdate(dates.today()))
        self._clear_errors()
        self.dirty = False
        self.restored.hide()
        self.lookup.setFocus()
        self.offer_draft()

    def start_edit(self, detail: RequestDetail) -> None:
        self.mode = "edit"
        self.request_id = detail.id
        self.title.setText(
            self.tr("Edit help request %1 of %2")
            .replace("%1", detail.reference)
            .replace("%2", detail.resident.full_name)
        )
        self.resident_box.hide()
        self.consent_box.hide()
        self.request_heading.setText(self.tr("Help request"))
        self.question.setPlainText(detail.question)
        for domain, check in self.domains.items():
            check.setChecked(domain in detail.life_domains)
        self.urgencies[detail.urgency].setChecked(True)
        self._clear_errors()
        self.dirty = False
        self.restored.hide()
        self.remote.hide()
        self._opened_as = detail
        self.question.setFocus()
        self.offer_draft()

    def show_remote_change(self, detail: RequestDetail) -> None:
        """Someone changed this request meanwhile: show their version of the fields this
        form edits beside the draft, which stays as it is."""
        from .words import life_domains_text, urgency_word

        before = self._opened_as
        lines = []
        if before is None or detail.question != before.question:
            lines.append(self.tr("Question: %1").replace("%1", detail.question))
        if before is None or detail.life_domains != before.life_domains:
            lines.append(
                self.tr("Life domains: %1").replace("%1", life_domains_text(detail.life_domains))
            )
        if before is None or detail.urgency != before.urgency:
            lines.append(self.tr("Urgency: %1").replace("%1", urgency_word(detail.urgency)))
        if not lines:
            return
        self.remote.setText(
            "\n".join(
                [
                    self.tr(
                        "Changed by someone else while you were editing. What you typed "
                        "here is kept; saving puts it over this:"
                    ),
                    *lines,
                ]
            )
        )
        self.remote.show()

    # --- Resident lookup ---------------------------------------------------------------

    def _lookup(self) -> None:
        text, principal = self.lookup.text(), self._principal
        if not text.strip():
            self.lookup_results.hide()
            self.lookup_status.clear()
            return
        QueryOp(lambda s: ops.lookup(s, principal, text), self._show_matches).failure(
            self._show_error
        ).latest("resident-lookup").run(self._tasks)

    def _show_matches(self, matches: list[ResidentMatch]) -> None:
        self.lookup_results.clear()
        for match in matches:
            text = f"{match.full_name} — {match.address or match.area_name}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, match.id)
            item.setToolTip(self.tr("Click to choose this resident"))
            self.lookup_results.addItem(item)
        self.lookup_results.setVisible(bool(matches))
        if matches:
            self.lookup_status.setText(self.tr("Click the resident to choose them."))
        else:
            self.lookup_status.setText(
                self.tr("No resident found with these words. Record a new resident below.")
            )

    def _choose_item(self, item: QListWidgetItem) -> None:
        self.resident_id = item.data(Qt.ItemDataRole.UserRole)
        self.new_resident = False
        self.chosen_label.setText(self.tr("Resident: %1").replace("%1", item.text()))
        self._show_resident_state()
        self._mark_dirty()
        self.question.setFocus()

    def _start_new_resident(self) -> None:
        self.resident_id = None
        self.new_resident = True
        words = self.lookup.text().split()
        if words and not self.inputs["last_name"].text():
            # A typed name is the likely start of the new record.
            if len(words) > 1:
                self.inputs["first_name"].setText(words[0])
                self.inputs["last_name"].setText(" ".join(words[1:]))
            else:
                self.inputs["last_name"].setText(words[0])
        self.chosen_label.setText(self.tr("New resident: fill in the details below."))
        self._show_resident_state()
        self._mark_dirty()
        self.inputs["first_name"].setFocus()

    def _reset_resident(self) -> None:
        self.resident_id = None
        self.new_resident = False
        self._show_resident_state()

    def _show_resident_state(self) -> None:
        choosing = self.resident_id is None and not self.new_resident
        for widget in (self.lookup_hint, self.lookup, self.lookup_status, self.new_resident_button):
            widget.setVisible(choosing)
        self.lookup_results.setVisible(choosing and self.lookup_results.count() > 0)
        self.chosen.setVisible(not choosing)
        self.resident_fields.setVisible(self.new_resident)

    # --- Saving ------------------------------------------------------------------------

    def _mark_dirty(self, *_args: object) -> None:
        if self._restoring:
            return
        self._recheck()
        self.dirty = True
        self.drafts.typed()

    # --- Drafts: nothing typed is lost -------------------------------------------------

    def draft_key(self) -> str:
        return "new" if self.mode == "intake" else str(self.request_id)

    def content(self) -> dict[str, Any]:
        """Everything typed or chosen, as plain values for the register's draft."""
        return {
            "mode": self.mode,
            "resident_id": str(self.resident_id) if self.resident_id else None,
            "resident_text": self.chosen_label.text(),
            "new_resident": self.new_resident,
            "lookup": self.lookup.text(),
            "inputs": {name: edit.text() for name, edit in self.inputs.items()},
            "area": self.area.currentIndex(),
            "question": self.question.toPlainText(),
            "domains": int(self._chosen_domains()),
            "urgency": self._chosen_urgency().value,
            "consent": self.consent.isChecked(),
            "consent_date": self.consent_date.date().toString(Qt.DateFormat.ISODate),
        }

    def restore(self, content: dict[str, Any]) -> None:
        self._restoring = True
        try:
            if self.mode == "intake":
                self.lookup.setText(str(content.get("lookup", "")))
                inputs = content.get("inputs") or {}
                for name, edit in self.inputs.items():
                    edit.setText(str(inputs.get(name, "")))
                self.area.setCurrentIndex(int(content.get("area") or 0))
                resident = content.get("resident_id")
                self.resident_id = uuid.UUID(resident) if resident else None
                self.new_resident = bool(content.get("new_resident"))
                if self.resident_id or self.new_resident:
                    self.chosen_label.setText(str(content.get("resident_text", "")))
                self._show_resident_state()
                self.consent.setChecked(bool(content.get("consent")))
                day = QDate.fromString(str(content.get("consent_date")), Qt.DateFormat.ISODate)
                if day.isValid():
                    self.consent_date.setDate(day)
            self.question.setPlainText(str(content.get("question", "")))
            domains = LifeDomain(int(content.get("domains") or 0))
            for domain, check in self.domains.items():
                check.setChecked(domain in domains)
            urgency = content.get("urgency")
            if urgency in {u.value for u in Urgency}:
                self.urgencies[Urgency(urgency)].setChecked(True)
        finally:
            self._restoring = False
        self.dirty = True

    def offer_draft(self) -> None:
        self.drafts.offer(self._take_draft)

    def _take_draft(self, content: dict[str, Any]) -> bool:
        if self.dirty or not self.isVisible():
            return False  # typed meanwhile, or closed: what is on screen wins
        self.restore(content)
        return True

    def save_draft(self) -> None:
        """Keep what was typed in the register (the task manager's worker writes it)."""
        self.drafts.stop()
        if not self.dirty or self.saving:
            return
        self.drafts.save(self.content())

    def discard_draft(self) -> None:
        self.drafts.discard()

    def _chosen_domains(self) -> LifeDomain:
        chosen = LifeDomain(0)
        for domain, check in self.domains.items():
            if check.isChecked():
                chosen |= domain
        return chosen

    def _chosen_urgency(self) -> Urgency:
        for urgency, radio in self.urgencies.items():
            if radio.isChecked():
                return urgency
        return Urgency.NORMAL

    def save(self) -> None:
        if self.saving:
            return
        self.drafts.stop()
        self._clear_errors()
        principal = self._principal
        question, domains, urgency = (
            self.question.toPlainText(),
            self._chosen_domains(),
            self._chosen_urgency(),
        )
        if self.mode == "edit":
            request_id = self.request_id
            assert request_id is not None

            def work(session: Session) -> uuid.UUID:
                ops.edit(session, principal, request_id, question, domains, urgency)
                return request_id

        else:
            intake = self._intake_input()
            resident_id = self.resident_id
            new_resident = self._resident_input() if self.new_resident else None

            def work(session: Session) -> uuid.UUID:
                return ops.register(session, principal, intake, resident_id, new_resident)

        self.saving = True
        self.save_button.setEnabled(False)
        WriteOp(work, self._on_saved).failure(self._on_refused).run(self._tasks)

    def _on_saved(self, request_id: uuid.UUID) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.discard_draft()
        self.dirty = False
        self.saved.emit(request_id)
        self.closed.emit()

    def _on_refused(self, error: BaseException) -> None:
        # Everything typed stays in the form; only the reason is added.
        self.saving = False
        self.save_button.setEnabled(True)
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        """Every problem at once, each beside its field, the focus on the first."""
        problems = error.problems if isinstance(error, ValidationErrors) else (error,)
        first: QWidget | None = None
        for problem in problems:
            message = describe(problem)
            label = self.errors.get(message.field or "")
            holder = label.parentWidget() if label is not None else None
            if label is None or holder is None or not holder.isVisibleTo(self):
                self.banner.show_text(message.text)
                first = first or self.banner
                continue
            label.show_text(message.text)
            if first is None:
                widget = self._field_widget(message.field or "")
                first = widget if widget is not None and widget.isVisibleTo(self) else label
        if first is self.banner:
            self.ensureVisible(0, 0)
        elif first is not None:
            if first.focusPolicy() != Qt.FocusPolicy.NoFocus:
                first.setFocus()
            self.ensureWidgetVisible(first)

    def _field_widget(self, field: str) -> QWidget | None:
        if field in self.inputs:
            return self.inputs[field]
        return {
            "question": self.question,
            "life_domains": next(iter(self.domains.values())),
            "consent_record_on": self.consent,
            "resident": self.lookup,
            "area_id": self.area,
        }.get(field)

    def _recheck(self) -> None:
        """While problems are shown: take away each one whose field is right now (the
        core's own checks, no database), never add new ones before the next save."""
        shown = {name for name, label in self.errors.items() if not label.isHidden()}
        if not shown:
            return
        if self.mode == "edit":
            intake = ops.IntakeInput(
                self.question.toPlainText(), self._chosen_domains(), dates.today()
            )
        else:
            intake = self._intake_input()
        new_resident = self._resident_input() if self.new_resident else None
        still = {
            problem.field or ""
            for problem in ops.intake_problems(
                intake,
                resident_chosen=self.resident_id is not None or self.mode == "edit",
                new_resident=new_resident,
                today=dates.today(),
            ).found
        }
        for name in shown - still - {"form"}:
            self.errors[name].hide()

    def _intake_input(self) -> ops.IntakeInput:
        consent: date | None = None
        if self.consent.isChecked():
            consent = dates.day_of(self.consent_date)
        return ops.IntakeInput(
            self.question.toPlainText(), self._chosen_domains(), consent, self._chosen_urgency()
        )

    def _resident_input(self) -> ops.ResidentInput:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        return ops.ResidentInput(area_id=self.area.currentData(), **values)

    def _clear_errors(self) -> None:
        self.stop_bar.hide()
        self.banner.hide()
        for label in self.errors.values():
            label.hide()

    def cancel(self) -> None:
        self.stop_bar.hide()
        self.discard_draft()
        self.dirty = False
        self._lookup_timer.stop()
        self.closed.emit()
