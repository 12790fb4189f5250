"""The narrow column on the left of the work area (UI.md Layout): the lists and pages
the signed-in user has, each with its icon, its title and its count.

Which views a user has is the core's answer (``services.capabilities.ViewCapabilities``);
this column only shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QStyle

from ..enums import Level
from ..services.capabilities import ViewCapabilities
from .words import level_word, pick_up_icon

# Every view of the work area, in the order of the column. "mine" and "all" are the lazy
# request lists (ui.LIST_VIEWS); the others are short lists (short_lists.py).
VIEWS = ("mine", "all", "pickup", "followups", "deadlines", "helpers")

_ICONS = {
    "mine": QStyle.StandardPixmap.SP_DirHomeIcon,
    "all": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "pickup": QStyle.StandardPixmap.SP_ArrowUp,
    "followups": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "deadlines": QStyle.StandardPixmap.SP_BrowserReload,
    "helpers": QStyle.StandardPixmap.SP_DirLinkIcon,
}


class Navigation(QListWidget):
    """One row per view; ``chosen`` when the user picks another one."""

    chosen = Signal(str)  # the view's name, one of VIEWS

    def __init__(self, views: ViewCapabilities, level: Level | None) -> None:
        super().__init__()
        self.setObjectName("navigation")
        self.setIconSize(QSize(22, 22))
        self.setSpacing(2)
        self.setAccessibleName(self.tr("Views"))
        self._level = level
        shown = {
            "mine": views.requests,
            "all": views.requests,
            "pickup": views.review_queue,
            "followups": views.requests,
            "deadlines": views.wmo_deadlines,
            "helpers": views.helpers,
        }
        style = QApplication.style()
        for view in VIEWS:
            icon = pick_up_icon() if view == "pickup" else style.standardIcon(_ICONS[view])
            item = QListWidgetItem(icon, self.title(view))
            item.setData(Qt.ItemDataRole.UserRole, view)
            item.setToolTip(self._tip(view))
            item.setSizeHint(QSize(0, 40))  # the height; the width follows the text
            self.addItem(item)
            item.setHidden(not shown[view])
        self.currentItemChanged.connect(self._on_current)
        self.fit_width()

    def fit_width(self) -> None:
        """Wide enough for every label with its count, never cut off ("Wacht op
        oppakke…"), also at a larger text size."""
        metrics = self.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(self.item(row).text()) for row in range(self.count())),
            default=0,
        )
        # icon, the gaps beside it, the item's padding and the frame
        width = widest + self.iconSize().width() + 32 + 2 * self.frameWidth()
        self.setMinimumWidth(max(width, 170))

    def title(self, view: str, count: int | None = None) -> str:
        """The view's title, with its count when given: "Afspraken (6)"."""
        titles = {
            "mine": self.tr("My help requests"),
            "all": self.tr("All help requests"),
            "pickup": self.tr("Waiting for pick-up"),
            "followups": self.tr("Follow-ups"),
            "deadlines": self.tr("Wmo deadlines"),
            "helpers": self.tr("Neighbourhood helpers"),
        }
        title = titles[view]
        return f"{title} ({count:n})" if count is not None else title

    def _tip(self, view: str) -> str:
        level = self._level
        tips = {
            "mine": self.tr("Help requests you own or are the contact person of"),
            "all": self.tr("Every help request you may see"),
            "pickup": self.tr(
                "Open help requests at your level (%1) that nobody has picked up"
            ).replace("%1", level_word(level) if level else "—"),
            "followups": self.tr("Follow-ups due today and overdue"),
            "deadlines": self.tr("Statutory Wmo deadlines, fewest days left first"),
            "helpers": self.tr("Neighbours and volunteers who can help (own circle)"),
        }
        return tips[view]

    def select(self, view: str, *, quietly: bool = False) -> None:
        """Make ``view`` the current row; ``quietly``: without announcing it."""
        self.blockSignals(quietly)
        self.setCurrentRow(VIEWS.index(view))
        self.blockSignals(False)

    def set_counts(self, counts: dict[str, int]) -> None:
        for row, view in enumerate(VIEWS):
            item = self.item(row)
            if item is not None and view in counts:
                item.setText(self.title(view, counts[view]))
        self.fit_width()

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
