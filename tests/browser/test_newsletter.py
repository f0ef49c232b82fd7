"""Newsletter pages in headless chromium: axe on the public and staff pages, screenshots."""

import pytest

from samordna.newsletter import demo as newsletter_demo
from samordna.newsletter import tokens
from samordna.newsletter.models import Issue, Subscriber

from .conftest import assert_accessible, goto, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(county_08):
    newsletter_demo.seed()


def test_public_newsletter_pages_pass_axe(browser_page, live_server, demo_data):
    page = browser_page
    issue = Issue.objects.get(county__code="08", status=Issue.Status.SENT)
    subscriber = Subscriber.objects.filter(mailing_list__county__code="08").first()
    manage = tokens.make_manage_token(subscriber)
    pages = {
        "newsletter-index": "/nyhetsbrev/",
        "newsletter-archive": "/nyhetsbrev/08/",
        "newsletter-subscribe": "/nyhetsbrev/08/prenumerera/",
        "newsletter-web": f"/nyhetsbrev/nummer/{issue.pk}/?vidarebefordrat=1",
        "newsletter-privacy": "/nyhetsbrev/personuppgifter/",
        "newsletter-unsubscribe": f"/nyhetsbrev/avregistrera/{manage}/",
        "newsletter-preferences": f"/nyhetsbrev/installningar/{manage}/",
    }
    failures = []
    for name, path in pages.items():
        goto(page, live_server, path)
        assert page.locator("h1").count() == 1, path
        screenshot(page, name)
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    assert failures == [], "\n".join(failures)


def test_staff_pages_pass_axe(new_page, live_server, demo_data, editor_08):
    page = new_page()
    login(page, live_server, editor_08)
    draft = Issue.objects.get(county__code="08", status=Issue.Status.DRAFT)
    item = draft.sections.first().items.first()
    failures = []
    for name, path in {
        "newsletter-manage": "/nyhetsbrev/hantera/",
        "newsletter-issue": f"/nyhetsbrev/hantera/nummer/{draft.pk}/",
        "newsletter-item-form": f"/nyhetsbrev/hantera/artikel/{item.pk}/",
        "newsletter-subscribers": "/nyhetsbrev/hantera/08/prenumeranter/",
        "newsletter-import": "/nyhetsbrev/hantera/08/prenumeranter/import/",
    }.items():
        goto(page, live_server, path)
        screenshot(page, name)
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    assert failures == [], "\n".join(failures)
