"""End to end in headless chromium: register without JavaScript, cancel by the e-mailed link,
the first waitlisted person is promoted; axe on the calendar and event pages."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from samordna.events.models import Registration
from tests.browser import conftest as browser_conftest
from tests.browser.conftest import (  # noqa: F401 - fixtures used by name
    _reference_rows,
    assert_accessible,
    foreign_requests,
    goto,
    login,
    new_page,
    screenshot,
)

from .factories import make_event

pytestmark = pytest.mark.browser

# The shared browser fixture, but closed at the end of this module: chromium's open keep-alive
# sockets would otherwise keep live-server threads (and their PostgreSQL connections) alive until
# the test database is dropped.
browser = pytest.fixture(scope="module")(browser_conftest.browser.__wrapped__)


def test_register_cancel_by_link_and_waitlisted_is_promoted(
    new_page,  # noqa: F811
    live_server,
    county_08,
    editor_08,
):
    event = make_event(
        county_08,
        title="FREDA riskbedömning och FREDA beskrivning",
        capacity=1,
        description="<p>Yrkesverksamma får ökad kunskap om <strong>FREDA</strong>.</p>",
        consent_text="Uppgifterna sparas i ett år.",
        target_groups=["specialist"],
    )
    # axe needs JavaScript in the page; the registration itself is done without it.
    viewer = new_page()
    goto(viewer, live_server, "/kalender/")
    assert viewer.get_by_role("link", name=event.title).count() == 1
    assert_accessible(viewer, "calendar")
    screenshot(viewer, "events-calendar")
    goto(viewer, live_server, "/kalender/manad/?month=" + event.start.strftime("%Y-%m"))
    assert_accessible(viewer, "month view")
    goto(viewer, live_server, event.get_absolute_url())
    assert_accessible(viewer, "event page")
    screenshot(viewer, "events-event-page")

    page = new_page(java_script_enabled=False)
    goto(page, live_server, "/kalender/")
    with page.expect_navigation():
        page.get_by_role("link", name=event.title).click()
    form = page.locator("main form.form")
    form.get_by_label("Namn").fill("Anna Andersson")
    form.get_by_label("E-post").fill("anna@kalmar.example")
    form.get_by_label("Annan organisation").fill("Kalmar kvinnojour")
    form.get_by_label("Jag godkänner villkoren ovan.").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Anmäl dig").click()
    assert "Din anmälan är bekräftad" in page.locator("main").inner_text()
    goto(viewer, live_server, urlsplit(page.url).path)
    assert_accessible(viewer, "confirmation")

    # The second person only gets a place on the waiting list.
    goto(page, live_server, event.get_absolute_url())
    form = page.locator("main form.form")
    form.get_by_label("Namn").fill("Bo Berg")
    form.get_by_label("E-post").fill("bo@nybro.example")
    form.get_by_label("Jag godkänner villkoren ovan.").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Ställ dig på väntelistan").click()
    assert "väntelistan" in page.locator("main").inner_text()

    # Cancel with the link from the confirmation e-mail.
    confirmation = next(m for m in mail.outbox if m.to == ["anna@kalmar.example"])
    link = re.search(r"http://\S+/kalender/avanmalan/\S+/", confirmation.body).group(0)
    path = link.split("testserver", 1)[-1]
    goto(viewer, live_server, path)
    assert_accessible(viewer, "cancel page")
    goto(page, live_server, path)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, avboka min anmälan").click()
    assert "Anmälan är avbokad" in page.locator("main").inner_text()

    bo = Registration.objects.get(email="bo@nybro.example")
    assert bo.status == Registration.Status.CONFIRMED
    assert any(m.to == ["bo@nybro.example"] and "plats" in m.subject for m in mail.outbox)

    staff = new_page()
    login(staff, live_server, editor_08)
    goto(staff, live_server, f"/kalender/{event.pk}/anmalningar/")
    row = staff.get_by_role("row").filter(has_text="Bo Berg")
    assert "Bekräftad" in row.inner_text()
    assert_accessible(staff, "registrations")
    screenshot(staff, "events-registrations")
