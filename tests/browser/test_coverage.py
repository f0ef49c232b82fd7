"""Coverage pages in chromium with the demo data: axe on every page, the matrix readable
without colour, a completion recorded through the real form, and the organisation's own page."""

import pytest
from django.core.management import call_command

from samordna.accounts.models import User
from samordna.coverage import demo as coverage_demo
from samordna.coverage.models import CoverageGoal, CoverageItem, CoverageRecord
from samordna.events import demo as events_demo
from samordna.knowledge import demo as knowledge_demo
from samordna.organisations import demo as organisations_demo
from samordna.organisations.demo import DEMO_PASSWORD
from samordna.plans import demo as plans_demo
from samordna.strategy import demo as strategy_demo
from samordna.support import demo as support_demo
from tests.browser.conftest import assert_accessible, goto, login, screenshot

pytestmark = pytest.mark.browser


def _seed():
    call_command("load_reference_data", verbosity=0)
    for seeder in (
        organisations_demo,
        events_demo,
        support_demo,
        strategy_demo,
        plans_demo,
        knowledge_demo,
        coverage_demo,
    ):
        seeder.seed()


def _check(page, live_server, pages: dict[str, str]) -> list[str]:
    failures = []
    for name, path in pages.items():
        goto(page, live_server, path)
        assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        screenshot(page, f"coverage-{name}")
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    return failures


def test_coverage_pages_pass_axe_and_record_a_completion(browser_page, live_server, new_page):
    _seed()
    page = browser_page
    editor = User.objects.get(email="utvecklingsledare.kalmar@lansstyrelsen.example")
    login(page, live_server, editor, password=DEMO_PASSWORD)
    item = CoverageItem.objects.filter(county__code="08").first()
    goal = CoverageGoal.objects.filter(county__code="08").first()
    pages = {
        "matrix": "/tackning/lan/08/",
        "matrix-2023": "/tackning/lan/08/?ar=2023",
        "map": "/tackning/lan/08/karta/",
        "progress": "/tackning/lan/08/utveckling/",
        "settings": "/tackning/lan/08/mal/",
        "item-new": "/tackning/lan/08/moment/nytt/",
        "item-edit": f"/tackning/moment/{item.pk}/redigera/",
        "goal-edit": f"/tackning/mal/{goal.pk}/redigera/",
        "organisation": "/tackning/organisation/0880/",
    }
    failures = _check(page, live_server, pages)

    # The matrix says in words and symbols what is done, not only in colour.
    goto(page, live_server, "/tackning/lan/08/?ar=2024")
    kalmar = page.locator("tr", has=page.locator("th a", has_text="Kalmar kommun"))
    assert "Genomfört 2021" in kalmar.inner_text()
    assert "✓" in kalmar.inner_text()

    # Record a web course the municipality reported, through the real form.
    goto(page, live_server, "/tackning/lan/08/registrering/ny/?organisation=0883")
    page.get_by_label("Moment").select_option(label="Webbkurs om våld")
    page.get_by_label("Genomfört den").fill("2024-05-02")
    page.get_by_label("Anteckning").fill("Rapporterat via mejl.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/tackning/organisation/0883/?ar=2024")
    assert "Genomförandet har registrerats." in page.content()
    assert CoverageRecord.objects.filter(organisation__code="0883").exists()
    failures += _check(page, live_server, {"record-new": "/tackning/lan/08/registrering/ny/"})

    national = new_page()
    login(
        national,
        live_server,
        User.objects.get(email="nationell@jamstalldhetsmyndigheten.example"),
        password=DEMO_PASSWORD,
    )
    failures += _check(
        national,
        live_server,
        {
            "national": "/tackning/nationellt/",
            "national-item": "/tackning/nationellt/?moment=Webbkurs+om+v%C3%A5ld",
            "index": "/tackning/",
        },
    )

    contact = new_page()
    login(
        contact,
        live_server,
        User.objects.get(email="kontakt.kalmar@kommun.example"),
        password=DEMO_PASSWORD,
    )
    goto(contact, live_server, "/organisationer/0880/")
    contact.get_by_role(
        "link", name="Täckning: genomförda utbildningar, processer och webbkurser"
    ).click()
    assert contact.locator("h1").inner_text() == "Täckning för Kalmar kommun"
    failures += _check(contact, live_server, {"own-organisation": "/tackning/organisation/0880/"})
    assert failures == [], "\n".join(failures)
