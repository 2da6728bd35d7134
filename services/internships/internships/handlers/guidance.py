"""Guidance use case: keep a guidance session the mentors service recorded (consumers.py maps each guidance.recorded
event to this command). Kept once per session id; a replay changes nothing."""

from __future__ import annotations

from internships.domain.guidance import RecordGuidance
from praxis_common.uow import UowFactory


async def record_guidance(cmd: RecordGuidance, *, uow: UowFactory) -> None:
    async with uow() as u:
        await u.guidance.add(cmd.record)
        await u.commit()
