"""Fill a database with national-scale (or county-scale) data through the real models.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samordna_bench_national \
        .venv/bin/python bench/scale_data.py --scale national --reset
    DATABASE_URL=sqlite:////tmp/bench-county.sqlite3 .venv/bin/python bench/scale_data.py \
        --scale county --reset

Reference data (21 counties, 290 municipalities) comes from the real loader; everything else is
generated with a fixed seed and written with ``bulk_create`` in batches, then the search index is
rebuilt with a bulk path. ``--reset`` drops and recreates the database first. The last line
printed is one JSON object with the counts and the seconds each step took.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# national = the product's "scale to design for" (shared/docs/product.md); county ≈ 1/20 of it.
SCALES = {
    "national": {
        "organisations": 2000,
        "people": 100_000,
        "years": 10,
        "events_per_year": 5000,
        "registrations": 1_000_000,
        "subscribers": 200_000,
        "survey_counties": 21,
    },
    "county": {
        "organisations": 450,
        "people": 5000,
        "years": 10,
        "events_per_year": 250,
        "registrations": 50_000,
        "subscribers": 10_000,
        "survey_counties": 1,
    },
    "tiny": {
        "organisations": 360,
        "people": 300,
        "years": 2,
        "events_per_year": 40,
        "registrations": 600,
        "subscribers": 200,
        "survey_counties": 1,
    },
}
BATCH = 5000
STAFF_EMAIL = "bench-staff@samordna.example"
STAFF_PASSWORD = "bench-staff-password-0123"  # noqa: S105 - benchmark data only
# A national user (reads every county: the national overview, bench/report_export.py).
NATIONAL_EMAIL = "bench-national@samordna.example"
NATIONAL_PASSWORD = "bench-national-password-0123"  # noqa: S105 - benchmark data only

TOPICS = [
    "våld i nära relationer",
    "hedersrelaterat våld och förtryck",
    "sexuellt våld",
    "barn som upplever våld",
    "våldsutövare",
    "prostitution och människohandel",
    "digitalt våld",
    "äldre och våld",
    "funktionsnedsättning och våld",
    "skyddat boende",
]
EVENT_KINDS = [
    ("training", "Grundutbildning om"),
    ("webinar", "Webbinarium:"),
    ("conference", "Regional konferens om"),
    ("lecture", "Föreläsning om"),
    ("network_meeting", "Nätverksträff:"),
    ("seminar", "Seminarium om"),
]
FIRST_NAMES = "Anna Eva Maria Karin Sara Lena Emma Johan Erik Lars Anders Per Karl Nils Ida Elin"
LAST_NAMES = "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Berg"
TARGET_GROUPS = ["specialist", "generalist", "strategist", "manager", "civil_society"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="county")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    parser.add_argument("--skip-search", action="store_true", help="do not rebuild the index")
    return parser.parse_args()


def reset_database(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme.startswith("postgres"):
        import psycopg

        name = parsed.path.lstrip("/")
        admin = parsed._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    elif parsed.scheme == "sqlite":
        path = Path(parsed.path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory
    import django

    django.setup()


class Timer:
    def __init__(self):
        self.seconds: dict[str, float] = {}

    def step(self, name: str, func, *args):
        started = time.perf_counter()
        print(f"{name} …", file=sys.stderr, flush=True)
        result = func(*args)
        self.seconds[name] = round(time.perf_counter() - started, 1)
        print(f"{name}: {self.seconds[name]} s", file=sys.stderr, flush=True)
        return result


def batched(items, size=BATCH):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk(model, objects) -> int:
    count = 0
    for batch in batched(objects):
        model.objects.bulk_create(batch, batch_size=BATCH)
        count += len(batch)
    return count


def token(rng: random.Random) -> str:
    return f"{rng.getrandbits(192):048x}"


# --- Steps --------------------------------------------------------------------------------------


def migrate_and_reference() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


def create_staff() -> None:
    from samordna.accounts.models import Role, User
    from samordna.accounts.services import user_create
    from samordna.organisations.models import County

    if not User.objects.filter(email=STAFF_EMAIL).exists():
        user_create(
            email=STAFF_EMAIL,
            role=Role.COUNTY_EDITOR,
            county=County.objects.get(code="01"),
            password=STAFF_PASSWORD,
            full_name="Bänk Staff",
        )
    create_national_user()


def create_national_user():
    """The benchmarks' national user; created when missing (databases filled before it was
    added to this script get it from the benchmark that needs it)."""
    from samordna.accounts.models import Role, User
    from samordna.accounts.services import user_create

    user = User.objects.filter(email=NATIONAL_EMAIL).first()
    if user is None:
        user = user_create(
            email=NATIONAL_EMAIL,
            role=Role.NATIONAL,
            password=NATIONAL_PASSWORD,
            full_name="Bänk Nationell",
        )
    return user


def create_organisations(rng, scale) -> int:
    from samordna.organisations.models import Municipality, Organisation

    existing = Organisation.objects.count()
    municipalities = list(Municipality.objects.select_related("county").order_by("code"))
    kinds = [Organisation.Kind.CIVIL_SOCIETY, Organisation.Kind.OTHER, Organisation.Kind.REGION]
    labels = [
        "Kvinnojouren",
        "Tjejjouren",
        "Brottsofferjouren",
        "Mansmottagningen",
        "Familjecentralen",
    ]
    objects = []
    for index in range(max(0, scale["organisations"] - existing)):
        municipality = rng.choice(municipalities)
        objects.append(
            Organisation(
                code=f"B{index:05d}",
                name=f"{rng.choice(labels)} i {municipality.name} {index}",
                kind=rng.choice(kinds),
                county_id=municipality.county_id,
                municipality=municipality,
                email=f"info{index}@org.bench.example",
            )
        )
    return bulk(Organisation, objects)


def create_people(rng, scale) -> int:
    from samordna.organisations.models import Organisation, Person

    organisations = list(Organisation.objects.values_list("pk", flat=True).order_by("pk"))
    first, last = FIRST_NAMES.split(), LAST_NAMES.split()

    def people():
        for index in range(scale["people"]):
            yield Person(
                name=f"{rng.choice(first)} {rng.choice(last)}",
                email=f"person{index}@bench.example",
                organisation_id=organisations[index % len(organisations)],
                title="Samordnare",
                target_group=rng.choice(TARGET_GROUPS),
                is_contact=index % 50 == 0,
            )

    return bulk(Person, people())


def _years(scale) -> list[int]:
    this_year = datetime.now().astimezone().year
    return list(range(this_year - scale["years"] + 2, this_year + 2))


def create_events(rng, scale) -> int:
    from django.utils import timezone

    from samordna.events.models import Event, EventSession
    from samordna.organisations.models import County

    counties = list(County.objects.order_by("code").values_list("pk", "name"))
    tz = timezone.get_current_timezone()
    now = timezone.now()

    def events():
        for year in _years(scale):
            for number in range(scale["events_per_year"]):
                county_id, county_name = counties[rng.randrange(len(counties))]
                kind, prefix = rng.choice(EVENT_KINDS)
                topic = rng.choice(TOPICS)
                day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                start = datetime(
                    day.year, day.month, day.day, rng.choice([9, 10, 13]), 0, tzinfo=tz
                )
                end = start + timedelta(hours=rng.choice([2, 3, 6]))
                capacity = rng.choice([None, 30, 50, 100, 200]) if kind != "webinar" else None
                yield Event(
                    title=f"{prefix} {topic} ({county_name} {year}:{number})",
                    type=kind,
                    format=rng.choice(["digital", "in_person", "hybrid"]),
                    description=(
                        f"<p>En utbildningsdag om {topic} för yrkesverksamma i {county_name}. "
                        "Vi går igenom kunskapsläget, lagstiftningen och hur samverkan mellan "
                        "kommun, region och civilsamhälle kan stärkas.</p>"
                    ),
                    place=f"{county_name.split()[0]} konferenscenter",
                    start=start,
                    end=end,
                    target_groups=",".join(rng.sample(TARGET_GROUPS, 2)),
                    county_id=county_id,
                    contact_name="Samordnare",
                    contact_email="samordnare@lst.bench.example",
                    visibility="public" if rng.random() < 0.95 else "invited",
                    published=rng.random() < 0.95,
                    registration_deadline=start - timedelta(days=7),
                    capacity=capacity,
                    reminder_sent_at=now if end < now else None,
                )

    count = bulk(Event, events())
    sessions = (
        EventSession(event_id=pk, start=start, end=end)
        for pk, start, end in Event.objects.order_by("pk").values_list("pk", "start", "end")
    )
    bulk(EventSession, sessions)
    # One in ten events is co-organised with a neighbouring county.
    through = Event.co_organising_counties.through
    ids = list(Event.objects.order_by("pk").values_list("pk", "county_id"))
    county_ids = [pk for pk, _name in counties]
    links = (
        through(event_id=pk, county_id=county_ids[(county_ids.index(cid) + 1) % len(county_ids)])
        for pk, cid in ids
        if pk % 10 == 0
    )
    bulk(through, links)
    return count


def create_registrations(rng, scale) -> int:
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from samordna.events.models import Event, Registration
    from samordna.organisations.models import Organisation, Person

    orgs = {
        pk: (municipality_id, county_id)
        for pk, municipality_id, county_id in Organisation.objects.values_list(
            "pk", "municipality_id", "county_id"
        )
    }
    people = list(Person.objects.order_by("pk").values_list("name", "email", "organisation_id"))
    events = list(Event.objects.order_by("pk").values_list("pk", "capacity", "end", "start"))
    average = scale["registrations"] / len(events)
    now = timezone.now()
    # Per-event counts drawn around the average, then nudged one by one to the exact total.
    sizes = [rng.randint(0, int(2 * average)) for _ in events]
    cap = min(len(people), int(4 * average) + 1)
    total = sum(sizes)
    while total != scale["registrations"]:
        index = rng.randrange(len(sizes))
        if total < scale["registrations"] and sizes[index] < cap:
            sizes[index] += 1
            total += 1
        elif total > scale["registrations"] and sizes[index] > 0:
            sizes[index] -= 1
            total -= 1

    def registrations():
        for (event_id, capacity, end, start), wanted in zip(events, sizes, strict=True):
            offset = rng.randrange(len(people))
            confirmed = 0
            for k in range(wanted):
                name, email, org_id = people[(offset + k) % len(people)]
                municipality_id, county_id = orgs[org_id]
                cancelled = rng.random() < 0.04
                if cancelled:
                    status = Registration.Status.CANCELLED
                elif capacity is None or confirmed < capacity:
                    status = Registration.Status.CONFIRMED
                    confirmed += 1
                else:
                    status = Registration.Status.WAITLISTED
                is_confirmed = status == Registration.Status.CONFIRMED
                yield Registration(
                    event_id=event_id,
                    name=name,
                    email=email,
                    organisation_id=org_id,
                    municipality_id=municipality_id,
                    registrant_county_id=county_id,
                    status=status,
                    consent_given=True,
                    cancel_token=token(rng),
                    attended=is_confirmed and end < now and rng.random() < 0.85,
                    confirmed_at=start - timedelta(days=20) if is_confirmed else None,
                    cancelled_at=start - timedelta(days=10) if cancelled else None,
                )

    created = bulk(Registration, registrations())
    # The seat counter the services keep (bulk_create bypasses them).
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status=Registration.Status.CONFIRMED)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Event.objects.update(seats_taken=Coalesce(Subquery(confirmed), 0))
    return created


def create_subscribers(rng, scale) -> int:
    from django.utils import timezone

    from samordna.newsletter.models import MailingList, Subscriber
    from samordna.organisations.models import County

    lists = []
    for county in County.objects.order_by("code"):
        mailing_list = MailingList.objects.filter(county=county, is_main=True).first()
        if mailing_list is None:
            mailing_list = MailingList.objects.create(
                county=county, name=f"Nyhetsbrev {county.name}", is_main=True
            )
        lists.append(mailing_list.pk)
    now = timezone.now()

    def subscribers():
        for index in range(scale["subscribers"]):
            status = rng.choices(["confirmed", "unsubscribed", "unconfirmed"], [90, 7, 3])[0]
            yield Subscriber(
                mailing_list_id=lists[index % len(lists)],
                email=f"prenumerant{index}@bench.example",
                name=f"Prenumerant {index}",
                status=status,
                source="form",
                consent_at=now,
                confirmed_at=now if status == "confirmed" else None,
                unsubscribed_at=now if status == "unsubscribed" else None,
                token=token(rng)[:40],
            )

    return bulk(Subscriber, subscribers())


def create_plans(rng, scale) -> int:
    from django.utils import timezone

    from samordna.organisations.models import County
    from samordna.plans.models import DEFAULT_AREAS, ActionPlan, Activity, Area

    now = timezone.now()
    plans = [
        ActionPlan(
            county=county,
            year=year,
            kind=kind,
            title=f"{'Handlingsplan' if kind == 'action' else 'Kompetensutvecklingsplan'} "
            f"{year} – {county.name}",
            foreword="Länsstyrelsen samordnar arbetet mot mäns våld mot kvinnor i länet.",
            introduction="Planen beskriver årets insatser inom länets regionala strategi.",
            published=True,
            published_at=now,
        )
        for county in County.objects.order_by("code")
        for year in _years(scale)
        for kind in ("action", "competence")
    ]
    ActionPlan.objects.bulk_create(plans, batch_size=BATCH)
    plans = list(ActionPlan.objects.order_by("pk"))
    areas = [
        Area(plan=plan, name=name, position=position)
        for plan in plans
        for position, name in enumerate(DEFAULT_AREAS)
    ]
    Area.objects.bulk_create(areas, batch_size=BATCH)
    activities = []
    for area in Area.objects.select_related("plan").order_by("pk"):
        for position in range(4):
            topic = rng.choice(TOPICS)
            activities.append(
                Activity(
                    plan_id=area.plan_id,
                    area=area,
                    position=position,
                    title=f"Insats om {topic} ({area.name.lower()})",
                    description=f"Länsstyrelsen genomför en insats om {topic}.",
                    target_groups="Socialtjänst, hälso- och sjukvård",
                    outcome="Ökad kunskap och bättre samverkan.",
                    responsible="Samordnare",
                    months=sorted(rng.sample(range(1, 13), 3)),
                )
            )
    bulk(Activity, activities)
    return len(plans)


def create_surveys(rng, scale) -> int:
    from django.utils import timezone

    from samordna.organisations.models import County, Organisation
    from samordna.surveys.models import Answer, Assignment, Question, Response, Section, Survey

    now = timezone.now()
    counties = list(County.objects.order_by("code")[: scale["survey_counties"]])
    surveys = 0
    for county in counties:
        municipalities = list(
            Organisation.objects.filter(county=county, kind="municipality").order_by("pk")
        )
        for year in _years(scale)[:-1]:
            survey = Survey.objects.create(
                county=county,
                year=year,
                title=f"Kartläggning {county.name}",
                status=Survey.Status.CLOSED,
                deadline=date(year, 10, 31),
                published_results=True,
            )
            surveys += 1
            questions = []
            for s in range(3):
                section = Section.objects.create(survey=survey, title=f"Del {s + 1}", position=s)
                for q in range(5):
                    kind = ["yes_no", "number", "single_choice"][q % 3]
                    questions.append(
                        Question(
                            survey=survey,
                            section=section,
                            key=f"q{s}-{q}",
                            text=f"Fråga {s + 1}.{q + 1} om {TOPICS[q]}",
                            kind=kind,
                            position=q,
                            choices=["Ja, helt", "Delvis", "Nej"]
                            if kind == "single_choice"
                            else [],
                        )
                    )
            Question.objects.bulk_create(questions)
            questions = list(Question.objects.filter(survey=survey).order_by("pk"))
            Assignment.objects.bulk_create(
                [Assignment(survey=survey, organisation=o, invited_at=now) for o in municipalities]
            )
            Response.objects.bulk_create(
                [
                    Response(survey=survey, organisation=o, status="submitted", submitted_at=now)
                    for o in municipalities
                ]
            )
            answers = []
            for response in Response.objects.filter(survey=survey):
                for question in questions:
                    if question.kind == "yes_no":
                        value = rng.choice(["yes", "no"])
                    elif question.kind == "number":
                        value = str(rng.randint(0, 40))
                    else:
                        value = rng.choice(question.choices)
                    answers.append(Answer(response=response, question=question, value=value))
            bulk(Answer, answers)
    return surveys


def rebuild_search_index() -> dict[str, int]:
    """The bulk path: the same providers as ``rebuild_search_index``, rows written with
    bulk_create and full-text data filled per batch."""
    from django.db import transaction
    from django.utils import translation

    from samordna.search import fulltext
    from samordna.search.models import SearchDocument
    from samordna.search.providers import PROVIDERS

    counts = {}
    with translation.override("sv"), transaction.atomic():
        SearchDocument.objects.all().delete()
        fulltext.prune_orphans()
        for provider in PROVIDERS:
            counts[provider.kind] = 0
            for batch in batched(provider.documents(None), 2000):
                rows = SearchDocument.objects.bulk_create(
                    [
                        SearchDocument(
                            kind=provider.kind,
                            object_id=doc.object_id,
                            title=fulltext.clean_text(doc.title)[:300],
                            body=fulltext.clean_text(doc.body),
                            keywords=fulltext.clean_text(doc.keywords),
                            meta=doc.meta[:300],
                            url=doc.url[:500],
                            county_id=doc.county_id,
                            published=doc.published,
                            updated=doc.updated,
                        )
                        for doc in batch
                    ]
                )
                fulltext.index_documents([row.pk for row in rows])
                counts[provider.kind] += len(rows)
    return counts


def analyse() -> None:
    """Planner statistics, and on PostgreSQL also the visibility map (VACUUM) that index-only
    scans need: a production database has it from autovacuum, and this machine's PostgreSQL
    runs with autovacuum off, so bulk-loaded tables would otherwise never get it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def main() -> None:
    args = parse_args()
    scale = SCALES[args.scale]
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("set DATABASE_URL (postgres://… or sqlite:////path)")
    if args.reset:
        reset_database(url)
    setup_django()
    from samordna.events.models import Event

    rng = random.Random(args.seed)
    timer = Timer()
    started = time.perf_counter()
    timer.step("migrate", migrate_and_reference)
    if Event.objects.exists():
        sys.exit("the database already holds events: use --reset (it drops the database)")
    counts = {}
    timer.step("staff", create_staff)
    counts["organisations_created"] = timer.step("organisations", create_organisations, rng, scale)
    counts["people"] = timer.step("people", create_people, rng, scale)
    counts["events"] = timer.step("events", create_events, rng, scale)
    counts["registrations"] = timer.step("registrations", create_registrations, rng, scale)
    counts["subscribers"] = timer.step("subscribers", create_subscribers, rng, scale)
    counts["plans"] = timer.step("plans", create_plans, rng, scale)
    counts["surveys"] = timer.step("surveys", create_surveys, rng, scale)
    if not args.skip_search:
        counts["search_documents"] = timer.step("search", rebuild_search_index)
    timer.step("analyse", analyse)
    print(json.dumps(summary(args, counts, timer, time.perf_counter() - started)))


def summary(args, counts, timer, seconds) -> dict:
    from django.db import connection

    from samordna.events.models import Event, Registration
    from samordna.newsletter.models import Subscriber
    from samordna.organisations.models import County, Municipality, Organisation, Person
    from samordna.surveys.models import Answer

    return {
        "scale": args.scale,
        "seed": args.seed,
        "database": connection.vendor,
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "subscribers": Subscriber.objects.count(),
        "survey_answers": Answer.objects.count(),
        "created": counts,
        "step_seconds": timer.seconds,
        "seconds": round(seconds, 1),
    }


if __name__ == "__main__":
    main()
