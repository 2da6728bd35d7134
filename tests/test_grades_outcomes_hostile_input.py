"""Hostile input over issue 13's routes (rubrics, placement evaluations, grades, the credit ledger, hires,
programmes, outcomes, feedback and base tiers), on real objects: every answer is a 2xx or a 4xx problem, never a
500 or a hang."""

from __future__ import annotations

import grpc
import httpx
import pytest_asyncio
from evaluation_world import evaluated_placement
from grades_hostile_cases import DATES, ENTERPRISE, MENTOR, NUMBERS, SCHOOL, STUDENT, TEACHER, TEXTS, cases

from praxis.internships.v1 import credits_pb2 as cpb
from praxis.internships.v1 import credits_pb2_grpc as cpb_grpc
from praxis.internships.v1 import evaluation_pb2 as epb
from praxis.internships.v1 import evaluation_pb2_grpc as epb_grpc
from praxis.internships.v1 import outcomes_pb2 as opb
from praxis.internships.v1 import outcomes_pb2_grpc as opb_grpc
from praxis.internships.v1 import tiers_pb2 as tpb
from praxis.internships.v1 import tiers_pb2_grpc as tpb_grpc
from praxis_dev.testing.stack import Stack


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(stack: Stack, start_placement, assign_mentor) -> dict:
    made = await evaluated_placement(
        stack,
        start_placement,
        assign_mentor,
        school=SCHOOL,
        enterprise=ENTERPRISE,
        student=STUDENT,
        teacher=TEACHER,
        mentor=MENTOR,
    )
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        position = await c.get(
            f"/v1/positions/{made['position_id']}", headers=stack.auth(ENTERPRISE, "enterprise", "hr")
        )
        assert position.status_code == 200, position.text
        made["base_id"] = position.json()["base_id"]
    return made


async def test_no_new_route_answers_500_or_hangs_to_hostile_input(stack: Stack, world):
    heads = {
        "admin": stack.auth(SCHOOL, "school", "admin"),
        "teacher": stack.auth(SCHOOL, "school", "teacher", sub=TEACHER),
        "student": stack.auth(SCHOOL, "school", "student", sub=STUDENT),
        "hr": stack.auth(ENTERPRISE, "enterprise", "hr"),
    }
    failures = []
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=20) as c:
        for who, method, path, params, body in cases(world):
            headers = dict(heads[who])
            kwargs: dict = {"params": params}
            if isinstance(body, bytes):
                kwargs["content"] = body
                headers["content-type"] = "application/json"
            elif body is not None:
                kwargs["json"] = body
            try:
                r = await c.request(method, path, headers=headers, **kwargs)
            except httpx.InvalidURL:  # the client refuses to send it (too long)
                continue
            except httpx.TimeoutException:
                failures.append((who, method, path[:120], str(params)[:120], str(body)[:200], "TIMEOUT", ""))
                continue
            problem = r.headers.get("content-type", "").startswith("application/problem+json")
            if r.status_code >= 500 or (r.status_code >= 400 and not problem):
                failures.append(
                    (who, method, path[:120], str(params)[:120], str(body)[:200], r.status_code, r.text[:300])
                )
    for f in failures:
        print("FAIL", f)
    assert not failures, f"{len(failures)} hostile requests answered badly"


GRPC_FINE = {
    grpc.StatusCode.OK,
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.ALREADY_EXISTS,
}


async def test_the_grpc_twins_answer_hostile_input_with_a_status_never_internal(stack: Stack, world):
    """The same kinds of input over gRPC: INVALID_ARGUMENT (or NOT_FOUND, PERMISSION_DENIED, FAILED_PRECONDITION),
    never UNKNOWN, INTERNAL or a deadline."""
    p, a, b = world["id"], world["agreement_id"], world["base_id"]

    def meta(who: str):
        org, kind, role, sub = {
            "admin": (SCHOOL, "school", "admin", None),
            "student": (SCHOOL, "school", "student", STUDENT),
            "hr": (ENTERPRISE, "enterprise", "hr", None),
        }[who]
        return (("authorization", f"Bearer {stack.token(org, kind, role, sub=sub)}"),)

    def ind(**over):
        fields = {"key": "knowledge", "name_zh": "k", "name_en": "k", "scorer": "school_mentor", "weight": "1"}
        return epb.RubricIndicator(**{**fields, **over})

    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        ev, cr = epb_grpc.EvaluationServiceStub(channel), cpb_grpc.CreditsServiceStub(channel)
        oc, fb = opb_grpc.OutcomesServiceStub(channel), tpb_grpc.FeedbackServiceStub(channel)
        tiers = tpb_grpc.BaseTiersServiceStub(channel)
        calls = []
        for n in NUMBERS + ["abc", "", "0x10", "1_0"]:
            calls.append(
                (
                    "admin",
                    ev.ProposeRubric,
                    epb.ProposeRubricRequest(
                        agreement_id=a, internship_type="post_internship", indicators=[ind(weight=n)]
                    ),
                )
            )
            lv = epb.RubricLevel(name="l", min_score=n, max_score="100")
            calls.append(
                (
                    "admin",
                    ev.ProposeRubric,
                    epb.ProposeRubricRequest(
                        agreement_id=a, internship_type="post_internship", indicators=[ind(levels=[lv])]
                    ),
                )
            )
            calls.append(
                (
                    "student",
                    ev.RecordPlacementEvaluation,
                    epb.RecordPlacementEvaluationRequest(placement_id=p, window="final", scores={"self_assessment": n}),
                )
            )
            calls.append(
                ("admin", cr.AmendPlacementGrade, cpb.AmendPlacementGradeRequest(placement_id=p, total=n, reason="r"))
            )
        for t in TEXTS:
            calls.append(
                (
                    "admin",
                    ev.ProposeRubric,
                    epb.ProposeRubricRequest(
                        agreement_id=a, internship_type="post_internship", indicators=[ind(key=t)]
                    ),
                )
            )
            calls.append(
                (
                    "admin",
                    ev.ProposeRubric,
                    epb.ProposeRubricRequest(agreement_id=a, internship_type=t, indicators=[ind()]),
                )
            )
            calls.append(
                (
                    "student",
                    ev.RecordPlacementEvaluation,
                    epb.RecordPlacementEvaluationRequest(placement_id=p, window=t, scores={"self_assessment": "50"}),
                )
            )
            calls.append(
                (
                    "student",
                    ev.RecordPlacementEvaluation,
                    epb.RecordPlacementEvaluationRequest(placement_id=p, window="final", scores={t: "50"}),
                )
            )
            calls.append(
                ("admin", cr.AmendPlacementGrade, cpb.AmendPlacementGradeRequest(placement_id=p, grade=t, reason=t))
            )
            calls.append(("admin", cr.GetStudentCredits, cpb.GetStudentCreditsRequest(student_ref=t)))
            calls.append(("admin", cr.ListCreditLedger, cpb.ListCreditLedgerRequest(enterprise_org=t, student_ref=t)))
            calls.append(("admin", cr.ListCreditLedger, cpb.ListCreditLedgerRequest(page_token=t or "x")))
            calls.append(
                ("hr", oc.RecordHire, opb.RecordHireRequest(student_ref=t, kind=opb.HIRE_KIND_HIRED, on="2025-01-01"))
            )
            calls.append(
                (
                    "hr",
                    oc.RecordHire,
                    opb.RecordHireRequest(
                        student_ref=STUDENT, placement_id=p, kind=opb.HIRE_KIND_HIRED, on="2025-01-01", position_title=t
                    ),
                )
            )
            calls.append(
                (
                    "admin",
                    oc.SetProgrammeCompetencies,
                    opb.SetProgrammeCompetenciesRequest(cohort=t, competencies=["a"]),
                )
            )
            calls.append(
                (
                    "admin",
                    oc.SetProgrammeCompetencies,
                    opb.SetProgrammeCompetenciesRequest(cohort="c", competencies=[t]),
                )
            )
            calls.append(("admin", oc.GetProgramme, opb.GetProgrammeRequest(cohort=t)))
            calls.append(("admin", oc.ListHires, opb.ListHiresRequest(page_token=t or "x")))
            calls.append(("admin", oc.ListProgrammes, opb.ListProgrammesRequest(page_token=t or "x")))
            calls.append(("admin", ev.GetRubric, epb.GetRubricRequest(agreement_id=t, version=1)))
            calls.append(("admin", tiers.ConfirmBaseTier, tpb.ConfirmBaseTierRequest(base_id=b, tier=2, reason=t)))
            calls.append(("admin", tiers.GetBaseTierEvidence, tpb.GetBaseTierEvidenceRequest(base_id=t)))
            calls.append(
                (
                    "student",
                    fb.GiveFeedback,
                    tpb.GiveFeedbackRequest(placement_id=p, work_match=3, guidance_quality=3, comment=t),
                )
            )
        for d in DATES:
            calls.append(("admin", cr.ListCreditLedger, cpb.ListCreditLedgerRequest(**{"from": str(d)})))
            calls.append(("admin", cr.ListCreditLedger, cpb.ListCreditLedgerRequest(to=str(d))))
            calls.append(
                (
                    "hr",
                    oc.RecordHire,
                    opb.RecordHireRequest(student_ref=STUDENT, placement_id=p, kind=opb.HIRE_KIND_HIRED, on=str(d)),
                )
            )
        for i in (-(2**31), -1, 0, 6, 2**31 - 1):
            calls.append(("admin", ev.GetRubric, epb.GetRubricRequest(agreement_id=a, version=i)))
            calls.append(("hr", ev.AcceptRubric, epb.AcceptRubricRequest(agreement_id=a, version=i)))
            calls.append(
                (
                    "admin",
                    ev.ReviseRubric,
                    epb.ReviseRubricRequest(
                        agreement_id=a, version=i, internship_type="post_internship", indicators=[ind()]
                    ),
                )
            )
            calls.append(("admin", oc.GetYearOutcomes, opb.GetYearOutcomesRequest(year=i)))
            calls.append(("admin", cr.ListCreditLedger, cpb.ListCreditLedgerRequest(page_size=i)))
            calls.append(("admin", oc.ListHires, opb.ListHiresRequest(page_size=i)))
            calls.append(("admin", tiers.ConfirmBaseTier, tpb.ConfirmBaseTierRequest(base_id=b, tier=i, reason="r")))
            calls.append(
                ("student", fb.GiveFeedback, tpb.GiveFeedbackRequest(placement_id=p, work_match=i, guidance_quality=i))
            )
        calls.append(("hr", oc.RecordHire, opb.RecordHireRequest(student_ref=STUDENT, kind=99, on="2025-01-01")))
        calls.append(
            (
                "admin",
                oc.SetProgrammeCompetencies,
                opb.SetProgrammeCompetenciesRequest(cohort="c", competencies=["a"] * 5000),
            )
        )
        calls.append(
            (
                "student",
                ev.RecordPlacementEvaluation,
                epb.RecordPlacementEvaluationRequest(
                    placement_id=p, window="final", scores={f"k{i}": "1" for i in range(5000)}
                ),
            )
        )
        failures = []
        for who, method, request in calls:
            try:
                await method(request, metadata=meta(who), timeout=20)
            except grpc.aio.AioRpcError as exc:
                if exc.code() not in GRPC_FINE:
                    failures.append((who, method._method, str(request)[:200], exc.code(), exc.details()[:200]))
    for f in failures:
        print("FAIL", f)
    assert not failures, f"{len(failures)} hostile calls answered badly"
