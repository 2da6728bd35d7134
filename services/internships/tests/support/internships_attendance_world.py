"""A world for the attendance handler tests, on a real migrated database: a school and an enterprise with an active
agreement, a position, and active placements that started on START (a Monday), with the enterprise mentor the
mentors service assigned put into internships' read model the way its events arrive (consumers.apply_mentors_event).
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from google.protobuf import json_format
from internships_course_start import ready_to_start
from internships_profiles import register
from sqlalchemy import text

from internships import handlers
from internships.consumers.mentoring import apply_mentors_event
from internships.domain import commands
from internships.domain.compliance import CompliancePolicy
from internships.domain.logbooks import LogLine
from internships.domain.positions import Duty, DutyKind
from internships.handlers import logbooks
from internships.handlers.placements import BookPlacement, book_placement, change_placement
from internships.handlers.positions import CreateBase, CreatePosition, change_position, create_base, create_position
from praxis.events.v1 import mentors_pb2
from praxis_common.auth import Principal
from praxis_common.events import ReceivedEvent

START = date(2030, 3, 4)  # a Monday
END = START + timedelta(days=90)
_worlds = itertools.count(1)


def at(day: date, hour: int = 18):
    return lambda: datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def who(sub: str, org: str, kind: str, *roles: str) -> Principal:
    return Principal(sub=sub, org=org, org_kind=kind, roles=frozenset(roles))


class World:
    def __init__(self, uow) -> None:
        n = next(_worlds)
        self.uow = uow
        self.school_org, self.enterprise_org = f"as{n}", f"ae{n}"
        self.school = who("coord", self.school_org, "school", "coordinator")
        self.teacher = who("teach", self.school_org, "school", "teacher")
        self.hr = who("hr", self.enterprise_org, "enterprise", "hr")
        self.mentor = who(f"{self.enterprise_org}:ann", self.enterprise_org, "enterprise", "mentor")
        self.other_mentor = who(f"{self.enterprise_org}:bo", self.enterprise_org, "enterprise", "mentor")
        self.other_school = who("coord", f"as{n}x", "school", "coordinator", "admin")
        self.other_enterprise = who(f"{self.enterprise_org}:ann", f"ae{n}x", "enterprise", "mentor", "hr")
        self.mentor_id = uuid.uuid4()

    def student(self, ref: str) -> Principal:
        return who(ref, self.school_org, "school", "student")

    async def setup(self) -> None:
        admin = who("adm", self.school_org, "school", "admin")
        await register(self.uow, (self.school_org, "school"), (self.enterprise_org, "enterprise"))
        a = await handlers.draft_agreement(
            commands.DraftAgreement(
                school_org=self.school_org,
                enterprise_org=self.enterprise_org,
                title="",
                valid_from=START - timedelta(days=30),
                valid_to=END + timedelta(days=30),
                intern_quota=20,
            ),
            admin,
            uow=self.uow,
            clock=at(START - timedelta(days=40)),
        )
        for p in (admin, self.hr):
            await handlers.sign_agreement(
                commands.SignAgreement(a.id), p, uow=self.uow, clock=at(START - timedelta(30))
            )
        clock = at(START - timedelta(days=20))
        base = await create_base(
            CreateBase(a.id, "Hub", 1, "CN", "Shenzhen", capacity=100, staff=10_000), self.hr, uow=self.uow, clock=clock
        )
        position = await create_position(
            CreatePosition(
                base_id=base.id,
                title="Store operations",
                description="",
                seats=10,
                starts_on=START,
                ends_on=END,
                languages=["en"],
                competencies=[],
                duties=[Duty("listings", DutyKind.CORE)],
                post_staff=5_000,
                monthly_pay=Decimal("4000"),
                reference_monthly_wage=Decimal("4500"),
            ),
            self.hr,
            uow=self.uow,
            clock=clock,
        )
        await change_position(position.id, "publish", self.hr, uow=self.uow, clock=clock)
        self.position_id, self.base_id, self.agreement_id = position.id, base.id, a.id

    async def placement(self, student: str, *, start: bool = True) -> uuid.UUID:
        booked = await book_placement(
            BookPlacement(self.position_id, student, birth_date=date(2008, 1, 1), study_year=2),
            self.school,
            uow=self.uow,
            clock=at(START - timedelta(days=10)),
        )
        if start:
            await change_placement(booked.id, "confirm", self.hr, uow=self.uow, clock=at(START - timedelta(days=9)))
            await ready_to_start(booked.id, school=self.school, enterprise=self.hr, uow=self.uow, clock=at(START, 7))
            await change_placement(booked.id, "start", self.school, uow=self.uow, clock=at(START, 8))
        return booked.id

    async def assign_mentor(self, placement_id: uuid.UUID, student: str) -> None:
        """The mentors service's mentor.assigned event for Ann, the placement's enterprise mentor, as it arrives."""
        message = mentors_pb2.MentorAssigned(
            assignment=mentors_pb2.MentoringAssignment(
                assignment_id=str(uuid.uuid4()),
                context_kind="placement",
                context_id=str(placement_id),
                side="enterprise",
                org=self.enterprise_org,
                school_org=self.school_org,
                enterprise_org=self.enterprise_org,
                student_ref=student,
            ),
            mentor_id=str(self.mentor_id),
            assigned_at=at(START, 9)().isoformat(),
            mentor_account=self.mentor.sub,
            mentor_version=1,
        )
        event = ReceivedEvent(
            id=str(uuid.uuid4()),
            type="praxis.mentors.mentor.assigned.v1",
            source="mentors",
            subject="",
            time="",
            data=json_format.MessageToJson(message).encode(),
        )
        await apply_mentors_event(event, self.uow)

    async def approved_logbook_week(self, placement_id: uuid.UUID, student: str, monday: date, hours: str) -> None:
        """Five days of `hours` each, filed by the student and approved by the assigned mentor."""
        lines = [LogLine(monday + timedelta(days=i), "listings", Decimal(hours)) for i in range(5)]
        clock = at(monday + timedelta(days=5))
        policy = CompliancePolicy.CN_VOCATIONAL_2021
        await logbooks.file_week(
            placement_id, monday, lines, self.student(student), uow=self.uow, policy=policy, clock=clock
        )
        await logbooks.review_week(
            placement_id, monday, self.mentor, approve=True, comment=None, uow=self.uow, clock=clock
        )

    async def subjects(self, placement_id: uuid.UUID) -> list[str]:
        async with self.uow() as u:
            rows = await u.connection.execute(
                text("SELECT subject FROM outbox WHERE aggregate_id = :id ORDER BY position"), {"id": str(placement_id)}
            )
            return [r.subject for r in rows]
