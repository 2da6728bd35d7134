"""Joint rounds and order classes need the other party's consent, over REST and gRPC against real processes.

A school naming another school as co-owner only invites it: until the invited school accepts, the round does not
exist for it (404, not in its list; it can add nothing), and it sees only the invitation; it may accept (while the
round is open) or decline. An order class needs an active agreement between the owner school and the enterprise;
without one it is refused and the enterprise sees nothing."""

from __future__ import annotations

from datetime import date, timedelta

import grpc
import pytest

from praxis.internships.v1 import internships_pb2 as pb
from praxis.internships.v1 import internships_pb2_grpc as pb_grpc

TODAY = date.today()
OWNER, INVITED, BYSTANDER, ENT, STRANGER = "sch-con-own", "sch-con-inv", "sch-con-by", "ent-con", "ent-con-none"


async def test_an_invited_co_owner_sees_nothing_until_it_accepts(stack, internships, rounds):
    async with internships.client() as c:
        agreement = await internships.agreement(c, INVITED, ENT, quota=5)
        position = await internships.position(c, ENT, agreement, seats=1, starts_on=TODAY + timedelta(days=30))
        rnd = await rounds.create(c, OWNER, title="Joint spring round", co_owner_schools=[INVITED])
        rid = rnd["id"]
        invited = rounds.school(INVITED)

        # Before accepting: no round, nothing to add, only the invitation.
        assert (await c.get(f"/v1/rounds/{rid}", headers=invited)).status_code == 404
        assert rid not in (await c.get("/v1/rounds", headers=invited)).text
        refused = [
            await c.post(f"/v1/rounds/{rid}/students", headers=invited, json={"students": [{"student_ref": "x"}]}),
            await c.put(f"/v1/rounds/{rid}/positions/{position['id']}", headers=invited),
            await c.get(f"/v1/rounds/{rid}/positions", headers=invited),
        ]
        assert [r.status_code for r in refused] == [404, 404, 404], [r.text for r in refused]
        assert (rnd["schools"], rnd["invited_schools"]) == ([OWNER], [INVITED])
        page = (await c.get("/v1/rounds/invitations", headers=invited)).json()
        assert [(i["id"], i["title"], i["owner_org"], i["status"]) for i in page["items"]] == [
            (rid, "Joint spring round", OWNER, "open")
        ]
        student = stack.auth(INVITED, "school", "student")
        assert (await c.get("/v1/rounds/invitations", headers=student)).status_code == 403  # managers decide
        assert (await c.post(f"/v1/rounds/{rid}/accept", headers=student)).status_code == 403
        assert (await c.post(f"/v1/rounds/{rid}/accept", headers=rounds.school(BYSTANDER))).status_code == 404
        assert (await c.post(f"/v1/rounds/{rid}/accept", headers=rounds.enterprise(ENT))).status_code == 403

        # Accepting makes it a school of the round.
        joined = await rounds.accept(c, INVITED, rid)
        assert (joined["schools"], joined["invited_schools"]) == ([OWNER, INVITED], [])
        assert (await c.get(f"/v1/rounds/{rid}", headers=invited)).status_code == 200
        assert rid in (await c.get("/v1/rounds", headers=invited)).text
        await rounds.add_students(c, INVITED, rid, {"inv-1": []})
        await rounds.add_positions(c, INVITED, rid, position["id"])
        assert (await c.get("/v1/rounds/invitations", headers=invited)).json()["items"] == []
        # A school of the round sees it: accepting again, or the owner accepting, is a conflict, not "no such round".
        for school in (invited, rounds.school(OWNER)):
            again = await c.post(f"/v1/rounds/{rid}/accept", headers=school)
            assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
            assert again.json()["type"] == "urn:praxis:problem:conflict", again.text


async def test_a_co_owner_may_decline_and_accepts_only_while_the_round_is_open(stack, internships, rounds):
    async with internships.client() as c:
        declined = (await rounds.create(c, OWNER, co_owner_schools=[BYSTANDER]))["id"]
        late = (await rounds.create(c, OWNER, co_owner_schools=[BYSTANDER]))["id"]
        by = rounds.school(BYSTANDER)
        r = await c.post(f"/v1/rounds/{declined}/decline", headers=by)
        assert r.status_code == 204, r.text
        assert (await c.get(f"/v1/rounds/{declined}", headers=by)).status_code == 404
        assert (await c.post(f"/v1/rounds/{declined}/accept", headers=by)).status_code == 404
        owner_view = (await c.get(f"/v1/rounds/{declined}", headers=rounds.school(OWNER))).json()
        assert (owner_view["schools"], owner_view["invited_schools"]) == ([OWNER], [])

        assert (await rounds.act(c, OWNER, late, "close")).status_code == 200
        closed = await c.post(f"/v1/rounds/{late}/accept", headers=by)
        assert closed.status_code == 409 and closed.json()["type"] == "urn:praxis:problem:round-not-open"
        assert [i["id"] for i in (await c.get("/v1/rounds/invitations", headers=by)).json()["items"]] == [late]


async def test_an_order_class_needs_an_active_agreement_with_its_enterprise(stack, internships, rounds):
    async with internships.client() as c:
        await internships.agreement(c, OWNER, ENT, quota=5)
        refused = await c.post(
            "/v1/rounds",
            headers=rounds.school(OWNER),
            json={"title": "An order class nobody agreed to", "enterprise_org": STRANGER},
        )
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"] == "urn:praxis:problem:no-active-agreement"
        assert (await c.get("/v1/rounds", headers=rounds.enterprise(STRANGER))).json()["items"] == []
        order_class = await rounds.create(c, OWNER, title="ENT order class", enterprise_org=ENT)
        seen = await c.get(f"/v1/rounds/{order_class['id']}", headers=rounds.enterprise(ENT))
        assert seen.status_code == 200 and seen.json()["enterprise_org"] == ENT


async def test_invitations_over_grpc(stack, internships, rounds):
    def meta(org: str, kind: str = "school", role: str = "admin") -> tuple:
        return (("authorization", f"Bearer {stack.token(org, kind, role)}"),)

    school, invited = "sch-con-grpc", "sch-con-grpc-inv"
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.InternshipsServiceStub(channel)
        created = await stub.CreateRound(
            pb.CreateRoundRequest(title="Over gRPC", co_owner_schools=[invited]), metadata=meta(school), timeout=10
        )
        rid = created.round.id
        assert list(created.round.schools) == [school] and list(created.round.invited_schools) == [invited]
        with pytest.raises(grpc.aio.AioRpcError) as hidden:
            await stub.GetRound(pb.GetRoundRequest(id=rid), metadata=meta(invited), timeout=10)
        assert hidden.value.code() == grpc.StatusCode.NOT_FOUND
        listed = await stub.ListRoundInvitations(pb.ListRoundInvitationsRequest(), metadata=meta(invited), timeout=10)
        assert [(i.id, i.owner_org) for i in listed.invitations] == [(rid, school)]
        accepted = await stub.AcceptRound(pb.AcceptRoundRequest(id=rid), metadata=meta(invited), timeout=10)
        assert list(accepted.round.schools) == [school, invited] and not accepted.round.invited_schools
        assert (await stub.GetRound(pb.GetRoundRequest(id=rid), metadata=meta(invited), timeout=10)).round.id == rid
        other = await stub.CreateRound(
            pb.CreateRoundRequest(title="Declined", co_owner_schools=[invited]), metadata=meta(school), timeout=10
        )
        await stub.DeclineRound(pb.DeclineRoundRequest(id=other.round.id), metadata=meta(invited), timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await stub.AcceptRound(pb.AcceptRoundRequest(id=other.round.id), metadata=meta(invited), timeout=10)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as no_agreement:
            await stub.CreateRound(
                pb.CreateRoundRequest(title="Order class", enterprise_org="ent-con-grpc-none"),
                metadata=meta(school),
                timeout=10,
            )
        assert no_agreement.value.code() == grpc.StatusCode.FAILED_PRECONDITION
