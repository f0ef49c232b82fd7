"""Reference data: Sweden's counties, regions and the national bodies named in the source
documents. Municipalities and their boundaries come from data/sweden_municipalities.geojson."""

from pathlib import Path

MUNICIPALITIES_GEOJSON = Path(__file__).resolve().parent / "data" / "sweden_municipalities.geojson"

# (code, county name, county board name, region name)
COUNTIES = [
    ("01", "Stockholms län", "Länsstyrelsen i Stockholms län", "Region Stockholm"),
    ("03", "Uppsala län", "Länsstyrelsen i Uppsala län", "Region Uppsala"),
    ("04", "Södermanlands län", "Länsstyrelsen i Södermanlands län", "Region Sörmland"),
    ("05", "Östergötlands län", "Länsstyrelsen i Östergötlands län", "Region Östergötland"),
    ("06", "Jönköpings län", "Länsstyrelsen i Jönköpings län", "Region Jönköpings län"),
    ("07", "Kronobergs län", "Länsstyrelsen i Kronobergs län", "Region Kronoberg"),
    ("08", "Kalmar län", "Länsstyrelsen i Kalmar län", "Region Kalmar län"),
    ("09", "Gotlands län", "Länsstyrelsen i Gotlands län", "Region Gotland"),
    ("10", "Blekinge län", "Länsstyrelsen i Blekinge län", "Region Blekinge"),
    ("12", "Skåne län", "Länsstyrelsen i Skåne län", "Region Skåne"),
    ("13", "Hallands län", "Länsstyrelsen i Hallands län", "Region Halland"),
    (
        "14",
        "Västra Götalands län",
        "Länsstyrelsen i Västra Götalands län",
        "Västra Götalandsregionen",
    ),
    ("17", "Värmlands län", "Länsstyrelsen i Värmlands län", "Region Värmland"),
    ("18", "Örebro län", "Länsstyrelsen i Örebro län", "Region Örebro län"),
    ("19", "Västmanlands län", "Länsstyrelsen i Västmanlands län", "Region Västmanland"),
    ("20", "Dalarnas län", "Länsstyrelsen i Dalarnas län", "Region Dalarna"),
    ("21", "Gävleborgs län", "Länsstyrelsen i Gävleborgs län", "Region Gävleborg"),
    ("22", "Västernorrlands län", "Länsstyrelsen i Västernorrlands län", "Region Västernorrland"),
    ("23", "Jämtlands län", "Länsstyrelsen i Jämtlands län", "Region Jämtland Härjedalen"),
    ("24", "Västerbottens län", "Länsstyrelsen i Västerbottens län", "Region Västerbotten"),
    ("25", "Norrbottens län", "Länsstyrelsen i Norrbottens län", "Region Norrbotten"),
]

# National bodies (no county): (code, name, kind, website)
NATIONAL_BODIES = [
    ("JAMY", "Jämställdhetsmyndigheten", "state_agency", "https://www.jamstalldhetsmyndigheten.se"),
    ("SOS", "Socialstyrelsen", "state_agency", "https://www.socialstyrelsen.se"),
    ("NCK", "Nationellt centrum för kvinnofrid (NCK)", "state_agency", "https://nck.uu.se"),
    (
        "BARNAFRID",
        "Barnafrid – nationellt kunskapscentrum",
        "state_agency",
        "https://liu.se/barnafrid",
    ),
    (
        "MFOF",
        "Myndigheten för familjerätt och föräldraskapsstöd (MFoF)",
        "state_agency",
        "https://www.mfof.se",
    ),
    (
        "MUCF",
        "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)",
        "state_agency",
        "https://www.mucf.se",
    ),
    ("MFD", "Myndigheten för delaktighet (MFD)", "state_agency", "https://www.mfd.se"),
    ("POLISEN", "Polismyndigheten", "state_agency", "https://polisen.se"),
    ("KVV", "Kriminalvården", "state_agency", "https://www.kriminalvarden.se"),
    ("BRA", "Brottsförebyggande rådet (Brå)", "state_agency", "https://bra.se"),
    ("BROM", "Brottsoffermyndigheten", "state_agency", "https://www.brottsoffermyndigheten.se"),
    ("AM", "Åklagarmyndigheten", "state_agency", "https://www.aklagare.se"),
    ("SKOLV", "Skolverket", "state_agency", "https://www.skolverket.se"),
    ("SKR", "Sveriges Kommuner och Regioner (SKR)", "other", "https://skr.se"),
    ("UNIZON", "Unizon", "civil_society", "https://www.unizon.se"),
    ("MAN", "MÄN", "civil_society", "https://mfj.se"),
    (
        "ROKS",
        "Riksorganisationen för kvinnojourer och tjejjourer i Sverige (Roks)",
        "civil_society",
        "https://www.roks.se",
    ),
]


def county_board_code(county_code: str) -> str:
    return f"LST{county_code}"


def region_code(county_code: str) -> str:
    return f"REG{county_code}"
