import datetime

import factory

from samordna.organisations.models import County, Organisation
from samordna.support.models import ActorVisit, Need, SupportEngagement


def county(code: str) -> County:
    return County.objects.get(code=code)


def organisation(code: str) -> Organisation:
    return Organisation.objects.get(code=code)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportEngagement

    county = factory.LazyFunction(lambda: county("08"))
    organisation = factory.LazyFunction(lambda: organisation("0880"))
    title = factory.Sequence(lambda n: f"En kommun fri från våld {n}")
    process = SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE
    start_date = datetime.date(2022, 1, 17)
    end_date = datetime.date(2022, 12, 15)
    status = SupportEngagement.Status.COMPLETED


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorVisit

    county = factory.LazyFunction(lambda: county("08"))
    organisation = factory.LazyFunction(lambda: organisation("0880"))
    visit_date = datetime.date(2022, 3, 10)
    topic = factory.Sequence(lambda n: f"Besök {n}")
    participants = "Enhetschef, socialsekreterare"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    county = factory.LazyFunction(lambda: county("08"))
    raised_by = factory.LazyFunction(lambda: organisation("0880"))
    category = Need.Category.COMPETENCE
    title = factory.Sequence(lambda n: f"Behov {n}")
    description = "Kommunen behöver utbildning i FREDA."
    raised_on = datetime.date(2022, 3, 10)
    source = Need.Source.OTHER
    status = Need.Status.OPEN
