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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long modules first: those with a test marked `slow` (schemathesis, restarts, service processes) or
    `destructive` (a stack of their own). `--dist loadfile --no-loadscope-reorder` (the Makefile) hands the workers
    modules in this order, so the many short modules fill in at the end instead of a long one starting last and
    running alone (xdist's own order, most tests first, put each one-test schemathesis module last). Within a
    module the order stays (a scenario's steps run in file order)."""
    long = {item.path for item in items if item.get_closest_marker("slow") or item.get_closest_marker("destructive")}
    items.sort(key=lambda item: item.path not in long)
