"""The public page cache (docs/decisions/0004-page-cache.md): anonymous visitors get cached
pages, each with a CSRF token of their own; any committed change shows at once; logged-in users,
visitors with a session and the API with a token never see or fill the cache."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from samordna.core import pagecache
from samordna.events import services as event_services
from samordna.events.models import Registration
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()
    pagecache.bump_generation()
    yield
    caches["pages"].clear()


def test_second_anonymous_visit_is_served_from_the_cache(client_for, county_08):
    make_event(county_08, title="FREDA-utbildning")
    first = client_for().get("/kalender/")
    second = client_for().get("/kalender/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "FREDA-utbildning" in second.content.decode()


def test_every_visitor_gets_an_own_csrf_token_that_works(county_08):
    event = make_event(county_08, title="FREDA-utbildning", capacity=5)
    url = f"/kalender/{event.pk}/"
    Client(enforce_csrf_checks=True).get(url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(url)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    assert pagecache.TOKEN_PLACEHOLDER not in page.content.decode()
    assert visitor.cookies["csrftoken"].value  # the visitor's own secret, set on the hit
    response = visitor.post(
        url,
        {"csrfmiddlewaretoken": token, "name": "Eva Svensson", "email": "eva@kommun.example"},
    )
    assert response.status_code == 302
    assert Registration.objects.filter(email="eva@kommun.example").exists()


def test_a_committed_change_shows_at_once(
    client_for, county_08, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(county_08, title="FREDA-utbildning")
    assert client_for().get("/kalender/")["X-Page-Cache"] == "miss"
    assert client_for().get("/kalender/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        event_services.event_update(actor=None, event=event, title="Ny titel på utbildningen")
    response = client_for().get("/kalender/")
    assert response["X-Page-Cache"] == "miss"
    assert "Ny titel på utbildningen" in response.content.decode()


def test_a_registration_updates_the_seats_shown(county_08, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(county_08, title="FREDA-utbildning", capacity=5)
    url = f"/kalender/{event.pk}/"
    Client().get(url)
    assert Client().get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(
            event_id=event.pk, name="Eva", email="eva@kommun.example"
        )
    assert Client().get(url)["X-Page-Cache"] == "miss"


def test_no_bump_before_commit(county_08, django_capture_on_commit_callbacks):
    before = pagecache.current_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_event(county_08, title="FREDA-utbildning")
    assert pagecache.current_generation() == before
    assert any(isinstance(callback, pagecache.GenerationBump) for callback in callbacks)


def test_logged_in_pages_are_never_cached(client_for, editor_08, county_08):
    make_event(county_08, title="FREDA-utbildning")
    staff = client_for(editor_08)
    for _ in range(2):
        response = staff.get("/kalender/")
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"
    anonymous = client_for().get("/kalender/")
    assert anonymous["X-Page-Cache"] == "miss"
    assert editor_08.email not in anonymous.content.decode()


def test_visitor_with_a_session_is_not_served_from_the_cache(client_for, county_08):
    client_for().get("/kalender/")
    visitor = Client()
    visitor.cookies["sessionid"] = "some-session"
    assert "X-Page-Cache" not in visitor.get("/kalender/")


def test_api_with_a_token_is_not_cached(client_for, county_08):
    client_for().get("/api/v1/events")
    assert client_for().get("/api/v1/events")["X-Page-Cache"] == "hit"
    response = client_for().get("/api/v1/events", HTTP_AUTHORIZATION="Bearer nope")
    assert "X-Page-Cache" not in response


def test_pages_outside_the_list_are_not_cached(client_for):
    assert "X-Page-Cache" not in client_for().get("/api/v1/health")
    assert "X-Page-Cache" not in client_for().get("/konto/logga-in/")


def test_off_when_page_cache_seconds_is_zero(settings, client_for):
    settings.PAGE_CACHE_SECONDS = 0
    client_for().get("/kalender/")
    assert "X-Page-Cache" not in client_for().get("/kalender/")


def test_a_lost_generation_does_not_bring_back_old_pages(client_for):
    client_for().get("/kalender/")
    assert client_for().get("/kalender/")["X-Page-Cache"] == "hit"
    caches["shared"].clear()
    assert client_for().get("/kalender/")["X-Page-Cache"] == "miss"
