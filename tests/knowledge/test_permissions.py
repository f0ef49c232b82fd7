"""Every knowledge-bank URL × (anonymous, participant, editor of the owning county, editor of
another county, national)."""

import pytest

from .factories import make_item, pdf_upload

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "owner_editor", "other_editor", "national"]


@pytest.fixture
def users(participant_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "owner_editor": editor_08,
        "other_editor": editor_06,
        "national": national_user,
    }


@pytest.fixture
def items(county_08, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return {
        "published": make_item(county=county_08, title="Publicerad", file=pdf_upload()),
        "draft": make_item(county=county_08, title="Utkast", published=False, file=pdf_upload()),
    }


def _status(client, url):
    return client.get(url).status_code


CASES = [
    # (url builder, expected per role in ROLES order)
    (lambda i: "/kunskapsbank/", [200, 200, 200, 200, 200]),
    (lambda i: i["published"].get_absolute_url(), [200, 200, 200, 200, 200]),
    (lambda i: i["published"].get_file_url(), [200, 200, 200, 200, 200]),
    (lambda i: i["draft"].get_absolute_url(), [404, 404, 200, 404, 200]),
    (lambda i: i["draft"].get_file_url(), [404, 404, 200, 404, 200]),
    (lambda i: "/kunskapsbank/ny/", [302, 403, 200, 200, 403]),
    (lambda i: f"/kunskapsbank/{i['published'].pk}/redigera/", [302, 403, 200, 403, 403]),
    (lambda i: f"/kunskapsbank/{i['draft'].pk}/redigera/", [302, 403, 200, 404, 403]),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_access(client_for, users, items, url, expected):
    actual = [_status(client_for(users[role]), url(items)) for role in ROLES]
    assert actual == expected


def test_national_item_is_edited_only_by_superusers(
    client_for, editor_08, national_user, django_user_model
):
    item = make_item(county=None, title="Nationellt")
    url = f"/kunskapsbank/{item.pk}/redigera/"
    assert client_for(editor_08).get(url).status_code == 403
    assert client_for(national_user).get(url).status_code == 403
    root = django_user_model.objects.create_superuser("root@samordna.example", "x-Long-pass-123")
    assert client_for(root).get(url).status_code == 200
