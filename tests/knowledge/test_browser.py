"""The knowledge bank and search in headless chromium: axe on every page, screenshots to look at."""

import pytest

from samordna.knowledge import demo as knowledge_demo
from samordna.knowledge.models import KnowledgeItem
from samordna.search.services import search_rebuild_index
from tests.browser.conftest import assert_accessible, goto, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db):
    knowledge_demo.seed()
    search_rebuild_index()


def test_public_knowledge_and_search_pages_pass_axe(browser_page, live_server, demo_data):
    page = browser_page
    item = KnowledgeItem.objects.get(title="Webbkurs om våld")
    pages = {
        "knowledge-list": "/kunskapsbank/",
        "knowledge-filtered": "/kunskapsbank/?violence_form=honour",
        "knowledge-item": item.get_absolute_url(),
        "search-empty": "/sok/",
        "search-results": "/sok/?q=v%C3%A5ldsutsatta",
        "search-nothing": "/sok/?q=xyzzy",
    }
    failures = []
    for name, path in pages.items():
        goto(page, live_server, path)
        assert page.locator("h1").count() == 1
        screenshot(page, name)
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    assert failures == [], "\n".join(failures)


def test_header_search_box_leads_to_ranked_results(browser_page, live_server, demo_data):
    page = browser_page
    goto(page, live_server, "/")
    page.fill("#header-search-q", "våldsutsatt")
    with page.expect_navigation():
        page.locator(".header-search button").click()
    assert "/sok/?q=" in page.url
    assert page.locator(".search-result").count() == 5
    assert page.locator(".search-result mark").count() >= 5


def test_editor_form_passes_axe(new_page, live_server, editor_08):
    page = new_page()
    login(page, live_server, editor_08)
    goto(page, live_server, "/kunskapsbank/ny/")
    screenshot(page, "knowledge-form")
    assert_accessible(page, "/kunskapsbank/ny/")
    page.fill("#id_title", "Regional vägledning")
    page.select_option("#id_kind", "material")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Regional vägledning"
    assert_accessible(page, "item after create")
