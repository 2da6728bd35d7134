"""A party's register of credentials as a file (CSV or JSON Lines-like JSON array): one row per credential, what a
registrar files, without the signed document itself (downloaded one by one, or in the organisation's export)."""

from __future__ import annotations

import csv
import io
import json

from credentials.domain import securing
from credentials.domain.issuance import Credential
from praxis_common.spreadsheet import text_cell

COLUMNS = (
    "id",
    "kind",
    "source_id",
    "title",
    "school_org",
    "enterprise_org",
    "student_ref",
    "stage",
    "requested_by",
    "requested_at",
    "countersigned_by",
    "countersigned_at",
    "ended_for",
    "ended_by",
    "ended_at",
    "end_reason",
)


def row_of(c: Credential) -> dict[str, str | None]:
    """A credential as the register lists it: times in ISO form, the achievement's name from what it says."""
    said = securing.credential_of(c.secured) if c.secured else {}
    achievement = (said.get("credentialSubject") or {}).get("achievement") or {}

    def when(t) -> str | None:
        return t.isoformat() if t else None

    return {
        "id": str(c.id),
        "kind": c.kind.value,
        "source_id": c.source_id,
        "title": achievement.get("name") if isinstance(achievement.get("name"), str) else None,
        "school_org": c.school_org,
        "enterprise_org": c.enterprise_org,
        "student_ref": c.student_ref,
        "stage": c.stage.value,
        "requested_by": c.requested_by,
        "requested_at": when(c.requested_at),
        "countersigned_by": c.countersigned_by,
        "countersigned_at": when(c.countersigned_at),
        "ended_for": c.ended_for,
        "ended_by": c.ended_by,
        "ended_at": when(c.ended_at),
        "end_reason": c.end_reason,
    }


def csv_header() -> str:
    out = io.StringIO()
    csv.writer(out).writerow(COLUMNS)
    return out.getvalue()


def csv_line(c: Credential) -> str:
    """Nothing as an empty cell, text as a spreadsheet shows it (never a formula)."""
    out = io.StringIO()
    csv.writer(out).writerow(["" if v is None else text_cell(v) for v in row_of(c).values()])
    return out.getvalue()


def json_item(c: Credential) -> str:
    return json.dumps(row_of(c), ensure_ascii=False)
