"""The main pages run the same number of SQL queries with 3 and with 30 objects on them, so an
N+1 (a query per listed row) cannot come back unnoticed. Each test renders the page with a small
data set, adds ten times as much, renders it again and compares the two counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samordna.events import services as event_services
from samordna.organisations import services as organisation_services
from samordna.organisations.models import Municipality, Organisation
from samordna.plans import services as plan_services
from tests.events.factories import make_event, register
from tests.plans.factories import add_activity, make_plan

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30
# Far above any page's real count: the equality below is the test, this only catches runaways.
CEILING = 40


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert len(queries) <= CEILING, [q["sql"][:200] for q in queries]
    return len(queries)


def assert_constant(client, url: str, grow) -> None:
    grow(SMALL)
    client.get(url)  # first request: sessions, language, lazily loaded data
    small = queries_for(client, url)
    grow(LARGE - SMALL)
    large = queries_for(client, url)
    assert small == large, f"{url}: {small} queries with {SMALL} objects, {large} with {LARGE}"


class Counter:
    """Numbers objects created across the two calls of a ``grow`` function."""

    def __init__(self):
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _events(county, *, co_county=None, start=None, registrations=2):
    counter = Counter()

    def grow(n: int) -> None:
        for _ in range(n):
            number = counter.next()
            event = make_event(
                county,
                title=f"FREDA-utbildning {number}",
                start=(start or timezone.now() + timedelta(days=10)) + timedelta(hours=number),
                co_organising_counties=[co_county] if co_county and number % 2 else [],
            )
            register(event, registrations, prefix=f"deltagare{number}-")

    return grow


@pytest.mark.parametrize(
    "url",
    [
        "/kalender/",
        "/kalender/?county=06",
        "/kalender/?type=training&q=FREDA",
        "/api/v1/events",
        "/api/v1/events?county=06",
    ],
)
def test_calendar_and_event_api_lists(client_for, county_08, county_06, url):
    assert_constant(client_for(), url, _events(county_08, co_county=county_06))


def test_calendar_for_staff(client_for, editor_08, county_08, county_06):
    assert_constant(client_for(editor_08), "/kalender/", _events(county_08, co_county=county_06))


def test_staff_event_list(client_for, editor_08, county_08, county_06):
    assert_constant(
        client_for(editor_08), "/kalender/hantera/", _events(county_08, co_county=county_06)
    )


@pytest.mark.parametrize("as_staff", [False, True])
def test_calendar_month(client_for, county_08, county_06, editor_08, as_staff):
    first = (timezone.localdate() + timedelta(days=40)).replace(day=1)
    start = timezone.make_aware(timezone.datetime(first.year, first.month, 2, 9))
    url = f"/kalender/manad/?month={first:%Y-%m}"
    client = client_for(editor_08 if as_staff else None)
    assert_constant(client, url, _events(county_08, co_county=county_06, start=start))


@pytest.mark.parametrize("as_staff", [False, True])
@pytest.mark.parametrize("url", ["/kalender/arkiv/", "/kalender/arkiv/?county=06&q=FREDA"])
def test_calendar_archive(client_for, county_08, county_06, editor_08, as_staff, url):
    start = timezone.now() - timedelta(days=400)
    client = client_for(editor_08 if as_staff else None)
    grow = _events(county_08, co_county=county_06, start=start, registrations=0)
    assert_constant(client, url, grow)


def test_event_page(client_for, county_08, county_06):
    event = make_event(county_08, title="Konferens")
    counter = Counter()

    def grow(n: int) -> None:
        for _ in range(n):
            number = counter.next()
            begin = event.start + timedelta(days=number)
            event_services.session_add(
                actor=None, event=event, start=begin, end=begin + timedelta(hours=1)
            )
            event_services.question_create(
                actor=None, event=event, label=f"Fråga {number}", kind="text"
            )
        register(event, n, prefix=f"person{counter.value}-")

    assert_constant(client_for(), f"/kalender/{event.pk}/", grow)


def test_event_registration_list_for_staff(client_for, editor_08, county_08):
    event = make_event(county_08, title="Konferens", capacity=100)
    counter = Counter()

    def grow(n: int) -> None:
        counter.next()
        register(event, n, prefix=f"person{counter.value}-")

    assert_constant(client_for(editor_08), f"/kalender/{event.pk}/anmalningar/", grow)


def _organisations(county, municipality=None, *, people=1):
    counter = Counter()

    def grow(n: int) -> None:
        for _ in range(n):
            number = counter.next()
            organisation = organisation_services.organisation_create(
                actor=None,
                name=f"Kvinnojouren {number}",
                kind=Organisation.Kind.CIVIL_SOCIETY,
                county=county,
                municipality=municipality,
            )
            for index in range(people):
                organisation_services.person_create(
                    actor=None,
                    name=f"Kontakt {number}-{index}",
                    email=f"kontakt{number}-{index}@jour.example",
                    organisation=organisation,
                    is_contact=True,
                )

    return grow


@pytest.mark.parametrize(
    "url", ["/organisationer/", "/organisationer/?county=08", "/api/v1/organisations?county=08"]
)
def test_organisation_lists(client_for, county_08, url):
    kalmar = Municipality.objects.get(code="0880")
    assert_constant(client_for(), url, _organisations(county_08, kalmar))


@pytest.mark.parametrize("as_staff", [False, True])
def test_municipality_page(client_for, county_08, editor_08, as_staff):
    kalmar = Municipality.objects.get(code="0880")
    client = client_for(editor_08 if as_staff else None)
    assert_constant(client, "/kommuner/0880/", _organisations(county_08, kalmar, people=2))


@pytest.mark.parametrize("url", ["/personer/", "/personer/?q=Kontakt&page=2"])
def test_people_list_for_staff(client_for, county_08, editor_08, url):
    assert_constant(client_for(editor_08), url, _organisations(county_08, people=2))


def test_plan_page(client_for, county_08):
    plan = make_plan(county_08, year=timezone.localdate().year, published=True)
    areas = list(plan.areas.order_by("position"))
    counter = Counter()

    def grow(n: int) -> None:
        for _ in range(n):
            number = counter.next()
            add_activity(
                plan,
                area=areas[number % len(areas)],
                title=f"Utbildning {number}",
                subgoals=(1 + number % 3, 4),
                months=[1 + number % 12],
            )
        for _ in range(max(1, n // 10)):
            plan_services.contact_create(
                actor=None, plan=plan, name=f"Kontakt {counter.value}", role="Samordnare"
            )

    assert_constant(client_for(), f"/planer/{plan.pk}/", grow)


@pytest.mark.parametrize("url", ["/planer/", "/api/v1/plans"])
def test_plan_lists(client_for, county_08, url):
    years = iter(range(2001, 2099))

    def grow(n: int) -> None:
        for _ in range(n):
            make_plan(county_08, year=next(years), published=True)

    assert_constant(client_for(), url, grow)


@pytest.mark.parametrize("url", ["/sok/?q=FREDA", "/api/v1/search?q=FREDA"])
def test_search(client_for, county_08, url, django_capture_on_commit_callbacks):
    grow_events = _events(county_08, registrations=0)

    def grow(n: int) -> None:
        # The index is refreshed after commit, as in production.
        with django_capture_on_commit_callbacks(execute=True):
            grow_events(n)

    assert_constant(client_for(), url, grow)
