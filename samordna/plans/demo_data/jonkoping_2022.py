"""Länsstyrelsen i Jönköpings län – Handlingsplan 2022, transcribed from the source document
(shared/seeds/003). Rows are (activity, target group, outcome, sub-goal label as printed).

Only Word artefacts were removed: hyphenation at line ends ("civilsamhälleorganisa-tioner",
"Kvinno-/jourer", "kom-petensförsörjning"), a stray style name ("Formatmall") and the footnote
marker (the footnote text is kept as the activity's description). Typos of the source are kept.
Months are not in the source: ``MONTHS`` is a believable demo planning for the annual wheel.
"""

COUNTY_CODE = "06"
YEAR = 2022
TITLE = "Handlingsplan 2022 – Länsstyrelsen i Jönköpings län"

STRATEGY_NAME = (
    "Regional strategi för att förebygga och bekämpa mäns våld mot kvinnor och våld i nära "
    "relationer"
)
STRATEGY_PERIOD = (2020, 2026)
STRATEGY_TEXT = (
    "Den regionala strategin för att förebygga och bekämpa mäns våld mot kvinnor och våld i nära "
    "relationer 2020–2026 är länets gemensamma inriktning. Kommuner, regionen, myndigheter och "
    "civilsamhällets organisationer ansluter sig genom en avsiktsförklaring."
)
# (number, title, national goals 1–4)
SUBGOALS = [
    (1, "Ett utökat och verkningsfullt förebyggande arbete mot våld", [1]),
    (2, "Förbättrad upptäckt av våld", [2]),
    (3, "Starkare skydd och stöd för våldsutsatta vuxna och barn", [3]),
    (4, "Effektivare brottsbekämpning", [4]),
    (5, "Förbättrad kunskap och metodutveckling", [1, 2, 3, 4]),
]

FOREWORD = """Länsstyrelsen i Jönköping har nu sammanställt en handlingsplan för 2022 inom uppdraget mäns våld mot kvinnor, som tar avstamp i den regionala strategin för att förebygga och bekämpa mäns våld mot kvinnor och våld i nära relationer 2020–2026.

Vi lever i en föränderlig tid där länets verksamheter under de senaste två åren tvingats ställa om på grund av pandemin, vilket visat på den handlingskraft och engagemang som länets aktörer har för att möta behoven hos de som på olika sätt drabbas av våldets effekter. Under våren 2022 ställs vi dessutom inför ett nytt säkerhetspolitiskt läge i Europa där vi i dagsläget inte vet vilka effekter det kommer få för arbetet med att motverka mäns våld mot kvinnor. Den handlingsplan som här presenteras visar på den ambition och riktning Länsstyrelsen har i arbetet med den regionala strategin, samtidigt som vi behöver ha en flexibilitet kring eventuella omprioriteringar omvärldsläget kan innebära för vårt uppdrag.

Länsstyrelsen vill under 2022 bidra med aktiviteter som leder till ökad kunskap, effektivare samordning och utveckling av våra gemensamma insatser i länet. Vårt sammanlagda arbete inom ramen för strategin syftar ytterst till att barn, unga och vuxna som lever med våld får del av insatser med kvalité och att barn och unga nås av våldspreventivt arbete.

Vår vilja är att vara transparanta, presentera det arbete som vi planerat för året och samtidigt ge er möjlighet att vara delaktiga och ge respons kring de behov som ni ser i länets arbete."""  # noqa: E501

INTRODUCTION = """Länsstyrelsen är en av flera aktörer som är ansluten till regional strategi för att förebygga och bekämpa mäns våld mot kvinnor och våld i nära relation 2020–2026. I denna handlingsplan har Länsstyrelsen sammanställt de aktiviteter som planeras att genomföras under 2022 med koppling till regional strategi och Länsstyrelsens uppdrag inom mäns våld mot kvinnor. År 2022 har ett särskilt fokus på insatser för våldsutövare, arbetsgivarperspektiv på våld samt projekt implementering av våldspreventiva metoderna Mentorer i våldsprevention (MVP) och Agera tillsammans (AT).

Länsstyrelsen har delat in aktiviteterna i handlingsplanen i följande områden: regional strategi, samordning, projekt och kartläggningar, utbildningar och kompetensförsörjning och kommunikation. Aktiviteterna i handlingsplanen kan komma att revideras under året utifrån uppkomna behov i länet eller nya uppdrag som kan tillkomma till Länsstyrelsens uppdrag inom mäns våld mot kvinnor."""  # noqa: E501

TARGET_GROUPS = """Länsstyrelsen har i uppdrag att arbeta med regional samordning och genomföra aktiviteter riktade till kommuner, regionen, berörda myndigheter och aktörer inom området mäns våld mot kvinnor. I handlingsplanen benämns dessa som länets aktörer. Länsstyrelsens målgrupper inom mäns våld mot kvinnor är; yrkesverksamma specialister, generalister, strateger och chefer samt anställda och verksamma inom civilsamhälleorganisationer. Länsstyrelsens uppdrag syftar ytterst till att medborgarna i Jönköpings län ska få tillgång till förbättrade och likvärdiga insatser. Handlingsplanens slutmålgrupper är därför:"""  # noqa: E501

FINAL_TARGET_GROUPS = """Vuxna och barn som utsätts för våld (våldsutsatta)
Vuxna och barn som utsätter andra för våld (våldsutövare)
Allmänhet – anhöriga, personer i omgivningen, såväl barn och unga som vuxna som behöver bryta in och reagera på våldet."""  # noqa: E501

CONTACTS_HEADING = "Utvecklingsledare inom mäns våld mot kvinnor och våld i nära relationer"
CONTACTS = [
    ("Anna Alm-Mårtensson", "anna.alm.martensson@lansstyrelsen.se", "010 – 223 64 36"),
    ("Tania Karanja", "tania.karanja@lansstyrelsen.se", "010 – 223 64 87"),
]

# (area name, [(activity, target group, outcome, sub-goal label), …])
AREAS = [
    (
        "Regional strategi",
        [
            (
                "Samordna arbetet kring regional strategi",
                "Länets aktörer",
                "Den regionala strategin får ökad spridning och användning",
                "Delmål 1–5",
            ),
            (
                "Erbjuda processtöd för implementering av regional strategi hos anslutna aktörer",
                "Anslutna aktörer till regional strategi",
                "Ett antal aktörer får stöd i att utveckla sitt arbete med den regionala "
                "strategins delmål",
                "Delmål 1–5",
            ),
            (
                "Informationsmöte för politiker kring regionala strategins mål och syfte",
                "Länets politiker på kommunal och regional nivå",
                "Politiker i länet får ökad kunskap kring regional strategi och hur den egna "
                "organisationen kan arbeta utifrån den",
                "Delmål 1–5",
            ),
            (
                "Sammanställa och sprida handlingsplan 2022 för Länsstyrelsens arbete",
                "Länets aktörer och dess medborgare",
                "Länets aktörer och medborgare får ökad kunskap om Länsstyrelsens arbete 2022 "
                "inom mäns våld mot kvinnor",
                "Delmål 1–5",
            ),
            (
                "Planera och genomföra aktörsbesök",
                "Länets aktörer",
                "Länsstyrelsen får ökad kunskap kring regionala förutsättningar",
                "Delmål 1–5",
            ),
            (
                "Initiera möte med rättsväsendet med koppling till delmål 4 effektivare "
                "brottsbekämpning",
                "Aktörer inom rättsväsendet",
                "Länsstyrelsen och aktörer får ökad kunskap kring delmål effektivare "
                "brottsbekämpning",
                "Delmål 4",
            ),
        ],
    ),
    (
        "Samordning",
        [
            (
                "Regionala styrgrupper för strategisk och operativ styrning av arbetet.\n"
                "- Regional styrgrupp\n- Kommunal styrgrupp\n- Universell våldsprevention "
                "styrgrupp",
                "Länets aktörer",
                "Ökad kunskap och genomförande av strategisk styrning, samverkan och samordning "
                "av strategins målsättningar.",
                "Delmål 1–5",
            ),
            (
                "Regionala nätverk för att stärka och utveckla arbetet i länet.\n"
                "- Resursteam Heder\n- Nätverk Bostad\n- Fokusgrupp Prostitution och "
                "Människohandel\n- Arbetsgrupp en vecka fri från våld",
                "Länets aktörer",
                "Ökad kunskap och genomförande av samverkan och samordning av strategins "
                "målsättningar",
                "Delmål 1–5",
            ),
            (
                "Regionala arbetsgrupper för fokusområden;\n- Våldsutövare\n- Arbetsgivare – våld",
                "Länets aktörer",
                "Utvecklade insatser, aktiviteter och kunskap kring nämnda fokusområden",
                "Delmål 2–5",
            ),
            (
                "Finansiering och samordning av regionskoordinatorerna prostitution och "
                "människohandel i samverkan med Jönköpings kommun och aktörer inom Polisregion Öst",
                "Länets aktörer",
                "Ökad kunskap och genomförande av samverkan och samordning av strategins "
                "målsättningar",
                "Delmål 1–5",
            ),
            (
                "Internt arbete kring prevention för mäns våld mot kvinnor, jämställdhet, "
                "brottsförebyggande, föräldrastöd samt ANDTS",
                "Länets kommuner",
                "Ett mer samordnat arbete och stöd för länets kommuner när det gäller preventivt "
                "arbete",
                "Delmål 1, 5",
            ),
        ],
    ),
    (
        "Projekt och kartläggningar",
        [
            (
                "Implementering våldspreventiva metoderna MVP/AT i länets kommuner 2022–2024",
                "Länets aktörer som arbetar med barn och unga",
                "Ökat antal skolor som påbörjat arbete med MVP och AT",
                "Delmål 1, 5",
            ),
            (
                "Genomföra utvärdering av Resursteam Heder",
                "Länets aktörer",
                "En analys kring behov inom området hedersrelaterat våld och förtryck samt förslag "
                "på förbättringar",
                "Delmål 2–3, 5",
            ),
            (
                "Planera och genomföra regional kartläggning av stadigvarande boende för "
                "våldsutsatta samt rapportera nationellt",
                "Länets kommuner samt övriga aktörer",
                "Länets aktörer får regional kunskap stadigvarande boende för våldsutsatta",
                "Delmål 3",
            ),
            (
                "Samordna och medverka vid Jönköpings kommuns kartläggning förutsättningar för "
                "MIKA- och KAST mottagning",
                "Länets aktörer samt dess medborgare",
                "Ökad regional kunskap kring socialtjänstens insatser - prostitution och "
                "människohandel i länet",
                "Delmål 2–4",
            ),
            (
                "Delta i planering och genomförandet av Regionens projektarbete kring förbättrad "
                "vård för patienter som har erfarenhet av sexuellt våld",
                "Länets aktörer",
                "Ökad kunskap och förslag på hur vården för patienter med erfarenhet av sexuellt "
                "våld kan förbättras",
                "Delmål 2, 3",
            ),
            (
                "Samordning och uppföljning av Kommunal utvecklings projekt Heder",
                "Länets aktörer",
                "Ökad kunskap och förbättrade insatser i länet",
                "Delmål 2, 3, 5",
            ),
            (
                "Länsstyrelsen följer arbetet med att införa Huskurage i Tranås kommun",
                "Länets aktörer samt länets bostadsbolag",
                "Ökad kunskap och erfarenheter om att förebygga våld och spridning av ett gott "
                "exempel.",
                "Delmål 1, 2",
            ),
        ],
    ),
    (
        "Utbildning och kompetensutveckling",
        [
            (
                "Tre dagars utbildning - samtalsstöd till våldsutsatta",
                "Socialtjänstpersonal och personal/ideella kvinno- och tjejjour",
                "Socialtjänstens har fått kunskap, metoder och arbetssätt för att erbjuda "
                "samtalsstöd till våldsutsatta vuxna",
                "Delmål 3, 5",
            ),
            (
                "Webbinarium - våldsutsatta kvinnor i missbruk",
                "Kommuner, Region Jönköping samt civilsamhälleorganisationer",
                "Yrkesverksamma och civilsamhälleorganisationer har fått ökad kunskap om ämnet",
                "Delmål 2, 3, 5",
            ),
            (
                "Utbildning i riskbedömningsinstrumentet Patriark",
                "Socialtjänsten handläggare BOU och VINR vuxen samt Kvinnojourer",
                "Yrkesverksamma får en ökad kunskap kring användning av "
                "riskbedömningsinstrumentet Patriark",
                "Delmål 3, 5",
            ),
            (
                "Utbildning Hedersrelaterat våld och förtryck vid två tillfällen",
                "Socialtjänsten och skolan",
                "Yrkesverksamma inom skola och socialtjänst har fått fördjupad kunskap kring "
                "hedersrelaterat våld och förtryck",
                "Delmål 2, 3, 5",
            ),
            (
                "Utbildning i att utreda barn som bevittnad våld",
                "Socialtjänsten Barn och Unga",
                "Utredare har kunskap, metoder och arbetssätt för att utreda barn som bevittnat "
                "våld",
                "Delmål 2, 3, 5",
            ),
            (
                "Föreläsning Qom Ut",
                "Länets aktörer och länets medborgare",
                "Ökad kunskap kring HBTQ och våld",
                "Delmål 2, 3, 5",
            ),
            (
                "Utbildning våld, tvång och begränsningar, funktionshinderomsorgen",
                "Chefer, arbetsledare och strateger inom funktionshinderomsorgen",
                "Ökad kunskap inom ämnet våld, tvång och begräsningar",
                "Delmål 2, 3, 5",
            ),
            (
                "Utbildning FREDA riskbedömning och FREDA beskrivning",
                "Socialtjänsten handläggare VINR vuxen samt Kvinnojourer",
                "Yrkesverksamma får ökad kunskap kring användning av FREDA – riskbedömning och "
                "beskrivning",
                "Delmål 2, 3, 5",
            ),
            (
                "Genomföra och samordna En vecka fri från våld och Orange Week",
                "Länets aktörer och dess medborgare",
                "Yrkesverksamma och länets medborgare har fått ökad kunskap om mäns våld mot "
                "kvinnor",
                "Delmål 1–5",
            ),
            (
                "Preventionskonferens",
                "Länets aktörer",
                "Ökad kunskap kring universellt preventivt arbete riktat till barn och unga",
                "Delmål 1, 5",
            ),
            (
                "Utbildning sexuell hälsa och risktagande",
                "Länets aktörer som arbetar med barn och unga",
                "Ökad kunskap kring ämnet och bemötande av unga som säljer sex mot ersättning",
                "Delmål 2, 3, 5",
            ),
            (
                "Följa och informera om barnfridsbrottet och kommande ny lagstiftning kring barn "
                "i skyddat boende",
                "Länets aktörer",
                "Ökad kunskap kring ny lagstiftning",
                "Delmål 3, 4",
            ),
            (
                "Seminarier Äldre och våld samt Funktionshinder och våld",
                "Länets aktörer",
                "Ökad kunskap kring utsatta grupper våld – äldre/funktionshinder",
                "Delmål 2, 3, 5",
            ),
            (
                "Ge vägledning och information om ny lagstiftning gällande socialtjänstens ansvar "
                "för insatser till våldsutövare",
                "Länets kommuner",
                "Ökad kunskap i länet kring ämnet insatser för våldsutövare inom socialtjänsten",
                "Delmål 3-4, 5",
            ),
        ],
    ),
    (
        "Kommunikation",
        [
            (
                "Sprida material och information om kampanjen Svartsjuka är inte romantiskt",
                "Länets aktörer samt medborgare",
                "Ökad kunskap kring partnervåld i ungas relationer och var man kan vända sig för "
                "rådgivning",
                "Delmål 1, 2",
            ),
            (
                "Sprida information genom nyhetsbrev vid 6–12 tillfällen under året",
                "Länets aktörer",
                "Relevanta aktörer får info om kompetensförsörjning, forskning och kunskap inom "
                "området mäns våld mot kvinnor",
                "Delmål 1–5",
            ),
            (
                "Sprida information och material om nationella telefonlinjen Välj att sluta",
                "Länets aktörer samt medborgare",
                "Yrkesverksamma och medborgare får ökad kunskap om Välj att sluta.",
                "Delmål 2, 3",
            ),
            (
                "Utveckla texter på webben JäJ inom MVK-området",
                "Länets aktörer",
                "Ökad kunskap om våld samt det regionala arbetet kring mäns våld mot kvinnor och "
                "våld i nära relation",
                "Delmål 1, 5",
            ),
            (
                "Planera, sprida och informera om kampanj för att motverka sexköp",
                "Länets aktörer samt länets medborgare",
                "Ökad kunskap kring att motverka sexköp",
                "Delmål 1, 4",
            ),
        ],
    ),
]

DESCRIPTIONS = {
    "Implementering våldspreventiva metoderna MVP/AT i länets kommuner 2022–2024": (
        "MVP/AT: Mentorer i våldsprevention och Agera tillsammans."
    ),
}

# Demo planning for the annual wheel (not in the source document): title prefix → months.
MONTHS = {
    "Informationsmöte för politiker": [4],
    "Sammanställa och sprida handlingsplan 2022": [3],
    "Initiera möte med rättsväsendet": [9],
    "Genomföra utvärdering av Resursteam Heder": [5, 6],
    "Planera och genomföra regional kartläggning": [9, 10],
    "Tre dagars utbildning": [3],
    "Webbinarium - våldsutsatta kvinnor": [2],
    "Utbildning i riskbedömningsinstrumentet Patriark": [4],
    "Utbildning Hedersrelaterat våld": [5, 10],
    "Utbildning i att utreda barn": [9],
    "Föreläsning Qom Ut": [8],
    "Utbildning våld, tvång": [11],
    "Utbildning FREDA": [10],
    "Genomföra och samordna En vecka fri från våld": [11],
    "Preventionskonferens": [12],
    "Utbildning sexuell hälsa": [6],
    "Seminarier Äldre och våld": [9],
    "Sprida material och information om kampanjen Svartsjuka": [2, 3],
    "Planera, sprida och informera om kampanj för att motverka sexköp": [5],
}

KINDS = {
    "Genomföra och samordna En vecka fri från våld": "campaign_week",
    "Sprida material och information om kampanjen Svartsjuka": "campaign",
    "Planera, sprida och informera om kampanj för att motverka sexköp": "campaign",
    "Planera och genomföra regional kartläggning": "survey",
    "Regionala nätverk": "network",
}
