"""Every provider indexes its model and follows its publication and county."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samordna.search.models import SearchDocument
from samordna.search.selectors import search_documents_for_user

pytestmark = pytest.mark.django_db


def hits(q, user=None):
    return [(d.kind, d.title) for d in search_documents_for_user(user or AnonymousUser(), q=q)]


def saved(django_capture_on_commit_callbacks, create):
    with django_capture_on_commit_callbacks(execute=True):
        return create()


def test_campaign_is_indexed_when_published(county_08, django_capture_on_commit_callbacks):
    from samordna.campaigns.models import Campaign

    campaign = saved(
        django_capture_on_commit_callbacks,
        lambda: Campaign.objects.create(
            title="Svartsjuka är inte romantiskt",
            summary="Årlig kampanj om våld i ungas parrelationer.",
            start_date=dt.date(2026, 2, 1),
            end_date=dt.date(2026, 3, 31),
            published=True,
        ),
    )
    assert hits("parrelationen") == [("campaign", "Svartsjuka är inte romantiskt")]
    doc = SearchDocument.objects.get(kind="campaign", object_id=campaign.pk)
    assert doc.url == campaign.get_absolute_url()
    assert doc.county_id is None


def test_network_outline_is_public(county_08, django_capture_on_commit_callbacks):
    from samordna.networks.models import Network

    saved(
        django_capture_on_commit_callbacks,
        lambda: Network.objects.create(
            name="Regional styrgrupp",
            kind="steering_group",
            county=county_08,
            purpose="Styr det regionala arbetet mot våld i nära relationer.",
        ),
    )
    assert hits("styrgrupper") == [("network", "Regional styrgrupp")]


def test_plan_activities_follow_the_plans_publication(
    county_08, editor_06, editor_08, django_capture_on_commit_callbacks
):
    from samordna.plans.models import ActionPlan, Activity, Area

    def create():
        plan = ActionPlan.objects.create(county=county_08, year=2026, title="Handlingsplan 2026")
        area = Area.objects.create(plan=plan, name="Utbildning")
        Activity.objects.create(
            plan=plan, area=area, title="Utbildning om hedersrelaterat våld", outcome="Ökad kunskap"
        )
        return plan

    plan = saved(django_capture_on_commit_callbacks, create)
    assert hits("hedersrelaterat") == []
    assert hits("hedersrelaterat", editor_08) == [
        ("activity", "Utbildning om hedersrelaterat våld")
    ]
    assert hits("hedersrelaterat", editor_06) == []

    def publish():
        plan.published = True
        plan.save()

    saved(django_capture_on_commit_callbacks, publish)
    assert hits("hedersrelaterat") == [("activity", "Utbildning om hedersrelaterat våld")]
    assert ("plan", "Handlingsplan 2026") in hits("handlingsplanen")
    doc = SearchDocument.objects.get(kind="activity")
    assert doc.url.startswith(plan.get_absolute_url() + "#plan-area-")


def test_invited_only_events_are_not_public(
    county_08, editor_08, django_capture_on_commit_callbacks
):
    from samordna.events.models import Event

    start = timezone.now() + dt.timedelta(days=10)

    def create():
        for title, visibility in [
            ("Öppen föreläsning", "public"),
            ("Sluten föreläsning", "invited"),
        ]:
            Event.objects.create(
                title=title,
                type="lecture",
                format="digital",
                start=start,
                end=start + dt.timedelta(hours=2),
                county=county_08,
                visibility=visibility,
                published=True,
                description="Om barn som upplever våld.",
            )

    saved(django_capture_on_commit_callbacks, create)
    assert hits("föreläsningar") == [("event", "Öppen föreläsning")]
    assert sorted(hits("föreläsningar", editor_08)) == [
        ("event", "Sluten föreläsning"),
        ("event", "Öppen föreläsning"),
    ]


def test_newsletter_issue_indexes_its_items(county_08, django_capture_on_commit_callbacks):
    from samordna.newsletter.models import Issue, Item, MailingList, Section

    def create():
        mailing_list = MailingList.objects.create(county=county_08, name="Nyhetsbrev", is_main=True)
        issue = Issue.objects.create(
            county=county_08, mailing_list=mailing_list, title="Nyhetsbrev december", published=True
        )
        section = Section.objects.create(issue=issue, title="Rapporter")
        Item.objects.create(
            section=section,
            heading="Medel mot våld",
            body_html="<p>Om <b>utvecklingsmedel</b>.</p>",
        )
        return issue

    issue = saved(django_capture_on_commit_callbacks, create)
    assert hits("utvecklingsmedel") == [("newsletter", "Nyhetsbrev december")]
    doc = SearchDocument.objects.get(kind="newsletter", object_id=issue.pk)
    assert "<b>" not in doc.body
