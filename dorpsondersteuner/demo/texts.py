"""What residents ask and what supporters and professionals write down, in Dutch.

Each topic is one kind of question named in the sources (shopping, transport,
loneliness, paperwork, debts, informal care, garden, small jobs, Wmo information,
housing…), with the chances that shape its life: how often it goes to the district
team or on to the municipality, and how often the own circle can help. Templates fill
``{slots}`` from ``SLOTS`` (a capitalised slot name gives a capitalised value), so one
request keeps the same hospital, relative and so on throughout.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.enums import HelperSkill, LifeDomain

SLOTS: dict[str, tuple[str, ...]] = {
    "stad": ("Helmond", "Eindhoven", "Deurne", "Uden", "Boxmeer", "Veghel", "Venray"),
    "ziekenhuis": (
        "het Elkerliek in Helmond",
        "het Catharina Ziekenhuis in Eindhoven",
        "het Maasziekenhuis in Boxmeer",
        "Bernhoven in Uden",
        "het Máxima MC in Veldhoven",
        "het Radboudumc in Nijmegen",
        "het Jeroen Bosch Ziekenhuis",
    ),
    "familielid": (
        "mijn dochter",
        "mijn zoon",
        "mijn schoondochter",
        "mijn nicht",
        "mijn broer",
        "mijn zus",
        "mijn kleindochter",
    ),
    "dag": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"),
    "aandoening": (
        "mijn heupoperatie",
        "mijn knieoperatie",
        "een herseninfarct",
        "mijn val van de trap",
        "de chemokuur",
        "mijn hartinfarct",
        "een gebroken pols",
        "mijn longziekte",
    ),
    "instantie": (
        "de Belastingdienst",
        "het CAK",
        "de SVB",
        "het UWV",
        "de zorgverzekeraar",
        "de gemeente",
        "de energieleverancier",
        "de woningcorporatie",
    ),
    "hulpmiddel": (
        "een traplift",
        "een scootmobiel",
        "een rolstoel",
        "huishoudelijke hulp",
        "een douchestoel en beugels in de badkamer",
        "een rolstoeltaxi-pas",
    ),
    "huisdier": ("mijn hond", "mijn kat", "mijn twee katten", "mijn parkieten", "mijn konijnen"),
    "termijn": ("twee maanden", "drie maanden", "een half jaar", "een paar weken", "een jaar"),
    "jaren": ("twee jaar", "drie jaar", "vijf jaar", "ruim tien jaar"),
    "kind": ("mijn zoon van 15", "mijn dochter van 14", "mijn zoon van 17", "mijn dochter van 12"),
}


@dataclass(frozen=True)
class Topic:
    key: str
    weight: int
    domains: LifeDomain  # always ticked
    extra_domains: LifeDomain  # sometimes ticked as well
    skill: HelperSkill | None  # what a neighbourhood helper would do
    escalate: float  # chance of going to the district team
    to_municipality: float  # chance, once at the district team, of going on
    own_circle: float  # chance that help is arranged in the own circle
    high: float  # share of high urgency
    acute: float  # share of acute urgency
    questions: tuple[str, ...]
    notes: tuple[str, ...]  # the supporter's contact summaries
    follow_ups: tuple[str, ...]
    arranged: tuple[str, ...]  # help by a registered helper, "{helper}"
    own_network: tuple[str, ...]  # help by someone of the resident's own network
    escalation_reasons: tuple[str, ...]  # what was tried before the district team
    solved: tuple[str, ...]
    referred: tuple[str, ...]
    professional_notes: tuple[str, ...] = ()
    municipality_reasons: tuple[str, ...] = ()


TOPICS: tuple[Topic, ...] = (
    Topic(
        key="boodschappen",
        weight=12,
        domains=LifeDomain.WELLBEING,
        extra_domains=LifeDomain.CARE,
        skill=HelperSkill.SHOPPING,
        escalate=0.04,
        to_municipality=0.15,
        own_circle=0.6,
        high=0.05,
        acute=0.0,
        questions=(
            "Sinds {aandoening} kan ik niet meer zelf naar de winkel. {Familielid} woont in "
            "{stad} en komt maar één keer per week. Is er iemand in {plaats} die af en toe "
            "boodschappen voor me kan doen?",
            "Ik ben slecht ter been en de supermarkt is te ver om te lopen. Ik zoek iemand "
            "die één keer per week met me mee wil naar de winkel.",
            "{Partner} ligt in {ziekenhuis} en ik heb geen rijbewijs. Wie kan de komende "
            "weken boodschappen voor me doen?",
            "Ik mag sinds kort niet meer autorijden en zit hier in {plaats} een beetje vast. "
            "Boodschappen doen lukt niet meer. Kan iemand helpen?",
            "Mijn kleinzoon bestelt mijn boodschappen via internet, maar hij gaat studeren. "
            "Wie kan dat van hem overnemen?",
            "Na {aandoening} durf ik niet meer alleen over straat. Wie haalt er boodschappen "
            "voor me tot ik weer beter ben?",
            "Ik heb veel pijn in mijn rug en kan geen tassen meer dragen. Kan iemand op "
            "{dag} met me mee naar de Jumbo?",
        ),
        notes=(
            "Boodschappenlijstje besproken; {aanhef} wil het liefst op {dag}.",
            "Gevraagd of de buren kunnen helpen; buurvrouw denkt erover na.",
            "Uitgelegd hoe boodschappen bestellen bij de supermarkt werkt; {aanhef} wil het "
            "liever niet via internet.",
            "Nagebeld: de eerste keer boodschappen doen ging goed.",
        ),
        follow_ups=(
            "Navragen bij de buurthulp wie op {dag} kan",
            "Bellen of de boodschappenhulp bevalt",
            "Bezorgservice van de supermarkt uitzoeken",
        ),
        arranged=(
            "{helper} doet elke {dag} de boodschappen",
            "{helper} gaat om de week mee naar de winkel",
            "{helper} neemt boodschappen mee als ze zelf gaat",
        ),
        own_network=(
            "Buurvrouw neemt boodschappen mee als ze zelf gaat",
            "{De_familielid} bestelt voortaan online, de buurman zet de kratten binnen",
            "Kennis van de kerk doet op {dag} de grote boodschappen",
        ),
        escalation_reasons=(
            "Eigen kring geprobeerd: de kinderen wonen ver weg en de buurthulp kan maar af en "
            "toe. {Aanhef} redt het thuis steeds minder; graag meekijken of er meer nodig is.",
            "Boodschappen zijn geregeld, maar {aanhef} eet slecht en valt af. Zorgen over "
            "zelfredzaamheid; wijkverpleging in beeld?",
        ),
        solved=(
            "Boodschappenhulp geregeld via de buurthulp; {aanhef} is er blij mee.",
            "Vaste boodschappenhulp op {dag}; loopt goed.",
            "{Aanhef} kan weer zelf naar de winkel sinds de fysiotherapie.",
        ),
        referred=(
            "Aangemeld bij de bezorgdienst van de supermarkt.",
            "Doorverwezen naar de boodschappenservice van de thuiszorg.",
        ),
    ),
    Topic(
        key="vervoer",
        weight=11,
        domains=LifeDomain.TRANSPORT,
        extra_domains=LifeDomain.CARE,
        skill=HelperSkill.TRANSPORT,
        escalate=0.03,
        to_municipality=0.2,
        own_circle=0.65,
        high=0.08,
        acute=0.0,
        questions=(
            "Ik moet op {dag} naar {ziekenhuis} voor een controle. Ik heb geen auto en met de "
            "bus ben ik er uren mee bezig. Kan iemand me brengen en weer ophalen?",
            "Ik moet drie keer per week naar de dialyse in {stad}. {Familielid} kan niet "
            "altijd rijden. Zijn er vrijwilligers die dat kunnen doen?",
            "Sinds {aandoening} moet ik twee keer per week naar de fysiotherapeut in Gemert. "
            "Fietsen lukt niet meer. Wie kan me rijden?",
            "{Partner} ligt in {ziekenhuis}. Ik wil graag op bezoek, maar ik heb geen "
            "vervoer. Kunnen jullie iets regelen?",
            "Ik heb een afspraak bij de oogarts in {stad}. Ik mag daarna niet zelf rijden. "
            "Wie wil me brengen?",
            "De buurtbus rijdt niet op de tijden die ik nodig heb voor de dagbesteding. Is "
            "er een andere oplossing?",
        ),
        notes=(
            "Afspraak doorgenomen: {dag}, ophalen om half negen.",
            "Gebeld met de vrijwillige chauffeur; rit staat vast.",
            "Uitgelegd hoe de Regiotaxi werkt; {aanhef} vindt het duur.",
            "Nagebeld: rit is goed gegaan, volgende afspraak over zes weken.",
        ),
        follow_ups=(
            "Chauffeur zoeken voor de rit op {dag}",
            "Nabellen of de rit goed is gegaan",
            "Regiotaxi-pas aanvragen met {aanhef}",
        ),
        arranged=(
            "{helper} rijdt naar {ziekenhuis}",
            "{helper} rijdt op {dag} naar de fysiotherapeut",
            "{helper} rijdt mee naar de dialyse, om de week",
        ),
        own_network=(
            "Buurman rijdt mee naar het ziekenhuis",
            "{De_familielid} neemt vrij op de dag van de controle",
            "Oud-collega rijdt op {dag} naar de fysiotherapeut",
        ),
        escalation_reasons=(
            "Vervoer lukt niet meer via vrijwilligers: drie ritten per week is te veel voor "
            "de buurthulp. Graag kijken naar een structurele oplossing.",
        ),
        solved=(
            "Vaste chauffeur via de buurthulp; ritten lopen goed.",
            "Rit naar {ziekenhuis} geregeld en gereden.",
            "{De_familielid} regelt het vervoer voortaan zelf.",
        ),
        referred=(
            "Aangemeld voor de Regiotaxi.",
            "Zittend ziekenvervoer via de zorgverzekeraar geregeld.",
        ),
    ),
    Topic(
        key="eenzaamheid",
        weight=10,
        domains=LifeDomain.SOCIAL_CONTACT,
        extra_domains=LifeDomain.WELLBEING,
        skill=HelperSkill.VISITING,
        escalate=0.07,
        to_municipality=0.1,
        own_circle=0.45,
        high=0.05,
        acute=0.0,
        questions=(
            "Sinds {partner} vorig jaar is overleden, zie ik soms dagen niemand. De dagen "
            "zijn lang. Is er iemand die af en toe een kopje koffie komt drinken?",
            "Ik woon sinds {termijn} in {plaats} en ken hier nog niemand. Ik zou graag "
            "mensen leren kennen.",
            "Mijn kinderen wonen ver weg en mijn vriendinnen zijn overleden. Ik voel me "
            "eenzaam. Weet u iets voor mij?",
            "Ik kom de deur bijna niet meer uit. Vroeger ging ik naar het koor, maar dat is "
            "gestopt. Is er iets in {plaats} waar ik naartoe kan?",
            "Ik zou graag iemand hebben om mee te wandelen, alleen durf ik het niet meer.",
            "Sinds ik met pensioen ben, zit ik veel alleen thuis. Ik wil graag iets doen "
            "voor een ander, of samen met anderen.",
        ),
        notes=(
            "Koffie gedronken en lang gepraat; {aanhef} heeft behoefte aan vast bezoek.",
            "Activiteiten in het gemeenschapshuis doorgenomen; {aanhef} wil de "
            "koffieochtend proberen.",
            "Samen naar de koffieochtend geweest; {aanhef} vond het gezellig.",
            "Nagebeld: maatje is twee keer langs geweest, klikt goed.",
        ),
        follow_ups=(
            "Maatje zoeken via de KBO",
            "Meegaan naar de koffieochtend op {dag}",
            "Bellen hoe het eerste bezoek is gegaan",
        ),
        arranged=(
            "{helper} komt elke {dag} koffie drinken",
            "{helper} wandelt wekelijks mee",
            "{helper} haalt {aanhef} op voor de koffieochtend",
        ),
        own_network=(
            "Oude buurvrouw komt weer op bezoek",
            "{De_familielid} belt voortaan elke avond",
            "Samen met de buurman naar de biljartclub",
        ),
        escalation_reasons=(
            "Bezoek via de buurthulp helpt maar even; {aanhef} is somber en slaapt slecht. "
            "Zorgen over depressie; graag inschatting door het wijkteam.",
            "Eigen kring is klein en {aanhef} wil niemand tot last zijn. Sombere gedachten "
            "genoemd; professionele hulp nodig.",
        ),
        solved=(
            "Vast maatje via de buurthulp; {aanhef} komt weer buiten.",
            "Gaat wekelijks naar de koffieochtend en heeft nieuwe contacten.",
            "Lid geworden van de KBO en de wandelgroep.",
        ),
        referred=(
            "Aangemeld bij de ouderenadviseur van de welzijnsstichting.",
            "Doorverwezen naar het maatjesproject in Gemert.",
        ),
        professional_notes=(
            "Gesprek met {aanhef} over rouw en somberheid; huisarts op de hoogte.",
        ),
    ),
    Topic(
        key="post",
        weight=9,
        domains=LifeDomain.FINANCES,
        extra_domains=LifeDomain.OTHER,
        skill=HelperSkill.PAPERWORK,
        escalate=0.09,
        to_municipality=0.15,
        own_circle=0.4,
        high=0.08,
        acute=0.0,
        questions=(
            "Ik krijg brieven van {instantie} die ik niet begrijp. Vroeger deed {partner} de "
            "administratie. Wie kan me helpen?",
            "Ik moet een formulier invullen voor de huurtoeslag en ik snap er niets van. Kan "
            "iemand met me meekijken?",
            "Mijn post stapelt zich op. Ik durf de enveloppen niet meer open te maken.",
            "Ik heb een brief gekregen dat ik iets moet terugbetalen aan {instantie}. Klopt "
            "dat wel?",
            "Wie kan me helpen met de belastingaangifte? {Familielid} deed het altijd, maar "
            "dat lukt nu niet meer.",
            "Ik moet een machtiging regelen voor {familielid}, maar ik weet niet hoe dat moet.",
        ),
        notes=(
            "Samen de post doorgenomen en gesorteerd; twee brieven moeten beantwoord.",
            "Formulier van {instantie} samen ingevuld.",
            "Uitgelegd wat de brief betekent; {aanhef} is gerustgesteld.",
            "Nagebeld: het antwoord van {instantie} is binnen.",
        ),
        follow_ups=(
            "Formulier samen invullen en opsturen",
            "Bellen met {instantie} over de brief",
            "Thuisadministrateur zoeken via de KBO",
        ),
        arranged=(
            "{helper} helpt maandelijks met de administratie",
            "{helper} vult de belastingaangifte in",
            "{helper} kijkt elke twee weken de post door",
        ),
        own_network=(
            "{De_familielid} neemt de administratie over, met machtiging",
            "Buurman helpt met de formulieren",
        ),
        escalation_reasons=(
            "De administratie is een grote stapel; er zijn ook betalingsachterstanden. Te "
            "ingewikkeld voor de vrijwilliger; graag hulp van het wijkteam.",
        ),
        solved=(
            "Post is op orde; de thuisadministrateur komt maandelijks.",
            "Formulier ingevuld en verstuurd; toeslag is toegekend.",
            "Brief was een vergissing van {instantie}; rechtgezet.",
        ),
        referred=(
            "Doorverwezen naar het sociaal raadsliedenwerk.",
            "Aangemeld bij de belastingservice van de KBO.",
        ),
    ),
    Topic(
        key="schulden",
        weight=5,
        domains=LifeDomain.FINANCES,
        extra_domains=LifeDomain.WORK_AND_INCOME,
        skill=HelperSkill.PAPERWORK,
        escalate=0.45,
        to_municipality=0.35,
        own_circle=0.1,
        high=0.25,
        acute=0.03,
        questions=(
            "Ik heb een huurachterstand van {termijn} en nu krijg ik brieven van een "
            "deurwaarder. Ik weet niet meer wat ik moet doen.",
            "Sinds mijn scheiding kom ik elke maand tekort. Ik heb al een paar rekeningen "
            "niet betaald.",
            "Ik durf de post niet meer open te maken; er zitten aanmaningen tussen van "
            "{instantie}. Ik schaam me ervoor.",
            "Mijn energierekening is zo hoog geworden dat ik de rest niet meer kan betalen. "
            "Wie kan me helpen?",
            "{Familielid} heeft geld van mijn rekening gehaald en nu kan ik de huur niet betalen.",
        ),
        notes=(
            "Overzicht gemaakt van inkomsten en vaste lasten.",
            "Samen de aanmaningen op een rij gezet; {aanhef} schrikt van het totaal.",
            "Besproken wat de schuldhulpverlening van de gemeente doet; {aanhef} twijfelt.",
            "Gebeld met de verhuurder over een betalingsregeling.",
        ),
        follow_ups=(
            "Overzicht van alle schulden maken",
            "Betalingsregeling aanvragen bij de verhuurder",
            "Aanmelding schuldhulpverlening voorbereiden",
        ),
        arranged=("{helper} helpt met het overzicht van inkomsten en uitgaven",),
        own_network=("{De_familielid} helpt met een kasboek",),
        escalation_reasons=(
            "Schulden lopen op en er is een deurwaarder; met een kasboek lukt het niet meer. "
            "Professionele schuldhulp nodig.",
            "Betalingsregeling met de verhuurder geprobeerd, maar er zijn meer schuldeisers. "
            "Graag inzet van het wijkteam.",
        ),
        solved=(
            "Betalingsregelingen getroffen; {aanhef} houdt het overzicht zelf bij.",
            "Schulden in beeld en afgelost met hulp van {de_familielid}.",
        ),
        referred=(
            "Aangemeld bij de schuldhulpverlening van de gemeente.",
            "Doorverwezen naar SchuldHulpMaatje.",
        ),
        professional_notes=(
            "Budgetgesprek gevoerd; maandbudget opgesteld.",
            "Contact gehad met de deurwaarder; beslag voorlopig opgeschort.",
        ),
        municipality_reasons=(
            "Problematische schulden bij meerdere schuldeisers; aanmelding voor een "
            "schuldregeling via de gemeente.",
            "Dreigende huisuitzetting door huurachterstand; inzet gemeente nodig.",
        ),
    ),
    Topic(
        key="mantelzorg",
        weight=7,
        domains=LifeDomain.INFORMAL_CARE,
        extra_domains=LifeDomain.CARE,
        skill=HelperSkill.VISITING,
        escalate=0.22,
        to_municipality=0.3,
        own_circle=0.35,
        high=0.15,
        acute=0.02,
        questions=(
            "Ik zorg al {jaren} voor {partner}, die dementie heeft. Ik ben zo moe. Ik kan "
            "nergens meer heen, want ik durf {hem_haar} niet alleen te laten.",
            "Ik zorg voor mijn moeder van 91 en daarnaast werk ik nog. Ik trek het niet meer.",
            "{Partner} heeft na een herseninfarct veel zorg nodig. Kan er iemand een middag "
            "in de week bij blijven, zodat ik even weg kan?",
            "Ik ben mantelzorger voor mijn broer met een verstandelijke beperking. Onze "
            "ouders zijn overleden en ik sta er nu alleen voor.",
            "Ik doe alles voor {partner}, maar mijn eigen gezondheid gaat achteruit. De "
            "huisarts zegt dat ik hulp moet vragen.",
        ),
        notes=(
            "Lang gesprek over de zorg thuis; {aanhef} is zichtbaar moe.",
            "Besproken wat er in de eigen kring kan; de kinderen kunnen meer doen dan gedacht.",
            "Informatie gegeven over mantelzorgondersteuning en de mantelzorgwaardering.",
            "Nagebeld: de eerste oppasmiddag is goed gegaan.",
        ),
        follow_ups=(
            "Familieberaad plannen met de kinderen",
            "Vrijwilliger zoeken voor één middag per week",
            "Informatie over dagbesteding opzoeken",
        ),
        arranged=(
            "{helper} blijft elke {dag}middag bij {de_partner}",
            "{helper} komt om de week een middag oppassen",
        ),
        own_network=(
            "Kinderen nemen om beurten een avond over",
            "Buurvrouw komt op {dag} bij {de_partner} zitten",
        ),
        escalation_reasons=(
            "Oppas via de buurthulp geregeld, maar de mantelzorger is overbelast. "
            "Dagbesteding of respijtzorg nodig; graag wijkteam erbij.",
            "Kinderen helpen waar het kan; de zorg is zwaarder geworden dan de eigen kring "
            "kan dragen.",
        ),
        solved=(
            "Vaste oppasmiddag en de kinderen helpen mee; {aanhef} heeft weer lucht.",
            "Mantelzorger heeft weer tijd voor zichzelf; afspraken met de familie werken.",
        ),
        referred=(
            "Aangemeld bij het steunpunt mantelzorg.",
            "Doorverwezen naar de casemanager dementie.",
        ),
        professional_notes=(
            "Huisbezoek met de casemanager dementie; zorgplan besproken.",
            "Gesprek over respijtzorg en logeeropvang.",
        ),
        municipality_reasons=(
            "Dagbesteding en respijtzorg nodig; Wmo-melding gedaan.",
            "Mantelzorger dreigt uit te vallen; maatwerkvoorziening nodig.",
        ),
    ),
    Topic(
        key="tuin",
        weight=6,
        domains=LifeDomain.HOUSING,
        extra_domains=LifeDomain.WELLBEING,
        skill=HelperSkill.GARDENING,
        escalate=0.02,
        to_municipality=0.1,
        own_circle=0.7,
        high=0.02,
        acute=0.0,
        questions=(
            "Mijn tuin groeit helemaal dicht en ik kan het zelf niet meer bijhouden. De "
            "buren klagen al. Is er iemand die wil helpen?",
            "De heg moet gesnoeid worden, maar ik kan niet meer op een trapje staan.",
            "Ik heb een brief van de woningcorporatie gekregen dat de tuin netjes moet. Ik "
            "red dat niet alleen.",
            "Wie kan af en toe het gras maaien? {Partner} deed dat altijd.",
            "De bladeren liggen tot mijn enkels en ik ben bang dat ik uitglijd op het pad.",
        ),
        notes=(
            "Tuin bekeken; vooral de heg en het gras zijn een probleem.",
            "Gevraagd bij de buurthulp wie een grasmaaier heeft.",
            "Nagebeld: de tuin is opgeknapt, {aanhef} is blij.",
        ),
        follow_ups=(
            "Vrijwilliger met heggenschaar zoeken",
            "Afspraak maken voor de snoeiochtend",
        ),
        arranged=(
            "{helper} maait om de week het gras",
            "{helper} snoeit in het voor- en najaar de heg",
        ),
        own_network=(
            "Kleinzoon maait voortaan het gras",
            "Buurman neemt de heg mee als hij de zijne doet",
        ),
        escalation_reasons=(
            "Tuin is niet het echte probleem: {aanhef} verwaarloost ook het huis. Zorgen; "
            "graag wijkteam erbij.",
        ),
        solved=(
            "Tuin wordt bijgehouden door de buurthulp.",
            "Tuin opgeknapt met een groepje vrijwilligers; onderhoudsafspraak gemaakt.",
        ),
        referred=("Doorverwezen naar een hoveniersbedrijf met seniorentarief.",),
    ),
    Topic(
        key="klusjes",
        weight=7,
        domains=LifeDomain.HOUSING,
        extra_domains=LifeDomain(0),
        skill=HelperSkill.ODD_JOBS,
        escalate=0.02,
        to_municipality=0.1,
        own_circle=0.7,
        high=0.03,
        acute=0.0,
        questions=(
            "De lamp in de gang is kapot en ik kan niet meer op een trap. Wie kan dat doen?",
            "Mijn kraan lekt al weken. De verhuurder reageert niet. Kent u iemand?",
            "Ik wil graag een extra leuning bij de trap, want ik ben bang om te vallen.",
            "Er moeten gordijnen opgehangen worden in mijn nieuwe appartement. Ik heb geen "
            "gereedschap en geen familie in de buurt.",
            "Mijn rookmelder piept en ik kan er niet bij.",
            "De schuur moet opgeruimd worden, {partner} bewaarde alles. Ik kan het niet alleen.",
        ),
        notes=(
            "Klus bekeken; kan door een vrijwilliger gedaan worden.",
            "Gebeld met de klusjesman van de buurthulp; komt op {dag}.",
            "Nagebeld: klus is gedaan.",
        ),
        follow_ups=("Klusjesman bellen voor een afspraak", "Nabellen of de klus gedaan is"),
        arranged=("{helper} doet de klus op {dag}", "{helper} heeft de leuning gemonteerd"),
        own_network=("Buurman heeft het opgelost", "Schoonzoon komt in het weekend langs"),
        escalation_reasons=(
            "Achterstallig onderhoud aan de huurwoning; verhuurder reageert niet. Graag "
            "wijkteam (wonen) erbij.",
        ),
        solved=("Klus gedaan door de buurthulp.", "Opgelost met hulp van de buurman."),
        referred=("Doorverwezen naar de verhuurder voor het onderhoud.",),
    ),
    Topic(
        key="wmo",
        weight=8,
        domains=LifeDomain.CARE,
        extra_domains=LifeDomain.HOUSING,
        skill=None,
        escalate=0.28,
        to_municipality=0.4,
        own_circle=0.1,
        high=0.1,
        acute=0.0,
        questions=(
            "Ik kom de trap bijna niet meer op. Kom ik in aanmerking voor {hulpmiddel} en "
            "hoe vraag ik dat aan?",
            "Ik heb gehoord dat je via de gemeente hulp in de huishouding kunt krijgen. "
            "Hoe werkt dat en wat kost het?",
            "{Familielid} zegt dat ik een scootmobiel moet aanvragen. Waar moet ik beginnen?",
            "Ik ben na {aandoening} thuisgekomen en red het niet alleen met het huishouden.",
            "Wat is een keukentafelgesprek? Ik heb een brief gekregen van de gemeente.",
            "Mijn eigen bijdrage voor de thuiszorg is omhooggegaan. Klopt dat?",
        ),
        notes=(
            "Uitgelegd hoe een Wmo-melding gaat en wat een keukentafelgesprek is.",
            "Besproken wat de eigen kring al doet en wat niet lukt.",
            "Samen de folder over de eigen bijdrage gelezen.",
            "Nagebeld: {aanhef} wil de melding doen.",
        ),
        follow_ups=(
            "Samen de Wmo-melding voorbereiden",
            "Informatie over {hulpmiddel} opzoeken",
            "Nabellen na het keukentafelgesprek",
        ),
        arranged=(),
        own_network=("{De_familielid} helpt voorlopig met het huishouden",),
        escalation_reasons=(
            "Eigen kring helpt al waar het kan; {aanhef} heeft {hulpmiddel} nodig. Graag "
            "wijkteam voor de melding bij de gemeente.",
            "Huishouden lukt niet meer, ook niet met hulp van de kinderen. Professionele "
            "inschatting nodig.",
        ),
        solved=(
            "Informatie gegeven; {aanhef} regelt het verder zelf met {de_familielid}.",
            "Hulp via de eigen kring en een particuliere hulp volstaat.",
        ),
        referred=("Doorverwezen naar de thuiszorg.", "Doorverwezen naar de Wmo-consulent."),
        professional_notes=(
            "Huisbezoek door de ergotherapeut; woning bekeken.",
            "Zorgvraag in kaart gebracht met {aanhef} en {de_familielid}.",
        ),
        municipality_reasons=(
            "Wmo-melding voor {hulpmiddel}; eigen kring en wijkteam kunnen dit niet oplossen.",
            "Huishoudelijke ondersteuning nodig; melding bij de gemeente gedaan.",
        ),
    ),
    Topic(
        key="wonen",
        weight=6,
        domains=LifeDomain.HOUSING,
        extra_domains=LifeDomain.WELLBEING,
        skill=HelperSkill.ODD_JOBS,
        escalate=0.18,
        to_municipality=0.2,
        own_circle=0.15,
        high=0.1,
        acute=0.01,
        questions=(
            "Ons huis is te groot geworden sinds de kinderen weg zijn. Hoe kom ik aan een "
            "seniorenwoning in {plaats}?",
            "Er zit schimmel in de slaapkamer van mijn huurhuis en de verhuurder doet niets. "
            "Mijn kleinkinderen worden er ziek van.",
            "Mijn rolstoel past niet door de deur van de badkamer. Wat kan ik doen?",
            "Ik moet mijn huis uit omdat de huur is opgezegd. Waar kan ik terecht?",
            "Ik wil graag in {plaats} blijven wonen, maar de trap wordt een probleem.",
        ),
        notes=(
            "Woonsituatie bekeken; badkamer en trap zijn knelpunten.",
            "Samen ingeschreven bij Woonservice voor een seniorenwoning.",
            "Gebeld met de verhuurder over de schimmel.",
        ),
        follow_ups=("Inschrijving woningzoekende controleren", "Verhuurder nogmaals bellen"),
        arranged=("{helper} helpt met de verhuisdozen",),
        own_network=("Kinderen helpen met de verhuizing",),
        escalation_reasons=(
            "Verhuurder reageert niet op klachten over schimmel; gezondheid in gevaar. Graag "
            "wijkteam (woonconsulent).",
            "Huis is niet meer geschikt; verhuizen nodig en {aanhef} kan dit niet overzien.",
        ),
        solved=(
            "Seniorenwoning gevonden in {plaats}; verhuizing gelukt.",
            "Schimmel is aangepakt door de verhuurder.",
        ),
        referred=("Doorverwezen naar de Huurcommissie.", "Doorverwezen naar Woonservice."),
        professional_notes=("Gesprek met de woonconsulent van de corporatie.",),
        municipality_reasons=("Urgentieverklaring voor woonruimte nodig.",),
    ),
    Topic(
        key="werk_inkomen",
        weight=4,
        domains=LifeDomain.WORK_AND_INCOME,
        extra_domains=LifeDomain.FINANCES,
        skill=HelperSkill.PAPERWORK,
        escalate=0.28,
        to_municipality=0.3,
        own_circle=0.15,
        high=0.15,
        acute=0.0,
        questions=(
            "Ik ben mijn baan kwijtgeraakt en weet niet waar ik recht op heb.",
            "Mijn WW stopt over {termijn}. Wat moet ik dan doen?",
            "Ik wil graag weer aan het werk, maar ik heb al {jaren} thuis gezeten. Wie kan "
            "me op weg helpen?",
            "Ik heb een brief van het UWV gekregen over mijn uitkering en ik snap niet wat "
            "ze bedoelen.",
        ),
        notes=(
            "Besproken welke regelingen er zijn; {aanhef} wist van de meeste niet.",
            "Samen naar de vacatures in de regio gekeken.",
            "Brief van het UWV samen gelezen en uitgelegd.",
        ),
        follow_ups=("Afspraak maken bij het UWV", "Cv samen bijwerken"),
        arranged=("{helper} helpt met het cv en sollicitatiebrieven",),
        own_network=("Oud-collega kijkt uit naar werk",),
        escalation_reasons=(
            "Geen inkomen meer en nog geen uitkering; eigen kring kan niet bijspringen. "
            "Graag wijkteam (werk en inkomen).",
        ),
        solved=("Uitkering aangevraagd en toegekend.", "{Aanhef} heeft werk gevonden."),
        referred=("Doorverwezen naar het Werkplein.",),
        municipality_reasons=("Aanvraag bijstand en begeleiding naar werk via de gemeente.",),
    ),
    Topic(
        key="digitaal",
        weight=5,
        domains=LifeDomain.OTHER,
        extra_domains=LifeDomain.FINANCES,
        skill=HelperSkill.COMPUTER,
        escalate=0.01,
        to_municipality=0.1,
        own_circle=0.6,
        high=0.02,
        acute=0.0,
        questions=(
            "Alles moet tegenwoordig met DigiD en ik heb geen idee hoe dat werkt.",
            "De bank sluit het kantoor in Gemert. Hoe moet ik nu betalen?",
            "Ik heb een tablet gekregen van mijn kinderen, maar ik weet niet hoe ik moet "
            "videobellen met mijn kleinkinderen.",
            "Ik krijg rare berichten op mijn telefoon dat ik moet betalen. Is dat echt?",
        ),
        notes=(
            "DigiD samen aangevraagd.",
            "Uitleg over internetbankieren; {aanhef} oefent nog.",
            "Gewaarschuwd voor nepberichten; telefoon samen ingesteld.",
        ),
        follow_ups=("Activeringscode DigiD samen invoeren", "Tweede uitlegmiddag plannen"),
        arranged=("{helper} geeft wekelijks uitleg op de tablet", "{helper} helpt met DigiD"),
        own_network=("Kleindochter komt op {dag} oefenen",),
        escalation_reasons=("Vermoeden van oplichting via de telefoon; graag wijkteam.",),
        solved=("{Aanhef} kan zelf inloggen en betalen.", "Videobellen lukt nu."),
        referred=("Aangemeld bij de digicursus van de bibliotheek.",),
    ),
    Topic(
        key="maaltijden",
        weight=3,
        domains=LifeDomain.CARE,
        extra_domains=LifeDomain.WELLBEING,
        skill=HelperSkill.MEALS,
        escalate=0.05,
        to_municipality=0.15,
        own_circle=0.5,
        high=0.05,
        acute=0.0,
        questions=(
            "Ik kan niet meer goed koken sinds {aandoening}. Is er iemand die af en toe een "
            "warme maaltijd brengt?",
            "{Familielid} maakt zich zorgen dat ik niet goed eet. Ik heb gewoon geen zin om "
            "voor mezelf alleen te koken.",
        ),
        notes=("Besproken wat {aanhef} nu eet; vaak alleen brood.", "Maaltijdservice uitgelegd."),
        follow_ups=("Proefmaaltijd regelen",),
        arranged=("{helper} brengt drie keer per week een warme maaltijd",),
        own_network=("Buurvrouw kookt op {dag} een portie extra",),
        escalation_reasons=("{Aanhef} valt af en eet nauwelijks; graag wijkteam.",),
        solved=("Warme maaltijden geregeld; {aanhef} eet weer beter.",),
        referred=("Aangemeld bij de maaltijdservice.", "Doorverwezen naar Tafeltje-dek-je."),
    ),
    Topic(
        key="huisdier",
        weight=2,
        domains=LifeDomain.OTHER,
        extra_domains=LifeDomain(0),
        skill=HelperSkill.PETS,
        escalate=0.01,
        to_municipality=0.1,
        own_circle=0.75,
        high=0.2,
        acute=0.0,
        questions=(
            "Ik moet volgende week opgenomen worden in {ziekenhuis}. Wie zorgt er voor {huisdier}?",
            "Ik kan {huisdier} niet meer uitlaten met mijn nieuwe heup. Wie wil dat doen?",
        ),
        notes=("Afspraken gemaakt over voer en sleutel.",),
        follow_ups=("Sleutel afgeven aan de vrijwilliger",),
        arranged=("{helper} zorgt voor de dieren tijdens de opname",),
        own_network=("Buurjongen laat de hond uit",),
        escalation_reasons=("Geen opvang gevonden en opname is dringend; graag wijkteam.",),
        solved=("Opvang geregeld; {aanhef} is weer thuis.",),
        referred=("Doorverwezen naar de dierenopvang.",),
    ),
    Topic(
        key="nieuwkomer",
        weight=2,
        domains=LifeDomain.SOCIAL_CONTACT,
        extra_domains=LifeDomain.OTHER,
        skill=HelperSkill.VISITING,
        escalate=0.12,
        to_municipality=0.15,
        own_circle=0.5,
        high=0.05,
        acute=0.0,
        questions=(
            "Wij wonen sinds {termijn} in {plaats}. Ik wil graag beter Nederlands leren en "
            "mensen leren kennen.",
            "Ik ben nieuw hier en weet niet hoe het werkt met de huisarts en de school.",
            "Wij krijgen veel brieven in het Nederlands. Wie kan ons helpen die te lezen?",
        ),
        notes=("Kennisgemaakt; taalmaatje besproken.", "Samen naar de huisartsenpraktijk."),
        follow_ups=("Taalmaatje zoeken",),
        arranged=("{helper} is taalmaatje, wekelijks", "{helper} helpt met de post"),
        own_network=("Buren hebben het gezin welkom geheten en helpen met de school",),
        escalation_reasons=("Veel vragen over inkomen en inburgering; graag wijkteam.",),
        solved=("Taalmaatje en contact met de buren; het gezin vindt zijn weg.",),
        referred=("Doorverwezen naar VluchtelingenWerk.",),
    ),
    Topic(
        key="veiligheid",
        weight=2,
        domains=LifeDomain.WELLBEING,
        extra_domains=LifeDomain.CARE | LifeDomain.HOUSING,
        skill=None,
        escalate=0.45,
        to_municipality=0.4,
        own_circle=0.05,
        high=0.4,
        acute=0.35,
        questions=(
            "Mijn ex-partner staat steeds voor de deur en bedreigt me. Ik durf niet meer "
            "alleen thuis te zijn.",
            "Ik krijg volgende week de sleutel niet meer: de verhuurder zet me uit huis. Ik "
            "weet niet waar ik heen moet.",
            "{Familielid} is erg verward en wordt agressief. Ik weet niet meer wat ik moet doen.",
            "Ik kan het allemaal niet meer aan. Ik zie het niet meer zitten.",
            "Mijn huis is zo vol geraakt dat ik niet meer bij de keuken kan. De buren "
            "zeggen dat het stinkt.",
        ),
        notes=(
            "Direct langsgegaan; {aanhef} is erg angstig.",
            "Gebeld met de huisarts (met toestemming van {aanhef}).",
        ),
        follow_ups=("Huisarts bellen", "Morgen opnieuw langsgaan"),
        arranged=(),
        own_network=("{De_familielid} blijft voorlopig logeren",),
        escalation_reasons=(
            "Onveilige situatie thuis; eigen kring kan dit niet oplossen. Direct wijkteam "
            "ingeschakeld.",
        ),
        solved=("Situatie is weer veilig; {aanhef} krijgt begeleiding.",),
        referred=("Doorverwezen naar Veilig Thuis.", "Doorverwezen naar de GGZ."),
        professional_notes=(
            "Overleg met Veilig Thuis; veiligheidsplan opgesteld.",
            "Overleg met de huisarts en de GGZ over de situatie.",
        ),
        municipality_reasons=(
            "Situatie te zwaar voor het wijkteam; inzet gemeente en ketenpartners nodig.",
        ),
    ),
    Topic(
        key="geheugen",
        weight=4,
        domains=LifeDomain.CARE,
        extra_domains=LifeDomain.INFORMAL_CARE,
        skill=HelperSkill.VISITING,
        escalate=0.22,
        to_municipality=0.3,
        own_circle=0.3,
        high=0.1,
        acute=0.02,
        questions=(
            "Ik vergeet steeds meer, laatst stond het gas nog aan. {Familielid} maakt zich "
            "zorgen. Wat kan ik doen?",
            "{Partner} raakt de weg kwijt in het dorp. Ik durf {hem_haar} niet meer alleen "
            "te laten gaan.",
            "Ik woon alleen en vergeet soms mijn medicijnen. Mijn kinderen wonen in {stad} en "
            "maken zich zorgen. Kan er iemand af en toe langskomen?",
        ),
        notes=(
            "Gesprek over het geheugen; {aanhef} wil naar de huisarts.",
            "Pillendoos en weekplanning besproken met {de_familielid}.",
        ),
        follow_ups=("Afspraak huisarts laten maken", "Nabellen na het huisartsbezoek"),
        arranged=("{helper} komt dagelijks even langs",),
        own_network=("Buren houden een oogje in het zeil",),
        escalation_reasons=(
            "Vermoeden van dementie; eigen kring houdt een oogje in het zeil, maar het is "
            "niet meer veilig alleen. Graag casemanager via het wijkteam.",
        ),
        solved=("Casemanager betrokken; dagritme weer op orde.",),
        referred=("Doorverwezen naar de casemanager dementie.",),
        professional_notes=("Huisbezoek met de casemanager dementie.",),
        municipality_reasons=("Dagbesteding en begeleiding nodig; Wmo-melding gedaan.",),
    ),
    Topic(
        key="gezin",
        weight=3,
        domains=LifeDomain.WELLBEING,
        extra_domains=LifeDomain.SOCIAL_CONTACT,
        skill=None,
        escalate=0.3,
        to_municipality=0.25,
        own_circle=0.15,
        high=0.15,
        acute=0.02,
        questions=(
            "{Kind} gaat niet meer naar school en zit de hele dag op zijn kamer. Ik weet niet "
            "meer wat ik moet doen.",
            "Sinds de scheiding gaat het slecht met de kinderen. Ik sta er alleen voor.",
            "{Kind} heeft ruzie met iedereen en ik kan er niet meer mee praten.",
        ),
        notes=("Gesprek met de ouder; veel zorgen.", "Gebeld met de school (met toestemming)."),
        follow_ups=("Gesprek met school plannen",),
        arranged=(),
        own_network=("Opa en oma nemen de kinderen in het weekend",),
        escalation_reasons=(
            "Schoolverzuim en zorgen thuis; te zwaar voor de eigen kring. Graag jeugdprofessional "
            "van het wijkteam.",
        ),
        solved=("Het gaat beter thuis; {de_kind} gaat weer naar school.",),
        referred=("Doorverwezen naar de jeugdconsulent.",),
        professional_notes=("Gesprek met de jeugdprofessional en de mentor van school.",),
        municipality_reasons=("Jeugdhulp nodig; inzet jeugdconsulent van de gemeente.",),
    ),
    Topic(
        key="energie",
        weight=3,
        domains=LifeDomain.FINANCES,
        extra_domains=LifeDomain.HOUSING,
        skill=HelperSkill.PAPERWORK,
        escalate=0.15,
        to_municipality=0.25,
        own_circle=0.3,
        high=0.1,
        acute=0.0,
        questions=(
            "Mijn energierekening is verdubbeld. Ik zet de verwarming al niet meer aan.",
            "Ik heb gehoord van een energietoeslag. Kom ik daarvoor in aanmerking?",
            "Mijn huis is koud en tochtig. Zijn er regelingen om te isoleren?",
        ),
        notes=("Samen de energierekening doorgenomen.", "Energiecoach aangevraagd."),
        follow_ups=("Aanvraag energietoeslag helpen invullen",),
        arranged=("{helper} heeft tochtstrips en radiatorfolie aangebracht",),
        own_network=("Zoon helpt met overstappen naar een goedkoper contract",),
        escalation_reasons=("Betalingsachterstand bij de energieleverancier; graag wijkteam.",),
        solved=("Energietoeslag toegekend en tochtstrips aangebracht.",),
        referred=("Doorverwezen naar de energiecoach.",),
        municipality_reasons=("Bijzondere bijstand voor de energieschuld aangevraagd.",),
    ),
)

INTAKE_NOTES: tuple[str, ...] = (
    "Kennismaking en intake bij {aanhef} thuis; vraag en wensen besproken.",
    "Intakegesprek; uitgelegd wat de dorpsondersteuner doet en toestemming gevraagd.",
    "Kennismaking, samen gekeken wie in de eigen kring kan helpen.",
    "{Aanhef} belde zelf; vraag en situatie besproken.",
    "Intake na een tip van de buurvrouw; {aanhef} stond open voor een gesprek.",
)

VILLAGE_NOTES: tuple[str, ...] = (
    "Gebeld hoe het gaat; {aanhef} is tevreden over de afspraken.",
    "Even langsgegaan; situatie ongewijzigd.",
    "Besproken wat {de_familielid} kan doen.",
    "Nagebeld: afspraak is nagekomen.",
    "Koffie gedronken en de voortgang besproken.",
)

DISTRICT_NOTES: tuple[str, ...] = (
    "Huisbezoek samen met de dorpsondersteuner; situatie in kaart gebracht.",
    "Huisbezoek door de maatschappelijk werker; {aanhef} staat open voor ondersteuning.",
    "Telefonisch contact met {aanhef} over de voortgang.",
    "Casus besproken in het wijkteamoverleg; afgesproken wie wat oppakt.",
    "Gesprek met {aanhef} en {de_familielid} over de mogelijkheden.",
)

# Written for professionals only (D5): health, suspicions, third-party signals.
DISTRICT_PRIVATE_NOTES: tuple[str, ...] = (
    "Overleg met de huisarts: zorgen over het geheugen van {aanhef}.",
    "Signaal van de woningcorporatie over huurachterstand besproken.",
    "Vermoeden van financiële uitbuiting door een familielid; voorzichtig mee omgaan.",
    "Psychische klachten; POH-GGZ betrokken.",
    "Overleg met de wijkverpleging over de zelfzorg van {aanhef}.",
)

# The investigation after a Wmo melding: usually a kitchen-table talk.
WMO_INVESTIGATION_NOTES: tuple[str, ...] = (
    "Keukentafelgesprek (Wmo-onderzoek) met {aanhef} en {de_familielid}.",
    "Keukentafelgesprek over wat {aanhef} zelf kan en waar ondersteuning nodig is.",
)

MUNICIPALITY_NOTES: tuple[str, ...] = (
    "Keukentafelgesprek; persoonlijk plan en eigen bijdrage uitgelegd.",
    "Gebeld over het persoonlijk plan; {aanhef} stuurt het deze week op.",
    "Afstemming met de Wmo-consulent en het wijkteam.",
    "Onderzoeksverslag besproken met {aanhef}.",
)

MUNICIPALITY_PRIVATE_NOTES: tuple[str, ...] = (
    "Advies van de GGD-arts opgevraagd.",
    "Melding bij Veilig Thuis besproken met de ketenpartners.",
    "Medisch advies ontvangen; beperkingen bevestigd.",
)

DISTRICT_FOLLOW_UPS: tuple[str, ...] = (
    "Huisarts bellen (met toestemming)",
    "Terugkoppeling aan de dorpsondersteuner",
    "Aanvraag bijzondere bijstand indienen",
    "Evaluatiegesprek plannen",
)

MUNICIPALITY_FOLLOW_UPS: tuple[str, ...] = (
    "Onderzoeksverslag opsturen",
    "Besluit op de aanvraag voorbereiden",
    "Medisch advies opvragen",
    "Terugkoppeling aan het wijkteam",
)

WAITING_REASONS: tuple[str, ...] = (
    "Wacht op reactie van {de_familielid}.",
    "Wacht op een brief van {instantie}.",
    "{Aanhef} ligt een paar weken in het ziekenhuis.",
    "Wacht tot {aanhef} terug is van vakantie.",
    "Wacht op de vrijwilliger, die pas over twee weken kan.",
)

RESUMED_REASONS: tuple[str, ...] = (
    "Reactie ontvangen, verder met de vraag.",
    "{Aanhef} is weer thuis.",
    "Brief is binnen.",
)

HANDBACK_ADVICE: tuple[str, ...] = (
    "Advies: vast bezoek via de buurthulp en een maatje via de KBO; wijkteam blijft "
    "achter de hand.",
    "Professionele hulp is niet meer nodig; advies: de thuisadministrateur blijft komen en "
    "de dorpsondersteuner belt over een maand.",
    "Situatie is stabiel; advies: eigen kring betrekken bij de zorg en over drie maanden "
    "evalueren.",
)

MUNICIPALITY_HANDBACK_ADVICE: tuple[str, ...] = (
    "Geen maatwerkvoorziening nodig; advies: begeleiding door het wijkteam voortzetten en "
    "over drie maanden evalueren.",
    "Algemene voorziening volstaat; wijkteam helpt met de aanmelding.",
)

DISTRICT_SOLVED: tuple[str, ...] = (
    "Ondersteuning door het wijkteam afgerond; {aanhef} redt het weer.",
    "Begeleiding afgerond; afspraken werken.",
)

MUNICIPALITY_SOLVED: tuple[str, ...] = (
    "Maatwerkvoorziening toegekend; {aanhef} is tevreden.",
    "Wmo-voorziening ({hulpmiddel}) toegekend en geleverd.",
    "Schuldregeling gestart; situatie stabiel.",
)

PROFESSIONAL_REFERRED: tuple[str, ...] = (
    "Overgedragen aan de specialistische hulpverlening.",
    "Doorverwezen naar de thuiszorg.",
    "Doorverwezen naar het maatschappelijk werk.",
)

WMO_TOPICS = frozenset({"wmo", "mantelzorg", "geheugen", "boodschappen", "maaltijden", "wonen"})

MUNICIPALITY_REASONS: tuple[str, ...] = (
    "Wijkteam komt er niet uit; maatwerkvoorziening van de gemeente nodig.",
    "Formele melding nodig; inzet gemeente gevraagd.",
)

ACUTE_JUSTIFICATIONS: tuple[str, ...] = (
    "Acute zorg om de veiligheid: {aanhef} is ernstig verward; direct de gemeente "
    "(crisisdienst) ingeschakeld.",
    "Acuut: ontruiming staat gepland voor deze week; geen tijd voor de gewone route.",
    "Acuut onveilige thuissituatie (dreiging door ex-partner); Veilig Thuis en gemeente "
    "direct ingeschakeld.",
    "Acute zorg: {aanhef} uit suïcidale gedachten; huisarts en gemeente direct ingeschakeld.",
)

NO_CONSENT_SENTENCE = (
    " Toestemming om te delen kon niet worden gevraagd; gedeeld vanwege de acute veiligheid."
)

WITHDRAWN_NOTES: tuple[str, ...] = (
    "{Aanhef} wil het toch zelf met de kinderen regelen.",
    "Vraag ingetrokken: {aanhef} verhuist naar {stad}.",
    "{Aanhef} wil geen hulp meer.",
)

NO_HELP_NEEDED_NOTES: tuple[str, ...] = (
    "Na het gesprek bleek het al geregeld via de familie.",
    "Informatie was voldoende; geen verdere hulp nodig.",
    "{Aanhef} redt het weer zelf.",
)

CONSENT_WITHDRAWN_REASONS: tuple[str, ...] = (
    "{Aanhef} trekt de toestemming in en wil geen verdere hulp.",
    "Toestemming ingetrokken; {aanhef} wil niet dat er nog gegevens gedeeld worden.",
)

REOPEN_REASONS: tuple[str, ...] = (
    "{Aanhef} belde opnieuw: de hulp van de buurvrouw is gestopt.",
    "Nieuwe vraag over hetzelfde onderwerp; opnieuw opgepakt.",
    "Situatie is weer verslechterd; opnieuw opgepakt.",
)
