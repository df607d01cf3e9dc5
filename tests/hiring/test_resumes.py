"""Résumés are accepted by content, not by name, and their text is read without trusting them."""

from __future__ import annotations

import pytest

from hiring.intake.resumes import (
    DOCX,
    MAX_RESUME_BYTES,
    PDF,
    ResumeRejectedError,
    detect_resume_kind,
    extract_text,
)
from tests.resume_files import make_docx, make_docx_bomb, make_pdf


def test_a_pdf_is_recognized_and_its_text_read():
    data = make_pdf("Senior Data Scientist - statistics, A/B testing")

    assert detect_resume_kind(data) == PDF
    assert extract_text(data, PDF).text == "Senior Data Scientist - statistics, A/B testing"


def test_a_docx_is_recognized_and_its_paragraphs_read():
    data = make_docx("MLOps Engineer\nTerraform, Kubernetes")

    assert detect_resume_kind(data) == DOCX
    assert extract_text(data, DOCX).text == "MLOps Engineer Terraform, Kubernetes"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-" + b"0" * MAX_RESUME_BYTES, "larger than 5 MB"),
        (b"<html><script>alert(1)</script></html>", "PDF or a Word"),
        (b"MZ\x90\x00" + b"\x00" * 100, "PDF or a Word"),  # a Windows executable
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "PDF or a Word"),
        (b"PK\x03\x04not really a zip", "PDF or a Word"),
    ],
)
def test_files_that_are_not_resumes_are_refused_by_content(data, message):
    with pytest.raises(ResumeRejectedError, match=message):
        detect_resume_kind(data)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "cv.pdf",
            b"MZ\x90\x00" + b"\x00" * 100,
            "“cv.pdf” is named like a PDF, but it is not one inside: it looks like a Windows program.",
        ),
        (
            "cv.docx",
            b"<html><body>hi</body></html>",
            "named like a Word document, but it is not one inside: it looks like a web page",
        ),
        (
            "cv.doc",
            b"\xd0\xcf\x11\xe0" + b"\x00" * 50,
            "it looks like an old Word .doc file (save it as .docx or PDF)",
        ),
    ],
)
def test_a_renamed_file_is_told_apart_from_what_its_name_claims(name, data, message):
    with pytest.raises(ResumeRejectedError) as refused:
        detect_resume_kind(data, name=name)

    assert message in str(refused.value)


def test_a_zip_that_is_not_a_word_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")

    with pytest.raises(ResumeRejectedError, match="PDF or a Word"):
        detect_resume_kind(buffer.getvalue())


def test_a_docx_zip_bomb_is_refused_from_its_directory_without_inflating_it():
    bomb = make_docx_bomb()
    assert len(bomb) < 200_000  # 60 MB of spaces in a small upload

    with pytest.raises(ResumeRejectedError, match="compressed in a way we cannot accept"):
        detect_resume_kind(bomb)


def test_a_pdf_without_a_text_layer_is_kept_but_reported_unreadable():
    result = extract_text(make_pdf(""), PDF)

    assert result.text == "" and "no text layer" in result.unreadable_reason


def test_a_broken_pdf_is_reported_unreadable_not_raised():
    result = extract_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog", PDF)

    assert result.text == "" and result.unreadable_reason


def test_a_docx_with_an_xml_entity_bomb_is_reported_unreadable():
    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<l>&b;</l>"
    )

    result = extract_text(make_docx(document_xml=billion_laughs), DOCX)

    assert result.text == "" and result.unreadable_reason == "the document's text is malformed"
