import pytest

from samordna.core.models import AuditEntry
from samordna.organisations import demo as organisations_demo
from samordna.support import demo
from samordna.support.models import ActorVisit, Need, SupportEngagement

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_believable():
    organisations_demo.seed()
    first = demo.seed()
    second = demo.seed()
    assert first == second
    assert 8 <= first["needs"] <= 12
    assert set(SupportEngagement.objects.values_list("county__code", flat=True)) == {"06", "08"}
    kalmar_ekffv = SupportEngagement.objects.filter(
        county__code="08", process=SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE
    )
    assert kalmar_ekffv.count() >= 5
    assert all(e.start_date.year >= 2020 for e in kalmar_ekffv)
    assert SupportEngagement.objects.filter(
        county__code="06", process=SupportEngagement.Process.REGIONAL_STRATEGY
    ).exists()
    assert ActorVisit.objects.filter(county__code="06", visit_date__year=2022).exists()
    forwarded = Need.objects.filter(forward_to_national=True)
    assert forwarded.exists()
    assert all(n.forwarded_at.date() >= n.raised_on for n in forwarded)
    assert Need.objects.filter(visit__isnull=False).exists()
    assert all(e.staff.exists() for e in SupportEngagement.objects.all())
    assert AuditEntry.objects.filter(action="support.need.created").count() == first["needs"]


def test_seed_demo_runs_the_support_seeder_after_organisations():
    from samordna.core.management.commands.seed_demo import SEEDERS

    names = [name for name, _seeder in SEEDERS]
    assert dict(SEEDERS)["support"] is demo.seed
    assert names.index("support") > names.index("organisations")
