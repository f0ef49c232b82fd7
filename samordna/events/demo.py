"""Demo events for Jönköping (06) and Kalmar (08), based on the seed documents: the process
training "En kommun fri från våld", FREDA trainings, webinars in "En vecka fri från våld",
network meetings and a conference co-organised by five counties. Dates are relative to today,
so some events are upcoming and some past."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from samordna.organisations.models import County, Organisation, Person

from . import services
from .models import Event, Question, Registration

T = Event.Type
F = Event.Format
G = Person.TargetGroup

CONSENT = (
    "Länsstyrelsen behandlar dina uppgifter (namn, e-post, organisation och svar) för att "
    "administrera evenemanget och följa upp vilka kommuner som deltagit. Uppgifterna gallras "
    "ett år efter evenemanget."
)

# (county, title, type, format, [(day offset, start hh, end hh)], place, capacity, extras)
EVENTS = [
    (
        "08",
        "En kommun fri från våld – processledarutbildning",
        T.TRAINING,
        F.IN_PERSON,
        [(20, 9, 16), (21, 9, 15), (48, 9, 15)],
        "Länsstyrelsen i Kalmar län, Regeringsgatan 1, Kalmar",
        24,
        {
            "capacity_per_organisation": 2,
            "target_groups": [G.STRATEGIST, G.MANAGER],
            "description": "<p>Processledarutbildningen i <strong>En kommun fri från våld</strong>"
            " ger kommunens processledare verktyg för att arbeta systematiskt och "
            "våldsförebyggande i linje med den nationella strategin.</p><ul><li>Dag 1–2: "
            "lägesbild och analys</li><li>Dag 3: åtgärdsplan och uppföljning</li></ul>",
            "questions": [
                ("Specialkost eller allergier", Question.Kind.TEXT, "", False),
                ("Din roll", Question.Kind.CHOICE, "Processledare\nChef\nStrateg", True),
            ],
        },
    ),
    (
        "08",
        "FREDA riskbedömning och FREDA beskrivning",
        T.TRAINING,
        F.IN_PERSON,
        [(35, 9, 16)],
        "Kalmarsalen, Kalmar",
        30,
        {
            "capacity_per_organisation": 3,
            "target_groups": [G.SPECIALIST],
            "description": "<p>Yrkesverksamma får ökad kunskap om hur FREDA-riskbedömning och "
            "FREDA-beskrivning används i utredning av våld i nära relationer.</p>",
        },
    ),
    (
        "08",
        "Webbinarium – våldsutsatta kvinnor i missbruk",
        T.WEBINAR,
        F.DIGITAL,
        [(-60, 13, 15)],
        "",
        100,
        {"target_groups": [G.SPECIALIST, G.GENERALIST], "past_attendees": 9},
    ),
    (
        "08",
        "En vecka fri från våld: Föreläsning om våldsprevention",
        T.LECTURE,
        F.DIGITAL,
        [(1, 12, 13)],
        "",
        200,
        {
            "target_groups": [G.GENERALIST, G.CIVIL_SOCIETY],
            "description": "<p>Kort lunchföreläsning under <em>En vecka fri från våld</em> om "
            "hur vi tillsammans kan förebygga mäns våld mot kvinnor.</p>",
        },
    ),
    (
        "08",
        "Nätverksträff för kommunala samordnare mot våld",
        T.NETWORK_MEETING,
        F.HYBRID,
        [(-10, 9, 12)],
        "Länsstyrelsen i Kalmar län",
        40,
        {"target_groups": [G.STRATEGIST], "past_attendees": 7},
    ),
    (
        "08",
        "Nätverksträff för kommunala samordnare mot våld – vårträff",
        T.NETWORK_MEETING,
        F.HYBRID,
        [(80, 9, 12)],
        "Länsstyrelsen i Kalmar län",
        40,
        {"target_groups": [G.STRATEGIST]},
    ),
    (
        "08",
        "Regional konferens: Mäns våld mot kvinnor i sydöstra Sverige",
        T.CONFERENCE,
        F.HYBRID,
        [(60, 9, 16), (61, 9, 13)],
        "Kalmar Teater och digitalt",
        150,
        {
            "co_counties": ["07", "10", "13", "06"],
            "capacity_per_county": 40,
            "target_groups": [G.STRATEGIST, G.MANAGER, G.SPECIALIST],
            "consent": True,
            "description": "<p>Länsstyrelserna i Kalmar, Kronobergs, Blekinge, Hallands och "
            "Jönköpings län bjuder in till en gemensam konferens om det regionala arbetet mot "
            "mäns våld mot kvinnor.</p>",
        },
    ),
    (
        "08",
        "Hedersrelaterat våld och förtryck – grundutbildning",
        T.SEMINAR,
        F.IN_PERSON,
        [(110, 9, 15)],
        "Västervik",
        35,
        {"target_groups": [G.GENERALIST, G.SPECIALIST]},
    ),
    (
        "06",
        "FREDA kortfrågor – introduktion",
        T.WEBINAR,
        F.DIGITAL,
        [(12, 10, 11)],
        "",
        80,
        {"target_groups": [G.GENERALIST]},
    ),
    (
        "06",
        "En vecka fri från våld: Webbinarium om våld mot äldre",
        T.WEBINAR,
        F.DIGITAL,
        [(2, 12, 13)],
        "",
        150,
        {"target_groups": [G.GENERALIST, G.SPECIALIST]},
    ),
    (
        "06",
        "Nätverksträff våld i nära relationer, Jönköpings län",
        T.NETWORK_MEETING,
        F.IN_PERSON,
        [(-30, 9, 12)],
        "Länsstyrelsen i Jönköpings län, Hamngatan 4",
        30,
        {"target_groups": [G.STRATEGIST], "past_attendees": 6},
    ),
    (
        "06",
        "Nätverksträff våld i nära relationer, Jönköpings län – vinterträff",
        T.NETWORK_MEETING,
        F.IN_PERSON,
        [(45, 9, 12)],
        "Länsstyrelsen i Jönköpings län, Hamngatan 4",
        30,
        {"target_groups": [G.STRATEGIST]},
    ),
    (
        "06",
        "Våld i nära relationer – utbildning för chefer",
        T.TRAINING,
        F.IN_PERSON,
        [(28, 9, 16), (42, 9, 12)],
        "Jönköping",
        4,
        {"target_groups": [G.MANAGER], "requires_approval": False},
    ),
    (
        "06",
        "Barn som upplever våld – seminarium",
        T.SEMINAR,
        F.HYBRID,
        [(-120, 9, 15)],
        "Värnamo",
        60,
        {"target_groups": [G.SPECIALIST, G.GENERALIST], "past_attendees": 8},
    ),
    (
        "06",
        "Länsträff 2027 (utkast)",
        T.CONFERENCE,
        F.IN_PERSON,
        [(200, 9, 16)],
        "Jönköping",
        120,
        {"published": False},
    ),
]


def _at(today, offset: int, hour: int) -> datetime:
    day = today + timedelta(days=offset)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def seed() -> dict[str, int]:
    """Create the demo events and some registrations (idempotent)."""
    today = timezone.localdate()
    counties = {c.code: c for c in County.objects.all()}
    people = list(Person.objects.select_related("organisation").order_by("pk"))
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    created = 0
    for county_code, title, kind, fmt, sessions, place, capacity, extras in EVENTS:
        county = counties[county_code]
        if Event.objects.filter(county=county, title=title).exists():
            continue
        first, *more = sessions
        start = _at(today, first[0], first[1])
        end = _at(today, first[0], first[2])
        last_end = _at(today, sessions[-1][0], sessions[-1][2])
        event = services.event_create(
            actor=None,
            county=county,
            title=title,
            type=kind,
            format=fmt,
            start=start,
            end=end,
            place=place,
            link="https://meet.example/samordna" if fmt != F.IN_PERSON else "",
            capacity=capacity,
            capacity_per_organisation=extras.get("capacity_per_organisation"),
            capacity_per_county=extras.get("capacity_per_county"),
            target_groups=extras.get("target_groups", []),
            description=extras.get("description", ""),
            published=extras.get("published", True),
            requires_approval=extras.get("requires_approval", False),
            consent_text=CONSENT if extras.get("consent") else "",
            registration_deadline=min(start - timedelta(days=3), last_end)
            if first[0] > 4
            else None,
            contact_name="Sara Nyström" if county_code == "08" else "Erik Holm",
            contact_email=f"vald.{county.code}@lansstyrelsen.example",
            co_organising_counties=[counties[c] for c in extras.get("co_counties", [])],
        )
        for offset, begin, finish in more:
            services.session_add(
                actor=None,
                event=event,
                start=_at(today, offset, begin),
                end=_at(today, offset, finish),
            )
        for label, qkind, choices, required in extras.get("questions", []):
            services.question_create(
                actor=None, event=event, label=label, kind=qkind, choices=choices, required=required
            )
        created += 1
        if not event.published:
            continue
        participants = rng.sample(people, k=min(len(people), rng.randint(3, len(people))))
        attendees = extras.get("past_attendees")
        if attendees is not None:
            for person in participants[:attendees]:
                services.registration_add_by_organiser(
                    actor=None,
                    event=event,
                    name=person.name,
                    email=person.email,
                    organisation=person.organisation,
                    attended=rng.random() > 0.15,
                )
            continue
        for person in participants:
            answers = {}
            for question in event.questions.all():
                if question.kind == Question.Kind.CHOICE:
                    answers[question.key] = rng.choice(question.choice_list)
            services.registration_create(
                event_id=event.pk,
                name=person.name,
                email=person.email,
                organisation=person.organisation,
                answers=answers,
                consent=True,
            )
    return {
        "events": Event.objects.count(),
        "created": created,
        "registrations": Registration.objects.count(),
        "organisations_registered": Organisation.objects.filter(event_registrations__isnull=False)
        .distinct()
        .count(),
    }
