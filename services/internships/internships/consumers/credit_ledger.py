"""The school's credit ledger, kept from events: this service's placement.graded (durable
`internships-credit-ledger`; the highest revision per placement stands), the projects service's credit.awarded
(durable `internships-projects-credits`), and the credentials service's achievement.recorded and
achievement.withdrawn (durable `internships-achievements`: the student's achievement kept at its highest revision,
with its ledger entry while it earns credit); adapters/credit_ledger.py."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from internships.domain.credit_ledger import ACHIEVEMENT_KINDS, Achievement, LedgerEntry, SourceKind
from internships.handlers import credit_ledger
from praxis.events.v1 import credentials_pb2, grades_pb2, projects_pb2
from praxis_common.consumer import Subscription
from praxis_common.event_fields import MAX_REF_LENGTH, day_of, decimal_of, one_of, org_of, text_of, uuid_of
from praxis_common.events import ReceivedEvent, payload_time
from praxis_common.uow import UowFactory
from praxis_evaluation import quantize


def _score(event: ReceivedEvent, name: str, value: str) -> Decimal:
    """Scores and credits: 0–100, kept to two decimals as every score is (praxis_evaluation.quantize: half up)."""
    return quantize(decimal_of(event, name, value, most=Decimal(100)))


GRADED = "praxis.internships.placement.graded.v1"
CREDIT_AWARDED = "praxis.projects.credit.awarded.v1"
ACHIEVEMENT_RECORDED = "praxis.credentials.achievement.recorded.v1"
ACHIEVEMENT_WITHDRAWN = "praxis.credentials.achievement.withdrawn.v1"
ACHIEVEMENTS_DURABLE = "internships-achievements"
MAX_STUDENT_REF = 128


async def apply_graded(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type != GRADED:
        return
    e = event.parse(grades_pb2.PlacementGraded)
    graded_at = payload_time(e.graded_at) or datetime.now(UTC)
    await credit_ledger.record_entry(
        LedgerEntry(
            school_org=org_of(event, e.school_org),
            source_kind=SourceKind.PLACEMENT,
            source_id=uuid_of(event, "placement_id", e.placement_id),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            title=e.position_title[:500],
            enterprise_org=org_of(event, e.enterprise_org),
            credits=_score(event, "credits", e.credits),
            score=_score(event, "total", e.total),
            grade=e.grade[:16] or None,
            passed=e.passed,
            awarded_on=graded_at.date(),
            revision=max(e.revision, 1),
            updated_at=graded_at,
        ),
        uow=uow,
    )


async def apply_credit_awarded(event: ReceivedEvent, uow: UowFactory) -> None:
    if event.type != CREDIT_AWARDED:
        return
    e = event.parse(projects_pb2.CreditAwarded)
    await credit_ledger.record_entry(
        LedgerEntry(
            school_org=org_of(event, e.school_org),
            source_kind=SourceKind.PROJECT,
            source_id=uuid_of(event, "project_id", e.project_id),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            title=e.project_title[:500],
            enterprise_org=org_of(event, e.enterprise_org),
            credits=_score(event, "credits", e.credits),
            score=_score(event, "score", e.score) if e.score else None,
            grade=None,  # projects grade on no school scale
            passed=True,  # projects award credits to those who passed only
            awarded_on=day_of(event, "awarded_on", e.awarded_on[:10]),
            revision=1,
            updated_at=payload_time(event.time) or datetime.now(UTC),
        ),
        uow=uow,
    )


async def apply_achievement(event: ReceivedEvent, uow: UowFactory) -> None:
    """An achievement the school recorded, changed or withdrew -> the kept achievement and its ledger entry."""
    if event.type not in (ACHIEVEMENT_RECORDED, ACHIEVEMENT_WITHDRAWN):
        return
    e = event.parse(credentials_pb2.AchievementRecorded)
    await credit_ledger.record_achievement(
        Achievement(
            school_org=org_of(event, e.school_org),
            achievement_id=uuid_of(event, "achievement_id", e.achievement_id),
            student_ref=text_of(event, "student_ref", e.student_ref, MAX_REF_LENGTH),
            kind=one_of(event, "kind", e.kind, ACHIEVEMENT_KINDS),
            title=e.title[:500],
            issuer_name=e.issuer_name[:500],
            awarded_on=day_of(event, "awarded_on", e.awarded_on[:10]),
            points=_score(event, "points", e.points or "0"),
            credits=_score(event, "credits", e.credits or "0"),
            withdrawn=e.withdrawn or event.type == ACHIEVEMENT_WITHDRAWN,
            revision=max(e.revision, 1),
            updated_at=payload_time(e.occurred_at) or payload_time(event.time) or datetime.now(UTC),
        ),
        uow=uow,
    )


def subscriptions() -> list[Subscription]:
    return [
        Subscription(
            durable="internships-credit-ledger",
            source="internships",
            topics=["internships.placement.graded"],
            handler=apply_graded,
        ),
        Subscription(
            durable="internships-projects-credits",
            source="projects",
            topics=["projects.credit.awarded"],
            handler=apply_credit_awarded,
        ),
        Subscription(
            durable=ACHIEVEMENTS_DURABLE,
            source="credentials",
            topics=["credentials.achievement.recorded", "credentials.achievement.withdrawn"],
            handler=apply_achievement,
        ),
    ]
