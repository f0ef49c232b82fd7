"""Regional kompetensutvecklingsplan 2022 – Mäns våld mot kvinnor, Kalmar län (shared/seeds/000).

The source lists the items without a table; target groups, months and the method trainings are
filled in as a believable demo planning (the source's annual wheel is an image we do not have).
Items marked ``financed`` are financed by Kommunförbundet i Kalmar län (shown with *).
"""

COUNTY_CODE = "08"
YEAR = 2022
TITLE = "Regional kompetensutvecklingsplan 2022 – Mäns våld mot kvinnor"

FOREWORD = (
    "Denna regionala kompetensutvecklingsplan har tagits fram i samverkan med mellan "
    "Länsstyrelsen Kalmar län, Region Kalmar län och Kommunförbundet i Kalmar län. "
    "Kompetensutvecklingsplanen utgör en del av den regionala handlingsplanens genomförande."
)
INTRODUCTION = (
    "Syfte\n\nSyftet är att kompetensutvecklingsplanen ska stimulera kompetensförsörjningen och "
    "kompetensutvecklingen i alla länets kommuner och hälso- och sjukvårdens verksamheter till "
    "att på sikt bli självförsörjande när det gäller bas- och metodkunskap-utbildningar.\n\n"
    "Målsättning\n\nDen regionala kompetensutvecklingsplanen har som mål att länets kommuner samt "
    "hälso- och sjukvård arbetar på ett kvalitativt och systematiskt sätt som bidrar till att den "
    "nationella strategins målsättningar uppfylls."
)
CLOSING_TEXT = (
    "Övrig kunskapsutveckling inom Kalmar län\n\nUtöver vad som framkommer i den regionala "
    "kompetensutvecklingsplanen erbjuder länsstyrelsen systematiskt kompetenshöjande insatser som "
    "efter hand läggs ut på länsstyrelsen webbplats - kalender. I detta sammanhang finns också "
    "samverkan med länsstyrelserna i Kronoberg, Blekinge, Halland, Jönköping och till viss del "
    "Skåne som möjliggör ett större utbud av insatser samt breddar möjligheten för deltagande "
    "verksamheter då insatserna ges på flera platser. Denna samverkan bidrar även till ett ökat "
    "utbyte av erfarenheter, goda exempel och kunskap mellan yrkesverksamma utanför de egna "
    "länsgränserna."
)

# (area name, area description, [item dict, …])
AREAS = [
    (
        "Baskunskap",
        "Framtagna nationella webbutbildningar bör ingå i länets kommuner och hälso- och "
        "sjukvårdens berörda verksamheters introduktionsutbildning. Regeringens mål är att alla "
        "kommuner och regioner är självförsörjande gällande basutbildning.",
        [
            {
                "title": "Webbkurs om våld – Nationellt centrum för kvinnofrid (NCK)",
                "kind": "web_course",
                "target_groups": "Alla yrkesverksamma",
            },
            {
                "title": "Webbkurs heder – Länsstyrelserna (Hedersförtryck.se)",
                "kind": "web_course",
                "target_groups": "Alla yrkesverksamma",
            },
            {
                "title": "Webbkurs om våld mot barn - Barnafrid",
                "kind": "web_course",
                "target_groups": "Alla yrkesverksamma",
            },
            {
                "title": "Webbkurs sexuell exploatering av barn, prostitution och människohandel – "
                "(Jämställdhetsmyndigheten)",
                "kind": "web_course",
                "target_groups": "Alla yrkesverksamma",
            },
        ],
    ),
    (
        "Metodkunskap",
        "Den metodkunskap som erbjuds i den regionala kompetensutvecklingsplanen ska vara "
        "evidensbaserad. Kommunförbundet i Kalmar län finansierar utbildningarna och "
        "länsstyrelsen ansvarar för genomförandet. Dessa delar är markerade med *",
        [
            {
                "title": "Utbildning FREDA-kortfrågor, FREDA-beskrivning och FREDA-farlighet",
                "kind": "training",
                "financed": True,
                "months": [3],
                "target_groups": "Socialtjänsten och hälso- och sjukvården",
                "categories": ["specialist"],
            },
            {
                "title": "Utbildning i riskbedömningsinstrumentet Patriark",
                "kind": "training",
                "financed": True,
                "months": [4],
                "target_groups": "Socialtjänstens handläggare",
                "categories": ["specialist"],
            },
            {
                "title": "Utbildning i SARA:SV",
                "kind": "training",
                "financed": True,
                "months": [10],
                "target_groups": "Socialtjänstens handläggare",
                "categories": ["specialist"],
            },
            {
                "title": "Föreläsning våldsprevention för chefer",
                "kind": "training",
                "months": [9],
                "target_groups": "Chefer och strateger",
                "categories": ["manager", "strategist"],
            },
        ],
    ),
    (
        "Länsstyrelsens nätverk",
        "I länsstyrelsens olika nätverk som berör området mäns våld mot kvinnor ges möjlighet "
        "till kunskapsinhämtning, samverkan och dialog för länets deltagare.",
        [
            {
                "title": "Regionalt nätverk mäns våld mot kvinnor och våld i nära relationer",
                "kind": "network",
                "months": [2, 5, 9, 11],
                "target_groups": "Länets aktörer",
                "categories": ["strategist"],
            },
            {
                "title": "Nätverk hedersrelaterat våld och förtryck",
                "kind": "network",
                "months": [3, 10],
                "target_groups": "Länets aktörer",
                "categories": ["specialist"],
            },
        ],
    ),
    (
        "En kommun fri från våld",
        "Under 2020 – 2024 erbjuder länsstyrelsen länets kommuner processledningsutbildning i "
        "”En kommun fri från våld”. Målet är att alla Kalmar läns kommuner ska ha genomgått "
        "utbildningen och arbeta mer systematiskt våldsförebyggande i linje med regeringens "
        "nationella strategi att förebygga och bekämpa mäns våld mot kvinnor.",
        [
            {
                "title": "Processledningsutbildning En kommun fri från våld",
                "kind": "training",
                "months": [2, 4, 9],
                "target_groups": "Länets kommuner",
                "categories": ["strategist", "manager"],
            },
        ],
    ),
    (
        "En vecka fri från våld",
        "En vecka fri från våld är en återkommande kampanj- och aktivitetsvecka som sätter ljus på "
        "det förebyggande arbetet mot mäns våld mot kvinnor. I samband med En vecka fri från våld "
        "uppmärksammas FN:s nationella dag för avskaffandet av våld mot kvinnor. Länsstyrelsen "
        "Kalmar län samordnar och genomför föreläsningstillfällena tillsammans med "
        "länsstyrelserna i Kronoberg, Blekinge, Halland och Jönköping.",
        [
            {
                "title": "En vecka fri från våld – korta föreläsningstillfällen",
                "kind": "campaign_week",
                "months": [11],
                "financing": "Länsstyrelsen och Region Kalmar län bidrar med medel",
                "target_groups": "Länets kommuner och regionen",
            },
        ],
    ),
    (
        "Länsstyrelsens årliga kartläggning",
        "Länsstyrelsens årliga kartläggning utgör en indikator för att kunna följa upp länets "
        "arbete och den regionala handlingsplanens resultat och effekter.",
        [
            {
                "title": "Årlig kartläggning av länets arbete mot mäns våld mot kvinnor",
                "kind": "survey",
                "months": [10, 11],
                "target_groups": "Länets kommuner och regionen",
                "categories": ["strategist"],
            },
        ],
    ),
    (
        "Kampanjer",
        "Länsstyrelsen står bakom flera nationella kampanjer med material framtagna som länets "
        "verksamheter kan sprida i sina egna kanaler vid olika tillfällen under året.",
        [
            {
                "title": "Svartsjuka är inte romantiskt",
                "kind": "campaign",
                "months": [2, 3],
                "description": "Lyfter våld i ungas relationer, kampanjperiod februari/mars.",
                "target_groups": "Länets verksamheter",
            },
            {
                "title": "Saknad från hedersförtryck.se",
                "kind": "campaign",
                "months": [6, 8],
                "description": "En kampanj att sprida i samband med lov och skolstart.",
                "target_groups": "Länets verksamheter",
            },
            {
                "title": "Tillsammans mot våld",
                "kind": "campaign",
                "months": [11, 12],
                "description": "På Jämställdhetsmyndighetens webbplats, kampanjperiod "
                "november/december.",
                "target_groups": "Länets verksamheter",
            },
        ],
    ),
]
