"""What the projects service's gRPC servicers share: protobuf's empty values, timestamps and decimals as strings,
the caller's token, and the servicers' base."""

from __future__ import annotations

from decimal import Decimal

from praxis_common.auth import bearer_token
from praxis_common.service import Runtime
from projects.handlers import MentorDirectory


class Servicer:
    """The runtime and the mentors port every resource's methods use."""

    def __init__(self, rt: Runtime, mentors: MentorDirectory) -> None:
        self.rt = rt
        self.mentors = mentors


def given(**fields) -> dict:
    """The fields a request set: proto3 reads an unset scalar as its zero value, which REST reads as absent."""
    return {name: value for name, value in fields.items() if value}


def ts(value) -> str:
    return value.isoformat() if value else ""


def dec(value: Decimal | None) -> str:
    return format(value, "f") if value is not None else ""


def caller_token(context) -> str:
    return bearer_token(dict(context.invocation_metadata() or ()).get("authorization"))
