"""schemathesis finds nothing in the projects service's API (tests/support/schemathesis_run.py says what it runs
and what counts as a finding)."""

from __future__ import annotations

import pytest
import pytest_asyncio
from schemathesis_run import agree, schemathesis_findings

pytestmark = pytest.mark.slow


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def partners(stack, internships) -> None:
    await agree(internships, "projects")


def test_schemathesis_finds_nothing(stack, partners, tmp_path):
    schemathesis_findings(stack, "projects", tmp_path)
