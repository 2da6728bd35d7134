"""Which facts internships' events make due, and which they settle: the reminder rules, pure.

`hold_expiring`: a placement request not answered `hold_before` before its hold expires -> the enterprise's hr and
admins; settled once the placement leaves `requested`. `logbook_waiting`: a week submitted and not reviewed within
`logbook_after` -> the placement's enterprise mentor (the enterprise's hr and admins while none is assigned);
settled by the review. `agreement_expiring`: `agreement_before` (e.g. 90, 30, 7 days) before an active agreement's
`valid_to` -> both parties' admins; settled when the agreement ends. `report_waiting`, `evaluation_due`,
`mentor_assigned` and `guidance_overdue` below (docs/notifications.md has the table).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from notifications.domain.orgs import ENTERPRISE, SCHOOL
from notifications.domain.reminders import Audience, Fact

REVIEWERS = ("hr", "admin")
ADMINS = ("admin",)
# Placement events after which a request is no longer waiting for the enterprise's answer.
ANSWERED = ("confirmed", "rejected", "withdrawn", "expired", "terminated", "started", "completed")


@dataclass(frozen=True)
class Rules:
    hold_before: timedelta
    logbook_after: timedelta
    agreement_before: tuple[timedelta, ...]
    report_after: timedelta = timedelta(days=3)


@dataclass(frozen=True)
class Triggered:
    """What one event does: facts to schedule, and key prefixes of facts it settles."""

    facts: tuple[Fact, ...] = ()
    settles: tuple[str, ...] = ()


def _time(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def placement(kind: str, p: dict, rules: Rules) -> Triggered:
    key = f"hold_expiring:{p['placement_id']}"
    if kind != "requested":
        return Triggered(settles=(key,)) if kind in ANSWERED else Triggered()
    expires = _time(p.get("hold_expires_at", ""))
    if expires is None:
        return Triggered()  # an event of an older producer: no expiry to remind of
    context = {
        "placement_id": p["placement_id"],
        "student_ref": p["student_ref"],
        "school_org": p["school_org"],
        "enterprise_org": p["enterprise_org"],
        "starts_on": p.get("starts_on", ""),
        "hold_expires_at": expires.isoformat(),
    }
    audience = Audience(p["enterprise_org"], ENTERPRISE, roles=REVIEWERS)
    return Triggered(facts=(Fact(key, "hold_expiring", expires - rules.hold_before, [audience], context),))


def logbook(kind: str, w: dict, rules: Rules) -> Triggered:
    prefix = f"logbook_waiting:{w['placement_id']}:{w['week_start']}:"
    if kind in ("approved", "returned"):
        return Triggered(settles=(prefix,))
    if kind != "submitted":
        return Triggered()
    submitted = _time(w["submitted_at"])
    account, mentor = w.get("mentor_account", ""), w.get("mentor_id", "")
    if account or mentor:
        audience = Audience(
            w["enterprise_org"],
            ENTERPRISE,
            accounts=(account,) if account else (),
            mentor_ids=(mentor,) if mentor else (),
        )
    else:
        audience = Audience(w["enterprise_org"], ENTERPRISE, roles=REVIEWERS)
    context = {
        "placement_id": w["placement_id"],
        "student_ref": w["student_ref"],
        "school_org": w.get("school_org", ""),  # whose student: an erasure finds the facts of its school's student
        "week_start": w["week_start"],
        "submitted_at": submitted.isoformat(),
        # The mentor the reminder goes to: the mail carries a link approving the week as them (domain/approve_links).
        "mentor_id": mentor if (account or mentor) else "",
    }
    key = prefix + submitted.isoformat()  # a week refiled after being returned is a new fact
    return Triggered(facts=(Fact(key, "logbook_waiting", submitted + rules.logbook_after, [audience], context),))


def agreement(kind: str, a: dict, rules: Rules, *, now: datetime) -> Triggered:
    prefix = f"agreement_expiring:{a['agreement_id']}:"
    if kind == "ended":
        return Triggered(settles=(prefix,))
    if kind != "activated":
        return Triggered()
    valid_to = date.fromisoformat(a["valid_to"])
    ends = datetime.combine(valid_to, time(), tzinfo=UTC)
    audiences = [
        Audience(a["school_org"], SCHOOL, roles=ADMINS),
        Audience(a["enterprise_org"], ENTERPRISE, roles=ADMINS),
    ]
    facts = []
    for before in rules.agreement_before:
        due = ends - before
        if due < now:
            continue  # a reminder "90 days before" an agreement ending in 60 would be false
        context = {
            "agreement_id": a["agreement_id"],
            "school_org": a["school_org"],
            "enterprise_org": a["enterprise_org"],
            "valid_to": valid_to.isoformat(),
            "days_left": before.days,
        }
        facts.append(Fact(f"{prefix}{before.days}", "agreement_expiring", due, audiences, context))
    return Triggered(facts=tuple(facts))


@dataclass(frozen=True)
class PlacementMentor:
    """A placement's mentor on one side, as the mentors service last assigned it."""

    placement_id: str
    side: str  # school | enterprise: the kind of `org`, the side's organisation
    org: str
    mentor_id: str
    mentor_account: str

    @property
    def audience(self) -> Audience:
        accounts = (self.mentor_account,) if self.mentor_account else ()
        return Audience(self.org, self.side, accounts=accounts, mentor_ids=(self.mentor_id,))


def mentor_assigned(m: dict, *, now: datetime) -> tuple[PlacementMentor | None, Triggered]:
    """The placement's mentor to remember (None for a project's assignment), and the mail telling the mentor."""
    a = m["assignment"]
    mentor = None
    if a.get("context_kind") == "placement":
        mentor = PlacementMentor(a["context_id"], a["side"], a["org"], m["mentor_id"], m.get("mentor_account", ""))
    accounts = (m["mentor_account"],) if m.get("mentor_account") else ()
    context = {
        "student_ref": a["student_ref"],
        "side": a["side"],
        "context_kind": a.get("context_kind", ""),
        "context_id": a.get("context_id", ""),
        "school_org": a.get("school_org", ""),
        "enterprise_org": a.get("enterprise_org", ""),
        "mentor_name": m.get("mentor_name", ""),
    }
    key = f"mentor_assigned:{a['assignment_id']}:{m['mentor_id']}"
    audience = Audience(a["org"], a["side"], accounts=accounts, mentor_ids=(m["mentor_id"],))
    return mentor, Triggered(facts=(Fact(key, "mentor_assigned", now, [audience], context),))


EVALUATORS = {"school_mentor": "school", "enterprise_mentor": "enterprise"}


def evaluation_due(e: dict, mentors: list[PlacementMentor], *, now: datetime) -> Triggered:
    """The parties that still owe scores: the placement's mentors as the mentors service assigned them (the
    student, `self`, signs in with their student_ref at the school)."""
    by_side = {m.side: m for m in mentors}
    audiences = []
    for party in e.get("parties", []):
        if party == "self":
            audiences.append(Audience(e["school_org"], SCHOOL, accounts=(e["student_ref"],)))
        elif EVALUATORS.get(party) in by_side:
            audiences.append(by_side[EVALUATORS[party]].audience)
    context = {
        "placement_id": e["placement_id"],
        "student_ref": e["student_ref"],
        "school_org": e.get("school_org", ""),
        "window": e["window"],
        "opens_on": e["opens_on"],
        "closes_on": e["closes_on"],
    }
    key = f"evaluation_due:{e['placement_id']}:{e['window']}"
    return Triggered(facts=(Fact(key, "evaluation_due", now, audiences, context),) if audiences else ())


def guidance_overdue(g: dict, mentors: list[PlacementMentor], *, now: datetime) -> Triggered:
    """An assignment overdue for on-site guidance (once per period, as the mentors service tells it): the enterprise
    mentor who owes the visit, the placement's school mentor, and the school's admins."""
    a = g["assignment"]
    accounts = (g["mentor_account"],) if g.get("mentor_account") else ()
    owes = Audience(
        a["org"],
        a.get("side") or ENTERPRISE,
        accounts=accounts,
        mentor_ids=(g["mentor_id"],) if g.get("mentor_id") else (),
    )
    audiences = [owes]
    audiences += [m.audience for m in mentors if m.side == "school"]
    audiences.append(Audience(a["school_org"], SCHOOL, roles=ADMINS))
    context = {
        "student_ref": a["student_ref"],
        "context_kind": a.get("context_kind", ""),
        "context_id": a.get("context_id", ""),
        "enterprise_org": a.get("enterprise_org", ""),
        "school_org": a["school_org"],
        "last_onsite_session": g.get("last_onsite_session", ""),
        "overdue_since": g.get("overdue_since", ""),
    }
    key = f"guidance_overdue:{a['assignment_id']}:{g['period_start']}"
    return Triggered(facts=(Fact(key, "guidance_overdue", now, audiences, context),))


def weekly_report(kind: str, r: dict, mentors: list[PlacementMentor], rules: Rules) -> Triggered:
    """`report_waiting`: a weekly or monthly report submitted and not reviewed within `report_after` -> the
    placement's school mentor (the school's admins while none is assigned); settled by the review."""
    prefix = f"report_waiting:{r['report_id']}:"
    if kind in ("accepted", "returned"):
        return Triggered(settles=(prefix,))
    if kind != "submitted":
        return Triggered()
    submitted = _time(r["occurred_at"])
    school = [m.audience for m in mentors if m.side == "school"]
    audiences = school or [Audience(r["school_org"], SCHOOL, roles=ADMINS)]
    context = {
        "placement_id": r["placement_id"],
        "student_ref": r["student_ref"],
        "school_org": r.get("school_org", ""),
        "kind": r["kind"],
        "period_start": r["period_start"],
        "submitted_at": submitted.isoformat(),
    }
    key = prefix + submitted.isoformat()  # a report refiled after being returned is a new fact
    return Triggered(facts=(Fact(key, "report_waiting", submitted + rules.report_after, audiences, context),))
