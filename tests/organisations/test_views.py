import pytest
from django.urls import reverse

from samordna.core.models import AuditEntry
from samordna.organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db


def test_organisation_list_filters_by_kind_and_county(client):
    response = client.get(
        reverse("organisations:organisation_list"), {"kind": "municipality", "county": "08"}
    )
    page = response.context["page"]
    assert page.paginator.count == 12
    assert {o.county.code for o in page.object_list} == {"08"}


def test_organisation_list_searches_and_paginates(client):
    response = client.get(
        reverse("organisations:organisation_list"), {"q": "kommun", "kind": "municipality"}
    )
    assert response.context["page"].paginator.count == 290
    assert len(response.context["page"].object_list) == 25
    page_2 = client.get(
        reverse("organisations:organisation_list"),
        {"q": "kommun", "kind": "municipality", "page": 2},
    )
    assert page_2.context["page"].number == 2
    assert b"page=3" in page_2.content
    assert client.get(reverse("organisations:organisation_list"), {"page": "x"}).status_code == 200


def test_organisation_list_shows_an_empty_state(client):
    response = client.get(reverse("organisations:organisation_list"), {"q": "finns-inte-alls"})
    assert response.context["page"].paginator.count == 0
    assert b'class="empty"' in response.content


def test_municipality_page_shows_county_map_and_organisations(client):
    response = client.get(reverse("organisations:municipality_detail", args=["0880"]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kalmar län" in content
    assert "<svg" in content and "<path" in content
    assert "Kalmar kommun" in content


def test_county_page_maps_every_municipality(client):
    response = client.get(reverse("organisations:county_detail", args=["08"]))
    assert len(response.context["shapes"]) == 12
    assert client.get(reverse("organisations:county_detail", args=["99"])).status_code == 404


def test_contacts_are_shown_to_staff_but_not_to_the_public(
    client, client_for, editor_08, kalmar_municipality
):
    Person.objects.create(
        name="Karin Test", email="karin@kalmar.se", organisation=kalmar_municipality
    )
    url = reverse("organisations:municipality_detail", args=["0880"])
    assert "karin@kalmar.se" not in client.get(url).content.decode()
    assert "karin@kalmar.se" in client_for(editor_08).get(url).content.decode()


def test_editor_creates_an_organisation_in_own_county(client_for, editor_08, county_08):
    response = client_for(editor_08).post(
        reverse("organisations:organisation_create"),
        {
            "name": "Tjejjouren Kalmar",
            "kind": "civil_society",
            "county": county_08.pk,
            "is_active": "on",
        },
    )
    organisation = Organisation.objects.get(name="Tjejjouren Kalmar")
    assert response.status_code == 302
    assert organisation.code == "08-tjejjouren-kalmar"
    assert AuditEntry.objects.filter(
        action="organisations.organisation.created", actor=editor_08
    ).exists()


def test_editor_cannot_create_an_organisation_in_another_county(client_for, editor_08, county_06):
    response = client_for(editor_08).post(
        reverse("organisations:organisation_create"),
        {"name": "Fel län", "kind": "civil_society", "county": county_06.pk},
    )
    assert response.status_code == 200
    assert "county" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Fel län").exists()


def test_organisation_with_municipality_outside_its_county_is_refused(
    client_for, editor_08, county_08
):
    from samordna.organisations.models import Municipality

    response = client_for(editor_08).post(
        reverse("organisations:organisation_create"),
        {
            "name": "Blandad",
            "kind": "other",
            "county": county_08.pk,
            "municipality": Municipality.objects.get(code="0680").pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Organisation.objects.filter(name="Blandad").exists()


def test_bad_input_keeps_stored_data(client_for, editor_08, county_08):
    organisation = Organisation.objects.create(
        code="08-x", name="Original", kind="other", county=county_08
    )
    response = client_for(editor_08).post(
        reverse("organisations:organisation_edit", args=["08-x"]),
        {"name": "", "kind": "other", "county": county_08.pk, "website": "inte en adress"},
    )
    assert response.status_code == 200
    assert {"name", "website"} <= set(response.context["form"].errors)
    organisation.refresh_from_db()
    assert organisation.name == "Original"


def test_municipality_names_cannot_be_changed_but_contact_details_can(client_for, editor_08):
    client = client_for(editor_08)
    response = client.post(
        reverse("organisations:organisation_edit", args=["0880"]),
        {"name": "Hackad", "email": "info@kalmar.se", "is_active": "on"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(code="0880")
    assert organisation.name == "Kalmar kommun"
    assert organisation.email == "info@kalmar.se"
    entry = AuditEntry.objects.get(action="organisations.organisation.updated")
    assert entry.data["changes"]["email"] == {"before": "", "after": "info@kalmar.se"}


def test_person_lifecycle_create_edit_delete(client_for, editor_08, kalmar_municipality):
    client = client_for(editor_08)
    response = client.post(
        reverse("organisations:person_create"),
        {
            "name": "Per Persson",
            "email": "Per@Kalmar.se",
            "organisation": kalmar_municipality.pk,
            "title": "Socialsekreterare",
            "target_group": "specialist",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="per@kalmar.se")
    response = client.post(
        reverse("organisations:person_edit", args=[person.pk]),
        {
            "name": "Per Persson",
            "email": "per@kalmar.se",
            "organisation": kalmar_municipality.pk,
            "title": "Enhetschef",
            "target_group": "manager",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.title == "Enhetschef"
    assert client.get(reverse("organisations:person_delete", args=[person.pk])).status_code == 200
    client.post(reverse("organisations:person_delete", args=[person.pk]))
    assert not Person.objects.filter(pk=person.pk).exists()
    deleted = AuditEntry.objects.get(action="organisations.person.deleted")
    assert "per@kalmar.se" not in str(deleted.data)


def test_duplicate_person_in_same_organisation_is_refused(
    client_for, editor_08, kalmar_municipality
):
    Person.objects.create(name="A", email="a@kalmar.se", organisation=kalmar_municipality)
    response = client_for(editor_08).post(
        reverse("organisations:person_create"),
        {"name": "A igen", "email": "A@kalmar.se", "organisation": kalmar_municipality.pk},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert Person.objects.filter(organisation=kalmar_municipality).count() == 1


def test_person_list_is_scoped_to_the_editors_county(
    client_for, editor_06, editor_08, kalmar_municipality
):
    Person.objects.create(name="Kalmarbo", email="k@kalmar.se", organisation=kalmar_municipality)
    assert (
        client_for(editor_08)
        .get(reverse("organisations:person_list"))
        .context["page"]
        .paginator.count
        == 1
    )
    assert (
        client_for(editor_06)
        .get(reverse("organisations:person_list"))
        .context["page"]
        .paginator.count
        == 0
    )


def test_person_list_search_and_filter(client_for, editor_08, kalmar_municipality):
    Person.objects.create(
        name="Anna Strateg",
        email="a@k.se",
        organisation=kalmar_municipality,
        target_group="strategist",
    )
    Person.objects.create(
        name="Bo Chef", email="b@k.se", organisation=kalmar_municipality, target_group="manager"
    )
    client = client_for(editor_08)
    by_name = client.get(reverse("organisations:person_list"), {"q": "strateg"}).context["page"]
    assert [p.name for p in by_name.object_list] == ["Anna Strateg"]
    by_group = client.get(
        reverse("organisations:person_list"), {"target_group": "manager"}
    ).context["page"]
    assert [p.name for p in by_group.object_list] == ["Bo Chef"]
