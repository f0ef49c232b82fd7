"""Safe handling of uploaded documents (campaign materials, network documents, the knowledge
bank).

Only the file types a caller allows (by default PDF, PNG, JPEG and DOCX) are accepted, within a
size limit, and the content must match the claimed type (checked by magic bytes, not by the
browser's word). Files get random names under ``settings.MEDIA_ROOT`` (outside the web root) and
are served only by permission-checked views as attachments with the stored Content-Type and
``nosniff``.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from samordna.core.errors import ValidationFailed

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    extensions: tuple[str, ...]
    content_type: str


PDF = FileType("PDF", (".pdf",), "application/pdf")
PNG = FileType("PNG", (".png",), "image/png")
JPEG = FileType("JPG", (".jpg", ".jpeg"), "image/jpeg")
DOCX = FileType(
    "DOCX",
    (".docx",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
FILE_TYPES = (PDF, PNG, JPEG, DOCX)
DOCUMENT_TYPES = (PDF, DOCX)


@dataclass(frozen=True)
class CheckedUpload:
    file_type: FileType
    original_filename: str
    size: int


def _content_matches(file_type: FileType, head: bytes, uploaded) -> bool:
    if file_type is PDF:
        return head.startswith(b"%PDF-")
    if file_type is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if file_type is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if file_type is DOCX:
        if not head.startswith(b"PK\x03\x04"):
            return False
        uploaded.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(uploaded.read())) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return False
        finally:
            uploaded.seek(0)
        return "word/document.xml" in names and "[Content_Types].xml" in names
    return False  # pragma: no cover


def accept_attribute(allowed: tuple[FileType, ...] = FILE_TYPES) -> str:
    """The value of a file input's ``accept`` attribute for these types."""
    return ",".join(ext for file_type in allowed for ext in file_type.extensions)


def _type_list(allowed: tuple[FileType, ...]) -> str:
    labels = [file_type.label for file_type in allowed]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def check_upload(
    uploaded,
    *,
    field: str = "file",
    max_bytes: int = MAX_UPLOAD_BYTES,
    allowed: tuple[FileType, ...] = FILE_TYPES,
):
    """Refuse a file whose type, size or content is not acceptable, with a message naming the
    problem; return what was detected."""
    if uploaded is None:
        raise ValidationFailed(_("Choose a file to upload."), field=field)
    name = PurePath((uploaded.name or "").replace("\\", "/")).name
    extension = PurePath(name).suffix.lower()
    file_type = next((t for t in allowed if extension in t.extensions), None)
    if file_type is None:
        raise ValidationFailed(
            _("Only %(types)s files can be uploaded (you chose %(name)s).")
            % {"types": _type_list(allowed), "name": name or "?"},
            field=field,
        )
    if uploaded.size == 0:
        raise ValidationFailed(_("The file %(name)s is empty.") % {"name": name}, field=field)
    if uploaded.size > max_bytes:
        raise ValidationFailed(
            _("The file %(name)s is too large: at most %(limit)s is allowed.")
            % {"name": name, "limit": filesizeformat(max_bytes)},
            field=field,
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not _content_matches(file_type, head, uploaded):
        raise ValidationFailed(
            _(
                "The file %(name)s is named as a %(type)s file but its content is not %(type)s. "
                "Check the file and try again."
            )
            % {"name": name, "type": file_type.label},
            field=field,
        )
    return CheckedUpload(file_type=file_type, original_filename=name[:255], size=uploaded.size)


def random_filename(checked: CheckedUpload) -> str:
    """A random file name: the user's file name is never used on disk."""
    return f"{uuid.uuid4().hex}{checked.file_type.extensions[0]}"


def attachment_response(field_file, *, filename: str, content_type: str) -> FileResponse:
    """Serve a stored file as a download with the right headers."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=get_valid_filename(filename) or "download",
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
