"""Demo groups of Jönköping from its action plan (seed 003, "Område samordning"), with a few
members and meetings; the minutes of a past meeting are a small generated PDF."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samordna.organisations.models import County, Organisation, Person

from . import services
from .models import Meeting, Membership, Network, NetworkDocument

K = Network.Kind
R = Membership.Role

# (name, kind, purpose, sub-goals)
JONKOPING_GROUPS = [
    (
        "Regional styrgrupp",
        K.STEERING_GROUP,
        "Strategisk och operativ styrning av arbetet med den regionala strategin. Ökad kunskap "
        "och genomförande av strategisk styrning, samverkan och samordning av strategins "
        "målsättningar.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Kommunal styrgrupp",
        K.STEERING_GROUP,
        "Styrning av länets kommunala arbete mot mäns våld mot kvinnor och samordning av "
        "strategins målsättningar i kommunerna.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Universell våldsprevention styrgrupp",
        K.STEERING_GROUP,
        "Styrning av det universella våldsförebyggande arbetet i länet.",
        [1, 5],
    ),
    (
        "Resursteam Heder",
        K.RESOURCE_TEAM,
        "Regionalt resursteam som stärker och utvecklar arbetet mot hedersrelaterat våld och "
        "förtryck i länet.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Nätverk Bostad",
        K.NETWORK,
        "Regionalt nätverk för att stärka och utveckla arbetet med bostäder för våldsutsatta "
        "i länet.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Fokusgrupp Prostitution och Människohandel",
        K.FOCUS_GROUP,
        "Fokusgrupp för att stärka och utveckla arbetet mot prostitution och människohandel i "
        "länet.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Arbetsgrupp En vecka fri från våld",
        K.WORKING_GROUP,
        "Planerar och samordnar En vecka fri från våld och Orange Week i länet.",
        [1, 2, 3, 4, 5],
    ),
    (
        "Arbetsgrupp Våldsutövare",
        K.WORKING_GROUP,
        "Regional arbetsgrupp för fokusområdet våldsutövare: utvecklade insatser, aktiviteter "
        "och kunskap.",
        [2, 3, 4, 5],
    ),
    (
        "Arbetsgrupp Arbetsgivare – våld",
        K.WORKING_GROUP,
        "Regional arbetsgrupp för fokusområdet arbetsgivare och våld: utvecklade insatser, "
        "aktiviteter och kunskap.",
        [2, 3, 4, 5],
    ),
]

# group name → [(organisation code or person name, role)]
MEMBERS = {
    "Regional styrgrupp": [
        ("LST06", R.CHAIR),
        ("REG06", R.MEMBER),
        ("0680", R.MEMBER),
        ("Polisområde Jönköpings län", R.MEMBER),
        ("Karin Svensson", R.SECRETARY),
    ],
    "Resursteam Heder": [
        ("LST06", R.CHAIR),
        ("0680", R.MEMBER),
        ("Nils Åberg", R.MEMBER),
        ("Fatima Karimi", R.CO_OPTED),
    ],
    "Nätverk Bostad": [("0680", R.MEMBER), ("Kvinnojouren i Jönköping", R.MEMBER)],
    "Fokusgrupp Prostitution och Människohandel": [
        ("LST06", R.CHAIR),
        ("Polisområde Jönköpings län", R.MEMBER),
        ("Eva Lundqvist", R.MEMBER),
    ],
}

MINUTES_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Minnesanteckningar - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _member(key: str):
    organisation = (
        Organisation.objects.filter(code=key).first()
        or Organisation.objects.filter(name=key).first()
    )
    if organisation is not None:
        return None, organisation
    return Person.objects.filter(name=key, organisation__county__code="06").first(), None


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def seed() -> dict[str, int]:
    """Create Jönköping's groups with members and meetings (idempotent)."""
    county = County.objects.get(code="06")
    for name, kind, purpose, sub_goals in JONKOPING_GROUPS:
        if Network.objects.filter(county=county, name=name).exists():
            continue
        services.network_create(
            actor=None, name=name, kind=kind, county=county, purpose=purpose, sub_goals=sub_goals
        )
    networks = {n.name: n for n in Network.objects.filter(county=county)}
    for group, members in MEMBERS.items():
        network = networks[group]
        for key, role in members:
            person, organisation = _member(key)
            if person is None and organisation is None:
                continue
            exists = Membership.objects.filter(
                network=network, person=person, organisation=organisation
            ).exists()
            if not exists:
                services.membership_add(
                    actor=None, network=network, role=role, person=person, organisation=organisation
                )
    today = timezone.localdate()
    for group in ("Regional styrgrupp", "Resursteam Heder", "Nätverk Bostad"):
        network = networks[group]
        if network.meetings.exists():
            continue
        past = services.meeting_create(
            actor=None,
            network=network,
            starts_at=_at(today - datetime.timedelta(days=45), 9),
            ends_at=_at(today - datetime.timedelta(days=45), 12),
            place="Länsstyrelsen i Jönköpings län, Jönköping",
            agenda=(
                "1. Mötets öppnande\n2. Föregående minnesanteckningar\n"
                "3. Lägesbild i länet\n4. Handlingsplanen – uppföljning\n5. Övriga frågor"
            ),
        )
        services.meeting_create(
            actor=None,
            network=network,
            starts_at=_at(today + datetime.timedelta(days=30), 13),
            ends_at=_at(today + datetime.timedelta(days=30), 15),
            place="Digitalt",
            agenda="1. Mötets öppnande\n2. Planering inför nästa år\n3. Övriga frågor",
        )
        services.document_upload(
            actor=None,
            network=network,
            meeting=past,
            kind=NetworkDocument.Kind.MINUTES,
            title="Minnesanteckningar",
            uploaded=SimpleUploadedFile(
                "minnesanteckningar.pdf", MINUTES_PDF, content_type="application/pdf"
            ),
        )
    return {
        "networks": Network.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
    }
