"""The frame every dialog shares (``FormDialog``): subject, fields, the consequence in
one sentence, the error, and the buttons; and the small field makers the dialogs use.

A dialog hands what was typed to the services through the task manager; a refusal comes
back as a plain sentence in the dialog, which stays open with everything typed. Nothing
typed is lost: the dialog's fields are bound to a draft (``ui/drafts.py``), offered
again when the same dialog is opened for the same record; cancelling with typed text
asks first.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.access import Principal
from ...services.views import RequestDetail
from .. import dates
from ..dates import day_of as day_of
from ..dates import qdate as qdate
from ..drafts import DraftBinder
from ..messages import describe
from ..palette import mark_as_error
from ..plain import PlainLabel
from ..tasks import TaskManager, Work, WriteOp
from ..textsize import relative_font

W = TypeVar("W", bound=QWidget)


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

        outer = QVBoxLayout(self)
        # Never smaller than what it holds (a check box's text does not wrap), at any
        # text size.
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)
        heading = PlainLabel(title)
        heading.setObjectName("dialogTitle")
        relative_font(heading, 1.25, bold=True)
        outer.addWidget(heading)
        self.subject = PlainLabel(subject)
        self.subject.setObjectName("subject")
        self.subject.setWordWrap(True)
        self.subject.setVisible(bool(subject))
        outer.addWidget(self.subject)
        self.restored = PlainLabel()
        self.restored.setObjectName("restoredNote")
        self.restored.setWordWrap(True)
        self.restored.hide()
        outer.addWidget(self.restored)
        self.drafts = (
            DraftBinder(
                tasks,
                principal,
                self.form_name,
                lambda: self.draft_key,
                self.restored,
                self.save_draft,
                self,
            )
            if self.form_name
            else None
        )

        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)

        self.consequence = PlainLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        font = self.consequence.font()
        font.setBold(True)
        self.consequence.setFont(font)
        self.consequence.hide()
        outer.addSpacing(4)
        outer.addWidget(self.consequence)
        self.error = PlainLabel()
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

    def add_field(self, name: str, label: str, widget: W, *, hint: str = "") -> W:
        """A labelled field: the label is its buddy (Alt+letter) and accessible name."""
        caption = PlainLabel(label)
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
        if self.drafts is not None:
            self.drafts.typed()

    # --- Drafts ----------------------------------------------------------------------------

    def offer_draft(self) -> None:
        """Look for a draft of this dialog for this record and put it back."""
        if self.drafts is not None:
            self.drafts.offer(self._take_draft)

    def _take_draft(self, content: dict[str, Any]) -> bool:
        if self.dirty:
            return False  # typed meanwhile: what is on screen wins
        self.restore(content)
        self.dirty = True
        return True

    def save_draft(self) -> None:
        if self.drafts is None or self.saving or not self.isVisible():
            return
        if self.typed_text():
            self.drafts.save(self.content())
        else:
            self.drafts.discard()

    def _discard_draft(self) -> None:
        if self.drafts is not None:
            self.drafts.discard()

    # --- Submitting and cancelling -------------------------------------------------------

    def work(self) -> Work:
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
        if self.drafts is not None:
            self.drafts.stop()
        WriteOp(work, self._on_done).failure(self._on_failed).run(self.tasks)

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
