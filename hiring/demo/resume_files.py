"""Résumés for the demo's candidates: a real, minimal one-page PDF with the text a person would
write, built here so the demo needs no file on disk; and the hostile kind the intake must survive
(``make_inflating_pdf``), for the tests and ``benchmarks/intake.py``."""

from __future__ import annotations

import zlib


def make_pdf(text: str = "") -> bytes:
    """A one-page PDF whose text layer holds ``text`` (no text layer at all when empty)."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return _pdf(f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode() if text else b"")


def make_inflating_pdf(inflated_bytes: int = 10 * 1024 * 1024) -> bytes:
    """A PDF of a few dozen KB whose one content stream inflates to ``inflated_bytes`` of text
    operators: it held an apply request 9 s at 370 MB while pypdf read it."""
    operators = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n"
    stream = operators * (inflated_bytes // len(operators))
    return _pdf(zlib.compress(stream, 9), filter_name="FlateDecode")


def _pdf(stream: bytes, *, filter_name: str = "") -> bytes:
    filters = f" /Filter /{filter_name}".encode() if filter_name else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
