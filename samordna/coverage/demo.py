"""Demo coverage for Kalmar (08) and Jönköping (06), after the seeds: Kalmar's goal that every
municipality completes "En kommun fri från våld" by 2024 (competence-development plan 2022) and
the national base web courses that should be part of introduction training; Jönköping's process
support for the regional strategy. Completions are derived from the demo events' attendance, the
support seeder's process support and the plans seeder's introduction courses; a few web courses
are recorded by hand, as municipalities report them."""

import datetime

from django.utils import timezone

from samordna.events.models import Event
from samordna.knowledge.models import KnowledgeItem
from samordna.organisations.models import County, Organisation
from samordna.plans.models import Activity
from samordna.support.models import SupportEngagement

from . import services
from .models import CoverageGoal, CoverageItem, CoverageRecord

K = CoverageItem.Kind
A = CoverageGoal.Audience
P = SupportEngagement.Process

# county → [(name, kind, description, event titles, support process, introduction course
# title prefixes, knowledge item title, goals [(target year, audience, description)])]
ITEMS = {
    "08": [
        (
            "En kommun fri från våld",
            K.PROCESS,
            "Processledningsutbildning för kommunens processledare och styrgrupp (2020–2024).",
            ["En kommun fri från våld – processledarutbildning"],
            P.MUNICIPALITY_FREE_FROM_VIOLENCE,
            [],
            "",
            [
                (
                    2024,
                    A.MUNICIPALITIES,
                    "Regional kompetensutvecklingsplan 2022: alla Kalmar läns kommuner ska ha "
                    "genomgått utbildningen och arbeta mer systematiskt våldsförebyggande.",
                )
            ],
        ),
        (
            "Webbkurs om våld",
            K.WEB_COURSE,
            "Nationellt centrum för kvinnofrid (NCK). Bör ingå i introduktionsutbildningen.",
            [],
            "",
            ["Webbkurs om våld – Nationellt"],
            "Webbkurs om våld",
            [
                (
                    2026,
                    A.ALL,
                    "Baskunskap: nationella webbutbildningar ska ingå i kommunernas och "
                    "regionens introduktionsutbildning.",
                )
            ],
        ),
        (
            "Webbkurs heder",
            K.WEB_COURSE,
            "Länsstyrelserna (Hedersförtryck.se). Bör ingå i introduktionsutbildningen.",
            [],
            "",
            ["Webbkurs heder"],
            "Webbkurs heder",
            [(2026, A.ALL, "")],
        ),
        (
            "Våldsutsatta kvinnor i missbruk",
            K.TRAINING,
            "Webbinarium för socialtjänst och beroendevård.",
            ["Webbinarium – våldsutsatta kvinnor i missbruk"],
            "",
            [],
            "",
            [],
        ),
        (
            "FREDA riskbedömning och FREDA beskrivning",
            K.TRAINING,
            "Metodutbildning för handläggare inom socialtjänsten.",
            # The 2022 training comes from the reports seeder, when present.
            ["FREDA riskbedömning och FREDA beskrivning", "FREDA riskbedömning – Kalmar län"],
            "",
            [],
            "",
            [(2027, A.MUNICIPALITIES, "")],
        ),
    ],
    "06": [
        (
            "Processtöd för implementering av regional strategi",
            K.PROCESS,
            "Stöd till anslutna aktörer i att arbeta utifrån strategins delmål 1–5.",
            [],
            P.REGIONAL_STRATEGY,
            [],
            "",
            [(2026, A.ALL, "Regional strategi 2020–2026.")],
        ),
        (
            "Barn som upplever våld",
            K.TRAINING,
            "Seminarium för yrkesverksamma som möter barn.",
            ["Barn som upplever våld – seminarium"],
            "",
            [],
            "",
            [(2026, A.MUNICIPALITIES, "")],
        ),
        (
            "FREDA riskbedömning och beskrivning",
            K.TRAINING,
            "Utbildning för handläggare inom socialtjänsten och kvinnojourer.",
            ["FREDA riskbedömning och beskrivning", "FREDA kortfrågor – introduktion"],
            "",
            [],
            "",
            [(2025, A.MUNICIPALITIES, "")],
        ),
        (
            "Våld i nära relationer – utbildning för chefer",
            K.TRAINING,
            "",
            ["Våld i nära relationer – utbildning för chefer"],
            "",
            [],
            "",
            [(2027, A.MUNICIPALITIES, "")],
        ),
        (
            "Webbkurs om våld",
            K.WEB_COURSE,
            "Nationellt centrum för kvinnofrid (NCK).",
            [],
            "",
            [],
            "Webbkurs om våld",
            [(2026, A.ALL, "")],
        ),
    ],
}

# Web courses the municipalities reported (county, organisation code, item, date).
RECORDS = [
    ("08", "0880", "Webbkurs heder", datetime.date(2023, 4, 12), "Rapporterat av kommunen."),
    ("08", "0881", "Webbkurs om våld", datetime.date(2022, 10, 3), "Rapporterat av kommunen."),
    ("08", "0882", "Webbkurs om våld", datetime.date(2024, 2, 20), "Rapporterat av kommunen."),
    ("08", "REG08", "Webbkurs om våld", datetime.date(2023, 9, 1), "Ingår i regionens intro."),
    ("06", "0680", "Webbkurs om våld", datetime.date(2023, 5, 15), "Rapporterat av kommunen."),
    ("06", "0684", "Webbkurs om våld", datetime.date(2024, 11, 4), "Rapporterat av kommunen."),
]


def seed() -> dict[str, int]:
    """Create the demo items, goals and records (idempotent: per item name and county)."""
    counties = {c.code: c for c in County.objects.filter(code__in=ITEMS)}
    for code, items in ITEMS.items():
        county = counties[code]
        for position, (name, kind, text, events, process, courses, knowledge, goals) in enumerate(
            items
        ):
            if CoverageItem.objects.filter(county=county, name=name).exists():
                continue
            course_list = [
                activity
                for prefix in courses
                for activity in Activity.objects.filter(
                    plan__county=county,
                    kind=Activity.ItemKind.WEB_COURSE,
                    title__startswith=prefix,
                )
            ]
            item = services.item_create(
                actor=None,
                county=county,
                name=name,
                kind=kind,
                description=text,
                events=list(Event.objects.filter(county=county, title__in=events)),
                support_process=process,
                introduction_courses=course_list,
                knowledge_item=KnowledgeItem.objects.filter(
                    title=knowledge, kind=KnowledgeItem.Kind.WEB_COURSE
                ).first()
                if knowledge
                else None,
                position=position,
            )
            for year, audience, description in goals:
                services.goal_create(
                    actor=None,
                    county=county,
                    item=item,
                    target_year=year,
                    audience=audience,
                    description=description,
                )
    today = timezone.localdate()
    for code, organisation_code, name, date, note in RECORDS:
        item = CoverageItem.objects.filter(county__code=code, name=name).first()
        organisation = Organisation.objects.filter(code=organisation_code).first()
        if item is None or organisation is None or date > today:
            continue
        if CoverageRecord.objects.filter(item=item, organisation=organisation).exists():
            continue
        services.record_create(
            actor=None, item=item, organisation=organisation, completed_on=date, note=note
        )
    return {
        "items": CoverageItem.objects.count(),
        "goals": CoverageGoal.objects.count(),
        "records": CoverageRecord.objects.count(),
    }
