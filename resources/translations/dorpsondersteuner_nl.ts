<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
    <context>
        <name>Actions</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/actions.py" line="+117" />
            <source>Saved: %1</source>
            <translation>Bewaard: %1</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Help ended.</source>
            <translation>Hulp beëindigd.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Follow-up marked as done.</source>
            <translation>Afspraak afgevinkt.</translation>
        </message>
    </context>
    <context>
        <name>AdminPage</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/admin.py" line="+42" />
            <source>Reference</source>
            <translation>Kenmerk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Area</source>
            <translation>Gebied</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Owner</source>
            <translation>Eigenaar</translation>
        </message>
        <message>
            <location line="+8" />
            <source>nobody (waiting for pick-up)</source>
            <translation>niemand (wacht op oppakken)</translation>
        </message>
        <message>
            <location line="+34" />
            <source>Reassign help requests</source>
            <translation>Hulpvragen overdragen</translation>
        </message>
        <message>
            <location line="+6" />
            <source>As an administrator you see only the reference, area, level, status and owner of a help request, never what it is about. Choose one and click “Reassign” to hand it to a colleague, for example during leave.</source>
            <translation>Als beheerder zie je van een hulpvraag alleen het kenmerk, het gebied, het niveau, de status en de eigenaar, nooit waar hij over gaat. Kies er een en klik op ‘Overdragen’ om hem aan een collega te geven, bijvoorbeeld bij verlof.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Search: reference or owner's name</source>
            <translation>Zoeken: kenmerk of naam van de eigenaar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Search</source>
            <translation>Zoeken</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Search by (part of) the reference or the owner's name</source>
            <translation>Zoek op (een deel van) het kenmerk of de naam van de eigenaar</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Also show closed requests</source>
            <translation>Ook afgesloten hulpvragen tonen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Reassign…</source>
            <translation>Overdragen…</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+103" />
            <source>Hand the chosen help request to someone at its level and area</source>
            <translation>Geef de gekozen hulpvraag aan iemand die op dit niveau in dit gebied werkt</translation>
        </message>
        <message>
            <location line="-90" />
            <source>Help requests by reference</source>
            <translation>Hulpvragen op kenmerk</translation>
        </message>
        <message>
            <location line="+53" />
            <source>The first %1 of %2 help requests are shown. Search by reference or owner to find the one you need.</source>
            <translation>De eerste %1 van %2 hulpvragen staan hier. Zoek op kenmerk of eigenaar om de hulpvraag te vinden die je zoekt.</translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>%n help request(s)</source>
            <translation>
                <numerusform>%n hulpvraag</numerusform>
                <numerusform>%n hulpvragen</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>No help request found for “%1”. Check the reference.</source>
            <translation>Geen hulpvraag gevonden voor ‘%1’. Controleer het kenmerk.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>There are no open help requests.</source>
            <translation>Er zijn geen open hulpvragen.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>A closed help request has no one working on it: reopening is its owner's.</source>
            <translation>Aan een afgesloten hulpvraag werkt niemand meer: heropenen doet de eigenaar.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>%1 now belongs to %2.</source>
            <translation>%1 is nu van %2.</translation>
        </message>
    </context>
    <context>
        <name>ArrangeHelpDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/records.py" line="+197" />
            <source>Arrange help from the own circle</source>
            <translation>Hulp uit de eigen kring regelen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Record the help</source>
            <translation>Hulp &amp;vastleggen</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Anything</source>
            <translation>Alles</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Neighbourhood helpers in %1 who help with</source>
            <translation>Buurthulp in %1 die helpt met</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Neighbourhood helpers</source>
            <translation>Buurthulp</translation>
        </message>
        <message>
            <location line="+8" />
            <source>What help is arranged? (required)</source>
            <translation>Welke hulp is geregeld? (verplicht)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Arranged on</source>
            <translation>Geregeld op</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Someone from the resident's own circle (not registered)</source>
            <translation>Iemand uit de eigen kring van de inwoner (niet geregistreerd)</translation>
        </message>
        <message numerus="yes">
            <location line="+12" />
            <source>%n helper(s) found.</source>
            <translation>
                <numerusform>%n buurthulp gevonden.</numerusform>
                <numerusform>%n buurthulpen gevonden.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>No registered helper for this; choose the own circle, or another kind.</source>
            <translation>Geen geregistreerde buurthulp hiervoor; kies de eigen kring, of een andere soort hulp.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The help is recorded on the request.</source>
            <translation>De hulp wordt bij de hulpvraag vastgelegd.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The help by %1 is recorded on the request.</source>
            <translation>De hulp door %1 wordt bij de hulpvraag vastgelegd.</translation>
        </message>
    </context>
    <context>
        <name>CloseDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="+343" />
            <source>Close the help request</source>
            <translation>Hulpvraag afsluiten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;lose</source>
            <translation>&amp;Afsluiten</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Outcome</source>
            <translation>Uitkomst</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Note (optional): what was arranged</source>
            <translation>Toelichting (mag leeg): wat is er geregeld</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The help request is closed at the level %1. You can reopen it later.</source>
            <translation>De hulpvraag wordt afgesloten op niveau %1. Je kunt hem later heropenen.</translation>
        </message>
    </context>
    <context>
        <name>ConsentDialog</name>
        <message>
            <location line="+104" />
            <source>Record consent to share</source>
            <translation>Toestemming om te delen vastleggen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record &amp;consent</source>
            <translation>&amp;Toestemming vastleggen</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The resident consents to sharing their details with</source>
            <translation>De inwoner geeft toestemming om gegevens te delen met</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Consent given on</source>
            <translation>Toestemming gegeven op</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The details may then be shared with the district team.</source>
            <translation>De gegevens mogen dan gedeeld worden met het wijkteam.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The details may then be shared with the municipality.</source>
            <translation>De gegevens mogen dan gedeeld worden met de gemeente.</translation>
        </message>
    </context>
    <context>
        <name>ContactDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/records.py" line="-224" />
            <source>Change the contact</source>
            <translation>Contactmoment wijzigen</translation>
        </message>
        <message>
            <location line="+0" />
            <source>New contact</source>
            <translation>Nieuw contactmoment</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>Be&amp;waren</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Add contact</source>
            <translation>Contactmoment &amp;toevoegen</translation>
        </message>
        <message>
            <location line="+18" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Kind</source>
            <translation>&amp;Soort</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Date</source>
            <translation>&amp;Datum</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Minutes spent</source>
            <translation>&amp;Minuten besteed</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Summary: short and factual</source>
            <translation>Samenvatting: kort en feitelijk</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Professionals only (not for supporters)</source>
            <translation>Alleen voor professionals (niet voor dorpsondersteuners)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Village supporters will not see this contact.</source>
            <translation>Dorpsondersteuners zien dit contactmoment niet.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Only district team and municipality staff will see this contact.</source>
            <translation>Alleen het wijkteam en de gemeente zien dit contactmoment.</translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dates.py" line="+44" />
            <source>today, %1</source>
            <translation>vandaag, %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>yesterday, %1</source>
            <translation>gisteren, %1</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n days ago</source>
            <translation>
                <numerusform>%n dag geleden</numerusform>
                <numerusform>%n dagen geleden</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>today</source>
            <translation>vandaag</translation>
        </message>
        <message>
            <location line="+2" />
            <source>tomorrow</source>
            <translation>morgen</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>in %n days</source>
            <translation>
                <numerusform>over %n dag</numerusform>
                <numerusform>over %n dagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
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
            <location filename="../../dorpsondersteuner/ui/app.py" line="+164" />
            <location line="+260" />
            <source>Opening the register…</source>
            <translation>Het register wordt geopend…</translation>
        </message>
        <message>
            <location line="-198" />
            <source>Updating…</source>
            <translation>Bijwerken…</translation>
        </message>
        <message>
            <location line="+105" />
            <source>This password does not open the register of %1.</source>
            <translation>Dit wachtwoord opent het register van %1 niet.</translation>
        </message>
        <message>
            <location line="+59" />
            <source>Your register was made, but receiving your data stopped: %1 Open your register to go on; the rest comes with the next sync.</source>
            <translation>Je register is gemaakt, maar het ontvangen van je gegevens is gestopt: %1 Open je register om verder te gaan; de rest komt met de volgende synchronisatie.</translation>
        </message>
        <message>
            <location line="+87" />
            <source>Dorpsondersteuner — Demo — made-up data</source>
            <translation>Dorpsondersteuner — Demo — verzonnen gegevens</translation>
        </message>
        <message>
            <location line="-50" />
            <source>Creating the demo register with made-up residents. This takes a moment, only the first time.</source>
            <translation>Het demo-register met verzonnen inwoners wordt aangemaakt. Dat duurt even, alleen de eerste keer.</translation>
        </message>
    </context>
    <context>
        <name>DetailWindow</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/detail_window.py" line="+40" />
            <source>Help request</source>
            <translation>Hulpvraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Loading…</source>
            <translation>Bezig met laden…</translation>
        </message>
        <message>
            <location line="+33" />
            <source>%1 · %2 — Help request</source>
            <translation>%1 · %2 — Hulpvraag</translation>
        </message>
    </context>
    <context>
        <name>DraftBinder</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/drafts.py" line="+69" />
            <source>Restored: what you typed on %1 and had not saved yet.</source>
            <translation>Teruggezet: wat je op %1 typte en nog niet had bewaard.</translation>
        </message>
    </context>
    <context>
        <name>EscalateDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="-451" />
            <source>Escalate the help request</source>
            <translation>Hulpvraag opschalen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Escalate</source>
            <translation>&amp;Opschalen</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Where does it go?</source>
            <translation>Waar gaat hij heen?</translation>
        </message>
        <message>
            <location line="+5" />
            <source>To the district team, one level up</source>
            <translation>Naar het wijkteam, één niveau hoger</translation>
        </message>
        <message>
            <location line="+2" />
            <source>To the municipality, one level up</source>
            <translation>Naar de gemeente, één niveau hoger</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Acute: safety — straight to the municipality</source>
            <translation>Acuut: veiligheid — direct naar de gemeente</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Only when the resident or someone else is not safe. Needs a written justification; possible with or without consent.</source>
            <translation>Alleen als de inwoner of een ander niet veilig is. Vraagt een geschreven onderbouwing; kan met of zonder toestemming.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The resident consents to sharing with the district team, on</source>
            <translation>De inwoner geeft toestemming om te delen met het wijkteam, op</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The resident consents to sharing with the municipality, on</source>
            <translation>De inwoner geeft toestemming om te delen met de gemeente, op</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Date of the consent</source>
            <translation>Datum van de toestemming</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The resident withdrew their consent to share on %1. Only escalate again if they consent anew.</source>
            <translation>De inwoner heeft op %1 de toestemming om te delen ingetrokken. Schaal alleen weer op als de inwoner opnieuw toestemming geeft.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The resident has not yet consented to sharing with the district team.</source>
            <translation>De inwoner heeft nog geen toestemming gegeven om te delen met het wijkteam.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The resident has not yet consented to sharing with the municipality.</source>
            <translation>De inwoner heeft nog geen toestemming gegeven om te delen met de gemeente.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Why is this acute? Describe the safety concern (required)</source>
            <translation>Waarom is dit acuut? Beschrijf de zorg over de veiligheid (verplicht)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>What was tried in the own circle, and why is more help needed?</source>
            <translation>Wat is er in de eigen kring geprobeerd, en waarom is meer hulp nodig?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The help request goes straight to the municipality, marked Acute. You can still read it.</source>
            <translation>De hulpvraag gaat direct naar de gemeente, met urgentie Acuut. Je kunt hem blijven lezen.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The help request goes straight to the municipality, marked Acute. You stay involved.</source>
            <translation>De hulpvraag gaat direct naar de gemeente, met urgentie Acuut. Jij blijft betrokken.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The help request goes to the district team of %1. You stay involved.</source>
            <translation>De hulpvraag gaat naar het wijkteam van %1. Jij blijft betrokken.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The help request goes to the municipality and waits there until someone picks it up. You can still read it.</source>
            <translation>De hulpvraag gaat naar de gemeente en wacht daar tot iemand hem oppakt. Je kunt hem blijven lezen.</translation>
        </message>
    </context>
    <context>
        <name>FollowUpDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/records.py" line="+36" />
            <source>Change the follow-up</source>
            <translation>Afspraak wijzigen</translation>
        </message>
        <message>
            <location line="+0" />
            <source>New follow-up</source>
            <translation>Nieuwe afspraak</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>Be&amp;waren</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Add follow-up</source>
            <translation>Afspraak &amp;toevoegen</translation>
        </message>
        <message>
            <location line="+8" />
            <source>What needs doing?</source>
            <translation>Wat moet er gebeuren?</translation>
        </message>
        <message>
            <location line="+2" />
            <source>By when?</source>
            <translation>Uiterlijk wanneer?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>You see it in “Follow-ups” on the day it is due, and after.</source>
            <translation>Je ziet hem bij ‘Afspraken’ op de dag zelf, en daarna.</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/base.py" line="+159" />
            <source>%1 (Enter)</source>
            <translation>%1 (Enter)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Stop without saving (Esc)</source>
            <translation>Stoppen zonder te bewaren (Esc)</translation>
        </message>
        <message>
            <location line="+197" />
            <source>Stop without saving?</source>
            <translation>Stoppen zonder te bewaren?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>What you typed has not been saved. Stop anyway and lose it?</source>
            <translation>Wat je typte is nog niet bewaard. Toch stoppen en het kwijtraken?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop and lose it</source>
            <translation>Stoppen en kwijtraken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep typing</source>
            <translation>Verder typen</translation>
        </message>
    </context>
    <context>
        <name>HandBackDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="+125" />
            <source>Hand the help request back</source>
            <translation>Hulpvraag teruggeven</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Hand back</source>
            <translation>&amp;Teruggeven</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Your advice for the next step (required)</source>
            <translation>Jouw advies voor de volgende stap (verplicht)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the village supporter</source>
            <translation>de dorpsondersteuner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The help request goes back to the village, to %1.</source>
            <translation>De hulpvraag gaat terug naar het dorp, naar %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The help request goes back to the district team of %1 and waits there until someone picks it up.</source>
            <translation>De hulpvraag gaat terug naar het wijkteam van %1 en wacht daar tot iemand hem oppakt.</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/help.py" line="+19" />
            <source>Who are you?</source>
            <translation>Wie ben je?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This is the demo register: the residents are made up. Choose a person from the list and press Enter or click Continue. The program then shows exactly what that person may see: a village supporter their own village, a district team member what reached the team, the municipality what reached the municipality. Later, Program → Other user brings you back here.</source>
            <translation>Dit is het demo-register: de inwoners zijn verzonnen. Kies iemand uit de lijst en druk op Enter of klik op Verder. Het programma laat dan precies zien wat die persoon mag zien: een dorpsondersteuner het eigen dorp, een wijkteamlid wat bij het wijkteam kwam, de gemeente wat bij de gemeente kwam. Later brengt Programma → Andere gebruiker je hier terug.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>The administrator's page</source>
            <translation>De pagina van de beheerder</translation>
        </message>
        <message>
            <location line="+1" />
            <source>You see help requests by reference, with area, level, status and owner, never what they are about. Type (part of) a reference or a name in the search box (Ctrl+F). Choose a request and click Reassign to hand it to someone who works at its level and in its area, for example when its owner is on leave or left.</source>
            <translation>Je ziet hulpvragen op kenmerk, met gebied, niveau, status en eigenaar, nooit waar ze over gaan. Typ (een deel van) een kenmerk of een naam in het zoekvak (Ctrl+F). Kies een hulpvraag en klik op Overdragen om hem te geven aan iemand die op dat niveau en in dat gebied werkt, bijvoorbeeld als de eigenaar met verlof of vertrokken is.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Waiting for pick-up</source>
            <translation>Wacht op oppakken</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Follow-ups</source>
            <translation>Afspraken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The follow-ups due today and those that are overdue (⚠). Choose one to see its help request; Tick off marks it done. Untick “Only my follow-ups” to see everyone's.</source>
            <translation>De afspraken voor vandaag en die te laat zijn (⚠). Kies er een om de hulpvraag te zien; Afvinken zet hem op gedaan. Haal het vinkje bij ‘Alleen mijn afspraken’ weg om die van iedereen te zien.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Neighbourhood helpers</source>
            <translation>Buurthulp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The neighbours, volunteers and associations of your area who can help. Search by name, filter on what they help with, or add one with New neighbourhood helper. Only register someone who agreed to it.</source>
            <translation>De buren, vrijwilligers en verenigingen in jouw gebied die kunnen helpen. Zoek op naam, kies waarmee ze helpen, of voeg iemand toe met Nieuwe buurthulp. Leg alleen iemand vast die daar toestemming voor gaf.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Wmo deadlines</source>
            <translation>Wmo-termijnen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The legal deadlines of the Wmo notifications (meldingen), fewest days left first. “Almost late” and “Late” are shown in word and icon.</source>
            <translation>De wettelijke termijnen van de Wmo-meldingen, met de minste dagen over bovenaan. ‘Bijna te laat’ en ‘Te laat’ staan er in woord en icoon bij.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Recording a help request</source>
            <translation>Een hulpvraag vastleggen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>First look the resident up, so nobody is registered twice; choose them or record a new one. Then write the question in the resident's own words, tick the life domains and the urgency, and record the consent to record. Save with Ctrl+S, stop with Esc. If something is not right, every reason appears beside its field; nothing you typed is lost.</source>
            <translation>Zoek eerst de inwoner op, zodat niemand twee keer wordt vastgelegd; kies de inwoner of leg een nieuwe vast. Schrijf dan de vraag in de woorden van de inwoner, kies de leefgebieden en de urgentie, en leg de toestemming om gegevens vast te leggen vast. Bewaar met Ctrl+S, stop met Esc. Klopt er iets niet, dan staat bij elk veld wat er mis is; niets van wat je typte gaat verloren.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The list and the help request</source>
            <translation>De lijst en de hulpvraag</translation>
        </message>
        <message>
            <location line="-62" />
            <source>These help requests were sent up to your level and wait for someone to pick them up. The most urgent come first, then those that waited longest. Each one says why it was sent and by whom; hold the mouse over the reason to see what the resident agreed to share. Choose one and click Pick up (Ctrl+Shift+P): you become its owner.</source>
            <translation>Deze hulpvragen zijn naar jouw niveau opgeschaald en wachten tot iemand ze oppakt. De meest urgente staan bovenaan, daarna die het langst wachten. Bij elke hulpvraag staat waarom hij gestuurd is en door wie; houd de muis op de reden om te zien wat de inwoner goedvond om te delen. Kies er een en klik op Oppakken (Ctrl+Shift+P): dan word jij de eigenaar.</translation>
        </message>
        <message>
            <location line="-43" />
            <source>Starting</source>
            <translation>Starten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>On the left are the registers on this computer: the demo register with made-up residents, and the register of each person who connected here. Choose yours, type your password and press Enter; it opens without the network too. The first time, connect to your municipality's server on the right with the address, username and password from your administrator: your register is made and filled, with a bar showing what arrived. If the password is wrong or the server cannot be reached, nothing is made or changed.</source>
            <translation>Links staan de registers op deze computer: het demoregister met verzonnen inwoners, en het register van iedereen die hier verbonden is. Kies het jouwe, typ je wachtwoord en druk op Enter; het opent ook zonder netwerk. De eerste keer verbind je rechts met de server van je gemeente, met het adres, de gebruikersnaam en het wachtwoord van je beheerder: je register wordt gemaakt en gevuld, met een balk die laat zien wat er binnenkwam. Is het wachtwoord fout of is de server niet bereikbaar, dan wordt er niets gemaakt of veranderd.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The synchronisation overview</source>
            <translation>Het overzicht van de synchronisatie</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not yet sent: your changes this computer still has to send. Refused: changes the server did not accept, with why and what to do. Lost values: two people changed the same field at the same time; the value now and the one that lost are both shown, with who and when. Restore puts the value that lost back as a new change; Keep leaves it as it is. Not delivered: work on a help request that is no longer on this computer; its owner has been told. Check with the server: whether this computer holds the same as the server.</source>
            <translation>Nog niet verstuurd: je wijzigingen die deze computer nog moet versturen. Geweigerd: wijzigingen die de server niet aannam, met waarom en wat je kunt doen. Verloren waarden: twee mensen veranderden tegelijk hetzelfde veld; de waarde nu en de verloren waarde staan er allebei, met wie en wanneer. Terugzetten zet de verloren waarde terug als een nieuwe wijziging; Houden laat het zoals het is. Niet afgeleverd: werk aan een hulpvraag die niet meer op deze computer staat; de eigenaar is ingelicht. Controle met de server: of deze computer hetzelfde heeft als de server.</translation>
        </message>
        <message>
            <location line="+67" />
            <source>The program is locked</source>
            <translation>Het programma is vergrendeld</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Program → Lock (Ctrl+L) hides all data when you step away from the computer. Nothing is closed or lost: unlock and you are back where you were, with everything you typed. In the demo register click Unlock or press Enter; in your own register type your password.</source>
            <translation>Programma → Vergrendelen (Ctrl+L) verbergt alle gegevens als je even wegloopt van de computer. Er wordt niets gesloten en niets gaat verloren: ontgrendel en je bent terug waar je was, met alles wat je typte. In het demo-register klik je op Ontgrendelen of druk je op Enter; in je eigen register typ je je wachtwoord.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Choose a list on the left. Type a name, address, reference or a word from the question, the contacts or the follow-ups in the search box (Ctrl+F): the list narrows with every letter. To see only one life domain, choose it beside the search box. Click a help request to read it on the right. Below it are the steps you may take now; a step that is not possible says why. Edit changes the question, life domains or urgency; + Contact, + Follow-up and + Own circle add records. You change a contact you wrote yourself; the contacts of others you can read.</source>
            <translation>Kies links een lijst. Typ een naam, adres, kenmerk of een woord uit de vraag, de contactmomenten of de afspraken in het zoekvak (Ctrl+F): de lijst wordt met elke letter korter. Wil je alleen één leefgebied zien, kies het dan naast het zoekvak. Klik op een hulpvraag om hem rechts te lezen. Daaronder staan de stappen die je nu mag zetten; kan een stap niet, dan staat er waarom. Met Bewerken verander je de vraag, de leefgebieden of de urgentie; met + Contactmoment, + Afspraak en + Eigen kring voeg je iets toe. Een contactmoment dat je zelf schreef kun je wijzigen; die van anderen kun je lezen.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>The ladder: village, district team, municipality</source>
            <translation>De ladder: dorp, wijkteam, gemeente</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A help request starts in the village, with the village supporter, who looks for help in the resident's own circle: family, neighbours, volunteers.</source>
            <translation>Een hulpvraag begint in het dorp, bij de dorpsondersteuner. Die zoekt hulp in de eigen kring van de inwoner: familie, buren, vrijwilligers.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>When that is not enough, the supporter sends it up (escalate, Ctrl+E) to the district team, with the reason. A team member picks it up and becomes its owner; the supporter stays involved.</source>
            <translation>Lukt dat niet, dan schaalt de dorpsondersteuner de hulpvraag op naar het wijkteam (Opschalen, Ctrl+E), met de reden. Een wijkteamlid pakt hem op en wordt de eigenaar; de dorpsondersteuner blijft betrokken.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Only when the district team cannot solve it either does it go to the municipality, the safety net. A request can also be handed back one level down, with advice, and it can be closed at every level.</source>
            <translation>Pas als ook het wijkteam er niet uitkomt, gaat hij naar de gemeente: het vangnet. Een hulpvraag kan ook met advies een niveau terug (Teruggeven), en op elk niveau worden afgesloten.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Consent</source>
            <translation>Toestemming</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing is recorded without the resident's consent. Sending a request up needs the consent to share it with that level; the resident may withdraw it. Only an acute safety concern may go straight to the municipality without it, with a written justification.</source>
            <translation>Zonder toestemming van de inwoner wordt niets vastgelegd. Voor opschalen is toestemming nodig om te delen met dat niveau; de inwoner mag die intrekken. Alleen bij acuut gevaar mag een hulpvraag zonder toestemming direct naar de gemeente, met een geschreven onderbouwing.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Colours and words</source>
            <translation>Kleuren en woorden</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The level always has a colour and a word: Village is green, District team amber, Municipality blue. The status is a word: Open, Waiting or Closed. High and Acute urgency have an icon. A follow-up past its date shows ⚠ and how many days late it is.</source>
            <translation>Het niveau heeft altijd een kleur en een woord: Dorp is groen, Wijkteam oranje, Gemeente blauw. De status is een woord: Open, Wacht of Afgesloten. Urgentie Hoog en Acuut hebben een icoon. Een afspraak over de datum krijgt ⚠ en hoeveel dagen te laat hij is.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>A contact is a visit, call or talk; a follow-up is something to do by a date; the own circle is the help of neighbours and volunteers.</source>
            <translation>Een contactmoment is een bezoek, telefoontje of gesprek; een afspraak is iets wat voor een datum moet gebeuren; de eigen kring is de hulp van buren en vrijwilligers.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Synchronisation</source>
            <translation>Synchronisatie</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A register of your municipality sends your work to the server by itself and receives what colleagues changed: at start, a few seconds after a change and every few minutes. You can always work on, also without the network. The demo register is never synchronised.</source>
            <translation>Een register van je gemeente verstuurt je werk vanzelf naar de server en ontvangt wat collega’s veranderden: bij het starten, een paar seconden na een wijziging en om de paar minuten. Je kunt altijd doorwerken, ook zonder netwerk. Het demoregister wordt nooit gesynchroniseerd.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The status bar says Online or Offline, how many changes are not yet sent, and when the last synchronisation was (Updated at). Offline: your work is kept and sent as soon as the server can be reached; the program tries again by itself. Sign in again: your sign-in ended; Program → Sign in again asks your password. Update the program: the server needs a newer version; ask your IT contact. Server restored: everything was sent again, nothing is lost. Being repaired: some data differed from the server's and comes again.</source>
            <translation>De statusbalk zegt Online of Offline, hoeveel wijzigingen nog niet verstuurd zijn, en wanneer er het laatst gesynchroniseerd is (Bijgewerkt om). Offline: je werk blijft bewaard en wordt verstuurd zodra de server bereikbaar is; het programma probeert het zelf opnieuw. Opnieuw aanmelden: je aanmelding is verlopen; Programma → Opnieuw aanmelden vraagt je wachtwoord. Programma bijwerken: de server vraagt een nieuwere versie; vraag het je ICT-contactpersoon. Server teruggezet: alles is opnieuw verstuurd, er is niets verloren. Wordt hersteld: sommige gegevens weken af van die op de server en komen opnieuw.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Program → Synchronisation overview shows what is not yet sent, refused, lost to a colleague's change at the same time, or not delivered.</source>
            <translation>Programma → Overzicht synchronisatie laat zien wat nog niet verstuurd is, geweigerd, verloren aan een gelijktijdige wijziging van een collega, of niet afgeleverd.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <location line="+0" />
            <source>this help</source>
            <translation>deze uitleg</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <location line="+1" />
            <source>new help request</source>
            <translation>nieuwe hulpvraag</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ctrl+F</source>
            <translation>Ctrl+F</translation>
        </message>
        <message>
            <location line="+1" />
            <source>search</source>
            <translation>zoeken</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Ctrl+S</source>
            <translation>Ctrl+S</translation>
        </message>
        <message>
            <location line="+0" />
            <source>save</source>
            <translation>bewaren</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location line="+1" />
            <source>cancel, close a dialog</source>
            <translation>annuleren, een venster sluiten</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ctrl+E</source>
            <translation>Ctrl+E</translation>
        </message>
        <message>
            <location line="+1" />
            <source>escalate</source>
            <translation>opschalen</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Alt+Up / Alt+Down</source>
            <translation>Alt+Up / Alt+Down</translation>
        </message>
        <message>
            <location line="+1" />
            <source>previous and next help request</source>
            <translation>vorige en volgende hulpvraag</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ctrl+Plus / Ctrl+Minus / Ctrl+0</source>
            <translation>Ctrl+Plus / Ctrl+Minus / Ctrl+0</translation>
        </message>
        <message>
            <location line="+1" />
            <source>larger, smaller, normal text</source>
            <translation>grotere, kleinere, normale tekst</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Tab</source>
            <translation>Tab</translation>
        </message>
        <message>
            <location line="+1" />
            <source>to the next part of the screen; the arrow keys move inside a list</source>
            <translation>naar het volgende deel van het scherm; met de pijltjestoetsen ga je door een lijst</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Ctrl+Shift+S</source>
            <translation>Ctrl+Shift+S</translation>
        </message>
        <message>
            <location line="+1" />
            <source>synchronise now</source>
            <translation>nu synchroniseren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ctrl+L</source>
            <translation>Ctrl+L</translation>
        </message>
        <message>
            <location line="+1" />
            <source>lock: hide the data until you unlock</source>
            <translation>vergrendelen: de gegevens verbergen tot je ontgrendelt</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <location line="+1" />
            <source>quit the program</source>
            <translation>programma afsluiten</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Keys</source>
            <translation>Toetsen</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Everything you save stays on this computer, encrypted.</source>
            <translation>Alles wat je bewaart blijft versleuteld op deze computer.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Help</source>
            <translation>Uitleg</translation>
        </message>
    </context>
    <context>
        <name>HelperDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/records.py" line="+138" />
            <source>Change a neighbourhood helper</source>
            <translation>Buurthulp wijzigen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>New neighbourhood helper</source>
            <translation>Nieuwe buurthulp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>Be&amp;waren</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Register helper</source>
            <translation>Buurthulp &amp;vastleggen</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Name</source>
            <translation>Naam</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Village or district</source>
            <translation>Dorp of wijk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Helps with (tick one or more)</source>
            <translation>Helpt met (kies één of meer)</translation>
        </message>
        <message>
            <location line="+11" />
            <source>More about what they do (optional)</source>
            <translation>Meer over wat hij of zij doet (mag leeg)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>When available (optional)</source>
            <translation>Wanneer beschikbaar (mag leeg)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
        <message>
            <location line="+0" />
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Consent to be registered, given on</source>
            <translation>Toestemming om geregistreerd te worden, gegeven op</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Still helps (untick when they stop)</source>
            <translation>Helpt nog (vinkje weg als hij of zij stopt)</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Village supporters and the district team of this area can then find them.</source>
            <translation>Dorpsondersteuners en het wijkteam van dit gebied kunnen hem of haar dan vinden.</translation>
        </message>
    </context>
    <context>
        <name>ListPane</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/list_pane.py" line="+91" />
            <source>Search: name, address, reference or a word</source>
            <translation>Zoek: naam, adres, kenmerk of een woord</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Search by name, address, reference or words from the question</source>
            <translation>Zoek op naam, adres, kenmerk of woorden uit de vraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Search</source>
            <translation>Zoeken</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Life domain</source>
            <translation>Leefgebied</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show only help requests about this life domain</source>
            <translation>Toon alleen hulpvragen over dit leefgebied</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All life domains</source>
            <translation>Alle leefgebieden</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Also show closed requests</source>
            <translation>Ook afgesloten hulpvragen tonen</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Help requests</source>
            <translation>Hulpvragen</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Loading…</source>
            <translation>Bezig met laden…</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Nothing found for “%1” with the life domain %2.</source>
            <translation>Niets gevonden voor ‘%1’ met het leefgebied %2.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>There are no help requests with the life domain %1 here.</source>
            <translation>Hier zijn geen hulpvragen met het leefgebied %1.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose “All life domains” to see the others.</source>
            <translation>Kies ‘Alle leefgebieden’ om de andere te zien.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing found for “%1”. Check the spelling, search for part of a name, or look in “All help requests”.</source>
            <translation>Niets gevonden voor ‘%1’. Controleer de spelling, zoek op een deel van de naam, of kijk bij ‘Alle hulpvragen’.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No help requests are waiting to be picked up at your level.</source>
            <translation>Er wachten geen hulpvragen om op jouw niveau opgepakt te worden.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No follow-ups are due today or overdue. Well done.</source>
            <translation>Geen afspraken voor vandaag of over tijd. Goed bezig.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No open Wmo deadlines. Register a notification (melding) from a help request at the municipality (More → Register as a Wmo notification).</source>
            <translation>Geen open Wmo-termijnen. Registreer een melding vanuit een hulpvraag bij de gemeente (Meer → Als Wmo-melding registreren).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No neighbourhood helpers found. Click “New helper” to register one.</source>
            <translation>Geen buurthulp gevonden. Klik op ‘Nieuwe buurthulp’ om er een vast te leggen.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No help requests yet. Click “New help request” or press Ctrl+N.</source>
            <translation>Nog geen hulpvragen. Klik op ‘Nieuwe hulpvraag’ of druk op Ctrl+N.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There are no help requests here for you yet.</source>
            <translation>Hier staan nog geen hulpvragen voor jou.</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/lock.py" line="+61" />
            <source>The program is locked</source>
            <translation>Het programma is vergrendeld</translation>
        </message>
        <message>
            <location line="+14" />
            <source>The residents' data is hidden until you unlock. Type your password to continue where you were.</source>
            <translation>De gegevens van de inwoners zijn verborgen tot je ontgrendelt. Typ je wachtwoord om verder te gaan waar je was.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The residents' data is hidden until you unlock. Click Unlock or press Enter to continue where you were.</source>
            <translation>De gegevens van de inwoners zijn verborgen tot je ontgrendelt. Klik op Ontgrendelen of druk op Enter om verder te gaan waar je was.</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+1" />
            <source>Password</source>
            <translation>Wachtwoord</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Unlock</source>
            <translation>Ontgrendelen</translation>
        </message>
        <message>
            <location line="+52" />
            <source>That is not your password. Type it again; mind Caps Lock.</source>
            <translation>Dat is niet je wachtwoord. Typ het opnieuw; let op Caps Lock.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/main_window.py" line="+41" />
            <source>Dorpsondersteuner</source>
            <translation>Dorpsondersteuner</translation>
        </message>
        <message>
            <location line="+56" />
            <source>&amp;New help request</source>
            <translation>&amp;Nieuwe hulpvraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record a new help request</source>
            <translation>Een nieuwe hulpvraag vastleggen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Edit help request</source>
            <translation>Hulpvraag &amp;bewerken</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Change the question, life domains or urgency</source>
            <translation>De vraag, leefgebieden of urgentie wijzigen</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Open in its own &amp;window</source>
            <translation>In een eigen &amp;venster openen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open the chosen help request in a window of its own (or double-click it)</source>
            <translation>Open de gekozen hulpvraag in een eigen venster (of dubbelklik erop)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Es&amp;calate…</source>
            <translation>&amp;Opschalen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send the help request one level up</source>
            <translation>De hulpvraag één niveau hoger leggen</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Sync &amp;now</source>
            <translation>Nu &amp;synchroniseren</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Become the owner of this help request</source>
            <translation>Eigenaar worden van deze hulpvraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Hand back…</source>
            <translation>&amp;Teruggeven…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send the help request one level down, with advice</source>
            <translation>De hulpvraag één niveau lager leggen, met advies</translation>
        </message>
        <message>
            <location line="+4" />
            <source>C&amp;lose help request…</source>
            <translation>Hulpvraag af&amp;sluiten…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close the help request with an outcome</source>
            <translation>De hulpvraag afsluiten met een uitkomst</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Reopen help request…</source>
            <translation>Hulpvraag &amp;heropenen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a closed help request again</source>
            <translation>Een afgesloten hulpvraag weer openen</translation>
        </message>
        <message>
            <location line="-16" />
            <source>Pic&amp;k up…</source>
            <translation>O&amp;ppakken…</translation>
        </message>
        <message>
            <location line="-8" />
            <source>The demo register is never synchronised</source>
            <translation>Het demoregister wordt nooit gesynchroniseerd</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Add a con&amp;tact…</source>
            <translation>&amp;Contactmoment toevoegen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record a visit, call or talk</source>
            <translation>Een bezoek, telefoontje of gesprek vastleggen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Add a &amp;follow-up…</source>
            <translation>A&amp;fspraak toevoegen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Something to do by a date</source>
            <translation>Iets dat vóór een datum moet gebeuren</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Arrange help from the own c&amp;ircle…</source>
            <translation>Hulp uit de &amp;eigen kring regelen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Arrange help from a neighbourhood helper or the resident's own circle</source>
            <translation>Hulp regelen van een buurthulp of uit de eigen kring van de inwoner</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Save</source>
            <translation>Be&amp;waren</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Save what you filled in</source>
            <translation>Bewaar wat je hebt ingevuld</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Cancel</source>
            <translation>&amp;Annuleren</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Stop without saving</source>
            <translation>Stoppen zonder te bewaren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Search</source>
            <translation>&amp;Zoeken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Search by name, address, reference or words from the question</source>
            <translation>Zoek op naam, adres, kenmerk of woorden uit de vraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Previous help request</source>
            <translation>&amp;Vorige hulpvraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go to the help request above in the list</source>
            <translation>Naar de hulpvraag erboven in de lijst</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Ne&amp;xt help request</source>
            <translation>V&amp;olgende hulpvraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go to the help request below in the list</source>
            <translation>Naar de hulpvraag eronder in de lijst</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Short help</source>
            <translation>&amp;Korte uitleg</translation>
        </message>
        <message>
            <location line="+1" />
            <source>How the program works, in short</source>
            <translation>Hoe het programma werkt, in het kort</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Quit the program</source>
            <translation>&amp;Programma afsluiten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close the program</source>
            <translation>Het programma sluiten</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Lock</source>
            <translation>&amp;Vergrendelen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide all data until you unlock, for example when you step away</source>
            <translation>Alle gegevens verbergen tot je ontgrendelt, bijvoorbeeld als je even wegloopt</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Other user…</source>
            <translation>&amp;Andere gebruiker…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start again as another demo user; what you typed is kept as a draft</source>
            <translation>Opnieuw beginnen als een andere demogebruiker; wat je typte blijft bewaard als concept</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Larger text</source>
            <translation>&amp;Grotere tekst</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Make all text larger</source>
            <translation>Alle tekst groter maken</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&amp;Smaller text</source>
            <translation>&amp;Kleinere tekst</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Make all text smaller</source>
            <translation>Alle tekst kleiner maken</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Normal text size</source>
            <translation>&amp;Normale tekstgrootte</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Text at its normal size again</source>
            <translation>Tekst weer op de normale grootte</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Program</source>
            <translation>&amp;Programma</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Help request</source>
            <translation>&amp;Hulpvraag</translation>
        </message>
        <message>
            <location line="+14" />
            <source>&amp;View</source>
            <translation>&amp;Beeld</translation>
        </message>
        <message>
            <location line="+3" />
            <source>H&amp;elp</source>
            <translation>H&amp;ulp</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/residents.py" line="+85" />
            <source>Merge two records of one resident</source>
            <translation>Twee dossiers van één inwoner samenvoegen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Merge</source>
            <translation>&amp;Samenvoegen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stays: %1</source>
            <translation>Blijft: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Find the other record: name or address</source>
            <translation>Zoek het andere dossier: naam of adres</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Records found</source>
            <translation>Gevonden dossiers</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Choose the record that is the same person.</source>
            <translation>Kies het dossier van dezelfde persoon.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No other record found with these words.</source>
            <translation>Geen ander dossier gevonden met deze woorden.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The help requests of the other record move to %1; the other record disappears from lists and search.</source>
            <translation>De hulpvragen van het andere dossier gaan naar %1; het andere dossier verdwijnt uit lijsten en zoeken.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Choose the other record of this resident in the list.</source>
            <translation>Kies het andere dossier van deze inwoner in de lijst.</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/messages.py" line="+46" />
            <source>first name</source>
            <translation>voornaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>prefix</source>
            <translation>tussenvoegsel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>last name</source>
            <translation>achternaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>street</source>
            <translation>straat</translation>
        </message>
        <message>
            <location line="+1" />
            <source>house number</source>
            <translation>huisnummer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>postcode</source>
            <translation>postcode</translation>
        </message>
        <message>
            <location line="+1" />
            <source>place</source>
            <translation>plaats</translation>
        </message>
        <message>
            <location line="+1" />
            <source>phone number</source>
            <translation>telefoonnummer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>question</source>
            <translation>vraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>reason</source>
            <translation>reden</translation>
        </message>
        <message>
            <location line="+1" />
            <source>justification</source>
            <translation>onderbouwing</translation>
        </message>
        <message>
            <location line="+1" />
            <source>advice</source>
            <translation>advies</translation>
        </message>
        <message>
            <location line="+1" />
            <source>summary</source>
            <translation>samenvatting</translation>
        </message>
        <message>
            <location line="+1" />
            <source>description</source>
            <translation>omschrijving</translation>
        </message>
        <message>
            <location line="+1" />
            <source>name</source>
            <translation>naam</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Tick at least one life domain the question is about.</source>
            <translation>Vink minstens één leefgebied aan waar de vraag over gaat.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A help request is only recorded with the resident's consent. Ask for it, tick the box and fill in the date.</source>
            <translation>Een hulpvraag leg je alleen vast met toestemming van de inwoner. Vraag erom, zet het vinkje en vul de datum in.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This date lies in the future. Fill in today or an earlier day.</source>
            <translation>Deze datum ligt in de toekomst. Vul vandaag of een eerdere dag in.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A postcode is four digits and two letters, like 5761 AB.</source>
            <translation>Een postcode is vier cijfers en twee letters, zoals 5761 AB.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A phone number has digits only, like 0492 123456 or 06 12345678.</source>
            <translation>Een telefoonnummer bestaat uit cijfers, zoals 0492 123456 of 06 12345678.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Fill in the minutes spent: at least 1, at most 1440 (a whole day).</source>
            <translation>Vul de bestede minuten in: minstens 1, hoogstens 1440 (een hele dag).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This date lies before the date it follows on. Check the date.</source>
            <translation>Deze datum ligt vóór de datum waarop hij volgt. Controleer de datum.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Tick at least one thing the helper can do.</source>
            <translation>Kies minstens één ding waarmee de buurthulp kan helpen.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose another resident: a record cannot be merged with itself.</source>
            <translation>Kies een andere inwoner: een dossier kan niet met zichzelf worden samengevoegd.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This helper no longer helps. Choose another one.</source>
            <translation>Deze buurthulp helpt niet meer. Kies een ander.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Help cannot end before the day it was arranged.</source>
            <translation>Hulp kan niet eindigen vóór de dag waarop hij geregeld is.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This person does not work at the request's level and area. Choose someone who does.</source>
            <translation>Deze persoon werkt niet op het niveau en in het gebied van de hulpvraag. Kies iemand die dat wel doet.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This text is too long. Keep it short and factual.</source>
            <translation>Deze tekst is te lang. Houd het kort en feitelijk.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Fill in the %1.</source>
            <translation>Vul de %1 in.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose a resident from the search results, or record a new resident.</source>
            <translation>Kies een inwoner uit de zoekresultaten, of leg een nieuwe inwoner vast.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Something you filled in is not right. Check the form and try again.</source>
            <translation>Iets wat je hebt ingevuld klopt niet. Kijk het formulier na en probeer het opnieuw.</translation>
        </message>
        <message>
            <location line="+90" />
            <source>The Wmo track starts once the help request is at the municipality.</source>
            <translation>Het Wmo-traject begint pas als de hulpvraag bij de gemeente ligt.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Register the Wmo notification (melding) first; the other dates follow from it.</source>
            <translation>Leg eerst de Wmo-melding vast; de andere datums volgen daaruit.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Record the date of the application (aanvraag) first; the decision follows on it.</source>
            <translation>Leg eerst de datum van de aanvraag vast; het besluit volgt daarop.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This follow-up has already been marked as done.</source>
            <translation>Deze afspraak is al afgevinkt.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This help has already ended.</source>
            <translation>Deze hulp is al beëindigd.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This help request is closed, so it cannot be changed. Reopen it first if there is new work to do.</source>
            <translation>Deze hulpvraag is afgesloten en kan daarom niet worden gewijzigd. Heropen hem eerst als er nieuw werk is.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This cannot be done now, because the help request has changed in the meantime. Look at the request again and try once more.</source>
            <translation>Dit kan nu niet, omdat de hulpvraag intussen is veranderd. Bekijk de hulpvraag opnieuw en probeer het nog een keer.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The demo register has no user “%1”. Choose one with --user: %2.</source>
            <translation>Het demo-register heeft geen gebruiker ‘%1’. Kies er een met --user: %2.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>You may not do this with this help request: it belongs to another level or area. Ask its owner, or your coordinator, if it needs doing.</source>
            <translation>Dit mag je niet doen met deze hulpvraag: hij hoort bij een ander niveau of gebied. Vraag het aan de eigenaar of je coördinator als het moet gebeuren.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This help request is no longer there, or you may no longer see it. Choose another one from the list.</source>
            <translation>Deze hulpvraag is er niet meer, of je mag hem niet meer zien. Kies een andere uit de lijst.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This register was saved by a newer version of the program. Install the newest version, then start again.</source>
            <translation>Dit register is bewaard door een nieuwere versie van het programma. Installeer de nieuwste versie en start dan opnieuw.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The register could not be opened. Close the program and start it again; if that does not help, ask your administrator.</source>
            <translation>Het register kon niet worden geopend. Sluit het programma en start het opnieuw; helpt dat niet, vraag het dan aan je beheerder.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Something went wrong, and nothing was saved. Try again; if it happens again, close the program, start it again and tell your administrator.</source>
            <translation>Er ging iets mis en er is niets bewaard. Probeer het opnieuw; gebeurt het weer, sluit dan het programma, start het opnieuw en meld het bij je beheerder.</translation>
        </message>
    </context>
    <context>
        <name>Navigation</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/navigation.py" line="+41" />
            <source>Views</source>
            <translation>Overzichten</translation>
        </message>
        <message>
            <location line="+37" />
            <source>My help requests</source>
            <translation>Mijn hulpvragen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All help requests</source>
            <translation>Alle hulpvragen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Waiting for pick-up</source>
            <translation>Wacht op oppakken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-ups</source>
            <translation>Afspraken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wmo deadlines</source>
            <translation>Wmo-termijnen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Neighbourhood helpers</source>
            <translation>Buurthulp</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Help requests you own or are the contact person of</source>
            <translation>Hulpvragen waarvan jij eigenaar of contactpersoon bent</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every help request you may see</source>
            <translation>Alle hulpvragen die je mag zien</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open help requests at your level (%1) that nobody has picked up</source>
            <translation>Open hulpvragen op jouw niveau (%1) die nog niemand heeft opgepakt</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Follow-ups due today and overdue</source>
            <translation>Afspraken van vandaag en die over tijd zijn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Statutory Wmo deadlines, fewest days left first</source>
            <translation>Wettelijke Wmo-termijnen, de krapste bovenaan</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Neighbours and volunteers who can help (own circle)</source>
            <translation>Buren en vrijwilligers die kunnen helpen (eigen kring)</translation>
        </message>
    </context>
    <context>
        <name>PickUpDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="-106" />
            <source>Pick up the help request</source>
            <translation>Hulpvraag oppakken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Pick up</source>
            <translation>&amp;Oppakken</translation>
        </message>
        <message>
            <location line="+11" />
            <source>You become the owner of this help request at the %1.</source>
            <translation>Jij wordt eigenaar van deze hulpvraag op niveau %1.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 stays the contact person.</source>
            <translation>%1 blijft contactpersoon.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Sent up by %1 on %2</source>
            <translation>Opgeschaald door %1 op %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Handed back by %1 on %2</source>
            <translation>Teruggegeven door %1 op %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the program</source>
            <translation>het programma</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Why: %1</source>
            <translation>Waarom: %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Urgency: %1</source>
            <translation>Urgentie: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>not given</source>
            <translation>niet gegeven</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent to share with the district team: %1; with the municipality: %2</source>
            <translation>Toestemming om te delen met het wijkteam: %1; met de gemeente: %2</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Consent withdrawn on %1: nothing more is shared</source>
            <translation>Toestemming ingetrokken op %1: er wordt niets meer gedeeld</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/preview.py" line="+154" />
            <source>Help requests as you last saw them, being updated</source>
            <translation>Hulpvragen zoals je ze het laatst zag; ze worden bijgewerkt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The list as you last saw it. It is being updated…</source>
            <translation>De lijst zoals je hem het laatst zag. Hij wordt bijgewerkt…</translation>
        </message>
    </context>
    <context>
        <name>ReassignDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/admin.py" line="+34" />
            <source>Reassign the help request</source>
            <translation>Hulpvraag overdragen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Reassign</source>
            <translation>&amp;Overdragen</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Looking up who works here…</source>
            <translation>Opzoeken wie hier werkt…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;New owner</source>
            <translation>&amp;Nieuwe eigenaar</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reason (optional, for example leave)</source>
            <translation>Reden (niet verplicht, bijvoorbeeld verlof)</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Nobody else works here</source>
            <translation>Hier werkt verder niemand</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nobody else works at the %1 level in %2. Add a colleague to the area or team on the server first.</source>
            <translation>Op niveau %1 werkt in %2 verder niemand. Voeg eerst op de server een collega toe aan het gebied of het team.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1 becomes the owner instead of %2 and finds it under “My help requests” from now on.</source>
            <translation>%1 wordt de eigenaar in plaats van %2 en vindt de hulpvraag voortaan bij ‘Mijn hulpvragen’.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1 becomes the owner and finds it under “My help requests” from now on.</source>
            <translation>%1 wordt de eigenaar en vindt de hulpvraag voortaan bij ‘Mijn hulpvragen’.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Choose the new owner.</source>
            <translation>Kies de nieuwe eigenaar.</translation>
        </message>
    </context>
    <context>
        <name>Refusal</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/messages.py" line="-164" />
            <source>This help request is handled at another level or in another area. You can read it; the people who handle it there can take this step.</source>
            <translation>Deze hulpvraag ligt bij een ander niveau of in een ander gebied. Je kunt hem lezen; wie hem daar behandelt, kan deze stap zetten.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This help request is closed, so it cannot be changed. Reopen it first if there is new work to do.</source>
            <translation>Deze hulpvraag is afgesloten en kan dus niet veranderen. Heropen hem eerst als er nieuw werk is.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This help request is not closed, so there is nothing to reopen.</source>
            <translation>Deze hulpvraag is niet afgesloten; er is dus niets te heropenen.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The help request is already at the municipality: there is no level above it. You can hand it back or close it.</source>
            <translation>De hulpvraag ligt al bij de gemeente: hoger kan niet. Je kunt hem teruggeven of afsluiten.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The help request is already at the village: there is no level below it to hand it back to.</source>
            <translation>De hulpvraag ligt al in het dorp: lager kan niet, dus teruggeven kan niet.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Nobody has picked this help request up yet. Pick it up first; then you become its owner and can take the next step.</source>
            <translation>Niemand heeft deze hulpvraag nog opgepakt. Pak hem eerst op; dan word jij eigenaar en kun je de volgende stap zetten.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Someone has already picked this help request up; it has an owner.</source>
            <translation>Iemand heeft deze hulpvraag al opgepakt; hij heeft een eigenaar.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Escalating is only possible once the resident has consented to sharing their details. Record the consent or choose “Acute: safety”.</source>
            <translation>Opschalen kan pas als de inwoner toestemming heeft gegeven om gegevens te delen. Leg de toestemming vast of kies ‘Acuut: veiligheid’.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The resident has already withdrawn their consent.</source>
            <translation>De inwoner heeft de toestemming al ingetrokken.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The resident has withdrawn their consent to share their details. Escalating is only possible once they consent again; or choose “Acute: safety”.</source>
            <translation>De inwoner heeft de toestemming om gegevens te delen ingetrokken. Opschalen kan pas weer als de inwoner opnieuw toestemming geeft; of kies ‘Acuut: veiligheid’.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The help request is already waiting on the resident or someone else.</source>
            <translation>De hulpvraag wacht al op de inwoner of op een ander.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The help request is not waiting on anything: it is already open.</source>
            <translation>De hulpvraag wacht nergens op: hij staat al open.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This help request was closed so long ago that the retention period has passed: its personal details have been removed, so it can no longer be reopened or changed. Register a new help request if the resident asks again.</source>
            <translation>Deze hulpvraag is zo lang geleden afgesloten dat de bewaartermijn voorbij is: de persoonsgegevens zijn verwijderd, dus je kunt hem niet meer heropenen of wijzigen. Leg een nieuwe hulpvraag vast als de inwoner opnieuw iets vraagt.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>This step is not possible for this help request now. Look at the request again.</source>
            <translation>Deze stap kan nu niet bij deze hulpvraag. Bekijk de hulpvraag opnieuw.</translation>
        </message>
    </context>
    <context>
        <name>ReopenDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="+110" />
            <source>Reopen the help request</source>
            <translation>Hulpvraag heropenen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Reopen</source>
            <translation>&amp;Heropenen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Why is it reopened? (required)</source>
            <translation>Waarom wordt hij heropend? (verplicht)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The help request is open again at the level %1, with %2 as owner.</source>
            <translation>De hulpvraag staat weer open op niveau %1, met %2 als eigenaar.</translation>
        </message>
    </context>
    <context>
        <name>RequestDetailView</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/detail.py" line="+124" />
            <source>Edit</source>
            <translation>Bewerken</translation>
        </message>
        <message>
            <location line="+39" />
            <source>The help request in full</source>
            <translation>De hele hulpvraag</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Escalate</source>
            <translation>Opschalen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send the help request one level up (Ctrl+E)</source>
            <translation>De hulpvraag één niveau hoger leggen (Ctrl+E)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Pick up</source>
            <translation>Oppakken</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Become the owner of this help request</source>
            <translation>Eigenaar worden van deze hulpvraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Hand back</source>
            <translation>Teruggeven</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Send the help request one level down, with advice</source>
            <translation>De hulpvraag één niveau lager leggen, met advies</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Close</source>
            <translation>Afsluiten</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Close the help request with an outcome</source>
            <translation>De hulpvraag afsluiten met een uitkomst</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Reopen</source>
            <translation>Heropenen</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Open a closed help request again</source>
            <translation>Een afgesloten hulpvraag weer openen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>More</source>
            <translation>Meer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Waiting, consent, merging and more</source>
            <translation>Wachten, toestemming, samenvoegen en meer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>More actions</source>
            <translation>Meer acties</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Put on hold (waiting on someone)…</source>
            <translation>Op wacht zetten (wacht op iemand)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open again (no longer waiting)…</source>
            <translation>Weer openzetten (wacht niet meer)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record consent to share…</source>
            <translation>Toestemming om te delen vastleggen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent withdrawn…</source>
            <translation>Toestemming ingetrokken…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Change the resident's details…</source>
            <translation>Gegevens van de inwoner wijzigen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Merge with a duplicate resident record…</source>
            <translation>Samenvoegen met een dubbel dossier van de inwoner…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Register as a Wmo notification (melding)…</source>
            <translation>Als Wmo-melding registreren…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Personal plan handed in…</source>
            <translation>Persoonlijk plan ingediend…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wmo application (aanvraag) received…</source>
            <translation>Wmo-aanvraag ontvangen…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decision on the application…</source>
            <translation>Besluit op de aanvraag…</translation>
        </message>
        <message>
            <location line="+17" />
            <source>+ Contact</source>
            <translation>+ Contactmoment</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Record a visit, call or talk</source>
            <translation>Een bezoek, telefoontje of gesprek vastleggen</translation>
        </message>
        <message>
            <location line="+3" />
            <source>+ Follow-up</source>
            <translation>+ Afspraak</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Something to do by a date</source>
            <translation>Iets dat vóór een datum moet gebeuren</translation>
        </message>
        <message>
            <location line="+4" />
            <source>+ Own circle</source>
            <translation>+ Eigen kring</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Arrange help from a neighbourhood helper or the resident's own circle</source>
            <translation>Hulp regelen van een buurthulp of uit de eigen kring van de inwoner</translation>
        </message>
        <message>
            <location line="+69" />
            <source>Help request %1 · %2 · registered %3</source>
            <translation>Hulpvraag %1 · %2 · vastgelegd %3</translation>
        </message>
        <message>
            <location line="+15" />
            <source>This help request is closed. Reopen it first if there is new work to do.</source>
            <translation>Deze hulpvraag is afgesloten. Heropen hem eerst als er nieuw werk is.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This help request is handled at another level: you can read it, but not change it.</source>
            <translation>Deze hulpvraag wordt op een ander niveau behandeld: je kunt hem lezen, maar niet wijzigen.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Your change was refused by the server: %1 %2</source>
            <translation>Je wijziging is door de server geweigerd: %1 %2</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A change by %1 was refused by the server: %2</source>
            <translation>Een wijziging van %1 is door de server geweigerd: %2</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Question</source>
            <translation>Vraag</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Life domains</source>
            <translation>Leefgebieden</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Phone: %1</source>
            <translation>Telefoon: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Resident</source>
            <translation>Inwoner</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Level: %1</source>
            <translation>Niveau: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Owner: %1</source>
            <translation>Eigenaar: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>nobody yet, waiting for pick-up</source>
            <translation>nog niemand, wacht op oppakken</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Contact person: %1</source>
            <translation>Contactpersoon: %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Highest level reached: %1</source>
            <translation>Hoogste niveau bereikt: %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Who works on it</source>
            <translation>Wie werkt eraan</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Closed at the level %1: %2</source>
            <translation>Afgesloten op niveau %1: %2</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Wmo track</source>
            <translation>Wmo-traject</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent</source>
            <translation>Toestemming</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Contacts</source>
            <translation>Contactmomenten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-ups</source>
            <translation>Afspraken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Own circle</source>
            <translation>Eigen kring</translation>
        </message>
        <message>
            <location line="+1" />
            <source>History</source>
            <translation>Geschiedenis</translation>
        </message>
        <message>
            <location line="+7" />
            <source>not yet</source>
            <translation>nog niet</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Notification (melding): %1</source>
            <translation>Melding: %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Personal plan: handed in on %1</source>
            <translation>Persoonlijk plan: ingediend op %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Personal plan: may be handed in until %1</source>
            <translation>Persoonlijk plan: kan worden ingediend tot en met %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Application (aanvraag): %1</source>
            <translation>Aanvraag: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Decision: %1</source>
            <translation>Besluit: %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1: by %2</source>
            <translation>%1: uiterlijk %2</translation>
        </message>
        <message>
            <location line="+3" />
            <source>met</source>
            <translation>gehaald</translation>
        </message>
        <message>
            <location line="+10" />
            <source>not given</source>
            <translation>niet gegeven</translation>
        </message>
        <message>
            <location line="+2" />
            <source>To record the data: %1</source>
            <translation>Om gegevens vast te leggen: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>To share with the district team: %1</source>
            <translation>Om te delen met het wijkteam: %1</translation>
        </message>
        <message>
            <location line="+4" />
            <source>To share with the municipality: %1</source>
            <translation>Om te delen met de gemeente: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Withdrawn on %1: nothing more is shared</source>
            <translation>Ingetrokken op %1: er wordt niets meer gedeeld</translation>
        </message>
        <message>
            <location line="+8" />
            <source>No contacts yet.</source>
            <translation>Nog geen contactmomenten.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1, %2 minutes, %3 — %4</source>
            <translation>%1, %2 minuten, %3 — %4</translation>
        </message>
        <message>
            <location line="+7" />
            <source>professionals only</source>
            <translation>alleen voor professionals</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+25" />
            <source>Change</source>
            <translation>Wijzigen</translation>
        </message>
        <message>
            <location line="-19" />
            <source>No follow-ups.</source>
            <translation>Geen afspraken.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>done on %1</source>
            <translation>gedaan op %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>due %1 (%2)</source>
            <translation>op %1 (%2)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>due %1</source>
            <translation>op %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Overdue:</source>
            <translation>Over tijd:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Done</source>
            <translation>Gedaan</translation>
        </message>
        <message>
            <location line="+7" />
            <source>No help from the own circle arranged yet.</source>
            <translation>Nog geen hulp uit de eigen kring geregeld.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>someone from the resident's own circle</source>
            <translation>iemand uit de eigen kring van de inwoner</translation>
        </message>
        <message>
            <location line="+2" />
            <source>since %1</source>
            <translation>sinds %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>, ended %1</source>
            <translation>, gestopt %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Ended today</source>
            <translation>Vandaag beëindigd</translation>
        </message>
        <message>
            <location line="+14" />
            <source>the program</source>
            <translation>het programma</translation>
        </message>
    </context>
    <context>
        <name>RequestForm</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/form.py" line="+153" />
            <source>Save</source>
            <translation>Bewaren</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <location line="+22" />
            <source>What you filled in has not been saved. Stop anyway and lose it?</source>
            <translation>Wat je hebt ingevuld is nog niet bewaard. Toch stoppen en het kwijtraken?</translation>
        </message>
        <message>
            <location line="+5" />
            <location line="+29" />
            <source>Stop and lose it</source>
            <translation>Stoppen en kwijtraken</translation>
        </message>
        <message>
            <location line="-25" />
            <source>Keep filling in</source>
            <translation>Verder invullen</translation>
        </message>
        <message>
            <location line="+56" />
            <source>1. Resident</source>
            <translation>1. Inwoner</translation>
        </message>
        <message>
            <location line="+3" />
            <source>First look up whether the resident is already known, so nobody is registered twice. Type a name or an address.</source>
            <translation>Zoek eerst of de inwoner al bekend is, zodat niemand twee keer wordt vastgelegd. Typ een naam of een adres.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Name or address, for example Jansen Kerkstraat</source>
            <translation>Naam of adres, bijvoorbeeld Jansen Kerkstraat</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Look up the resident</source>
            <translation>Inwoner opzoeken</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Not found: record a new resident</source>
            <translation>Niet gevonden: nieuwe inwoner vastleggen</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Choose another resident</source>
            <translation>Andere inwoner kiezen</translation>
        </message>
        <message>
            <location line="+13" />
            <source>First name</source>
            <translation>Voornaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Prefix</source>
            <translation>Tussenvoegsel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last name</source>
            <translation>Achternaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Street</source>
            <translation>Straat</translation>
        </message>
        <message>
            <location line="+1" />
            <source>House number</source>
            <translation>Huisnummer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Postcode</source>
            <translation>Postcode</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Place</source>
            <translation>Plaats</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Village or district</source>
            <translation>Dorp of wijk</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+82" />
            <source>2. Help request</source>
            <translation>2. Hulpvraag</translation>
        </message>
        <message>
            <location line="-80" />
            <source>The question, in the resident's own words</source>
            <translation>De vraag, in de woorden van de inwoner</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Life domains (tick one or more)</source>
            <translation>Leefgebieden (vink er een of meer aan)</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Urgency</source>
            <translation>Urgentie</translation>
        </message>
        <message>
            <location line="+22" />
            <source>3. Consent</source>
            <translation>3. Toestemming</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ask the resident whether you may record these details. Without consent nothing is recorded.</source>
            <translation>Vraag de inwoner of je deze gegevens mag vastleggen. Zonder toestemming leg je niets vast.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Consent to record given on</source>
            <translation>Toestemming om vast te leggen gegeven op</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Date of the consent to record</source>
            <translation>Datum van de toestemming om vast te leggen</translation>
        </message>
        <message>
            <location line="+14" />
            <source>New help request</source>
            <translation>Nieuwe hulpvraag</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Edit help request %1 of %2</source>
            <translation>Hulpvraag %1 van %2 bewerken</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Help request</source>
            <translation>Hulpvraag</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Question: %1</source>
            <translation>Vraag: %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Life domains: %1</source>
            <translation>Leefgebieden: %1</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Urgency: %1</source>
            <translation>Urgentie: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Changed by someone else while you were editing. What you typed here is kept; saving puts it over this:</source>
            <translation>Veranderd door iemand anders terwijl jij aan het bewerken was. Wat je hier typte blijft staan; bewaren zet het over dit heen:</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Click to choose this resident</source>
            <translation>Klik om deze inwoner te kiezen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Click the resident to choose them.</source>
            <translation>Klik op de inwoner om hem of haar te kiezen.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No resident found with these words. Record a new resident below.</source>
            <translation>Geen inwoner gevonden met deze woorden. Leg hieronder een nieuwe inwoner vast.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Resident: %1</source>
            <translation>Inwoner: %1</translation>
        </message>
        <message>
            <location line="+16" />
            <source>New resident: fill in the details below.</source>
            <translation>Nieuwe inwoner: vul hieronder de gegevens in.</translation>
        </message>
    </context>
    <context>
        <name>RequestListModel</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/request_model.py" line="+70" />
            <source>Resident</source>
            <translation>Inwoner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgency</source>
            <translation>Urgentie</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up</source>
            <translation>Afspraak</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last change</source>
            <translation>Gewijzigd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Area</source>
            <translation>Gebied</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reference</source>
            <translation>Kenmerk</translation>
        </message>
        <message>
            <location line="+196" />
            <source>Click to sort by this</source>
            <translation>Klik om hierop te sorteren</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The next follow-up that is not done yet</source>
            <translation>De eerstvolgende afspraak die nog niet gedaan is</translation>
        </message>
    </context>
    <context>
        <name>ResidentDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/residents.py" line="-114" />
            <source>Change the resident's details</source>
            <translation>Gegevens van de inwoner wijzigen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Save</source>
            <translation>&amp;Opslaan</translation>
        </message>
        <message>
            <location line="+8" />
            <source>First name</source>
            <translation>Voornaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Prefix (van, de, …)</source>
            <translation>Tussenvoegsel (van, de, …)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last name</source>
            <translation>Achternaam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Street</source>
            <translation>Straat</translation>
        </message>
        <message>
            <location line="+1" />
            <source>House number</source>
            <translation>Huisnummer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Postcode</source>
            <translation>Postcode</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Place</source>
            <translation>Plaats</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The new details show on every help request of %1.</source>
            <translation>De nieuwe gegevens staan dan bij elke hulpvraag van %1.</translation>
        </message>
    </context>
    <context>
        <name>Screenshot</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/screenshot.py" line="+195" />
            <source>Buurvrouw deed boodschappen, maar verhuist. Mantelzorg door de dochter lukt niet meer; er is een keukentafelgesprek nodig over zorg thuis.</source>
            <translation>Buurvrouw deed boodschappen, maar verhuist. Mantelzorg door de dochter lukt niet meer; er is een keukentafelgesprek nodig over zorg thuis.</translation>
        </message>
    </context>
    <context>
        <name>ShortLists</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/short_lists.py" line="+84" />
            <source>Help requests waiting for pick-up</source>
            <translation>Hulpvragen die wachten op oppakken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-ups due</source>
            <translation>Afspraken die nu moeten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wmo deadlines</source>
            <translation>Wmo-termijnen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Neighbourhood helpers</source>
            <translation>Buurthulp</translation>
        </message>
        <message>
            <location line="+50" />
            <source>Only my follow-ups</source>
            <translation>Alleen mijn afspraken</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Mark as done</source>
            <translation>Afvinken</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The chosen follow-up is done today</source>
            <translation>De gekozen afspraak is vandaag gedaan</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Pick up</source>
            <translation>Oppakken</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Become the owner of the chosen help request</source>
            <translation>Eigenaar worden van de gekozen hulpvraag</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Village or district</source>
            <translation>Dorp of wijk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>All my areas</source>
            <translation>Al mijn gebieden</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Helps with</source>
            <translation>Helpt met</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Helps with anything</source>
            <translation>Helpt met alles</translation>
        </message>
        <message>
            <location line="+6" />
            <source>New helper</source>
            <translation>Nieuwe buurthulp</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Register a neighbourhood helper</source>
            <translation>Een buurthulp vastleggen</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Change</source>
            <translation>Wijzigen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Change the chosen helper</source>
            <translation>De gekozen buurthulp wijzigen</translation>
        </message>
    </context>
    <context>
        <name>Start</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/start.py" line="+52" />
            <location line="+6" />
            <source>Registers on this computer</source>
            <translation>Registers op deze computer</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Register of %1</source>
            <translation>Register van %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Demo register — made-up data, never synchronised</source>
            <translation>Demoregister — verzonnen gegevens, nooit gesynchroniseerd</translation>
        </message>
        <message>
            <location line="+14" />
            <source>&amp;Password:</source>
            <translation>&amp;Wachtwoord:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Open</source>
            <translation>&amp;Openen</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Connect to your municipality's server</source>
            <translation>Verbinden met de server van je gemeente</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The first time you work with real data: give the server's address and the username and password you got from your administrator. Your register is then made on this computer, encrypted with your password. After that it opens without the network too.</source>
            <translation>De eerste keer dat je met echte gegevens werkt: vul het adres van de server in en de gebruikersnaam en het wachtwoord die je van je beheerder kreeg. Je register wordt dan op deze computer gemaakt, versleuteld met je wachtwoord. Daarna opent het ook zonder netwerk.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Server &amp;address:</source>
            <translation>Adres van de &amp;server:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Username:</source>
            <translation>&amp;Gebruikersnaam:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pass&amp;word:</source>
            <translation>Wacht&amp;woord:</translation>
        </message>
        <message>
            <location line="+6" />
            <source>&amp;Connect</source>
            <translation>&amp;Verbinden</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Type your password to open your register.</source>
            <translation>Typ je wachtwoord om je register te openen.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Opening the register…</source>
            <translation>Het register wordt geopend…</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Fill in the server address, your username and your password.</source>
            <translation>Vul het adres van de server, je gebruikersnaam en je wachtwoord in.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Signing in…</source>
            <translation>Aanmelden…</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Receiving your data…</source>
            <translation>Je gegevens worden ontvangen…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Received %1</source>
            <translation>Ontvangen: %1</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The server did not accept this username and password. Check them and try again. Nothing was made or changed on this computer.</source>
            <translation>De server accepteert deze gebruikersnaam en dit wachtwoord niet. Controleer ze en probeer het opnieuw. Er is niets gemaakt of veranderd op deze computer.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The server at %1 cannot be reached. Check the address and the network connection, and try again. Nothing was made or changed on this computer.</source>
            <translation>De server op %1 is niet bereikbaar. Controleer het adres en de netwerkverbinding en probeer het opnieuw. Er is niets gemaakt of veranderd op deze computer.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This is not a server address; it looks like %1.</source>
            <translation>Dit is geen adres van een server; dat ziet eruit als %1.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This is not a username: use letters, digits, dots or dashes.</source>
            <translation>Dit is geen gebruikersnaam: gebruik letters, cijfers, punten of streepjes.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Too many attempts. Wait a few minutes and try again. Nothing was changed.</source>
            <translation>Te veel pogingen. Wacht een paar minuten en probeer het opnieuw. Er is niets veranderd.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The server does not accept this computer. Ask your administrator. Nothing was changed.</source>
            <translation>De server accepteert deze computer niet. Vraag het je beheerder. Er is niets veranderd.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The register of this user on this computer belongs to another account; it was left as it is.</source>
            <translation>Het register van deze gebruiker op deze computer hoort bij een ander account; het is gelaten zoals het was.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The server refused: %1. Nothing was made or changed.</source>
            <translation>De server weigerde: %1. Er is niets gemaakt of veranderd.</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/sync.py" line="+57" />
            <source>Downloading: %1 of %2 MB</source>
            <translation>Ophalen: %1 van %2 MB</translation>
        </message>
        <message>
            <location line="+74" />
            <source>The server cannot be reached. Your work is kept on this computer and is sent as soon as the server can be reached.</source>
            <translation>De server is niet bereikbaar. Je werk blijft bewaard op deze computer en wordt verstuurd zodra de server bereikbaar is.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Sign in again to send your work: Program → Sign in again. You can go on working meanwhile.</source>
            <translation>Meld je opnieuw aan om je werk te versturen: Programma → Opnieuw aanmelden. Je kunt intussen gewoon doorwerken.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The server no longer accepts this version of the program. Your work is kept: ask your IT contact to update the program.</source>
            <translation>De server accepteert deze versie van het programma niet meer. Je werk blijft bewaard: vraag je ICT-contactpersoon het programma bij te werken.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The server asks to wait a moment. Your work is kept.</source>
            <translation>De server vraagt even te wachten. Je werk blijft bewaard.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The server has a problem. Your work is kept on this computer.</source>
            <translation>De server heeft een probleem. Je werk blijft bewaard op deze computer.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The server was restored from a backup: this computer sent everything again. Nothing of your work is lost.</source>
            <translation>De server is teruggezet uit een back-up: deze computer heeft alles opnieuw verstuurd. Er is niets van je werk verloren.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Some data differs from the server's; it is being repaired with the next sync.</source>
            <translation>Sommige gegevens wijken af van die op de server; dat wordt hersteld bij de volgende synchronisatie.</translation>
        </message>
        <message>
            <location line="+6" />
            <location line="+23" />
            <source>Trying again at %1.</source>
            <translation>Nieuwe poging om %1.</translation>
        </message>
        <message>
            <location line="-16" />
            <source>Server cannot be reached — your work is kept</source>
            <translation>Server niet bereikbaar — je werk blijft bewaard</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Sign in again: Program → Sign in again</source>
            <translation>Meld je opnieuw aan: Programma → Opnieuw aanmelden</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Update the program — your work is kept</source>
            <translation>Werk het programma bij — je werk blijft bewaard</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The server asks to wait — your work is kept</source>
            <translation>De server vraagt te wachten — je werk blijft bewaard</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Server problem — your work is kept</source>
            <translation>Probleem bij de server — je werk blijft bewaard</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Server restored — nothing is lost</source>
            <translation>Server teruggezet — er is niets verloren</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Being repaired with the next sync</source>
            <translation>Wordt hersteld bij de volgende synchronisatie</translation>
        </message>
        <message>
            <location line="+15" />
            <location line="+347" />
            <source>Synchronising…</source>
            <translation>Bezig met synchroniseren…</translation>
        </message>
        <message>
            <location line="-345" />
            <source>Online</source>
            <translation>Online</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Offline</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not yet sent: %1</source>
            <translation>Nog niet verstuurd: %1</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Updated at %1</source>
            <translation>Bijgewerkt om %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Not synchronised yet</source>
            <translation>Nog niet gesynchroniseerd</translation>
        </message>
        <message>
            <location line="+49" />
            <source>Synchronisation…</source>
            <translation>Synchronisatie…</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+18" />
            <source>What is unsent, refused, lost or not delivered</source>
            <translation>Wat nog niet verstuurd, geweigerd, verloren of niet afgeleverd is</translation>
        </message>
        <message>
            <location line="-10" />
            <source>Sign &amp;in again…</source>
            <translation>Opnieuw &amp;aanmelden…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Give your password again so syncing can go on</source>
            <translation>Geef je wachtwoord opnieuw zodat het synchroniseren door kan gaan</translation>
        </message>
        <message>
            <location line="+5" />
            <source>S&amp;ynchronisation overview…</source>
            <translation>Overzicht s&amp;ynchronisatie…</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Send your work and receive what others changed, now</source>
            <translation>Verstuur je werk en ontvang wat anderen veranderden, nu meteen</translation>
        </message>
        <message>
            <location line="+74" />
            <source>Sent %1 of %2</source>
            <translation>%1 van %2 verstuurd</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Received %1</source>
            <translation>Ontvangen: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Checking…</source>
            <translation>Controleren…</translation>
        </message>
        <message>
            <location line="+64" />
            <source>Sign in again</source>
            <translation>Opnieuw aanmelden</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Your sign-in with the server has ended. Your password:</source>
            <translation>Je aanmelding bij de server is verlopen. Je wachtwoord:</translation>
        </message>
        <message>
            <location line="+48" />
            <source>The server did not accept this password. Your work is kept.</source>
            <translation>De server accepteert dit wachtwoord niet. Je werk blijft bewaard.</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Server: %1</source>
            <translation>Server: %1</translation>
        </message>
    </context>
    <context>
        <name>SyncPanel</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/sync_panel.py" line="+142" />
            <location line="+26" />
            <location line="+1" />
            <location line="+2" />
            <source>someone</source>
            <translation>iemand</translation>
        </message>
        <message>
            <location line="+52" />
            <source>Question</source>
            <translation>Vraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgency</source>
            <translation>Urgentie</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Life domains</source>
            <translation>Leefgebieden</translation>
        </message>
        <message>
            <location line="+11" />
            <source>help request</source>
            <translation>hulpvraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>resident</source>
            <translation>inwoner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>contact</source>
            <translation>contact</translation>
        </message>
        <message>
            <location line="+1" />
            <source>follow-up</source>
            <translation>vervolgactie</translation>
        </message>
        <message>
            <location line="+1" />
            <source>arranged help</source>
            <translation>geregelde hulp</translation>
        </message>
        <message>
            <location line="+1" />
            <source>helper</source>
            <translation>helper</translation>
        </message>
        <message>
            <location line="-27" />
            <location line="+28" />
            <source>step</source>
            <translation>stap</translation>
        </message>
        <message>
            <location line="-30" />
            <source>new</source>
            <translation>nieuw</translation>
        </message>
        <message>
            <location line="+1" />
            <source>change</source>
            <translation>wijziging</translation>
        </message>
        <message>
            <location line="+2" />
            <source>removal</source>
            <translation>verwijdering</translation>
        </message>
        <message>
            <location line="+1" />
            <source>anonymisation</source>
            <translation>anonimisering</translation>
        </message>
        <message>
            <location line="+37" />
            <source>You may no longer change this.</source>
            <translation>Je mag dit niet meer veranderen.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ask the owner of the help request to make the change.</source>
            <translation>Vraag de eigenaar van de hulpvraag de wijziging te doen.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The record is no longer there for you.</source>
            <translation>Dit is niet meer zichtbaar voor jou.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ask your coordinator whether it was moved to someone else.</source>
            <translation>Vraag je coördinator of het naar iemand anders is gegaan.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The change did not fit the rules.</source>
            <translation>De wijziging paste niet in de regels.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Make the change again; if it is refused again, tell your IT contact.</source>
            <translation>Doe de wijziging opnieuw; wordt ze weer geweigerd, meld het dan bij je ICT-contactpersoon.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The help request was closed meanwhile.</source>
            <translation>De hulpvraag is intussen afgesloten.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reopen it if there is new work, then make the change again.</source>
            <translation>Heropen hem als er nieuw werk is, en doe de wijziging dan opnieuw.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The help request moved on meanwhile (another level or status).</source>
            <translation>De hulpvraag is intussen verder gegaan (een ander niveau of een andere status).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Look at the help request as it is now and take the step again.</source>
            <translation>Bekijk de hulpvraag zoals hij nu is en zet de stap opnieuw.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The step is not possible now.</source>
            <translation>Deze stap kan nu niet.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Look at the help request as it is now; its steps say why.</source>
            <translation>Bekijk de hulpvraag zoals hij nu is; bij de stappen staat waarom.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The record was anonymised or erased.</source>
            <translation>De gegevens zijn geanonimiseerd of gewist.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Nothing to do: the change is not needed.</source>
            <translation>Je hoeft niets te doen: de wijziging is niet meer nodig.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The help request is no longer on this computer (your areas changed).</source>
            <translation>De hulpvraag staat niet meer op deze computer (je gebieden zijn veranderd).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The owner of the help request has been told. Tell them what you did.</source>
            <translation>De eigenaar van de hulpvraag is ingelicht. Vertel hem of haar wat je deed.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The server refused this change (%1).</source>
            <translation>De server weigerde deze wijziging (%1).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Make the change again, or ask your coordinator.</source>
            <translation>Doe de wijziging opnieuw, of vraag het je coördinator.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>(empty)</source>
            <translation>(leeg)</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Synchronisation</source>
            <translation>Synchronisatie</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+7" />
            <location line="+8" />
            <location line="+11" />
            <source>Help request</source>
            <translation>Hulpvraag</translation>
        </message>
        <message>
            <location line="-25" />
            <location line="+7" />
            <location line="+8" />
            <source>Change</source>
            <translation>Wijziging</translation>
        </message>
        <message>
            <location line="-14" />
            <source>Made at</source>
            <translation>Gemaakt op</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Why refused</source>
            <translation>Waarom geweigerd</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+8" />
            <source>What to do</source>
            <translation>Wat te doen</translation>
        </message>
        <message>
            <location line="-1" />
            <source>Why</source>
            <translation>Waarom</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Field</source>
            <translation>Veld</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Value now</source>
            <translation>Waarde nu</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Value that lost</source>
            <translation>Verloren waarde</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lost by</source>
            <translation>Verloren door</translation>
        </message>
        <message>
            <location line="+1" />
            <source>When</source>
            <translation>Wanneer</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Restore the value that lost</source>
            <translation>Verloren waarde &amp;terugzetten</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Keep the value now</source>
            <translation>Huidige waarde &amp;houden</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Check with the server</source>
            <translation>Controle met de server</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Sync &amp;now</source>
            <translation>Nu &amp;synchroniseren</translation>
        </message>
        <message>
            <location line="+77" />
            <source>Changed by %1</source>
            <translation>Veranderd door %1</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Not yet sent (%1)</source>
            <translation>Nog niet verstuurd (%1)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refused (%1)</source>
            <translation>Geweigerd (%1)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lost values (%1)</source>
            <translation>Verloren waarden (%1)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not delivered (%1)</source>
            <translation>Niet afgeleverd (%1)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>All in order: this computer holds the same as the server.</source>
            <translation>Alles in orde: deze computer heeft hetzelfde als de server.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Some data differs from the server's; it is being repaired with the next sync. Nothing is deleted to repair it.</source>
            <translation>Sommige gegevens wijken af van die op de server; dat wordt hersteld bij de volgende synchronisatie. Er wordt niets gewist om het te herstellen.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Not compared with the server yet.</source>
            <translation>Nog niet vergeleken met de server.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>(compared %1)</source>
            <translation>(vergeleken %1)</translation>
        </message>
    </context>
    <context>
        <name>UserChooser</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/chooser.py" line="+33" />
            <source>Who are you?</source>
            <translation>Wie ben je?</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This is the demo register, with made-up residents. Choose whose eyes you want to look through: a village supporter sees their own village, a district team member what reached the team, the municipality what reached the municipality.</source>
            <translation>Dit is het demo-register, met verzonnen inwoners. Kies door wiens ogen je wilt kijken: een dorpsondersteuner ziet het eigen dorp, een wijkteamlid wat bij het wijkteam kwam, de gemeente wat bij de gemeente kwam.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Continue</source>
            <translation>Verder</translation>
        </message>
    </context>
    <context>
        <name>WaitDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/steps.py" line="+27" />
            <source>Put the help request on hold</source>
            <translation>Hulpvraag op wacht zetten</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Open it again</source>
            <translation>Weer openzetten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Put on &amp;hold</source>
            <translation>Op &amp;wacht zetten</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Open again</source>
            <translation>Weer &amp;openzetten</translation>
        </message>
        <message>
            <location line="+7" />
            <source>What or whom is it waiting for? (optional)</source>
            <translation>Waarop of op wie wacht hij? (mag leeg)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>What changed? (optional)</source>
            <translation>Wat is er veranderd? (mag leeg)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The status becomes Waiting. Open it again as soon as there is news.</source>
            <translation>De status wordt Wacht. Zet hem weer open zodra er nieuws is.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The status becomes Open again.</source>
            <translation>De status wordt weer Open.</translation>
        </message>
    </context>
    <context>
        <name>WithdrawConsentDialog</name>
        <message>
            <location line="+80" />
            <source>Consent withdrawn</source>
            <translation>Toestemming ingetrokken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record the &amp;withdrawal</source>
            <translation>&amp;Intrekking vastleggen</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Withdrawn on</source>
            <translation>Ingetrokken op</translation>
        </message>
        <message>
            <location line="+4" />
            <source>What did the resident say? (optional)</source>
            <translation>Wat zei de inwoner? (mag leeg)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Nothing more is shared with the district team or the municipality; escalating is then only possible for an acute safety concern.</source>
            <translation>Er wordt niets meer gedeeld met het wijkteam of de gemeente; opschalen kan dan alleen nog bij acuut gevaar.</translation>
        </message>
    </context>
    <context>
        <name>WmoDialog</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/dialogs/wmo.py" line="+32" />
            <source>Register as a Wmo notification (melding)</source>
            <translation>Registreren als Wmo-melding</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Register the &amp;notification</source>
            <translation>&amp;Melding registreren</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Personal plan handed in</source>
            <translation>Persoonlijk plan ingediend</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Record &amp;plan</source>
            <translation>&amp;Plan vastleggen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Wmo application (aanvraag) received</source>
            <translation>Wmo-aanvraag ontvangen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record the &amp;application</source>
            <translation>&amp;Aanvraag vastleggen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Decision on the application</source>
            <translation>Besluit op de aanvraag</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Record &amp;decision</source>
            <translation>&amp;Besluit vastleggen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Date of the notification (melding)</source>
            <translation>Datum van de melding</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date the personal plan was handed in</source>
            <translation>Datum waarop het persoonlijk plan is ingediend</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date of the application (aanvraag)</source>
            <translation>Datum van de aanvraag</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Date of the decision</source>
            <translation>Datum van het besluit</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Decision</source>
            <translation>Besluit</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The statutory six weeks for the investigation start on this date; the resident may hand in a personal plan within seven days.</source>
            <translation>Op deze datum beginnen de wettelijke zes weken voor het onderzoek; de inwoner mag binnen zeven dagen een persoonlijk plan indienen.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The personal plan is part of the investigation.</source>
            <translation>Het persoonlijk plan hoort bij het onderzoek.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The statutory two weeks for the decision start on this date.</source>
            <translation>Op deze datum beginnen de wettelijke twee weken voor het besluit.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The Wmo track of this help request is then complete.</source>
            <translation>Het Wmo-traject van deze hulpvraag is dan rond.</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/words.py" line="+31" />
            <source>Village</source>
            <translation>Dorp</translation>
        </message>
        <message>
            <location line="+2" />
            <source>District team</source>
            <translation>Wijkteam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Municipality</source>
            <translation>Gemeente</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Waiting</source>
            <translation>Wacht</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+69" />
            <source>Closed</source>
            <translation>Afgesloten</translation>
        </message>
        <message>
            <location line="-64" />
            <source>High</source>
            <translation>Hoog</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Acute</source>
            <translation>Acuut</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Normal</source>
            <translation>Normaal</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Village supporter</source>
            <translation>Dorpsondersteuner</translation>
        </message>
        <message>
            <location line="+2" />
            <source>District team member</source>
            <translation>Wijkteamlid</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Municipal officer</source>
            <translation>Medewerker gemeente</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Administrator</source>
            <translation>Beheerder</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Housing</source>
            <translation>Wonen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wellbeing</source>
            <translation>Welzijn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Care</source>
            <translation>Zorg</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Work and income</source>
            <translation>Werk en inkomen</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+74" />
            <source>Transport</source>
            <translation>Vervoer</translation>
        </message>
        <message>
            <location line="-73" />
            <source>Social contact</source>
            <translation>Sociaal contact</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Informal care</source>
            <translation>Mantelzorg</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Finances</source>
            <translation>Financiën</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other</source>
            <translation>Overig</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Home visit</source>
            <translation>Huisbezoek</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone call</source>
            <translation>Telefoongesprek</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kitchen-table talk</source>
            <translation>Keukentafelgesprek</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Meeting</source>
            <translation>Overleg</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Message</source>
            <translation>Bericht</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other contact</source>
            <translation>Ander contact</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Registered</source>
            <translation>Vastgelegd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Changed</source>
            <translation>Gewijzigd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Contact added</source>
            <translation>Contactmoment toegevoegd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Contact changed</source>
            <translation>Contactmoment gewijzigd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Contact deleted</source>
            <translation>Contactmoment verwijderd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up added</source>
            <translation>Afspraak toegevoegd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up done</source>
            <translation>Afspraak gedaan</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up changed</source>
            <translation>Afspraak gewijzigd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up deleted</source>
            <translation>Afspraak verwijderd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Own-circle help arranged</source>
            <translation>Hulp uit eigen kring geregeld</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Own-circle help ended</source>
            <translation>Hulp uit eigen kring gestopt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status changed</source>
            <translation>Status gewijzigd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Escalated</source>
            <translation>Opgeschaald</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Picked up</source>
            <translation>Opgepakt</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Handed back</source>
            <translation>Teruggegeven</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Reopened</source>
            <translation>Heropend</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent given</source>
            <translation>Toestemming gegeven</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent withdrawn</source>
            <translation>Toestemming ingetrokken</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Handed to someone else</source>
            <translation>Overgedragen aan een ander</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Resident records merged</source>
            <translation>Inwoners samengevoegd</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wmo notification (melding) registered</source>
            <translation>Wmo-melding geregistreerd</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Personal plan handed in</source>
            <translation>Persoonlijk plan ingediend</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wmo application (aanvraag) received</source>
            <translation>Wmo-aanvraag ontvangen</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Wmo decision taken</source>
            <translation>Wmo-besluit genomen</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deleted</source>
            <translation>Verwijderd</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Solved</source>
            <translation>Opgelost</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Referred to a provision</source>
            <translation>Doorverwezen naar een voorziening</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Withdrawn by the resident</source>
            <translation>Ingetrokken door de inwoner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>No help needed</source>
            <translation>Geen hulp nodig</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Shopping</source>
            <translation>Boodschappen</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Odd jobs</source>
            <translation>Klusjes</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Gardening</source>
            <translation>Tuin</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Visiting</source>
            <translation>Bezoek</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paperwork</source>
            <translation>Papierwerk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Computer help</source>
            <translation>Hulp met de computer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Meals</source>
            <translation>Maaltijden</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pets</source>
            <translation>Huisdieren</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Other help</source>
            <translation>Andere hulp</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Granted</source>
            <translation>Toegekend</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Partly granted</source>
            <translation>Deels toegekend</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Refused</source>
            <translation>Afgewezen</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Investigation (6 weeks)</source>
            <translation>Onderzoek (6 weken)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decision on the application (2 weeks)</source>
            <translation>Besluit op de aanvraag (2 weken)</translation>
        </message>
        <message numerus="yes">
            <location line="+6" />
            <source>Overdue: %n day(s) late</source>
            <translation>
                <numerusform>Te laat: %n dag over tijd</numerusform>
                <numerusform>Te laat: %n dagen over tijd</numerusform>
            </translation>
        </message>
        <message>
            <location line="+2" />
            <source>At risk: due today</source>
            <translation>Bijna te laat: vandaag</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>At risk: %n day(s) left</source>
            <translation>
                <numerusform>Bijna te laat: nog %n dag</numerusform>
                <numerusform>Bijna te laat: nog %n dagen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n day(s) left</source>
            <translation>
                <numerusform>nog %n dag</numerusform>
                <numerusform>nog %n dagen</numerusform>
            </translation>
        </message>
        <message>
            <location line="+93" />
            <source>Demo register: fictional data, never synchronised</source>
            <translation>Demo-register: verzonnen gegevens, synchroniseert nooit</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Synchronisation: not set up yet</source>
            <translation>Synchronisatie: nog niet ingesteld</translation>
        </message>
    </context>
    <context>
        <name>WorkArea</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/work.py" line="+129" />
            <source>Continue</source>
            <translation>Verder gaan</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Open the form again with what you typed</source>
            <translation>Het formulier weer openen met wat je typte</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Throw away</source>
            <translation>Weggooien</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Throw away what you typed then</source>
            <translation>Weggooien wat je toen typte</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Choose a help request in the list to read it here.</source>
            <translation>Kies een hulpvraag in de lijst om hem hier te lezen.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Change the question, life domains or urgency</source>
            <translation>De vraag, leefgebieden of urgentie wijzigen</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Send the help request one level up</source>
            <translation>De hulpvraag één niveau hoger leggen</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Save</source>
            <translation>Bewaren</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Annuleren</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Village supporters record new help requests</source>
            <translation>Dorpsondersteuners leggen nieuwe hulpvragen vast</translation>
        </message>
        <message>
            <location line="+20" />
            <source>&amp;More steps</source>
            <translation>&amp;Meer stappen</translation>
        </message>
        <message numerus="yes">
            <location line="+101" />
            <source>%n help request(s)</source>
            <translation>
                <numerusform>%n hulpvraag</numerusform>
                <numerusform>%n hulpvragen</numerusform>
            </translation>
        </message>
        <message>
            <location line="-52" />
            <source>Stop and go to %1</source>
            <translation>Stoppen en naar %1</translation>
        </message>
        <message>
            <location line="+237" />
            <source>Saved.</source>
            <translation>Bewaard.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>a new help request</source>
            <translation>een nieuwe hulpvraag</translation>
        </message>
        <message>
            <location line="+2" />
            <source>changes to a help request</source>
            <translation>wijzigingen in een hulpvraag</translation>
        </message>
        <message>
            <location line="+4" />
            <source>You were working on %1 and had not saved it (%2). Continue where you left off?</source>
            <translation>Je was bezig met %1 en had die nog niet bewaard (%2). Verder gaan waar je was?</translation>
        </message>
        <message>
            <location line="+57" />
            <source>Close the program?</source>
            <translation>Programma sluiten?</translation>
        </message>
        <message>
            <location line="+3" />
            <source>You have not saved what you typed. It is kept as a draft and offered again when you start the program. Close anyway?</source>
            <translation>Je hebt wat je typte nog niet bewaard. Het blijft als concept bewaard en komt terug als je het programma weer start. Toch sluiten?</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Close the program</source>
            <translation>Het programma sluiten</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go back</source>
            <translation>Terug</translation>
        </message>
    </context>
    <context>
        <name>WorkLists</name>
        <message>
            <location filename="../../dorpsondersteuner/ui/worklists.py" line="+118" />
            <source>Resident</source>
            <translation>Inwoner</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Urgency</source>
            <translation>Urgentie</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Waiting</source>
            <translation>Wacht al</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Area</source>
            <translation>Gebied</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Why</source>
            <translation>Waarom</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent to share</source>
            <translation>Toestemming</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reference</source>
            <translation>Kenmerk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>When</source>
            <translation>Wanneer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Follow-up</source>
            <translation>Afspraak</translation>
        </message>
        <message>
            <location line="+1" />
            <source>For</source>
            <translation>Voor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>Stand</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deadline</source>
            <translation>Termijn</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Due by</source>
            <translation>Uiterlijk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Name</source>
            <translation>Naam</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Helps with</source>
            <translation>Helpt met</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Available</source>
            <translation>Beschikbaar</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Phone</source>
            <translation>Telefoon</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consent since</source>
            <translation>Toestemming sinds</translation>
        </message>
        <message>
            <location line="+11" />
            <source>since today</source>
            <translation>sinds vandaag</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n dag</numerusform>
                <numerusform>%n dagen</numerusform>
            </translation>
        </message>
        <message>
            <location line="+25" />
            <source>Sent by %1 on %2</source>
            <translation>Gestuurd door %1 op %2</translation>
        </message>
        <message>
            <location line="+9" />
            <source>withdrawn</source>
            <translation>ingetrokken</translation>
        </message>
        <message>
            <location line="+9" />
            <source>none</source>
            <translation>geen</translation>
        </message>
        <message>
            <location line="+4" />
            <source>not given</source>
            <translation>niet gegeven</translation>
        </message>
        <message>
            <location line="+4" />
            <source>District team: %1
Municipality: %2</source>
            <translation>Wijkteam: %1
Gemeente: %2</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Withdrawn on %1</source>
            <translation>Ingetrokken op %1</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Today</source>
            <translation>Vandaag</translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>%n day(s) late</source>
            <translation>
                <numerusform>%n dag te laat</numerusform>
                <numerusform>%n dagen te laat</numerusform>
            </translation>
        </message>
    </context>
</TS>