"""gRPC methods of outcomes (praxis.internships.v1.OutcomesService): protobuf → schemas.outcomes → handler →
protobuf."""

from __future__ import annotations

from internships.domain.outcomes import Alignment, Hire, HireKind, Programme, TagCount, ValueLedger, YearOutcomes
from internships.handlers import outcomes as handlers
from internships.rpc.messages import Servicer, decimal, ts
from internships.schemas.outcomes import HireCreate, ProgrammeKey, ProgrammeSet, YearQuery
from praxis.internships.v1 import outcomes_pb2 as pb
from praxis.internships.v1 import outcomes_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_KIND_TO_PB = {k: getattr(pb, f"HIRE_KIND_{k.name}") for k in HireKind}
_KIND_FROM_PB = {v: k.value for k, v in _KIND_TO_PB.items()}


def hire_to_pb(h: Hire) -> pb.Hire:
    return pb.Hire(
        id=str(h.id),
        enterprise_org=h.enterprise_org,
        school_org=h.school_org,
        student_ref=h.student_ref,
        agreement_id=str(h.agreement_id),
        placement_id=str(h.placement_id or ""),
        kind=_KIND_TO_PB[h.kind],
        on=h.on.isoformat(),
        position_title=h.position_title or "",
        recorded_by=h.recorded_by,
        recorded_at=ts(h.recorded_at),
    )


def programme_to_pb(p: Programme) -> pb.Programme:
    return pb.Programme(
        school_org=p.school_org, cohort=p.cohort, competencies=p.competencies, set_at=ts(p.set_at), set_by=p.set_by
    )


def _alignment(a: Alignment) -> pb.Alignment:
    return pb.Alignment(aligned=a.aligned, with_profile=a.with_profile, rate=decimal(a.rate))


def _tags(tags: list[TagCount]) -> list[pb.TagCount]:
    return [pb.TagCount(tag=t.tag, count=t.count) for t in tags]


def value_to_pb(v: ValueLedger) -> pb.AgreementValue:
    return pb.AgreementValue(
        agreement_id=str(v.agreement_id),
        school_org=v.school_org,
        enterprise_org=v.enterprise_org,
        interns_hosted=v.interns_hosted,
        interns_completed=v.interns_completed,
        core_hours=decimal(v.core_hours),
        total_hours=decimal(v.total_hours),
        core_share=decimal(v.core_share),
        projects_delivered=v.projects_delivered,
        teams_completed=v.teams_completed,
        guidance_sessions=v.guidance_sessions,
        guidance_minutes=v.guidance_minutes,
        onsite_guidance_minutes=v.onsite_guidance_minutes,
        students_hired=v.students_hired,
        return_offers=v.return_offers,
        hires=v.hires,
        alignment=_alignment(v.alignment),
    )


def outcomes_to_pb(o: YearOutcomes) -> pb.YearOutcomes:
    return pb.YearOutcomes(
        school_org=o.school_org,
        year=o.year,
        placements=o.placements,
        alignment=_alignment(o.alignment),
        hired=o.hired,
        completed=o.completed,
        ended=o.ended,
        hire_rate=decimal(o.hire_rate),
        completion_rate=decimal(o.completion_rate),
        demanded=_tags(o.demanded),
        trained=_tags(o.trained),
        gaps=_tags(o.gaps),
    )


class OutcomesServicer(Servicer, pb_grpc.OutcomesServiceServicer):
    """praxis.internships.v1.OutcomesService."""

    async def RecordHire(self, request: pb.RecordHireRequest, context) -> pb.RecordHireResponse:
        body = validate(
            HireCreate,
            {
                "student_ref": request.student_ref,
                "placement_id": request.placement_id or None,
                "kind": _KIND_FROM_PB.get(request.kind),  # UNSPECIFIED: missing
                "on": request.on,
                "position_title": request.position_title or None,
            },
        )

        async def record(uow) -> pb.RecordHireResponse:
            hire = await handlers.record_hire(body.to_command(), principal(), uow=uow, clock=self.rt.clock)
            return pb.RecordHireResponse(hire=hire_to_pb(hire))

        return await rpc.created(context, self.rt.uow, request, record, pb.RecordHireResponse)

    async def ListHires(self, request: pb.ListHiresRequest, context) -> pb.ListHiresResponse:
        query = handlers.Page(pages.page_size(request.page_size), request.page_token or None)
        items, token = await handlers.list_hires(query, principal(), uow=self.rt.uow)
        return pb.ListHiresResponse(hires=[hire_to_pb(h) for h in items], next_page_token=token or "")

    async def SetProgrammeCompetencies(
        self, request: pb.SetProgrammeCompetenciesRequest, context
    ) -> pb.SetProgrammeCompetenciesResponse:
        body = validate(ProgrammeSet, {"cohort": request.cohort, "competencies": list(request.competencies)})
        found = await handlers.set_programme(body.to_command(), principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.SetProgrammeCompetenciesResponse(programme=programme_to_pb(found))

    async def GetProgramme(self, request: pb.GetProgrammeRequest, context) -> pb.GetProgrammeResponse:
        key = validate(ProgrammeKey, {"cohort": request.cohort})
        found = await handlers.get_programme(key.cohort, principal(), uow=self.rt.uow)
        return pb.GetProgrammeResponse(programme=programme_to_pb(found))

    async def ListProgrammes(self, request: pb.ListProgrammesRequest, context) -> pb.ListProgrammesResponse:
        query = handlers.Page(pages.page_size(request.page_size), request.page_token or None)
        items, token = await handlers.list_programmes(query, principal(), uow=self.rt.uow)
        return pb.ListProgrammesResponse(programmes=[programme_to_pb(p) for p in items], next_page_token=token or "")

    async def GetAgreementValue(self, request: pb.GetAgreementValueRequest, context) -> pb.GetAgreementValueResponse:
        agreement_id = parse_uuid(request.agreement_id, "agreement_id")
        value = await handlers.agreement_value(agreement_id, principal(), uow=self.rt.uow)
        return pb.GetAgreementValueResponse(value=value_to_pb(value))

    async def GetYearOutcomes(self, request: pb.GetYearOutcomesRequest, context) -> pb.GetYearOutcomesResponse:
        query = validate(YearQuery, {"year": request.year})
        found = await handlers.school_outcomes(query.year, principal(), uow=self.rt.uow)
        return pb.GetYearOutcomesResponse(outcomes=outcomes_to_pb(found))
