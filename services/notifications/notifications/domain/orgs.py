"""An organisation as every Praxis service knows it: its id and its kind. Two organisations of different kinds may
share an id (an enterprise named like a school is not that school), so everything an organisation owns here is
keyed by both."""

from __future__ import annotations

from typing import NamedTuple

SCHOOL, ENTERPRISE = "school", "enterprise"


class Org(NamedTuple):
    id: str
    kind: str  # school | enterprise (a platform principal's own rows: platform)
