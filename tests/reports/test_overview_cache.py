"""The national overview keeps each county's live key figures in the cache under the page-cache
generation: a committed change shows on the next request, a submitted report shows its snapshot,
and a request served from the cache runs a small, fixed number of queries."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samordna.core import pagecache
from samordna.events.models import Event, Registration
from samordna.organisations.models import County
from samordna.reports import services
from samordna.reports.models import AnnualReport
from tests.events.factories import make_event, register

URL = "/arsrapport/nationell-oversikt/?year=2022"
ROW = re.compile(
    r'<tr>\s*<th scope="row">(?:<a [^>]*>)?(?P<county>[^<]+)(?:</a>)?</th>(?P<cells>.*?)</tr>', re.S
)
CELL = re.compile(r'<td class="num">([^<]*)</td>')
# Far above the real count of a request served from the cache; the equality is the test.
CEILING = 40


@pytest.fixture
def figure_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["default"].clear()
    yield
    caches["default"].clear()


def key_figures(client, county_name: str) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    for match in ROW.finditer(response.content.decode()):
        if match.group("county").strip() == county_name:
            cells = CELL.findall(match.group("cells"))
            names = ["activities", "events", "attended", "municipalities", "newsletters", "needs"]
            return dict(zip(names, cells, strict=True))
    raise AssertionError(f"no row for {county_name}")


def held_event(county, title: str, day: int = 1):
    start = timezone.make_aware(datetime.datetime(2022, 5, day, 9))
    return make_event(county, title=title, start=start, end=start + datetime.timedelta(hours=3))


def held_event_with_registrations(county, title: str, n: int, *, day: int = 1):
    """Registered while open, then moved to 2022 (an update: no page-cache bump of its own)."""
    event = make_event(county, title=title)
    registrations = register(event, n, prefix=f"{title.lower().replace(' ', '')}-")
    start = timezone.make_aware(datetime.datetime(2022, 5, day, 9))
    Event.objects.filter(pk=event.pk).update(start=start, end=start + datetime.timedelta(hours=3))
    event.refresh_from_db()
    return event, registrations


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_shows_on_the_next_request(figure_cache, national_user, client_for):
    client = client_for(national_user)
    county = County.objects.get(code="08")
    assert key_figures(client, "Kalmar län")["events"] == "0"
    held_event(county, "Utbildning om våld i nära relationer")
    assert key_figures(client, "Kalmar län")["events"] == "1"
    # Attendance recorded through the service (a bulk update plus its audit entry).
    from samordna.events import services as event_services

    second, registrations = held_event_with_registrations(county, "Konferens", 3, day=2)
    editor = services_editor(county)
    event_services.attendance_record(
        actor=editor, event=second, attended_ids=[r.pk for r in registrations[:2]]
    )
    figures = key_figures(client, "Kalmar län")
    assert figures["events"] == "2" and figures["attended"] == "2"


def services_editor(county):
    from samordna.accounts.models import Role
    from tests.conftest import make_user

    return make_user(f"editor{county.code}-cache@lst.example", Role.COUNTY_EDITOR, county=county)


@pytest.mark.django_db
def test_cached_figures_are_served_until_the_generation_changes(
    figure_cache, national_user, client_for, county_08
):
    client = client_for(national_user)
    pagecache.bump_generation()
    assert key_figures(client, "Kalmar län")["events"] == "0"
    held_event(county_08, "Utbildning")  # not committed: the generation stays
    assert key_figures(client, "Kalmar län")["events"] == "0"
    pagecache.bump_generation()  # what the commit of that write does
    assert key_figures(client, "Kalmar län")["events"] == "1"


@pytest.mark.django_db
def test_a_submitted_report_shows_its_snapshot(
    figure_cache, national_user, client_for, county_08, editor_08, admin_08
):
    report = services.report_create(actor=editor_08, county=county_08, year=2022)
    services.report_update_text(
        actor=editor_08, report=report, results_text="R", analysis_text="A", needs_text="B"
    )
    services.report_mark_ready(actor=editor_08, report=report)
    services.report_approve(actor=admin_08, report=report)
    report = services.report_submit(actor=admin_08, report=report)
    report.snapshot["events"]["count"] = 4242
    AnnualReport.objects.filter(pk=report.pk).update(snapshot=report.snapshot)
    pagecache.bump_generation()
    assert key_figures(client_for(national_user), "Kalmar län")["events"] == "4242"


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_data(figure_cache, national_user, client_for):
    client = client_for(national_user)
    counties = list(County.objects.order_by("code")[:6])
    made = [0]

    def grow(n: int) -> None:
        for _ in range(n):
            made[0] += 1
            county = counties[made[0] % len(counties)]
            event, _registrations = held_event_with_registrations(
                county, f"Utbildning {made[0]}", 2, day=1 + made[0] % 28
            )
            Registration.objects.filter(event=event).update(attended=True)
        pagecache.bump_generation()  # the commit of those writes

    client.get(URL)  # sessions, language, lazily loaded data
    grow(len(counties))  # every one of the counties has data from the start
    small_miss, small_hit = _queries(client), _queries(client)
    grow(5 * len(counties))
    large_miss, large_hit = _queries(client), _queries(client)
    assert small_hit == large_hit <= CEILING
    assert small_hit < small_miss
    # Computing the figures (a miss) is a fixed number of queries per county, too.
    assert small_miss == large_miss
