"""gRPC methods for mentors, their enterprise practice and certificates: message -> the REST input model ->
its command -> the handler."""

from __future__ import annotations

from mentors.domain.mentors import DualQualificationRule
from mentors.handlers import mentors as handlers
from mentors.rpc.messages import SIDE_FROM_PB, certificate_to_pb, mentor_to_pb, period_to_pb
from mentors.schemas.mentors import CertificateIn, MentorCreate, MentorUpdate, PracticePeriodIn
from praxis.mentors.v1 import mentors_pb2 as pb
from praxis_common import pages, rpc
from praxis_common.errors import FieldError, InvalidInput
from praxis_common.rpc import principal
from praxis_common.service import Runtime
from praxis_common.validation import parse_uuid, validate


class MentorMethods:
    rt: Runtime
    rule: DualQualificationRule

    async def CreateMentor(self, request: pb.CreateMentorRequest, context) -> pb.CreateMentorResponse:
        data = {
            "kind": SIDE_FROM_PB.get(request.kind),
            "display_name": request.display_name,
            "expertise": list(request.expertise),
            "languages": list(request.languages),
            "capacity": request.capacity,
        }
        if request.HasField("active"):
            data["active"] = request.active
        if request.HasField("account"):
            data["account"] = request.account
        cmd = validate(MentorCreate, data).to_command()

        async def create(uow) -> pb.CreateMentorResponse:
            details = await handlers.create_mentor(cmd, principal(), uow=uow, rule=self.rule, clock=self.rt.clock)
            return pb.CreateMentorResponse(mentor=mentor_to_pb(details))

        return await rpc.created(context, self.rt.uow, request, create, pb.CreateMentorResponse)

    async def GetMentor(self, request: pb.GetMentorRequest, context) -> pb.GetMentorResponse:
        details = await handlers.get_mentor(
            parse_uuid(request.id, "id"), principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock
        )
        return pb.GetMentorResponse(mentor=mentor_to_pb(details))

    async def ListMentors(self, request: pb.ListMentorsRequest, context) -> pb.ListMentorsResponse:
        found, token = await handlers.list_mentors(
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            active_only=request.active_only,
            clock=self.rt.clock,
            page_size=pages.page_size(request.page_size),
            page_token=request.page_token or None,
        )
        return pb.ListMentorsResponse(mentors=[mentor_to_pb(d) for d in found], next_page_token=token or "")

    async def UpdateMentor(self, request: pb.UpdateMentorRequest, context) -> pb.UpdateMentorResponse:
        mentor_id = parse_uuid(request.id, "id")
        fields = {
            "display_name": request.display_name,
            "expertise": list(request.expertise),
            "languages": list(request.languages),
            "capacity": request.capacity,
            "active": request.active,
            "account": request.account or None,
        }
        changes = validate(MentorUpdate, rpc.masked(request.update_mask, fields)).to_command()
        if not changes:
            raise InvalidInput(
                "nothing to change: name at least one field in update_mask",
                errors=[FieldError("update_mask", f"one or more of {', '.join(fields)}")],
            )
        details = await handlers.update_mentor(
            mentor_id, changes, principal(), uow=self.rt.uow, rule=self.rule, clock=self.rt.clock
        )
        return pb.UpdateMentorResponse(mentor=mentor_to_pb(details))

    async def AddPracticePeriod(self, request: pb.AddPracticePeriodRequest, context) -> pb.AddPracticePeriodResponse:
        mentor_id = parse_uuid(request.mentor_id, "mentor_id")
        cmd = validate(
            PracticePeriodIn,
            {
                "enterprise": request.enterprise,
                "role": request.role,
                "from_date": request.from_date or None,
                "to_date": request.to_date or None,
                "hours": request.hours,
            },
        ).to_command()

        async def record(uow) -> pb.AddPracticePeriodResponse:
            period, _ = await handlers.record_practice(
                mentor_id, cmd, principal(), uow=uow, rule=self.rule, clock=self.rt.clock
            )
            return pb.AddPracticePeriodResponse(period=period_to_pb(period))

        return await rpc.created(context, self.rt.uow, request, record, pb.AddPracticePeriodResponse)

    async def RemovePracticePeriod(
        self, request: pb.RemovePracticePeriodRequest, context
    ) -> pb.RemovePracticePeriodResponse:
        details = await handlers.remove_record(
            parse_uuid(request.mentor_id, "mentor_id"),
            parse_uuid(request.period_id, "period_id"),
            "practice-period",
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            clock=self.rt.clock,
        )
        return pb.RemovePracticePeriodResponse(mentor=mentor_to_pb(details))

    async def AddCertificate(self, request: pb.AddCertificateRequest, context) -> pb.AddCertificateResponse:
        mentor_id = parse_uuid(request.mentor_id, "mentor_id")
        cmd = validate(
            CertificateIn,
            {
                "name": request.name,
                "issuer": request.issuer,
                "issued_on": request.issued_on or None,
                "expires_on": request.expires_on or None,
            },
        ).to_command()

        async def record(uow) -> pb.AddCertificateResponse:
            certificate, _ = await handlers.record_certificate(
                mentor_id, cmd, principal(), uow=uow, rule=self.rule, clock=self.rt.clock
            )
            return pb.AddCertificateResponse(certificate=certificate_to_pb(certificate))

        return await rpc.created(context, self.rt.uow, request, record, pb.AddCertificateResponse)

    async def RemoveCertificate(self, request: pb.RemoveCertificateRequest, context) -> pb.RemoveCertificateResponse:
        details = await handlers.remove_record(
            parse_uuid(request.mentor_id, "mentor_id"),
            parse_uuid(request.certificate_id, "certificate_id"),
            "certificate",
            principal(),
            uow=self.rt.uow,
            rule=self.rule,
            clock=self.rt.clock,
        )
        return pb.RemoveCertificateResponse(mentor=mentor_to_pb(details))
