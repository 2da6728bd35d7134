"""Action link use cases: what a link's page shows its enterprise mentor, and doing what the link is for (approve or
return a logbook week, attest a week's attendance) as that mentor, once (docs/action-links.md).

The link stands in for the sign-in: it names the enterprise, the placement, the week and the mentor it was sent to,
and it acts only while that mentor is still the placement's assigned enterprise mentor (internships' read model of
the mentors service, consumers/mentoring.py). The act itself is the signed-in path's own (logbooks.review_in,
attendance.attest_in), so the rules, the recorded reviewer and the events are the same. The link's `jti` is claimed
in the same transaction: a second submit finds it used; a refused act (a return without a comment) leaves it
unused."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from internships.domain.attendance import AttendanceDay
from internships.domain.logbooks import LogbookWeek
from internships.domain.placements import Placement
from internships.handlers import attendance, logbooks
from internships.handlers.audit import audited_link_read
from internships.policy import MentorAct, linked_mentor_act
from praxis_common.action_links import ActionLink
from praxis_common.errors import Conflict, FieldError, InvalidInput, NotFound
from praxis_common.uow import Clock, UowFactory, utc_clock

WHAT = {"approve_week": "reviews its logbook weeks", "attest_week": "attests its attendance"}

DECISIONS = {"approve_week": ("approve", "return"), "attest_week": ("attest",)}


@dataclass(frozen=True)
class LinkDecision:
    """approve_week: `approve`, or `return` with a comment; attest_week: `attest`, disputing nothing."""

    decision: str
    comment: str | None = None


class LinkUsed(Conflict):
    code, title = "link-used", "The link has been used already"


@dataclass(frozen=True)
class LinkPage:
    """What the link's page shows: only what the placement's enterprise mentor sees of it."""

    link: ActionLink
    student: str  # the name the school shares with the enterprise, else its reference for the student
    position: str
    used_at: datetime | None
    week: LogbookWeek | None = None  # approve_week: the logbook week
    days: tuple[AttendanceDay, ...] = ()  # attest_week: the week's recorded days
    attested: bool = False  # attest_week: attested already (a link attests a week not yet attested)

    @property
    def hours_by_duty(self) -> dict[str, Decimal]:
        hours: dict[str, Decimal] = {}
        for line in self.week.lines if self.week else ():
            hours[line.duty] = hours.get(line.duty, Decimal(0)) + line.hours
        return hours


async def open_link(link: ActionLink, *, uow: UowFactory, clock: Clock = utc_clock) -> LinkPage:
    """The page's content; changes nothing of the placement (mail scanners fetch links before people do), and logs the
    read of the student's records by the link's mentor (docs/audit.md)."""
    async with uow() as u:
        placement, act = await _placement(u, link)
        position = await u.positions.get(placement.position_id)
        used_at = await u.action_links.used_at(link.jti)
        student = str(placement.profile.get("display_name") or placement.student_ref)
        page = LinkPage(link, student, position.title, used_at)
        if link.action == "approve_week":
            week = await u.logbooks.get(placement.id, link.week_start)
            if week is None:
                raise NotFound("no such logbook week")
            page = replace(page, week=week)
        else:
            days = await u.attendance.days(placement.id, link.week_start, link.week_start + timedelta(days=6))
            attested = await u.attendance.week(placement.id, link.week_start) is not None
            page = replace(page, days=tuple(days), attested=attested)
        await audited_link_read(
            u, placement, act, "logbook" if link.action == "approve_week" else "attendance", clock=clock
        )
        await u.commit()
    return page


async def follow_link(
    link: ActionLink, decision: LinkDecision, *, uow: UowFactory, clock: Clock = utc_clock
) -> LogbookWeek | attendance.AttendanceWeek:
    """Do the link's action as its mentor, claiming the link in the same transaction. An attest_week link attests a
    week not yet attested, as recorded: disputing days, or changing an attestation, is done signed in."""
    if decision.decision not in DECISIONS[link.action]:
        allowed = " or ".join(DECISIONS[link.action])
        raise InvalidInput("not a decision this link takes", errors=[FieldError("decision", f"must be {allowed}")])
    async with uow() as u:
        placement, act = await _placement(u, link, for_update=True)  # locked first, as the signed-in path does
        now = clock()
        if not await u.action_links.claim(link.jti, action=link.action, placement_id=placement.id, now=now):
            raise LinkUsed("this link has been used already; open the placement in Praxis to change anything")
        if link.action == "approve_week":
            done = await logbooks.review_in(
                u,
                placement,
                link.week_start,
                act,
                approve=decision.decision == "approve",
                comment=decision.comment,
                now=now,
            )
        else:
            if await u.attendance.week(placement.id, link.week_start) is not None:
                raise Conflict("the week is attested already; change an attestation in Praxis")
            cmd = attendance.AttestWeek(placement.id, link.week_start, [])
            done = await attendance.attest_in(u, placement, cmd, act, now=now)
        await u.commit()
    return done


async def _placement(u, link: ActionLink, *, for_update: bool = False) -> tuple[Placement, MentorAct]:
    placement = await u.placements.get(link.placement_id, for_update=for_update)
    if placement is None:
        raise NotFound("no such placement")
    mentor = await u.mentoring.mentor_of(placement.id, "enterprise")
    return placement, linked_mentor_act(link.org, link.mentor_id, placement, mentor, what=WHAT[link.action])
