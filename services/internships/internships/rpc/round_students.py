"""gRPC methods of an allocation round's students and their ranked lists."""

from __future__ import annotations

import asyncio

from pydantic import BaseModel, ConfigDict

from internships.handlers import rounds as round_handlers
from internships.rpc.messages import Servicer, optional, profile_in, profile_out, ts
from internships.schemas.rounds import PreferencesIn, RoundStudentsIn
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common import pages
from praxis_common.rpc import principal
from praxis_common.validation import StudentRef, parse_uuid, validate


class _RoundStudent(BaseModel):
    """The {student_ref} of the round student routes, with the limits of the students' body."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef


def round_student_to_pb(s) -> pb.RoundStudent:
    return pb.RoundStudent(
        school_org=s.school_org,
        student_ref=s.student_ref,
        profile=profile_out(s.profile),
        birth_date=ts(s.birth_date),
        study_year=s.study_year,
        preferences=[str(p) for p in s.preferences],
        preferences_at=ts(s.preferences_at),
        added_at=ts(s.added_at),
    )


def _students(request: pb.AddRoundStudentsRequest) -> list[round_handlers.StudentEntry]:
    students = [
        {
            "student_ref": e.student_ref,
            "profile": profile_in(e.profile),
            "birth_date": e.birth_date or None,
            "study_year": optional(e, "study_year"),
        }
        for e in request.students
    ]
    return RoundStudentsIn.check({"students": students}).to_command()


class RoundStudentsServicer(Servicer):
    async def AddRoundStudents(self, request: pb.AddRoundStudentsRequest, context) -> pb.AddRoundStudentsResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        entries = await asyncio.to_thread(_students, request)  # up to 1,000: validated off the event loop
        stored = await round_handlers.add_students(round_id, entries, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return await asyncio.to_thread(
            lambda: pb.AddRoundStudentsResponse(students=[round_student_to_pb(s) for s in stored])
        )

    async def ListRoundStudents(self, request: pb.ListRoundStudentsRequest, context) -> pb.ListRoundStudentsResponse:
        stored, token = await round_handlers.list_students(
            parse_uuid(request.round_id, "round_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundStudentsResponse(
            students=[round_student_to_pb(s) for s in stored], next_page_token=token or ""
        )

    async def RemoveRoundStudent(self, request: pb.RemoveRoundStudentRequest, context) -> pb.RemoveRoundStudentResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        student_ref = validate(_RoundStudent, {"student_ref": request.student_ref}).student_ref
        await round_handlers.remove_student(round_id, student_ref, principal(), uow=self.rt.uow)
        return pb.RemoveRoundStudentResponse()

    async def SetPreferences(self, request: pb.SetPreferencesRequest, context) -> pb.SetPreferencesResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        student_ref = validate(_RoundStudent, {"student_ref": request.student_ref}).student_ref
        body = validate(PreferencesIn, {"positions": list(request.positions)})
        stored = await round_handlers.set_preferences(
            round_id,
            student_ref,
            body.positions,
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return pb.SetPreferencesResponse(student=round_student_to_pb(stored))
