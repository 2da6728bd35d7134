"""A student's whole record in internships, made through the service's handlers and consumers, for the erasure
hook's test: roster entry, placement booked from the roster, signed agreement, insurance, both mentors, a logbook
week with the mentor's comment, a weekly report reviewed and commented, attendance (an absence, a disputed day, a
leave request), a self-assessment, the grade and its amendment, the survey, a hire, guidance, an achievement the
school recorded in credentials (with credit), the credit and value ledgers (from the service's own events), a round
with an enterprise ranking and a run, and the ministry report.

Every free text a student's record gets names the student (`texts(name)`), so a scan for it finds each of them.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from google.protobuf import json_format
from internships_attendance_world import END, START, World, at, who
from internships_course_start import ready_to_start
from sqlalchemy import text

from internships.consumers.credit_ledger import ACHIEVEMENT_RECORDED, apply_achievement, apply_graded
from internships.consumers.mentoring import apply_mentors_event
from internships.consumers.value_ledger import LEDGER_DURABLE, apply_ledger_event
from internships.domain.attendance import DayStatus, DisputedDay
from internships.domain.compliance import CompliancePolicy
from internships.domain.course import InternshipType
from internships.domain.evaluation_windows import Window
from internships.domain.feedback import Answers
from internships.domain.guidance import GuidanceRecord, RecordGuidance
from internships.domain.logbooks import LogLine
from internships.domain.ministry_report import Month
from internships.domain.outcomes import HireKind
from internships.domain.roster import RosterStudent
from internships.domain.weekly_reports import ReportKind
from internships.handlers import attendance, course, feedback, grades, logbooks, ministry_report, outcomes, rounds
from internships.handlers import placement_evaluations as evaluations
from internships.handlers import weekly_reports as reports
from internships.handlers.evaluation_windows import open_windows
from internships.handlers.guidance import record_guidance
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.roster import apply_roster_batch
from praxis.events.v1 import credentials_pb2, mentors_pb2
from praxis_common.events import ReceivedEvent

PROGRAMME = "Cross-border e-commerce"
WEEK1, WEEK2, WEEK3 = START, START + timedelta(days=7), START + timedelta(days=14)


def texts(name: str) -> dict[str, str]:
    """The free texts of `name`'s record, each naming them."""
    return {
        "logbook_comment": f"{name} kept the listings tidy",
        "report": f"{name} wrote: this week I priced forty listings",
        "report_review": f"Good progress, {name}",
        "report_comment": f"{name} should try the ads console",
        "absence": f"{name} had a dental appointment",
        "disputed": f"{name} left at noon",
        "leave": f"{name} sits an exam",
        "leave_comment": f"Good luck, {name}",
        "self_assessment": f"{name} learned to run a store",
        "amendment": f"{name}'s final project re-marked",
        "survey": f"{name} recommends the hub",
        "evidence": f"https://evidence.example/{name.replace(' ', '-')}",
    }


async def _event(uow, type_: str, message) -> None:
    received = ReceivedEvent(
        id=str(uuid.uuid4()), type=type_, source="mentors", subject="", time="",
        data=json_format.MessageToJson(message).encode(),
    )  # fmt: skip
    await apply_mentors_event(received, uow)


async def assign_mentors(w: World, placement_id: uuid.UUID, student: str) -> None:
    """The mentors service's assignments, as they arrive: Ann for the enterprise (w.mentor), the teacher (w.teacher,
    named for the ministry report) for the school."""
    for side, org, mentor_id, account, name in (
        ("enterprise", w.enterprise_org, w.mentor_id, w.mentor.sub, "Ann Mentor"),
        ("school", w.school_org, w.teacher_id, w.teacher.sub, "Teacher Wang"),
    ):
        assignment = mentors_pb2.MentoringAssignment(
            assignment_id=str(uuid.uuid4()), context_kind="placement", context_id=str(placement_id), side=side,
            org=org, school_org=w.school_org, enterprise_org=w.enterprise_org, student_ref=student,
        )  # fmt: skip
        message = mentors_pb2.MentorAssigned(
            assignment=assignment, mentor_id=str(mentor_id), assigned_at=at(START, 9)().isoformat(),
            mentor_account=account, mentor_version=1, mentor_name=name,
        )  # fmt: skip
        await _event(w.uow, "praxis.mentors.mentor.assigned.v1", message)


async def roster_entry(w: World, ref: str, name: str) -> None:
    job = SimpleNamespace(id=uuid.uuid4(), org=w.school_org, dry_run=False)
    student = RosterStudent(ref, name, PROGRAMME, ("ops",), ("en", "zh"), 2)
    async with w.uow() as u:
        await apply_roster_batch(u, job, [(1, student)])
        await u.commit()


async def prepare(w: World) -> None:
    """The world, a school mentor's id, and the school's grading terms (credits for a pass)."""
    await w.setup()
    w.teacher_id = uuid.uuid4()
    w.school_admin = who("adm", w.school_org, "school", "admin")
    await course.set_requirement(
        course.SetRequirement(InternshipType.POST_INTERNSHIP, None, Decimal(0), 0, 0, credits=Decimal(4)),
        w.school_admin,
        uow=w.uow,
        clock=at(START - timedelta(days=30)),
    )


async def record(w: World, ref: str, name: str) -> uuid.UUID:
    """`ref`'s whole record in `w`'s school, named `name`; their placement's id."""
    t, uow, student = texts(name), w.uow, w.student(ref)
    await roster_entry(w, ref, name)
    booked = await book_placement(
        BookPlacement(w.position_id, ref, birth_date=date(2008, 1, 1), study_year=2, profile_from_roster=True),
        w.school,
        uow=uow,
        clock=at(START - timedelta(days=10)),
    )
    pid = booked.id
    await change_placement(pid, "confirm", w.hr, uow=uow, clock=at(START - timedelta(days=9)))
    await ready_to_start(pid, school=w.school, enterprise=w.hr, uow=uow, clock=at(START, 7))
    await change_placement(pid, "start", w.school, uow=uow, clock=at(START, 8))
    await assign_mentors(w, pid, ref)
    # A logbook week, filed by the student, approved with a comment.
    lines = [LogLine(WEEK1 + timedelta(days=i), "listings", Decimal(8)) for i in range(5)]
    week_end = at(WEEK1 + timedelta(days=5))
    policy = CompliancePolicy.CN_VOCATIONAL_2021
    await logbooks.file_week(pid, WEEK1, lines, student, uow=uow, policy=policy, clock=week_end)
    await logbooks.review_week(
        pid, WEEK1, w.mentor, approve=True, comment=t["logbook_comment"], uow=uow, clock=week_end
    )
    # A weekly report, reviewed by the school mentor and commented on by the enterprise's.
    filed = reports.FileReport(ReportKind.WEEKLY, WEEK1, t["report"], [t["evidence"]], ["listings"])
    await reports.file_report(pid, filed, student, uow=uow, clock=week_end)
    review = reports.ReviewReport(ReportKind.WEEKLY, WEEK1, True, t["report_review"], 85)
    await reports.review_report(pid, review, w.teacher, uow=uow, clock=week_end)
    note = reports.CommentReport(ReportKind.WEEKLY, WEEK1, t["report_comment"])
    await reports.comment_report(pid, note, w.mentor, uow=uow, clock=week_end)
    # Attendance: an absence the student records, a disputed day in the attested week, leave asked and granted.
    absent = attendance.RecordDay(pid, WEEK2, DayStatus.ABSENT, reason=t["absence"])
    await attendance.record_day(absent, student, uow=uow, clock=at(WEEK2))
    disputed = [DisputedDay(WEEK2 + timedelta(days=1), t["disputed"])]
    await attendance.attest_week(
        attendance.AttestWeek(pid, WEEK2, disputed), w.mentor, uow=uow, clock=at(WEEK2 + timedelta(days=6))
    )
    leave = await attendance.request_leave(
        attendance.RequestLeave(pid, WEEK3, WEEK3 + timedelta(days=1), t["leave"]), student, uow=uow, clock=at(WEEK2)
    )
    decision = attendance.DecideLeave(pid, leave.id, True, t["leave_comment"])
    await attendance.decide_leave(decision, w.mentor, uow=uow, clock=at(WEEK2 + timedelta(days=1)))
    # The student's final self-assessment, the completion (graded) and the school's amendment, the survey.
    final = END - timedelta(days=7)
    await open_windows(uow=uow, clock=at(final))
    cmd = evaluations.RecordPlacementEvaluation(Window.FINAL, {"self_assessment": Decimal(70)}, t["self_assessment"])
    evaluator = await evaluations.confirm_evaluator(
        pid, cmd, student, token="t", uow=uow, mentors=None, clock=at(final)
    )
    await evaluations.record_placement_evaluation(pid, cmd, student, evaluator, uow=uow, clock=at(final))
    await change_placement(pid, "complete", w.hr, uow=uow, clock=at(END))
    amend = grades.AmendGrade(Decimal(88), None, t["amendment"])
    await grades.amend_grade(pid, amend, w.school_admin, uow=uow, clock=at(END))
    answers = Answers(4, 5, True, True, t["survey"])
    await feedback.give_feedback(feedback.GiveFeedback(pid, answers), student, uow=uow, clock=at(END))
    # What the enterprise and the mentors service report afterwards.
    hire = outcomes.RecordHire(ref, pid, HireKind.RETURN_OFFER, END + timedelta(days=1), "Store lead")
    await outcomes.record_hire(hire, w.hr, uow=uow, clock=at(END + timedelta(days=1)))
    session = GuidanceRecord(
        uuid.uuid4(), "placement", str(pid), "school", w.school_org, w.enterprise_org, ref, "onsite", 45,
        WEEK2, at(WEEK2)(),
    )  # fmt: skip
    await record_guidance(RecordGuidance(session), uow=uow)
    await achievement(w, ref)
    return pid


async def achievement(w: World, ref: str) -> None:
    """A certificate the school recorded for `ref` in the credentials service, weighed and credited, as it arrives."""
    message = credentials_pb2.AchievementRecorded(
        achievement_id=str(uuid.uuid4()), school_org=w.school_org, student_ref=ref, kind="certificate",
        title="Cross-border e-commerce operations, level 2", issuer_name="Ministry of Commerce training centre",
        awarded_on=WEEK2.isoformat(), points="20", credits="1", revision=1, occurred_at=at(WEEK2)().isoformat(),
    )  # fmt: skip
    received = ReceivedEvent(
        id=str(uuid.uuid4()), type=ACHIEVEMENT_RECORDED, source="credentials", subject="", time="",
        data=json_format.MessageToJson(message).encode(),
    )  # fmt: skip
    await apply_achievement(received, w.uow)


async def round_with(w: World, students: dict[str, str]) -> uuid.UUID:
    """A round of `w`'s position with `students` (ref -> display name) applying, ranked by the enterprise in that
    order, closed and computed."""
    clock = at(START - timedelta(days=15))
    rnd = await rounds.create_round(rounds.CreateRound(title="Spring"), w.school, uow=w.uow, clock=clock)
    await rounds.add_position(rnd.id, w.position_id, w.school, uow=w.uow, clock=clock)
    entries = [
        rounds.StudentEntry(ref, {"display_name": name, "competencies": ["ops"]}, date(2008, 1, 1), 2)
        for ref, name in students.items()
    ]
    await rounds.add_students(rnd.id, entries, w.school, uow=w.uow, clock=clock)
    for ref in students:
        await rounds.set_preferences(rnd.id, ref, [w.position_id], w.school, uow=w.uow, clock=clock)
    ranking = [[(w.school_org, ref)] for ref in students]
    await rounds.set_ranking(rnd.id, w.position_id, ranking, w.hr, uow=w.uow, clock=clock)
    await rounds.close_round(rnd.id, w.school, uow=w.uow, clock=clock)
    await rounds.compute_round(rnd.id, w.school, uow=w.uow, clock=clock)
    return rnd.id


async def ministry_download(w: World) -> None:
    month = Month(START.year, START.month)
    await ministry_report.download(month, "csv", w.school_admin, uow=w.uow, clock=at(WEEK3))


async def relay(uow) -> None:
    """The service's own events, through its ledgers' consumers once each (the inbox), as in production."""
    async with uow() as u:
        rows = (await u.connection.execute(text("SELECT headers, payload FROM outbox ORDER BY position"))).all()
    for row in rows:
        event = ReceivedEvent.from_message(row.headers, bytes(row.payload))
        async with uow() as u:
            if await u.claim_event(LEDGER_DURABLE, event.id, event.type):
                await apply_ledger_event(event, lambda u=u: u)
                await u.commit()
        await apply_graded(event, uow)
