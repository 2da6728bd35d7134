"""The gRPC twins of the routes tests/test_grades_outcomes_isolation.py probes that name an owned object."""

from __future__ import annotations

import grpc

from praxis.internships.v1 import (
    credits_pb2,
    credits_pb2_grpc,
    evaluation_pb2,
    evaluation_pb2_grpc,
    outcomes_pb2,
    outcomes_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)


def rpcs(channel: grpc.aio.Channel, ids: dict, student: str) -> list[tuple[str, object, object, str]]:
    """(method, stub method, request, kind of object named): the gRPC twins of the table's routes that name an
    owned object (the same handlers, so the same answers); `student` is the owners' student."""
    grades, evaluation = (
        credits_pb2_grpc.CreditsServiceStub(channel),
        evaluation_pb2_grpc.EvaluationServiceStub(channel),
    )
    outcomes, feedback = outcomes_pb2_grpc.OutcomesServiceStub(channel), tiers_pb2_grpc.FeedbackServiceStub(channel)
    tiers, pid, aid, bid = tiers_pb2_grpc.BaseTiersServiceStub(channel), ids["placement"], ids["agreement"], ids["base"]
    return [
        ("ListRubrics", evaluation.ListRubrics, evaluation_pb2.ListRubricsRequest(agreement_id=aid), "agreement_read"),
        (
            "GetRubric",
            evaluation.GetRubric,
            evaluation_pb2.GetRubricRequest(agreement_id=aid, version=ids["version"]),
            "agreement_read",
        ),
        (
            "GetPlacementScorecard",
            evaluation.GetPlacementScorecard,
            evaluation_pb2.GetPlacementScorecardRequest(placement_id=pid),
            "placement",
        ),
        (
            "GetPlacementGrade",
            grades.GetPlacementGrade,
            credits_pb2.GetPlacementGradeRequest(placement_id=pid),
            "placement",
        ),
        (
            "AmendPlacementGrade",
            grades.AmendPlacementGrade,
            credits_pb2.AmendPlacementGradeRequest(placement_id=pid, total="100", reason="outsider"),
            "placement",
        ),
        (
            "GetStudentCredits",
            grades.GetStudentCredits,
            credits_pb2.GetStudentCreditsRequest(student_ref=student),
            "student",
        ),
        (
            "GetAgreementValue",
            outcomes.GetAgreementValue,
            outcomes_pb2.GetAgreementValueRequest(agreement_id=aid),
            "agreement_write",
        ),
        ("GetFeedback", feedback.GetFeedback, tiers_pb2.GetFeedbackRequest(placement_id=pid), "placement"),
        (
            "ConfirmBaseTier",
            tiers.ConfirmBaseTier,
            tiers_pb2.ConfirmBaseTierRequest(base_id=bid, tier=1, reason="ours"),
            "base_write",
        ),
        (
            "GetBaseTierEvidence",
            tiers.GetBaseTierEvidence,
            tiers_pb2.GetBaseTierEvidenceRequest(base_id=bid),
            "base_read",
        ),
        ("GetBaseTierHistory", tiers.GetBaseTierHistory, tiers_pb2.GetBaseTierHistoryRequest(base_id=bid), "base_read"),
    ]


CODES = {200: grpc.StatusCode.OK, 403: grpc.StatusCode.PERMISSION_DENIED, 404: grpc.StatusCode.NOT_FOUND}
