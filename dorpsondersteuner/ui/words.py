"""The UI words for the domain's vocabularies (UI.md), translated at call time.

Source strings stay literal inside ``translate()`` calls so ``pyside6-lupdate`` finds
them (scripts/translations). The only module of the UI that names the roles: putting a
role into words is display; what a role may do is the core's answer
(services/capabilities.py, tests/ui/test_no_rules_in_ui.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ..enums import (
    ContactKind,
    EventKind,
    HelperSkill,
    Level,
    LifeDomain,
    Outcome,
    Role,
    Status,
    Urgency,
    WmoDecision,
)
from .palette import is_dark, level_colour


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


def urgency_word(urgency: Urgency) -> str:
    if urgency is Urgency.HIGH:
        return QCoreApplication.translate("Words", "High")
    if urgency is Urgency.ACUTE:
        return QCoreApplication.translate("Words", "Acute")
    return QCoreApplication.translate("Words", "Normal")


def role_word(role: Role) -> str:
    if role is Role.VILLAGE_SUPPORTER:
        return QCoreApplication.translate("Words", "Village supporter")
    if role is Role.DISTRICT_TEAM:
        return QCoreApplication.translate("Words", "District team member")
    if role is Role.MUNICIPALITY:
        return QCoreApplication.translate("Words", "Municipal officer")
    return QCoreApplication.translate("Words", "Administrator")


def life_domain_word(domain: LifeDomain) -> str:
    words = {
        LifeDomain.HOUSING: QCoreApplication.translate("Words", "Housing"),
        LifeDomain.WELLBEING: QCoreApplication.translate("Words", "Wellbeing"),
        LifeDomain.CARE: QCoreApplication.translate("Words", "Care"),
        LifeDomain.WORK_AND_INCOME: QCoreApplication.translate("Words", "Work and income"),
        LifeDomain.TRANSPORT: QCoreApplication.translate("Words", "Transport"),
        LifeDomain.SOCIAL_CONTACT: QCoreApplication.translate("Words", "Social contact"),
        LifeDomain.INFORMAL_CARE: QCoreApplication.translate("Words", "Informal care"),
        LifeDomain.FINANCES: QCoreApplication.translate("Words", "Finances"),
        LifeDomain.OTHER: QCoreApplication.translate("Words", "Other"),
    }
    return words[domain]


def life_domains_text(domains: LifeDomain) -> str:
    return ", ".join(life_domain_word(domain) for domain in LifeDomain if domain in domains)


def contact_kind_word(kind: ContactKind) -> str:
    words = {
        ContactKind.HOME_VISIT: QCoreApplication.translate("Words", "Home visit"),
        ContactKind.PHONE: QCoreApplication.translate("Words", "Phone call"),
        ContactKind.KITCHEN_TABLE: QCoreApplication.translate("Words", "Kitchen-table talk"),
        ContactKind.MEETING: QCoreApplication.translate("Words", "Meeting"),
        ContactKind.MESSAGE: QCoreApplication.translate("Words", "Message"),
        ContactKind.OTHER: QCoreApplication.translate("Words", "Other contact"),
    }
    return words[kind]


def event_word(kind: EventKind) -> str:
    words = {
        EventKind.CREATED: QCoreApplication.translate("Words", "Registered"),
        EventKind.EDITED: QCoreApplication.translate("Words", "Changed"),
        EventKind.CONTACT_ADDED: QCoreApplication.translate("Words", "Contact added"),
        EventKind.CONTACT_EDITED: QCoreApplication.translate("Words", "Contact changed"),
        EventKind.CONTACT_DELETED: QCoreApplication.translate("Words", "Contact deleted"),
        EventKind.FOLLOW_UP_ADDED: QCoreApplication.translate("Words", "Follow-up added"),
        EventKind.FOLLOW_UP_DONE: QCoreApplication.translate("Words", "Follow-up done"),
        EventKind.FOLLOW_UP_EDITED: QCoreApplication.translate("Words", "Follow-up changed"),
        EventKind.FOLLOW_UP_DELETED: QCoreApplication.translate("Words", "Follow-up deleted"),
        EventKind.HELP_ARRANGED: QCoreApplication.translate("Words", "Own-circle help arranged"),
        EventKind.HELP_ENDED: QCoreApplication.translate("Words", "Own-circle help ended"),
        EventKind.STATUS_CHANGED: QCoreApplication.translate("Words", "Status changed"),
        EventKind.ESCALATED: QCoreApplication.translate("Words", "Escalated"),
        EventKind.PICKED_UP: QCoreApplication.translate("Words", "Picked up"),
        EventKind.HANDED_BACK: QCoreApplication.translate("Words", "Handed back"),
        EventKind.CLOSED: QCoreApplication.translate("Words", "Closed"),
        EventKind.REOPENED: QCoreApplication.translate("Words", "Reopened"),
        EventKind.CONSENT_GIVEN: QCoreApplication.translate("Words", "Consent given"),
        EventKind.CONSENT_WITHDRAWN: QCoreApplication.translate("Words", "Consent withdrawn"),
        EventKind.REASSIGNED: QCoreApplication.translate("Words", "Handed to someone else"),
        EventKind.RESIDENT_MERGED: QCoreApplication.translate("Words", "Resident records merged"),
        EventKind.WMO_MELDING: QCoreApplication.translate(
            "Words", "Wmo notification (melding) registered"
        ),
        EventKind.WMO_PERSONAL_PLAN: QCoreApplication.translate("Words", "Personal plan handed in"),
        EventKind.WMO_AANVRAAG: QCoreApplication.translate(
            "Words", "Wmo application (aanvraag) received"
        ),
        EventKind.WMO_DECISION: QCoreApplication.translate("Words", "Wmo decision taken"),
        EventKind.DELETED: QCoreApplication.translate("Words", "Deleted"),
    }
    return words[kind]


def outcome_word(outcome: Outcome) -> str:
    words = {
        Outcome.SOLVED: QCoreApplication.translate("Words", "Solved"),
        Outcome.REFERRED: QCoreApplication.translate("Words", "Referred to a provision"),
        Outcome.WITHDRAWN: QCoreApplication.translate("Words", "Withdrawn by the resident"),
        Outcome.NO_HELP_NEEDED: QCoreApplication.translate("Words", "No help needed"),
    }
    return words[outcome]


def skill_word(skill: HelperSkill) -> str:
    words = {
        HelperSkill.SHOPPING: QCoreApplication.translate("Words", "Shopping"),
        HelperSkill.TRANSPORT: QCoreApplication.translate("Words", "Transport"),
        HelperSkill.ODD_JOBS: QCoreApplication.translate("Words", "Odd jobs"),
        HelperSkill.GARDENING: QCoreApplication.translate("Words", "Gardening"),
        HelperSkill.VISITING: QCoreApplication.translate("Words", "Visiting"),
        HelperSkill.PAPERWORK: QCoreApplication.translate("Words", "Paperwork"),
        HelperSkill.COMPUTER: QCoreApplication.translate("Words", "Computer help"),
        HelperSkill.MEALS: QCoreApplication.translate("Words", "Meals"),
        HelperSkill.PETS: QCoreApplication.translate("Words", "Pets"),
        HelperSkill.OTHER: QCoreApplication.translate("Words", "Other help"),
    }
    return words[skill]


def skills_text(skills: HelperSkill) -> str:
    return ", ".join(skill_word(skill) for skill in HelperSkill if skill in skills)


def decision_word(decision: WmoDecision) -> str:
    words = {
        WmoDecision.GRANTED: QCoreApplication.translate("Words", "Granted"),
        WmoDecision.PARTLY_GRANTED: QCoreApplication.translate("Words", "Partly granted"),
        WmoDecision.REFUSED: QCoreApplication.translate("Words", "Refused"),
    }
    return words[decision]


def deadline_word(kind: str) -> str:
    if kind == "investigation":
        return QCoreApplication.translate("Words", "Investigation (6 weeks)")
    return QCoreApplication.translate("Words", "Decision on the application (2 weeks)")


def deadline_state(days_left: int, at_risk: bool, overdue: bool) -> str:
    """A deadline's state in words (never colour alone): "3 dagen te laat", "nog 2 dagen"."""
    if overdue:
        return QCoreApplication.translate("Words", "Overdue: %n day(s) late", "", -days_left)
    if days_left == 0:
        return QCoreApplication.translate("Words", "At risk: due today")
    if at_risk:
        return QCoreApplication.translate("Words", "At risk: %n day(s) left", "", days_left)
    return QCoreApplication.translate("Words", "%n day(s) left", "", days_left)


_icons: dict[object, QIcon] = {}


def level_edge(level: Level) -> QColor:
    """The rim of the level dot: darker than the fill on a light palette, so the amber
    dot stands out from white too."""
    colour = level_colour(level)
    return colour if is_dark() else colour.darker(140)


def level_icon(level: Level) -> QIcon:
    """A filled dot in the level's colour, shown beside the level's word."""
    key = (level, is_dark())
    if key not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(level_edge(level))
        pen.setWidthF(3)
        painter.setPen(pen)
        painter.setBrush(level_colour(level))
        painter.drawEllipse(QRectF(5.5, 5.5, 21, 21))
        painter.end()
        icon = QIcon(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the level's colour in a chosen row too
        _icons[key] = icon
    return _icons[key]


def urgency_icon(urgency: Urgency) -> QIcon | None:
    """An icon beside the word for High and Acute (not colour alone); None for Normal."""
    if urgency is Urgency.NORMAL:
        return None
    if urgency not in _icons:
        from PySide6.QtWidgets import QApplication, QStyle

        which = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if urgency is Urgency.ACUTE
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        _icons[urgency] = QApplication.style().standardIcon(which)
    return _icons[urgency]


def deadline_icon(at_risk: bool, overdue: bool) -> QIcon | None:
    """Overdue: the critical icon; at risk: the warning icon; else none."""
    if overdue:
        return urgency_icon(Urgency.ACUTE)
    if at_risk:
        return warning_icon()
    return None


def warning_icon() -> QIcon:
    if "warning" not in _icons:
        from PySide6.QtWidgets import QApplication, QStyle

        _icons["warning"] = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )
    return _icons["warning"]


def pick_up_icon() -> QIcon:
    """An arrow up ("waiting to be picked up at my level") in the palette's text colour:
    the style's own arrow is black, and lost on a dark palette."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QGuiApplication, QPalette, QPolygonF

    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText)
    key = ("pick_up", colour.name())
    if key not in _icons:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        points = [(16, 3), (29, 17), (21, 17), (21, 29), (11, 29), (11, 17), (3, 17)]
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


def sync_state_text(register_kind: str | None) -> str:
    """The status bar's sync state (a placeholder until synchronisation arrives)."""
    if register_kind == "demo":
        return QCoreApplication.translate(
            "Words", "Demo register: fictional data, never synchronised"
        )
    return QCoreApplication.translate("Words", "Synchronisation: not set up yet")
