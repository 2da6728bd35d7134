"""gRPC methods for a project's confidentiality terms: publish a version, read the current one, accept it."""

from __future__ import annotations

from praxis.projects.v1 import projects_pb2 as pb
from praxis_common.rpc import principal
from praxis_common.validation import parse_uuid, validate
from projects.domain.terms import TermsAcceptance
from projects.handlers import terms as terms_handlers
from projects.handlers.terms import TermsView
from projects.rpc.common import Servicer, ts
from projects.schemas.material_access import AcceptTermsIn, TermsIn


def terms_to_pb(view: TermsView) -> pb.Terms:
    t = view.terms
    return pb.Terms(
        project_id=str(t.project_id),
        version=t.version,
        text=t.text,
        published_at=ts(t.published_at),
        published_by=t.published_by,
        accepted=view.accepted,
    )


def acceptance_to_pb(a: TermsAcceptance) -> pb.TermsAcceptance:
    return pb.TermsAcceptance(
        project_id=str(a.project_id),
        version=a.version,
        student_ref=a.student_ref,
        school_org=a.school_org,
        accepted_at=ts(a.accepted_at),
    )


class TermsMethods(Servicer):
    async def PublishTerms(self, request: pb.PublishTermsRequest, context) -> pb.PublishTermsResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        command = validate(TermsIn, {"text": request.text}).to_command()
        view = await terms_handlers.publish_terms(
            project_id, command, principal(), uow=self.rt.uow, clock=self.rt.clock
        )
        return pb.PublishTermsResponse(terms=terms_to_pb(view))

    async def GetTerms(self, request: pb.GetTermsRequest, context) -> pb.GetTermsResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        view = await terms_handlers.current_terms(project_id, principal(), uow=self.rt.uow)
        return pb.GetTermsResponse(terms=terms_to_pb(view))

    async def AcceptTerms(self, request: pb.AcceptTermsRequest, context) -> pb.AcceptTermsResponse:
        project_id = parse_uuid(request.project_id, "project_id")
        command = validate(AcceptTermsIn, {"version": request.version}).to_command()
        a = await terms_handlers.accept_terms(project_id, command, principal(), uow=self.rt.uow, clock=self.rt.clock)
        return pb.AcceptTermsResponse(acceptance=acceptance_to_pb(a))
