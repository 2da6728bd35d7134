"""REST and gRPC map a request to its command in one place: the input schema's `to_command()`. The same evaluation
sent over both edges becomes the same command (scores as Decimal) and is recorded and answered alike."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import httpx
from fastapi import FastAPI

from praxis.projects.v1 import projects_pb2 as pb
from praxis_common import rpc as common_rpc
from praxis_common.http import current_principal
from praxis_common.uow import utc_clock
from projects.domain.teams import Member
from projects.handlers import evaluations as evaluation_handlers
from projects.handlers import teams as team_handlers
from projects.http import teams as team_routes
from projects.rpc import ProjectsServicer
from projects.schemas.evaluations import EvaluationIn


class _Context:
    """What the servicer reads of a gRPC call: its metadata."""

    def __init__(self, token: str) -> None:
        self._metadata = (("authorization", f"Bearer {token}"),)

    def invocation_metadata(self):
        return self._metadata


async def test_an_evaluation_becomes_the_same_command_over_rest_and_grpc(
    uow, world, make_project, mentors, monkeypatch
):
    p = await make_project()
    view = await team_handlers.form_team(
        team_handlers.FormTeam(p.id, "Blue", [Member("ana"), Member("bo")]), world.school, uow=uow
    )
    teacher = world.teacher()
    mentors.make(teacher, view.team.id)
    rt = SimpleNamespace(uow=uow, clock=utc_clock)

    mapped, recorded = [], []
    to_command = EvaluationIn.to_command
    record_evaluation = evaluation_handlers.record_evaluation

    def spy_to_command(self):
        mapped.append(self)
        return to_command(self)

    async def spy_record(team_id, cmd, *args, **kwargs):
        recorded.append(cmd)
        return await record_evaluation(team_id, cmd, *args, **kwargs)

    monkeypatch.setattr(EvaluationIn, "to_command", spy_to_command)
    monkeypatch.setattr(evaluation_handlers, "record_evaluation", spy_record)

    app = FastAPI()
    app.include_router(team_routes.router(rt, mentors))
    app.dependency_overrides[current_principal] = lambda: teacher
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post(
            f"/v1/teams/{view.team.id}/evaluations",
            json={"student_ref": "ana", "scores": {"process": 84.125, "knowledge": "78.5"}, "comments": "steady"},
            headers={"Authorization": f"Bearer {teacher.sub}"},
        )
    assert response.status_code == 201, response.text
    over_rest = response.json()

    servicer = ProjectsServicer(rt, mentors)
    reset = common_rpc.current_principal.set(teacher)
    try:
        over_grpc = await servicer.RecordEvaluation(
            pb.RecordEvaluationRequest(
                team_id=str(view.team.id),
                student_ref="ana",
                scores={"process": "84.125", "knowledge": "78.5"},
                comments="steady",
            ),
            _Context(teacher.sub),
        )
    finally:
        common_rpc.current_principal.reset(reset)

    assert len(mapped) == 2  # each edge went through EvaluationIn.to_command()
    rest_command, grpc_command = recorded
    assert rest_command == grpc_command
    assert all(type(score) is Decimal for score in rest_command.scores.values())
    assert all(type(score) is Decimal for score in grpc_command.scores.values())
    assert over_rest["scores"] == dict(over_grpc.evaluation.scores) == {"process": "84.13", "knowledge": "78.50"}
    assert over_rest["score"] == over_grpc.evaluation.score
