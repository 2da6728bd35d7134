"""Running schemathesis against one service of a stack (tests/test_api_fuzzing_<service>.py, one module per
service so the four runs spread over the test workers): every check, every phase (examples, coverage, fuzzing and
the stateful phase, which follows the documents' links from what creates a resource to what acts on it), requests
carrying real tokens of a school's and an enterprise's staff (tests/fuzzing/praxis_fuzz_auth.py).

A finding is a server error, a response that does not match its documented schema, status code, content type or
headers, an operation that accepts what its schema forbids, or answers without authentication. The number of
examples per operation is bounded to keep the suite's time; the seed is fixed so a failure reproduces (the
report names the `st replay` command).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent.parent / "fuzzing"
SEED = 20261130
MAX_EXAMPLES = 10

# One run's budget: about 3 minutes alone on a slow 2-core machine, over 5 beside the suite's other workers there
# (the suite's default timeout of 300 s cut it short).
RUN_SECONDS = 900
# The marks of a fuzzing module: slow, and the run's budget instead of the suite's default timeout.
FUZZING = [pytest.mark.slow, pytest.mark.timeout(RUN_SECONDS + 60)]


def organisations(service: str) -> tuple[str, str]:
    """The school and the enterprise whose staff fuzz `service`: a pair per service, so two modules fuzzing on
    one shared stack keep apart."""
    return f"school-fuzz-{service}", f"ent-fuzz-{service}"


async def agree(internships, service: str) -> None:
    """The school and the enterprise hold an active agreement, so enterprise operations reach their rules."""
    school, enterprise = organisations(service)
    async with internships.client() as c:
        await internships.agreement(c, school, enterprise, quota=50)


@dataclass(frozen=True)
class Run:
    """A schemathesis run: its exit status and a report of what it found (findings first, then the summary)."""

    returncode: int
    report: str

    @property
    def summarised(self) -> bool:
        return "generated" in self.report and "passed" in self.report


def schemathesis_run(stack, service: str, tmp_path: Path) -> Run:
    """Run schemathesis over the service's OpenAPI document."""
    SCHOOL, ENTERPRISE = organisations(service)  # noqa: N806 - read as the constants they are
    tokens = [
        stack.token(SCHOOL, "school", "admin"),
        stack.token(SCHOOL, "school", "coordinator", "teacher", sub="t-fuzz"),
        stack.token(SCHOOL, "school", "student", sub="s-fuzz"),
        stack.token(ENTERPRISE, "enterprise", "hr"),
        stack.token(ENTERPRISE, "enterprise", "mentor", sub="m-fuzz"),
    ]
    if service == "notifications":
        # Webhooks belong to one organisation and are its admins' (the others' 403): one organisation's staff, so
        # what one request creates the next can find. Another organisation's 404s: tests/test_webhooks_isolation.py.
        tokens = [
            stack.token(ENTERPRISE, "enterprise", "admin"),
            stack.token(ENTERPRISE, "enterprise", "admin", sub="a2-fuzz"),
            stack.token(ENTERPRISE, "enterprise", "hr"),
        ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "praxis_fuzz_auth",
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
        "PRAXIS_FUZZ_TOKENS": json.dumps(tokens),
    }
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"{stack[service].base_url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    # In the test's own directory: schemathesis keeps a cache of crashes there, which must not leak between runs.
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_SECONDS, cwd=tmp_path)
    # The findings come before the warnings and the statistics: show them first, then the tail.
    found = run.stdout.find("FAILURES")
    summary = (run.stdout[found : found + 8000] + "\n…\n" if found >= 0 else "") + run.stdout[-3000:]
    return Run(run.returncode, f"schemathesis in {service}:\n{summary}\n{run.stderr[-2000:]}")
