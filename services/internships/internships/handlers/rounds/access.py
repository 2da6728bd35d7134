"""Who may see and do what in a round, and the commands and views of the round use cases."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from internships import policy
from internships.domain.allocation import TieRule
from internships.domain.round_views import Match, RoundPositionFill, Run
from internships.domain.rounds import (
    PublishAs,
    Round,
)
from praxis_common.auth import Principal
from praxis_common.errors import (
    Conflict,
    Forbidden,
    NotFound,
)

DEFAULT_LIST_LIMIT = 10
DEFAULT_HOLD = timedelta(days=7)


class NoActiveAgreement(Conflict):
    code, title = "no-active-agreement", "No active agreement with this enterprise"


@dataclass(frozen=True)
class CreateRound:
    title: str
    co_owner_schools: tuple[str, ...] = ()
    enterprise_org: str | None = None  # an order class: only this enterprise's positions
    list_limit: int | None = None  # None: the deployment's default
    publish_as: str = PublishAs.REQUESTED.value
    seed: int | None = None  # None: derived from the round's id
    tie_rule: str = TieRule.IMPROVED.value


@dataclass(frozen=True)
class StudentEntry:
    student_ref: str
    profile: dict = field(default_factory=dict)  # what the school shares: display name, competencies, languages…
    birth_date: date | None = None  # the school's, for the age rules; never shown to enterprises
    study_year: int | None = None


@dataclass(frozen=True)
class RoundView:
    round: Round
    positions: int | None  # counts for the round's schools; None for enterprises
    students: int | None


@dataclass(frozen=True)
class Result:
    round: Round
    run: Run
    published: bool  # the run is the published one
    matches: list[Match]
    positions: list[RoundPositionFill]
    next_page_token: str | None


@dataclass(frozen=True)
class Published:
    round: Round
    run: Run
    placements: int
    by_position: dict[uuid.UUID, int]


def sees_seed(principal: Principal) -> bool:
    """Staff of a school (the caller is a school of the round: the handlers checked it) see the lottery's seed."""
    return principal.org_kind == "school" and bool(principal.roles & policy.STAFF_ROLES)


def shown(principal: Principal, item: Round | Run) -> Round | Run:
    """A round or run as the caller may see it: without the seed unless `sees_seed`."""
    return item if sees_seed(principal) else replace(item, seed=None)


async def party(repo, rnd: Round | None, principal: Principal) -> str:
    """ "school" or "enterprise" for a party of the round; NotFound for anyone else."""
    if rnd is not None:
        if principal.org_kind == "school" and rnd.has_school(principal.org):
            return "school"
        if principal.org_kind == "enterprise" and (
            rnd.enterprise_org == principal.org or await repo.enterprise_takes_part(rnd.id, principal.org)
        ):
            return "enterprise"
    raise NotFound("no such round")


async def school_round(
    repo, round_id: uuid.UUID, principal: Principal, *, lock: str | None, owner: bool = False
) -> Round:
    """The round of one of its schools' managers (the caller passed policy.manager); `owner` actions are the owner
    school's alone."""
    rnd = await repo.get(round_id, lock=lock)
    if rnd is None or principal.org_kind != "school" or not rnd.has_school(principal.org):
        raise NotFound("no such round")
    if owner and rnd.owner_org != principal.org:
        raise Forbidden(f"only the round's owner school ({rnd.owner_org}) may do this")
    return rnd
