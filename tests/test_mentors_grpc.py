"""The mentors gRPC API against real processes: the questions other services ask (with deadlines), scoped to
the caller's organisation or open to a platform service; the main use cases; sessions refused. (One world for
them all: the module-scoped `world` fixture is built once. Bad requests: test_mentors_grpc_bad_input.py.)"""

from __future__ import annotations

from datetime import timedelta

import grpc
import pytest
import pytest_asyncio
from mentors_grpc_calls import DEADLINE, ENTERPRISE, SCHOOL, STUDENT, TODAY, meta, refused

from praxis.mentors.v1 import mentors_pb2 as pb
from praxis.mentors.v1 import mentors_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack, eventually

pytest_plugins = ["mentors_grpc_calls"]  # the stub fixture


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, internships, mentors) -> dict:
    async with internships.client() as c, mentors.client() as m:
        teacher = await mentors.mentor(m, SCHOOL, "school", capacity=1, display_name="Teacher")
        host = await mentors.mentor(m, ENTERPRISE, "enterprise", capacity=5, display_name="Host")
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE)
        position = await internships.position(c, ENTERPRISE, agreement, seats=2, starts_on=TODAY + timedelta(days=10))
        placements = []
        for student in (STUDENT, "stu-rpc-2"):
            booked = await internships.book(c, SCHOOL, position["id"], student)
            assert booked.status_code == 201, booked.text
            placements.append(booked.json()["id"])
            confirmed = await c.post(
                f"/v1/placements/{placements[-1]}/confirm", headers=stack.auth(ENTERPRISE, "enterprise", "hr")
            )
            assert confirmed.status_code == 200, confirmed.text

        async def settled():
            first = await mentors.of_student(m, SCHOOL, "school", STUDENT)
            second = await mentors.of_student(m, SCHOOL, "school", "stu-rpc-2")
            return (first, second) if len(first) == 2 and len(second) == 2 else None

        first, second = await eventually(settled, timeout=30, what="both placements' assignments")
    # The teacher has one seat: whichever placement came first holds it, the other waits.
    holder, waiter = (first, second) if first["school"]["status"] == "active" else (second, first)
    return {
        "teacher": teacher["id"],
        "host": host["id"],
        "holder": holder,
        "waiter": waiter,
        "placement": first["school"]["context_id"],
        "first": first,
    }


@pytest.fixture
async def stub(stack: Stack):
    async with grpc.aio.insecure_channel(stack["mentors"].grpc_target) as channel:
        yield pb_grpc.MentorsServiceStub(channel)


async def test_get_assignments_is_scoped_to_the_caller_or_open_to_a_platform_service(stack, stub, world):
    request = pb.GetAssignmentsRequest(student_ref=STUDENT)
    own = await stub.GetAssignments(request, metadata=meta(stack, SCHOOL, "school", "admin"), timeout=DEADLINE)
    assert sorted(a.side for a in own.assignments) == [pb.SIDE_SCHOOL, pb.SIDE_ENTERPRISE]
    assert {a.context_id for a in own.assignments} == {world["placement"]}
    assert all(a.context_kind == pb.CONTEXT_KIND_PLACEMENT for a in own.assignments)
    host = await stub.GetAssignments(request, metadata=meta(stack, ENTERPRISE, "enterprise", "hr"), timeout=DEADLINE)
    assert {a.id for a in host.assignments} == {a.id for a in own.assignments}
    other = await stub.GetAssignments(request, metadata=meta(stack, "school-x", "school", "admin"), timeout=DEADLINE)
    assert list(other.assignments) == []
    service = meta(stack, "projects", "platform", "service")
    anywhere = await stub.GetAssignments(request, metadata=service, timeout=DEADLINE)
    assert {a.id for a in anywhere.assignments} == {a.id for a in own.assignments}
    scoped = await stub.GetAssignments(
        pb.GetAssignmentsRequest(student_ref=STUDENT, org=SCHOOL), metadata=service, timeout=DEADLINE
    )
    assert len(scoped.assignments) == 2
    elsewhere = await stub.GetAssignments(
        pb.GetAssignmentsRequest(student_ref=STUDENT, org="school-x"), metadata=service, timeout=DEADLINE
    )
    assert list(elsewhere.assignments) == []
    for forbidden in (
        meta(stack, "platform", "platform", "ops"),  # platform staff, not a service
    ):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.GetAssignments(request, metadata=forbidden, timeout=DEADLINE)
        assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as raised:  # only a service may name another organisation
        await stub.GetAssignments(
            pb.GetAssignmentsRequest(student_ref=STUDENT, org=SCHOOL),
            metadata=meta(stack, "school-x", "school", "admin"),
            timeout=DEADLINE,
        )
    assert raised.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_is_mentor_of_answers_for_the_student_and_context(stack, stub, world):
    holder = world["holder"]
    context = holder["school"]["context_id"]
    student = holder["school"]["student_ref"]
    service = meta(stack, "projects", "platform", "service")

    async def ask(mentor_id: str, *, kind=pb.CONTEXT_KIND_UNSPECIFIED, context_id="", metadata=service, who=student):
        return await stub.IsMentorOf(
            pb.IsMentorOfRequest(mentor_id=mentor_id, student_ref=who, context_kind=kind, context_id=context_id),
            metadata=metadata,
            timeout=DEADLINE,
        )

    yes = await ask(world["teacher"], kind=pb.CONTEXT_KIND_PLACEMENT, context_id=context)
    assert yes.is_mentor and yes.side == pb.SIDE_SCHOOL and yes.assignment_id == holder["school"]["id"]
    assert (await ask(world["host"])).side == pb.SIDE_ENTERPRISE
    assert (await ask(world["teacher"], metadata=meta(stack, ENTERPRISE, "enterprise", "hr"))).is_mentor
    assert not (await ask(world["teacher"], who="somebody-else")).is_mentor
    assert not (await ask(world["teacher"], kind=pb.CONTEXT_KIND_PROJECT, context_id=context)).is_mentor
    assert not (await ask(world["teacher"], metadata=meta(stack, "school-x", "school", "admin"))).is_mentor
    waiting_student = world["waiter"]["school"]["student_ref"]
    assert not (await ask(world["teacher"], who=waiting_student)).is_mentor  # pending: nobody mentors them yet
    for bad in (
        pb.IsMentorOfRequest(mentor_id="nope", student_ref=student),
        pb.IsMentorOfRequest(mentor_id=world["teacher"], student_ref=""),
        pb.IsMentorOfRequest(mentor_id=world["teacher"], student_ref=student, context_kind=pb.CONTEXT_KIND_PLACEMENT),
        pb.IsMentorOfRequest(mentor_id=world["teacher"], student_ref=student, context_id=context),
        pb.IsMentorOfRequest(mentor_id=world["teacher"], student_ref="x" * 129),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.IsMentorOf(bad, metadata=service, timeout=DEADLINE)
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT, bad


async def test_manage_mentors_assignments_and_sessions_over_grpc(stack, stub, world):
    school = meta(stack, SCHOOL, "school", "admin")
    host = meta(stack, ENTERPRISE, "enterprise", "hr")
    pending = await stub.ListPendingAssignments(pb.ListPendingAssignmentsRequest(), metadata=school, timeout=DEADLINE)
    assert [a.id for a in pending.assignments] == [world["waiter"]["school"]["id"]]

    create = pb.CreateMentorRequest(kind=pb.SIDE_SCHOOL, display_name="Second", capacity=2, expertise=["logistics"])
    keyed = (*school, ("idempotency-key", "mentor-second"))
    made = await stub.CreateMentor(create, metadata=keyed, timeout=DEADLINE)
    call = stub.CreateMentor(create, metadata=keyed, timeout=DEADLINE)
    replay = await call
    assert replay.mentor.id == made.mentor.id and made.mentor.dual_qualified is False
    assert ("idempotent-replayed", "true") in tuple(await call.trailing_metadata())
    # The new mentor's capacity went to the waiting student at once.
    fetched = await stub.GetMentor(pb.GetMentorRequest(id=made.mentor.id), metadata=school, timeout=DEADLINE)
    assert fetched.mentor.load == 1
    still = await stub.ListPendingAssignments(pb.ListPendingAssignmentsRequest(), metadata=school, timeout=DEADLINE)
    assert list(still.assignments) == []

    moved = await stub.AssignMentor(
        pb.AssignMentorRequest(
            assignment_id=world["holder"]["school"]["id"], mentor_id=made.mentor.id, reason="logistics expert"
        ),
        metadata=school,
        timeout=DEADLINE,
    )
    assert moved.assignment.mentor_id == made.mentor.id and moved.assignment.status == pb.ASSIGNMENT_STATUS_ACTIVE
    history = await stub.GetAssignmentHistory(
        pb.GetAssignmentHistoryRequest(assignment_id=world["holder"]["school"]["id"]), metadata=school, timeout=DEADLINE
    )
    assert [(e.action, e.how, e.reason) for e in history.entries][-1] == ("reassigned", "manual", "logistics expert")

    enterprise_side = world["holder"]["enterprise"]["id"]
    recorded = await stub.RecordSession(
        pb.RecordSessionRequest(
            assignment_id=enterprise_side, held_on=TODAY.isoformat(), mode=pb.SESSION_MODE_ONSITE, minutes=45
        ),
        metadata=host,
        timeout=DEADLINE,
    )
    assert recorded.session.mentor_id == world["host"] and not recorded.session.confirmed_at
    confirmed = await stub.ConfirmSession(
        pb.ConfirmSessionRequest(assignment_id=enterprise_side, session_id=recorded.session.id),
        metadata=school,
        timeout=DEADLINE,
    )
    assert confirmed.session.confirmed_at
    listed = await stub.ListMentors(pb.ListMentorsRequest(active_only=True), metadata=school, timeout=DEADLINE)
    assert {m.display_name for m in listed.mentors} == {"Teacher", "Second"}


async def test_sessions_in_the_future_or_without_minutes_are_refused(stack, stub, world):
    host = meta(stack, ENTERPRISE, "enterprise", "hr")
    enterprise_side = world["holder"]["enterprise"]["id"]
    for held_on, minutes, mode, field in (
        ((TODAY + timedelta(days=1)).isoformat(), 30, pb.SESSION_MODE_ONLINE, "held_on"),
        (TODAY.isoformat(), 0, pb.SESSION_MODE_ONLINE, "minutes"),
        (TODAY.isoformat(), 30, pb.SESSION_MODE_UNSPECIFIED, "mode"),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.RecordSession(
                pb.RecordSessionRequest(assignment_id=enterprise_side, held_on=held_on, mode=mode, minutes=minutes),
                metadata=host,
                timeout=DEADLINE,
            )
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT and field in raised.value.details()


async def test_a_mentors_profile_and_practice_record_change_over_grpc(stack, stub, world):
    """UpdateMentor (a field mask), practice periods and certificates added and removed: the REST use cases."""
    school = meta(stack, SCHOOL, "school", "admin")

    async def call(method: str, request, metadata=school):
        return await getattr(stub, method)(request, metadata=metadata, timeout=DEADLINE)

    third = (
        await call("CreateMentor", pb.CreateMentorRequest(kind=pb.SIDE_SCHOOL, display_name="Third", capacity=0))
    ).mentor
    changed = (
        await call(
            "UpdateMentor",
            pb.UpdateMentorRequest(
                id=third.id,
                update_mask={"paths": ["capacity", "expertise", "account"]},
                capacity=3,
                expertise=["data-analysis"],
                account="t-third",
                display_name="ignored: not in the mask",
            ),
        )
    ).mentor
    assert (changed.capacity, list(changed.expertise), changed.account, changed.display_name) == (
        3,
        ["data-analysis"],
        "t-third",
        "Third",
    )
    # Raising capacity fills a waiting assignment at once (the world's waiting student, unless another test did).
    assert changed.free_seats == 3 - changed.load and changed.dual_qualified is False
    cleared = await call("UpdateMentor", pb.UpdateMentorRequest(id=third.id, update_mask={"paths": ["account"]}))
    assert cleared.mentor.account == ""
    for mask, field in (([], "update_mask"), (["load"], "update_mask"), (["capacity"], "capacity")):
        bad = await refused(
            call("UpdateMentor", pb.UpdateMentorRequest(id=third.id, update_mask={"paths": mask}, capacity=-1))
        )
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT and field in bad.details(), mask

    period = pb.AddPracticePeriodRequest(
        mentor_id=third.id,
        enterprise="Sea Commerce Ltd",
        role="store operations",
        from_date=(TODAY - timedelta(days=300)).isoformat(),
        to_date=(TODAY - timedelta(days=10)).isoformat(),
        hours=1200,
    )
    keyed = (*school, ("idempotency-key", "third-practice"))
    added = (await call("AddPracticePeriod", period, keyed)).period
    assert (await call("AddPracticePeriod", period, keyed)).period.id == added.id  # a replay, not a second period
    qualified = (await call("GetMentor", pb.GetMentorRequest(id=third.id))).mentor
    assert qualified.dual_qualified and qualified.qualification.practice_days >= 180
    assert [p.id for p in qualified.practice_periods] == [added.id]
    removed = (
        await call("RemovePracticePeriod", pb.RemovePracticePeriodRequest(mentor_id=third.id, period_id=added.id))
    ).mentor
    assert list(removed.practice_periods) == [] and removed.dual_qualified is False
    again = await refused(
        call("RemovePracticePeriod", pb.RemovePracticePeriodRequest(mentor_id=third.id, period_id=added.id))
    )
    assert again.code() == grpc.StatusCode.NOT_FOUND

    certificate = (
        await call(
            "AddCertificate",
            pb.AddCertificateRequest(
                mentor_id=third.id,
                name="Enterprise Practice Instructor Certificate",
                issued_on=(TODAY - timedelta(days=30)).isoformat(),
            ),
        )
    ).certificate
    with_certificate = (await call("GetMentor", pb.GetMentorRequest(id=third.id))).mentor
    assert with_certificate.dual_qualified
    assert list(with_certificate.qualification.qualifying_certificates) == [certificate.name]
    without = (
        await call("RemoveCertificate", pb.RemoveCertificateRequest(mentor_id=third.id, certificate_id=certificate.id))
    ).mentor
    assert list(without.certificates) == [] and without.dual_qualified is False

    host = meta(stack, ENTERPRISE, "enterprise", "hr")
    period.mentor_id = world["host"]
    enterprise_mentor = await refused(call("AddPracticePeriod", period, host))
    assert enterprise_mentor.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_assignments_sessions_and_reports_read_over_grpc_as_over_rest(stack, stub, world, mentors):
    """ListAssignments, GetAssignment, ListSessions, ListOverdueGuidance and the four reports answer what the REST
    routes answer, from the same use cases; a non-school asking for the dual-qualified report is refused."""
    school, host = meta(stack, SCHOOL, "school", "admin"), meta(stack, ENTERPRISE, "enterprise", "hr")
    rest_school, rest_host = mentors.manager(SCHOOL, "school"), mentors.manager(ENTERPRISE, "enterprise")

    async def call(method: str, request, metadata=school):
        return await getattr(stub, method)(request, metadata=metadata, timeout=DEADLINE)

    async with mentors.client() as m:
        listed = (await m.get("/v1/assignments", headers=rest_school)).json()["items"]
        seen, token = [], ""
        while True:
            page = await call("ListAssignments", pb.ListAssignmentsRequest(page_size=1, page_token=token))
            assert len(page.assignments) <= 1
            seen += [a.id for a in page.assignments]
            token = page.next_page_token
            if not token:
                break
        assert seen == [a["id"] for a in listed] and len(seen) == 4  # two placements, a pair of mentors each
        enterprise_side = await call("ListAssignments", pb.ListAssignmentsRequest(side=pb.SIDE_ENTERPRISE))
        assert {a.side for a in enterprise_side.assignments} == {pb.SIDE_ENTERPRISE}
        assert len(enterprise_side.assignments) == 2

        assignment_id = world["holder"]["enterprise"]["id"]
        one = (await call("GetAssignment", pb.GetAssignmentRequest(id=assignment_id), host)).assignment
        assert (one.id, one.side, one.student_ref) == (
            assignment_id,
            pb.SIDE_ENTERPRISE,
            world["holder"]["enterprise"]["student_ref"],
        )
        stranger = await refused(
            call("GetAssignment", pb.GetAssignmentRequest(id=assignment_id), meta(stack, "school-x", "school", "admin"))
        )
        assert stranger.code() == grpc.StatusCode.NOT_FOUND

        await call(
            "RecordSession",
            pb.RecordSessionRequest(
                assignment_id=assignment_id, held_on=TODAY.isoformat(), mode=pb.SESSION_MODE_ONLINE, minutes=20
            ),
            host,
        )
        sessions = await call("ListSessions", pb.ListSessionsRequest(assignment_id=assignment_id))
        rest_sessions = (await m.get(f"/v1/assignments/{assignment_id}/sessions", headers=rest_school)).json()["items"]
        assert [s.id for s in sessions.sessions] == [s["id"] for s in rest_sessions] and rest_sessions

        overdue = await call("ListOverdueGuidance", pb.ListOverdueGuidanceRequest())
        rest_overdue = (await m.get("/v1/assignments/overdue-guidance", headers=rest_school)).json()
        assert overdue.days == rest_overdue["days"] == 14
        assert [o.assignment.id for o in overdue.items] == [o["assignment"]["id"] for o in rest_overdue["items"]]
        too_many = await refused(call("ListOverdueGuidance", pb.ListOverdueGuidanceRequest(days=366)))
        assert too_many.code() == grpc.StatusCode.INVALID_ARGUMENT and "days" in too_many.details()

        dual = await call("GetDualQualifiedReport", pb.GetDualQualifiedReportRequest())
        rest_dual = (await m.get("/v1/reports/dual-qualified", headers=rest_school)).json()
        assert (dual.school_org, dual.mentors_total, dual.dual_qualified) == (
            SCHOOL,
            rest_dual["mentors_total"],
            rest_dual["dual_qualified"],
        )
        assert [x.mentor_id for x in dual.mentors] == [x["mentor_id"] for x in rest_dual["mentors"]]
        assert dual.rule.min_months == rest_dual["rule"]["min_months"] == 6
        not_a_school = await refused(call("GetDualQualifiedReport", pb.GetDualQualifiedReportRequest(), host))
        assert not_a_school.code() == grpc.StatusCode.PERMISSION_DENIED

        load = await call("GetMentorLoadReport", pb.GetMentorLoadReportRequest(), host)
        rest_load = (await m.get("/v1/reports/mentor-load", headers=rest_host)).json()
        assert (load.total_capacity, load.total_load) == (rest_load["total_capacity"], rest_load["total_load"])
        assert dict(load.buckets) == rest_load["buckets"] and [x.mentor_id for x in load.mentors] == [
            x["mentor_id"] for x in rest_load["mentors"]
        ]

        guidance = await call("GetGuidanceReport", pb.GetGuidanceReportRequest(), host)
        rest_guidance = (await m.get("/v1/reports/guidance", headers=rest_host)).json()
        assert (guidance.from_date, guidance.to_date) == (rest_guidance["from"], rest_guidance["to"])
        assert {(x.mentor_id, x.sessions) for x in guidance.per_mentor} == {
            (x["mentor_id"], x["sessions"]) for x in rest_guidance["per_mentor"]
        }
        assert any(x.mentor_id == world["host"] and x.sessions >= 1 for x in guidance.per_mentor)
        backwards = await refused(
            call("GetGuidanceReport", pb.GetGuidanceReportRequest(from_date=TODAY.isoformat(), to_date="2020-01-01"))
        )
        assert backwards.code() == grpc.StatusCode.INVALID_ARGUMENT

        pending = await call("GetPendingAssignmentsReport", pb.GetPendingAssignmentsReportRequest())
        rest_pending = (await m.get("/v1/reports/pending-assignments", headers=rest_school)).json()
        assert (pending.total, dict(pending.by_side)) == (rest_pending["total"], rest_pending["by_side"])
        assert [a.id for a in pending.items] == [a["id"] for a in rest_pending["items"]]
        page = await call("ListPendingAssignments", pb.ListPendingAssignmentsRequest(page_size=500))
        rest_page = (await m.get("/v1/assignments/pending", headers=rest_school)).json()
        assert [a.id for a in page.assignments] == [a["id"] for a in rest_page["items"]]
        oversized = await refused(call("ListPendingAssignments", pb.ListPendingAssignmentsRequest(page_size=501)))
        assert oversized.code() == grpc.StatusCode.INVALID_ARGUMENT and "page_size" in oversized.details()
