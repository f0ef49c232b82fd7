"""Materials: type, size and content checks, storage outside the web root, safe download."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.campaigns.models import CampaignMaterial
from samordna.core import uploads
from samordna.core.errors import ValidationFailed
from samordna.core.models import AuditEntry

from .factories import PDF_BYTES, PNG_BYTES, CampaignFactory

pytestmark = pytest.mark.django_db


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _post_file(client, campaign, name, content, title="Affisch"):
    return client.post(
        f"/kampanjer/{campaign.pk}/material/ny/",
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_a_file_claiming_to_be_pdf_that_is_not_is_refused_with_a_clear_message(
    client_for, editor_06, county_06, settings
):
    campaign = CampaignFactory(county=county_06)
    response = _post_file(client_for(editor_06), campaign, "affisch.pdf", b"MZ\x90\x00 not a pdf")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Filen affisch.pdf har filnamn som en PDF-fil men innehållet är inte PDF" in page
    assert CampaignMaterial.objects.count() == 0
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bild.png", PDF_BYTES),
        ("bild.jpg", PNG_BYTES),
        ("dokument.docx", b"PK\x03\x04 broken zip"),
        ("skript.exe", b"MZ"),
        ("tom.pdf", b""),
    ],
)
def test_wrong_content_unknown_types_and_empty_files_are_refused(name, content):
    with pytest.raises(ValidationFailed) as info:
        uploads.check_upload(SimpleUploadedFile(name, content))
    assert info.value.field == "file"


def test_too_large_files_are_refused():
    with pytest.raises(ValidationFailed, match="stor.pdf") as info:
        uploads.check_upload(
            SimpleUploadedFile("stor.pdf", PDF_BYTES + b"0" * 2000), max_bytes=1000
        )
    assert info.value.field == "file"
    uploads.check_upload(SimpleUploadedFile("lagom.pdf", PDF_BYTES), max_bytes=1000)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("affisch.pdf", PDF_BYTES, "application/pdf"),
        ("bild.PNG", PNG_BYTES, "image/png"),
        ("foto.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("text.docx", _docx_bytes(), uploads.DOCX.content_type),
    ],
)
def test_accepted_types_are_detected_by_content(name, content, content_type):
    checked = uploads.check_upload(SimpleUploadedFile(name, content))
    assert checked.file_type.content_type == content_type


def test_uploaded_material_is_stored_under_media_root_and_downloaded_as_attachment(
    client_for, editor_06, county_06, settings
):
    campaign = CampaignFactory(county=county_06)
    response = _post_file(client_for(editor_06), campaign, "../../etc/affisch.pdf", PDF_BYTES)
    assert response.status_code == 302

    material = CampaignMaterial.objects.get()
    stored = Path(settings.MEDIA_ROOT) / material.file.name
    assert stored.is_file()
    assert "affisch" not in material.file.name  # random name on disk
    assert material.original_filename == "affisch.pdf"
    assert AuditEntry.objects.filter(action="campaigns.material.added").count() == 1

    download = client_for(None).get(f"/kampanjer/material/{material.pk}/ladda-ned/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="affisch.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_material_of_an_unpublished_campaign_is_not_served_to_the_public(
    client_for, editor_06, editor_08, county_06
):
    campaign = CampaignFactory(county=county_06, published=False)
    _post_file(client_for(editor_06), campaign, "affisch.pdf", PDF_BYTES)
    material = CampaignMaterial.objects.get()
    url = f"/kampanjer/material/{material.pk}/ladda-ned/"

    assert client_for(None).get(url).status_code == 404
    assert client_for(editor_08).get(url).status_code == 404
    assert client_for(editor_06).get(url).status_code == 200


def test_deleting_a_material_removes_its_file(
    client_for, editor_06, county_06, settings, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(county=county_06)
    client = client_for(editor_06)
    _post_file(client, campaign, "affisch.pdf", PDF_BYTES)
    material = CampaignMaterial.objects.get()
    stored = Path(settings.MEDIA_ROOT) / material.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kampanjer/material/{material.pk}/ta-bort/")

    assert response.status_code == 302
    assert not CampaignMaterial.objects.exists()
    assert not stored.exists()


def test_a_link_material_needs_a_title_and_either_link_or_file(client_for, editor_06, county_06):
    campaign = CampaignFactory(county=county_06)
    client = client_for(editor_06)
    response = client.post(f"/kampanjer/{campaign.pk}/material/ny/", {"title": "Tom"})
    assert response.status_code == 200
    assert "antingen en länk eller en fil" in response.content.decode()

    response = client.post(
        f"/kampanjer/{campaign.pk}/material/ny/",
        {"title": "Kampanjwebb", "url": "https://svartsjukaarinteromantiskt.se"},
    )
    assert response.status_code == 302
    material = CampaignMaterial.objects.get()
    assert material.kind == CampaignMaterial.Kind.LINK
    assert material.get_absolute_url() == "https://svartsjukaarinteromantiskt.se"
