"""The UI words for the domain's vocabularies (UI.md), translated at call time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ..models.enums import Level, Role, Status

# Source strings stay literal inside translate() calls, so lupdate can find them later.


def level_word(level: Level) -> str:
    if level is Level.VILLAGE:
        return QCoreApplication.translate("Words", "Village")
    if level is Level.DISTRICT_TEAM:
        return QCoreApplication.translate("Words", "District team")
    return QCoreApplication.translate("Words", "Municipality")


def status_word(status: Status) -> str:
    if status is Status.OPEN:
        return QCoreApplication.translate("Words", "Open")
    if status is Status.WAITING:
        return QCoreApplication.translate("Words", "Waiting")
    return QCoreApplication.translate("Words", "Closed")


def role_word(role: Role) -> str:
    if role is Role.VILLAGE_SUPPORTER:
        return QCoreApplication.translate("Words", "Village supporter")
    if role is Role.DISTRICT_TEAM:
        return QCoreApplication.translate("Words", "District team member")
    if role is Role.MUNICIPALITY:
        return QCoreApplication.translate("Words", "Municipal officer")
    return QCoreApplication.translate("Words", "Administrator")


# A level always has its colour and its word together, never colour alone (UI.md).
LEVEL_COLOURS = {
    Level.VILLAGE: QColor("#2e7d32"),  # green
    Level.DISTRICT_TEAM: QColor("#f9a825"),  # amber
    Level.MUNICIPALITY: QColor("#1565c0"),  # blue
}
