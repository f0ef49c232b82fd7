"""Demo data for the annual report on 2022 for Jönköping (06) and Kalmar (08).

The year's outcome is not in the source documents, so it is invented here and marked as an
example: part of the 2022 plans is followed up as done, and some trainings are held in 2022 with
attendance recorded (fictional participants from the counties' organisations). Then each county's
2022 report is started as a draft with a short example text; every figure in it is drafted from
these data, never written by hand."""

import random
from datetime import date, datetime, time

from django.utils import timezone

from samordna.accounts.models import Role, RoleAssignment
from samordna.events import services as event_services
from samordna.events.models import Event
from samordna.organisations.models import County, Organisation
from samordna.plans import services as plan_services
from samordna.plans.models import ActionPlan, Activity

from . import services
from .models import AnnualReport

YEAR = 2022
EXAMPLE = "Exempeltext (demo): "

# Plan activities (by title prefix) followed up as done in 2022: (prefix, participants, note).
DONE = {
    "06": [
        (
            "Samordna arbetet kring regional strategi",
            None,
            "Strategin presenterades i fyra nätverk.",
        ),
        ("Informationsmöte för politiker", 34, "Två möten, ett per länsdel."),
        ("Planera och genomföra aktörsbesök", None, "Nio aktörsbesök genomfördes."),
        ("Tre dagars utbildning", 28, "Genomförd i tre steg under hösten."),
        ("Utbildning i riskbedömningsinstrumentet Patriark", 22, "Genomförd i maj."),
        ("Utbildning FREDA", 31, "Två tillfällen."),
        ("Genomföra och samordna En vecka fri från våld", None, "Åtta webbinarier."),
        ("Preventionskonferens", 140, "Konferens i Jönköping."),
        ("Sprida information genom nyhetsbrev", None, "Nyhetsbrev sex gånger."),
    ],
    "08": [
        ("Webbkurs om våld", None, "Kursen ingår i introduktionen i sju kommuner."),
        ("FREDA", 26, "Genomförd i oktober."),
    ],
}
ONGOING = {"06": ["Implementering våldspreventiva metoderna", "Utbildning Hedersrelaterat"]}

# Events held in 2022: (county, plan activity title prefix or "", title, type, month, day,
# number of participants, sub-goal numbers).
EVENTS = [
    (
        "06",
        "Tre dagars utbildning",
        "Samtalsstöd till våldsutsatta – utbildning",
        "training",
        10,
        4,
        14,
        [3, 5],
    ),
    (
        "06",
        "Utbildning i riskbedömningsinstrumentet Patriark",
        "Patriark – riskbedömning",
        "training",
        5,
        17,
        12,
        [3, 5],
    ),
    (
        "06",
        "Utbildning FREDA",
        "FREDA riskbedömning och beskrivning",
        "training",
        9,
        20,
        16,
        [2, 3, 5],
    ),
    ("06", "Preventionskonferens", "Preventionskonferens 2022", "conference", 11, 23, 20, [1, 5]),
    ("08", "FREDA", "FREDA riskbedömning – Kalmar län", "training", 10, 11, 13, []),
    ("08", "", "Nätverksträff våld i nära relationer", "network_meeting", 3, 15, 9, []),
]


def _demo_actor(county: County, role: str):
    assignment = (
        RoleAssignment.objects.filter(county=county, role=role).select_related("user").first()
    )
    return assignment.user if assignment else None


def _follow_up(county: County) -> int:
    plans = ActionPlan.objects.filter(county=county, year=YEAR)
    activities = list(Activity.objects.filter(plan__in=plans).order_by("pk"))
    changed = 0
    for prefix, participants, note in DONE.get(county.code, []):
        activity = next((a for a in activities if a.title.startswith(prefix)), None)
        if activity is None or activity.status == Activity.Status.DONE:
            continue
        plan_services.activity_update(
            actor=None,
            activity=activity,
            status=Activity.Status.DONE,
            follow_up=EXAMPLE + note,
            participant_count=participants,
        )
        changed += 1
    for prefix in ONGOING.get(county.code, []):
        activity = next((a for a in activities if a.title.startswith(prefix)), None)
        if activity is not None and activity.status == Activity.Status.PLANNED:
            plan_services.activity_update(
                actor=None, activity=activity, status=Activity.Status.ONGOING
            )
            changed += 1
    return changed


def _participants(county: County, rng: random.Random, count: int) -> list[Organisation]:
    organisations = list(
        Organisation.objects.filter(county=county, is_active=True)
        .exclude(kind=Organisation.Kind.COUNTY_BOARD)
        .order_by("code")
    )
    return [rng.choice(organisations) for _index in range(count)]


def _events(counties: dict[str, County]) -> int:
    tz = timezone.get_default_timezone()
    rng = random.Random(YEAR)  # noqa: S311 - demo data, not security
    created = 0
    for code, prefix, title, kind, month, day, count, subgoal_numbers in EVENTS:
        county = counties[code]
        if Event.objects.filter(county=county, title=title).exists():
            continue
        plan_activity = None
        if prefix:
            plan_activity = (
                Activity.objects.filter(
                    plan__county=county, plan__year=YEAR, title__startswith=prefix
                )
                .order_by("pk")
                .first()
            )
        subgoals = []
        if subgoal_numbers and plan_activity is not None:
            subgoals = plan_services.subgoals_by_numbers(plan_activity.plan, subgoal_numbers)
        event = event_services.event_create(
            actor=None,
            county=county,
            title=title,
            type=kind,
            format="in_person",
            start=datetime.combine(date(YEAR, month, day), time(9), tzinfo=tz),
            end=datetime.combine(date(YEAR, month, day), time(16), tzinfo=tz),
            place=county.name,
            description="<p>Demo: ett genomfört evenemang 2022 (exempeldata).</p>",
            published=True,
            plan_activity=plan_activity,
            subgoals=subgoals,
        )
        for number, organisation in enumerate(_participants(county, rng, count), start=1):
            event_services.registration_add_by_organiser(
                actor=None,
                event=event,
                name=f"Deltagare {number} ({organisation.name})",
                email=f"deltagare{number}.{event.pk}@{organisation.code}.demo.example",
                organisation=organisation,
                attended=rng.random() > 0.2,
            )
        created += 1
    return created


SAMPLE_TEXT = {
    "results_text": EXAMPLE + "Länsstyrelsen bedömer att årets utbildningar har stärkt "
    "kunskapen om riskbedömning i länets socialtjänst. Siffrorna nedan hämtas från planen, "
    "kalendern och kartläggningen.",
    "analysis_text": EXAMPLE + "Skriv länsstyrelsens analys av utvecklingen i länet här.",
    "needs_text": EXAMPLE + "Skriv om de regionala och lokala behoven av stöd här. "
    "Behovsregistret sammanfattas nedan.",
}


def seed() -> dict[str, int]:
    """Follow up the 2022 plans, hold the 2022 demo events and start both 2022 reports
    (idempotent)."""
    counties = {c.code: c for c in County.objects.filter(code__in=["06", "08"])}
    followed = sum(_follow_up(county) for county in counties.values())
    events = _events(counties)
    reports = 0
    for county in counties.values():
        if AnnualReport.objects.filter(county=county, year=YEAR).exists():
            continue
        editor = _demo_actor(county, Role.COUNTY_EDITOR) or _demo_actor(county, Role.COUNTY_ADMIN)
        if editor is None:
            continue
        report = services.report_create(actor=editor, county=county, year=YEAR)
        services.report_update_text(actor=editor, report=report, **SAMPLE_TEXT)
        reports += 1
    return {"activities_followed_up": followed, "events_2022": events, "reports": reports}
