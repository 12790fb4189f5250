"""Invented people and places for the demo register, in the style of Gemert-Bakel.

Names, streets and numbers are combined at random: no entry describes a real person
or address. Surnames are the ones common in the Peel region; streets sound like real
village streets; phone numbers are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.enums import HelperSkill

# fmt: off
# First names by generation, because most residents who ask for help are older.
FEMALE_OLDER: tuple[str, ...] = (
    "Johanna", "Maria", "Mien", "Riek", "Net", "Dien", "Trui", "Bets", "Miet", "Jaan", "Cor",
    "Door", "Anna", "Truus", "Nel", "Toos", "Lies", "Bertha", "Hanna", "Wilma", "Gerda",
    "Sjaan", "Tonny", "Marietje", "Leny", "Jo", "Annie", "Betsie", "Corry", "Riet", "Mia",
    "Fien",
)
FEMALE_MIDDLE: tuple[str, ...] = (
    "Ans", "Mieke", "Marja", "Anita", "Petra", "Carla", "Yvonne", "Marion", "Monique", "Hennie",
    "Joke", "Marian", "Jolanda", "Ellen", "Miranda", "Annemarie", "Gonnie", "Wilma", "Ria",
    "Diana", "Sandra", "Brigitte", "Angelique", "Karin",
)
FEMALE_YOUNGER: tuple[str, ...] = (
    "Sanne", "Lisa", "Kim", "Lotte", "Eva", "Iris", "Femke", "Sharon", "Demi", "Anouk", "Maud",
    "Romy", "Nikki", "Esther", "Laura", "Linda",
)
MALE_OLDER: tuple[str, ...] = (
    "Harrie", "Toon", "Sjaak", "Piet", "Jan", "Grad", "Driek", "Tinus", "Bert", "Frans",
    "Janus", "Mari", "Willem", "Hein", "Theo", "Henk", "Gerard", "Kees", "Jo", "Wim", "Martien",
    "Bernard", "Antoon", "Jacques", "Rinus", "Cor", "Harry", "Nico",
)
MALE_MIDDLE: tuple[str, ...] = (
    "Hans", "Martin", "Peter", "Ad", "Rob", "Marcel", "Ronald", "Jos", "Erik", "Paul",
    "Richard", "John", "Mario", "René", "Frank", "Edwin", "Gerrit", "Twan", "Ruud",
)
MALE_YOUNGER: tuple[str, ...] = (
    "Bas", "Tim", "Daan", "Sem", "Niels", "Thijs", "Joep", "Stijn", "Luuk", "Koen", "Jeroen",
    "Kevin", "Rick", "Bram",
)

# (name prefix, last name): the prefix is stored apart, as the model asks.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("van de", "Ven"), ("", "Verhoeven"), ("", "Swinkels"), ("", "Raijmakers"), ("", "Manders"),
    ("", "Kuijpers"), ("van den", "Heuvel"), ("van", "Bakel"), ("van der", "Zanden"),
    ("", "Donkers"), ("", "Hendriks"), ("", "Jacobs"), ("", "Bouwmans"), ("", "Verbakel"),
    ("van", "Gerwen"), ("van", "Lieshout"), ("", "Coolen"), ("", "Rovers"), ("", "Martens"),
    ("", "Kanters"), ("", "Bekkers"), ("", "Aarts"), ("", "Smits"), ("van", "Rooij"),
    ("van", "Dijk"), ("van", "Hout"), ("van", "Kessel"), ("van de", "Rijt"), ("", "Verberne"),
    ("van der", "Heijden"), ("van", "Dongen"), ("van", "Boxtel"), ("", "Habraken"),
    ("van", "Stiphout"), ("van", "Lierop"), ("", "Thijssen"), ("", "Janssen"), ("", "Kusters"),
    ("van der", "Linden"), ("", "Biemans"), ("van", "Vlerken"), ("van den", "Elsen"),
    ("van", "Duppen"), ("van", "Dooren"), ("", "Slaats"), ("van", "Asseldonk"),
    ("", "Hurkmans"), ("", "Verhagen"), ("van", "Grinsven"), ("van", "Zutphen"),
    ("van de", "Laar"), ("", "Welten"), ("van", "Mierlo"), ("", "Sleegers"), ("van", "Berlo"),
    ("van", "Extel"), ("", "Fransen"), ("", "Willems"), ("van den", "Boomen"), ("", "Gerrits"),
    ("van", "Kemenade"), ("van", "Osch"), ("", "Bots"), ("", "Verschuuren"), ("de", "Wit"),
    ("de", "Groot"), ("de", "Jong"), ("", "Vermeulen"), ("", "Verschuren"), ("", "Pennings"),
    ("", "Hoebergen"), ("", "Leenders"), ("", "Teunissen"), ("", "Klomp"), ("van", "Hoof"),
    ("van den", "Broek"), ("van de", "Wetering"), ("", "Bosmans"), ("", "Peters"),
    ("", "Rooijakkers"), ("van", "Hooft"), ("van der", "Putten"), ("", "Kerkhofs"),
    ("", "Sanders"), ("", "Driessen"), ("", "Wijnen"), ("", "Vogels"), ("", "Strijbosch"),
    ("van", "Tilburg"), ("van", "Nuland"), ("", "Wagemans"), ("", "Hermans"),
)

# Residents of other origins, with names that go together:
# (female first names, male first names, surnames).
NameGroup = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]
NEWCOMER_NAMES: tuple[NameGroup, ...] = (
    (
        ("Fatma", "Aylin", "Emine", "Zeynep"),
        ("Mehmet", "Yusuf", "Ahmet", "Mustafa"),
        (("", "Yildiz"), ("", "Kaya"), ("", "Demir"), ("", "Öztürk"), ("", "Çelik")),
    ),
    (
        ("Samira", "Khadija", "Naima", "Souad"),
        ("Mohamed", "Bilal", "Karim", "Youssef"),
        (("el", "Idrissi"), ("", "Bakkali"), ("el", "Haddouchi"), ("", "Ouali")),
    ),
    (
        ("Agnieszka", "Katarzyna", "Magda", "Ewa"),
        ("Marek", "Tomasz", "Piotr", "Krzysztof"),
        (("", "Nowak"), ("", "Kowalski"), ("", "Wiśniewski"), ("", "Zielinski")),
    ),
    (
        ("Hiwet", "Senait", "Rahel", "Amina"),
        ("Tesfay", "Yonas", "Ahmad", "Omar"),
        (("", "Haile"), ("", "Tesfamariam"), ("al", "Hassan"), ("", "Mansour")),
    ),
)
# fmt: on


@dataclass(frozen=True)
class Place:
    """The streets and postcodes of one demo area."""

    place: str  # the place name in an address
    postcodes: tuple[str, ...]  # the four digits
    phone_area: str  # landline area code
    streets: tuple[str, ...]


# fmt: off
_TREES = (
    "Beukenlaan", "Eikenlaan", "Lindelaan", "Kastanjelaan", "Berkenstraat", "Wilgenstraat",
    "Esdoornstraat", "Meidoornstraat", "Hazelaarstraat", "Populierenlaan", "Iepenstraat",
    "Elzenstraat", "Lijsterbesstraat", "Vlierstraat",
)
_BIRDS = (
    "Merelstraat", "Lijsterstraat", "Spechtstraat", "Vinkenstraat", "Zwaluwstraat",
    "Kievitstraat", "Reigerstraat", "Mezenstraat", "Roodborststraat", "Uilenhof",
)
_FLOWERS = (
    "Tulpstraat", "Narcisstraat", "Zonnebloemstraat", "Klaverstraat", "Irisstraat",
    "Krokusstraat", "Seringenstraat", "Hyacintstraat",
)

PLACES: dict[str, Place] = {
    "GEN": Place(
        "Gemert",
        ("5421", "5422"),
        "0492",
        (
            "Kerkstraat", "Nieuwstraat", "Haageijk", "Doonheide", "Pandelaar", "Kapelaanstraat",
            "Pastoor Bluijssenstraat", "Heuvelplein", "Lodewijkstraat", "Ruwe Putten",
            "Koolhof", "Bergseweg", "Rector Timmermanslaan", "Boekelsedijk",
            *_TREES[:8], *_BIRDS[:5],
        ),
    ),
    "GEC": Place(
        "Gemert",
        ("5421", "5426"),
        "0492",
        (
            "Ridderplein", "Kasteellaan", "Molenstraat", "Binnen Kasteeltuin", "Deel",
            "Virmundtstraat", "Heilig Hartplein", "Kruisstraat", "Ruijschenberg", "Wolfsberg",
            "Ridderstraat", "Sint Jorisstraat", "Oude Pastorie", "Plein", "Mgr. Frencken-erf",
            "Broekstraat",
            *_FLOWERS[:6], *_TREES[8:],
        ),
    ),
    "GEZ": Place(
        "Gemert",
        ("5427", "5426"),
        "0492",
        (
            "Oost-Om", "Komweg", "Molenakker", "Oudenhoff", "De Wingerd", "Vondellaan",
            "Bredaseweg", "Koppelstraat", "Jan Vermeulenstraat", "Sint Janstraat",
            "Waterstraat", "Gouden Leeuw", "Hogeweg", "Wethouder van Bokhovenlaan",
            *_BIRDS[5:], *_FLOWERS[6:], *_TREES[:4],
        ),
    ),
    "BAK": Place(
        "Bakel",
        ("5761", "5762"),
        "0492",
        (
            "Kerkstraat", "Dorpsstraat", "Deurneseweg", "Schoolstraat", "Wilhelminastraat",
            "Julianastraat", "Irenestraat", "Klavers", "Bakelse Aa", "Grotelsedijk",
            "Lagestraat", "De Hoef", "Schutsboomstraat", "Bernhardstraat", "Kapelstraat",
            "Hof van Bakel", "Milheezerweg", "De Heimolen",
            *_TREES[2:9], *_BIRDS[:4],
        ),
    ),
    "MIL": Place(
        "Milheeze",
        ("5763",),
        "0492",
        (
            "Dorpsstraat", "Eerselsedijk", "Heidehoek", "Tuinstraat", "Kerkepad", "Bakelsedijk",
            "Koksedijk", "Burgemeester Ploegmakersstraat", "Zandhoek", "Langstraat",
            "Stroomkesberg", "Nieuwe Erven",
            *_BIRDS[4:9],
        ),
    ),
    "HAN": Place(
        "Handel",
        ("5423",),
        "0492",
        (
            "Pelgrimsweg", "Kerkstraat", "Handelseweg", "Zandstraat", "Bedevaartsweg",
            "Mariaplein", "Eikelenbos", "Broekkant", "Oude Kruispunt", "Donksestraat",
            *_FLOWERS[:4],
        ),
    ),
    "MOR": Place(
        "De Mortel",
        ("5425",),
        "0492",
        (
            "Mortelseweg", "Bergstraat", "Koolstraat", "Esdonk", "Pastoor Cremersstraat",
            "Pieter de Coninckstraat", "Vreekwijkseweg", "Heieinde", "Dorpsplein", "Oudeweg",
            *_TREES[9:],
        ),
    ),
    "RIP": Place(
        "De Rips",
        ("5815",),
        "0493",
        (
            "Kruisstraat", "Ripsedreef", "Vlakweg", "Moorveld", "Kanaalweg", "Deurneweg",
            "Peelweg", "Koeveld", "Torenstraat", "Oostervelden",
            *_BIRDS[:3],
        ),
    ),
    "ELS": Place(
        "Elsendorp",
        ("5424",),
        "0492",
        (
            "Beekstraat", "Zuidweg", "Vaarbeek", "Vrijkenstraat", "Hoge Raam", "Snelstraat",
            "Peelstraat", "Elsendorpseweg", "Hof van Elsen", "Gemertseweg",
            *_FLOWERS[4:],
        ),
    ),
}
# fmt: on

# Postcode letters never used in the Netherlands.
UNUSED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})

# Organisations in every village that register as helpers, with what they do.
ORGANISATIONS: tuple[tuple[str, HelperSkill, str], ...] = (
    (
        "KBO {place}",
        HelperSkill.VISITING | HelperSkill.PAPERWORK,
        "Ouderenvereniging; belastinginvullers en huisbezoekers",
    ),
    (
        "Zonnebloem afdeling {place}",
        HelperSkill.VISITING | HelperSkill.TRANSPORT,
        "Bezoekwerk en uitstapjes voor mensen met een beperking",
    ),
    (
        "Repair Café {place}",
        HelperSkill.ODD_JOBS,
        "Elke eerste zaterdag van de maand in het gemeenschapshuis",
    ),
    (
        "Buurtbus {place}",
        HelperSkill.TRANSPORT,
        "Vaste ritten op werkdagen; rollator past mee, rolstoel niet",
    ),
)

SKILL_NOTES: dict[HelperSkill, tuple[str, ...]] = {
    HelperSkill.SHOPPING: (
        "Doet zelf op vrijdag boodschappen en neemt graag wat mee",
        "Heeft een bakfiets",
    ),
    HelperSkill.TRANSPORT: (
        "Eigen auto, vijf zitplaatsen; opvouwbare rolstoel past in de kofferbak",
        "Rijdt ook naar ziekenhuizen buiten de regio",
        "Gepensioneerd taxichauffeur",
    ),
    HelperSkill.ODD_JOBS: (
        "Handig met gereedschap, heeft een aanhanger",
        "Oud-timmerman; kleine klussen, geen elektra",
        "Kan lampen ophangen en kranen vervangen",
    ),
    HelperSkill.GARDENING: (
        "Heeft een heggenschaar en een grasmaaier",
        "Oud-hovenier; snoeien in het najaar",
    ),
    HelperSkill.VISITING: (
        "Komt graag een kopje koffie drinken en een spelletje doen",
        "Wandelt graag mee, ook met rollator",
        "Spreekt ook Turks",
        "Spreekt ook Arabisch",
    ),
    HelperSkill.PAPERWORK: (
        "Oud-boekhouder; helpt met belastingaangifte en toeslagen",
        "Vrijwillig thuisadministrateur met cursus van de KBO",
    ),
    HelperSkill.COMPUTER: (
        "Helpt met DigiD, internetbankieren en de tablet",
        "Werkt in de ICT; geeft uitleg over de smartphone",
    ),
    HelperSkill.MEALS: (
        "Kookt elke dag en maakt graag een portie extra",
        "Kan dieetwensen aan (zoutarm, diabetes)",
    ),
    HelperSkill.PETS: (
        "Laat graag honden uit, heeft zelf geen huisdieren",
        "Kan ook katten eten geven bij vakantie of ziekenhuisopname",
    ),
    HelperSkill.OTHER: (
        "Naaien en kleding vermaken",
        "Voorlezen",
    ),
}

AVAILABILITY: tuple[str, ...] = (
    "Maandag- en woensdagochtend",
    "Doordeweeks na 17.00 uur",
    "Alleen in het weekend",
    "Dinsdag en donderdag, de hele dag",
    "Flexibel, graag een dag van tevoren bellen",
    "Overdag, niet in de schoolvakanties",
    "Om de week op vrijdagmiddag",
    "Woensdagmiddag en zaterdagochtend",
    "Elke ochtend tot 12.00 uur",
    "Maandag tot en met vrijdag, niet op dinsdag",
    "In overleg, werkt in ploegendienst",
    "Zaterdag, soms ook zondag",
)
