"""Every module's main pages, with the demo data loaded, pass axe — public and staff views."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samordna.accounts.models import User
from samordna.campaigns.models import Campaign
from samordna.events.models import Event
from samordna.knowledge.models import KnowledgeItem
from samordna.networks.models import Network
from samordna.organisations.demo import DEMO_PASSWORD
from samordna.plans.models import ActionPlan
from samordna.strategy.models import Strategy
from samordna.surveys.models import Survey
from tests.browser.conftest import assert_accessible, goto, login, screenshot

pytestmark = pytest.mark.browser


def _check(page, live_server, pages: dict[str, str], prefix: str) -> list[str]:
    failures = []
    for name, path in pages.items():
        goto(page, live_server, path)
        assert page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        screenshot(page, f"{prefix}-{name}")
        try:
            assert_accessible(page, path)
        except pytest.fail.Exception as exc:
            failures.append(str(exc))
    return failures


def test_module_pages_with_demo_data_pass_axe(browser_page, live_server):
    call_command("seed_demo", verbosity=0)
    plan = ActionPlan.objects.filter(published=True, county__code="06").first()
    competence_plan = ActionPlan.objects.filter(published=True, county__code="08").first()
    event = Event.objects.filter(published=True).order_by("start").last()
    survey = Survey.objects.filter(county__code="08").order_by("year").last()
    public_pages = {
        "strategy-list": "/strategi/",
        "strategy": Strategy.objects.filter(published=True).first().get_absolute_url(),
        "plan-list": "/planer/",
        "plan": plan.get_absolute_url(),
        "competence-plan": competence_plan.get_absolute_url(),
        "calendar": "/kalender/",
        "calendar-month": "/kalender/manad/",
        "calendar-archive": "/kalender/arkiv/",
        "event": event.get_absolute_url(),
        "knowledge": "/kunskapsbank/",
        "knowledge-item": KnowledgeItem.objects.filter(published=True).first().get_absolute_url(),
        "search": "/sok/?q=v%C3%A5ldsutsatta",
        "campaigns": "/kampanjer/",
        "campaign": Campaign.objects.filter(published=True).first().get_absolute_url(),
        "networks": "/natverk/",
        "network": Network.objects.first().get_absolute_url(),
        "newsletter": "/nyhetsbrev/",
        "newsletter-privacy": "/nyhetsbrev/personuppgifter/",
        "surveys": "/enkater/",
        "newsletter-archive": "/nyhetsbrev/08/",
    }
    page = browser_page
    failures = _check(page, live_server, public_pages, "module-public")

    admin = User.objects.get(email="admin.kalmar@lansstyrelsen.example")
    login(page, live_server, admin, password=DEMO_PASSWORD)
    staff_pages = {
        "calendar-manage": "/kalender/hantera/",
        "event-registrations": reverse("events:registration_list", args=[event.pk])
        if event.county.code == "08"
        else "/kalender/hantera/",
        "competence-plan-edit": reverse("plans:plan_edit", args=[competence_plan.pk]),
        "newsletter-manage": "/nyhetsbrev/hantera/",
        "survey": reverse("surveys:survey_detail", args=[survey.pk]),
        "survey-results": reverse("surveys:results", args=[survey.pk]),
        "needs": "/stod/behov/",
        "engagements": "/stod/processtod/",
        "visits": "/stod/besok/",
        "audit-log": "/granskningslogg/",
    }
    failures += _check(page, live_server, staff_pages, "module-staff")
    assert failures == [], "\n".join(failures)
