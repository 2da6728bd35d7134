"""The round's state machine, its input rules and the seats it offers (pure domain, no I/O)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from internships.domain.rounds import (
    MAX_SEED,
    PublishAs,
    Round,
    RoundNotClosed,
    RoundNotComputed,
    RoundNotOpen,
    RoundPublished,
    RoundStatus,
    SeatLimit,
    SeatPool,
    check_preferences,
    check_ranking,
    default_seed,
    offered_seats,
    split_student_key,
    student_key,
)
from praxis_common.errors import Conflict, InvalidInput

NOW = datetime(2030, 2, 1, 8, tzinfo=UTC)


def new_round(**overrides) -> Round:
    return Round.create(
        **{"title": "Spring 2030", "owner_org": "s1", "created_by": "coord", "list_limit": 3, "now": NOW} | overrides
    )


def test_a_round_walks_open_closed_computed_published():
    r = new_round()
    assert (r.status, r.schools, r.publish_as) == (RoundStatus.OPEN, ["s1"], PublishAs.REQUESTED)
    assert r.seed == default_seed(r.id) and 0 <= r.seed <= MAX_SEED
    r.require_open()
    with pytest.raises(RoundNotClosed):
        r.require_computable()
    with pytest.raises(RoundNotComputed, match="close and compute"):
        r.require_publishable()
    r.close(now=NOW)
    assert r.status is RoundStatus.CLOSED and r.closed_at == NOW
    with pytest.raises(RoundNotOpen):
        r.require_open()
    with pytest.raises(RoundNotComputed, match="compute it"):
        r.require_publishable()
    first, second = uuid.uuid4(), uuid.uuid4()
    r.computed(first, now=NOW)
    r.computed(second, now=NOW)  # computing again is a new run
    assert (r.status, r.latest_run_id) == (RoundStatus.COMPUTED, second)
    r.publish(run_id=second, input_hash="h", algorithm_version="v", students=3, placements=2, now=NOW)
    assert (r.status, r.published_run_id, r.published_at) == (RoundStatus.PUBLISHED, second, NOW)
    [event] = r.pull_events()
    assert (event.run_id, event.placements, event.students) == (second, 2, 3) and r.pull_events() == []
    for attempt in (r.require_computable, r.require_publishable, r.reopen, lambda: r.close(now=NOW)):
        with pytest.raises(RoundPublished):
            attempt()
    with pytest.raises(RoundNotOpen, match="published"):
        r.require_open()


def test_reopening_unfreezes_the_inputs_and_open_rounds_cannot_reopen():
    r = new_round()
    with pytest.raises(Conflict):
        r.reopen()
    r.close(now=NOW)
    r.reopen()
    assert r.status is RoundStatus.OPEN and r.closed_at is None
    r.close(now=NOW)
    r.computed(uuid.uuid4(), now=NOW)
    r.reopen()
    assert r.status is RoundStatus.OPEN
    r.close(now=NOW)
    with pytest.raises(RoundNotOpen):
        r.close(now=NOW)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"co_owners": ["s1"]}, "co_owner_schools"),
        ({"co_owners": ["s2", "s2"]}, "co_owner_schools"),
        ({"enterprise_org": "s1"}, "enterprise_org"),
        ({"list_limit": 0}, "list_limit"),
        ({"list_limit": 51}, "list_limit"),
        ({"seed": -1}, "seed"),
        ({"seed": MAX_SEED + 1}, "seed"),
        ({"publish_as": "active"}, "placement_status_on_publish"),
    ],
)
def test_a_round_refuses_nonsense(overrides, field):
    with pytest.raises(InvalidInput) as err:
        new_round(**overrides)
    assert [e.field for e in err.value.errors] == [field]


def test_a_joint_round_and_an_order_class():
    joint = new_round(co_owners=["s2", "s3"], seed=7, publish_as="confirmed")
    # Co-owners are invited: they take part only once they accept.
    assert joint.schools == ["s1"] and joint.invited_schools == ["s2", "s3"] and not joint.has_school("s3")
    joint.accept("s3")
    joint.decline("s2")
    assert joint.schools == ["s1", "s3"] and joint.invited_schools == [] and joint.has_school("s3")
    assert not joint.has_school("e1") and not joint.is_invited("s2")
    assert (joint.seed, joint.publish_as) == (7, PublishAs.CONFIRMED)
    assert new_round(enterprise_org="e1").enterprise_org == "e1"


def test_a_co_owner_accepts_only_while_the_round_is_open():
    joint = new_round(co_owners=["s2", "s3"])
    joint.close(now=NOW)
    with pytest.raises(RoundNotOpen):
        joint.accept("s2")
    joint.decline("s3")  # declining is always possible
    assert joint.schools == ["s1"] and joint.invited_schools == ["s2"]


def test_student_keys_split_back_whatever_the_reference():
    assert split_student_key(student_key("s1", "2024/ECOM:07")) == ("s1", "2024/ECOM:07")


def test_preferences_unknown_duplicate_and_too_many_each_named():
    check_preferences(["a", "b"], in_round={"a", "b", "c"}, limit=2)
    with pytest.raises(InvalidInput) as err:
        check_preferences(["a", "x", "a", "b"], in_round={"a", "b"}, limit=3)
    assert [(e.field, e.message) for e in err.value.errors] == [
        ("positions", "lists 4 positions; the round allows at most 3"),
        ("positions.1", "position x is not in the round"),
        ("positions.2", "position a is listed twice"),
    ]
    check_preferences([], in_round=set(), limit=1)  # an empty list is a choice too


def test_rankings_name_applicants_once_in_non_empty_groups():
    assert check_ranking([["a"], ["b", "c"]], applicants={"a", "b", "c", "d"}) == (("a",), ("b", "c"))
    assert check_ranking([], applicants={"a"}) == ()  # ranks nobody: accepts nobody
    with pytest.raises(InvalidInput) as err:
        check_ranking([["a", "z"], [], ["a"]], applicants={"a"})
    assert [e.field for e in err.value.errors] == ["groups.0.1", "groups.1", "groups.2.0"]


# ---- offered seats


def test_a_binding_quota_is_dealt_round_robin_by_demand_and_never_beyond_use():
    free = {"A": (10, SeatLimit.SEATS), "B": (2, SeatLimit.SEATS), "C": (3, SeatLimit.SEATS), "D": (4, SeatLimit.SEATS)}
    quota = SeatPool(SeatLimit.QUOTA, 5, {"A": 20, "B": 1, "C": 4})
    offered = offered_seats(free, [quota])
    # Rounds of dealing by demand (A, C, B): A1 C1 B1, then A2 C2; B could use only one seat.
    assert offered == {
        "A": (2, SeatLimit.QUOTA),
        "B": (2, SeatLimit.SEATS),  # its one applicant can take at most one seat: not limited
        "C": (2, SeatLimit.QUOTA),
        "D": (4, SeatLimit.SEATS),  # nobody of the pool applied
    }


def test_a_quota_that_does_not_bind_changes_nothing():
    free = {"A": (2, SeatLimit.SEATS), "B": (1, SeatLimit.POST_CAP)}
    assert offered_seats(free, [SeatPool(SeatLimit.QUOTA, 3, {"A": 5, "B": 5})]) == free


def test_a_used_up_quota_or_base_cap_offers_nothing():
    free = {"A": (2, SeatLimit.SEATS), "B": (1, SeatLimit.SEATS)}
    offered = offered_seats(free, [SeatPool(SeatLimit.BASE_CAP, 0, {"A": 1, "B": 3})])
    assert offered == {"A": (0, SeatLimit.BASE_CAP), "B": (0, SeatLimit.BASE_CAP)}


def test_in_a_joint_round_a_schools_small_quota_caps_the_position_for_everyone():
    free = {"P": (10, SeatLimit.SEATS)}
    pools = [SeatPool(SeatLimit.QUOTA, 1, {"P": 4}), SeatPool(SeatLimit.QUOTA, 50, {"P": 8})]
    assert offered_seats(free, pools) == {"P": (1, SeatLimit.QUOTA)}


@given(
    st.lists(st.integers(0, 6), min_size=1, max_size=6).flatmap(
        lambda seats: st.tuples(
            st.just(seats),
            st.lists(
                st.tuples(
                    st.integers(0, 8),
                    st.lists(st.integers(0, 5), min_size=len(seats), max_size=len(seats)),
                ),
                max_size=4,
            ),
        )
    )
)
def test_no_way_of_filling_the_offered_seats_breaks_a_pool(case):
    """Whoever gets matched, a pool's applicants take at most min(offered, their number) at each position."""
    seats, pool_specs = case
    free = {f"p{i}": (n, SeatLimit.SEATS) for i, n in enumerate(seats)}
    pools = [
        SeatPool(SeatLimit.QUOTA, remaining, {f"p{i}": d for i, d in enumerate(demand)})
        for remaining, demand in pool_specs
    ]
    offered = offered_seats(free, pools)
    assert offered.keys() == free.keys()
    for pid, (n, _) in offered.items():
        assert 0 <= n <= free[pid][0]
    for pool in pools:
        worst = sum(min(offered[pid][0], d) for pid, d in pool.demand.items())
        assert worst <= pool.remaining
