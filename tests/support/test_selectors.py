import datetime

import pytest

from samordna.organisations.models import Organisation
from samordna.support import selectors
from samordna.support.models import Need

from .factories import EngagementFactory, NeedFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_support_summary_for_organisation_counts_and_scopes(
    kalmar_municipality, editor_08, editor_06, national_user
):
    EngagementFactory()
    VisitFactory()
    VisitFactory(visit_date=datetime.date(2023, 1, 1))
    NeedFactory(status=Need.Status.OPEN)
    NeedFactory(status=Need.Status.ADDRESSED, response="Klart")
    NeedFactory(
        forward_to_national=True,
        forwarding_note="Not",
        forwarded_at=datetime.datetime.now(datetime.UTC),
    )
    summary = selectors.support_summary_for_organisation(kalmar_municipality, user=editor_08)
    assert summary.engagement_count == 1
    assert summary.visit_count == 2
    assert summary.need_count == 3
    assert summary.open_need_count == 2
    assert summary.forwarded_need_count == 1
    assert summary.visits[0].visit_date == datetime.date(2023, 1, 1)
    assert selectors.support_summary_for_organisation(kalmar_municipality, user=national_user)
    assert selectors.support_summary_for_organisation(kalmar_municipality, user=editor_06) is None
    other = selectors.support_summary_for_organisation(Organisation.objects.get(code="0882"))
    assert other.need_count == 0


def test_category_counts_list_every_category_in_order():
    NeedFactory(category=Need.Category.CHILDREN)
    NeedFactory(category=Need.Category.CHILDREN)
    counts = selectors.category_counts(Need.objects.all())
    assert [c["value"] for c in counts] == Need.Category.values
    assert {c["value"]: c["count"] for c in counts}["children"] == 2
    assert sum(c["count"] for c in counts) == 2


def test_support_figures_count_one_county_and_year(county_08):
    EngagementFactory(start_date=datetime.date(2021, 9, 1), end_date=datetime.date(2022, 3, 1))
    EngagementFactory(
        start_date=datetime.date(2022, 9, 1),
        end_date=None,
        status="ongoing",
        organisation=Organisation.objects.get(code="0882"),
    )
    EngagementFactory(start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2023, 6, 1))
    VisitFactory(visit_date=datetime.date(2022, 5, 1))
    VisitFactory(visit_date=datetime.date(2021, 5, 1))
    NeedFactory(raised_on=datetime.date(2022, 2, 1), category=Need.Category.CHILDREN)
    NeedFactory(raised_on=datetime.date(2021, 2, 1))
    NeedFactory(
        raised_on=datetime.date(2022, 4, 1),
        forward_to_national=True,
        forwarding_note="Not",
        forwarded_at=datetime.datetime(2022, 5, 1, 10, tzinfo=datetime.UTC),
    )
    figures = selectors.support_figures(county_08, 2022)
    assert figures["engagements_active"] == 2
    assert figures["engagements_completed"] == 1
    assert figures["organisations_supported"] == 2
    assert figures["visits"] == 1
    assert figures["needs_raised"] == 2
    assert {c["value"]: c["count"] for c in figures["needs_by_category"]}["children"] == 1
    assert figures["needs_forwarded"] == 1
    assert selectors.support_figures(county_08, 2020)["needs_raised"] == 0
