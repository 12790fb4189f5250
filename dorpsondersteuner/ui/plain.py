"""Text as it is: names and free text come from residents, colleagues and other
laptops, so they are never read as markup.

Qt reads a label's or tooltip's text as HTML when it looks like HTML
(``Qt.mightBeRichText``): a resident called ``<b>Jansen</b>`` would show as a bold
"Jansen", and ``<img src=…>`` would try to load a picture. Every label in the app is a
``PlainLabel`` (a label that means HTML says so with ``setTextFormat``), and every
tooltip that carries data goes through ``plain_tip``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A label that shows its text exactly as it is."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is, also when it looks like HTML."""
    if "<" not in text:
        return text  # Qt reads it as plain text anyway
    return "<p style='white-space:pre-wrap'>" + escape(text).replace("\n", "<br>") + "</p>"
