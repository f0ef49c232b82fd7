import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from samordna.core.errors import ValidationFailed
from samordna.core.models import AuditEntry
from samordna.knowledge import services
from samordna.knowledge.models import KnowledgeItem

from .factories import PDF_BYTES, docx_bytes, make_item, pdf_upload

pytestmark = pytest.mark.django_db


def test_create_stores_tags_and_writes_audit_entry(county_08, editor_08):
    item = services.knowledge_item_create(
        actor=editor_08,
        title="Webbkurs om våld",
        kind=KnowledgeItem.Kind.WEB_COURSE,
        county=county_08,
        violence_forms=["partner", "honour"],
        target_groups=["generalist"],
        sub_goals=[3, 1],
    )
    item = KnowledgeItem.objects.get(pk=item.pk)
    assert sorted(item.violence_forms) == ["honour", "partner"]
    assert item.target_groups == ["generalist"]
    assert item.sub_goals == [1, 3]
    entry = AuditEntry.objects.get(action="knowledge.item.created")
    assert entry.actor == editor_08
    assert entry.county_code == "08"


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("violence_forms", {"violence_forms": ["hunger"]}),
        ("target_groups", {"target_groups": ["everyone"]}),
        ("sub_goals", {"sub_goals": [6]}),
    ],
)
def test_unknown_tags_are_refused(county_08, field, values):
    with pytest.raises(ValidationFailed) as excinfo:
        make_item(county=county_08, **values)
    assert excinfo.value.field == field
    assert not KnowledgeItem.objects.exists()


def test_real_pdf_is_stored_with_sniffed_type(county_08, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    item = make_item(county=county_08, file=pdf_upload("Rapport 2023.pdf"))
    assert item.file_type == "pdf"
    assert item.file_name == "Rapport 2023.pdf"
    assert item.file_size == len(PDF_BYTES)
    # Stored under MEDIA_ROOT with a random name, never the uploaded one.
    assert "Rapport" not in item.file.name
    assert (tmp_path / item.file.name).read_bytes() == PDF_BYTES


def test_file_claiming_to_be_pdf_that_is_not_is_refused_in_swedish(county_08, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    fake = SimpleUploadedFile(
        "rapport.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf"
    )
    with pytest.raises(ValidationFailed) as excinfo:
        make_item(county=county_08, file=fake)
    assert excinfo.value.field == "file"
    assert "innehållet är inte PDF" in str(excinfo.value.message)
    assert not KnowledgeItem.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_zip_named_docx_without_word_document_is_refused(county_08, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("evil.exe", "x")
    upload = SimpleUploadedFile("brev.docx", buffer.getvalue())
    with pytest.raises(ValidationFailed):
        make_item(county=county_08, file=upload)


def test_real_docx_is_accepted(county_08, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    item = make_item(county=county_08, file=SimpleUploadedFile("stöd.docx", docx_bytes()))
    assert item.file_type == "docx"


def test_other_file_types_are_refused(county_08):
    with pytest.raises(ValidationFailed) as excinfo:
        make_item(county=county_08, file=SimpleUploadedFile("bild.html", b"<script>"))
    assert "PDF" in str(excinfo.value.message)


@override_settings(KNOWLEDGE_MAX_FILE_BYTES=100)
def test_file_over_the_size_limit_is_refused(county_08):
    big = pdf_upload(content=b"%PDF-" + b"0" * 200)
    with pytest.raises(ValidationFailed) as excinfo:
        make_item(county=county_08, file=big)
    assert "för stor" in str(excinfo.value.message)


def test_update_records_changes_and_replaces_tags(county_08, editor_08):
    item = make_item(county=county_08, violence_forms=["partner"])
    services.knowledge_item_update(
        actor=editor_08, item=item, title="Ny titel", violence_forms=["sexual"]
    )
    item.refresh_from_db()
    assert item.title == "Ny titel"
    assert item.violence_forms == ["sexual"]
    entry = AuditEntry.objects.get(action="knowledge.item.updated")
    assert entry.data["changes"]["title"] == {"before": "Handboken VÅLD", "after": "Ny titel"}


def test_update_can_remove_the_file(
    county_08, editor_08, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    item = make_item(county=county_08, file=pdf_upload())
    stored = tmp_path / item.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.knowledge_item_update(actor=editor_08, item=item, remove_file=True)
    item.refresh_from_db()
    assert not item.file
    assert not stored.exists()


def test_blank_title_is_refused(county_08):
    with pytest.raises(ValidationFailed) as excinfo:
        make_item(county=county_08, title="   ")
    assert excinfo.value.field == "title"
