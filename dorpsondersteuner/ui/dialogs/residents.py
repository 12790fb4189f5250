"""The resident's dialogs: correcting their details (rectification) and merging two
records of one person.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from ...services import residents
from ...services.access import Principal
from ...services.views import RequestDetail, ResidentMatch
from ..messages import describe
from ..plain import PlainLabel
from ..tasks import QueryOp, TaskManager, Work
from .base import FormDialog


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

    def work(self) -> Work:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        data = residents.ResidentInput(area_id=self.resident.area_id, **values)
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
        self.lookup.setText(keep.last_name)
        self.matches = QListWidget()
        self.matches.setObjectName("mergeMatches")
        self.matches.setAccessibleName(self.tr("Records found"))
        self.matches.setMinimumHeight(120)
        self.body.addWidget(self.matches)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.find_records)
        self.lookup.textEdited.connect(lambda *_: self._timer.start())
        self.matches.currentItemChanged.connect(lambda *_: self._update())
        self._update()
        self.find_records()

    def find_records(self) -> None:
        text, principal = self.lookup.text(), self.principal
        QueryOp(lambda s: residents.find_residents(s, principal, text), self._show).failure(
            lambda error: self.status.setText(describe(error).text)
        ).latest("merge-lookup").run(self.tasks)

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

    def work(self) -> Work:
        item = self.matches.currentItem()
        if item is None:
            raise ValueError(self.tr("Choose the other record of this resident in the list."))
        principal, keep_id, duplicate_id = (
            self.principal,
            self.keep.id,
            item.data(Qt.ItemDataRole.UserRole),
        )
        return lambda s: residents.merge_residents(s, principal, keep_id, duplicate_id)
