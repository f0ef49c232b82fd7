"""The inventory covers every personal field of every model, and the data download every
category."""

import json

import pytest
from django.db import models

from samordna.privacy import inventory
from samordna.privacy.inventory import INVENTORY, NOT_PERSONAL, looks_personal
from samordna.privacy.services import HANDLERS


def test_every_personal_looking_field_is_in_the_inventory_or_allowed():
    missing = inventory.uncovered_fields()
    assert missing == [], (
        "Fields that look like personal data are in no category of "
        "samordna/privacy/inventory.py (add them to a category, or to NOT_PERSONAL with a "
        f"reason): {missing}"
    )


def test_the_inventory_names_only_existing_models_and_fields():
    assert inventory.unknown_fields() == []


def test_allow_listed_fields_exist():
    from django.apps import apps

    for key in NOT_PERSONAL:
        app_model, field_name = key.rsplit(".", 1)
        assert apps.get_model(app_model)._meta.get_field(field_name)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (models.EmailField(), True),
        (models.GenericIPAddressField(), True),
        (models.CharField(max_length=10), False),
        (models.ForeignKey("accounts.User", on_delete=models.CASCADE), True),
        (models.ForeignKey("organisations.County", on_delete=models.CASCADE), False),
        (models.ManyToManyField("organisations.Person"), True),
    ],
)
def test_detection_of_personal_fields(field, expected):
    field.set_attributes_from_name("neutral")
    if field.is_relation:
        from django.apps import apps

        target = field.remote_field.model
        field.related_model_cached = apps.get_model(target) if isinstance(target, str) else target
        field.remote_field.model = field.related_model_cached
    assert looks_personal(field) is expected


@pytest.mark.parametrize("name", ["email", "contact_phone", "ip_address", "full_name", "to"])
def test_detection_by_field_name(name):
    field = models.CharField(max_length=10)
    field.set_attributes_from_name(name)
    assert looks_personal(field)


def test_every_category_is_complete():
    keys = [category.key for category in INVENTORY]
    assert len(keys) == len(set(keys))
    for category in INVENTORY:
        assert str(category.purpose) and str(category.legal_basis) and str(category.subjects)
        assert category.classification in inventory.Classification.values
        assert category.action in inventory.Action.values
        assert category.download_section or category.download_note, category.key
        if category.is_automatic:
            assert category.key in HANDLERS, category.key
            assert category.model and category.date_fields, category.key
            assert category.default_period() is not None, category.key
        else:
            assert category.key not in HANDLERS


@pytest.mark.django_db
def test_the_data_download_has_a_section_for_every_category(participant_0880, client_for):
    response = client_for(participant_0880).get("/konto/mina-uppgifter/")
    assert response.status_code == 200
    data = json.loads(response.content)
    sections = {c.download_section for c in INVENTORY if c.download_section}
    assert sections - set(data) == set()
