"""The agreement's text typeset as a PDF (ReportLab), and the signature page appended to it.

How the template's output becomes flowables, line by line:
- `# text` is the title, `## text` a section heading;
- `- text` is a bullet item;
- an empty line separates paragraphs; any other line is a paragraph of its own.
All text is escaped before ReportLab sees it, so a template (or a student's name) cannot inject ReportLab's
paragraph mark-up. Chinese is set in ReportLab's built-in CID font STSong-Light (no font files needed); the output is
deterministic (rl_config.invariant: no creation date, fixed document id), so the same text gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

rl_config.invariant = 1

CJK = "STSong-Light"
LATIN = "Helvetica"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))

_BODY = {"fontSize": 10.5, "leading": 16, "wordWrap": "CJK"}


@dataclass(frozen=True)
class SignatureLine:
    party: str
    signer: str
    organisation: str
    on_behalf_of: str | None
    signed_at: str


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=8),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8, spaceAfter=4),
        "p": ParagraphStyle("p", fontName=font, **_BODY),
        "li": ParagraphStyle("li", fontName=font, leftIndent=12, bulletIndent=2, **_BODY),
        "mono": ParagraphStyle("mono", fontName=LATIN, fontSize=9, leading=13),
    }


def _flowables(body: str, styles: dict[str, ParagraphStyle]) -> list:
    out: list = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            out.append(Spacer(1, 4))
        elif line.startswith("## "):
            out.append(Paragraph(escape(line[3:]), styles["h2"]))
        elif line.startswith("# "):
            out.append(Paragraph(escape(line[2:]), styles["title"]))
        elif line.startswith("- "):
            out.append(Paragraph(escape(line[2:]), styles["li"], bulletText="•"))
        else:
            out.append(Paragraph(escape(line), styles["p"]))
    return out


def _build(flowables: list, title: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="Praxis",
        invariant=1,
    )
    doc.build(flowables or [Spacer(1, 1)])
    return buffer.getvalue()


def typeset(body: str, *, locale: str, title: str) -> bytes:
    """The agreement's PDF, from the template's output."""
    return _build(_flowables(body, _styles(CJK if locale == "zh-CN" else LATIN if body.isascii() else CJK)), title)


def with_signature_page(
    body: str, *, locale: str, title: str, version: int, document_sha256: str, signatures: list[SignatureLine]
) -> bytes:
    """The same agreement followed by a page listing every signature of the version: party, signer, organisation,
    on whose behalf, when, and the SHA-256 of the document signed. The signature page is set in Helvetica where its
    text is ASCII (ids, hashes, times) so that it can be read back as text."""
    styles = _styles(CJK if locale == "zh-CN" else LATIN if body.isascii() else CJK)
    flowables = _flowables(body, styles)
    flowables.append(PageBreak())
    mono = styles["mono"]
    flowables.append(Paragraph("Signature page / 签署页" if locale == "zh-CN" else "Signature page", styles["title"]))
    flowables.append(Paragraph(escape(f"Document version {version}"), mono))
    flowables.append(Paragraph(escape(f"Document SHA-256: {document_sha256}"), mono))
    flowables.append(Spacer(1, 8))
    if not signatures:
        flowables.append(Paragraph("No signatures yet.", mono))
    for s in signatures:
        lines = [
            f"Party: {s.party}" + (f" (signed on behalf of the {s.on_behalf_of})" if s.on_behalf_of else ""),
            f"Signer: {s.signer}",
            f"Organisation: {s.organisation}",
            f"Signed at: {s.signed_at}",
            f"Document SHA-256: {document_sha256}",
        ]
        for text in lines:
            style = mono if text.isascii() else styles["p"]
            flowables.append(Paragraph(escape(text), style))
        flowables.append(Spacer(1, 8))
    return _build(flowables, title)
