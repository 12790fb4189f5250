"""Dutch for the first window's strings, until the Qt translation files exist.

Source strings are English (D14) and go through ``QCoreApplication.translate``; this
translator answers them in Dutch from a table. A later issue replaces it with the
``.ts``/``.qm`` files and Qt's own ``qtbase_nl`` translator: the source strings and
contexts stay as they are, so nothing else changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

# (context, English source) -> Dutch; a (singular, plural) pair for "%n" strings.
DUTCH: dict[tuple[str, str], str | tuple[str, str]] = {
    ("RequestTableModel", "Reference"): "Kenmerk",
    ("RequestTableModel", "Resident"): "Inwoner",
    ("RequestTableModel", "Area"): "Gebied",
    ("RequestTableModel", "Level"): "Niveau",
    ("RequestTableModel", "Status"): "Status",
    ("RequestTableModel", "Last change"): "Laatste wijziging",
    ("RequestTableModel", "today, %1"): "vandaag, %1",
    ("RequestTableModel", "yesterday, %1"): "gisteren, %1",
    ("RequestTableModel", "%n days ago"): ("%n dag geleden", "%n dagen geleden"),
    ("Words", "Village"): "Dorp",
    ("Words", "District team"): "Wijkteam",
    ("Words", "Municipality"): "Gemeente",
    ("Words", "Open"): "Open",
    ("Words", "Waiting"): "Wacht",
    ("Words", "Closed"): "Afgesloten",
    ("Words", "Village supporter"): "Dorpsondersteuner",
    ("Words", "District team member"): "Wijkteamlid",
    ("Words", "Municipal officer"): "Medewerker gemeente",
    ("Words", "Administrator"): "Beheerder",
    ("FirstWindow", "Dorpsondersteuner"): "Dorpsondersteuner",
    ("FirstWindow", "Opening the register…"): "Het register wordt geopend…",
    (
        "FirstWindow",
        "Creating the demo register with fictional residents. This takes a moment, "
        "only the first time.",
    ): (
        "Het demo-register met fictieve inwoners wordt aangemaakt. Dat duurt even, "
        "alleen de eerste keer."
    ),
    ("FirstWindow", "There are no help requests yet."): "Er zijn nog geen hulpvragen.",
    (
        "FirstWindow",
        "There is no register on this computer yet.\n\n"
        "To try the program, start it with --demo: it then opens the demo register "
        "with fictional residents.",
    ): (
        "Er is nog geen register op deze computer.\n\n"
        "Wil je het programma uitproberen? Start het dan met --demo: het opent dan "
        "het demo-register met fictieve inwoners."
    ),
    (
        "FirstWindow",
        "The register could not be opened. Close the program and start it again; "
        "if that does not help, ask your administrator.",
    ): (
        "Het register kon niet worden geopend. Sluit het programma en start het "
        "opnieuw; helpt dat niet, vraag het dan aan je beheerder."
    ),
    ("FirstWindow", "Demo register: fictional data, never synchronised"): (
        "Demo-register: fictieve gegevens, synchroniseert nooit"
    ),
    ("FirstWindow", "Signed in as %1 (%2)"): "Aangemeld als %1 (%2)",
    ("FirstWindow", "The %1 most recently changed of %2 help requests"): (
        "De %1 laatst gewijzigde van %2 hulpvragen"
    ),
    ("FirstWindow", "Help requests"): "Hulpvragen",
    ("FirstWindow", "%Ln help requests"): ("%Ln hulpvraag", "%Ln hulpvragen"),
    ("FirstWindow", "The demo register has no user “%1”. Choose one with --user: %2."): (
        "Het demo-register heeft geen gebruiker ‘%1’. Kies er een met --user: %2."
    ),
    (
        "FirstWindow",
        "This list shows the content of help requests, which administrators do not "
        "see. Start the demo with another user, for example --user ingrid.",
    ): (
        "Deze lijst toont de inhoud van hulpvragen, en die zien beheerders niet. "
        "Start de demo met een andere gebruiker, bijvoorbeeld --user ingrid."
    ),
}


class DutchTranslator(QTranslator):
    """Answers ``translate`` from ``DUTCH``; None lets Qt fall back to the source."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        found = DUTCH.get((context, source_text))
        if isinstance(found, tuple):
            return found[0] if n == 1 else found[1]
        return found

    def isEmpty(self) -> bool:
        return False


def install_dutch(app: QCoreApplication) -> DutchTranslator:
    """Install the Dutch translator; keep the returned object alive with the app."""
    translator = DutchTranslator(app)
    app.installTranslator(translator)
    return translator
