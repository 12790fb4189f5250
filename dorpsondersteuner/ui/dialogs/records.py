"""The dialogs of a request's records and the own circle: contacts, follow-ups, help
arranged from the own circle, and the neighbourhood helpers themselves.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from ...enums import ContactKind, HelperSkill
from ...services import records
from ...services.access import Principal
from ...services.views import ContactView, FollowUpView, HelperView, RequestDetail
from .. import dates, ops
from ..messages import describe
from ..plain import PlainLabel
from ..tasks import QueryOp, TaskManager, Work
from ..words import contact_kind_word, skill_word, skills_text
from .base import FormDialog, date_edit, day_of, qdate, subject_of, text_box


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
            caption = PlainLabel(label)
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
            self.summary.setPlainText(contact.summary)
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

    def work(self) -> Work:
        data = records.ContactInput(
            kind=self.kind.currentData(),
            contact_date=day_of(self.when),
            minutes=self.minutes.value(),
            summary=self.summary.toPlainText(),
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
            self.description.setPlainText(follow_up.description)
            self.due_on.setDate(qdate(follow_up.due_on))
            self.dirty = False
        else:
            self.due_on.setDate(qdate(dates.today()).addDays(7))
        self.set_consequence(self.tr("You see it in “Follow-ups” on the day it is due, and after."))

    def work(self) -> Work:
        principal = self.principal
        description = self.description.toPlainText()
        due_on = day_of(self.due_on)
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
        self.status = PlainLabel()
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
        QueryOp(
            lambda s: records.list_helpers(s, principal, area_id=area_id, skill=skill),
            self._show_helpers,
        ).failure(lambda error: self.status.setText(describe(error).text)).latest(
            "arrange-helpers"
        ).run(self.tasks)

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

    def work(self) -> Work:
        principal, request_id, helper_id = self.principal, self.detail.id, self._helper_id()
        description = self.description.toPlainText()
        on = day_of(self.arranged_on)
        return lambda s: records.arrange_help(
            s, principal, request_id, description=description, arranged_on=on, helper_id=helper_id
        )


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
        self.body.addWidget(PlainLabel(self.tr("Helps with (tick one or more)")))
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
            caption = PlainLabel(label)
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
            self.name.setText(helper.name)
            index = self.area.findData(helper.area_id)
            if index >= 0:
                self.area.setCurrentIndex(index)
            for skill, check in self.skills.items():
                check.setChecked(skill in helper.skills)
            self.note.setText(helper.skills_note)
            self.availability.setText(helper.availability)
            self.phone.setText(helper.phone)
            self.email.setText(helper.email)
            self.consent_on.setDate(qdate(helper.consent_registered_on))
            self.active.setChecked(helper.active)
            self.dirty = False
        self.set_consequence(
            self.tr("Village supporters and the district team of this area can then find them.")
        )

    def work(self) -> Work:
        skills = HelperSkill(0)
        for skill, check in self.skills.items():
            if check.isChecked():
                skills |= skill
        data = records.HelperInput(
            name=self.name.text(),
            area_id=self.area.currentData(),
            skills=skills,
            consent_registered_on=day_of(self.consent_on),
            phone=self.phone.text(),
            email=self.email.text(),
            skills_note=self.note.text(),
            availability=self.availability.text(),
        )
        principal, active = self.principal, self.active.isChecked()
        if self.helper is not None:
            helper_id = self.helper.id
            return lambda s: records.edit_helper(s, principal, helper_id, data, active=active)
        return lambda s: records.register_helper(s, principal, data)
