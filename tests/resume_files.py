"""Builders for résumé files in tests: real, minimal PDFs (the demo's own builder) and DOCX files,
and hostile ones."""

from __future__ import annotations

import io
import zipfile

from hiring.demo.resume_files import make_pdf as make_pdf  # re-exported for the tests

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def make_docx(text: str = "", *, document_xml: bytes | None = None) -> bytes:
    """A minimal Word document with one paragraph per line of ``text``."""
    if document_xml is None:
        paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())
        document_xml = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>"
        ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def make_docx_bomb(inflated_bytes: int = 60 * 1024 * 1024) -> bytes:
    """A DOCX-shaped zip whose body inflates to ``inflated_bytes`` of spaces."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        archive.writestr("word/document.xml", b" " * inflated_bytes)
    return buffer.getvalue()
