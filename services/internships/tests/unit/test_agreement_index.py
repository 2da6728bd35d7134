"""The agreement a booking counts against, found among many pairs at once (close and publish): the latest-ending agreement
of the pair in force that day, whatever else is in the list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from internships.domain.booking import AgreementIndex, covering_agreement


@dataclass(frozen=True)
class Agreement:
    id: uuid.UUID
    school_org: str
    enterprise_org: str
    valid_from: date
    valid_to: date


def test_the_latest_ending_agreement_in_force_of_the_pair_is_the_one():
    older = Agreement(uuid.UUID(int=1), "school-a", "ent-x", date(2027, 1, 1), date(2027, 6, 30))
    newer = Agreement(uuid.UUID(int=2), "school-a", "ent-x", date(2027, 3, 1), date(2027, 12, 31))
    other_pair = Agreement(uuid.UUID(int=3), "school-b", "ent-x", date(2027, 1, 1), date(2028, 12, 31))
    index = AgreementIndex([older, newer, other_pair])
    assert index.covering("school-a", "ent-x", date(2027, 4, 1)) == newer
    assert index.covering("school-a", "ent-x", date(2027, 2, 1)) == older
    assert index.covering("school-a", "ent-x", date(2028, 1, 1)) is None
    assert index.covering("school-a", "ent-y", date(2027, 4, 1)) is None
    assert index.covering("school-b", "ent-x", date(2028, 1, 1)) == other_pair


days = st.dates(date(2027, 1, 1), date(2027, 12, 31))
agreements = st.builds(
    lambda i, school, enterprise, a, b: Agreement(uuid.UUID(int=i), school, enterprise, min(a, b), max(a, b)),
    st.integers(0, 2**32),
    st.sampled_from(["s1", "s2"]),
    st.sampled_from(["e1", "e2"]),
    days,
    days,
)


@given(st.lists(agreements, max_size=12), st.sampled_from(["s1", "s2"]), st.sampled_from(["e1", "e2"]), days)
def test_the_index_answers_as_a_scan_of_the_pairs_agreements(listed, school, enterprise, day):
    alone = [a for a in listed if (a.school_org, a.enterprise_org) == (school, enterprise)]
    assert AgreementIndex(listed).covering(school, enterprise, day) == covering_agreement(
        alone, school, enterprise, day
    )
