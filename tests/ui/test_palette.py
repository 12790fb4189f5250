"""Light and dark palettes (UI.md: "light and dark follow the system"): every text stays
readable on its background, and the level dots stand out from the list's rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from dorpsondersteuner.models.enums import Level
from dorpsondersteuner.ui.palette import contrast, dark_palette
from dorpsondersteuner.ui.words import level_edge

from .conftest import StartProgram
from .walk import walk

INLINE_COLOUR = re.compile(r"color:\s*(#[0-9a-fA-F]{6})")


@pytest.fixture(params=["light", "dark"])
def palette(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(before)


def background(label: QWidget) -> QColor:
    """The colour behind a label: that of the nearest ancestor that paints one."""
    widget: QWidget | None = label
    while widget is not None:
        parent = widget.parentWidget()
        if (
            widget.autoFillBackground()
            or widget.isWindow()
            or (isinstance(parent, QAbstractScrollArea) and widget is parent.viewport())
        ):
            return widget.palette().color(widget.backgroundRole())
        widget = parent
    return label.palette().color(QPalette.ColorRole.Window)


def unreadable(window: QWidget) -> Iterator[str]:
    for label in [window, *window.findChildren(QLabel)]:
        if not isinstance(label, QLabel) or not label.isVisibleTo(window) or not label.text():
            continue
        name = f"{label.objectName() or 'QLabel'} {label.text()[:40]!r}"
        behind = background(label)
        group = QPalette.ColorGroup.Active if label.isEnabled() else QPalette.ColorGroup.Disabled
        text = label.palette().color(group, label.foregroundRole())
        needed = 4.5 if label.isEnabled() else 2.5
        if contrast(text, behind) < needed:
            yield f"{name}: {text.name()} on {behind.name()} ({contrast(text, behind):.1f}:1)"
        for colour in INLINE_COLOUR.findall(label.text()):
            if contrast(QColor(colour), behind) < 3:
                yield f"{name}: inline {colour} on {behind.name()}"


@pytest.mark.parametrize("user", ["ingrid", "beheer"])
def test_texts_and_level_dots_read_on_light_and_dark(
    qtbot: QtBot, start_program: StartProgram, palette: str, user: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    rows = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)
    for level in Level:
        for role in rows:
            behind = app.palette().color(role)
            assert contrast(level_edge(level), behind) >= 3, (palette, level, behind.name())

    desktop = start_program(user)
    problems: list[str] = []
    for where, window in walk(qtbot, desktop):
        problems += [f"{palette} {where}: {problem}" for problem in unreadable(window)]
    assert problems == [], "\n".join(problems)


def test_check_boxes_and_radio_buttons_are_clearly_seen_on_a_dark_palette(
    qapp: QApplication,
) -> None:
    from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QStyleOptionButton

    from dorpsondersteuner.ui.palette import VisibleIndicators, dark_palette

    style = VisibleIndicators("Fusion")
    window = dark_palette().color(QPalette.ColorRole.Window)
    for widget in (QCheckBox("Wonen"), QRadioButton("Normaal")):
        widget.setStyle(style)
        widget.setPalette(dark_palette())
        widget.resize(widget.sizeHint())
        image = widget.grab().toImage()
        option = QStyleOptionButton()
        option.initFrom(widget)
        box = style.subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, widget)
        brightest = max(
            image.pixelColor(x, y).lightness()
            for x in range(box.left(), box.right() + 1)
            for y in range(box.top(), box.bottom() + 1)
        )
        assert brightest - window.lightness() > 80, type(widget).__name__
