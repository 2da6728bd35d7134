"""Erasing a student everywhere: the request every taking-part service receives, and the kernel's part of it.

The flow and what each service keeps are in docs/erasure.md. A service takes part by naming its hook in its
ServiceSpec (`erase_student`): `async def erase_student(uow, request) -> dict[str, int]` changes the service's own
tables on `uow.connection`, in the kernel's open transaction, and returns table -> rows changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from praxis_common.uow import UnitOfWork

PSEUDONYM_PREFIX = "erased-"


@dataclass(frozen=True)
class ErasureRequest:
    """A school's request to erase one of its students (`student_ref`) from this service."""

    erasure_id: uuid.UUID
    school_org: str
    student_ref: str

    @property
    def pseudonym(self) -> str:
        """What replaces the ref where a row must stay (aggregates): the same in every service, unlinkable."""
        return PSEUDONYM_PREFIX + self.erasure_id.hex[:16]


# A service's hook: its own tables, in the kernel's open transaction; table -> rows changed. Idempotent.
EraseStudent = Callable[["UnitOfWork", ErasureRequest], Awaitable[dict[str, int]]]
