import datetime

import factory
from django.utils import timezone

from samordna.networks.models import Meeting, Network
from samordna.organisations.models import County


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    kind = Network.Kind.NETWORK
    county = factory.LazyFunction(lambda: County.objects.get(code="08"))
    purpose = "Stärka och utveckla arbetet i länet."
    sub_goals = [1, 2]


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Länsstyrelsen, Kalmar"
    agenda = "1. Lägesbild i länet\n2. Hemlig punkt om skyddade boenden"
