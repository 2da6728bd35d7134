"""Bad project input through the REST API of real processes: a 422 problem naming the field, never a 500."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from projects_isolation_world import ENTERPRISE, TODAY, auth, project_body

BAD_PROJECTS = {
    "weights that do not sum to 1": (
        {"weights": {"teacher": 0.3, "enterprise": 0.3, "platform": 0.2, "peer": 0.1}},
        "weights",
    ),
    "a weight above 1": (
        {"weights": {"teacher": 1.5, "enterprise": -0.5, "platform": 0, "peer": 0}},
        "weights.teacher",
    ),
    "a weight as text": (
        {"weights": {"teacher": "lots", "enterprise": 0.3, "platform": 0.2, "peer": 0.2}},
        "weights.teacher",
    ),
    "duplicate stage keys": ({"stages": [{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]}, "stages"),
    "no stages": ({"stages": []}, "stages"),
    "no team slots": ({"team_capacity": 0}, "team_capacity"),
    "smallest team above the largest": ({"min_team_size": 5, "max_team_size": 2}, "max_team_size"),
    "ends before it starts": ({"ends_on": (TODAY - timedelta(days=1)).isoformat()}, "ends_on"),
    "a pass mark above 100": ({"pass_mark": 101}, "pass_mark"),
    "a target in an unknown unit": (
        {"platform_targets": {"gmv": {"value": 10, "unit": "bananas"}}},
        "platform_targets.gmv.unit",
    ),
    "a target for an unknown metric": (
        {"platform_targets": {"likes": {"value": 10, "unit": "count"}}},
        "platform_targets.likes",
    ),
    "a title with a NUL": ({"title": "bad\x00title"}, "title"),
    "an unknown field": ({"owner": "me"}, "owner"),
}


@pytest.mark.parametrize("case", list(BAD_PROJECTS))
async def test_bad_project_input_is_a_422_naming_the_field(stack, case):
    fields, field = BAD_PROJECTS[case]
    async with httpx.AsyncClient(base_url=stack["projects"].base_url, timeout=30) as p:
        r = await p.post(
            "/v1/projects", headers=auth(stack, ENTERPRISE, "enterprise", "hr"), json=project_body(**fields)
        )
    assert r.status_code == 422, (case, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    assert any(e["field"].startswith(field) for e in r.json()["errors"]), (case, r.json())
