"""gRPC methods of grades and the credit ledger (praxis.internships.v1.CreditsService): protobuf → schemas.credits →
the same handlers as REST → protobuf. The ledger's downloads are REST only."""

from __future__ import annotations

from internships.domain.credit_ledger import LedgerEntry, StudentTotal
from internships.handlers import credit_ledger as ledger
from internships.handlers import grades
from internships.handlers.grades import GradeHistory
from internships.rpc.messages import Servicer, decimal, ts
from internships.schemas.credits import GradeAmend, LedgerQuery
from praxis.internships.v1 import credits_pb2 as pb
from praxis.internships.v1 import credits_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate


def _revision(g) -> pb.GradeRevision:
    return pb.GradeRevision(
        revision=g.revision,
        total=str(g.total),
        grade=g.grade,
        passed=g.passed,
        credits=str(g.credits),
        pass_mark=str(g.pass_mark),
        graded_by=g.graded_by,
        graded_at=ts(g.graded_at),
        reason=g.reason or "",
    )


def grade_to_pb(h: GradeHistory) -> pb.PlacementGrade:
    g = h.current
    return pb.PlacementGrade(
        placement_id=str(h.placement.id),
        student_ref=h.placement.student_ref,
        current=_revision(g),
        grade_scale=g.grade_scale,
        grade_bands=[pb.GradeScaleBand(grade=b.grade, min_total=str(b.min_total)) for b in g.bands],
        credits_of_pass=str(g.credits_of_pass),
        complete=g.complete,
        missing=list(g.missing),
        rubric_id=g.rubric_id or "",
        rubric_version=g.rubric_version or 0,
        history=[_revision(r) for r in h.revisions],
    )


def entry_to_pb(e: LedgerEntry) -> pb.CreditLedgerEntry:
    return pb.CreditLedgerEntry(
        school_org=e.school_org,
        student_ref=e.student_ref,
        source_kind=e.source_kind.value,
        source_id=str(e.source_id),
        title=e.title,
        enterprise_org=e.enterprise_org,
        credits=str(e.credits),
        score=decimal(e.score),
        grade=e.grade or "",
        passed=e.passed,
        awarded_on=e.awarded_on.isoformat(),
        revision=e.revision,
        updated_at=ts(e.updated_at),
    )


def total_to_pb(t: StudentTotal) -> pb.StudentCreditTotal:
    return pb.StudentCreditTotal(student_ref=t.student_ref, credits=str(t.credits), entries=t.entries, passed=t.passed)


class CreditsServicer(Servicer, pb_grpc.CreditsServiceServicer):
    """praxis.internships.v1.CreditsService."""

    async def GetPlacementGrade(self, request: pb.GetPlacementGradeRequest, context) -> pb.GetPlacementGradeResponse:
        found = await grades.placement_grade(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetPlacementGradeResponse(grade=grade_to_pb(found))

    async def AmendPlacementGrade(
        self, request: pb.AmendPlacementGradeRequest, context
    ) -> pb.AmendPlacementGradeResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        body = validate(
            GradeAmend,
            {
                "reason": request.reason,
                **({"total": request.total} if request.HasField("total") else {}),
                **({"grade": request.grade} if request.HasField("grade") else {}),
            },
        )

        async def amend(uow) -> pb.AmendPlacementGradeResponse:
            amended = await grades.amend_grade(
                placement_id, body.to_command(), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.AmendPlacementGradeResponse(grade=grade_to_pb(amended))

        return await rpc.created(context, self.rt.uow, request, amend, pb.AmendPlacementGradeResponse)

    async def ListCreditLedger(self, request: pb.ListCreditLedgerRequest, context) -> pb.ListCreditLedgerResponse:
        fields = ("student_ref", "source_kind", "from", "to", "enterprise_org")
        query = validate(LedgerQuery, {name: getattr(request, name) for name in fields if getattr(request, name)})
        found = await ledger.list_ledger(
            query.to_command(pages.page_size(request.page_size), request.page_token or None),
            principal(),
            uow=self.rt.uow,
        )
        return pb.ListCreditLedgerResponse(
            entries=[entry_to_pb(e) for e in found.entries],
            next_page_token=found.next_page_token or "",
            totals=[total_to_pb(t) for t in found.totals],
        )

    async def GetStudentCredits(self, request: pb.GetStudentCreditsRequest, context) -> pb.GetStudentCreditsResponse:
        ref = validate(LedgerQuery, {"student_ref": request.student_ref}).student_ref
        found = await ledger.student_summary(ref, principal(), uow=self.rt.uow)
        return pb.GetStudentCreditsResponse(
            total=total_to_pb(found.total), entries=[entry_to_pb(e) for e in found.entries]
        )
