import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samordna.knowledge.models import KnowledgeItem

from .factories import PDF_BYTES, make_item, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_public_list_shows_published_items_and_filters_by_violence_form(client_for, county_08):
    make_item(title="Patriark", violence_forms=["honour"])
    make_item(title="SARA", violence_forms=["partner"])
    make_item(title="Intern arbetsversion", county=county_08, published=False)
    client = client_for(None)
    page = client.get(reverse("knowledge:item_list")).content.decode()
    assert "Patriark" in page and "SARA" in page
    assert "Intern arbetsversion" not in page
    filtered = client.get(reverse("knowledge:item_list"), {"violence_form": "honour"})
    assert "Patriark" in filtered.content.decode()
    assert "SARA" not in filtered.content.decode()


def test_list_filters_by_kind_target_group_and_sub_goal(client_for):
    make_item(title="Webbkurs om våld", kind="web_course", target_groups=["generalist"])
    make_item(title="Medel mot våld", kind="report", sub_goals=[2])
    client = client_for(None)
    assert "Medel mot våld" not in client.get("/kunskapsbank/?kind=web_course").content.decode()
    assert (
        "Webbkurs om våld" in client.get("/kunskapsbank/?target_group=generalist").content.decode()
    )
    page = client.get("/kunskapsbank/?sub_goal=2").content.decode()
    assert "Medel mot våld" in page and "Webbkurs om våld" not in page


def test_list_paginates(client_for):
    for number in range(23):
        make_item(title=f"Rapport nummer {number:02d}")
    client = client_for(None)
    first = client.get("/kunskapsbank/").content.decode()
    second = client.get("/kunskapsbank/?page=2").content.decode()
    assert "Sida 1 av 2" in first
    assert first.count("knowledge-card__title") == 20
    assert second.count("knowledge-card__title") == 3


def test_bad_filter_values_do_not_break_the_list(client_for):
    make_item(title="SARA")
    response = client_for(None).get("/kunskapsbank/?kind=nonsense&sub_goal=x&page=999")
    assert response.status_code == 200


def test_item_page_shows_tags_and_publisher(client_for):
    item = make_item(title="Sällan sedda", violence_forms=["disability"], sub_goals=[1, 4])
    page = client_for(None).get(item.get_absolute_url()).content.decode()
    assert "Sällan sedda" in page
    assert "Våld mot personer med funktionsnedsättning" in page
    assert "1, 4" in page


def test_editor_creates_an_item_with_a_pdf(client_for, editor_08, county_08, media):
    response = client_for(editor_08).post(
        reverse("knowledge:item_create"),
        {
            "title": "Regional vägledning",
            "kind": "material",
            "summary": "Vägledning för länets kommuner.",
            "county": county_08.pk,
            "violence_forms": ["partner", "children"],
            "sub_goals": ["2"],
            "published": "on",
            "file": pdf_upload("vägledning.pdf"),
        },
    )
    item = KnowledgeItem.objects.get(title="Regional vägledning")
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert item.county == county_08
    assert item.file_type == "pdf"
    assert sorted(item.violence_forms) == ["children", "partner"]
    assert item.sub_goals == [2]


def test_fake_pdf_upload_shows_a_clear_swedish_error_on_the_form(
    client_for, editor_08, county_08, media
):
    response = client_for(editor_08).post(
        reverse("knowledge:item_create"),
        {
            "title": "Falsk fil",
            "kind": "material",
            "county": county_08.pk,
            "file": SimpleUploadedFile("falsk.pdf", b"GIF89a not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "Filen falsk.pdf har filnamn som en PDF-fil men innehållet är inte PDF" in (
        response.content.decode()
    )
    assert not KnowledgeItem.objects.filter(title="Falsk fil").exists()


def test_editor_cannot_create_in_another_county(client_for, editor_08, county_06):
    response = client_for(editor_08).post(
        reverse("knowledge:item_create"),
        {"title": "Fel län", "kind": "material", "county": county_06.pk},
    )
    assert response.status_code == 200  # the form refuses the county it does not offer
    assert not KnowledgeItem.objects.filter(title="Fel län").exists()


def test_editor_edits_own_county_item(client_for, editor_08, county_08):
    item = make_item(county=county_08, title="Gammal titel", violence_forms=["partner"])
    response = client_for(editor_08).post(
        reverse("knowledge:item_edit", args=[item.pk]),
        {"title": "Ny titel", "kind": "report", "violence_forms": ["honour"]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Ny titel"
    assert item.kind == "report"
    assert item.violence_forms == ["honour"]
    assert item.published is False  # unchecked box unpublishes


def test_file_is_served_as_attachment_with_safe_headers(client_for, county_08, media):
    item = make_item(county=county_08, file=pdf_upload("Rapport.pdf"))
    response = client_for(None).get(item.get_file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Rapport.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_file_of_unpublished_item_is_hidden_from_the_public(
    client_for, county_08, editor_08, media
):
    item = make_item(county=county_08, published=False, file=pdf_upload())
    assert client_for(None).get(item.get_file_url()).status_code == 404
    assert client_for(editor_08).get(item.get_file_url()).status_code == 200


def test_uploads_are_not_reachable_under_a_web_path(client_for, county_08, media):
    item = make_item(county=county_08, file=pdf_upload())
    assert client_for(None).get("/media/" + item.file.name).status_code == 404
    assert client_for(None).get("/" + item.file.name).status_code == 404


def test_search_words_in_the_list_are_stemmed_and_ranked(client_for):
    from samordna.search.services import search_rebuild_index

    make_item(title="Stöd", summary="För den som är våldsutsatt.")
    make_item(title="Våldsutsatta kvinnor", summary="Material.")
    make_item(title="Annat", summary="Om något helt annat.")
    search_rebuild_index()
    page = client_for(None).get("/kunskapsbank/", {"q": "våldsutsatta"}).content.decode()
    assert "2 träffar" in page
    assert page.index("Våldsutsatta kvinnor") < page.index("Stöd")
    assert "Annat" not in page


def test_list_shows_newest_first_and_undated_last_on_every_database(client_for):
    import datetime as dt

    make_item(title="Odaterad")
    make_item(title="Äldre", published_on=dt.date(2023, 10, 18))
    make_item(title="Nyare", published_on=dt.date(2023, 11, 30))
    page = client_for(None).get("/kunskapsbank/").content.decode()
    assert page.index("Nyare") < page.index("Äldre") < page.index("Odaterad")
