"""gRPC edge of the internships service: protobuf ↔ commands; the same handlers as REST.

Inputs are validated by the REST pydantic schemas (praxis_common.validation.validate), so both edges
apply the same rules and a bad field is INVALID_ARGUMENT naming it; create calls go through
praxis_common.rpc.created for `idempotency-key` metadata. No business rules live here."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from internships import handlers
from internships.domain import commands
from internships.domain.agreements import Agreement, Status
from internships.domain.logbooks import LogbookWeek, LogLine, WeekStatus
from internships.domain.placements import Placement, PlacementStatus
from internships.domain.positions import Duty, DutyKind, Position, PositionStatus, PracticeBase
from internships.domain.rounds import Round, RoundStatus, split_student_key
from internships.handlers import logbooks as logbook_handlers
from internships.handlers import placements as placement_handlers
from internships.handlers import positions as position_handlers
from internships.handlers import reports as report_handlers
from internships.handlers import rounds as round_handlers
from internships.http.positions import Competencies
from internships.http.schemas import (
    AgreementCreate,
    AgreementTerminate,
    BaseCreate,
    LogbookWeekIn,
    PlacementAction,
    PlacementCreate,
    PositionCreate,
    PreferencesIn,
    RankingIn,
    ReviewIn,
    RoundCreate,
    RoundStudentsIn,
    StudentRef,
)
from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc
from praxis_common import pages, rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import Text, parse_uuid, validate

_STATUS_TO_PB = {s: getattr(pb, f"AGREEMENT_STATUS_{s.name}") for s in Status}
_STATUS_FROM_PB = {v: k for k, v in _STATUS_TO_PB.items()}
_POSITION_STATUS_TO_PB = {s: getattr(pb, f"POSITION_STATUS_{s.name}") for s in PositionStatus}
_PLACEMENT_STATUS_TO_PB = {s: getattr(pb, f"PLACEMENT_STATUS_{s.name}") for s in PlacementStatus}
_PLACEMENT_STATUS_FROM_PB = {v: k for k, v in _PLACEMENT_STATUS_TO_PB.items()}
_DUTY_KIND_TO_PB = {k: getattr(pb, f"DUTY_KIND_{k.name}") for k in DutyKind}
_DUTY_KIND_FROM_PB = {v: k.value for k, v in _DUTY_KIND_TO_PB.items()}  # UNSPECIFIED → None → invalid
_PROFILE_FIELDS = set(pb.StudentProfile.DESCRIPTOR.fields_by_name)
_WEEK_STATUS_TO_PB = {s: getattr(pb, f"LOGBOOK_WEEK_STATUS_{s.name}") for s in WeekStatus}
_ROUND_STATUS_TO_PB = {s: getattr(pb, f"ROUND_STATUS_{s.name}") for s in RoundStatus}
# A round publishes placements requested (the default, also for UNSPECIFIED) or confirmed; anything else is refused.
_PUBLISH_AS_FROM_PB = {
    pb.PLACEMENT_STATUS_UNSPECIFIED: "requested",
    pb.PLACEMENT_STATUS_REQUESTED: "requested",
    pb.PLACEMENT_STATUS_CONFIRMED: "confirmed",
}


class _Week(BaseModel):
    """The {week} path parameter of the logbook routes: an ISO date (the domain checks it is a Monday)."""

    model_config = ConfigDict(extra="forbid")

    week_start: date


class _RoundStudent(BaseModel):
    """The {student_ref} of the round student routes, with the limits of the students' body."""

    model_config = ConfigDict(extra="forbid")

    student_ref: StudentRef


class _PositionQuery(BaseModel):
    """The query parameters of GET /v1/positions, with the same limits, for SearchPositions."""

    model_config = ConfigDict(extra="forbid")

    competencies: Competencies = []  # as GET /v1/positions?competency=: tags, commas allowed
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    starts_from: date | None = None
    ends_by: date | None = None
    open_seats: bool = False
    q: Annotated[Text, Field(max_length=200)] | None = None
    page_token: Annotated[str, Field(max_length=200)] | None = None


def _round_students(request: pb.AddRoundStudentsRequest) -> list[round_handlers.StudentEntry]:
    body = RoundStudentsIn.check(
        {
            "students": [
                {
                    "student_ref": e.student_ref,
                    "profile": _profile(e.profile),
                    "birth_date": e.birth_date or None,
                    "study_year": _optional(e, "study_year"),
                }
                for e in request.students
            ]
        }
    )
    return [
        round_handlers.StudentEntry(s.student_ref, s.profile.model_dump(exclude_none=True), s.birth_date, s.study_year)
        for s in body.students
    ]


def _ranking(request: pb.SetRankingRequest) -> list[list[tuple[str, str]]]:
    body = RankingIn.check(
        {
            "groups": [
                [{"school_org": k.school_org, "student_ref": k.student_ref} for k in g.students] for g in request.groups
            ]
        }
    )
    return [[(k.school_org, k.student_ref) for k in g] for g in body.groups]


def _ts(value) -> str:
    return value.isoformat() if value else ""


def base_to_pb(b: PracticeBase) -> pb.PracticeBase:
    return pb.PracticeBase(
        id=str(b.id),
        agreement_id=str(b.agreement_id),
        school_org=b.school_org,
        enterprise_org=b.enterprise_org,
        name=b.name,
        tier=int(b.tier),  # BaseTier numbers are the tiers
        country=b.country,
        city=b.city,
        capacity=b.capacity,
        created_at=_ts(b.created_at),
        staff=b.staff,
    )


def position_to_pb(p: Position) -> pb.Position:
    return pb.Position(
        id=str(p.id),
        base_id=str(p.base_id),
        enterprise_org=p.enterprise_org,
        title=p.title,
        description=p.description,
        seats=p.seats,
        seats_taken=p.seats_taken,
        open_seats=p.open_seats,
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        languages=p.languages,
        competencies=p.competencies,
        duties=[pb.Duty(name=d.name, kind=_DUTY_KIND_TO_PB[d.kind]) for d in p.duties],
        status=_POSITION_STATUS_TO_PB[p.status],
        created_at=_ts(p.created_at),
        published_at=_ts(p.published_at),
        closed_at=_ts(p.closed_at),
        post_staff=p.post_staff,
        monthly_pay=_decimal(p.monthly_pay),
        reference_monthly_wage=_decimal(p.reference_monthly_wage),
    )


def placement_to_pb(p: Placement) -> pb.Placement:
    return pb.Placement(
        id=str(p.id),
        position_id=str(p.position_id),
        agreement_id=str(p.agreement_id),
        school_org=p.school_org,
        enterprise_org=p.enterprise_org,
        student_ref=p.student_ref,
        profile=pb.StudentProfile(
            **{k: v for k, v in (p.profile or {}).items() if k in _PROFILE_FIELDS and v is not None}
        ),
        status=_PLACEMENT_STATUS_TO_PB[p.status],
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        requested_at=_ts(p.requested_at),
        hold_expires_at=_ts(p.hold_expires_at),
        decided_at=_ts(p.decided_at),
        started_at=_ts(p.started_at),
        ended_at=_ts(p.ended_at),
        reason=p.reason or "",
        student_consent_at=_ts(p.student_consent_at),
        guardian_consent_at=_ts(p.guardian_consent_at),
        forced=p.forced,
    )


def _profile_to_pb(profile: dict | None) -> pb.StudentProfile:
    return pb.StudentProfile(**{k: v for k, v in (profile or {}).items() if k in _PROFILE_FIELDS and v is not None})


def round_to_pb(r: Round, *, positions: int | None = None, students: int | None = None) -> pb.Round:
    return pb.Round(
        id=str(r.id),
        title=r.title,
        owner_org=r.owner_org,
        schools=r.schools,
        invited_schools=r.invited_schools,
        enterprise_org=r.enterprise_org or "",
        list_limit=r.list_limit,
        placement_status_on_publish=_PLACEMENT_STATUS_TO_PB[PlacementStatus(r.publish_as.value)],
        seed=r.seed,
        status=_ROUND_STATUS_TO_PB[r.status],
        created_at=_ts(r.created_at),
        closed_at=_ts(r.closed_at),
        computed_at=_ts(r.computed_at),
        published_at=_ts(r.published_at),
        latest_run_id=str(r.latest_run_id or ""),
        published_run_id=str(r.published_run_id or ""),
        positions=positions,
        students=students,
    )


def invitation_to_pb(r: Round) -> pb.RoundInvitation:
    return pb.RoundInvitation(
        id=str(r.id),
        title=r.title,
        owner_org=r.owner_org,
        enterprise_org=r.enterprise_org or "",
        status=_ROUND_STATUS_TO_PB[r.status],
        created_at=_ts(r.created_at),
    )


def round_position_to_pb(p, *, show_ranking: bool) -> pb.RoundPosition:
    ranking = []
    if show_ranking and p.ranking is not None:
        ranking = [
            pb.TieGroup(students=[pb.StudentKey(school_org=s, student_ref=r) for s, r in group]) for group in p.ranking
        ]
    return pb.RoundPosition(
        position_id=str(p.position_id),
        enterprise_org=p.enterprise_org,
        title=p.title,
        seats=p.seats,
        seats_taken=p.seats_taken,
        starts_on=p.starts_on.isoformat(),
        ends_on=p.ends_on.isoformat(),
        competencies=p.competencies,
        added_by_org=p.added_by_org,
        added_at=_ts(p.added_at),
        applicants=p.applicants,
        ranked=p.ranked,
        ranking=ranking,
        offered_seats=p.offered_seats,
        offered_limit=p.offered_limit or "",
    )


def round_student_to_pb(s) -> pb.RoundStudent:
    return pb.RoundStudent(
        school_org=s.school_org,
        student_ref=s.student_ref,
        profile=_profile_to_pb(s.profile),
        birth_date=_ts(s.birth_date),
        study_year=s.study_year,
        preferences=[str(p) for p in s.preferences],
        preferences_at=_ts(s.preferences_at),
        added_at=_ts(s.added_at),
    )


def run_to_pb(run, *, published_run_id=None) -> pb.RoundRun:
    return pb.RoundRun(
        id=str(run.id),
        seq=run.seq,
        input_hash=run.input_hash,
        algorithm_version=run.algorithm_version,
        seed=run.seed,
        computed_at=_ts(run.computed_at),
        computed_by=run.computed_by,
        students=run.students,
        matched=run.matched,
        published=run.id == published_run_id,
    )


def _standing_to_pb(standing: dict | None) -> pb.Standing | None:
    return None if standing is None else pb.Standing(**standing)


def rejection_to_pb(r: dict) -> pb.Rejection:
    return pb.Rejection(
        position_id=r["position_id"],
        reason=r["reason"],
        seats=r["seats"],
        position_tags=r["position_tags"],
        you=_standing_to_pb(r["you"]),
        cutoff=_standing_to_pb(r["cutoff"]),
        lost_on_draw=r["lost_on_draw"],
        text=r["text"],
    )


def week_to_pb(w: LogbookWeek) -> pb.LogbookWeek:
    return pb.LogbookWeek(
        week_start=w.week_start.isoformat(),
        status=_WEEK_STATUS_TO_PB[w.status],
        lines=[
            pb.LogLine(
                day=ln.day.isoformat(),
                duty=ln.duty,
                hours=str(ln.hours),
                start=_ts(ln.start),
                end=_ts(ln.end),
            )
            for ln in w.lines
        ],
        total_hours=str(w.total_hours),
        core_hours=str(w.core_hours),
        submitted_at=_ts(w.submitted_at),
        submitted_by=w.submitted_by,
        reviewed_at=_ts(w.reviewed_at),
        reviewed_by=w.reviewed_by or "",
        comments=w.comment or "",
        reviewed_on_behalf=w.reviewed_on_behalf,
        reviewer_mentor_id=str(w.reviewer_mentor_id or ""),
    )


def _decimal(value) -> str:
    return str(value) if value is not None else ""


def _optional(message, name: str):
    return getattr(message, name) if message.HasField(name) else None


def _profile(message: pb.StudentProfile) -> dict:
    """Only what the school set: unset optional strings stay absent, as with REST's JSON."""
    data: dict = {"competencies": list(message.competencies), "languages": list(message.languages)}
    for name in ("display_name", "programme"):
        if message.HasField(name):
            data[name] = getattr(message, name)
    return data


def to_pb(a: Agreement) -> pb.Agreement:
    return pb.Agreement(
        id=str(a.id),
        school_org=a.school_org,
        enterprise_org=a.enterprise_org,
        title=a.title,
        valid_from=a.valid_from.isoformat(),
        valid_to=a.valid_to.isoformat(),
        intern_quota=a.intern_quota,
        status=_STATUS_TO_PB[a.status],
        drafted_by_org=a.drafted_by_org,
        school_signed_at=_ts(a.school_signed_at),
        enterprise_signed_at=_ts(a.enterprise_signed_at),
        activated_at=_ts(a.activated_at),
        ended_at=_ts(a.ended_at),
        termination_reason=a.termination_reason or "",
        created_at=_ts(a.created_at),
        version=a.version,
    )


class InternshipsServicer(pb_grpc.InternshipsServiceServicer):
    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.hold = timedelta(hours=rt.settings.placement_hold_hours)
        self.compliance = rt.settings.compliance

    async def CreateAgreement(self, request: pb.CreateAgreementRequest, context) -> pb.CreateAgreementResponse:
        body = validate(
            AgreementCreate,
            {
                "school_org": request.school_org,
                "enterprise_org": request.enterprise_org,
                "title": request.title,
                "valid_from": request.valid_from,
                "valid_to": request.valid_to,
                "intern_quota": request.intern_quota,
            },
        )

        async def draft(uow) -> pb.CreateAgreementResponse:
            agreement = await handlers.draft_agreement(
                commands.DraftAgreement(**body.model_dump()), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.CreateAgreementResponse(agreement=to_pb(agreement))

        return await rpc.created(context, self.rt.uow, request, draft, pb.CreateAgreementResponse)

    async def GetAgreement(self, request: pb.GetAgreementRequest, context) -> pb.GetAgreementResponse:
        agreement = await handlers.get_agreement(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetAgreementResponse(agreement=to_pb(agreement))

    async def ListAgreements(self, request: pb.ListAgreementsRequest, context) -> pb.ListAgreementsResponse:
        query = commands.ListAgreements(
            status=_STATUS_FROM_PB.get(request.status),
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        items, token = await handlers.list_agreements(query, principal(), uow=self.rt.uow)
        return pb.ListAgreementsResponse(agreements=[to_pb(a) for a in items], next_page_token=token or "")

    async def SignAgreement(self, request: pb.SignAgreementRequest, context) -> pb.SignAgreementResponse:
        cmd = commands.SignAgreement(parse_uuid(request.id, "id"))
        return pb.SignAgreementResponse(
            agreement=to_pb(await handlers.sign_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock))
        )

    async def TerminateAgreement(self, request: pb.TerminateAgreementRequest, context) -> pb.TerminateAgreementResponse:
        body = validate(
            AgreementTerminate,
            {
                "reason": request.reason,
                "end_active_placements": request.end_active_placements,
                "active_placements_reason": request.active_placements_reason or None,
            },
        )
        cmd = commands.TerminateAgreement(parse_uuid(request.id, "id"), **body.model_dump())
        done = await handlers.terminate_agreement(cmd, principal(), uow=self.rt.uow, clock=self.rt.clock)
        w = done.wind_down
        return pb.TerminateAgreementResponse(
            agreement=to_pb(done.agreement),
            wind_down=pb.WindDown(
                **{
                    name: [str(i) for i in getattr(w, name)]
                    for name in ("rejected", "withdrawn", "terminated", "expired", "continuing", "positions_closed")
                }
            ),
        )

    # Practice bases

    async def CreateBase(self, request: pb.CreateBaseRequest, context) -> pb.CreateBaseResponse:
        body = validate(
            BaseCreate,
            {
                "agreement_id": request.agreement_id,
                "name": request.name,
                "tier": int(request.tier),  # UNSPECIFIED (0) fails like a missing tier
                "country": request.country,
                "city": request.city,
                "capacity": request.capacity,
                "staff": _optional(request, "staff"),
            },
        )

        async def create(uow) -> pb.CreateBaseResponse:
            base = await position_handlers.create_base(
                position_handlers.CreateBase(**body.model_dump()), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.CreateBaseResponse(base=base_to_pb(base))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateBaseResponse)

    async def GetBase(self, request: pb.GetBaseRequest, context) -> pb.GetBaseResponse:
        base = await position_handlers.get_base(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetBaseResponse(base=base_to_pb(base))

    async def ListBases(self, request: pb.ListBasesRequest, context) -> pb.ListBasesResponse:
        bases, token = await position_handlers.list_bases(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListBasesResponse(bases=[base_to_pb(b) for b in bases], next_page_token=token or "")

    # Positions

    async def CreatePosition(self, request: pb.CreatePositionRequest, context) -> pb.CreatePositionResponse:
        body = validate(
            PositionCreate,
            {
                "base_id": request.base_id,
                "title": request.title,
                "description": request.description,
                "seats": request.seats,
                "starts_on": request.starts_on,
                "ends_on": request.ends_on,
                "languages": list(request.languages),
                "competencies": list(request.competencies),
                "duties": [{"name": d.name, "kind": _DUTY_KIND_FROM_PB.get(d.kind)} for d in request.duties],
                "post_staff": _optional(request, "post_staff"),
                "monthly_pay": request.monthly_pay or None,
                "reference_monthly_wage": request.reference_monthly_wage or None,
            },
        )

        async def create(uow) -> pb.CreatePositionResponse:
            data = body.model_dump()
            data["duties"] = [Duty(d["name"], DutyKind(d["kind"])) for d in data["duties"]]
            position = await position_handlers.create_position(
                position_handlers.CreatePosition(**data), principal(), uow=uow, clock=self.rt.clock
            )
            return pb.CreatePositionResponse(position=position_to_pb(position))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreatePositionResponse)

    async def GetPosition(self, request: pb.GetPositionRequest, context) -> pb.GetPositionResponse:
        position = await position_handlers.get_position(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetPositionResponse(position=position_to_pb(position))

    async def SearchPositions(self, request: pb.SearchPositionsRequest, context) -> pb.SearchPositionsResponse:
        query = validate(
            _PositionQuery,
            {
                "competencies": list(request.competencies),
                "country": request.country or None,
                "starts_from": request.starts_from or None,
                "ends_by": request.ends_by or None,
                "open_seats": request.open_seats,
                "q": request.q or None,
                "page_token": request.page_token or None,
            },
        )
        items, token = await position_handlers.search_positions(
            position_handlers.SearchPositions(
                competencies=tuple(query.competencies),
                country=query.country,
                starts_from=query.starts_from,
                ends_by=query.ends_by,
                open_only=query.open_seats,
                text=query.q,
                page_size=pages.page_size(request.page_size),
                page_token=query.page_token,
            ),
            principal(),
            uow=self.rt.uow,
        )
        return pb.SearchPositionsResponse(positions=[position_to_pb(p) for p in items], next_page_token=token or "")

    async def PublishPosition(self, request: pb.PublishPositionRequest, context) -> pb.PublishPositionResponse:
        return pb.PublishPositionResponse(position=await self._change_position(request.id, "publish"))

    async def ClosePosition(self, request: pb.ClosePositionRequest, context) -> pb.ClosePositionResponse:
        return pb.ClosePositionResponse(position=await self._change_position(request.id, "close"))

    async def _change_position(self, position_id: str, action: str) -> pb.Position:
        position = await position_handlers.change_position(
            parse_uuid(position_id, "id"),
            action,
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return position_to_pb(position)

    # Placements

    async def BookPlacement(self, request: pb.BookPlacementRequest, context) -> pb.BookPlacementResponse:
        data = {
            "position_id": request.position_id,
            "student_ref": request.student_ref,
            "birth_date": request.birth_date or None,
            "study_year": _optional(request, "study_year"),
        }
        if request.HasField("profile"):
            data["profile"] = _profile(request.profile)
        body = validate(PlacementCreate, data)

        async def book(uow) -> pb.BookPlacementResponse:
            placement = await placement_handlers.book_placement(
                placement_handlers.BookPlacement(
                    body.position_id,
                    body.student_ref,
                    body.profile.model_dump(exclude_none=True),
                    birth_date=body.birth_date,
                    study_year=body.study_year,
                ),
                principal(),
                uow=uow,
                clock=self.rt.clock,
                hold=self.hold,
                compliance=self.compliance,
            )
            return pb.BookPlacementResponse(placement=placement_to_pb(placement))

        return await rpc.created(context, self.rt.uow, request, book, pb.BookPlacementResponse)

    async def GetPlacement(self, request: pb.GetPlacementRequest, context) -> pb.GetPlacementResponse:
        placement = await placement_handlers.get_placement(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetPlacementResponse(placement=placement_to_pb(placement))

    async def ListPlacements(self, request: pb.ListPlacementsRequest, context) -> pb.ListPlacementsResponse:
        items, token = await placement_handlers.list_placements(
            placement_handlers.ListPlacements(
                status=_PLACEMENT_STATUS_FROM_PB.get(request.status),
                page_size=pages.page_size(request.page_size),
                page_token=request.page_token or None,
            ),
            principal(),
            uow=self.rt.uow,
        )
        return pb.ListPlacementsResponse(placements=[placement_to_pb(p) for p in items], next_page_token=token or "")

    async def ConfirmPlacement(self, request: pb.ConfirmPlacementRequest, context) -> pb.ConfirmPlacementResponse:
        return pb.ConfirmPlacementResponse(placement=await self._change_placement(request.id, "confirm"))

    async def RejectPlacement(self, request: pb.RejectPlacementRequest, context) -> pb.RejectPlacementResponse:
        return pb.RejectPlacementResponse(placement=await self._change_placement(request.id, "reject", request.reason))

    async def WithdrawPlacement(self, request: pb.WithdrawPlacementRequest, context) -> pb.WithdrawPlacementResponse:
        return pb.WithdrawPlacementResponse(
            placement=await self._change_placement(request.id, "withdraw", request.reason)
        )

    async def StartPlacement(self, request: pb.StartPlacementRequest, context) -> pb.StartPlacementResponse:
        return pb.StartPlacementResponse(placement=await self._change_placement(request.id, "start"))

    async def CompletePlacement(self, request: pb.CompletePlacementRequest, context) -> pb.CompletePlacementResponse:
        return pb.CompletePlacementResponse(
            placement=await self._change_placement(request.id, "complete", request.reason, force=request.force)
        )

    async def TerminatePlacement(self, request: pb.TerminatePlacementRequest, context) -> pb.TerminatePlacementResponse:
        return pb.TerminatePlacementResponse(
            placement=await self._change_placement(request.id, "terminate", request.reason)
        )

    async def _change_placement(
        self, placement_id: str, action: str, reason: str = "", *, force: bool = False
    ) -> pb.Placement:
        placement_uuid = parse_uuid(placement_id, "id")
        body = validate(PlacementAction, {"reason": reason or None, "force": force})  # proto3: "" is "no reason"
        placement = await placement_handlers.change_placement(
            placement_uuid,
            action,
            principal(),
            uow=self.rt.uow,
            reason=body.reason,
            force=body.force,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return placement_to_pb(placement)

    async def RecordConsent(self, request: pb.RecordConsentRequest, context) -> pb.RecordConsentResponse:
        placement = await placement_handlers.record_consent(
            parse_uuid(request.id, "id"),
            principal(),
            student=request.student,
            guardian=request.guardian,
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.RecordConsentResponse(placement=placement_to_pb(placement))

    # Logbooks

    async def FileLogbookWeek(self, request: pb.FileLogbookWeekRequest, context) -> pb.FileLogbookWeekResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(_Week, {"week_start": request.week_start})
        body = validate(
            LogbookWeekIn,
            {
                "lines": [
                    {
                        "day": ln.day,
                        "duty": ln.duty,
                        "hours": ln.hours,
                        "start": ln.start or None,  # proto3: "" is "not given"
                        "end": ln.end or None,
                    }
                    for ln in request.lines
                ]
            },
        )
        lines = [LogLine(ln.day, ln.duty, ln.hours, ln.start, ln.end) for ln in body.lines]
        filed = await logbook_handlers.file_week(
            placement_id,
            week.week_start,
            lines,
            principal(),
            uow=self.rt.uow,
            policy=self.compliance,
            clock=self.rt.clock,
        )
        return pb.FileLogbookWeekResponse(week=week_to_pb(filed))

    async def ReviewLogbookWeek(self, request: pb.ReviewLogbookWeekRequest, context) -> pb.ReviewLogbookWeekResponse:
        placement_id = parse_uuid(request.placement_id, "placement_id")
        week = validate(_Week, {"week_start": request.week_start})
        body = validate(  # proto3: "" is "no comments"
            ReviewIn, {"comments": request.comments or None, "on_behalf_of_mentor": request.on_behalf_of_mentor}
        )
        reviewed = await logbook_handlers.review_week(
            placement_id,
            week.week_start,
            principal(),
            approve=request.approve,
            comment=body.comments,
            on_behalf_of_mentor=body.on_behalf_of_mentor,
            uow=self.rt.uow,
            clock=self.rt.clock,
        )
        return pb.ReviewLogbookWeekResponse(week=week_to_pb(reviewed))

    async def GetLogbook(self, request: pb.GetLogbookRequest, context) -> pb.GetLogbookResponse:
        book = await logbook_handlers.get_logbook(
            parse_uuid(request.placement_id, "placement_id"), principal(), uow=self.rt.uow
        )
        return pb.GetLogbookResponse(
            placement_id=str(book.placement.id),
            weeks=[week_to_pb(w) for w in book.weeks],
            approved_hours=str(book.approved_hours),
            approved_core_hours=str(book.approved_core_hours),
            core_work_share=_decimal(book.core_work_share),
            enterprise_mentor_id=str(book.enterprise_mentor_id or ""),
        )

    # Reports

    async def GetPlacementReport(self, request: pb.GetPlacementReportRequest, context) -> pb.GetPlacementReportResponse:
        report = await report_handlers.placement_report(principal(), uow=self.rt.uow)
        return pb.GetPlacementReportResponse(
            by_status=report.by_status,
            by_tier=report.by_tier,
            by_country=report.by_country,
            positions=[
                pb.PositionFill(
                    position_id=p.position_id,
                    title=p.title,
                    seats=p.seats,
                    seats_taken=p.seats_taken,
                    fill_rate=str((Decimal(p.seats_taken) / p.seats).quantize(Decimal("0.0001"))) if p.seats else "",
                )
                for p in report.positions
            ],
            core_share_buckets=report.core_share_buckets,
            core_share_mean=_decimal(report.core_share_mean),
            placements_without_approved_hours=report.placements_without_approved_hours,
            agreements_without_placements=report.agreements_without_placements,
        )

    # Allocation rounds

    async def CreateRound(self, request: pb.CreateRoundRequest, context) -> pb.CreateRoundResponse:
        publish_as = _PUBLISH_AS_FROM_PB.get(request.placement_status_on_publish, "not requested or confirmed")
        body = validate(
            RoundCreate,
            {
                "title": request.title,
                "co_owner_schools": list(request.co_owner_schools),
                "enterprise_org": request.enterprise_org or None,
                "list_limit": _optional(request, "list_limit"),
                "placement_status_on_publish": publish_as,
                "seed": _optional(request, "seed"),
            },
        )

        async def create(uow) -> pb.CreateRoundResponse:
            rnd = await round_handlers.create_round(
                round_handlers.CreateRound(
                    title=body.title,
                    co_owner_schools=tuple(body.co_owner_schools),
                    enterprise_org=body.enterprise_org,
                    list_limit=body.list_limit,
                    publish_as=body.placement_status_on_publish,
                    seed=body.seed,
                ),
                principal(),
                uow=uow,
                clock=self.rt.clock,
                default_list_limit=self.rt.settings.round_list_limit,
            )
            return pb.CreateRoundResponse(round=round_to_pb(rnd))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateRoundResponse)

    async def GetRound(self, request: pb.GetRoundRequest, context) -> pb.GetRoundResponse:
        view = await round_handlers.get_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.GetRoundResponse(round=round_to_pb(view.round, positions=view.positions, students=view.students))

    async def ListRounds(self, request: pb.ListRoundsRequest, context) -> pb.ListRoundsResponse:
        items, token = await round_handlers.list_rounds(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundsResponse(rounds=[round_to_pb(r) for r in items], next_page_token=token or "")

    async def ListRoundInvitations(
        self, request: pb.ListRoundInvitationsRequest, context
    ) -> pb.ListRoundInvitationsResponse:
        items, token = await round_handlers.list_invitations(
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundInvitationsResponse(
            invitations=[invitation_to_pb(r) for r in items], next_page_token=token or ""
        )

    async def AcceptRound(self, request: pb.AcceptRoundRequest, context) -> pb.AcceptRoundResponse:
        view = await round_handlers.accept_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.AcceptRoundResponse(round=round_to_pb(view.round, positions=view.positions, students=view.students))

    async def DeclineRound(self, request: pb.DeclineRoundRequest, context) -> pb.DeclineRoundResponse:
        await round_handlers.decline_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.DeclineRoundResponse()

    async def AddRoundPosition(self, request: pb.AddRoundPositionRequest, context) -> pb.AddRoundPositionResponse:
        added = await round_handlers.add_position(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return pb.AddRoundPositionResponse(position=round_position_to_pb(added, show_ranking=False))

    async def RemoveRoundPosition(
        self, request: pb.RemoveRoundPositionRequest, context
    ) -> pb.RemoveRoundPositionResponse:
        await round_handlers.remove_position(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
        )
        return pb.RemoveRoundPositionResponse()

    async def ListRoundPositions(self, request: pb.ListRoundPositionsRequest, context) -> pb.ListRoundPositionsResponse:
        _, items, token = await round_handlers.list_positions(
            parse_uuid(request.round_id, "round_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundPositionsResponse(
            positions=[round_position_to_pb(p, show_ranking=False) for p in items], next_page_token=token or ""
        )

    async def AddRoundStudents(self, request: pb.AddRoundStudentsRequest, context) -> pb.AddRoundStudentsResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        entries = await asyncio.to_thread(_round_students, request)  # up to 1,000: validated off the event loop
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
        body = validate(PreferencesIn, {"positions": list(request.positions)})
        stored = await round_handlers.set_preferences(
            round_id,
            request.student_ref,
            body.positions,
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            compliance=self.compliance,
        )
        return pb.SetPreferencesResponse(student=round_student_to_pb(stored))

    async def ListApplicants(self, request: pb.ListApplicantsRequest, context) -> pb.ListApplicantsResponse:
        position, found, token = await round_handlers.list_applicants(
            parse_uuid(request.round_id, "round_id"),
            parse_uuid(request.position_id, "position_id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=200, most=5000),
            page_token=request.page_token or None,
        )
        return await asyncio.to_thread(
            lambda: pb.ListApplicantsResponse(
                position=round_position_to_pb(position, show_ranking=False),
                applicants=[
                    pb.Applicant(
                        school_org=a.student.school_org,
                        student_ref=a.student.student_ref,
                        profile=_profile_to_pb(a.student.profile),
                        group=a.group,
                    )
                    for a in found
                ],
                next_page_token=token or "",
            )
        )

    async def SetRanking(self, request: pb.SetRankingRequest, context) -> pb.SetRankingResponse:
        round_id = parse_uuid(request.round_id, "round_id")
        position_id = parse_uuid(request.position_id, "position_id")
        groups = None
        if request.use_default:
            if request.groups:
                raise InvalidInput(
                    "use_default drops the ranking", errors=[FieldError("groups", "must be empty with use_default")]
                )
        else:
            groups = await asyncio.to_thread(_ranking, request)  # up to 50,000 students: off the event loop
        ranked = await round_handlers.set_ranking(
            round_id, position_id, groups, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return await asyncio.to_thread(
            lambda: pb.SetRankingResponse(position=round_position_to_pb(ranked, show_ranking=True))
        )

    async def CloseRound(self, request: pb.CloseRoundRequest, context) -> pb.CloseRoundResponse:
        rnd = await round_handlers.close_round(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock, compliance=self.compliance
        )
        return pb.CloseRoundResponse(round=round_to_pb(rnd))

    async def ReopenRound(self, request: pb.ReopenRoundRequest, context) -> pb.ReopenRoundResponse:
        rnd = await round_handlers.reopen_round(parse_uuid(request.id, "id"), principal(), uow=self.rt.uow)
        return pb.ReopenRoundResponse(round=round_to_pb(rnd))

    async def ComputeRound(self, request: pb.ComputeRoundRequest, context) -> pb.ComputeRoundResponse:
        run = await round_handlers.compute_round(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.ComputeRoundResponse(run=run_to_pb(run))

    async def ListRoundRuns(self, request: pb.ListRoundRunsRequest, context) -> pb.ListRoundRunsResponse:
        rnd, runs, token = await round_handlers.list_runs(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListRoundRunsResponse(
            runs=[run_to_pb(r, published_run_id=rnd.published_run_id) for r in runs], next_page_token=token or ""
        )

    async def GetRoundResult(self, request: pb.GetRoundResultRequest, context) -> pb.GetRoundResultResponse:
        round_id = parse_uuid(request.id, "id")
        run_id = parse_uuid(request.run_id, "run_id") if request.run_id else None
        result = await round_handlers.get_result(
            round_id,
            principal(),
            uow=self.rt.uow,
            run_id=run_id,
            page_size=pages.page_size(request.page_size, default=500, most=5000),
            page_token=request.page_token or None,
        )
        return await asyncio.to_thread(_result_to_pb, result)

    async def CompareRoundRuns(self, request: pb.CompareRoundRunsRequest, context) -> pb.CompareRoundRunsResponse:
        run_a, run_b, moves, token = await round_handlers.compare_runs(
            parse_uuid(request.id, "id"),
            parse_uuid(request.run_a, "run_a"),
            parse_uuid(request.run_b, "run_b"),
            principal(),
            uow=self.rt.uow,
            page_size=pages.page_size(request.page_size, default=500, most=5000),
            page_token=request.page_token or None,
        )
        return pb.CompareRoundRunsResponse(
            run_a=run_to_pb(run_a),
            run_b=run_to_pb(run_b),
            moves=[
                pb.RoundMove(
                    school_org=split_student_key(m.student_id)[0],
                    student_ref=split_student_key(m.student_id)[1],
                    before=m.before or "",
                    after=m.after or "",
                    why=m.why,
                )
                for m in moves
            ],
            next_page_token=token or "",
        )

    async def PublishRound(self, request: pb.PublishRoundRequest, context) -> pb.PublishRoundResponse:
        done = await round_handlers.publish_round(
            parse_uuid(request.id, "id"),
            principal(),
            uow=self.rt.uow,
            clock=self.rt.clock,
            hold=timedelta(hours=self.rt.settings.round_hold_hours),
            compliance=self.compliance,
        )
        return pb.PublishRoundResponse(
            round=round_to_pb(done.round),
            run_id=str(done.run.id),
            placements=done.placements,
            by_position=[
                pb.PositionPlacements(position_id=str(pid), placements=n) for pid, n in sorted(done.by_position.items())
            ],
        )


def _result_to_pb(result) -> pb.GetRoundResultResponse:
    return pb.GetRoundResultResponse(
        round_id=str(result.round.id),
        run=run_to_pb(result.run, published_run_id=result.round.published_run_id),
        published=result.published,
        students=[
            pb.RoundMatch(
                school_org=m.school_org,
                student_ref=m.student_ref,
                position_id=str(m.position_id or ""),
                choice=m.choice,
                profile=_profile_to_pb(m.profile),
                explanation=[rejection_to_pb(r) for r in m.explanation] if result.explained else [],
            )
            for m in result.matches
        ],
        positions=[
            pb.RoundPositionFill(
                position_id=str(f.position.position_id),
                enterprise_org=f.position.enterprise_org,
                title=f.position.title,
                offered_seats=f.position.offered_seats,
                offered_limit=f.position.offered_limit or "",
                filled=f.filled,
            )
            for f in result.positions
        ],
        next_page_token=result.next_page_token or "",
    )


def services(rt: Runtime) -> list[tuple]:
    servicer = InternshipsServicer(rt)
    return [
        (
            lambda server: pb_grpc.add_InternshipsServiceServicer_to_server(servicer, server),
            pb.DESCRIPTOR.services_by_name["InternshipsService"].full_name,
        )
    ]
