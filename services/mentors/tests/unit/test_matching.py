"""The ranking behind automatic assignment, without I/O."""

from __future__ import annotations

import uuid

from mentors.domain.matching import Candidate, primary_language, rank


def mentor(n: int, *, expertise=(), languages=(), load=0, capacity=5, active=True) -> Candidate:
    return Candidate(uuid.UUID(int=n), frozenset(expertise), frozenset(languages), load, capacity, active)


def order(ranked) -> list[int]:
    return [r.mentor_id.int for r in ranked]


def test_expertise_overlap_comes_first_then_shared_language_then_load():
    candidates = [
        mentor(1, load=0),
        mentor(2, languages={"ms"}, load=0),
        mentor(3, expertise={"platform-operation"}, load=4),
        mentor(4, expertise={"platform-operation", "logistics"}, load=4),
        mentor(5, expertise={"platform-operation"}, languages={"ms"}, load=4),
        mentor(6, expertise={"platform-operation"}, languages={"ms"}, load=1),
    ]
    ranked = rank(candidates, competencies=["platform-operation", "logistics"], languages=["ms", "zh"])
    assert order(ranked) == [4, 6, 5, 3, 2, 1]
    assert (ranked[0].expertise_overlap, ranked[0].shared_languages) == (2, 0)
    assert (ranked[1].expertise_overlap, ranked[1].shared_languages) == (1, 1)


def test_equal_candidates_are_ordered_by_id_whatever_the_input_order():
    a, b, c = mentor(3), mentor(1), mentor(2)
    assert order(rank([a, b, c], competencies=[], languages=[])) == [1, 2, 3]
    assert order(rank([c, a, b], competencies=[], languages=[])) == [1, 2, 3]


def test_full_and_inactive_mentors_are_not_candidates():
    candidates = [
        mentor(1, load=5, capacity=5),
        mentor(2, capacity=0),
        mentor(3, active=False, expertise={"x"}),
        mentor(4, load=4, capacity=5),
    ]
    assert order(rank(candidates, competencies=["x"], languages=[])) == [4]


def test_languages_match_on_their_primary_subtag_and_tags_case_insensitively():
    candidates = [mentor(1, languages={"en-GB"}), mentor(2, languages={"fr"}), mentor(3, expertise={"Logistics"})]
    ranked = rank(candidates, competencies=["logistics"], languages=["EN"])
    assert order(ranked) == [3, 1, 2]
    assert ranked[1].shared_languages == 1
    assert primary_language("zh-Hans-CN") == "zh"


def test_no_candidates_no_ranking():
    assert rank([], competencies=["x"], languages=["en"]) == []


def test_explanation_names_the_criteria():
    ranked = rank(
        [mentor(1, expertise={"x"}, languages={"en"}, load=2, capacity=4)], competencies=["x"], languages=["en"]
    )
    assert ranked[0].explain() == "expertise overlap 1, shared languages 1, load 2 of 4"
