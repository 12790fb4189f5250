"""The request detail: everything about one request its reader may see, to read.

The header shows who and how it stands (level with colour and word, status, urgency
with icon and word); the body the question, resident, consent, people, contacts,
follow-ups, own-circle help and the history timeline. What is shown is what the core
returned for this user, and the steps and records offered are the core's answer
(``services.capabilities.RequestCapabilities``): nothing is filtered or decided here.
Asking for one is handled by ``actions.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..enums import Level, Refusal, Status, Step, Urgency
from ..services.capabilities import RequestCapabilities
from ..services.views import RequestDetail, WmoStatus
from . import dates
from .palette import level_colour
from .plain import PlainLabel
from .textsize import relative_font

if TYPE_CHECKING:
    from .ops import RefusedChange
from .words import (
    contact_kind_word,
    deadline_state,
    deadline_word,
    decision_word,
    event_word,
    level_icon,
    level_word,
    life_domains_text,
    outcome_word,
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
        self.icon = PlainLabel()
        self.text = PlainLabel()
        layout.addWidget(self.icon)
        layout.addWidget(self.text)

    def set(self, text: str, icon: QIcon | None = None) -> None:
        self.text.setText(text)
        if icon is not None:
            self.icon.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
            self.icon.show()
        else:
            self.icon.hide()


class RequestDetailView(QScrollArea):
    """One request, to read; ``edit_button`` is offered when the core allows an edit,
    and each workflow step or record action the core does not rule out."""

    action = Signal(str)  # "escalate", "pick_up", …, "contact", "follow_up", "wmo:melding"
    link = Signal(str)  # "contact:<id>", "done:<id>", "follow_up:<id>", "end_help:<id>"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detail")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Wrap, never scroll sideways (also at 200 %).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 16)

        self.title = PlainLabel()
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        relative_font(self.title, 1.5, bold=True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)

        self.subtitle = PlainLabel()
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
        self.button_rows = [badges]

        self.edit_note = PlainLabel()
        self.edit_note.setObjectName("editNote")
        self.edit_note.setWordWrap(True)
        layout.addWidget(self.edit_note)
        # Changes on this request the server refused, with why and what to do (rule 6).
        self.refused = PlainLabel()
        self.refused.setObjectName("refusedChanges")
        self.refused.setWordWrap(True)
        self.refused.setFrameShape(QFrame.Shape.StyledPanel)
        self.refused.setMargin(6)
        self.refused.hide()
        layout.addWidget(self.refused)

        layout.addLayout(self._make_actions())

        self.notice = PlainLabel()
        self.notice.setObjectName("stepNotice")
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setContentsMargins(8, 6, 8, 6)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.body = PlainLabel()
        self.body.setObjectName("detailBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Links (change a contact, mark a follow-up done) work with Tab and Enter too.
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.body.setOpenExternalLinks(False)
        self.body.linkActivated.connect(self.link.emit)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.body.setAccessibleName(self.tr("The help request in full"))
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.setWidget(body)
        self.shown: RequestDetail | None = None
        self.editable = False
        self.changeable: frozenset[uuid.UUID] = frozenset()  # contacts the user may change
        self.offered: dict[str, bool] = {}  # step or record name: offered now

    def _button(self, name: str, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{name}Button")
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(lambda: self.action.emit(name))
        return button

    def _make_actions(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        rows.setSpacing(6)
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {
            "escalate": self._button(
                "escalate",
                self.tr("Escalate"),
                self.tr("Send the help request one level up (Ctrl+E)"),
            ),
            "pick_up": self._button(
                "pick_up", self.tr("Pick up"), self.tr("Become the owner of this help request")
            ),
            "hand_back": self._button(
                "hand_back",
                self.tr("Hand back"),
                self.tr("Send the help request one level down, with advice"),
            ),
            "close": self._button(
                "close", self.tr("Close"), self.tr("Close the help request with an outcome")
            ),
            "reopen": self._button(
                "reopen", self.tr("Reopen"), self.tr("Open a closed help request again")
            ),
        }
        for button in self.step_buttons.values():
            steps.addWidget(button)
        self.more = QToolButton()
        self.more.setObjectName("moreButton")
        self.more.setText(self.tr("More"))
        self.more.setToolTip(self.tr("Waiting, consent, merging and more"))
        self.more.setAccessibleName(self.tr("More actions"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.more)
        menu.setToolTipsVisible(True)
        self.more_actions: dict[str, QAction] = {}
        for name, text in (
            ("wait", self.tr("Put on hold (waiting on someone)…")),
            ("resume", self.tr("Open again (no longer waiting)…")),
            ("give_consent", self.tr("Record consent to share…")),
            ("withdraw_consent", self.tr("Consent withdrawn…")),
            ("resident", self.tr("Change the resident's details…")),
            ("merge", self.tr("Merge with a duplicate resident record…")),
            ("wmo:melding", self.tr("Register as a Wmo notification (melding)…")),
            ("wmo:plan", self.tr("Personal plan handed in…")),
            ("wmo:aanvraag", self.tr("Wmo application (aanvraag) received…")),
            ("wmo:decision", self.tr("Decision on the application…")),
        ):
            if name in ("resident", "wmo:melding"):
                menu.addSeparator()
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, n=name: self.action.emit(n))
            self.more_actions[name] = action
        self.more.setMenu(menu)
        steps.addWidget(self.more)
        steps.addStretch(1)
        rows.addLayout(steps)
        self.button_rows.append(steps)

        records = QHBoxLayout()
        self.record_buttons = {
            "contact": self._button(
                "contact", self.tr("+ Contact"), self.tr("Record a visit, call or talk")
            ),
            "follow_up": self._button(
                "follow_up", self.tr("+ Follow-up"), self.tr("Something to do by a date")
            ),
            "help": self._button(
                "help",
                self.tr("+ Own circle"),
                self.tr("Arrange help from a neighbourhood helper or the resident's own circle"),
            ),
        }
        for button in self.record_buttons.values():
            records.addWidget(button)
        records.addStretch(1)
        rows.addLayout(records)
        self.button_rows.append(records)
        return rows

    def show_notice(self, text: str) -> None:
        """Why a step is not possible, or what just happened: one calm sentence."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def set_actions(self, can: RequestCapabilities) -> None:
        """Offer what the core offers this user on this request (services/capabilities.py)."""
        self.editable = can.records
        self.changeable = can.contacts
        offered = can.offered
        shown = {
            "escalate": Step.ESCALATE in offered or Step.ESCALATE_ACUTE in offered,
            "pick_up": Step.PICK_UP in offered,
            "hand_back": Step.HAND_BACK in offered,
            "close": Step.CLOSE in offered,
            "reopen": Step.REOPEN in offered,
        }
        self.offered = {**shown, **{name: can.records for name in self.record_buttons}}
        for name, button in self.step_buttons.items():
            button.setVisible(shown[name])
        more = {
            "wait": Step.WAIT in offered,
            "resume": Step.RESUME in offered,
            "give_consent": Step.GIVE_CONSENT in offered,
            "withdraw_consent": Step.WITHDRAW_CONSENT in offered,
            "resident": can.resident,
            "merge": can.resident,
            "wmo:melding": can.wmo,
            "wmo:plan": can.wmo,
            "wmo:aanvraag": can.wmo,
            "wmo:decision": can.wmo,
        }
        for name, action in self.more_actions.items():
            action.setVisible(more[name])
        self.more.setVisible(any(more.values()))
        for button in self.record_buttons.values():
            button.setVisible(can.records)
        self.fit_width()

    def fit_width(self) -> None:
        """Never narrower than its buttons and badges (the text wraps; a row of buttons
        cannot): the list beside it gives way instead, at any text size."""
        for row in self.button_rows:
            row.invalidate()  # buttons just shown or hidden
        rows = max(row.minimumSize().width() for row in self.button_rows)
        margins = 40 + self.verticalScrollBar().sizeHint().width() + 2
        self.setMinimumWidth(rows + margins)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_width()

    def show_request(self, detail: RequestDetail, refusal: Refusal | None) -> None:
        if self.shown is None or self.shown.id != detail.id:
            self.show_notice("")
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
        self.editable = refusal is None
        keep = self.verticalScrollBar().value() if self._same(detail) else 0
        self.body.setText(self._html(detail))
        self._last_id = detail.id
        self.verticalScrollBar().setValue(keep)

    def show_refused(self, refused: Sequence[RefusedChange]) -> None:
        from .sync_panel import reason_text

        lines = []
        for change in refused:
            why, todo = reason_text(change.reason)
            if change.by is None:
                lines.append(
                    self.tr("Your change was refused by the server: %1 %2")
                    .replace("%1", why)
                    .replace("%2", todo)
                )
            else:
                lines.append(
                    self.tr("A change by %1 was refused by the server: %2")
                    .replace("%1", change.by)
                    .replace("%2", why)
                )
        self.refused.setText("\n".join(lines))
        self.refused.setVisible(bool(lines))

    def _same(self, detail: RequestDetail) -> bool:
        return getattr(self, "_last_id", None) == detail.id

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
        if d.status is Status.CLOSED and d.outcome is not None:
            closed = self.tr("Closed at the level %1: %2").replace(
                "%1", level_word(d.closed_level or d.level)
            )
            closed = closed.replace("%2", outcome_word(d.outcome))
            note = f"<br>{_p(d.outcome_note)}" if d.outcome_note else ""
            parts.insert(0, f"<p><b>{escape(closed)}</b>{note}</p>")
        if d.wmo is not None:
            parts.append(self._section(self.tr("Wmo track"), self._wmo(d.wmo)))
        parts.append(self._section(self.tr("Consent"), self._consent(d)))
        parts.append(self._section(self.tr("Contacts"), self._contacts(d)))
        parts.append(self._section(self.tr("Follow-ups"), self._follow_ups(d)))
        parts.append(self._section(self.tr("Own circle"), self._own_circle(d)))
        parts.append(self._section(self.tr("History"), self._history(d)))
        return "".join(parts)

    def _link(self, href: str, text: str) -> str:
        return f" <a href='{href}'>{escape(text)}</a>"

    def _wmo(self, w: WmoStatus) -> str:
        none = self.tr("not yet")
        lines = [
            self.tr("Notification (melding): %1").replace("%1", dates.day_text(w.melding_on))
            if w.melding_on
            else "",
        ]
        if w.personal_plan_on:
            lines.append(
                self.tr("Personal plan: handed in on %1").replace(
                    "%1", dates.day_text(w.personal_plan_on)
                )
            )
        elif w.personal_plan_until:
            lines.append(
                self.tr("Personal plan: may be handed in until %1").replace(
                    "%1", dates.day_text(w.personal_plan_until)
                )
            )
        lines.append(
            self.tr("Application (aanvraag): %1").replace(
                "%1", dates.day_text(w.aanvraag_on) if w.aanvraag_on else none
            )
        )
        decision = none
        if w.decision_on and w.decision:
            decision = f"{decision_word(w.decision)}, {dates.day_text(w.decision_on)}"
        lines.append(self.tr("Decision: %1").replace("%1", decision))
        html = [escape(line) for line in lines if line]
        for deadline in w.deadlines:
            due = self.tr("%1: by %2").replace("%1", deadline_word(deadline.kind))
            due = due.replace("%2", dates.day_text(deadline.due_on))
            if deadline.met:
                html.append(escape(due + " — " + self.tr("met")))
                continue
            state = deadline_state(deadline.days_left, deadline.at_risk, deadline.overdue)
            line = escape(f"{due} — {state}")
            if deadline.overdue or deadline.at_risk:
                line = f"⚠ <b>{line}</b>"
            html.append(line)
        return "<p>" + "<br>".join(html) + "</p>"

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
            changeable = self.editable and contact.id in self.changeable
            link = self._link(f"contact:{contact.id}", self.tr("Change")) if changeable else ""
            items.append(f"<p><b>{escape(head)}</b>{link}<br>{_p(contact.summary)}</p>")
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
            if self.editable and not follow_up.done_on:
                line += self._link(f"done:{follow_up.id}", self.tr("Done"))
                line += " ·" + self._link(f"follow_up:{follow_up.id}", self.tr("Change"))
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
            elif self.editable:
                line += self._link(f"end_help:{help_.id}", self.tr("Ended today"))
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
            colour = level_colour(event.to_level or Level.VILLAGE).name()
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
