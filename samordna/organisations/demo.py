"""Demo data for the organisations domain: Jönköping and Kalmar (the counties in the seeds)."""

from samordna.accounts import services as account_services
from samordna.accounts.models import Role, User

from . import services
from .models import County, Organisation, Person

DEMO_PASSWORD = "Samordna-demo-2026"  # noqa: S105 - documented demo log-in

# (e-mail, name, role, county code or organisation code)
DEMO_USERS = [
    ("admin.jonkoping@lansstyrelsen.example", "Anna Lind", Role.COUNTY_ADMIN, "06"),
    ("utvecklingsledare.jonkoping@lansstyrelsen.example", "Erik Holm", Role.COUNTY_EDITOR, "06"),
    ("admin.kalmar@lansstyrelsen.example", "Maria Berg", Role.COUNTY_ADMIN, "08"),
    ("utvecklingsledare.kalmar@lansstyrelsen.example", "Sara Nyström", Role.COUNTY_EDITOR, "08"),
    ("nationell@jamstalldhetsmyndigheten.example", "Johan Ek", Role.NATIONAL, None),
    ("kontakt.kalmar@kommun.example", "Lena Sjöberg", Role.ORGANISATION_CONTACT, "0880"),
    ("deltagare.vaxjo@kommun.example", "Ali Hassan", Role.PARTICIPANT, "0680"),
]

CIVIL_SOCIETY = [
    ("06", "0680", "Kvinnojouren i Jönköping", Organisation.Kind.CIVIL_SOCIETY),
    ("06", "0683", "Tjejjouren Värnamo", Organisation.Kind.CIVIL_SOCIETY),
    ("08", "0880", "Kalmar kvinnojour", Organisation.Kind.CIVIL_SOCIETY),
    ("08", "0882", "Kvinnojouren Oskarshamn", Organisation.Kind.CIVIL_SOCIETY),
    ("08", None, "Kommunförbundet i Kalmar län", Organisation.Kind.OTHER),
    ("06", None, "Polisområde Jönköpings län", Organisation.Kind.STATE_AGENCY),
]

# Fictional professionals (never victims): (municipality code, name, title, target group)
DEMO_PEOPLE = [
    ("0680", "Karin Svensson", "Strateg våld i nära relationer", Person.TargetGroup.STRATEGIST),
    ("0680", "Mohammed Ali", "Socialsekreterare", Person.TargetGroup.SPECIALIST),
    ("0683", "Eva Lundqvist", "Enhetschef individ- och familjeomsorg", Person.TargetGroup.MANAGER),
    ("0684", "Nils Åberg", "Samordnare VINR", Person.TargetGroup.STRATEGIST),
    ("0686", "Fatima Karimi", "Kurator", Person.TargetGroup.GENERALIST),
    ("0880", "Lena Sjöberg", "Utvecklingsledare VINR", Person.TargetGroup.STRATEGIST),
    ("0880", "Peter Ahl", "Socialsekreterare", Person.TargetGroup.SPECIALIST),
    ("0882", "Hanna Olsson", "Samordnare mot våld", Person.TargetGroup.STRATEGIST),
    ("0883", "Jonas Falk", "Enhetschef", Person.TargetGroup.MANAGER),
    ("0885", "Amira Hadzic", "Skolkurator", Person.TargetGroup.GENERALIST),
    ("0861", "Karl Persson", "Strateg folkhälsa", Person.TargetGroup.STRATEGIST),
]


def seed() -> dict[str, int]:
    """Create the demo organisations, people and staff users (idempotent)."""
    counties = {c.code: c for c in County.objects.filter(code__in=["06", "08"])}
    for county_code, municipality_code, name, kind in CIVIL_SOCIETY:
        if Organisation.objects.filter(name=name).exists():
            continue
        county = counties[county_code]
        municipality = (
            county.municipalities.filter(code=municipality_code).first()
            if municipality_code
            else None
        )
        services.organisation_create(
            actor=None, name=name, kind=kind, county=county, municipality=municipality
        )
    for municipality_code, name, title, target_group in DEMO_PEOPLE:
        organisation = Organisation.objects.get(code=municipality_code)
        email = _demo_email(name, organisation.name)
        if Person.objects.filter(organisation=organisation, email=email).exists():
            continue
        services.person_create(
            actor=None,
            name=name,
            email=email,
            organisation=organisation,
            title=title,
            target_group=target_group,
            is_contact=target_group == Person.TargetGroup.STRATEGIST,
        )
    for email, name, role, scope in DEMO_USERS:
        if User.objects.filter(email=email).exists():
            continue
        county = organisation = None
        if role in (Role.COUNTY_ADMIN, Role.COUNTY_EDITOR):
            county = counties[scope]
        elif scope:
            organisation = Organisation.objects.get(code=scope)
        account_services.user_create(
            email=email,
            role=role,
            county=county,
            organisation=organisation,
            password=DEMO_PASSWORD,
            full_name=name,
        )
    if not User.objects.filter(email="admin@samordna.example").exists():
        User.objects.create_superuser(
            "admin@samordna.example", DEMO_PASSWORD, full_name="Driftansvarig"
        )
    return {"users": User.objects.count(), "people": Person.objects.count()}


def _demo_email(name: str, organisation_name: str) -> str:
    table = str.maketrans("åäöéü", "aaoeu")
    local = name.lower().translate(table).replace(" ", ".")
    domain = organisation_name.lower().split(" ")[0].translate(table)
    return f"{local}@{domain}.example"
