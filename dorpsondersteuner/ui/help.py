"""F1: help for the screen you are on, in plain words, and what holds everywhere: the
ladder village → district team → municipality, consent, the colours and words, and
the keys. Each paragraph is one translated text, so the Dutch reads as Dutch."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .textsize import relative_font


def _screen(screen: str) -> tuple[str, str]:
    """The heading and text about one screen."""
    if screen == "chooser":
        return (
            QCoreApplication.translate("Help", "Who are you?"),
            QCoreApplication.translate(
                "Help",
                "This is the demo register: the residents are made up. Choose a person "
                "from the list and press Enter or click Continue. The program then shows "
                "exactly what that person may see: a village supporter their own "
                "village, a district team member what reached the team, the municipality "
                "what reached the municipality. Later, Program → Other user brings you "
                "back here.",
            ),
        )
    if screen == "start":
        return (
            QCoreApplication.translate("Help", "Starting"),
            QCoreApplication.translate(
                "Help",
                "On the left are the registers on this computer: the demo register with "
                "made-up residents, and the register of each person who connected here. "
                "Choose yours, type your password and press Enter; it opens without the "
                "network too. The first time, connect to your municipality's server on the "
                "right with the address, username and password from your administrator: "
                "your register is made and filled, with a bar showing what arrived. If the "
                "password is wrong or the server cannot be reached, nothing is made or "
                "changed.",
            ),
        )
    if screen == "sync":
        return (
            QCoreApplication.translate("Help", "The synchronisation overview"),
            QCoreApplication.translate(
                "Help",
                "Not yet sent: your changes this computer still has to send. Refused: "
                "changes the server did not accept, with why and what to do. Lost values: "
                "two people changed the same field at the same time; the value now and the "
                "one that lost are both shown, with who and when. Restore puts the value "
                "that lost back as a new change; Keep leaves it as it is. Not delivered: "
                "work on a help request that is no longer on this computer; its owner has "
                "been told. Check with the server: whether this computer holds the same as "
                "the server.",
            ),
        )
    if screen == "admin":
        return (
            QCoreApplication.translate("Help", "The administrator's page"),
            QCoreApplication.translate(
                "Help",
                "You see help requests by reference, with area, level, status and owner, "
                "never what they are about. Type (part of) a reference or a name in the "
                "search box (Ctrl+F). Choose a request and click Reassign to hand it to "
                "someone who works at its level and in its area, for example when its "
                "owner is on leave or left.",
            ),
        )
    if screen == "review":
        return (
            QCoreApplication.translate("Help", "Waiting for pick-up"),
            QCoreApplication.translate(
                "Help",
                "These help requests were sent up to your level and wait for someone to "
                "pick them up. The most urgent come first, then those that waited "
                "longest. Each one says why it was sent and by whom; hold the mouse over "
                "the reason to see what the resident agreed to share. Choose one and "
                "click Pick up (Ctrl+Shift+P): you become its owner.",
            ),
        )
    if screen == "followups":
        return (
            QCoreApplication.translate("Help", "Follow-ups"),
            QCoreApplication.translate(
                "Help",
                "The follow-ups due today and those that are overdue (⚠). Choose one to "
                "see its help request; Tick off marks it done. Untick “Only my "
                "follow-ups” to see everyone's.",
            ),
        )
    if screen == "helpers":
        return (
            QCoreApplication.translate("Help", "Neighbourhood helpers"),
            QCoreApplication.translate(
                "Help",
                "The neighbours, volunteers and associations of your area who can help. "
                "Search by name, filter on what they help with, or add one with New "
                "neighbourhood helper. Only register someone who agreed to it.",
            ),
        )
    if screen == "deadlines":
        return (
            QCoreApplication.translate("Help", "Wmo deadlines"),
            QCoreApplication.translate(
                "Help",
                "The legal deadlines of the Wmo notifications (meldingen), fewest days "
                "left first. “Almost late” and “Late” are shown in word and icon.",
            ),
        )
    if screen == "lock":
        return (
            QCoreApplication.translate("Help", "The program is locked"),
            QCoreApplication.translate(
                "Help",
                "Program → Lock (Ctrl+L) hides all data when you step away from the "
                "computer. Nothing is closed or lost: unlock and you are back where you "
                "were, with everything you typed. In the demo register click Unlock or "
                "press Enter; in your own register type your password.",
            ),
        )
    if screen == "form":
        return (
            QCoreApplication.translate("Help", "Recording a help request"),
            QCoreApplication.translate(
                "Help",
                "First look the resident up, so nobody is registered twice; choose them "
                "or record a new one. Then write the question in the resident's own "
                "words, tick the life domains and the urgency, and record the consent to "
                "record. Save with Ctrl+S, stop with Esc. If something is not right, "
                "every reason appears beside its field; nothing you typed is lost.",
            ),
        )
    return (
        QCoreApplication.translate("Help", "The list and the help request"),
        QCoreApplication.translate(
            "Help",
            "Choose a list on the left. Type a name, address, reference or a word from "
            "the question, the contacts or the follow-ups in the search box (Ctrl+F): the "
            "list narrows with every letter. To see only one life domain, choose it "
            "beside the search box. Click a help request to read it on the "
            "right. Below it are the steps you may take now; a step that is not possible "
            "says why. Edit changes the question, life domains or urgency; + Contact, + "
            "Follow-up and + Own circle add records. You change a contact you wrote "
            "yourself; the contacts of others you can read.",
        ),
    )


def help_html(screen: str) -> str:
    """The help for ``screen`` ("chooser", "admin", "lock", a list view or "form"), as
    HTML."""
    heading, text = _screen(screen)
    sections = [(heading, [text])]
    if screen != "admin":
        sections += [
            (
                QCoreApplication.translate(
                    "Help", "The ladder: village, district team, municipality"
                ),
                [
                    QCoreApplication.translate(
                        "Help",
                        "A help request starts in the village, with the village "
                        "supporter, who looks for help in the resident's own circle: "
                        "family, neighbours, volunteers.",
                    ),
                    QCoreApplication.translate(
                        "Help",
                        "When that is not enough, the supporter sends it up (escalate, "
                        "Ctrl+E) to the district team, with the reason. A team member "
                        "picks it up and becomes its owner; the supporter stays involved.",
                    ),
                    QCoreApplication.translate(
                        "Help",
                        "Only when the district team cannot solve it either does it go "
                        "to the municipality, the safety net. A request can also be "
                        "handed back one level down, with advice, and it can be closed "
                        "at every level.",
                    ),
                ],
            ),
            (
                QCoreApplication.translate("Help", "Consent"),
                [
                    QCoreApplication.translate(
                        "Help",
                        "Nothing is recorded without the resident's consent. Sending a "
                        "request up needs the consent to share it with that level; the "
                        "resident may withdraw it. Only an acute safety concern may go "
                        "straight to the municipality without it, with a written "
                        "justification.",
                    )
                ],
            ),
            (
                QCoreApplication.translate("Help", "Colours and words"),
                [
                    QCoreApplication.translate(
                        "Help",
                        "The level always has a colour and a word: Village is green, "
                        "District team amber, Municipality blue. The status is a word: "
                        "Open, Waiting or Closed. High and Acute urgency have an icon. A "
                        "follow-up past its date shows ⚠ and how many days late it is.",
                    ),
                    QCoreApplication.translate(
                        "Help",
                        "A contact is a visit, call or talk; a follow-up is something to "
                        "do by a date; the own circle is the help of neighbours and "
                        "volunteers.",
                    ),
                ],
            ),
        ]
    sections.append(
        (
            QCoreApplication.translate("Help", "Synchronisation"),
            [
                QCoreApplication.translate(
                    "Help",
                    "A register of your municipality sends your work to the server by "
                    "itself and receives what colleagues changed: at start, a few seconds "
                    "after a change and every few minutes. You can always work on, also "
                    "without the network. The demo register is never synchronised.",
                ),
                QCoreApplication.translate(
                    "Help",
                    "The status bar says Online or Offline, how many changes are not yet "
                    "sent, and when the last synchronisation was (Updated at). Offline: your "
                    "work is kept and sent as soon as the server can be reached; the "
                    "program tries again by itself. Sign in again: your sign-in ended; "
                    "Program → Sign in again asks your password. Update the program: the "
                    "server needs a newer version; ask your IT contact. Server restored: "
                    "everything was sent again, nothing is lost. Being repaired: some data "
                    "differed from the server's and comes again.",
                ),
                QCoreApplication.translate(
                    "Help",
                    "Program → Synchronisation overview shows what is not yet sent, "
                    "refused, lost to a colleague's change at the same time, or not "
                    "delivered.",
                ),
            ],
        )
    )
    keys = [
        (QCoreApplication.translate("Help", "F1"), QCoreApplication.translate("Help", "this help")),
        (
            QCoreApplication.translate("Help", "Ctrl+N"),
            QCoreApplication.translate("Help", "new help request"),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+F"),
            QCoreApplication.translate("Help", "search"),
        ),
        (QCoreApplication.translate("Help", "Ctrl+S"), QCoreApplication.translate("Help", "save")),
        (
            QCoreApplication.translate("Help", "Esc"),
            QCoreApplication.translate("Help", "cancel, close a dialog"),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+E"),
            QCoreApplication.translate("Help", "escalate"),
        ),
        (
            QCoreApplication.translate("Help", "Alt+Up / Alt+Down"),
            QCoreApplication.translate("Help", "previous and next help request"),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+Plus / Ctrl+Minus / Ctrl+0"),
            QCoreApplication.translate("Help", "larger, smaller, normal text"),
        ),
        (
            QCoreApplication.translate("Help", "Tab"),
            QCoreApplication.translate(
                "Help", "to the next part of the screen; the arrow keys move inside a list"
            ),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+Shift+S"),
            QCoreApplication.translate("Help", "synchronise now"),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+L"),
            QCoreApplication.translate("Help", "lock: hide the data until you unlock"),
        ),
        (
            QCoreApplication.translate("Help", "Ctrl+Q"),
            QCoreApplication.translate("Help", "quit the program"),
        ),
    ]
    html = []
    for title, paragraphs in sections:
        html.append(f"<h3>{escape(title)}</h3>")
        html.extend(f"<p>{escape(p)}</p>" for p in paragraphs)
    keys_title = QCoreApplication.translate("Help", "Keys")
    html.append(f"<h3>{escape(keys_title)}</h3><table cellspacing='0' cellpadding='3'>")
    html.extend(
        f"<tr><td><b>{escape(key)}</b></td><td>{escape(what)}</td></tr>" for key, what in keys
    )
    html.append("</table>")
    safe = QCoreApplication.translate(
        "Help", "Everything you save stays on this computer, encrypted."
    )
    html.append(f"<p>{escape(safe)}</p>")
    return "".join(html)


class HelpDialog(QDialog):
    """The help, in a window of its own that Esc or Close closes."""

    def __init__(self, screen: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(QCoreApplication.translate("Help", "Help"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setOpenLinks(False)
        self.text.setHtml(help_html(screen))
        relative_font(self.text, 1.0)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
