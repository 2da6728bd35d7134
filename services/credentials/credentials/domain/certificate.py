"""A credential as a printable certificate: one A4 page (ReportLab) with what the credential says, who signed it, and
a QR code that leads to its verification page.

The certificate is a view, not the credential: what a verifier trusts is the signed JSON (securing.py), reached from
the QR code. Text is escaped before ReportLab sees it (a name cannot inject its mark-up); Chinese is set in ReportLab's
built-in CID font; the output is deterministic (no creation date), so the same credential gives the same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

rl_config.invariant = 1

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
QR_SIZE = 42 * mm

_STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=20, leading=28, alignment=1, spaceAfter=6),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=12, leading=18, alignment=1, spaceAfter=14),
    "p": ParagraphStyle("p", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK"),
    "small": ParagraphStyle("small", fontName=FONT, fontSize=8, leading=11, wordWrap="CJK"),
}


def render(credential: dict, *, signers: dict[str, str], verify_url: str) -> bytes:
    """The certificate of a credential (its payload, open_badges.credential's shape) signed by `signers` (role ->
    key id), whose QR code encodes `verify_url`."""
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    names = [i.get("identityHash") for i in subject.get("identifier") or [] if i.get("identityType") == "name"]
    rows = [
        ("Awarded to", names[0] if names else "(the holder of this credential)"),
        ("Achievement", achievement.get("name", "")),
        ("Issued by", (credential.get("issuer") or {}).get("name", "")),
        ("Host enterprise", (subject.get("source") or {}).get("name", "")),
        ("Period", " – ".join(d for d in (subject.get("activityStartDate"), subject.get("activityEndDate")) if d)),
        ("Result", ", ".join(r.get("value", "") for r in subject.get("result") or [])),
        ("Credits", _number(subject.get("creditsEarned"))),
        ("Competencies", ", ".join(achievement.get("tag") or [])),
        ("Issued on", str(credential.get("validFrom", ""))[:10]),
    ]
    table = Table(
        [[_p(label), _p(value)] for label, value in rows if value],
        colWidths=[40 * mm, 125 * mm],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)],
    )
    evidence = " ".join(e.get("narrative", "") for e in credential.get("evidence") or [])
    qr = QrCodeWidget(verify_url, barLevel="M")
    x0, y0, x1, y1 = qr.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
    drawing.add(qr)
    signed = "; ".join(f"{role}: {kid}" for role, kid in sorted(signers.items()))
    story = [
        Paragraph(escape(credential.get("name", "Credential")), _STYLES["title"]),
        Paragraph(
            "Open Badges 3.0 credential, signed by the school and countersigned by the enterprise", _STYLES["subtitle"]
        ),
        table,
        Spacer(1, 8),
        _p(evidence),
        Spacer(1, 14),
        Table([[drawing, _p(f"Scan to verify, or open {verify_url}", "p")]], colWidths=[QR_SIZE + 6 * mm, 117 * mm]),
        Spacer(1, 10),
        _p(f"Credential {credential.get('id', '')}. Signed by {signed}.", "small"),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=25 * mm,
        bottomMargin=20 * mm,
        title=credential.get("name", "Credential"),
        author=(credential.get("issuer") or {}).get("name", ""),
    )
    doc.build(story)
    return buffer.getvalue()


def _p(text: str, style: str = "p") -> Paragraph:
    return Paragraph(escape(str(text)), _STYLES[style])


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)
