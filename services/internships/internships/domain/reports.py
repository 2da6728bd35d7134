"""What a placement report says (an organisation's own placements), and how core-work shares are summarised."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SHARE_BUCKETS = (
    (Decimal("0"), Decimal("0.25")),
    (Decimal("0.25"), Decimal("0.5")),
    (Decimal("0.5"), Decimal("0.75")),
    (Decimal("0.75"), Decimal("1.0001")),
)
STARTED = ("active", "completed", "terminated")  # placements that should have approved hours


@dataclass(frozen=True)
class PositionFill:
    position_id: str
    title: str
    seats: int
    seats_taken: int  # all schools' (the enterprise's view) or this school's seat-holding placements


@dataclass(frozen=True)
class PlacementReport:
    by_status: dict[str, int]
    by_tier: dict[int, int]  # placements at bases whose tier is confirmed, by that tier
    by_proposed_tier: dict[int, int]  # placements at bases whose tier is not confirmed yet, by the proposal
    by_country: dict[str, int]
    positions: list[PositionFill]
    core_share_buckets: dict[str, int]  # "0-25%": placements whose approved core share falls there
    core_share_mean: Decimal | None
    placements_without_approved_hours: int
    agreements_without_placements: list[str]


def core_shares(share_values: list[Decimal]) -> tuple[dict[str, int], Decimal | None]:
    """The placements' approved core-work shares by bucket, and their mean."""
    buckets = {
        f"{int(lo * 100)}-{min(int(hi * 100), 100)}%": sum(lo <= v < hi for v in share_values)
        for lo, hi in SHARE_BUCKETS
    }
    mean = (sum(share_values) / len(share_values)).quantize(Decimal("0.0001")) if share_values else None
    return buckets, mean
