"""The certificate: one page that says what the credential says, and whose QR code, read back from the rendered
page by a QR decoder, is the verification address."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from credentials.domain import certificate, open_badges, status_list

VERIFY = "https://praxis.example.edu/v1/credentials/2b0f4c1e-0d5a-4c7b-8a43-5c2e9d7f1a10/verification"


def credential(name: str = "李伟") -> dict:
    return open_badges.credential(
        open_badges.Achievement(
            kind=open_badges.Kind.PLACEMENT,
            source_id="p-1",
            title="Store operations intern",
            school=open_badges.Party("did:web:praxis.example.edu:orgs:school:sz-poly", "深圳职业技术大学"),
            enterprise=open_badges.Party("did:web:praxis.example.edu:orgs:enterprise:acme", "Acme Cross-border"),
            student_ref="S2024-0042",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 6, 30),
            credits=Decimal("4.0"),
            grade="优",
            total=Decimal("91.50"),
            competencies=("platform-operation",),
            hours=Decimal("480"),
            core_hours=Decimal("312"),
        ),
        credential_id="urn:uuid:2b0f4c1e-0d5a-4c7b-8a43-5c2e9d7f1a10",
        issued_at=datetime(2026, 7, 1, tzinfo=UTC),
        salt="c2FsdA",
        status=status_list.entry("https://praxis.example.edu/orgs/school/sz-poly/status/1", 5),
        student_name=name,
    )


SIGNERS = {
    "issuer": "did:web:praxis.example.edu:orgs:school:sz-poly#key-1",
    "countersigner": "did:web:praxis.example.edu:orgs:enterprise:acme#key-1",
}


def test_the_certificate_says_what_the_credential_says():
    pdf = certificate.render(credential(), signers=SIGNERS, verify_url=VERIFY)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())  # lines wrap anywhere (a long URL too)
    for expected in (
        "Internship: Store operations intern",
        "李伟",
        "深圳职业技术大学",
        "Acme Cross-border",
        "优",
        "4",
        "platform-operation",
        "2026-03-01",
        "480 approved hours",
        VERIFY,
        "sz-poly#key-1",
    ):
        assert "".join(expected.split()) in text, expected
    assert certificate.render(credential(), signers=SIGNERS, verify_url=VERIFY) == pdf  # deterministic


def test_its_qr_code_reads_back_as_the_verification_address():
    pdf = pypdfium2.PdfDocument(certificate.render(credential(), signers=SIGNERS, verify_url=VERIFY))
    image = pdf[0].render(scale=3).to_pil()
    found = zxingcpp.read_barcodes(image)
    assert [(b.format.name, b.text) for b in found] == [("QRCode", VERIFY)]


def test_mark_up_in_a_name_is_text():
    pdf = certificate.render(credential("<b>Eve</b> & <font>"), signers=SIGNERS, verify_url=VERIFY)
    assert "<b>Eve</b> & <font>" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
