"""Completing a project and the credit records it awards; listing and exporting them (CSV and JSON) for a
school's academic system."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass

from praxis_common.auth import Principal
from praxis_common.feeds import Changes, feed_page
from praxis_common.pages import decode_page_token, encode_page_token
from praxis_common.spreadsheet import text_cell
from praxis_evaluation import Scorecard
from projects import policy
from projects.domain.credits import Credit, award
from projects.domain.projects import Project
from projects.domain.teams import StageStatus, Team, TeamStatus
from projects.handlers import Clock, UowFactory, utc_clock
from projects.handlers.evaluations import compute_scores
from projects.handlers.projects import owned_project

CSV_COLUMNS = (
    "student_ref",
    "school_org",
    "project_id",
    "project_title",
    "enterprise_org",
    "team_id",
    "credits",
    "score",
    "awarded_on",
)
MAX_EXPORT = 100_000


@dataclass(frozen=True)
class CompleteProject:
    force: bool = False  # although current teams have stages not accepted (needs a reason)
    reason: str | None = None


@dataclass(frozen=True)
class Completion:
    project: Project
    teams: list[Team]
    scorecards: list[Scorecard]
    credits: list[Credit]


async def complete_project(
    project_id: uuid.UUID, cmd: CompleteProject, principal: Principal, *, uow: UowFactory, clock: Clock = utc_clock
) -> Completion:
    """The enterprise completes its project: in one transaction every current team completes (mentoring closes),
    each student's scorecard is settled as it stands (a part still missing counts 0) and students at or above the
    pass mark get a credit record. Dissolved teams earn nothing. While a current team has a stage not accepted,
    only `force` with a reason completes it (recorded on the project and in project.completed)."""
    async with uow() as u:
        p = await owned_project(u, project_id, principal, for_update=True)
        p.require_published()
        teams_repo = u.teams
        # Locking the teams waits for evaluations being added to them (they hold the team FOR SHARE), so every
        # score committed before completion counts, and none can be added after.
        teams = [t for t in await teams_repo.of_project(p.id, lock=True) if t.status is TeamStatus.FORMED]
        unaccepted = {
            t.id: [
                m.stage
                for m in (await teams_repo.milestones(t.id, parallel=p.parallel_stages)).items
                if m.status is not StageStatus.ACCEPTED
            ]
            for t in teams
        }
        forced = p.require_completable(unaccepted, force=cmd.force, reason=cmd.reason)
        now = clock()
        cards, credits = [], []
        for t in teams:
            scores = await compute_scores(u, t, p)
            cards.extend(scores.cards)
            credits.extend(c for c in (award(p, t, card, now=now) for card in scores.cards) if c is not None)
            t.complete(p, now=now)
            await teams_repo.save_status(t)
            u.track(t)
        await u.credits.add(credits)
        p.complete(now=now, team_ids=[t.id for t in teams], credits=credits, forced=forced, reason=cmd.reason)
        await u.projects.save(p)
        u.track(p)
        await u.commit()
    return Completion(p, teams, cards, credits)


def _scope(principal: Principal) -> dict:
    """Whose credits the caller sees: a school's staff its students', a student their own, an enterprise's staff
    those earned on its projects."""
    policy.reader(principal)
    if principal.org_kind == "enterprise":
        return {"enterprise_org": principal.org}
    if policy.is_student(principal):
        return {"school_org": principal.org, "student_ref": principal.sub}
    return {"school_org": principal.org}


async def list_credits(
    principal: Principal,
    *,
    uow: UowFactory,
    project_id: uuid.UUID | None = None,
    page_size: int = 100,
    page_token: str | None = None,
) -> tuple[list[Credit], str | None]:
    """Newest first."""
    scope = _scope(principal)
    after = decode_page_token(page_token) if page_token else None
    async with uow() as u:
        page = await u.credits.list(**scope, project_id=project_id, after=after, limit=page_size + 1)
    more = len(page) > page_size
    page = page[:page_size]
    return page, (encode_page_token(page[-1].awarded_at, page[-1].id) if more and page else None)


async def credit_changes(
    principal: Principal,
    updated_since: str,
    *,
    uow: UowFactory,
    project_id: uuid.UUID | None = None,
    page_size: int = 100,
) -> Changes[Credit]:
    """The credit records the caller's list shows changed since the cursor (credits are never deleted; another
    project's or another student's are skipped, not tombstones)."""
    scope = _scope(principal)
    async with uow() as u:

        async def shown(ids):
            return {c.id: c for c in await u.credits.list(**scope, project_id=project_id, ids=ids, limit=len(ids))}

        items, cursor, more = await feed_page(
            u.connection, "credit", [principal.org], updated_since, page_size, shown, hidden_as_tombstones=False
        )
    return Changes(items, cursor, more)


async def export_credits(principal: Principal, *, uow: UowFactory, project_id: uuid.UUID | None = None) -> list[Credit]:
    """Every credit record the caller sees (for an academic system), oldest first."""
    scope = _scope(principal)
    async with uow() as u:
        found = await u.credits.list(**scope, project_id=project_id, limit=MAX_EXPORT)
    return list(reversed(found))


def credits_csv(credits: list[Credit]) -> str:
    """RFC 4180 CSV with a header row. Text cells that a spreadsheet would run as a formula are prefixed with an
    apostrophe (OWASP CSV injection)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in credits:
        writer.writerow(
            [
                text_cell(c.student_ref),
                text_cell(c.school_org),
                str(c.project_id),
                text_cell(c.project_title),
                text_cell(c.enterprise_org),
                str(c.team_id),
                format(c.credits, "f"),
                format(c.score, "f"),
                c.awarded_on.isoformat(),
            ]
        )
    return out.getvalue()
