"""Résumé files: what is accepted (PDF or DOCX by content, not by name) and reading their text.

Bytes in, a verdict or text out; no storage, no models. Every upload is hostile: the type comes
from magic bytes and the archive's own directory, a DOCX is never decompressed past a fixed
budget, and any failure to read text is a reason string (the file is still kept for a person).
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

logger = logging.getLogger(__name__)

MAX_RESUME_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 100_000  # far more than any résumé; bounds what the role check reads
MAX_PDF_PAGES = 20
MAX_DOCX_XML_BYTES = 10 * 1024 * 1024  # uncompressed document.xml
MAX_COMPRESSION_RATIO = 100  # real DOCX text compresses ~10x; a zip bomb far more
WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

PDF = "pdf"
DOCX = "docx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ResumeRejectedError(ValueError):
    """The upload is not a résumé we accept; the message is shown to the candidate."""


@dataclass(frozen=True)
class ResumeText:
    text: str
    unreadable_reason: str  # empty when the text was read


# What a refused file really is, by its first bytes, in the candidate's words.
LOOKS_LIKE = (
    (b"MZ", "a Windows program"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file (save it as .docx or PDF)"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"PK\x03\x04", "a zip archive"),
    (b"{\\rtf", "an RTF document (save it as .docx or PDF)"),
)
CLAIMED_TYPES = {".pdf": "a PDF", ".docx": "a Word document", ".doc": "a Word document"}


def detect_resume_kind(data: bytes, *, name: str = "") -> str:
    """Return "pdf" or "docx" from the content, or raise ResumeRejectedError with a clear message.

    ``name`` is the file's name as the candidate chose it, only to explain a refusal.
    """
    if not data:
        raise ResumeRejectedError("The résumé file is empty.")
    if len(data) > MAX_RESUME_BYTES:
        raise ResumeRejectedError(f"The résumé is larger than {MAX_RESUME_BYTES // (1024 * 1024)} MB.")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    raise ResumeRejectedError(_refusal(data, name))


def _refusal(data: bytes, name: str) -> str:
    start = data[:512].lstrip().lower()
    looks = next((what for magic, what in LOOKS_LIKE if data.startswith(magic)), None)
    if looks is None and start.startswith((b"<!doctype", b"<html", b"<svg", b"<?xml", b"<")):
        looks = "a web page or an SVG image" if b"<svg" not in start else "an SVG image"
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    claimed = CLAIMED_TYPES.get(f".{suffix}")
    inside = f"it looks like {looks}" if looks else "its content is of another kind"
    if claimed:
        shown = name if len(name) <= 80 else f"{name[:77]}…"
        return (
            f"“{shown}” is named like {claimed}, but it is not one inside: {inside}. "
            "Export your résumé as a PDF or a Word (.docx) document and attach that file."
        )
    return f"Upload your résumé as a PDF or a Word (.docx) document ({inside})."


def extract_text(data: bytes, kind: str) -> ResumeText:
    try:
        text = _pdf_text(data) if kind == PDF else _docx_text(data)
    except ResumeRejectedError as error:
        return ResumeText(text="", unreadable_reason=str(error))
    except Exception as error:
        logger.info("résumé text unreadable: %s: %s", type(error).__name__, error)
        return ResumeText(text="", unreadable_reason="the file could not be parsed")
    text = " ".join(text.split())[:MAX_TEXT_CHARS]
    if not text:
        return ResumeText(text="", unreadable_reason="the file has no text layer (a scan?)")
    return ResumeText(text=text, unreadable_reason="")


def _is_docx(data: bytes) -> bool:
    """A zip whose directory names a Word body; refuses zip bombs from the directory alone."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    if {"[Content_Types].xml", "word/document.xml"} - {member.filename for member in members}:
        return False
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_DOCX_XML_BYTES * 5 or inflated > MAX_COMPRESSION_RATIO * max(len(data), 1):
        raise ResumeRejectedError("This document is compressed in a way we cannot accept; send a PDF.")
    return True


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # imported on use: only intake pays for it

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ResumeRejectedError("the PDF is password-protected")
    pages = reader.pages[:MAX_PDF_PAGES]
    return "\n".join(page.extract_text() or "" for page in pages)


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_DOCX_XML_BYTES or info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise ResumeRejectedError("the document is compressed suspiciously (a zip bomb?)")
        with archive.open(info) as member:
            xml = member.read(MAX_DOCX_XML_BYTES + 1)  # the declared size may lie: cap what we inflate
    if len(xml) > MAX_DOCX_XML_BYTES:
        raise ResumeRejectedError("the document is compressed suspiciously (a zip bomb?)")
    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise ResumeRejectedError("the document's text is malformed") from error
    paragraphs = []
    for paragraph in root.iter(f"{WORD_NAMESPACE}p"):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{WORD_NAMESPACE}t")))
    return "\n".join(paragraphs)
