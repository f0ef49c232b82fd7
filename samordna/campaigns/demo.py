"""Demo campaigns for the current and the previous year: the national campaigns named in the
seeds (Svartsjuka är inte romantiskt, Tillsammans mot våld, En vecka fri från våld, Saknad) and
regional ones of Jönköping."""

import datetime

from django.utils import timezone

from samordna.organisations.models import County, Organisation

from . import services
from .models import Campaign, CampaignSpread, TargetGroup


def _week_around(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def _campaigns_for(year: int):
    week_start, week_end = _week_around(datetime.date(year, 11, 25))
    return [
        {
            "title": "Svartsjuka är inte romantiskt",
            "summary": "Årlig nationell kampanj om våld i ungas partnerrelationer.",
            "description": (
                "Kampanjen är ett samarbete mellan länsstyrelserna, Jämställdhetsmyndigheten, "
                "ungarelationer.se och Polismyndigheten. Syftet är att uppmärksamma och förebygga "
                "våld i ungas partnerrelationer. Från den 15 december kan verksamheter, föreningar "
                "och andra beställa tryckt material och ladda ned digitalt material för spridning "
                "i sociala medier."
            ),
            "start_date": datetime.date(year, 2, 1),
            "end_date": datetime.date(year, 3, 31),
            "county": None,
            "owners": ["JAMY", "POLISEN"],
            "target_groups": [TargetGroup.YOUNG_PEOPLE, TargetGroup.PROFESSIONALS],
            "website": "https://svartsjukaarinteromantiskt.se",
            "materials": [
                ("För dig som arbetar med unga", "https://svartsjukaarinteromantiskt.se"),
            ],
        },
        {
            "title": "Saknad",
            "summary": (
                "Kampanj från hedersförtryck.se att sprida i samband med lov och skolstart."
            ),
            "start_date": datetime.date(year, 6, 1),
            "end_date": datetime.date(year, 8, 31),
            "county": None,
            "owners": ["LST05"],
            "target_groups": [TargetGroup.YOUNG_PEOPLE, TargetGroup.PROFESSIONALS],
            "website": "https://www.hedersfortryck.se",
            "materials": [("Kampanjen på hedersförtryck.se", "https://www.hedersfortryck.se")],
        },
        {
            "title": "Tillsammans mot våld",
            "summary": "Jämställdhetsmyndighetens kampanj mot mäns våld mot kvinnor.",
            "start_date": datetime.date(year, 11, 1),
            "end_date": datetime.date(year, 12, 31),
            "county": None,
            "owners": ["JAMY"],
            "target_groups": [TargetGroup.PUBLIC],
            "website": "https://www.jamstalldhetsmyndigheten.se",
            "materials": [
                (
                    "Tillsammans mot våld på Jämställdhetsmyndighetens webbplats",
                    "https://www.jamstalldhetsmyndigheten.se",
                )
            ],
        },
        {
            "title": "En vecka fri från våld",
            "summary": (
                "Återkommande kampanj- och aktivitetsvecka om det förebyggande arbetet mot mäns "
                "våld mot kvinnor, kring FN:s dag för avskaffandet av våld mot kvinnor den 25 "
                "november."
            ),
            "description": (
                "Nationellt leds initiativet av Unizon och MÄN med stöd av "
                "Jämställdhetsmyndigheten, Sveriges Kommuner och Regioner samt länsstyrelserna."
            ),
            "start_date": week_start,
            "end_date": week_end,
            "county": None,
            "owners": ["UNIZON", "JAMY", "SKR"],
            "target_groups": [TargetGroup.PUBLIC, TargetGroup.PROFESSIONALS],
            "website": "https://www.unizon.se",
            "materials": [],
        },
        {
            "title": "Orange Week i Jönköpings län",
            "summary": (
                "Länsstyrelsen samordnar Orange Week och En vecka fri från våld tillsammans med "
                "länets aktörer."
            ),
            "start_date": datetime.date(year, 11, 25),
            "end_date": datetime.date(year, 12, 10),
            "county": "06",
            "owners": ["LST06", "REG06"],
            "target_groups": [TargetGroup.PUBLIC, TargetGroup.PROFESSIONALS],
            "website": "",
            "materials": [],
        },
    ]


SPREADERS = {
    "Svartsjuka är inte romantiskt": ["0680", "0880"],
    "Tillsammans mot våld": ["0680", "0683"],
    "Orange Week i Jönköpings län": ["0680", "0684"],
}


def seed() -> dict[str, int]:
    """Create the demo campaigns for the current and the previous year (idempotent)."""
    counties = {c.code: c for c in County.objects.filter(code__in=["06", "08"])}
    organisations = {o.code: o for o in Organisation.objects.all()}
    this_year = timezone.localdate().year
    created = 0
    for year in (this_year - 1, this_year):
        for spec in _campaigns_for(year):
            county = counties.get(spec["county"]) if spec["county"] else None
            campaign = Campaign.objects.filter(
                title=spec["title"], start_date=spec["start_date"], county=county
            ).first()
            if campaign is None:
                campaign = services.campaign_create(
                    actor=None,
                    title=spec["title"],
                    summary=spec["summary"],
                    description=spec.get("description", ""),
                    start_date=spec["start_date"],
                    end_date=spec["end_date"],
                    county=county,
                    owners=[organisations[c] for c in spec["owners"] if c in organisations],
                    target_groups=spec["target_groups"],
                    website=spec["website"],
                    published=True,
                )
                for title, url in spec["materials"]:
                    services.material_add_link(actor=None, campaign=campaign, title=title, url=url)
                created += 1
            for code in SPREADERS.get(spec["title"], []):
                organisation = organisations.get(code)
                if (
                    organisation
                    and not CampaignSpread.objects.filter(
                        campaign=campaign, organisation=organisation
                    ).exists()
                ):
                    services.campaign_spread_mark(
                        actor=None, campaign=campaign, organisation=organisation
                    )
    planned_title = "Kampanj för att motverka sexköp"
    if not Campaign.objects.filter(title=planned_title).exists():
        services.campaign_create(
            actor=None,
            title=planned_title,
            summary="Länsstyrelsen planerar, sprider och informerar om en kampanj mot sexköp.",
            start_date=datetime.date(this_year + 1, 9, 1),
            end_date=datetime.date(this_year + 1, 9, 30),
            county=counties["06"],
            owners=[organisations[c] for c in ("LST06",) if c in organisations],
            target_groups=[TargetGroup.MEN, TargetGroup.PUBLIC],
            published=False,
        )
        created += 1
    return {"campaigns_created": created, "campaigns": Campaign.objects.count()}
