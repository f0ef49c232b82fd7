import pytest

from samordna.networks import demo
from samordna.networks.models import Meeting, Membership, Network, NetworkDocument
from samordna.organisations import demo as organisations_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_jonkopings_groups_once():
    organisations_demo.seed()
    demo.seed()
    counts = (
        Network.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
        NetworkDocument.objects.count(),
    )
    demo.seed()

    assert counts == (
        Network.objects.count(),
        Membership.objects.count(),
        Meeting.objects.count(),
        NetworkDocument.objects.count(),
    )
    names = set(Network.objects.filter(county__code="06").values_list("name", flat=True))
    assert {
        "Regional styrgrupp",
        "Kommunal styrgrupp",
        "Universell våldsprevention styrgrupp",
        "Resursteam Heder",
        "Nätverk Bostad",
        "Fokusgrupp Prostitution och Människohandel",
    } <= names
    assert counts[1] > 5
    assert counts[3] >= 1
