"""The table models of the short lists, each held whole (tens of rows, so no lazy
loading): the review queue, follow-ups due, Wmo deadlines and the neighbourhood helpers;
``short_lists.py`` loads and shows them, ``admin.py`` uses ``ShortListModel`` for its
references. Words beside every icon; never colour alone (UI.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from ..enums import Level, Urgency
from ..services.views import HelperView
from ..services.wmo import DeadlineRow
from ..services.worklists import DueFollowUp, QueueRow
from . import dates
from .plain import plain_tip
from .words import (
    deadline_icon,
    deadline_state,
    deadline_word,
    level_icon,
    level_word,
    skills_text,
    urgency_icon,
    urgency_word,
    warning_icon,
)

Row = TypeVar("Row")
EMPTY = QModelIndex()


class Column(Generic[Row]):
    """One column: its header, its text, and optionally an icon, a tooltip, bold."""

    def __init__(
        self,
        header: Callable[[], str],
        text: Callable[[Row], str],
        icon: Callable[[Row], QIcon | None] | None = None,
        tip: Callable[[Row], str | None] | None = None,
        bold: Callable[[Row], bool] | None = None,
    ) -> None:
        self.header, self.text, self.icon, self.tip, self.bold = header, text, icon, tip, bold


class ShortListModel(QAbstractTableModel, Generic[Row]):
    """A whole short list; replaced as a whole when it is loaded again."""

    def __init__(self, columns: Sequence[Column[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = EMPTY) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header()
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole and column.icon is not None:
            return column.icon(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tip is not None:
            tip = column.tip(row)
            return plain_tip(tip) if tip else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(row):
            font = QFont()
            font.setBold(True)
            return font
        return None


def header_words() -> dict[str, str]:
    """Column headers, translated when shown (literal so lupdate finds them)."""
    return {
        "Resident": QCoreApplication.translate("WorkLists", "Resident"),
        "Urgency": QCoreApplication.translate("WorkLists", "Urgency"),
        "Waiting": QCoreApplication.translate("WorkLists", "Waiting"),
        "Level": QCoreApplication.translate("WorkLists", "Level"),
        "Area": QCoreApplication.translate("WorkLists", "Area"),
        "Why": QCoreApplication.translate("WorkLists", "Why"),
        "Consent to share": QCoreApplication.translate("WorkLists", "Consent to share"),
        "Reference": QCoreApplication.translate("WorkLists", "Reference"),
        "When": QCoreApplication.translate("WorkLists", "When"),
        "Follow-up": QCoreApplication.translate("WorkLists", "Follow-up"),
        "For": QCoreApplication.translate("WorkLists", "For"),
        "State": QCoreApplication.translate("WorkLists", "State"),
        "Deadline": QCoreApplication.translate("WorkLists", "Deadline"),
        "Due by": QCoreApplication.translate("WorkLists", "Due by"),
        "Name": QCoreApplication.translate("WorkLists", "Name"),
        "Helps with": QCoreApplication.translate("WorkLists", "Helps with"),
        "Available": QCoreApplication.translate("WorkLists", "Available"),
        "Phone": QCoreApplication.translate("WorkLists", "Phone"),
        "Consent since": QCoreApplication.translate("WorkLists", "Consent since"),
    }


def _t(key: str) -> Callable[[], str]:
    return lambda: header_words()[key]


def _waited(since: datetime) -> str:
    days = (dates.today() - dates.local_day(since)).days
    if days <= 0:
        return QCoreApplication.translate("WorkLists", "since today")
    return QCoreApplication.translate("WorkLists", "%n day(s)", "", days)


NBSP = "\u00a0"
WHY_LIMIT = 280  # characters of a reason shown in the queue; the tooltip has it all


def why_text(row: QueueRow) -> str:
    """The reason it was sent up, on one paragraph, and who sent it:
    "Schulden lopen op; graag budgetcoaching. — Hanneke Raijmakers"."""
    reason = " ".join(row.reason.split())
    if len(reason) > WHY_LIMIT:
        reason = reason[: WHY_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    if not row.sent_by:
        return reason
    who = row.sent_by.replace(" ", NBSP)  # the name is never cut over two lines
    return f"{reason} —{NBSP}{who}" if reason else who


def why_tip(row: QueueRow) -> str:
    """The whole reason, who sent it when, and the consent to share (a column that gives
    way first when the list is narrow)."""
    parts = [row.reason] if row.reason else []
    if row.sent_by:
        day = dates.day_text(dates.local_day(row.waiting_since))
        sent = QCoreApplication.translate("WorkLists", "Sent by %1 on %2").replace("%2", day)
        parts.append(sent.replace("%1", row.sent_by))
    parts.append(f"{header_words()['Consent to share']}:\n{consent_tip(row)}")
    return "\n\n".join(parts)


def consent_text(row: QueueRow) -> str:
    """Which levels the resident consented to sharing with, in words."""
    if row.consent_withdrawn_on:
        return QCoreApplication.translate("WorkLists", "withdrawn")
    levels = [
        level_word(level)
        for level, given in (
            (Level.DISTRICT_TEAM, row.consent_district_team_on),
            (Level.MUNICIPALITY, row.consent_municipality_on),
        )
        if given
    ]
    return ", ".join(levels) or QCoreApplication.translate("WorkLists", "none")


def consent_tip(row: QueueRow) -> str:
    none = QCoreApplication.translate("WorkLists", "not given")
    team = dates.day_text(row.consent_district_team_on) if row.consent_district_team_on else none
    town = dates.day_text(row.consent_municipality_on) if row.consent_municipality_on else none
    tip = (
        QCoreApplication.translate("WorkLists", "District team: %1\nMunicipality: %2")
        .replace("%1", team)
        .replace("%2", town)
    )
    if row.consent_withdrawn_on:
        tip += "\n" + QCoreApplication.translate("WorkLists", "Withdrawn on %1").replace(
            "%1", dates.day_text(row.consent_withdrawn_on)
        )
    return tip


def _urgent(urgency: Urgency) -> bool:
    return urgency is not Urgency.NORMAL


def queue_model(parent: QObject | None = None) -> ShortListModel[QueueRow]:
    """Wacht op oppakken: the review queue at my level."""
    return ShortListModel(
        [
            Column(
                _t("Resident"),
                lambda r: r.resident_name,
                tip=lambda r: r.question,
            ),
            Column(
                _t("Urgency"),
                lambda r: urgency_word(r.urgency) if _urgent(r.urgency) else "",
                icon=lambda r: urgency_icon(r.urgency),
                bold=lambda r: _urgent(r.urgency),
            ),
            Column(
                _t("Waiting"),
                lambda r: _waited(r.waiting_since),
                tip=lambda r: dates.instant_text(r.waiting_since),
            ),
            # Why it was sent up and by whom, whole and wrapped: the column takes the
            # room the others leave (QUEUE_WHY in short_lists.py); then the consent.
            Column(_t("Why"), why_text, tip=why_tip),
            Column(_t("Consent to share"), consent_text, tip=consent_tip),
            Column(_t("Level"), lambda r: level_word(r.level), icon=lambda r: level_icon(r.level)),
            Column(_t("Area"), lambda r: r.area_name),
            Column(_t("Reference"), lambda r: r.reference),
        ],
        parent,
    )


def _late(row: DueFollowUp) -> str:
    if row.days_late <= 0:
        return QCoreApplication.translate("WorkLists", "Today")
    late = row.days_late
    return QCoreApplication.translate("WorkLists", "%n day(s) late", "", late)


def follow_up_model(parent: QObject | None = None) -> ShortListModel[DueFollowUp]:
    """Afspraken: due today and overdue."""
    return ShortListModel(
        [
            Column(
                _t("When"),
                _late,
                icon=lambda r: warning_icon() if r.days_late > 0 else None,
                tip=lambda r: dates.day_text(r.due_on),
                bold=lambda r: r.days_late > 0,
            ),
            Column(_t("Follow-up"), lambda r: r.description, tip=lambda r: r.description),
            Column(_t("Resident"), lambda r: r.resident_name),
            Column(_t("For"), lambda r: r.assignee_name or ""),
            Column(_t("Reference"), lambda r: r.reference),
        ],
        parent,
    )


def deadline_model(parent: QObject | None = None) -> ShortListModel[DeadlineRow]:
    """Wmo deadlines, fewest days left first; at risk and overdue in word and icon."""
    return ShortListModel(
        [
            Column(
                _t("State"),
                lambda r: deadline_state(
                    r.deadline.days_left, r.deadline.at_risk, r.deadline.overdue
                ),
                icon=lambda r: deadline_icon(r.deadline.at_risk, r.deadline.overdue),
                bold=lambda r: r.deadline.at_risk or r.deadline.overdue,
            ),
            Column(_t("Deadline"), lambda r: deadline_word(r.deadline.kind)),
            Column(_t("Due by"), lambda r: dates.day_text(r.deadline.due_on)),
            Column(_t("Resident"), lambda r: r.resident_name),
            Column(_t("Reference"), lambda r: r.reference),
        ],
        parent,
    )


def helper_model(parent: QObject | None = None) -> ShortListModel[HelperView]:
    """Buurthulp: neighbourhood helpers of my areas."""
    return ShortListModel(
        [
            Column(_t("Name"), lambda h: h.name),
            Column(
                _t("Helps with"),
                lambda h: skills_text(h.skills),
                tip=lambda h: h.skills_note or None,
            ),
            Column(_t("Area"), lambda h: h.area_name),
            Column(_t("Available"), lambda h: h.availability),
            Column(_t("Phone"), lambda h: h.phone),
            Column(
                _t("Consent since"),
                lambda h: dates.day_text(h.consent_registered_on),
            ),
        ],
        parent,
    )


def request_of(row: object) -> uuid.UUID | None:
    """The request a row of any of these lists is about (helpers: none)."""
    value = getattr(row, "request_id", None)
    return value if isinstance(value, uuid.UUID) else None
