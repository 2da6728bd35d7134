"""Internships' part in erasing a student (praxis_common.erasure, docs/erasure.md "## internships"): the hook the
kernel's erasure consumer calls in its open transaction, for every row about the student in the requesting school.

What each table holds of the student, and what happens to it (tables from migrations 0001-0041):

- student_roster (display name, programme, competencies, languages, study year): the row is deleted.
- placement (student_ref, the shared profile snapshot, birth date, study year, the withdraw/terminate reason):
  kept under the pseudonym, so seat, quota and intern counters and the school's placement totals are unchanged;
  profile emptied, birth date, study year and reason cleared.
- logbook_week (submitted_by, the reviewer's comment): hours and statuses stay; comment cleared, the student's
  own sign-in pseudonymised. Its lines hold days, duties and hours only.
- weekly_report (text, evidence links, review comments, submitted_by): text and evidence emptied, review comments
  cleared, score stays; weekly_report_comment (comment bodies about the report): deleted.
- attendance_day (absence reason, recorded_by), leave_request (reason, decision comment, requested_by),
  attendance_week (the mentor's disputed days with reasons): reasons and comments emptied; days, hours and counts
  stay.
- placement_document (the agreement's text and PDF, naming the student): emptied; hashes stay.
  placement_signature (signer_sub: the student's own sign-in when they signed): pseudonymised.
- placement_evaluation (comments, recorded_by for a self-assessment): comments emptied, scores stay.
  placement_grade (an amendment's reason): emptied; totals, grades and credits stay.
- placement_feedback (student_ref, comment, given_by): ratings stay under the pseudonym (tier evidence).
- credit_ledger_entry, student_achievement, guidance_record, hire, ledger_placement, ledger_hire (student_ref): kept
  under the pseudonym (credits, achievements' points, guidance minutes, outcomes). A later revision of an
  achievement keeps the pseudonym (adapters/credit_ledger.py).
- round_student (student_ref, profile, birth date, study year, preferences): pseudonymised, profile emptied;
  round_match (student_ref; explanations name positions only): pseudonymised; round_position.ranking and
  round_run.inputs (the student's round key among others'): the key renamed in place.
- ministry_report_download.rows (a row per placement: student name and ref): the student's rows pseudonymised.

Holding nothing of a student: agreement, agreement_template, practice_base, position, programme(_requirement),
insurance_policy, placement_insurance (policy links), placement_mentor and mentor_account (mentors), placement_rubric,
rubric_version, evaluation_window, ledger_week/team/demand, base_tier_decision (aggregated evidence), used_action_link,
allocation_round, organisation_profile, change_log (ids and organisations). The kernel's tables (outbox, inbox,
idempotency_key, import_job, audit_entry) are erased by the kernel's part of the same transaction. The coordinator's
erasure_request keeps the ref until every service confirmed, then forgets it (handlers of the erasures themselves).
"""

from __future__ import annotations

from internships.domain.rounds import student_key
from praxis_common.erasure import ErasureRequest


async def erase_student(uow, request: ErasureRequest) -> dict[str, int]:
    """Erase or pseudonymise every row about `request.student_ref` in `request.school_org`, on the unit's open
    transaction (the caller commits); table -> rows changed, only tables with changes. Idempotent: a second run
    finds nothing that still names the student and returns {}."""
    school, ref, pseudonym = request.school_org, request.student_ref, request.pseudonym
    repo = uow.erasure
    placements = await repo.placements_of(school, ref)
    # The documents that name the student among others first: they are found by the ref the rows below lose.
    changed = {
        "round_position": await repo.rename_in_rankings(school, ref, pseudonym),
        "round_run": await repo.rename_in_run_inputs(student_key(school, ref), student_key(school, pseudonym)),
        "ministry_report_download": await repo.forget_in_report_downloads(school, pseudonym, placements),
    }
    changed |= await repo.erase_rows(school, ref, pseudonym, placements)
    return {table: n for table, n in changed.items() if n}
