"""/sok/ × (anonymous, participant, editor of the owning county, editor of another county,
national): the page is public; unpublished hits only for the owning county's staff."""

import pytest
from django.utils.html import strip_tags

from samordna.knowledge import services as knowledge_services
from samordna.search.services import search_rebuild_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(participant_0880, editor_08, editor_06, national_user):
    return {
        "anonymous": None,
        "participant": participant_0880,
        "owner_editor": editor_08,
        "other_editor": editor_06,
        "national": national_user,
    }


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [
        ("anonymous", False),
        ("participant", False),
        ("owner_editor", True),
        ("other_editor", False),
        ("national", True),
    ],
)
def test_search_page_and_api_scope_unpublished_hits(client_for, users, county_08, role, sees_draft):
    knowledge_services.knowledge_item_create(
        actor=None, title="Utkast om kvinnofrid", kind="report", county=county_08
    )
    knowledge_services.knowledge_item_create(
        actor=None,
        title="Publicerat om kvinnofrid",
        kind="report",
        county=county_08,
        published=True,
    )
    search_rebuild_index()
    client = client_for(users[role])
    response = client.get("/sok/", {"q": "kvinnofrid"})
    assert response.status_code == 200
    page = strip_tags(response.content.decode())
    assert "Publicerat om kvinnofrid" in page
    assert ("Utkast om kvinnofrid" in page) is sees_draft
    api = client.get("/api/v1/search", {"q": "kvinnofrid"}).json()
    assert ("Utkast om kvinnofrid" in [i["title"] for i in api["items"]]) is sees_draft
