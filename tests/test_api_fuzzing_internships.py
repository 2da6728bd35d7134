"""schemathesis finds nothing in the internships service's API (tests/support/schemathesis_run.py says what it runs
and what counts as a finding)."""

from __future__ import annotations

import pytest
import pytest_asyncio
from schemathesis_run import agree, schemathesis_run

pytestmark = pytest.mark.slow


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def partners(stack, internships) -> None:
    await agree(internships, "internships")


def test_schemathesis_finds_nothing(stack, partners, tmp_path):
    run = schemathesis_run(stack, "internships", tmp_path)
    assert run.returncode == 0, run.report
    assert run.summarised, run.report
