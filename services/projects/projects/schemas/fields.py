"""Field types the projects service's request bodies share (REST and gRPC validate with the same ones)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from praxis_common.queries import value_list
from praxis_common.validation import Text
from projects.domain.metrics import CATALOGUE

Tag = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._ -]*$")]
# A query's competency tags (any of them): repeated or comma-separated, case-insensitive.
Competencies = value_list(Tag, most=20)
StageKey = Annotated[
    str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$", description="e.g. market-research")
]
Score = Annotated[Decimal, Field(ge=0, le=100, description="0 to 100")]
Weight = Annotated[Decimal, Field(ge=0, le=1, decimal_places=4)]
MetricName = Literal["sessions", "orders", "gmv", "conversion_rate", "rating"]
Unit = Annotated[
    str,
    Field(
        min_length=1,
        max_length=16,
        pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
        description="count, percent, stars or a currency code",
    ),
]
Comments = Annotated[Text, Field(max_length=4000)]
MAX_VALUE = Decimal("1e15")  # a metric's value or target (stored with four decimals)
# A metric's name as a client writes it (in a body or a filter); the catalogue decides which exist.
MetricKey = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"^[a-z_]+$", description=f"one of {', '.join(CATALOGUE)}")
]
