import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from samordna.knowledge import services as knowledge_services
from samordna.search.models import SearchDocument
from samordna.search.services import search_rebuild_index

pytestmark = pytest.mark.django_db


def test_search_page_shows_ranked_hits_with_highlighted_snippets(client_for, demo_index):
    response = client_for(None).get("/sok/", {"q": "våldsutsatta"})
    html = response.content.decode()
    page = strip_tags(html)
    assert response.status_code == 200
    assert "5 träffar för ”våldsutsatta”" in page
    assert "<mark>" in html
    assert "Våldsutsatta kvinnor med utländsk bakgrund" in page
    assert 'href="/kunskapsbank/' in html


def test_search_page_escapes_the_query(client_for, demo_index):
    page = client_for(None).get("/sok/", {"q": "<b>våld</b>"}).content.decode()
    assert "<b>våld</b>" not in page
    assert "&lt;b&gt;våld&lt;/b&gt;" in page


def test_search_page_without_query_explains_itself(client_for):
    page = client_for(None).get("/sok/").content.decode()
    assert "våldsutsatt" in page
    assert "träff" not in page


def test_search_page_with_unknown_kind_shows_an_error_not_a_crash(client_for, demo_index):
    response = client_for(None).get("/sok/", {"q": "våld", "kind": "nonsense"})
    assert response.status_code == 200
    assert "Välj en av typerna i listan." in response.content.decode()


def test_search_page_paginates(client_for, county_08):
    for number in range(25):
        knowledge_services.knowledge_item_create(
            actor=None,
            title=f"Metodstöd {number}",
            kind="method_support",
            county=county_08,
            published=True,
        )
    search_rebuild_index()
    client = client_for(None)
    first = client.get("/sok/", {"q": "metodstöd"}).content.decode()
    second = client.get("/sok/", {"q": "metodstöd", "page": 2}).content.decode()
    assert "25 träffar" in first
    assert first.count('class="search-result"') == 20
    assert second.count('class="search-result"') == 5


def test_header_has_a_search_box_on_every_page(client_for):
    page = client_for(None).get("/").content.decode()
    assert 'action="/sok/"' in page
    assert 'id="header-search-q"' in page


def test_navigation_has_the_knowledge_bank(client_for):
    page = client_for(None).get("/kunskapsbank/").content.decode()
    assert 'href="/kunskapsbank/" aria-current="page"' in page


def test_rebuild_command_indexes_everything_and_drops_stale_rows(county_08):
    knowledge_services.knowledge_item_create(
        actor=None, title="Rutin", kind="material", county=county_08, published=True
    )
    SearchDocument.objects.create(
        kind="knowledge",
        object_id=999999,
        title="Borttagen",
        url="/x/",
        updated="2024-01-01T00:00Z",
    )
    call_command("rebuild_search_index", verbosity=0)
    assert list(SearchDocument.objects.values_list("title", flat=True)) == ["Rutin"]


def test_rebuild_task_runs_in_the_background(county_08):
    from samordna.search.tasks import rebuild_index

    knowledge_services.knowledge_item_create(
        actor=None, title="Rutin", kind="material", county=county_08, published=True
    )
    result = rebuild_index.enqueue()
    assert result.return_value == {"knowledge": 1} or result.return_value["knowledge"] == 1


def test_search_without_hits_says_so(client_for, demo_index):
    page = client_for(None).get("/sok/", {"q": "xyzzy"}).content.decode()
    assert "0 träffar för ”xyzzy”" in page
    assert "Inget matchade" in page
