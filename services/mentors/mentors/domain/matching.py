"""Which mentor to try first for a student: the ranking behind automatic assignment (pure, no I/O).

Only active mentors with a free seat are candidates. They are ordered by
  1. expertise overlap: how many of the position's competencies the mentor's expertise tags cover;
  2. shared languages: how many of the student's languages the mentor speaks (a language matches on its
     primary subtag, so "en-GB" and "en" are the same language);
  3. load, lowest first (spread the students);
  4. mentor id, as a deterministic tie-break.
The ranking only says the order in which seats are tried; the seat itself is taken in the database with
one conditional statement, so a mentor another process filled meanwhile is skipped and the next one tried.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    mentor_id: uuid.UUID
    expertise: frozenset[str]
    languages: frozenset[str]
    load: int
    capacity: int
    active: bool = True


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    expertise_overlap: int
    shared_languages: int

    @property
    def mentor_id(self) -> uuid.UUID:
        return self.candidate.mentor_id

    def explain(self) -> str:
        c = self.candidate
        return (
            f"expertise overlap {self.expertise_overlap}, shared languages {self.shared_languages}, "
            f"load {c.load} of {c.capacity}"
        )


def primary_language(code: str) -> str:
    return code.strip().lower().split("-", 1)[0]


def rank(candidates: list[Candidate], *, competencies: list[str], languages: list[str]) -> list[Ranked]:
    wanted = {c.strip().lower() for c in competencies}
    spoken = {primary_language(lang) for lang in languages}
    ranked = [
        Ranked(
            c,
            expertise_overlap=len(wanted & {e.lower() for e in c.expertise}),
            shared_languages=len(spoken & {primary_language(lang) for lang in c.languages}),
        )
        for c in candidates
        if c.active and c.load < c.capacity
    ]
    ranked.sort(key=lambda r: (-r.expertise_overlap, -r.shared_languages, r.candidate.load, str(r.mentor_id)))
    return ranked
