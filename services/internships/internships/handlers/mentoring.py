"""Mentoring use cases: keep who mentors each placement, and the account each mentor signs in with, as the mentors
service's events report them (consumers.py maps each event to one of these commands). The read model tolerates
replays and reordering (adapters/mentoring.py)."""

from __future__ import annotations

from internships.domain.mentoring import RecordAssigned, RecordMentorAccount, RecordReleased
from praxis_common.uow import UowFactory


async def record_mentor_account(cmd: RecordMentorAccount, *, uow: UowFactory) -> None:
    async with uow() as u:
        await _account(u, cmd)
        await u.commit()


async def record_assigned(cmd: RecordAssigned, *, uow: UowFactory) -> None:
    a = cmd.assignment
    async with uow() as u:
        await u.mentoring.assigned(
            assignment_id=a.assignment_id,
            placement_id=a.placement_id,
            side=a.side,
            org=a.org,
            mentor_id=cmd.mentor_id,
            assigned_at=cmd.assigned_at,
        )
        await _account(u, cmd.account)
        await u.commit()


async def record_released(cmd: RecordReleased, *, uow: UowFactory) -> None:
    a = cmd.assignment
    async with uow() as u:
        await u.mentoring.released(
            assignment_id=a.assignment_id,
            placement_id=a.placement_id,
            side=a.side,
            org=a.org,
            mentor_id=cmd.mentor_id,
            ended_at=cmd.ended_at,
        )
        await u.commit()


async def _account(u, cmd: RecordMentorAccount) -> None:
    await u.mentoring.account(
        mentor_id=cmd.mentor_id, org=cmd.org, account=cmd.account, version=cmd.version, display_name=cmd.display_name
    )
