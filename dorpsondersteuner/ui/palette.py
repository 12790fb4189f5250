"""Colours that stay readable in a light and a dark palette (UI.md: the system's
palette, light or dark; level colour always beside its word).

The program follows the system's palette. The few colours of its own (the level dots,
the error text) come in a light and a dark variant, chosen by the palette in use.
``dark_palette()`` is a dark palette for screenshots and tests (set
``DORPSONDERSTEUNER_SCREENSHOT_PALETTE=dark`` with ``--screenshot``); it is never forced
on a user.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QProxyStyle, QStyle, QStyleOption, QWidget

from ..enums import Level

SCREENSHOT_PALETTE_ENV = "DORPSONDERSTEUNER_SCREENSHOT_PALETTE"

ERROR_LIGHT = QColor("#c62828")
ERROR_DARK = QColor("#ff8a80")


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def error_colour(palette: QPalette | None = None) -> QColor:
    return ERROR_DARK if is_dark(palette) else ERROR_LIGHT


def mark_as_error(label: QLabel) -> None:
    """Error text in red that reads on this palette (the ⚠ before it carries it too)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
    label.setPalette(palette)


def relative_luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours: 1 (none) to 21 (black on white)."""
    a, b = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def dark_palette() -> QPalette:
    """A calm dark palette (for screenshots and tests of the dark look)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#ececec",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#272727",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#ececec",
        role.PlaceholderText: "#9e9e9e",
        role.Text: "#ececec",
        role.Button: "#363636",
        role.ButtonText: "#ececec",
        role.BrightText: "#ff8a80",
        role.Light: "#4a4a4a",
        role.Midlight: "#3e3e3e",
        role.Mid: "#2f2f2f",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
        role.Highlight: "#2f6fca",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
    }
    for which, colour in colours.items():
        palette.setColor(which, QColor(colour))
    for which in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, which, QColor("#808080"))
    palette.setColor(group.Disabled, role.Highlight, QColor("#444444"))
    return palette


# A level always has its colour and its word together, never colour alone (UI.md).
LEVEL_COLOURS = {
    Level.VILLAGE: "#2e7d32",  # green
    Level.DISTRICT_TEAM: "#f9a825",  # amber
    Level.MUNICIPALITY: "#1565c0",  # blue
}
# The same colours, lighter, for a dark palette (the blue above all is lost on black).
LEVEL_COLOURS_DARK = {
    Level.VILLAGE: "#66bb6a",
    Level.DISTRICT_TEAM: "#ffca28",
    Level.MUNICIPALITY: "#64b5f6",
}


def level_colour(level: Level) -> QColor:
    """The colour of a level for the palette in use."""
    return QColor((LEVEL_COLOURS_DARK if is_dark() else LEVEL_COLOURS)[level])


class VisibleIndicators(QProxyStyle):
    """The platform's own style, with one addition: on a dark palette a check box's or
    radio button's box gets a light outline, so it is clearly seen (Fusion draws it
    dark on dark). Nothing changes on a light palette."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        indicators = (
            QStyle.PrimitiveElement.PE_IndicatorCheckBox,
            QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        )
        palette = option.palette
        if element not in indicators or palette.color(QPalette.ColorRole.Window).lightness() > 110:
            return
        outline = QColor(palette.color(QPalette.ColorRole.WindowText))
        outline.setAlpha(170)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if element is QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()
