"""The SQL of erasing a student from internships' own tables (handlers/erasure.py says what is kept and why).

Every statement runs on the unit's connection, in the kernel's open transaction, and is idempotent: the rows it
selects are those that still name the student (their ref in the school, or one of their placements, found by ref
before the placements themselves are pseudonymised), so a second run finds none.

Parameters of every statement: `school`, `ref`, `pseudonym`, and `ids` (the student's placements in the school).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncConnection

from internships.domain.erasure import forget_report_rows, replace_values

_OF_PLACEMENTS = "placement_id = ANY(:ids)"
_OF_STUDENT = "school_org = :school AND student_ref = :ref"


def _by(column: str) -> str:
    """The student's own sign-in (their `sub` is the school's student_ref) -> the pseudonym; anyone else's stays."""
    return f"{column} = CASE WHEN {column} = :ref THEN :pseudonym ELSE {column} END"


# (table, statement), in order: the placements' own rows first, the placements (found by ref) last.
STATEMENTS: tuple[tuple[str, str], ...] = (
    ("student_roster", f"DELETE FROM student_roster WHERE {_OF_STUDENT}"),
    # Hours and statuses stay (compliance figures, the tier evidence); the reviewer's comment goes.
    ("logbook_week", f"UPDATE logbook_week SET comment = NULL, {_by('submitted_by')} WHERE {_OF_PLACEMENTS}"),
    (
        "weekly_report_comment",
        f"DELETE FROM weekly_report_comment WHERE report_id IN (SELECT id FROM weekly_report WHERE {_OF_PLACEMENTS})",
    ),
    (
        "weekly_report",
        "UPDATE weekly_report SET text = '', evidence = '[]'::jsonb, review_comments = NULL, "
        f"{_by('submitted_by')} WHERE {_OF_PLACEMENTS}",
    ),
    ("attendance_day", f"UPDATE attendance_day SET reason = NULL, {_by('recorded_by')} WHERE {_OF_PLACEMENTS}"),
    (
        "leave_request",
        f"UPDATE leave_request SET reason = '', comment = NULL, {_by('requested_by')} WHERE {_OF_PLACEMENTS}",
    ),
    # The disputed days stay counted (the attendance summary); the mentor's reasons go.
    (
        "attendance_week",
        'UPDATE attendance_week SET disputed_days = (SELECT coalesce(jsonb_agg(d || \'{"reason": ""}\'::jsonb '
        "ORDER BY i), '[]'::jsonb) FROM jsonb_array_elements(disputed_days) WITH ORDINALITY AS x(d, i)) "
        f"WHERE {_OF_PLACEMENTS}",
    ),
    # The agreement's text and PDF name the student: emptied. Hashes stay, so the signatures still say what
    # version each party signed.
    ("placement_document", f"UPDATE placement_document SET body = '', pdf = ''::bytea WHERE {_OF_PLACEMENTS}"),
    (
        "placement_signature",
        f"UPDATE placement_signature SET signer_sub = :pseudonym WHERE {_OF_PLACEMENTS} AND signer_sub = :ref",
    ),
    (
        "placement_evaluation",
        f"UPDATE placement_evaluation SET comments = '', {_by('recorded_by')} WHERE {_OF_PLACEMENTS}",
    ),
    # An amendment must keep a (now empty) reason: ck_placement_grade_amendment_reason.
    (
        "placement_grade",
        f"UPDATE placement_grade SET reason = '' WHERE {_OF_PLACEMENTS} AND reason IS NOT NULL AND reason <> ''",
    ),
    (
        "placement_feedback",
        f"UPDATE placement_feedback SET student_ref = :pseudonym, comment = NULL, {_by('given_by')} WHERE {_OF_STUDENT}",
    ),
    ("credit_ledger_entry", f"UPDATE credit_ledger_entry SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    ("student_achievement", f"UPDATE student_achievement SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    ("guidance_record", f"UPDATE guidance_record SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    ("hire", f"UPDATE hire SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    ("ledger_placement", f"UPDATE ledger_placement SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    ("ledger_hire", f"UPDATE ledger_hire SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    (
        "round_student",
        "UPDATE round_student SET student_ref = :pseudonym, profile = '{}'::jsonb, birth_date = NULL, "
        f"study_year = NULL WHERE {_OF_STUDENT}",
    ),
    ("round_match", f"UPDATE round_match SET student_ref = :pseudonym WHERE {_OF_STUDENT}"),
    (
        "placement",
        "UPDATE placement SET student_ref = :pseudonym, profile = '{}'::jsonb, student_birth_date = NULL, "
        "study_year = NULL, reason = NULL, version = version + 1 WHERE id = ANY(:ids)",
    ),
)


class ErasureRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def placements_of(self, school_org: str, student_ref: str) -> list[uuid.UUID]:
        """The student's placements in the school, locked: a use case on one of them (filing a logbook week, a
        leave request...) locks its placement first, so it either committed before or runs after the erasure, when
        the placement no longer names the student (their token's sub is not its student any more)."""
        rows = await self.connection.execute(
            text("SELECT id FROM placement WHERE school_org = :school AND student_ref = :ref ORDER BY id FOR UPDATE"),
            {"school": school_org, "ref": student_ref},
        )
        return [r.id for r in rows]

    async def erase_rows(
        self, school_org: str, student_ref: str, pseudonym: str, placement_ids: list[uuid.UUID]
    ) -> dict[str, int]:
        """Every statement of STATEMENTS, in order: table -> rows deleted or changed."""
        params = {"school": school_org, "ref": student_ref, "pseudonym": pseudonym, "ids": placement_ids}
        changed: dict[str, int] = {}
        for table, statement in STATEMENTS:
            query = text(statement)
            if ":ids" in statement:
                query = query.bindparams(bindparam("ids", type_=ARRAY(UUID(as_uuid=True))))
            result = await self.connection.execute(query, {k: v for k, v in params.items() if f":{k}" in statement})
            changed[table] = changed.get(table, 0) + result.rowcount
        return changed

    async def rename_in_rankings(self, school_org: str, student_ref: str, pseudonym: str) -> int:
        """Enterprises' rankings of round applicants: the student's `[school, ref]` entry -> `[school, pseudonym]`
        (their place in the tie groups stays, so a recomputed round still ranks them as the enterprise did)."""
        old, new = [school_org, student_ref], [school_org, pseudonym]
        rows = await self.connection.execute(
            text(
                "SELECT round_id, position_id, ranking FROM round_position WHERE ranking @> CAST(:probe AS jsonb) "
                "FOR UPDATE"
            ),
            {"probe": json.dumps([[old]])},
        )
        changed = 0
        for row in rows.all():
            await self.connection.execute(
                text(
                    "UPDATE round_position SET ranking = :ranking WHERE round_id = :round AND position_id = :position"
                ).bindparams(bindparam("ranking", type_=JSONB)),
                {"ranking": replace_values(row.ranking, old, new), "round": row.round_id, "position": row.position_id},
            )
            changed += 1
        return changed

    async def rename_in_run_inputs(self, old_key: str, new_key: str) -> int:
        """Rounds' frozen run inputs name each student by their round key (`school/ref`): -> `school/pseudonym`,
        in the students and in the rankings. The run's `input_hash` stays the hash of what was computed."""
        rows = await self.connection.execute(
            text("SELECT id, inputs FROM round_run WHERE inputs -> 'students' @> CAST(:probe AS jsonb) FOR UPDATE"),
            {"probe": json.dumps([[old_key]])},
        )
        changed = 0
        for row in rows.all():
            await self.connection.execute(
                text("UPDATE round_run SET inputs = :inputs WHERE id = :id").bindparams(
                    bindparam("inputs", type_=JSONB)
                ),
                {"inputs": replace_values(row.inputs, old_key, new_key), "id": row.id},
            )
            changed += 1
        return changed

    async def forget_in_report_downloads(
        self, school_org: str, pseudonym: str, placement_ids: Collection[uuid.UUID]
    ) -> int:
        """The school's kept ministry report downloads: the student's rows under the pseudonym, without a name."""
        if not placement_ids:
            return 0
        keys = [str(pid) for pid in placement_ids]
        rows = await self.connection.execute(
            text(
                "SELECT id, rows FROM ministry_report_download WHERE school_org = :school "
                "AND rows ?| CAST(:keys AS text[]) FOR UPDATE"
            ),
            {"school": school_org, "keys": keys},
        )
        changed = 0
        for row in rows.all():
            await self.connection.execute(
                text("UPDATE ministry_report_download SET rows = :rows WHERE id = :id").bindparams(
                    bindparam("rows", type_=JSONB)
                ),
                {"rows": forget_report_rows(row.rows, keys, pseudonym), "id": row.id},
            )
            changed += 1
        return changed
