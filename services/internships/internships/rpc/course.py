"""gRPC methods of the internship course (praxis.internships.v1.CourseService): protobuf → schemas.course → the same
handlers as REST → protobuf."""

from __future__ import annotations

from internships.domain.course import ProgrammeRequirement
from internships.handlers import course as handlers
from internships.rpc.messages import Servicer, decimal, ts
from internships.rpc.placements import placement_to_pb
from internships.schemas.course import PlacementAmend, RequirementIn, RequirementKey
from praxis.internships.v1 import course_pb2 as pb
from praxis.internships.v1 import course_pb2_grpc as pb_grpc
from praxis_common import rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate

_AMENDABLE = ("starts_on", "ends_on", "internship_type", "organisation_form", "internship_mode", "cohort")


def requirement_to_pb(r: ProgrammeRequirement) -> pb.ProgrammeRequirement:
    return pb.ProgrammeRequirement(
        internship_type=r.internship_type.value,
        cohort=r.cohort or "",
        required_hours=str(r.required_hours),
        min_weeks=r.min_weeks,
        min_weekly_reports=r.min_weekly_reports,
        set_at=ts(r.set_at),
        set_by=r.set_by,
        pass_mark=str(r.pass_mark),
        credits=str(r.credits),
        grade_scale=r.grade_scale,
        grade_bands=[pb.GradeBand(grade=b.grade, min_total=str(b.min_total)) for b in r.bands],
    )


class CourseServicer(Servicer, pb_grpc.CourseServiceServicer):
    """praxis.internships.v1.CourseService."""

    async def AmendPlacement(self, request: pb.AmendPlacementRequest, context) -> pb.AmendPlacementResponse:
        placement_id = parse_uuid(request.id, "id")
        fields = {name: getattr(request, name) or None for name in _AMENDABLE}  # proto3: "" is none (cohort: clear)
        body = validate(PlacementAmend, rpc.masked(request.update_mask, fields))
        cmd = body.to_command()
        if not cmd.changes and not request.update_mask.paths:
            raise InvalidInput(
                "nothing to change: name at least one field in update_mask",
                errors=[FieldError("update_mask", f"one or more of {', '.join(_AMENDABLE)}")],
            )
        placement = await handlers.amend_placement(
            placement_id, cmd, principal(), uow=self.rt.uow, clock=self.rt.clock, compliance=self.rt.settings.compliance
        )
        return pb.AmendPlacementResponse(placement=placement_to_pb(placement))

    async def GetPlacementProgress(
        self, request: pb.GetPlacementProgressRequest, context
    ) -> pb.GetPlacementProgressResponse:
        found = await handlers.placement_progress(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        p, g = found.placement, found.progress
        out = pb.GetPlacementProgressResponse(
            placement_id=str(p.id),
            internship_type=p.internship_type,
            cohort=p.cohort or "",
            approved_hours=str(g.approved_hours),
            approved_weeks=g.approved_weeks,
            hours_percent=decimal(g.hours_percent),
            weeks_percent=decimal(g.weeks_percent),
            reports_percent=decimal(g.reports_percent),
            status=g.status.value,
            short_of=g.short_of,
            hours_milestone=p.hours_milestone,
        )
        if g.requirement is not None:
            out.requirement.CopyFrom(requirement_to_pb(g.requirement))
        if g.weekly_reports is not None:
            out.weekly_reports = g.weekly_reports
        return out

    async def SetRequirement(self, request: pb.SetRequirementRequest, context) -> pb.SetRequirementResponse:
        key = validate(RequirementKey, {"internship_type": request.internship_type, "cohort": request.cohort or None})
        body = validate(
            RequirementIn,
            {
                "required_hours": request.required_hours,
                "min_weeks": request.min_weeks,
                "min_weekly_reports": request.min_weekly_reports,
                **({"pass_mark": request.pass_mark} if request.HasField("pass_mark") else {}),
                **({"credits": request.credits} if request.HasField("credits") else {}),
                **({"grade_scale": request.grade_scale} if request.grade_scale else {}),
                **(
                    {"grade_bands": [{"grade": b.grade, "min_total": b.min_total} for b in request.grade_bands]}
                    if request.grade_bands
                    else {}
                ),
            },
        )
        requirement = await handlers.set_requirement(
            key.to_command(body), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.SetRequirementResponse(requirement=requirement_to_pb(requirement))

    async def ListRequirements(self, request: pb.ListRequirementsRequest, context) -> pb.ListRequirementsResponse:
        found = await handlers.list_requirements(principal(), uow=self.rt.uow)
        return pb.ListRequirementsResponse(requirements=[requirement_to_pb(r) for r in found])
