"""What the internships servicers share: the servicer's runtime, and protobuf field conventions (proto3 scalars,
timestamps as ISO strings, "" for none, the student profile message)."""

from __future__ import annotations

from datetime import timedelta

from internships.domain.placements import PlacementStatus
from praxis.internships.v1 import internships_pb2 as pb
from praxis_common.feeds import Tombstone
from praxis_common.service import Runtime

PLACEMENT_STATUS_TO_PB = {s: getattr(pb, f"PLACEMENT_STATUS_{s.name}") for s in PlacementStatus}
_PROFILE_FIELDS = set(pb.StudentProfile.DESCRIPTOR.fields_by_name)


class Servicer:
    """State every resource's servicer methods use; rpc.InternshipsServicer combines them into the one service."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.hold = timedelta(hours=rt.settings.placement_hold_hours)
        self.compliance = rt.settings.compliance


def ts(value) -> str:
    return value.isoformat() if value else ""


def tombstone_to_pb(tombstone: Tombstone) -> pb.Tombstone:
    """A change feed's deleted (or no longer visible) row."""
    return pb.Tombstone(id=str(tombstone.id), changed_at=ts(tombstone.changed_at))


def decimal(value) -> str:
    return str(value) if value is not None else ""


def optional(message, name: str):
    return getattr(message, name) if message.HasField(name) else None


def profile_in(message: pb.StudentProfile) -> dict:
    """Only what the school set: unset optional strings stay absent, as with REST's JSON."""
    data: dict = {"competencies": list(message.competencies), "languages": list(message.languages)}
    for name in ("display_name", "programme"):
        if message.HasField(name):
            data[name] = getattr(message, name)
    return data


def profile_out(profile: dict | None) -> pb.StudentProfile:
    return pb.StudentProfile(**{k: v for k, v in (profile or {}).items() if k in _PROFILE_FIELDS and v is not None})
