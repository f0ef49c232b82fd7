"""Demo data for support: process support, actor visits and support needs in Jönköping (06)
and Kalmar (08), after the seeds ("En kommun fri från våld" 2020–2024 in Kalmar, process support
for the regional strategy and actor visits in Jönköping's action plan 2022). Notes are fictional
and about the organisations' work only – never about individuals."""

import datetime

from django.utils import timezone

from samordna.accounts.models import User
from samordna.organisations.models import County, Organisation

from . import services
from .models import ActorVisit, Need, SupportEngagement

D = datetime.date
EKFFV = SupportEngagement.Process.MUNICIPALITY_FREE_FROM_VIOLENCE
STRATEGY = SupportEngagement.Process.REGIONAL_STRATEGY
PREVENTION = SupportEngagement.Process.VIOLENCE_PREVENTION
COMPLETED = SupportEngagement.Status.COMPLETED
ONGOING = SupportEngagement.Status.ONGOING
PLANNED = SupportEngagement.Status.PLANNED

STAFF = {
    "06": ["utvecklingsledare.jonkoping@lansstyrelsen.example"],
    "08": ["utvecklingsledare.kalmar@lansstyrelsen.example"],
}

# (county, organisation code, title, process, start, end, status, description, follow-up)
ENGAGEMENTS = [
    *[
        (
            "08",
            code,
            "En kommun fri från våld",
            EKFFV,
            start,
            end,
            status,
            "Processledningsutbildning i En kommun fri från våld för kommunens processledare "
            "och styrgrupp, med stöd i att ta fram en lokal handlingsplan.",
            follow_up,
        )
        for code, start, end, status, follow_up in [
            ("0880", D(2020, 9, 1), D(2021, 6, 15), COMPLETED, "Lokal handlingsplan antagen."),
            ("0881", D(2021, 2, 1), D(2022, 5, 31), COMPLETED, "Lokal handlingsplan antagen."),
            ("0882", D(2022, 1, 17), D(2022, 12, 15), COMPLETED, "Uppföljning i nätverket."),
            ("0883", D(2022, 9, 1), D(2023, 11, 30), COMPLETED, "Uppföljning i nätverket."),
            ("0860", D(2023, 9, 4), D(2024, 12, 10), COMPLETED, "Lokal handlingsplan antagen."),
            ("0885", D(2024, 2, 5), None, ONGOING, ""),
        ]
    ],
    (
        "06",
        "0683",
        "Processtöd för implementering av regional strategi",
        STRATEGY,
        D(2022, 2, 1),
        D(2022, 12, 15),
        COMPLETED,
        "Stöd till kommunens arbetsgrupp i att omsätta den regionala strategins delmål 1–5 i "
        "den egna verksamhetsplanen.",
        "Kommunen har delmålen inarbetade i verksamhetsplanen för 2023.",
    ),
    (
        "06",
        "REG06",
        "Processtöd för implementering av regional strategi",
        STRATEGY,
        D(2022, 3, 1),
        D(2023, 6, 30),
        COMPLETED,
        "Stöd i att koppla regionens handlingsplan till den regionala strategins delmål, med "
        "fokus på förbättrad upptäckt av våld i hälso- och sjukvården.",
        "Återkoppling i den regionala styrgruppen.",
    ),
    (
        "06",
        "0682",
        "Implementering av MVP och Agera tillsammans",
        PREVENTION,
        D(2022, 8, 15),
        D(2024, 6, 14),
        COMPLETED,
        "Stöd till skolor i att påbörja arbetet med Mentorer i våldsprevention och Agera "
        "tillsammans.",
        "Tre skolor arbetar med metoderna.",
    ),
    (
        "06",
        "0686",
        "Processtöd för implementering av regional strategi",
        STRATEGY,
        D(2026, 9, 1),
        None,
        ONGOING,
        "Stöd till kommunens styrgrupp i att följa upp sitt arbete mot strategins delmål.",
        "",
    ),
]

# (county, organisation code, date, topic, participants, notes, follow-up actions, follow-up)
VISITS = [
    (
        "06",
        "0680",
        D(2022, 3, 22),
        "Socialtjänstens arbete med våld i nära relationer",
        "Enhetschef individ- och familjeomsorg, strateg VINR, två socialsekreterare",
        "Genomgång av kommunens rutiner och av behovet av insatser för våldsutövare.",
        "Skicka material om ny lagstiftning om insatser till våldsutövare.",
        D(2022, 6, 1),
    ),
    (
        "06",
        "0682",
        D(2022, 4, 5),
        "Skydd och boende",
        "Socialchef, samordnare VINR",
        "Kommunen beskriver svårigheter att ordna stadigvarande boende efter skyddat boende.",
        "Ta med frågan till den regionala kartläggningen av stadigvarande boende.",
        D(2022, 9, 1),
    ),
    (
        "06",
        "0686",
        D(2022, 5, 10),
        "Kompetensförsörjning",
        "Enhetschef, kurator",
        "Flera nyanställda handläggare saknar utbildning i bedömningsmetoder.",
        "Informera om höstens utbildning i FREDA.",
        D(2022, 8, 15),
    ),
    (
        "06",
        "REG06",
        D(2022, 10, 11),
        "Vård efter sexuellt våld",
        "Verksamhetsutvecklare, två kuratorer",
        "Genomgång av regionens projektarbete om förbättrad vård vid sexuellt våld.",
        "Bjuda in regionen till nätverket för sexuellt våld.",
        None,
    ),
    (
        "06",
        "0662",
        D(2023, 2, 14),
        "Barn som upplever våld",
        "Enhetschef barn och unga, utredare",
        "Kommunen efterfrågar fördjupning i att utreda barn som bevittnat våld.",
        "",
        None,
    ),
    (
        "08",
        "0880",
        D(2022, 3, 10),
        "Uppföljning av En kommun fri från våld",
        "Utvecklingsledare VINR, folkhälsostrateg",
        "Handlingsplanen är antagen; förankringen hos förtroendevalda behöver stärkas.",
        "Erbjud informationsmöte för politiker.",
        D(2022, 10, 1),
    ),
    (
        "08",
        "0882",
        D(2022, 9, 20),
        "Samverkan med civilsamhället",
        "Samordnare mot våld, representant för kvinnojouren",
        "Samtal om hur stödsamtal kan samordnas mellan socialtjänst och kvinnojour.",
        "Dela exempel på överenskommelser från andra kommuner.",
        D(2022, 12, 1),
    ),
    (
        "08",
        "0884",
        D(2023, 4, 18),
        "Baskunskap och introduktion",
        "Enhetschef, HR-strateg",
        "Kommunen vill bli självförsörjande i basutbildning men saknar resurser för uppföljning.",
        "Skicka listan över nationella webbkurser för introduktionsutbildning.",
        D(2023, 9, 1),
    ),
    (
        "08",
        "0885",
        D(2025, 5, 6),
        "Våld mot äldre",
        "Enhetschef hemtjänst, biståndshandläggare",
        "Personalen inom äldreomsorgen efterfrågar stöd i att upptäcka våld.",
        "Informera om seminariet Äldre och våld.",
        D(2025, 10, 1),
    ),
]

# (county, organisation, raised on, category, title, description, source, visit date or None,
#  status, response, national theme, forwarding note)
NEEDS = [
    (
        "06",
        "0680",
        D(2022, 3, 22),
        Need.Category.PERPETRATORS,
        "Vägledning om socialtjänstens ansvar för våldsutövare",
        "Socialtjänsten behöver vägledning om hur den nya lagstiftningen om insatser till "
        "våldsutövare ska tillämpas.",
        Need.Source.VISIT,
        D(2022, 3, 22),
        Need.Status.IN_PROGRESS,
        "Länsstyrelsen ger vägledning om ny lagstiftning och har startat en regional "
        "arbetsgrupp för våldsutövare.",
        "Insatser för våldsutövare",
        "Flera kommuner efterfrågar nationell vägledning om insatser till våldsutövare.",
    ),
    (
        "06",
        "0682",
        D(2022, 4, 5),
        Need.Category.PROTECTION_HOUSING,
        "Stadigvarande boende efter skyddat boende",
        "Kommunen har svårt att ordna stadigvarande boende för våldsutsatta som lämnar "
        "skyddat boende.",
        Need.Source.VISIT,
        D(2022, 4, 5),
        Need.Status.ADDRESSED,
        "Frågan ingår i den regionala kartläggningen av stadigvarande boende 2022, som "
        "rapporteras nationellt.",
        "Stadigvarande boende",
        "Bristen på stadigvarande boende är ett återkommande behov i länets kommuner.",
    ),
    (
        "06",
        "0686",
        D(2022, 5, 10),
        Need.Category.COMPETENCE,
        "Utbildning i FREDA för nyanställda handläggare",
        "Nyanställda handläggare behöver utbildning i FREDA-beskrivning och "
        "FREDA-farlighetsbedömning.",
        Need.Source.VISIT,
        D(2022, 5, 10),
        Need.Status.ADDRESSED,
        "Utbildning i FREDA erbjöds hösten 2022.",
        "",
        "",
    ),
    (
        "06",
        "REG06",
        D(2022, 10, 11),
        Need.Category.METHOD_SUPPORT,
        "Vård för patienter med erfarenhet av sexuellt våld",
        "Regionen behöver stöd i att sprida arbetssätt för bemötande av patienter med "
        "erfarenhet av sexuellt våld.",
        Need.Source.VISIT,
        D(2022, 10, 11),
        Need.Status.IN_PROGRESS,
        "Länsstyrelsen deltar i regionens projektgrupp.",
        "",
        "",
    ),
    (
        "06",
        "0680",
        D(2022, 6, 1),
        Need.Category.HONOUR,
        "Analys av behov inom hedersrelaterat våld och förtryck",
        "Resursteam Heder efterfrågar en analys av behoven i länet och förslag på förbättringar.",
        Need.Source.NETWORK,
        None,
        Need.Status.ADDRESSED,
        "Utvärdering av Resursteam Heder genomförd 2022.",
        "",
        "",
    ),
    (
        "06",
        "0662",
        D(2023, 2, 14),
        Need.Category.CHILDREN,
        "Att utreda barn som bevittnat våld",
        "Utredare inom barn och unga behöver fördjupad kunskap i att utreda barn som "
        "bevittnat våld.",
        Need.Source.VISIT,
        D(2023, 2, 14),
        Need.Status.OPEN,
        "",
        "",
        "",
    ),
    (
        "06",
        "0680",
        D(2022, 9, 1),
        Need.Category.PROSTITUTION,
        "Förutsättningar för MIKA- och KAST-mottagning",
        "Behov av specialiserat stöd till personer med erfarenhet av prostitution och till "
        "personer som köper sexuella tjänster.",
        Need.Source.OTHER,
        None,
        Need.Status.IN_PROGRESS,
        "Länsstyrelsen samordnar och medverkar i kommunens kartläggning.",
        "Prostitution och människohandel",
        "Mindre kommuner saknar underlag för egna mottagningar; regionala lösningar behövs.",
    ),
    (
        "08",
        "0880",
        D(2022, 3, 10),
        Need.Category.GOVERNANCE,
        "Politisk förankring av det våldsförebyggande arbetet",
        "Förtroendevalda behöver mer kunskap om kommunens handlingsplan och ansvar.",
        Need.Source.VISIT,
        D(2022, 3, 10),
        Need.Status.ADDRESSED,
        "Informationsmöte för politiker genomfört hösten 2022.",
        "",
        "",
    ),
    (
        "08",
        "0882",
        D(2022, 9, 20),
        Need.Category.COOPERATION,
        "Samverkan med kvinnojouren om stödsamtal",
        "Socialtjänsten och kvinnojouren behöver en gemensam struktur för stödsamtal.",
        Need.Source.VISIT,
        D(2022, 9, 20),
        Need.Status.ADDRESSED,
        "Exempel på överenskommelser delade i nätverket.",
        "",
        "",
    ),
    (
        "08",
        "0884",
        D(2023, 4, 18),
        Need.Category.COMPETENCE,
        "Självförsörjande basutbildning i små kommuner",
        "Kommunen behöver stöd i att göra de nationella webbkurserna till en del av "
        "introduktionen för nyanställda.",
        Need.Source.VISIT,
        D(2023, 4, 18),
        Need.Status.OPEN,
        "",
        "Kompetensförsörjning",
        "Små kommuner har svårt att bli självförsörjande i basutbildning utan stöd.",
    ),
    (
        "08",
        "0880",
        D(2023, 3, 1),
        Need.Category.CHILDREN,
        "Barn i skyddat boende – ny lagstiftning",
        "Socialtjänsten behöver stöd i att tillämpa den nya lagstiftningen om barn i skyddat "
        "boende.",
        Need.Source.SURVEY,
        None,
        Need.Status.IN_PROGRESS,
        "Länsstyrelsen informerar om lagstiftningen i nätverket för VINR.",
        "Barn i skyddat boende",
        "Kartläggningen visar att flera kommuner saknar rutiner för barn i skyddat boende.",
    ),
    (
        "08",
        "0885",
        D(2025, 5, 6),
        Need.Category.METHOD_SUPPORT,
        "Upptäcka våld mot äldre i hemtjänsten",
        "Personalen inom hemtjänsten behöver metodstöd för att upptäcka och agera vid våld "
        "mot äldre.",
        Need.Source.VISIT,
        D(2025, 5, 6),
        Need.Status.OPEN,
        "",
        "",
        "",
    ),
]


def _forwarded_at(raised_on: datetime.date) -> datetime.datetime:
    """Demo needs were forwarded about a month after they were raised (never in the future)."""
    moment = timezone.make_aware(
        datetime.datetime.combine(raised_on + datetime.timedelta(days=30), datetime.time(10))
    )
    return min(moment, timezone.now())


def seed() -> dict[str, int]:
    """Create the demo process support, visits and needs (idempotent)."""
    counties = {c.code: c for c in County.objects.filter(code__in=["06", "08"])}
    staff = {code: list(User.objects.filter(email__in=emails)) for code, emails in STAFF.items()}
    organisations = {o.code: o for o in Organisation.objects.filter(county__in=counties.values())}
    for (
        county_code,
        org_code,
        title,
        process,
        start,
        end,
        status,
        description,
        follow_up,
    ) in ENGAGEMENTS:
        county, organisation = counties[county_code], organisations[org_code]
        if SupportEngagement.objects.filter(
            county=county, organisation=organisation, title=title
        ).exists():
            continue
        services.engagement_create(
            actor=None,
            county=county,
            organisation=organisation,
            title=title,
            process=process,
            start_date=start,
            end_date=end,
            status=status,
            description=description,
            follow_up=follow_up,
            staff=staff[county_code],
        )
    for county_code, org_code, date, topic, participants, notes, actions, follow_up_date in VISITS:
        county, organisation = counties[county_code], organisations[org_code]
        if ActorVisit.objects.filter(
            county=county, organisation=organisation, visit_date=date
        ).exists():
            continue
        services.visit_create(
            actor=None,
            county=county,
            organisation=organisation,
            visit_date=date,
            topic=topic,
            participants=participants,
            notes=notes,
            follow_up_actions=actions,
            follow_up_date=follow_up_date,
            staff=staff[county_code],
        )
    for (
        county_code,
        org_code,
        raised_on,
        category,
        title,
        description,
        source,
        visit_date,
        status,
        response,
        theme,
        note,
    ) in NEEDS:
        county, organisation = counties[county_code], organisations[org_code]
        if Need.objects.filter(county=county, title=title).exists():
            continue
        visit = (
            ActorVisit.objects.filter(
                county=county, organisation=organisation, visit_date=visit_date
            ).first()
            if visit_date
            else None
        )
        services.need_create(
            actor=None,
            county=county,
            raised_by=organisation,
            raised_on=raised_on,
            category=category,
            title=title,
            description=description,
            source=source,
            visit=visit,
            status=status,
            response=response,
            forward_to_national=bool(note),
            forwarded_at=_forwarded_at(raised_on) if note else None,
            national_theme=theme,
            forwarding_note=note,
        )
    return {
        "engagements": SupportEngagement.objects.count(),
        "visits": ActorVisit.objects.count(),
        "needs": Need.objects.count(),
    }
