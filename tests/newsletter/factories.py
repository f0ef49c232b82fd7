import factory
from django.utils import timezone

from samordna.newsletter.models import Issue, Item, MailingList, Section, Subscriber
from samordna.organisations.models import County


class MailingListFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MailingList
        django_get_or_create = ("county", "is_main")

    county = factory.LazyFunction(lambda: County.objects.get(code="08"))
    name = "Nyhetsbrev"
    is_main = True


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    mailing_list = factory.SubFactory(MailingListFactory)
    email = factory.Sequence(lambda n: f"person{n}@kommun.example")
    name = factory.Sequence(lambda n: f"Person {n}")
    organisation = "Kalmar kommun"
    status = Subscriber.Status.CONFIRMED
    source = Subscriber.Source.FORM
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    mailing_list = factory.SubFactory(MailingListFactory)
    county = factory.LazyAttribute(lambda o: o.mailing_list.county)
    title = "Nyhetsbrev december 2026"
    intro = "Här kommer årets fjärde nyhetsbrev från oss som arbetar i uppdraget."


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    issue = factory.SubFactory(IssueFactory)
    title = "Material och metodstöd"
    position = 1


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Item

    section = factory.SubFactory(SectionFactory)
    heading = "Webbkurs om våld"
    body_html = "<p>Webbkurs om våld är nu uppe i 150 000 användare.</p>"
    link_url = "https://webbkursomvald.se/"
    link_text = "Ta del av webbkursen"


def issue_with_item(**kwargs) -> Issue:
    issue = IssueFactory(**kwargs)
    ItemFactory(section=SectionFactory(issue=issue))
    return issue
