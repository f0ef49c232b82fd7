"""Every newsletter URL × anonymous, participant, editor of the owning county (08), editor of
another county (06) and the national role."""

import re

import pytest

from samordna.newsletter import selectors, tokens
from samordna.newsletter.models import Issue

from .factories import MailingListFactory, SubscriberFactory, issue_with_item

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "editor_own", "editor_other", "national"]


def _expect(anonymous, participant, editor_own, editor_other, national):
    return dict(
        zip(ROLES, (anonymous, participant, editor_own, editor_other, national), strict=True)
    )


PUBLIC = _expect(200, 200, 200, 200, 200)
DRAFT = _expect(404, 404, 200, 404, 200)
STAFF_READ = _expect(302, 403, 200, 403, 200)
STAFF_EDIT = _expect(302, 403, 200, 403, 403)
STAFF_POST = _expect(302, 403, 302, 403, 403)
ANY_STAFF = _expect(302, 403, 200, 200, 200)


def _pick_expectation():
    from samordna.organisations.models import County

    county = County.objects.get(code="08")
    available = (
        selectors.knowledge_candidates(limit=1) is not None
        or selectors.event_candidates(county, limit=1) is not None
    )
    return _expect(302, 403, 200 if available else 404, 403, 403)


CASES = [
    ("get", "/nyhetsbrev/", PUBLIC),
    ("get", "/nyhetsbrev/personuppgifter/", PUBLIC),
    ("get", "/nyhetsbrev/08/", PUBLIC),
    ("get", "/nyhetsbrev/08/prenumerera/", PUBLIC),
    ("get", "/nyhetsbrev/08/prenumerera/tack/", PUBLIC),
    ("get", "/nyhetsbrev/bekrafta/{confirm_token}/", PUBLIC),
    ("get", "/nyhetsbrev/avregistrera/{manage_token}/", PUBLIC),
    ("get", "/nyhetsbrev/installningar/{manage_token}/", PUBLIC),
    ("get", "/nyhetsbrev/nummer/{published}/", PUBLIC),
    ("get", "/nyhetsbrev/nummer/{draft}/", DRAFT),
    ("get", "/nyhetsbrev/nummer/{draft}/pdf/", DRAFT),
    ("get", "/nyhetsbrev/hantera/", ANY_STAFF),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/", STAFF_READ),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/forhandsvisning/", STAFF_READ),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/forhandsvisning/text/", STAFF_READ),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/redigera/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/ta-bort/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/avsnitt/nytt/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/artikel/ny/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/nummer/{draft}/hamta/", None),
    ("post", "/nyhetsbrev/hantera/nummer/{draft}/provutskick/", STAFF_POST),
    ("post", "/nyhetsbrev/hantera/nummer/{draft}/skicka/", STAFF_POST),
    ("get", "/nyhetsbrev/hantera/avsnitt/{section}/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/avsnitt/{section}/ta-bort/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/artikel/{item}/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/artikel/{item}/ta-bort/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/08/nytt/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/08/prenumeranter/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/08/prenumeranter/import/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/08/prenumeranter/export/{list}/", STAFF_EDIT),
    ("get", "/nyhetsbrev/hantera/08/listor/ny/", STAFF_EDIT),
]


@pytest.fixture
def users(participant_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "editor_own": editor_08,
        "editor_other": editor_06,
        "national": national_user,
    }


@pytest.fixture
def objects(county_08):
    mailing_list = MailingListFactory(county=county_08)
    draft = issue_with_item(mailing_list=mailing_list, title="Utkast")
    published = issue_with_item(
        mailing_list=mailing_list, title="Skickat", status=Issue.Status.SENT, published=True
    )
    subscriber = SubscriberFactory(mailing_list=mailing_list)
    section = draft.sections.get()
    return {
        "draft": draft.pk,
        "published": published.pk,
        "section": section.pk,
        "item": section.items.get().pk,
        "list": mailing_list.pk,
        "confirm_token": tokens.make_confirm_token(subscriber),
        "manage_token": tokens.make_manage_token(subscriber),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "url", "expected"), CASES, ids=[c[1] for c in CASES])
def test_access(role, method, url, expected, users, objects, client_for):
    expected = expected or _pick_expectation()
    client = client_for(users[role])
    response = getattr(client, method)(url.format(**objects))
    assert response.status_code == expected[role], f"{role} {method} {url}"


def test_every_newsletter_url_is_covered():
    from django.urls import get_resolver

    resolver = get_resolver()
    newsletter = resolver.namespace_dict["newsletter"][1]
    covered = {case[1] for case in CASES}
    for pattern in newsletter.url_patterns:
        route = "/nyhetsbrev/" + str(pattern.pattern)
        shape = route.replace("<int:pk>", "{}").replace("<str:code>", "08")
        shape = shape.replace("<str:token>", "{}").replace("<int:list_pk>", "{}")
        shape = shape.replace("<int:item_pk>", "{}")
        regex = re.escape(shape).replace(r"\{\}", r"\{[a-z_]+\}")
        matched = any(re.fullmatch(regex, url) for url in covered)
        if pattern.name in {"item_image"}:
            continue  # covered in test_compose (needs an uploaded image)
        assert matched, f"no permission case for {route}"
