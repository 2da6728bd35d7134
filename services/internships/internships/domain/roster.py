"""A school's student roster: each student by the school's opaque reference, with the minimum profile the school
shares (DOMAIN.md "Who may see what"), as imported from the school's information system (docs/imports.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RosterStudent:
    student_ref: str
    display_name: str | None = None
    programme: str | None = None
    competencies: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    study_year: int | None = None


@dataclass(frozen=True)
class RosterChanges:
    """A batch of imported students against what the roster holds: new ones, changed ones, the rest unchanged."""

    created: list[RosterStudent]
    updated: list[RosterStudent]
    unchanged: int


def compare(incoming: list[RosterStudent], stored: dict[str, RosterStudent]) -> RosterChanges:
    created = [s for s in incoming if s.student_ref not in stored]
    updated = [s for s in incoming if s.student_ref in stored and stored[s.student_ref] != s]
    return RosterChanges(created, updated, len(incoming) - len(created) - len(updated))


def shared_profile(s: RosterStudent) -> dict:
    """The profile a booking shares with the enterprise, as the roster holds it (a booking's `profile` shape)."""
    profile = {"display_name": s.display_name, "programme": s.programme}
    return {k: v for k, v in profile.items() if v is not None} | {
        "competencies": list(s.competencies),
        "languages": list(s.languages),
    }
