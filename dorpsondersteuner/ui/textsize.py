"""The text size: readable at arm's length by default, larger or smaller with
Ctrl+Plus / Ctrl+Minus, back with Ctrl+0, remembered per user (``ui-state.json``).

Everything follows the application's font; a heading that is larger than the text
says so with ``relative_font`` and follows along."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

STEPS = (0.85, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
NORMAL = STEPS.index(1.0)
READABLE_POINTS = 10.0  # the default, unless the system's own text is larger
_RELATIVE = "relativeTextSize"
_system_points: float | None = None


def relative_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """``widget``'s text ``factor`` times the text size, now and after every change."""
    widget.setProperty(_RELATIVE, factor)
    font = widget.font()
    font.setPointSizeF(QApplication.font().pointSizeF() * factor)
    if bold:
        font.setBold(True)
    widget.setFont(font)


class TextSize:
    """The application's text size, as a step of ``STEPS`` over a readable base."""

    def __init__(self) -> None:
        global _system_points
        if _system_points is None:  # the system's own size, before any change of ours
            _system_points = QApplication.font().pointSizeF()
        self.base = max(_system_points, READABLE_POINTS)
        self.step = NORMAL
        self.set_step(NORMAL, force=True)

    @property
    def points(self) -> float:
        return self.base * STEPS[self.step]

    def set_step(self, step: int, *, force: bool = False) -> None:
        self.step = min(max(step, 0), len(STEPS) - 1)
        font = QApplication.font()
        if abs(font.pointSizeF() - self.points) < 0.01 and not force:
            return
        font.setPointSizeF(self.points)
        QApplication.setFont(font)
        for widget in QApplication.allWidgets():
            factor = widget.property(_RELATIVE)
            if isinstance(factor, float):
                relative_font(widget, factor)

    def larger(self) -> None:
        self.set_step(self.step + 1)

    def smaller(self) -> None:
        self.set_step(self.step - 1)

    def normal(self) -> None:
        self.set_step(NORMAL)
