"""What the consumers make of other services' events, on a real PostgreSQL: a placement's grade (the latest revision
standing whatever the order), its competencies, its approved weeks and the organisations' names become the
achievement a credential describes; a project's credit a passed project; a malformed event is poison (InvalidInput,
dead-lettered by the kernel), never half applied."""

from __future__ import annotations

import uuid

import pytest
from google.protobuf import json_format

from credentials.consumers.achievements import apply_internships_event, apply_projects_event
from credentials.domain.open_badges import Kind
from praxis.events.v1 import grades_pb2, organisations_pb2, placements_pb2, projects_pb2
from praxis_common.errors import InvalidInput
from praxis_common.events import ReceivedEvent


def event(kind: str, message) -> ReceivedEvent:
    return ReceivedEvent(
        id=str(uuid.uuid4()),
        type=f"praxis.{kind}.v1",
        source="/praxis/test",
        subject="",
        time="2026-07-01T00:00:00Z",
        data=json_format.MessageToJson(message).encode(),
    )


def graded(placement_id: str, revision: int, grade: str, passed: bool) -> ReceivedEvent:
    return event(
        "internships.placement.graded",
        grades_pb2.PlacementGraded(
            placement_id=placement_id,
            school_org="sz-poly",
            enterprise_org="acme",
            student_ref="S-42",
            position_title="Store operations intern",
            internship_type="post",
            cohort="2024",
            total="91.50",
            grade=grade,
            passed=passed,
            credits="4.0",
            revision=revision,
            graded_at=f"2026-07-0{revision}T00:00:00Z",
            starts_on="2026-03-01",
            ends_on="2026-06-30",
        ),
    )


async def test_a_placement_from_its_events(uow):
    placement_id = str(uuid.uuid4())
    await apply_internships_event(graded(placement_id, 2, "良", True), uow)
    await apply_internships_event(graded(placement_id, 1, "优", True), uow)  # late: the second revision stands
    await apply_internships_event(
        event(
            "internships.placement.requested",
            placements_pb2.PlacementChanged(placement_id=placement_id, position_competencies=["b", "a", "a"]),
        ),
        uow,
    )
    for week, hours in (("2026-03-02", "40"), ("2026-03-09", "38"), ("2026-03-02", "36")):  # a week approved again
        await apply_internships_event(
            event(
                "internships.logbook.approved",
                placements_pb2.LogbookApproved(
                    placement_id=placement_id, week_start=week, total_hours=hours, core_hours="20"
                ),
            ),
            uow,
        )
    await apply_internships_event(
        event(
            "internships.organisation.profile_updated",
            organisations_pb2.OrganisationProfileUpdated(org="acme", kind="enterprise", name_en="Acme", version=2),
        ),
        uow,
    )
    async with uow() as u:
        passed = await u.achievements.get(Kind.PLACEMENT, placement_id)
        name = await u.achievements.name_of("acme", "enterprise")
    assert passed.grade == "良" and passed.revision == 2 and passed.passed
    assert passed.competencies == ("a", "b")
    assert passed.hours == 74 and passed.core_hours == 40
    assert name == "Acme"


async def test_a_passed_project_from_its_credit(uow):
    credit_id = str(uuid.uuid4())
    await apply_projects_event(
        event(
            "projects.credit.awarded",
            projects_pb2.CreditAwarded(
                credit_id=credit_id,
                student_ref="S-42",
                school_org="sz-poly",
                enterprise_org="acme",
                project_id=str(uuid.uuid4()),
                project_title="Storefront analytics dashboard",
                credits="2",
                score="84",
                awarded_on="2026-06-30",
            ),
        ),
        uow,
    )
    async with uow() as u:
        project = await u.achievements.get(Kind.PROJECT, credit_id)
    assert project.passed and project.title == "Storefront analytics dashboard" and project.total == 84


@pytest.mark.parametrize(
    "bad",
    [
        placements_pb2.LogbookApproved(
            placement_id=str(uuid.uuid4()), week_start="2026-03-02", total_hours="500", core_hours="20"
        ),
        grades_pb2.PlacementGraded(placement_id="not-a-uuid", school_org="s", enterprise_org="e", student_ref="x"),
        grades_pb2.PlacementGraded(
            placement_id=str(uuid.uuid4()),
            school_org="s",
            enterprise_org="e",
            student_ref="x",
            position_title="t",
            credits="-1",
        ),
        grades_pb2.PlacementGraded(
            placement_id=str(uuid.uuid4()), school_org="", enterprise_org="e", student_ref="x", position_title="t"
        ),
    ],
)
async def test_a_malformed_event_is_poison(uow, bad):
    kind = (
        "internships.logbook.approved"
        if isinstance(bad, placements_pb2.LogbookApproved)
        else "internships.placement.graded"
    )
    with pytest.raises(InvalidInput):
        await apply_internships_event(event(kind, bad), uow)
