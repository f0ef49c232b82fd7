"""Helpers that create knowledge items through the service (as the app does)."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from samordna.knowledge import services
from samordna.knowledge.models import KnowledgeItem

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name: str = "rapport.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_item(*, county=None, published=True, title="Handboken VÅLD", **values) -> KnowledgeItem:
    values.setdefault("kind", KnowledgeItem.Kind.METHOD_SUPPORT)
    values.setdefault("summary", "Stöd för arbetet med våldsutsatta kvinnor.")
    return services.knowledge_item_create(
        actor=None, title=title, county=county, published=published, **values
    )
