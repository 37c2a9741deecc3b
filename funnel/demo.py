"""The demo data set: Techport's partners, SMEs, activities, intakes and use cases over three years."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import sqlite_utils

from funnel import auth, services
from funnel.auth import Actor
from funnel.db import get_meta, one, rows, set_meta, transaction
from funnel.errors import FunnelError
from funnel.i18n import MONTHS_NL
from funnel.identity import are_similar, normal_org_name, normal_text
from funnel.models import (
    DEFAULT_TARGETS,
    EducationLevel,
    IntakeNeed,
    IntakeOutcome,
    InvolvementRole,
    OrgKind,
    Region,
    Role,
    Stage,
    Theme,
)

#: The seed of the random generators: the same ``today`` gives the same database.
SEED = 20_24_06_01

#: (username, role, display name, password) of the demo accounts; a demo database's sign-in page
#: shows them (kept in :mod:`funnel.auth`, which accepts their passwords only on a demo database).
DEMO_ACCOUNTS = auth.DEMO_ACCOUNTS
is_demo = auth.is_demo

SM, SE, SI = Theme.SMART_MAINTENANCE, Theme.SMART_ENERGY, Theme.SUSTAINABLE_INDUSTRY
GE, H2 = Theme.GREEN_ENERGY, Theme.HYDROGEN
IJMOND, MRA, OTHER_REGION = Region.IJMOND, Region.MRA, Region.OTHER


# --- organisations -----------------------------------------------------------------------------


@dataclass
class Org:
    """An organisation of the demo network, before and after it is stored."""

    key: str
    name: str
    kind: OrgKind | None
    domain: str
    level: EducationLevel | None = None
    region: Region | None = None
    partner: bool = False
    kvk: str | None = None
    size: int = 1  # how many contact persons
    weight: float = 1.0  # how likely its people are regulars at activities
    first_year: int = 0  # offsets 0..3 from the year the demo data starts in
    last_year: int = 3
    typed: bool = False  # only ever typed on attendance lists (not created beforehand)
    id: int | None = None


#: key, name, kind, level, region, partner, domain, contact persons, activity weight.
NETWORK: list[tuple] = [
    # asset owners and large companies
    ("tata", "Tata Steel Nederland B.V.", OrgKind.COMPANY, None, IJMOND, True, "tatasteel.example", 20, 1.6),
    ("cvg", "Crown van Gelder B.V.", OrgKind.COMPANY, None, IJMOND, True, "crownvangelder.example", 7, 1.5),
    ("zeehaven", "Zeehaven IJmuiden N.V.", OrgKind.COMPANY, None, IJMOND, True, "zeehavenijmuiden.example", 5, 1.3),
    ("overslag", "IJmuiden Overslag Terminal B.V.", OrgKind.COMPANY, None, IJMOND, False, "ijot.example", 4, 1.2),
    ("warmte", "Warmtebedrijf Kennemerland", OrgKind.COMPANY, None, MRA, False, "warmtekennemerland.example", 3, 1.0),
    # schools and knowledge institutions
    ("nova", "ROC Nova College", OrgKind.EDUCATION, EducationLevel.MBO, IJMOND, True, "novacollege.example", 8, 1.5),
    ("tsa", "Tata Steel Academy", OrgKind.EDUCATION, EducationLevel.MBO, IJMOND, True, "tatasteelacademy.example", 6, 1.4),
    ("inholland", "Hogeschool Inholland", OrgKind.EDUCATION, EducationLevel.HBO, MRA, True, "inholland.example", 6, 1.4),
    ("hva", "Hogeschool van Amsterdam", OrgKind.EDUCATION, EducationLevel.HBO, MRA, True, "hva.example", 5, 1.3),
    ("tcv", "Technisch College Velsen", OrgKind.EDUCATION, EducationLevel.VMBO, IJMOND, True, "tcvelsen.example", 4, 1.2),
    ("vellesan", "Vellesan College", OrgKind.EDUCATION, EducationLevel.VO, IJMOND, False, "vellesan.example", 2, 0.8),
    ("rocva", "ROC van Amsterdam", OrgKind.EDUCATION, EducationLevel.MBO, MRA, False, "rocva.example", 3, 0.9),
    ("uva", "Universiteit van Amsterdam", OrgKind.EDUCATION, EducationLevel.WO, MRA, False, "uva.example", 2, 0.7),
    ("zeester", "Basisschool De Zeester", OrgKind.EDUCATION, EducationLevel.PO, IJMOND, False, "dezeester.example", 1, 0.6),
    ("tno", "TNO", OrgKind.KNOWLEDGE_INSTITUTION, None, OTHER_REGION, True, "tno.example", 4, 1.2),
    # government and other
    ("velsen", "Gemeente Velsen", OrgKind.GOVERNMENT, None, IJMOND, True, "velsen.example", 5, 1.3),
    ("beverwijk", "Gemeente Beverwijk", OrgKind.GOVERNMENT, None, IJMOND, False, "beverwijk.example", 2, 1.0),
    ("heemskerk", "Gemeente Heemskerk", OrgKind.GOVERNMENT, None, IJMOND, False, "heemskerk.example", 2, 1.0),
    ("provincie", "Provincie Noord-Holland", OrgKind.GOVERNMENT, None, MRA, True, "noord-holland.example", 3, 1.0),
    ("odijmond", "Omgevingsdienst IJmond", OrgKind.GOVERNMENT, None, IJMOND, False, "odijmond.example", 3, 1.1),
    ("ovijmond", "Ondernemersvereniging IJmond", OrgKind.OTHER, None, IJMOND, False, "ovijmond.example", 2, 1.0),
]  # fmt: skip

#: Names typed on attendance lists for an organisation that already exists under another name
#: (for the programme leader to merge), each with the name it duplicates and its kind if given.
NEAR_DUPLICATES: list[tuple[str, str, str, OrgKind | None]] = [
    ("tata_typed", "Tata Steel", "tata", OrgKind.COMPANY),
    ("cvg_typed", "Crown van Gelder Papierfabriek", "cvg", None),
    ("inholland_typed", "Inholland", "inholland", None),
    ("kennemer_typed", "Kennemer Instalatietechniek", "kennemer", OrgKind.COMPANY),
    ("robotics_typed", "IJmuiden Robotica", "robotics", None),
]

#: Organisations that appear on attendance lists without a kind: to be classified.
UNCLASSIFIED = [
    "Duinstreek Services",
    "M. Koster Advies",
    "Breesaap Groep",
    "Stichting Staal en Cultuur",
    "Kustwerk Collectief",
]

#: SMEs named in the brief, always part of the network.
NAMED_SMES = [
    ("kennemer", "Kennemer Installatietechniek", IJMOND),
    ("velsen_onderhoud", "Velsen Onderhoud B.V.", IJMOND),
    ("robotics", "IJmuiden Robotics", IJMOND),
]

PLACES_IJMOND = [
    "Velsen", "IJmond", "Beverwijk", "Heemskerk", "Castricum", "Uitgeest", "Santpoort",
    "Driehuis", "Velserbroek", "Wijk aan Zee", "Kennemer", "Hoogoven", "Noordpier", "Breesaap",
]  # fmt: skip
PLACES_MRA = ["Haarlem", "Zaanstad", "Assendelft", "Spaarndam", "Westpoort", "Halfweg", "Zaandam"]
PLACES_NEUTRAL = ["Kanaal", "Noordzee", "Duin", "Polder", "Kust", "Staal", "Sluis", "Haven"]
TRADES = [
    "Installatietechniek", "Onderhoud", "Robotics", "Engineering", "Metaalbewerking",
    "Elektrotechniek", "Sensortechniek", "Automatisering", "Hydrauliek", "Aandrijftechniek",
    "Isolatietechniek", "Meettechniek", "Energieadvies", "Warmtetechniek", "Klimaattechniek",
    "Procestechniek", "Inspecties", "Industrieservice", "Staalbouw", "Machinebouw",
    "Koeltechniek", "Vision Systems", "Data Solutions", "Drone Services", "Solar",
    "Coatings", "Montage", "Lastechniek", "Pomptechniek", "Elektromotoren", "Compressoren",
    "Kraanservice", "Besturingstechniek", "Luchttechniek", "Leidingbouw", "Verspaning",
    "Modelbouw", "Laboratorium", "Filtertechniek", "Asset Management",
]  # fmt: skip
BRANDS = [
    "Voltwave", "SensIJ", "Corrosense", "Heatflux", "Staalblauw", "Golfkracht", "Windwerk",
    "Proxiq", "Trillix", "Lagerwijs", "Ampère Noord", "Stoomkracht", "Vonkwerk", "Dataduin",
    "Hydroliq", "Grijperbouw", "Smeerwijs", "Koelkracht", "Thermiq", "Meetlat", "Stofvrij",
    "Geluidloos", "Zonnewerf", "Ketelwacht", "Flowmatic",
]  # fmt: skip
BRAND_SUFFIXES = ["", " Solutions", " Technology", " Systems", " Innovations", " Industrial"]
LEGAL_SUFFIXES = ["", "", "", " B.V.", " B.V.", " V.O.F."]

# --- persons -------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Jan", "Pieter", "Kees", "Joost", "Bas", "Ruud", "Mark", "Erik", "Martijn", "Jeroen", "Sander",
    "Dennis", "Thijs", "Niels", "Wouter", "Rob", "Marco", "Patrick", "Hans", "Gerard", "Frank",
    "Arjen", "Tim", "Lars", "Daan", "Stijn", "Jesse", "Ruben", "Koen", "Bram", "Youssef",
    "Mohamed", "Hamza", "Emre", "Burak", "Anand", "Kevin", "Rachid", "René", "Hüseyin", "Sven",
    "Anouk", "Lotte", "Femke", "Esther", "Marieke", "Linda", "Petra", "Monique", "Ingrid",
    "Saskia", "Eva", "Lisa", "Fleur", "Iris", "Naomi", "Fatima", "Samira", "Yasmina", "Elif",
    "Merve", "Annemarie", "Wendy", "Nicole", "Sabine", "Charlotte", "Roos", "Jolien", "Maaike",
    "Karin", "Mirjam", "Hanneke", "Jasmijn", "Noor", "Sara", "Tessa", "Romy", "Daniëlle", "Zoë",
    "Priya", "Ayşe",
]  # fmt: skip
SURNAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf",
    "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
    "van der Wal", "Prins", "Blom", "Huisman", "de Lange", "Kuipers", "Veenstra", "Kramer",
    "van den Bosch", "Yilmaz", "Kaya", "Demir", "El Amrani", "Bouzid", "Ramdin", "Sewnarain",
    "Groen", "Zwart", "de Ruiter", "Verbeek", "Post", "Kooiman", "Schipper", "Zandbergen",
    "Stam", "Keijzer", "Rijnders", "Vonk", "Akkerman", "Brink", "Molenaar", "Boersma", "Çelik",
]  # fmt: skip

#: The themes people care about, with how common each interest is.
INTERESTS = [(SM, 5), (SE, 4), (SI, 3), (H2, 1), (GE, 1)]


@dataclass
class Contact:
    """A person of the demo network: who they are, where they work, when they take part."""

    name: str
    email: str
    org: Org | None
    interest: Theme
    regular: bool  # comes to several activities a year, not just one or two
    first_year: int
    last_year: int
    id: int | None = None


# --- activities ----------------------------------------------------------------------------------

FIELDLAB_TOPICS: dict[Theme, list[str]] = {
    SM: [
        "trillingsanalyse aan roterende machines", "thermografie in de praktijk",
        "data uit de onderhoudshistorie", "inspectie met drones en robots",
        "digitale werkinstructies", "olie- en smeermiddelanalyse",
        "sensoren op oude installaties", "van storingsonderhoud naar voorspellend onderhoud",
        "reserveonderdelen printen", "corrosie meten en voorspellen",
    ],
    SE: [
        "energiemonitoring in de werkplaats", "persluchtlekken opsporen",
        "restwarmte benutten", "warmtepompen voor proceswarmte",
        "netcongestie en piekbelasting", "elektrificatie van processen",
    ],
    SI: [
        "fijnstof meten en verminderen", "geluid in de industrie", "circulaire reststromen",
        "CO2-reductie in de keten", "waterhergebruik in het proces",
    ],
}  # fmt: skip
WORKSHOPS = [
    "Workshop Subsidies voor innovatie in het mkb",
    "Workshop Energiebesparingsplicht en EED-audit",
    "Workshop Innoveren met studententeams",
    "Workshop Digitale tweeling voor beginners",
    "Workshop Waterstofveiligheid",
    "Workshop Netcongestie: wat kun je zelf doen?",
    "Workshop Een innovatievraag scherp krijgen",
    "Workshop Data verzamelen met goedkope sensoren",
]
MEETUPS = [
    "Innovatieontbijt IJmond",
    "Meetup Green Incubator: van idee naar project",
    "Techport Innovatieborrel",
    "Meetup Startups ontmoeten asset owners",
]


# --- use cases -----------------------------------------------------------------------------------


@dataclass
class CaseSpec:
    """One demo use case: what it is about and the path it took through the funnel.

    ``path`` lists the steps after detection: a stage, or ``back`` (back to intake), ``resume``
    (from on hold back to definition) or ``reopen`` (from dropped back to definition).
    ``via_intake``: a coach created it at an intake with an SME (the SME is the source).
    """

    title: str
    source: str
    theme: Theme
    fieldlab: Theme | None
    effect: str
    description: str
    path: list[str]
    via_intake: bool = False
    result: str = ""
    notes: dict[str, str] = field(default_factory=dict)


CASES: list[CaseSpec] = [
    CaseSpec(
        "Voorspellend onderhoud van transportbanden met trillingssensoren", "tata", SM, SM, "other",
        "De transportbanden tussen de ertsoverslag en de hoogovens vallen onverwacht uit door "
        "lagerschade. Met draadloze trillingssensoren en een eenvoudig dashboard willen we "
        "storingen weken vooraf zien aankomen.",
        ["intake", "definition", "execution", "realised"],
        result="Veertig sensoren geplaatst op twee banden; drie lagerschades tijdig gesignaleerd. "
        "De aanpak staat in het onderhoudsplan en in de mbo-opleiding Mechatronica.",
    ),
    CaseSpec(
        "Restwarmte koelwater benutten voor kassen", "tata", SE, SE, "energy",
        "Het koelwater van de walserij voert veel laagwaardige warmte af naar het "
        "Noordzeekanaal. Kunnen tuinders in de regio die warmte via een warmtewisselaar gebruiken?",
        ["definition", "on_hold", "resume", "execution"],
        notes={
            "on_hold": "Wachten op het besluit over de subsidie voor het warmtenet.",
            "resume": "Subsidie toegekend; project weer opgepakt.",
        },
    ),
    CaseSpec(
        "Geluidsreductie bij de overslag van erts", "overslag", SI, SI, "noise",
        "Omwonenden in IJmuiden ervaren 's nachts geluidsoverlast bij het lossen van ertsschepen. "
        "Gezocht wordt naar geluidsarme grijpers en een slimmere planning van het lossen.",
        ["definition"],
    ),
    CaseSpec(
        "Fijnstofmonitoring rond de kolenopslag", "tata", SI, SI, "fine_dust",
        "Bij harde wind waait stof van de kolenopslag richting Wijk aan Zee. Een fijnmazig "
        "meetnet moet laten zien wanneer en waar maatregelen nodig zijn.",
        ["definition", "execution", "realised"],
        result="Twaalf goedkope fijnstofsensoren geplaatst; de meetdata zijn live te zien voor de "
        "omgevingsdienst. Studenten van Hogeschool Inholland kalibreerden de sensoren.",
    ),
    CaseSpec(
        "Stoomverbruik papiermachine verlagen met warmteterugwinning", "cvg", SE, SE, "energy",
        "De droogpartij van de papiermachine gebruikt veel stoom; de warme, vochtige afzuiglucht "
        "gaat ongebruikt naar buiten.",
        ["intake", "definition", "execution", "realised"],
        result="Warmteterugwinning op de afzuiglucht van de droogpartij bespaart circa 8 % stoom.",
    ),
    CaseSpec(
        "Inspectie van schoorstenen met drones", "cvg", SM, SM, "other",
        "Schoorsteeninspecties vragen nu steigers en een stilstand. Kan een drone met camera en "
        "diktemeter dat sneller en veiliger?",
        ["intake", "dropped"],
        notes={"dropped": "De veiligheidsvoorschriften op het terrein staan drone-inspecties "
               "voorlopig niet toe."},  # fmt: skip
    ),
    CaseSpec(
        "Digitale tweeling van de droogpartij", "cvg", SM, SM, "energy",
        "Een digitaal model van de droogpartij moet helpen om storingen te voorspellen en de "
        "stoominzet te optimaliseren.",
        ["definition", "execution"],
    ),
    CaseSpec(
        "Slijtagemeting aan walsen met machine learning", "tata", SM, SM, "other",
        "Walsen worden nu op vaste intervallen gewisseld. Met meetdata en machine learning willen "
        "we de slijtage voorspellen en wissels beter plannen.",
        ["definition", "execution", "realised"],
        result="Het model voorspelt de walsslijtage met 90 % nauwkeurigheid; wissels worden nu op "
        "basis van de voorspelling gepland.",
    ),
    CaseSpec(
        "Elektrische aandrijving voor havenkranen", "zeehaven", SE, SE, "co2",
        "De mobiele havenkranen draaien op diesel. Onderzocht wordt of ze elektrisch kunnen, met "
        "een walstroomaansluiting op de kade.",
        ["intake", "definition", "on_hold"],
        notes={"on_hold": "Netaansluiting is pas over twee jaar beschikbaar (netcongestie)."},
    ),
    CaseSpec(
        "Waterstof als brandstof voor interne logistiek", "tata", H2, None, "co2",
        "Het interne transport op het terrein rijdt op diesel. Kunnen waterstoftrucks dat "
        "overnemen, en wat vraagt dat van onderhoud en opleiding?",
        ["intake", "dropped", "reopen"],
        notes={
            "dropped": "Geen budget binnen de huidige begroting.",
            "reopen": "Heropend: financiering via het Just Transition Fund IJmond.",
        },
    ),
    CaseSpec(
        "Golfslagenergie bij de pieren van IJmuiden", "zeehaven", GE, GE, "energy",
        "De pieren van IJmuiden liggen in een van de ruwste stukken kust. Een proefopstelling moet "
        "laten zien hoeveel energie golfslag daar kan opwekken.",
        ["intake"],
    ),
    CaseSpec(
        "Zonnepanelen op opslagloodsen met slimme netkoppeling", "overslag", GE, SE, "energy",
        "De loodsen hebben grote daken, maar het net kan de opgewekte stroom niet altijd aan. "
        "Slimme sturing en opslag moeten terugleveren op piekmomenten voorkomen.",
        ["definition", "execution", "realised"],
        result="1,2 MWp op drie loodsen met een regeling die op piekmomenten het vermogen "
        "begrenst; geen extra netaansluiting nodig.",
    ),
    CaseSpec(
        "Lekdetectie in persluchtnetten met ultrasoon", "sme", SE, SE, "energy",
        "Het bedrijf verliest naar schatting een kwart van zijn perslucht door lekkages, maar weet "
        "niet waar.",
        ["intake", "definition", "execution", "realised"],
        via_intake=True,
        result="Studenten van ROC Nova College vonden met een ultrasoon camera 37 lekken; het "
        "energieverbruik van de compressoren daalde met 18 %.",
    ),
    CaseSpec(
        "Conditiemonitoring van pompen in de waterzuivering", "tata", SM, SM, "energy",
        "De pompen van de waterzuivering draaien continu. Stroomopname en trillingen moeten "
        "tijdig laten zien wanneer een pomp onderhoud nodig heeft.",
        ["definition", "execution"],
    ),
    CaseSpec(
        "CO2-afvang bij de kalkovens", "tata", SI, SI, "co2",
        "De kalkovens stoten veel CO2 uit. Een kleinschalige proef met afvang en hergebruik moet "
        "de mogelijkheden verkennen.",
        ["intake", "definition", "on_hold"],
        notes={"on_hold": "Afhankelijk van het besluit over de groene staalroute."},
    ),
    CaseSpec(
        "Voorspellend onderhoud voor heftrucks en shovels", "sme", SM, SM, "other",
        "Het materieelpark van het bedrijf staat vaak onverwacht stil. Kunnen gebruiksdata van de "
        "voertuigen het onderhoud sturen?",
        [],
    ),
    CaseSpec(
        "Geluidsarme koeltorens", "cvg", SI, SI, "noise",
        "De ventilatoren van de koeltorens zijn 's nachts hoorbaar in de wijk. Welke aanpassingen "
        "verlagen het geluid zonder koelcapaciteit te verliezen?",
        ["intake", "definition", "back"],
        notes={"back": "De scope was te breed; terug naar de Green Incubator voor een nieuwe intake."},
    ),
    CaseSpec(
        "Hergebruik van proceswater in de papierproductie", "cvg", SI, SI, "other",
        "Door het proceswater te zuiveren en opnieuw te gebruiken kan de fabriek veel minder "
        "grondwater onttrekken.",
        ["intake", "definition", "execution"],
    ),
    CaseSpec(
        "Thermografie-inspecties met warmtebeeldcamera's voor het mkb", "sme", SM, SM, "energy",
        "Het bedrijf wil zijn klanten thermografie-inspecties van schakelkasten aanbieden, maar "
        "mist de kennis om de beelden te beoordelen.",
        ["intake", "definition", "execution", "realised"],
        via_intake=True,
        result="Inspectieprotocol en een opleiding van drie dagen ontwikkeld met Tata Steel "
        "Academy; vijf monteurs gecertificeerd.",
    ),
    CaseSpec(
        "Energiemonitoring met IoT-sensoren bij een metaalbewerker", "sme", SE, SE, "energy",
        "De energierekening is verdubbeld, maar het bedrijf weet niet welke machines het meest "
        "verbruiken.",
        ["intake", "definition"],
        via_intake=True,
    ),
    CaseSpec(
        "Corrosiedetectie aan stalen damwanden", "zeehaven", SM, SM, "other",
        "De damwanden van de kades roesten ongelijkmatig. Met metingen vanaf het water wil de "
        "haven gericht onderhoud plannen.",
        [],
    ),
    CaseSpec(
        "Batterijopslag voor piekvermogen op het bedrijventerrein", "sme", SE, SE, "energy",
        "Bedrijven op het terrein krijgen geen extra netcapaciteit. Een gedeelde batterij zou de "
        "pieken kunnen opvangen.",
        [],
    ),
    CaseSpec(
        "Autonome inspectierobot voor leidingbruggen", "tata", SM, SM, "other",
        "Inspecties van de leidingbruggen zijn tijdrovend en gebeuren op hoogte. Een robot die "
        "over de leidingen rijdt moet dat veiliger maken.",
        ["definition", "execution"],
    ),
    CaseSpec(
        "Elektrificatie van de hogedrukreiniging", "sme", SE, SE, "co2",
        "De hogedrukreinigers van het bedrijf draaien op diesel; kan het elektrisch?",
        ["intake", "dropped"],
        via_intake=True,
        notes={"dropped": "Het bedrijf kiest voorlopig voor vervanging van de bestaande "
               "installatie."},  # fmt: skip
    ),
    CaseSpec(
        "Warmtepomp voor een galvaniseerbad", "sme", SE, SE, "energy",
        "Het galvaniseerbad wordt met een gasbrander op temperatuur gehouden. Een "
        "hogetemperatuurwarmtepomp zou dat kunnen overnemen.",
        ["intake", "definition", "execution", "realised"],
        via_intake=True,
        result="Warmtepomp van 250 kW geplaatst; het gasverbruik van het bad daalde met 70 %.",
    ),
    CaseSpec(
        "Fijnstofreductie bij het laden van schepen", "overslag", SI, SI, "fine_dust",
        "Bij het laden van bulkgoed in schepen ontstaat een stofwolk. Vernevelen, afschermen of "
        "anders storten?",
        ["intake", "definition"],
    ),
    CaseSpec(
        "Augmented reality bij onderhoudsinstructies", "tata", SM, SM, "other",
        "Nieuwe monteurs moeten complexe onderhoudstaken leren. AR-brillen tonen de instructie "
        "stap voor stap op de installatie zelf.",
        ["definition", "execution", "realised"],
        result="AR-instructies voor acht onderhoudstaken; inwerktijd van nieuwe monteurs "
        "halveerde. Tata Steel Academy gebruikt ze in de opleiding.",
    ),
    CaseSpec(
        "Restwarmte uit de walserij voor het warmtenet van Velsen", "velsen", SE, SE, "energy",
        "De gemeente wil woningen in Velsen-Noord aansluiten op een warmtenet, gevoed met "
        "restwarmte uit de industrie.",
        ["intake"],
    ),
    CaseSpec(
        "Waterstofklare branders in de gloeioven", "tata", H2, None, "co2",
        "Kunnen de branders van de gloeioven geleidelijk overstappen van aardgas op waterstof?",
        [],
    ),
    CaseSpec(
        "Geluidsmonitoring met een sensornetwerk in Velsen-Noord", "odijmond", SI, SI, "noise",
        "Klachten over geluid zijn moeilijk te herleiden tot een bron. Een netwerk van "
        "geluidssensoren moet dat mogelijk maken.",
        ["intake", "definition", "execution", "realised"],
        result="Twintig geluidssensoren met bronherkenning; klachten worden nu binnen een dag "
        "aan een bron gekoppeld.",
    ),
    CaseSpec(
        "Optimalisatie van persluchtcompressoren bij een levensmiddelenproducent", "sme", SE, SE,
        "energy",
        "Vier compressoren draaien tegelijk, ook als de vraag laag is. Een slimme "
        "cascaderegeling kan veel stroom besparen.",
        ["intake", "definition", "on_hold"],
        via_intake=True,
        notes={"on_hold": "Het bedrijf heeft eerst alle capaciteit nodig voor een verhuizing."},
    ),
    CaseSpec(
        "Circulair hergebruik van slakken als bouwmateriaal", "tata", SI, SI, "co2",
        "Staalslakken kunnen cement deels vervangen. Welke samenstelling voldoet aan de normen "
        "voor bouwmateriaal?",
        ["intake", "definition", "execution", "realised"],
        result="Proefmengsel met 40 % slakken voldoet aan de norm; een aannemer in de regio "
        "gebruikt het voor funderingen.",
    ),
    CaseSpec(
        "Aardgasvrije proceswarmte bij een coatingbedrijf", "sme", SE, SE, "co2",
        "De droogovens van de coatinglijn stoken op aardgas. Het bedrijf wil weten welke "
        "elektrische alternatieven er zijn.",
        ["intake"],
        via_intake=True,
    ),
    CaseSpec(
        "Sensorgestuurde lasrookafzuiging", "sme", SI, SI, "fine_dust",
        "De afzuiging in de lasafdeling draait altijd op vol vermogen, maar de lasrook blijft "
        "hangen op plekken waar het meest gelast wordt.",
        ["intake", "definition", "execution", "realised"],
        via_intake=True,
        result="Afzuiging geregeld op fijnstofsensoren per lasplek: betere lucht en 40 % minder "
        "energie voor de ventilatoren.",
    ),
]  # fmt: skip

#: Days a step takes after the previous one (low, high).
STEP_DAYS: dict[str, tuple[int, int]] = {
    "intake": (10, 40),
    "definition": (20, 70),
    "execution": (40, 120),
    "realised": (90, 240),
    "on_hold": (20, 90),
    "dropped": (20, 120),
    "back": (20, 60),
    "resume": (30, 90),
    "reopen": (40, 120),
}
#: Days an open use case has been in its current stage by today (low, high).
STAY_DAYS: dict[str, tuple[int, int]] = {
    "detected": (3, 100),
    "intake": (10, 120),
    "definition": (20, 180),
    "execution": (30, 300),
    "on_hold": (30, 240),
}
STEP_STAGE = {"back": Stage.INTAKE, "resume": Stage.DEFINITION, "reopen": Stage.DEFINITION}
CORE_SCHOOLS = ["nova", "tsa", "inholland", "hva"]
#: The months the stuurgroep meets in (about five times a year).
MEETING_MONTHS = (2, 4, 6, 9, 11)

NEXT_STEPS: dict[str, list[str]] = {
    "detected": [
        "Intake plannen met de Green Incubator",
        "Asset owner uitnodigen voor een verkennend gesprek",
    ],
    "intake": [
        "Projectdefinitie opstellen met de asset owner",
        "Geschikte mkb-oplossingsaanbieders zoeken",
    ],
    "definition": [
        "Oplossingsaanbieder selecteren en studententeam samenstellen",
        "Projectplan en begroting afstemmen met de partners",
    ],
    "execution": [
        "Testopstelling in het Fieldlab evalueren",
        "Tussenresultaten presenteren in de Learning Community",
    ],
    "realised": [
        "Resultaten delen op het Techport Innovatiecongres",
        "Opschaling bespreken met de asset owner",
    ],
    "on_hold": ["Over drie maanden opnieuw bespreken met de asset owner"],
    "dropped": [""],
}
INTAKE_NOTES = [
    "Bedrijf wil verduurzamen maar mist kennis om keuzes te maken.",
    "Gesprek over de mogelijkheden van sensoren en data in het onderhoud.",
    "Ondernemer zoekt een partner om een prototype te testen.",
    "Behoefte aan studenten die een haalbaarheidsstudie doen.",
    "Vraag past beter bij een regeling van de provincie.",
    "Bedrijf wil aansluiten bij het Fieldlab om van anderen te leren.",
]
INTAKE_NEXT_STEPS = [
    "Doorverwijzen naar de subsidieadviseur van de provincie",
    "Uitnodigen voor de volgende Fieldlab-sessie",
    "Over twee maanden opnieuw contact opnemen",
    "Koppelen aan een studententeam van Hogeschool Inholland",
]


# --- filling -------------------------------------------------------------------------------------


def fill(
    db: sqlite_utils.Database, force: bool = False, today: dt.date | None = None
) -> dict[str, int]:
    """Fill the database with the demo data set; returns how many of each the database holds.

    The data spans the three years up to ``today`` (default: the real today), so the current
    year always has data; the same ``today`` always gives the same data. A database that already
    holds use cases or organisations is refused unless ``force`` is given; with ``force`` the
    demo accounts, organisations, persons, activities and use cases already there are reused.
    A database that is not a demo database (accounts or data of its own, or an ended demo) is
    refused either way (:func:`check_may_become_demo`).
    """
    today = today or dt.date.today()
    with transaction(db):
        check_may_become_demo(db)  # a real database: refused, with or without force
        holds_data = one(db, "SELECT 1 AS x FROM use_cases LIMIT 1") or one(
            db, "SELECT 1 AS x FROM organisations LIMIT 1"
        )
        if holds_data and not force:
            raise FunnelError("demo_not_empty")
        _Builder(db, today).build()
    return summary(db)


def check_may_become_demo(db: sqlite_utils.Database) -> None:
    """Refuse to put demo data and demo accounts into a real database.

    A database may take the demo data set while it is a demo database, or while it has no
    accounts but the demo accounts and no data; anything else (an account of its own, data
    without the demo flag, a demo that was ended) is real, and stays as it is.
    """
    demo_names = [name for name, *_ in DEMO_ACCOUNTS]
    if is_demo(db):
        return
    marks = ", ".join("?" * len(demo_names))
    real_user = one(
        db,
        f"SELECT 1 AS x FROM users WHERE removed_at IS NOT NULL OR username NOT IN ({marks})",
        demo_names,
    )
    holds_data = one(db, "SELECT 1 AS x FROM use_cases LIMIT 1") or one(
        db, "SELECT 1 AS x FROM organisations LIMIT 1"
    )
    if real_user or holds_data or get_meta(db, "is_demo") == "0":
        raise FunnelError("demo_real_database")


def summary(db: sqlite_utils.Database) -> dict[str, int]:
    """How many use cases, organisations, persons, activities, ... the database holds."""

    def count(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    return {
        "use_cases": count("SELECT COUNT(*) FROM use_cases"),
        "organisations": count("SELECT COUNT(*) FROM organisations WHERE merged_into IS NULL"),
        "persons": count("SELECT COUNT(*) FROM persons WHERE merged_into IS NULL"),
        "activities": count("SELECT COUNT(*) FROM activities"),
        "attendance": count("SELECT COUNT(*) FROM attendance"),
        "intakes": count("SELECT COUNT(*) FROM intakes"),
        "involvements": count("SELECT COUNT(*) FROM involvements"),
    }


def _kvk(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = f"{rng.randint(10_000_000, 99_999_999):08d}"
        if number not in taken:
            taken.add(number)
            return number


def _slug(name: str) -> str:
    return "".join(c for c in normal_org_name(name) if c.isalnum())[:28]


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _weekday(day: dt.date) -> dt.date:
    """The first Tuesday, Wednesday or Thursday on or after ``day``."""
    while day.weekday() not in (1, 2, 3):
        day += dt.timedelta(days=1)
    return day


def _sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """``k`` items drawn without replacement, each in proportion to its weight."""
    keyed = sorted(
        ((rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)),
        key=lambda pair: pair[0],
        reverse=True,
    )
    return [items[i] for _, i in keyed[:k]]


class _Builder:
    """Writes the demo data set through the services, as the demo users would have."""

    def __init__(self, db: sqlite_utils.Database, today: dt.date) -> None:
        self.db = db
        self.today = today
        self.start = _years_before(today, 3)
        self.first_year = self.start.year
        self.offsets = range(today.year - self.first_year + 1)
        self.rng = random.Random(SEED)
        # The plan never depends on what the database holds, so that a forced second fill
        # finds the same organisations, persons and activities instead of adding look-alikes.
        self.kvks: set[str] = set()
        self.orgs: dict[str, Org] = {}
        self.contacts: list[Contact] = []
        self.emails: set[str] = set()
        self.names: set[str] = {name for _, _, name, _ in DEMO_ACCOUNTS}
        self.used_smes: set[str] = set()

    # -- accounts -------------------------------------------------------------------------------

    def accounts(self) -> None:
        self.actors: dict[str, Actor] = {}
        set_meta(self.db, "is_demo", "1")
        for username, role, display_name, _password in DEMO_ACCOUNTS:
            existing = one(
                self.db, "SELECT * FROM users WHERE username = ? COLLATE NOCASE", [username]
            )
            if existing:  # a forced fill: act as the account that is there, with its own role
                role, display_name = Role(existing["role"]), existing["display_name"]
                user_id = int(existing["id"])
            else:
                user_id = auth.create_demo_user(self.db, username, role, display_name)
            self.actors[username] = Actor(user_id, username, role, display_name)
        self.leader = self.actors["leider"]
        self.coaches = [self.actors["coach"], self.actors["coach2"]]

    # -- organisations and persons --------------------------------------------------------------

    def plan_network(self) -> None:
        rng = self.rng
        for key, name, kind, level, region, partner, domain, size, weight in NETWORK:
            kvk = _kvk(rng, self.kvks) if kind == OrgKind.COMPANY else None
            self.orgs[key] = Org(key, name, kind, domain, level, region, partner, kvk, size, weight)
        taken = [normal_org_name(o.name) for o in self.orgs.values()]
        taken += [normal_org_name(n) for n in UNCLASSIFIED]
        smes: list[tuple[str, str, Region]] = list(NAMED_SMES)
        taken += [normal_org_name(n) for _, n, _ in NAMED_SMES]
        while len(smes) < 210:
            name, region = self._sme_name()
            normal = normal_org_name(name)
            if any(normal == other or are_similar(normal, other) for other in taken):
                continue
            taken.append(normal)
            smes.append((f"sme{len(smes)}", name, region))
        for key, name, region in smes:
            size = rng.choices([1, 2, 3, 4], weights=[66, 25, 7, 2])[0]
            first = rng.choices([0, 1, 2, 3], weights=[70, 14, 10, 6])[0]
            last = rng.choices([first + 1, 3], weights=[1, 6])[0] if first < 3 else 3
            self.orgs[key] = Org(
                key,
                name,
                OrgKind.COMPANY,
                _slug(name) + ".example",
                region=region,
                partner=rng.random() < 0.12,
                kvk=_kvk(rng, self.kvks) if rng.random() < 0.92 else None,
                size=size,
                weight=rng.uniform(0.5, 1.3),
                first_year=first,
                last_year=last,
            )
        self.orgs["kennemer"].kvk = self.orgs["kennemer"].kvk or _kvk(rng, self.kvks)
        for key, name, original, kind in NEAR_DUPLICATES:
            base = self.orgs[original]
            self.orgs[key] = Org(
                key, name, kind, base.domain, size=2, weight=0.6, first_year=2, typed=True
            )
        for number, name in enumerate(UNCLASSIFIED):
            self.orgs[f"unknown{number}"] = Org(
                f"unknown{number}",
                name,
                None,
                _slug(name) + ".example",
                size=rng.choice([1, 1, 2]),
                weight=0.7,
                first_year=rng.choice([2, 3]),
                typed=True,
            )
        for org in self.orgs.values():
            for _ in range(org.size):
                self.contacts.append(self._contact(org))
        for _ in range(6):  # freelancers and students without an organisation
            self.contacts.append(self._contact(None))

    def _sme_name(self) -> tuple[str, Region]:
        rng = self.rng
        pattern = rng.random()
        region = rng.choices([IJMOND, MRA, OTHER_REGION], weights=[70, 25, 5])[0]
        if pattern < 0.45:
            pool = rng.choices([PLACES_IJMOND, PLACES_MRA, PLACES_NEUTRAL], weights=[50, 20, 30])[0]
            place = rng.choice(pool)
            if pool is PLACES_IJMOND:
                region = IJMOND
            elif pool is PLACES_MRA:
                region = MRA
            name = f"{place} {rng.choice(TRADES)}"
        elif pattern < 0.75:
            surname = rng.choice(SURNAMES)
            surname = surname[0].upper() + surname[1:]
            name = f"{surname} {rng.choice(TRADES)}"
        else:
            name = rng.choice(BRANDS) + rng.choice(BRAND_SUFFIXES)
        return name + rng.choice(LEGAL_SUFFIXES), region

    def _contact(self, org: Org | None) -> Contact:
        rng = self.rng
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            name = f"{first} {last}"
            if name not in self.names:
                self.names.add(name)
                break
        ascii_first = normal_text(first).replace(" ", "")
        ascii_last = normal_text(last).replace(" ", "")
        local = rng.choice([f"{ascii_first}.{ascii_last}"] * 3 + [f"{ascii_first[0]}.{ascii_last}"])
        domain = org.domain if org else "mail.example"
        email, n = f"{local}@{domain}", 2
        while email in self.emails:
            email, n = f"{local}{n}@{domain}", n + 1
        self.emails.add(email)
        themes, weights = zip(*INTERESTS, strict=True)
        first_year = org.first_year if org else rng.choice([0, 1, 2, 3])
        last_year = org.last_year if org else 3
        if org and not org.typed and rng.random() < 0.2:  # people change jobs or join later
            first_year = rng.randint(first_year, last_year)
        return Contact(
            name,
            email,
            org,
            rng.choices(themes, weights=weights)[0],
            rng.random() < 0.22 * (org.weight if org else 0.5),
            first_year,
            last_year,
        )

    def store_network(self) -> None:
        for org in self.orgs.values():
            if org.typed:
                continue
            found = services.create_organisation(
                self.db,
                self.leader,
                org.name,
                kvk=org.kvk,
                kind=org.kind,
                level=org.level,
                region=org.region.value if org.region else None,
                is_partner=org.partner,
            )
            org.id = found.id

    # -- activities -----------------------------------------------------------------------------

    def plan_activities(self, offset: int) -> list[tuple[dt.date, str, str, Theme | None]]:
        """The activities of one year: (date, title, activity type, fieldlab)."""
        rng = self.rng
        year = self.first_year + offset
        plan: list[tuple[dt.date, str, str, Theme | None]] = []
        taken: set[dt.date] = set()

        def day(month: int) -> dt.date:
            """A free Tuesday, Wednesday or Thursday in ``month``, or soon after."""
            found = _weekday(dt.date(year, month, rng.randint(2, 24)))
            while found in taken:
                found = _weekday(found + dt.timedelta(days=1))
            taken.add(found)
            return found

        plan.append((day(1), "Nieuwjaarsbijeenkomst Techport", "event", None))
        fieldlabs = [
            (SM, [2, 3, 4, 5, 6, 9, 10, 11, 12]),
            (SE, [3, 5, 6, 9, 11]),
            (SI, [4, 6, 10, 12] if offset > 1 else [10] if offset else []),
        ]
        for theme, months in fieldlabs:
            topics = FIELDLAB_TOPICS[theme]
            topics = rng.sample(topics, k=min(len(months), len(topics)))
            for number, month in enumerate(months):
                title = f"Fieldlab {theme.value}: {topics[number % len(topics)]}"
                if offset == 1 and theme == SI:
                    title = "Kick-off Fieldlab Sustainable Industry"
                plan.append((day(month), title, "fieldlab", theme))
        for month in (2, 5, 9, 11):
            plan.append(
                (day(month), "Learning Community Waterstoftechnologie", "learning_community", H2)
            )
        for month in (3, 6, 10):
            plan.append((day(month), "Learning Community Onderhoudsdata", "learning_community", SM))
        for month, title in zip([2, 4, 6, 9, 10, 11], rng.sample(WORKSHOPS, 6), strict=True):
            plan.append((day(month), title, "workshop", None))
        for month, title in zip([3, 6, 9, 12], MEETUPS, strict=True):
            plan.append((day(month), title, "meetup", None))
        plan.append((day(11), f"Techport Innovatiecongres {year}", "event", None))
        return sorted(plan, key=lambda a: (a[0], a[1]))

    @staticmethod
    def _appeal(activity: tuple[dt.date, str, str, Theme | None], contact: Contact) -> float:
        """How likely a contact picks this activity among the ones of the year."""
        _, title, kind, fieldlab = activity
        if kind == "event":
            big = title.startswith("Techport Innovatiecongres")
            return (6.0 if big else 2.0) if not contact.regular else (2.0 if big else 1.0)
        if fieldlab is not None:
            matches = fieldlab == contact.interest
            if contact.regular:
                return 4.0 if matches else 0.6
            return 1.5 if matches else 0.2
        return 1.2

    def activities(self) -> None:
        """Each year, regulars come to several activities and others to one or two."""
        rng = self.rng
        governments = [o for o in self.orgs.values() if o.kind == OrgKind.GOVERNMENT]
        for offset in self.offsets:
            plan = self.plan_activities(offset)
            visitors: list[list[tuple[Contact, bool]]] = [[] for _ in plan]
            for contact in self.contacts:
                if not contact.first_year <= offset <= contact.last_year:
                    continue
                if rng.random() >= (0.95 if contact.regular else 0.58):
                    continue
                visits = rng.randint(4, 9) if contact.regular else rng.choice([1, 1, 2])
                weights = [self._appeal(activity, contact) for activity in plan]
                for index in _sample(rng, list(range(len(plan))), weights, visits):
                    visitors[index].append((contact, rng.random() < 0.05))
            for (day, title, kind, fieldlab), guests in zip(plan, visitors, strict=True):
                org_only = _sample(
                    rng, governments, [1.0] * len(governments), 2 if kind == "event" else 0
                )
                if not self.start <= day <= self.today:
                    continue
                activity_id = self._activity(title, day, kind, fieldlab)
                for contact, without_email in guests:
                    self._attend(activity_id, contact, with_email=not without_email)
                for org in org_only:
                    services.add_attendance(
                        self.db, self.leader, activity_id, organisation_id=org.id
                    )

    def person_duplicates(self) -> None:
        """Two regulars entered a second time at their own organisation, for the programme leader
        to merge: one with a private address, one as "M. Kok" with the same name before the @ at
        another domain of the organisation."""
        regulars = [c for c in self.contacts if c.org and not c.org.typed and c.regular]
        for number, contact in enumerate(self.rng.sample(regulars, 2)):
            assert contact.org is not None
            last = one(
                self.db,
                "SELECT a.activity_id FROM attendance a JOIN persons p ON p.id = a.person_id "
                "JOIN activities v ON v.id = a.activity_id WHERE p.email = ? "
                "ORDER BY v.activity_date DESC LIMIT 1",
                [contact.email],
            )
            if last is None:
                continue
            local, _, domain = contact.email.partition("@")
            first, _, surname = contact.name.partition(" ")
            if number == 0:
                name, email = contact.name, f"{local.replace('.', '')}@mail.example"
            else:
                name, email = f"{first[0]}. {surname}", f"{local}@{domain.replace('.', '-nl.', 1)}"
            services.add_attendance(
                self.db,
                self.leader,
                last["activity_id"],
                organisation_id=contact.org.id,
                person_name=name,
                person_email=email,
            )

    def _activity(self, title: str, day: dt.date, kind: str, fieldlab: Theme | None) -> int:
        existing = one(
            self.db,
            "SELECT id FROM activities WHERE activity_date = ? AND normal_title = ?",
            [day.isoformat(), normal_text(title)],
        )
        if existing:
            return int(existing["id"])
        return services.create_activity(
            self.db, self.leader, title, day, kind, fieldlab.value if fieldlab else None
        )

    def _attend(self, activity_id: int, contact: Contact, with_email: bool = True) -> None:
        org = contact.org
        services.add_attendance(
            self.db,
            self.leader,
            activity_id,
            organisation_id=org.id if org and not org.typed else None,
            organisation_name=org.name if org and org.typed else None,
            organisation_kind=org.kind if org and org.typed else None,
            person_name=contact.name,
            person_email=contact.email if with_email else None,
        )

    # -- use cases ------------------------------------------------------------------------------

    def use_cases(self) -> None:
        """Plan every use case's dates backwards from today, then play its path.

        Open use cases: the youngest path gets the latest detection date, spread over the three
        years. Realised and dropped ones: detection dates spread over the three years as well,
        so that each year sees projects delivered.
        """
        rng = self.rng
        span = (self.today - self.start).days - 10
        plans: dict[bool, list] = {True: [], False: []}
        for number, spec in enumerate(CASES):
            steps = [(step, 0 if spec.via_intake and index == 0 else rng.randint(*STEP_DAYS[step]))
                     for index, step in enumerate(spec.path)]  # fmt: skip
            final = self._final(spec)
            stay = rng.randint(*STAY_DAYS.get(final, (5, 60)))
            total = sum(days for _, days in steps)
            plans[final in ("realised", "dropped")].append(
                (total + stay, number, spec, steps, stay)
            )
        existing = {r["title"] for r in rows(self.db, "SELECT title FROM use_cases")}
        dated: list[tuple[dt.date, int, CaseSpec, list[tuple[str, int]]]] = []
        for closed, group in plans.items():
            group.sort(key=lambda plan: (plan[0], plan[1]))  # youngest path: latest date
            low = 60 if closed else 5
            for rank, (_, number, spec, steps, stay) in enumerate(group):
                age = low + int((span - low) * (rank + rng.random()) / len(group))
                total = sum(days for _, days in steps)
                stay = max(1, min(stay, age - 2 * len(steps)))
                factor = min(1.5, (age - stay) / total) if total else 0.0
                steps = [(step, days and max(2, round(days * factor))) for step, days in steps]
                total = sum(days for _, days in steps)
                detected = self.today - dt.timedelta(days=max(age, total + stay))
                dated.append((detected, number, spec, steps))
        for detected, number, spec, steps in sorted(dated, key=lambda plan: plan[:2]):
            source = self._source(spec)
            if spec.title not in existing:
                coach = self.coaches[number % 2]
                self._play(spec, source, detected, steps, coach, self._final(spec))

    @staticmethod
    def _final(spec: CaseSpec) -> str:
        if not spec.path:
            return "detected"
        last = spec.path[-1]
        return STEP_STAGE[last].value if last in STEP_STAGE else last

    def _source(self, spec: CaseSpec) -> Org:
        if spec.source != "sme":
            return self.orgs[spec.source]
        candidates = [
            o
            for o in self.orgs.values()
            if o.key.startswith("sme")
            and o.kvk
            and o.first_year == 0
            and o.key not in self.used_smes
        ]
        org = self.rng.choice(candidates)
        self.used_smes.add(org.key)
        return org

    def _contact_of(self, org: Org) -> Contact | None:
        people = [c for c in self.contacts if c.org is org]
        return self.rng.choice(people) if people else None

    def _play(
        self,
        spec: CaseSpec,
        source: Org,
        detected: dt.date,
        steps: list[tuple[str, int]],
        coach: Actor,
        final: str,
    ) -> None:
        rng, db, leader, today = self.rng, self.db, self.leader, self.today
        contact = self._contact_of(source)
        if spec.via_intake:
            saved = services.save_intake(
                db,
                coach,
                detected,
                organisation_name=source.name,
                organisation_kvk=source.kvk,
                person_name=contact.name if contact else None,
                person_email=contact.email if contact else None,
                new_use_case_title=spec.title,
                theme=spec.theme.value,
                needs=self._needs(),
                outcome=IntakeOutcome.OPEN if final == "intake" else IntakeOutcome.START_DEFINITION,
                notes=rng.choice(INTAKE_NOTES),
                next_step="Projectdefinitie opstellen",
                today=today,
            )
            assert saved.use_case_id is not None  # a new use case was asked for
            case_id = saved.use_case_id
            services.update_use_case(
                db, coach, case_id, description=spec.description, effect=spec.effect,
                fieldlab=spec.fieldlab.value if spec.fieldlab else None,
            )  # fmt: skip
            services.update_use_case(db, leader, case_id, owner_id=leader.id)
        else:
            case_id = services.create_use_case(
                db,
                leader,
                spec.title,
                detected,
                asset_owner_id=source.id,
                description=spec.description,
                theme=spec.theme.value,
                fieldlab=spec.fieldlab.value if spec.fieldlab else None,
                effect=spec.effect,
                today=today,
            )
            if spec.path and rng.random() < 0.6:
                services.update_use_case(db, leader, case_id, coach_id=coach.id)
        day = detected
        linked = False
        for index, (step, days) in enumerate(steps):
            day = day + dt.timedelta(days=days)
            if index == 0 and spec.via_intake:
                continue
            following = steps[index + 1][1] if index + 1 < len(steps) else (today - day).days
            if step == "intake":
                services.save_intake(
                    db,
                    coach,
                    day,
                    organisation_id=source.id,
                    person_name=contact.name if contact else None,
                    person_email=contact.email if contact else None,
                    use_case_id=case_id,
                    needs=self._needs(),
                    outcome=IntakeOutcome.START_DEFINITION,
                    notes=rng.choice(INTAKE_NOTES),
                    next_step="Projectdefinitie opstellen met de programmaleider",
                    today=today,
                )
                continue
            if step == "realised":
                services.update_use_case(db, leader, case_id, result_summary=spec.result)
            mover = coach if spec.via_intake and step == "definition" else leader
            services.move_use_case(
                db,
                mover,
                case_id,
                STEP_STAGE.get(step, step),
                day,
                note=spec.notes.get(step, ""),
                today=today,
            )
            if step == "definition" and not linked:
                self._link(spec, case_id, source, day, following, final)
                linked = True
        step = rng.choice(NEXT_STEPS[final])
        # an open use case's next step has a due date: some overdue, some soon (from the case's
        # number, not the random stream, so the rest of the data set stays as it was)
        due = None
        if final not in ("realised", "dropped", "on_hold") and case_id % 3:
            due = self.today + dt.timedelta(days=(case_id * 7) % 31 - 10)
        services.update_use_case(db, leader, case_id, next_step=step, next_step_due=due)

    def _link(
        self, spec: CaseSpec, case_id: int, source: Org, start: dt.date, gap: int, final: str
    ) -> None:
        """Link the partners of a use case in definition: a school, a solution provider, ..."""
        rng, db, leader = self.rng, self.db, self.leader
        school = self.orgs[rng.choice(CORE_SCHOOLS)] if rng.random() < 0.85 else self.orgs["rocva"]
        services.link_involvement(
            db, leader, case_id, InvolvementRole.EDUCATION_PARTNER, start, organisation_id=school.id
        )
        # some trajectories have all four core education partners (the strategy wants every
        # one to); drawn from a generator of their own, so the rest of the demo stays the same
        if random.Random(f"{SEED}:core:{spec.title}").random() < 0.3:
            for key in CORE_SCHOOLS:
                if self.orgs[key] is not school:
                    services.link_involvement(
                        db, leader, case_id, InvolvementRole.EDUCATION_PARTNER, start,
                        organisation_id=self.orgs[key].id,
                    )  # fmt: skip
        later = start + dt.timedelta(days=max(1, min(gap - 1, rng.randint(3, 14))))
        if later > self.today:
            later = start
        provider = rng.choice(
            [o for o in self.orgs.values() if o.key.startswith("sme") and o is not source and o.kvk]
        )
        provider_contact = self._contact_of(provider)
        services.link_involvement(
            db,
            leader,
            case_id,
            InvolvementRole.SOLUTION_PROVIDER,
            later,
            organisation_id=provider.id,
            person_name=provider_contact.name if provider_contact else None,
            person_email=provider_contact.email if provider_contact else None,
        )
        contact = self._contact_of(source)
        if contact and source.kind == OrgKind.COMPANY:
            services.link_involvement(
                db, leader, case_id, InvolvementRole.ASSET_OWNER_CONTACT, start,
                organisation_id=source.id, person_name=contact.name, person_email=contact.email,
            )  # fmt: skip
        if spec.theme in (SI, H2) or rng.random() < 0.25:
            ended = later + dt.timedelta(days=rng.randint(60, 150))
            services.link_involvement(
                db, leader, case_id, InvolvementRole.KNOWLEDGE_PARTNER, later,
                end_date=ended if ended <= self.today and final != "execution" else None,
                organisation_id=self.orgs["tno"].id,
            )  # fmt: skip
        if rng.random() < 0.6:
            team_school = self.orgs[rng.choice(["nova", "inholland", "hva", "tcv"])]
            ended = later + dt.timedelta(days=rng.randint(100, 150))
            services.link_involvement(
                db, leader, case_id, InvolvementRole.STUDENT_TEAM, later,
                end_date=ended if ended <= self.today else None,
                organisation_id=team_school.id,
            )  # fmt: skip

    def _needs(self) -> list[IntakeNeed]:
        needs = list(IntakeNeed)
        return sorted(self.rng.sample(needs, self.rng.randint(1, 3)), key=needs.index)

    # -- intakes without a use case, targets --------------------------------------------------------

    def loose_intakes(self) -> None:
        """Intakes that did not (yet) lead to a use case: referred, no fit, or still open."""
        rng = self.rng
        for offset in self.offsets:
            year = self.first_year + offset
            smes = [
                o
                for o in self.orgs.values()
                if o.key.startswith("sme") and o.first_year <= offset <= o.last_year
            ]
            for _ in range(9):
                day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(5, 350))
                org = rng.choice(smes)
                coach = rng.choice(self.coaches)
                outcome = rng.choice(
                    [
                        IntakeOutcome.REFER,
                        IntakeOutcome.REFER,
                        IntakeOutcome.NO_FIT,
                        IntakeOutcome.OPEN,
                    ]
                )
                needs, notes, step = (
                    self._needs(),
                    rng.choice(INTAKE_NOTES),
                    rng.choice(INTAKE_NEXT_STEPS),
                )
                contact = self._contact_of(org)
                if not self.start <= day <= self.today or one(
                    self.db,
                    "SELECT 1 AS x FROM intakes WHERE organisation_id = ? AND intake_date = ?",
                    [org.id, day.isoformat()],
                ):
                    continue
                services.save_intake(
                    self.db,
                    coach,
                    day,
                    organisation_id=org.id,
                    person_name=contact.name if contact else None,
                    person_email=contact.email if contact else None,
                    needs=needs,
                    outcome=outcome,
                    notes=notes,
                    next_step=step if outcome != IntakeOutcome.NO_FIT else "",
                    today=self.today,
                )

    def targets(self) -> None:
        """The stuurgroep's targets: the defaults, this year with its own choices."""
        for offset in self.offsets:
            values = dict(DEFAULT_TARGETS)
            if self.first_year + offset == self.today.year:
                values.update(use_cases_detected=12)
            for key, value in values.items():
                services.set_target(self.db, self.leader, self.first_year + offset, key, value)

    def meetings(self) -> None:
        """The stuurgroep's meetings of the last year, each with its frozen snapshot (as of the
        end of the month before the meeting); a meeting already frozen is left as it is."""
        held = {r["label"] for r in rows(self.db, "SELECT label FROM frozen_snapshots")}
        planned = []
        for year in (self.today.year - 1, self.today.year):
            for month in MEETING_MONTHS:
                meeting = _weekday(dt.date(year, month, 10))
                if meeting <= self.today:
                    planned.append(meeting)
        for meeting in planned[-6:]:
            label = f"Stuurgroep {MONTHS_NL[meeting.month - 1]} {meeting.year}"
            as_of = meeting.replace(day=1) - dt.timedelta(days=1)
            if label not in held and as_of >= self.start:
                services.freeze_snapshot(
                    self.db, self.leader, label, as_of.year, as_of, meeting, today=self.today
                )

    def build(self) -> None:
        """Every part with its own random generator: what one part skips never shifts the next."""
        for part in (
            self.accounts,
            self.plan_network,
            self.store_network,
            self.activities,
            self.use_cases,
            self.loose_intakes,
            self.targets,
            self.person_duplicates,
            self.meetings,
        ):
            self.rng = random.Random(f"{SEED}:{part.__name__}")
            part()
