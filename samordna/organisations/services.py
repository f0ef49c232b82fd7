"""Organisation services: reference data, organisations and people."""

import json

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import ValidationFailed

from .models import County, Municipality, Organisation, Person
from .reference import (
    COUNTIES,
    MUNICIPALITIES_GEOJSON,
    NATIONAL_BODIES,
    county_board_code,
    region_code,
)


def reference_data_load() -> dict[str, int]:
    """Load counties, municipalities (with boundaries), regions, county boards and national
    bodies. Idempotent: running it again updates names and boundaries, creates nothing twice."""
    with transaction.atomic():
        counties = {}
        for code, name, board_name, _region in COUNTIES:
            county, _created = County.objects.update_or_create(
                code=code, defaults={"name": name, "board_name": board_name}
            )
            counties[code] = county
        features = json.loads(MUNICIPALITIES_GEOJSON.read_text(encoding="utf-8"))["features"]
        for feature in features:
            props = feature["properties"]
            municipality, _created = Municipality.objects.update_or_create(
                code=props["id"],
                defaults={
                    "name": props["kom_namn"],
                    "county": counties[props["lan_code"]],
                    "boundary": feature["geometry"],
                },
            )
            Organisation.objects.update_or_create(
                code=municipality.code,
                defaults={
                    "name": _municipality_organisation_name(municipality.name),
                    "kind": Organisation.Kind.MUNICIPALITY,
                    "county": municipality.county,
                    "municipality": municipality,
                },
            )
        for code, _name, board_name, region in COUNTIES:
            Organisation.objects.update_or_create(
                code=county_board_code(code),
                defaults={
                    "name": board_name,
                    "kind": Organisation.Kind.COUNTY_BOARD,
                    "county": counties[code],
                },
            )
            Organisation.objects.update_or_create(
                code=region_code(code),
                defaults={
                    "name": region,
                    "kind": Organisation.Kind.REGION,
                    "county": counties[code],
                },
            )
        for code, name, kind, website in NATIONAL_BODIES:
            Organisation.objects.update_or_create(
                code=code, defaults={"name": name, "kind": kind, "county": None, "website": website}
            )
    return {
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def _municipality_organisation_name(name: str) -> str:
    # Most are "<Name> kommun"; a few call themselves "stad" but "kommun" is always correct.
    return f"{name} kommun"


ORGANISATION_FIELDS = [
    "name",
    "kind",
    "county",
    "municipality",
    "website",
    "email",
    "phone",
    "is_active",
]


def _check_organisation(*, kind: str, county: County | None, municipality: Municipality | None):
    if kind in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.COUNTY_BOARD):
        raise ValidationFailed(
            _(
                "Municipalities and county boards come from the reference data and cannot be "
                "created here."
            ),
            field="kind",
        )
    if municipality is not None and county is not None and municipality.county_id != county.pk:
        raise ValidationFailed(
            _("%(municipality)s is not in %(county)s.")
            % {"municipality": municipality.name, "county": county.name},
            field="municipality",
        )


def organisation_create(
    *,
    actor,
    name: str,
    kind: str,
    county: County | None,
    municipality: Municipality | None = None,
    website: str = "",
    email: str = "",
    phone: str = "",
) -> Organisation:
    """Create an organisation in a county; its code is derived from county and name."""
    _check_organisation(kind=kind, county=county, municipality=municipality)
    with transaction.atomic():
        base = f"{county.code if county else 'SE'}-{slugify(name)[:40] or 'org'}"
        code = base
        suffix = 2
        while Organisation.objects.filter(code=code).exists():
            code = f"{base}-{suffix}"
            suffix += 1
        organisation = Organisation.objects.create(
            code=code,
            name=name,
            kind=kind,
            county=county,
            municipality=municipality,
            website=website,
            email=email,
            phone=phone,
        )
        log_action(
            actor=actor,
            action="organisations.organisation.created",
            obj=organisation,
            county_code=county.code if county else "",
        )
    return organisation


def organisation_update(*, actor, organisation: Organisation, **values) -> Organisation:
    """Change an organisation's details; the audit entry keeps before and after."""
    if organisation.kind in (Organisation.Kind.MUNICIPALITY, Organisation.Kind.COUNTY_BOARD):
        # Reference organisations keep their name, kind and place.
        for locked in ("name", "kind", "county", "municipality"):
            values.pop(locked, None)
    else:
        _check_organisation(
            kind=values.get("kind", organisation.kind),
            county=values.get("county", organisation.county),
            municipality=values.get("municipality", organisation.municipality),
        )
    with transaction.atomic():
        changes = model_changes(organisation, ORGANISATION_FIELDS, values)
        for field, value in values.items():
            if field in ORGANISATION_FIELDS:
                setattr(organisation, field, value)
        organisation.save()
        log_action(
            actor=actor,
            action="organisations.organisation.updated",
            obj=organisation,
            county_code=organisation.county.code if organisation.county else "",
            data={"changes": changes},
        )
    return organisation


PERSON_FIELDS = ["name", "email", "organisation", "title", "target_group", "is_contact"]


def person_create(
    *,
    actor,
    name: str,
    email: str,
    organisation: Organisation,
    title: str = "",
    target_group: str = "",
    is_contact: bool = False,
) -> Person:
    email = email.strip().lower()
    with transaction.atomic():
        if Person.objects.filter(organisation=organisation, email__iexact=email).exists():
            raise ValidationFailed(
                _("%(email)s is already registered at %(organisation)s.")
                % {"email": email, "organisation": organisation.name},
                field="email",
            )
        person = Person.objects.create(
            name=name,
            email=email,
            organisation=organisation,
            title=title,
            target_group=target_group,
            is_contact=is_contact,
        )
        log_action(
            actor=actor,
            action="organisations.person.created",
            obj=person,
            county_code=organisation.county.code if organisation.county else "",
        )
    return person


def person_update(*, actor, person: Person, **values) -> Person:
    if "email" in values:
        values["email"] = values["email"].strip().lower()
    organisation = values.get("organisation", person.organisation)
    with transaction.atomic():
        duplicate = (
            Person.objects.filter(
                organisation=organisation, email__iexact=values.get("email", person.email)
            )
            .exclude(pk=person.pk)
            .exists()
        )
        if duplicate:
            raise ValidationFailed(
                _("%(email)s is already registered at %(organisation)s.")
                % {"email": values.get("email", person.email), "organisation": organisation.name},
                field="email",
            )
        changes = model_changes(person, PERSON_FIELDS, values)
        for field, value in values.items():
            if field in PERSON_FIELDS:
                setattr(person, field, value)
        person.save()
        log_action(
            actor=actor,
            action="organisations.person.updated",
            obj=person,
            county_code=organisation.county.code if organisation.county else "",
            data={"changes": changes},
        )
    return person


def person_delete(*, actor, person: Person) -> None:
    """Erase a person (GDPR). The audit entry keeps no personal data, only the id."""
    county_code = person.organisation.county.code if person.organisation.county else ""
    with transaction.atomic():
        person_id = person.pk
        person.delete()
        # Earlier audit entries about the person carry the name; erasure removes it there too.
        from samordna.privacy.services import audit_entries_scrub

        audit_entries_scrub(object_type="organisations.person", ids=[person_id])
        log_action(
            actor=actor,
            action="organisations.person.deleted",
            county_code=county_code,
            data={"person_id": person_id},
        )
