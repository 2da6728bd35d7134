"""What each organisation receives of an event: only the parties, only the listed fields, per event type."""

from __future__ import annotations

import pytest

from notifications.domain.projections import PLACEMENT_FIELDS, PROJECTIONS, addressed
from notifications.domain.webhooks import SUBSCRIBABLE
from praxis_common.errors import InvalidInput

PLACEMENT = {
    "placement_id": "p1",
    "position_id": "pos1",
    "agreement_id": "a1",
    "school_org": "school-1",
    "enterprise_org": "ent-1",
    "student_ref": "stu-1",
    "status": "requested",
    "starts_on": "2027-01-01",
    "ends_on": "2027-03-01",
    "reason": "",
    "occurred_at": "2026-11-30T10:00:00+00:00",
    "position_competencies": ["platform-operation"],
    "student_competencies": ["data-analysis"],
    "student_languages": ["en"],
    "forced": False,
    "cohort": "2024-cbec",
    # What a later version of the event might carry and the enterprise must not see: no projection passes it.
    "student_birth_date": "2004-05-06",
    "study_year": 3,
    "display_name": "Li Wei",
}


@pytest.mark.parametrize(
    "kind", ["requested", "confirmed", "rejected", "started", "completed", "withdrawn", "terminated", "expired"]
)
def test_a_placement_event_goes_to_its_school_and_enterprise_only_with_the_shared_profile(kind):
    found = addressed(f"praxis.internships.placement.{kind}.v1", PLACEMENT)
    assert [a.org for a in found] == [("school-1", "school"), ("ent-1", "enterprise")]
    for a in found:
        assert set(a.data) == {*PLACEMENT_FIELDS, "position_competencies", "profile"}
        assert a.data["profile"] == {"competencies": ["data-analysis"], "languages": ["en"]}
        assert "student_birth_date" not in a.data and "study_year" not in a.data and "display_name" not in a.data


def test_agreement_events_go_to_both_parties():
    activated = {
        "agreement_id": "a1",
        "school_org": "s",
        "enterprise_org": "e",
        "valid_from": "2027-01-01",
        "valid_to": "2027-12-31",
        "intern_quota": 5,
        "activated_at": "x",
        "internal_note": "never",
    }
    found = addressed("praxis.internships.agreement.activated.v1", activated)
    assert [a.org for a in found] == [("s", "school"), ("e", "enterprise")] and "internal_note" not in found[0].data
    ended = addressed(
        "praxis.internships.agreement.ended.v1",
        {"agreement_id": "a1", "school_org": "s", "enterprise_org": "e", "reason": "AGREEMENT_END_REASON_EXPIRED"},
    )
    assert [a.data["reason"] for a in ended] == ["AGREEMENT_END_REASON_EXPIRED"] * 2


def test_an_event_without_projection_goes_to_nobody_and_one_without_parties_is_refused():
    assert addressed("praxis.internships.logbook.approved.v1", PLACEMENT) == []
    with pytest.raises(InvalidInput):
        addressed("praxis.internships.placement.requested.v1", {**PLACEMENT, "enterprise_org": ""})


def test_only_projected_events_are_subscribable():
    assert SUBSCRIBABLE == frozenset(PROJECTIONS)
