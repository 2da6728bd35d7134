"""The outcome measures, pure: job-to-major alignment (Jaccard ≥ 0.3), rates, hires, programme profiles and a
school's yearly outcomes with its competency gaps."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from internships.domain.outcomes import (
    Hire,
    HireKind,
    HireRecorded,
    LedgerPlacement,
    aligned,
    alignment,
    jaccard,
    programme,
    rate,
    year_outcomes,
)
from praxis_common.errors import InvalidInput

NOW = datetime(2027, 7, 1, 9, tzinfo=UTC)
CBEC = ["platform-operation", "digital-marketing", "data-analysis", "english"]


def placement(status="completed", tags=("platform-operation", "digital-marketing"), cohort="2024-cbec", **over):
    fields = dict(
        placement_id=uuid.uuid4(),
        agreement_id=uuid.uuid4(),
        school_org="school",
        enterprise_org="ent",
        student_ref=f"stu-{uuid.uuid4().hex[:6]}",
        cohort=cohort,
        competencies=list(tags),
        status=status,
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 6, 30),
    )
    fields.update(over)
    return LedgerPlacement(**fields)


@pytest.mark.parametrize(
    ("position", "trained", "expected", "is_aligned"),
    [
        (["a", "b"], ["a", "b", "c", "d"], Decimal("0.5"), True),  # a store-operation job in a 4-tag programme
        (["a", "x", "y"], ["a", "b", "c"], Decimal(1) / Decimal(5), False),  # one shared of five: odd job
        (["a", "b", "x"], ["a", "b", "c", "d", "e", "f", "g"], Decimal("0.25"), False),
        (["a", "b", "c"], ["a", "b", "c", "d", "e", "f"], Decimal("0.5"), True),
        (["a"], ["a", "b", "c"], Decimal(1) / Decimal(3), True),  # 0.333… ≥ 0.3
        ([], ["a"], Decimal(0), False),  # a position with no tags aligns with nothing
        (["customer-service"], ["a", "b"], Decimal(0), False),
    ],
)
def test_alignment_is_the_jaccard_overlap_at_or_above_three_tenths(position, trained, expected, is_aligned):
    assert jaccard(position, trained) == expected
    assert aligned(position, trained) is is_aligned


def test_alignment_counts_only_hosted_placements_with_a_programme_profile():
    programmes = {("school", "2024-cbec"): CBEC}
    found = alignment(
        [
            placement(),  # 2 of 4: aligned
            placement(tags=["customer-service", "data-entry"]),  # odd jobs: not aligned
            placement(cohort="2023-logistics"),  # no profile: not counted
            placement(cohort=None),
            placement(status="confirmed"),  # never started: not counted
            placement(status="terminated"),  # hosted, then ended: counted
        ],
        programmes,
    )
    assert (found.aligned, found.with_profile, found.rate) == (2, 3, Decimal("0.6667"))


def test_a_rate_of_nothing_is_unknown_not_zero():
    assert rate(0, 0) is None
    assert rate(0, 4) == Decimal("0.0000")
    assert rate(2, 3) == Decimal("0.6667")


def test_a_programme_profile_is_distinct_sorted_and_never_empty():
    p = programme("school", "2024-cbec", ["english", "data-analysis", "english"], by="admin", now=NOW)
    assert p.competencies == ["data-analysis", "english"]
    with pytest.raises(InvalidInput) as refused:
        programme("school", "2024-cbec", [], by="admin", now=NOW)
    assert refused.value.errors[0].field == "competencies"


def hire(on: date, starts_on: date = date(2027, 3, 1)) -> Hire:
    return Hire.record(
        enterprise_org="ent",
        school_org="school",
        student_ref="stu-1",
        agreement_id=uuid.uuid4(),
        placement_id=uuid.uuid4(),
        kind=HireKind.RETURN_OFFER,
        on=on,
        position_title=None,
        placement_starts_on=starts_on,
        by="hr",
        now=NOW,
    )


def test_a_hire_follows_the_placement_and_has_happened():
    h = hire(date(2027, 6, 20))
    assert [type(e) for e in h.pull_events()] == [HireRecorded]
    for on in (date(2027, 2, 28), date(2027, 7, 2)):  # before the placement started; in the future
        with pytest.raises(InvalidInput) as refused:
            hire(on)
        assert refused.value.errors[0].field == "on"


def test_a_years_outcomes_rates_and_competency_gaps():
    programmes = {("school", "2024-cbec"): CBEC, ("school", "2024-logistics"): ["logistics", "english"]}
    done = [placement(enterprise_org="ent", student_ref=f"s{i}") for i in range(3)]
    cut = placement(status="terminated")
    running = placement(status="active", tags=["customer-service"])
    never = placement(status="withdrawn")
    hired = {(p.enterprise_org, p.student_ref) for p in (done[0], done[1], cut)}  # cut: not completed, not counted
    hired.add(("another-enterprise", done[2].student_ref))  # hired elsewhere: not the host's hire
    demanded = Counter({"digital-marketing": 4, "tiktok-live": 3, "english": 1, "japanese": 3})
    o = year_outcomes("school", 2027, [*done, cut, running, never], hired, programmes, demanded)
    assert (o.placements, o.completed, o.ended, o.hired) == (5, 3, 4, 2)
    assert (o.hire_rate, o.completion_rate) == (Decimal("0.6667"), Decimal("0.7500"))
    assert (o.alignment.aligned, o.alignment.with_profile) == (4, 5)
    assert [(t.tag, t.count) for t in o.demanded] == [
        ("digital-marketing", 4),
        ("japanese", 3),
        ("tiktok-live", 3),
        ("english", 1),
    ]
    assert [(t.tag, t.count) for t in o.trained][:1] == [("english", 2)]
    assert [(t.tag, t.count) for t in o.gaps] == [("japanese", 3), ("tiktok-live", 3)]


def test_a_year_without_placements_has_no_rates():
    o = year_outcomes("school", 2030, [], set(), {}, Counter())
    assert (o.hire_rate, o.completion_rate, o.alignment.rate) == (None, None, None)
    assert o.demanded == o.trained == o.gaps == []
