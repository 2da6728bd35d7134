import pytest

pytest_plugins = ["praxis_dev.testing.plugin"]

# The support modules the test modules import (the pythonpath of [tool.pytest.ini_options]): their asserts are
# rewritten as a test module's are, so a failure in a shared helper or state machine reports its values too.
pytest.register_assert_rewrite(
    "compose_files",
    "internships_allocation_rounds",
    "internships_compliance_cases",
    "internships_placement_database",
    "internships_placement_machine",
    "internships_placement_model",
    "mentors_grpc_calls",
    "placements_grpc_api",
    "praxis_kernel_harness",
    "projects_isolation_world",
    "schemathesis_run",
)
