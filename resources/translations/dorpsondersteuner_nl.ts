<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>Dates</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/dates.py" line="+41"/>
        <source>today, %1</source>
        <translation>vandaag, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yesterday, %1</source>
        <translation>gisteren, %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n dag geleden</numerusform>
            <numerusform>%n dagen geleden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>today</source>
        <translation>vandaag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>in %n days</source>
        <translation>
            <numerusform>over %n dag</numerusform>
            <numerusform>over %n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n days late</source>
        <translation>
            <numerusform>%n dag te laat</numerusform>
            <numerusform>%n dagen te laat</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/app.py" line="+105"/>
        <location line="+45"/>
        <source>Opening the register…</source>
        <translation>Het register wordt geopend…</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>There is no register on this computer yet.

Would you like to try the program first? Open the demo register: made-up residents and help requests, only on this computer, never sent anywhere.

Signing in to your municipality&apos;s server is not possible yet; it comes in a later version of the program.</source>
        <translation>Er is nog geen register op deze computer.

Wil je het programma eerst uitproberen? Open dan het demo-register: verzonnen inwoners en hulpvragen, alleen op deze computer, en nooit verstuurd.

Aanmelden bij de server van je gemeente kan nog niet; dat komt in een volgende versie van het programma.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the demo register</source>
        <translation>Demo-register openen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Creating the demo register with made-up residents. This takes a moment, only the first time.</source>
        <translation>Het demo-register met verzonnen inwoners wordt aangemaakt. Dat duurt even, alleen de eerste keer.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Administrators do not see the content of help requests, so this window stays empty for you. Start the demo as another user, for example --user ingrid.</source>
        <translation>Beheerders zien de inhoud van hulpvragen niet, dus dit venster blijft voor jou leeg. Start de demo als een andere gebruiker, bijvoorbeeld met --user ingrid.</translation>
    </message>
</context>
<context>
    <name>HelperModel</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/work.py" line="+104"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/main_window.py" line="+38"/>
        <source>Dorpsondersteuner</source>
        <translation>Dorpsondersteuner</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>&amp;New help request</source>
        <translation>&amp;Nieuwe hulpvraag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a new help request</source>
        <translation>Een nieuwe hulpvraag vastleggen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit help request</source>
        <translation>Hulpvraag &amp;bewerken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the question, life domains or urgency</source>
        <translation>De vraag, leefgebieden of urgentie wijzigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>Be&amp;waren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save what you filled in</source>
        <translation>Bewaar wat je hebt ingevuld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop without saving</source>
        <translation>Stoppen zonder te bewaren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search by name, address, reference or words from the question</source>
        <translation>Zoek op naam, adres, kenmerk of woorden uit de vraag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Previous help request</source>
        <translation>&amp;Vorige hulpvraag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the help request above in the list</source>
        <translation>Naar de hulpvraag erboven in de lijst</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ne&amp;xt help request</source>
        <translation>V&amp;olgende hulpvraag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to the help request below in the list</source>
        <translation>Naar de hulpvraag eronder in de lijst</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Short help</source>
        <translation>&amp;Korte uitleg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the program works, in short</source>
        <translation>Hoe het programma werkt, in het kort</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the program</source>
        <translation>Het programma sluiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Program</source>
        <translation>&amp;Programma</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help request</source>
        <translation>&amp;Hulpvraag</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>H&amp;elp</source>
        <translation>H&amp;ulp</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/messages.py" line="+45"/>
        <source>first name</source>
        <translation>voornaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefix</source>
        <translation>tussenvoegsel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last name</source>
        <translation>achternaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>street</source>
        <translation>straat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>house number</source>
        <translation>huisnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>postcode</source>
        <translation>postcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>place</source>
        <translation>plaats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>phone number</source>
        <translation>telefoonnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>question</source>
        <translation>vraag</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tick at least one life domain the question is about.</source>
        <translation>Vink minstens één leefgebied aan waar de vraag over gaat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A help request is only recorded with the resident&apos;s consent. Ask for it, tick the box and fill in the date.</source>
        <translation>Een hulpvraag leg je alleen vast met toestemming van de inwoner. Vraag erom, zet het vinkje en vul de datum in.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This date lies in the future. Fill in today or an earlier day.</source>
        <translation>Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A postcode is four digits and two letters, like 5761 AB.</source>
        <translation>Een postcode is vier cijfers en twee letters, zoals 5761 AB.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A phone number has digits only, like 0492 123456 or 06 12345678.</source>
        <translation>Een telefoonnummer bestaat uit cijfers, zoals 0492 123456 of 06 12345678.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This text is too long. Keep it short and factual.</source>
        <translation>Deze tekst is te lang. Houd het kort en feitelijk.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fill in the %1.</source>
        <translation>Vul de %1 in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a resident from the search results, or record a new resident.</source>
        <translation>Kies een inwoner uit de zoekresultaten, of leg een nieuwe inwoner vast.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something you filled in is not right. Check the form and try again.</source>
        <translation>Iets wat je hebt ingevuld klopt niet. Kijk het formulier na en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This help request is closed, so it cannot be changed. Reopen it first if there is new work to do.</source>
        <translation>Deze hulpvraag is afgesloten en kan daarom niet worden gewijzigd. Heropen hem eerst als er nieuw werk is.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This cannot be done now, because the help request has changed in the meantime. Look at the request again and try once more.</source>
        <translation>Dit kan nu niet, omdat de hulpvraag intussen is veranderd. Bekijk de hulpvraag opnieuw en probeer het nog een keer.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The demo register has no user “%1”. Choose one with --user: %2.</source>
        <translation>Het demo-register heeft geen gebruiker ‘%1’. Kies er een met --user: %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You may not do this with this help request: it belongs to another level or area. Ask its owner, or your coordinator, if it needs doing.</source>
        <translation>Dit mag je niet doen met deze hulpvraag: hij hoort bij een ander niveau of gebied. Vraag het aan de eigenaar of je coördinator als het moet gebeuren.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This help request is no longer there, or you may no longer see it. Choose another one from the list.</source>
        <translation>Deze hulpvraag is er niet meer, of je mag hem niet meer zien. Kies een andere uit de lijst.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This register was saved by a newer version of the program. Install the newest version, then start again.</source>
        <translation>Dit register is bewaard door een nieuwere versie van het programma. Installeer de nieuwste versie en start dan opnieuw.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The register could not be opened. Close the program and start it again; if that does not help, ask your administrator.</source>
        <translation>Het register kon niet worden geopend. Sluit het programma en start het opnieuw; helpt dat niet, vraag het dan aan je beheerder.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Something went wrong, and nothing was saved. Try again; if it happens again, close the program, start it again and tell your administrator.</source>
        <translation>Er ging iets mis en er is niets bewaard. Probeer het opnieuw; gebeurt het weer, sluit dan het programma, start het opnieuw en meld het bij je beheerder.</translation>
    </message>
</context>
<context>
    <name>RequestDetailView</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/detail.py" line="+105"/>
        <source>Edit</source>
        <translation>Bewerken</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Help request %1 · %2 · registered %3</source>
        <translation>Hulpvraag %1 · %2 · vastgelegd %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This help request is closed. Reopen it first if there is new work to do.</source>
        <translation>Deze hulpvraag is afgesloten. Heropen hem eerst als er nieuw werk is.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This help request is handled at another level: you can read it, but not change it.</source>
        <translation>Deze hulpvraag wordt op een ander niveau behandeld: je kunt hem lezen, maar niet wijzigen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Question</source>
        <translation>Vraag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Life domains</source>
        <translation>Leefgebieden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Phone: %1</source>
        <translation>Telefoon: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resident</source>
        <translation>Inwoner</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Level: %1</source>
        <translation>Niveau: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner: %1</source>
        <translation>Eigenaar: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nobody yet, waiting for pick-up</source>
        <translation>nog niemand, wacht op oppakken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Contact person: %1</source>
        <translation>Contactpersoon: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highest level reached: %1</source>
        <translation>Hoogste niveau bereikt: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who works on it</source>
        <translation>Wie werkt eraan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>Contactmomenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups</source>
        <translation>Afspraken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own circle</source>
        <translation>Eigen kring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not given</source>
        <translation>niet gegeven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To record the data: %1</source>
        <translation>Om gegevens vast te leggen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To share with the district team: %1</source>
        <translation>Om te delen met het wijkteam: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To share with the municipality: %1</source>
        <translation>Om te delen met de gemeente: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Withdrawn on %1: nothing more is shared</source>
        <translation>Ingetrokken op %1: er wordt niets meer gedeeld</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No contacts yet.</source>
        <translation>Nog geen contactmomenten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2 minutes, %3 — %4</source>
        <translation>%1, %2 minuten, %3 — %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>professionals only</source>
        <translation>alleen voor professionals</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No follow-ups.</source>
        <translation>Geen afspraken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>done on %1</source>
        <translation>gedaan op %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due %1 (%2)</source>
        <translation>op %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due %1</source>
        <translation>op %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue:</source>
        <translation>Over tijd:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No help from the own circle arranged yet.</source>
        <translation>Nog geen hulp uit de eigen kring geregeld.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>someone from the resident&apos;s own circle</source>
        <translation>iemand uit de eigen kring van de inwoner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>since %1</source>
        <translation>sinds %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, ended %1</source>
        <translation>, gestopt %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the program</source>
        <translation>het programma</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/form.py" line="+125"/>
        <source>Save</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1. Resident</source>
        <translation>1. Inwoner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First look up whether the resident is already known, so nobody is registered twice. Type a name or an address.</source>
        <translation>Zoek eerst of de inwoner al bekend is, zodat niemand twee keer wordt vastgelegd. Typ een naam of een adres.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name or address, for example Jansen Kerkstraat</source>
        <translation>Naam of adres, bijvoorbeeld Jansen Kerkstraat</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not found: record a new resident</source>
        <translation>Niet gevonden: nieuwe inwoner vastleggen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose another resident</source>
        <translation>Andere inwoner kiezen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>First name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prefix</source>
        <translation>Tussenvoegsel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last name</source>
        <translation>Achternaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Village or district</source>
        <translation>Dorp of wijk</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+81"/>
        <source>2. Help request</source>
        <translation>2. Hulpvraag</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>The question, in the resident&apos;s own words</source>
        <translation>De vraag, in de woorden van de inwoner</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Life domains (tick one or more)</source>
        <translation>Leefgebieden (vink er een of meer aan)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Urgency</source>
        <translation>Urgentie</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>3. Consent</source>
        <translation>3. Toestemming</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the resident whether you may record these details. Without consent nothing is recorded.</source>
        <translation>Vraag de inwoner of je deze gegevens mag vastleggen. Zonder toestemming leg je niets vast.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Consent to record given on</source>
        <translation>Toestemming om vast te leggen gegeven op</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New help request</source>
        <translation>Nieuwe hulpvraag</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Edit help request %1 of %2</source>
        <translation>Hulpvraag %1 van %2 bewerken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Help request</source>
        <translation>Hulpvraag</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Click to choose this resident</source>
        <translation>Klik om deze inwoner te kiezen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click the resident to choose them.</source>
        <translation>Klik op de inwoner om hem of haar te kiezen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No resident found with these words. Record a new resident below.</source>
        <translation>Geen inwoner gevonden met deze woorden. Leg hieronder een nieuwe inwoner vast.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resident: %1</source>
        <translation>Inwoner: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New resident: fill in the details below.</source>
        <translation>Nieuwe inwoner: vul hieronder de gegevens in.</translation>
    </message>
</context>
<context>
    <name>RequestListModel</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/request_model.py" line="+63"/>
        <source>Resident</source>
        <translation>Inwoner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>Urgentie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up</source>
        <translation>Afspraak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>Gebied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>Kenmerk</translation>
    </message>
    <message>
        <location line="+202"/>
        <source>Click to sort by this</source>
        <translation>Klik om hierop te sorteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next follow-up that is not done yet</source>
        <translation>De eerstvolgende afspraak die nog niet gedaan is</translation>
    </message>
    <message numerus="yes">
        <location line="+74"/>
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n afspraak over tijd</numerusform>
            <numerusform>%n afspraken over tijd</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserChooser</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/chooser.py" line="+33"/>
        <source>Who are you?</source>
        <translation>Wie ben je?</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This is the demo register, with made-up residents. Choose whose eyes you want to look through: a village supporter sees their own village, a district team member what reached the team, the municipality what reached the municipality.</source>
        <translation>Dit is het demo-register, met verzonnen inwoners. Kies door wiens ogen je wilt kijken: een dorpsondersteuner ziet het eigen dorp, een wijkteamlid wat bij het wijkteam kwam, de gemeente wat bij de gemeente kwam.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Continue</source>
        <translation>Verder</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/words.py" line="+18"/>
        <source>Village</source>
        <translation>Dorp</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>District team</source>
        <translation>Wijkteam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>Wacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <source>Closed</source>
        <translation>Afgesloten</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>High</source>
        <translation>Hoog</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acute</source>
        <translation>Acuut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>Normaal</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Village supporter</source>
        <translation>Dorpsondersteuner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>District team member</source>
        <translation>Wijkteamlid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipal officer</source>
        <translation>Medewerker gemeente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>Beheerder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Housing</source>
        <translation>Wonen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wellbeing</source>
        <translation>Welzijn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Care</source>
        <translation>Zorg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work and income</source>
        <translation>Werk en inkomen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transport</source>
        <translation>Vervoer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Social contact</source>
        <translation>Sociaal contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informal care</source>
        <translation>Mantelzorg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finances</source>
        <translation>Financiën</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>Overig</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Home visit</source>
        <translation>Huisbezoek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone call</source>
        <translation>Telefoongesprek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kitchen-table talk</source>
        <translation>Keukentafelgesprek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting</source>
        <translation>Overleg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other contact</source>
        <translation>Ander contact</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Registered</source>
        <translation>Vastgelegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact added</source>
        <translation>Contactmoment toegevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact changed</source>
        <translation>Contactmoment gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact deleted</source>
        <translation>Contactmoment verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up added</source>
        <translation>Afspraak toegevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up done</source>
        <translation>Afspraak gedaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up changed</source>
        <translation>Afspraak gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up deleted</source>
        <translation>Afspraak verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own-circle help arranged</source>
        <translation>Hulp uit eigen kring geregeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own-circle help ended</source>
        <translation>Hulp uit eigen kring gestopt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status changed</source>
        <translation>Status gewijzigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Escalated</source>
        <translation>Opgeschaald</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picked up</source>
        <translation>Opgepakt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed back</source>
        <translation>Teruggegeven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopened</source>
        <translation>Heropend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent given</source>
        <translation>Toestemming gegeven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent withdrawn</source>
        <translation>Toestemming ingetrokken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handed to someone else</source>
        <translation>Overgedragen aan een ander</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resident records merged</source>
        <translation>Inwoners samengevoegd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
</context>
<context>
    <name>WorkArea</name>
    <message>
        <location filename="../../dorpsondersteuner/ui/work.py" line="+56"/>
        <source>Views</source>
        <translation>Overzichten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>My help requests</source>
        <translation>Mijn hulpvragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All help requests</source>
        <translation>Alle hulpvragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for pick-up</source>
        <translation>Wacht op oppakken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups overdue</source>
        <translation>Afspraken over tijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood helpers</source>
        <translation>Buurthulp</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Help requests you own or are the contact person of</source>
        <translation>Hulpvragen waarvan jij eigenaar of contactpersoon bent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every help request you may see</source>
        <translation>Alle hulpvragen die je mag zien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open help requests at your level (%1) that nobody has picked up</source>
        <translation>Open hulpvragen op jouw niveau (%1) die nog niemand heeft opgepakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Help requests with a follow-up whose date has passed</source>
        <translation>Hulpvragen met een afspraak waarvan de datum voorbij is</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbours and volunteers who can help (own circle)</source>
        <translation>Buren en vrijwilligers die kunnen helpen (eigen kring)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search: name, address, reference or a word</source>
        <translation>Zoek: naam, adres, kenmerk of een woord</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by name, address, reference or words from the question</source>
        <translation>Zoek op naam, adres, kenmerk of woorden uit de vraag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Also show closed requests</source>
        <translation>Ook afgesloten hulpvragen tonen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Help requests</source>
        <translation>Hulpvragen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Loading…</source>
        <translation>Bezig met laden…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a help request in the list to read it here.</source>
        <translation>Kies een hulpvraag in de lijst om hem hier te lezen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the question, life domains or urgency</source>
        <translation>De vraag, leefgebieden of urgentie wijzigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save</source>
        <translation>Bewaren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Village supporters record new help requests</source>
        <translation>Dorpsondersteuners leggen nieuwe hulpvragen vast</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Demo register: fictional data, never synchronised</source>
        <translation>Demo-register: verzonnen gegevens, synchroniseert nooit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synchronisation: not set up yet</source>
        <translation>Synchronisatie: nog niet ingesteld</translation>
    </message>
    <message numerus="yes">
        <location line="+94"/>
        <source>%n help request(s)</source>
        <translation>
            <numerusform>%n hulpvraag</numerusform>
            <numerusform>%n hulpvragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing found for “%1”. Check the spelling, search for part of a name, or look in “All help requests”.</source>
        <translation>Niets gevonden voor ‘%1’. Controleer de spelling, zoek op een deel van de naam, of kijk bij ‘Alle hulpvragen’.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No help requests are waiting to be picked up at your level.</source>
        <translation>Er wachten geen hulpvragen om op jouw niveau opgepakt te worden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No follow-ups are overdue.</source>
        <translation>Er zijn geen afspraken over tijd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No help requests yet. Click “New help request” or press Ctrl+N.</source>
        <translation>Nog geen hulpvragen. Klik op ‘Nieuwe hulpvraag’ of druk op Ctrl+N.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There are no help requests here for you yet.</source>
        <translation>Hier staan nog geen hulpvragen voor jou.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There are no neighbourhood helpers you can see.</source>
        <translation>Er is geen buurthulp die je kunt zien.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Stop without saving?</source>
        <translation>Stoppen zonder te bewaren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you filled in has not been saved. Stop anyway and lose it?</source>
        <translation>Wat je hebt ingevuld is nog niet bewaard. Toch stoppen? Dan gaat het verloren.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Saved.</source>
        <translation>Bewaard.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Short help</source>
        <translation>Korte uitleg</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;p&gt;&lt;b&gt;Find a help request:&lt;/b&gt; choose a list on the left, or type a name, address, reference or a word from the question in the search box (Ctrl+F).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Read it:&lt;/b&gt; click it in the list; it appears on the right. Alt+Up and Alt+Down go to the previous and next one.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Register a new one:&lt;/b&gt; click “New help request” (Ctrl+N). First look the resident up, then fill in the question and save (Ctrl+S).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Change one:&lt;/b&gt; click “Edit” above the request.&lt;/p&gt;&lt;p&gt;Everything you save stays on this computer, encrypted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Een hulpvraag vinden:&lt;/b&gt; kies links een lijst, of typ een naam, adres, kenmerk of een woord uit de vraag in het zoekvak (Ctrl+F).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lezen:&lt;/b&gt; klik erop in de lijst; hij verschijnt rechts. Met Alt+Pijl omhoog en Alt+Pijl omlaag ga je naar de vorige en de volgende.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Een nieuwe vastleggen:&lt;/b&gt; klik op ‘Nieuwe hulpvraag’ (Ctrl+N). Zoek eerst de inwoner op, vul dan de vraag in en bewaar (Ctrl+S).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Wijzigen:&lt;/b&gt; klik op ‘Bewerken’ boven de hulpvraag.&lt;/p&gt;&lt;p&gt;Alles wat je bewaart blijft versleuteld op deze computer.&lt;/p&gt;</translation>
    </message>
</context>
</TS>
