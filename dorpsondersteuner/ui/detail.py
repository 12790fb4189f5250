"""The request detail: everything about one request its reader may see, to read.

The header shows who and how it stands (level with colour and word, status, urgency
with icon and word); the body the question, resident, consent, people, contacts,
follow-ups, own-circle help and the history timeline. What is shown is what the core
returned for this user: nothing is filtered or decided here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..models.enums import Level, Urgency
from ..services.views import RequestDetail
from ..services.workflow import Refusal
from . import dates
from .words import (
    LEVEL_COLOURS,
    contact_kind_word,
    event_word,
    level_icon,
    level_word,
    life_domains_text,
    status_word,
    urgency_icon,
    urgency_word,
)

ICON_SIZE = 18


def _p(text: str) -> str:
    """Plain text as HTML paragraphs, line breaks kept."""
    return "<br>".join(escape(line) for line in text.splitlines()) or "—"


class Badge(QWidget):
    """An icon and a word side by side: never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.setSpacing(4)
        self.icon = QLabel()
        self.text = QLabel()
        layout.addWidget(self.icon)
        layout.addWidget(self.text)

    def set(self, text: str, icon: object = None) -> None:
        self.text.setText(text)
        if icon is not None:
            self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))  # type: ignore[attr-defined]
            self.icon.show()
        else:
            self.icon.hide()


class RequestDetailView(QScrollArea):
    """One request, to read; ``edit_button`` is offered when the core allows an edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 16)

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)

        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.subtitle)

        badges = QHBoxLayout()
        self.level = Badge()
        self.status = Badge()
        self.urgency = Badge()
        for badge in (self.level, self.status, self.urgency):
            badges.addWidget(badge)
        badges.addStretch(1)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setObjectName("editButton")
        badges.addWidget(self.edit_button)
        layout.addLayout(badges)

        self.edit_note = QLabel()
        self.edit_note.setObjectName("editNote")
        self.edit_note.setWordWrap(True)
        layout.addWidget(self.edit_note)

        self.body = QLabel()
        self.body.setObjectName("detailBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.setWidget(body)
        self.shown: RequestDetail | None = None

    def show_request(self, detail: RequestDetail, refusal: Refusal | None) -> None:
        self.shown = detail
        self.title.setText(detail.resident.full_name)
        self.subtitle.setText(
            self.tr("Help request %1 · %2 · registered %3")
            .replace("%1", detail.reference)
            .replace("%2", detail.area_name)
            .replace("%3", dates.day_text(dates.local_day(detail.created_at)))
        )
        self.level.set(level_word(detail.level), level_icon(detail.level))
        self.status.set(status_word(detail.status))
        if detail.urgency is Urgency.NORMAL:
            self.urgency.hide()
        else:
            self.urgency.set(urgency_word(detail.urgency), urgency_icon(detail.urgency))
            self.urgency.show()
        self.edit_button.setEnabled(refusal is None)
        if refusal is Refusal.CLOSED:
            note = self.tr(
                "This help request is closed. Reopen it first if there is new work to do."
            )
        elif refusal is not None:
            note = self.tr(
                "This help request is handled at another level: you can read it, but not change it."
            )
        else:
            note = ""
        self.edit_note.setText(note)
        self.edit_note.setVisible(bool(note))
        self.body.setText(self._html(detail))
        self.verticalScrollBar().setValue(0)

    def _section(self, title: str, content: str) -> str:
        return f"<h3 style='margin-top:14px; margin-bottom:4px'>{escape(title)}</h3>{content}"

    def _html(self, d: RequestDetail) -> str:
        parts = [self._section(self.tr("Question"), f"<p>{_p(d.question)}</p>")]
        parts.append(
            self._section(
                self.tr("Life domains"), f"<p>{escape(life_domains_text(d.life_domains))}</p>"
            )
        )
        r = d.resident
        resident_lines = [escape(r.full_name)]
        if r.address:
            resident_lines.append(escape(r.address))
        if r.phone:
            resident_lines.append(escape(self.tr("Phone: %1").replace("%1", r.phone)))
        parts.append(
            self._section(self.tr("Resident"), "<p>" + "<br>".join(resident_lines) + "</p>")
        )

        people = [
            self.tr("Level: %1").replace("%1", level_word(d.level)),
            self.tr("Owner: %1").replace(
                "%1", d.owner_name or self.tr("nobody yet, waiting for pick-up")
            ),
        ]
        if d.contact_person_name:
            people.append(self.tr("Contact person: %1").replace("%1", d.contact_person_name))
        if d.highest_level is not d.level:
            people.append(
                self.tr("Highest level reached: %1").replace("%1", level_word(d.highest_level))
            )
        parts.append(
            self._section(
                self.tr("Who works on it"), "<p>" + "<br>".join(map(escape, people)) + "</p>"
            )
        )
        parts.append(self._section(self.tr("Consent"), self._consent(d)))
        parts.append(self._section(self.tr("Contacts"), self._contacts(d)))
        parts.append(self._section(self.tr("Follow-ups"), self._follow_ups(d)))
        parts.append(self._section(self.tr("Own circle"), self._own_circle(d)))
        parts.append(self._section(self.tr("History"), self._history(d)))
        return "".join(parts)

    def _consent(self, d: RequestDetail) -> str:
        none = self.tr("not given")
        lines = [
            self.tr("To record the data: %1").replace("%1", dates.day_text(d.consent_record_on)),
            self.tr("To share with the district team: %1").replace(
                "%1",
                dates.day_text(d.consent_district_team_on) if d.consent_district_team_on else none,
            ),
            self.tr("To share with the municipality: %1").replace(
                "%1",
                dates.day_text(d.consent_municipality_on) if d.consent_municipality_on else none,
            ),
        ]
        if d.consent_withdrawn_on:
            lines.append(
                self.tr("Withdrawn on %1: nothing more is shared").replace(
                    "%1", dates.day_text(d.consent_withdrawn_on)
                )
            )
        return "<p>" + "<br>".join(map(escape, lines)) + "</p>"

    def _contacts(self, d: RequestDetail) -> str:
        if not d.contacts:
            return "<p>" + escape(self.tr("No contacts yet.")) + "</p>"
        items = []
        for contact in d.contacts:
            head = self.tr("%1, %2 minutes, %3 — %4").replace("%1", contact_kind_word(contact.kind))
            head = (
                head.replace("%2", str(contact.minutes))
                .replace("%3", dates.day_text(contact.contact_date))
                .replace("%4", contact.author_name)
            )
            if contact.professionals_only:
                head += " · " + self.tr("professionals only")
            items.append(f"<p><b>{escape(head)}</b><br>{_p(contact.summary)}</p>")
        return "".join(items)

    def _follow_ups(self, d: RequestDetail) -> str:
        if not d.follow_ups:
            return "<p>" + escape(self.tr("No follow-ups.")) + "</p>"
        items = []
        today = dates.today()
        for follow_up in d.follow_ups:
            if follow_up.done_on:
                when = self.tr("done on %1").replace("%1", dates.day_text(follow_up.done_on))
            else:
                relative = dates.due_text(follow_up.due_on, today)
                when = self.tr("due %1 (%2)").replace("%1", dates.day_text(follow_up.due_on))
                when = when.replace("%2", relative)
                if relative == dates.day_text(follow_up.due_on):
                    when = self.tr("due %1").replace("%1", relative)
            line = f"{escape(follow_up.description)} — {escape(when)}"
            if not follow_up.done_on and follow_up.due_on < today:
                line = "⚠ <b>" + escape(self.tr("Overdue:")) + "</b> " + line
            if follow_up.assignee_name:
                line += " · " + escape(follow_up.assignee_name)
            items.append(line)
        return "<p>" + "<br>".join(items) + "</p>"

    def _own_circle(self, d: RequestDetail) -> str:
        if not d.arranged_help:
            return "<p>" + escape(self.tr("No help from the own circle arranged yet.")) + "</p>"
        items = []
        for help_ in d.arranged_help:
            who = help_.helper_name or self.tr("someone from the resident's own circle")
            line = f"<b>{escape(who)}</b>: {escape(help_.description)} — " + escape(
                self.tr("since %1").replace("%1", dates.day_text(help_.arranged_on))
            )
            if help_.ended_on:
                line += escape(self.tr(", ended %1").replace("%1", dates.day_text(help_.ended_on)))
            items.append(line)
        return "<p>" + "<br>".join(items) + "</p>"

    def _history(self, d: RequestDetail) -> str:
        rows = []
        for event in reversed(d.history):  # newest first, like the list
            what = event_word(event.kind)
            if event.from_level and event.to_level and event.from_level is not event.to_level:
                what += f": {level_word(event.from_level)} → {level_word(event.to_level)}"
            elif event.from_status and event.to_status and event.from_status is not event.to_status:
                what += f": {status_word(event.from_status)} → {status_word(event.to_status)}"
            colour = LEVEL_COLOURS[event.to_level or Level.VILLAGE].name()
            dot = f"<span style='color:{colour}'>●</span> " if event.to_level else "○ "
            who = event.actor_name or self.tr("the program")
            line = (
                f"{dot}<b>{escape(what)}</b><br>"
                f"<small>{escape(dates.instant_text(event.at))} · {escape(who)}</small>"
            )
            if event.reason:
                line += f"<br>{_p(event.reason)}"
            rows.append(f"<p style='margin-bottom:6px'>{line}</p>")
        return "".join(rows)
