"""The calendar's lists scan events in start order from a lower bound on ``start``
(``selectors.start_lower_bound``); the bound must never hide an event. Each rule is checked with
the bound computed afresh (the test settings) and cached per generation (as in production)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from samordna.core import pagecache
from samordna.events import selectors
from samordna.events import services as event_services
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["fresh", "cached"])
def bound_cache(request, settings):
    """``cached``: the per-generation cache of ``core.memo`` on (the page-cache setting)."""
    if request.param == "cached":
        settings.PAGE_CACHE_SECONDS = 300
        caches["default"].clear()
        pagecache.bump_generation()
    yield request.param
    caches["default"].clear()


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_long_event_that_started_long_ago_and_has_not_ended_is_upcoming(
    client_for, county_08, bound_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        make_event(county_08, title="Gammal avslutad kurs", start=now - timedelta(days=400))
        make_event(
            county_08,
            title="Årslång utbildningsserie",
            start=now - timedelta(days=300),
            end=now + timedelta(days=30),
            registration_deadline=now - timedelta(days=301),
        )
        make_event(county_08, title="FREDA-utbildning i höst", start=now + timedelta(days=3))
    page = titles(client_for().get("/kalender/"))
    assert "Årslång utbildningsserie" in page
    assert "FREDA-utbildning i höst" in page
    assert "Gammal avslutad kurs" not in page
    assert page.index("Årslång utbildningsserie") < page.index("FREDA-utbildning i höst")
    listed = {e.title for e in selectors.upcoming_public_events()}
    assert listed == {"Årslång utbildningsserie", "FREDA-utbildning i höst"}


def test_an_event_added_after_the_bound_was_computed_is_listed(
    client_for, county_08, bound_cache, django_capture_on_commit_callbacks
):
    """The bound is cached; the write that adds an earlier, still running event changes the
    generation, so the next request computes it again."""
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        make_event(county_08, title="FREDA-utbildning i höst", start=now + timedelta(days=3))
    assert "FREDA-utbildning i höst" in titles(client_for().get("/kalender/"))
    with django_capture_on_commit_callbacks(execute=True):
        make_event(
            county_08,
            title="Pågående nätverksprogram",
            start=now - timedelta(days=60),
            end=now + timedelta(days=60),
            registration_deadline=now - timedelta(days=61),
        )
    assert "Pågående nätverksprogram" in titles(client_for().get("/kalender/"))


def test_an_event_moved_earlier_is_still_listed(
    client_for, county_08, bound_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(county_08, title="Flyttad konferens", start=now + timedelta(days=5))
    assert "Flyttad konferens" in titles(client_for().get("/kalender/"))
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(
            actor=None,
            event=event,
            start=now - timedelta(days=20),
            end=now + timedelta(days=1),
            registration_deadline=now - timedelta(days=21),
        )
    assert "Flyttad konferens" in titles(client_for().get("/kalender/"))


def test_the_month_view_shows_a_long_event_that_began_months_earlier(
    client_for, county_08, bound_cache, django_capture_on_commit_callbacks
):
    first = (timezone.localdate() + timedelta(days=100)).replace(day=1)
    month_start = timezone.make_aware(timezone.datetime(first.year, first.month, 1, 0, 0))
    with django_capture_on_commit_callbacks(execute=True):
        make_event(
            county_08,
            title="Halvårskurs i bemötande",
            start=month_start - timedelta(days=90),
            end=month_start + timedelta(days=2),
            registration_deadline=month_start - timedelta(days=91),
        )
        make_event(
            county_08,
            title="Kurs som slutade före månaden",
            start=month_start - timedelta(days=40),
            end=month_start - timedelta(days=1),
        )
    page = titles(client_for().get(f"/kalender/manad/?month={first:%Y-%m}"))
    assert "Halvårskurs i bemötande" in page
    assert "Kurs som slutade före månaden" not in page


def test_the_archive_lists_ended_events_newest_first_with_the_right_count(
    client_for, county_08, bound_cache, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        for days in (30, 10, 20):
            make_event(
                county_08, title=f"Avslutad {days} dagar sedan", start=now - timedelta(days=days)
            )
        make_event(
            county_08,
            title="Pågår fortfarande",
            start=now - timedelta(days=50),
            end=now + timedelta(days=1),
            registration_deadline=now - timedelta(days=51),
        )
        make_event(county_08, title="Kommer snart", start=now + timedelta(days=2))
    page = titles(client_for().get("/kalender/arkiv/"))
    shown = [page.index(f"Avslutad {days} dagar sedan") for days in (10, 20, 30)]
    assert shown == sorted(shown)
    assert "Pågår fortfarande" not in page and "Kommer snart" not in page
    assert selectors.event_search_count(None, past=True) == 3


def test_the_upcoming_bound_is_the_earliest_start_of_the_events_not_ended(county_08):
    now = timezone.now()
    make_event(county_08, title="Avslutad", start=now - timedelta(days=10))
    running = make_event(
        county_08,
        title="Pågår",
        start=now - timedelta(days=3),
        end=now + timedelta(days=3),
        registration_deadline=now - timedelta(days=4),
        published=False,  # unpublished events count too: the bound serves every list
    )
    make_event(county_08, title="Kommer", start=now + timedelta(days=1))
    assert selectors.start_lower_bound(now) == running.start
    assert selectors.start_lower_bound(now + timedelta(days=10)) is None
