"""Values cached per page-cache generation (``core.memo``): the totals of the staff lists, the
site heading. With the cache on (as in production), a committed change must show at once; the
totals must equal the lists they count."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from samordna.accounts.models import Role
from samordna.accounts.services import role_assign
from samordna.core import memo, pagecache
from samordna.events import selectors as event_selectors
from samordna.organisations import selectors as organisation_selectors
from samordna.organisations import services as organisation_services
from samordna.organisations.models import County, Organisation
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches[memo.CACHE].clear()
    pagecache.bump_generation()
    yield
    caches[memo.CACHE].clear()


def test_a_value_is_computed_once_per_generation(memo_on):
    calls = []

    def compute():
        calls.append(1)
        return 0  # a falsy value is cached too

    assert memo.generation_cached("test:value", compute) == 0
    assert memo.generation_cached("test:value", compute) == 0
    assert len(calls) == 1
    pagecache.bump_generation()
    memo.generation_cached("test:value", compute)
    assert len(calls) == 2


def test_without_the_page_cache_nothing_is_cached(settings):
    settings.PAGE_CACHE_SECONDS = 0
    calls = []
    memo.generation_cached("test:off", lambda: calls.append(1))
    memo.generation_cached("test:off", lambda: calls.append(1))
    assert len(calls) == 2


def committed() -> None:
    """What the commit of a write does (``core.pagecache``: a new generation). Here by hand:
    the fixtures' own writes already queued the bump of the test's outer transaction, which a
    test never commits (the signal-to-bump path is tested in test_page_cache.py)."""
    pagecache.bump_generation()


def test_the_managed_events_total_follows_a_change(memo_on, client_for, editor_08, county_08):
    for number in range(26):
        make_event(county_08, title=f"Utbildning {number}")
    committed()
    client = client_for(editor_08)
    assert "Sida 1 av 2" in client.get("/kalender/hantera/").content.decode()
    assert "Sida 1 av 2" in client.get("/kalender/hantera/").content.decode()  # from the cache
    for number in range(26, 51):
        make_event(county_08, title=f"Utbildning {number}")
    committed()
    assert "Sida 1 av 3" in client.get("/kalender/hantera/").content.decode()


def test_the_managed_events_total_counts_each_event_once(
    editor_08, county_08, county_06, national_user
):
    """Own events, events co-organised for another county, an event co-organised by two of the
    user's counties; nothing of counties the user does not edit."""
    role_assign(user=editor_08, role=Role.COUNTY_EDITOR, county=county_06)
    editor_08._samordna_access = None  # roles changed in this test: compute access again
    stockholm, uppsala = County.objects.get(code="01"), County.objects.get(code="03")
    make_event(county_08, title="Egen", co_organising_counties=[county_06])
    make_event(county_06, title="Andra länets egen")
    make_event(
        stockholm, title="Samarrangerad av båda", co_organising_counties=[county_08, county_06]
    )
    make_event(stockholm, title="Annans", co_organising_counties=[uppsala])
    listed = list(event_selectors.events_managed_by(editor_08))
    assert {e.title for e in listed} == {"Egen", "Andra länets egen", "Samarrangerad av båda"}
    assert event_selectors.events_managed_count(editor_08) == len(listed) == 3
    assert event_selectors.events_managed_count(national_user) == 4


def test_the_people_total_equals_the_filtered_list(editor_08, county_08, county_06):
    def organisation(county, name):
        return organisation_services.organisation_create(
            actor=None, name=name, kind=Organisation.Kind.CIVIL_SOCIETY, county=county
        )

    jour, other = organisation(county_08, "Kvinnojouren Kalmar"), organisation(county_06, "Jouren")
    for index, (org, group) in enumerate(
        [(jour, "specialist"), (jour, "manager"), (jour, "specialist"), (other, "specialist")]
    ):
        organisation_services.person_create(
            actor=None,
            name=f"Anna {index}",
            email=f"anna{index}@jour.example",
            organisation=org,
            target_group=group,
        )
    for filters in ({}, {"target_group": "specialist"}, {"q": "anna 1"}):
        listed = organisation_selectors.people_for_user(editor_08, **filters)
        assert organisation_selectors.people_count_for_user(editor_08, **filters) == len(listed)
    assert organisation_selectors.people_count_for_user(editor_08) == 3


def test_the_calendar_total_follows_a_change(memo_on, county_08):
    now = timezone.now()
    make_event(county_08, title="Avslutad", start=now - timedelta(days=3))
    committed()
    assert event_selectors.event_search_count(None, past=True) == 1
    make_event(county_08, title="Också avslutad", start=now - timedelta(days=5))
    assert event_selectors.event_search_count(None, past=True) == 1  # same generation
    committed()
    assert event_selectors.event_search_count(None, past=True) == 2
    assert event_selectors.event_search_count(None) == 0


def test_the_site_heading_follows_a_change(memo_on, client_for, editor_08, county_08):
    client = client_for(editor_08)
    assert "<title>Mitt konto – Länsstyrelsen i Kalmar län – Samordna</title>" in (
        client.get("/konto/").content.decode()
    )
    county_08.board_name = "Länsstyrelsen i Testlän"
    county_08.save()
    committed()
    assert "<title>Mitt konto – Länsstyrelsen i Testlän – Samordna</title>" in (
        client.get("/konto/").content.decode()
    )
