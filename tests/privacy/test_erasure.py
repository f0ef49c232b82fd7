"""Erasure where no archiving duty applies: a person erased by county staff leaves no name in the
audit log (the entries themselves stay)."""

import pytest

from samordna.core.models import AuditEntry
from samordna.organisations import services as organisation_services

pytestmark = pytest.mark.django_db


def test_erasing_a_person_removes_the_name_from_earlier_audit_entries(
    editor_08, kalmar_municipality
):
    person = organisation_services.person_create(
        actor=editor_08,
        name="Eva Exempelsson",
        email="eva@kalmar.example",
        organisation=kalmar_municipality,
    )
    organisation_services.person_update(actor=editor_08, person=person, title="Strateg")
    person_id = person.pk

    organisation_services.person_delete(actor=editor_08, person=person)

    entries = AuditEntry.objects.filter(
        object_type="organisations.person", object_id=str(person_id)
    )
    assert entries.count() == 2
    assert not AuditEntry.objects.filter(object_repr__icontains="Exempelsson").exists()
    assert all("changes" not in entry.data for entry in entries)
    assert AuditEntry.objects.filter(action="organisations.person.deleted").exists()
