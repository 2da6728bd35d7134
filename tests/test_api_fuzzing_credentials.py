"""schemathesis finds nothing in the credentials service's API, its public routes without a token included
(tests/support/schemathesis_run.py says what it runs and what counts as a finding)."""

from __future__ import annotations

import pytest_asyncio
from schemathesis_run import FUZZING, agree, schemathesis_run

pytestmark = FUZZING


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def partners(stack, internships) -> None:
    await agree(internships, "credentials")


def test_schemathesis_finds_nothing(stack, partners, tmp_path):
    run = schemathesis_run(stack, "credentials", tmp_path)
    assert run.returncode == 0, run.report
    assert run.summarised, run.report
