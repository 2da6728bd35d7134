# Two commands on a fresh machine (Python >= 3.11 and make): `make run` and `make test`.
# Both create or update .venv by themselves; versions are pinned by constraints.txt.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := -e proto -e services/common -e services/dev -e services/partnerships -e services/evaluation -e services/mentors-client \
            -e services/internships -e services/mentors -e services/projects -e services/notifications -e services/cli
SOURCES := constraints.txt requirements-test.txt proto/pyproject.toml services/common/pyproject.toml \
           services/partnerships/pyproject.toml services/evaluation/pyproject.toml services/mentors-client/pyproject.toml services/internships/pyproject.toml services/mentors/pyproject.toml \
           services/projects/pyproject.toml services/notifications/pyproject.toml services/cli/pyproject.toml services/dev/pyproject.toml

.PHONY: run test test-fast proto lint format clean

# Byte-code caches on, whatever the machine says (these machines set PYTHONDONTWRITEBYTECODE=1): without them every
# service process, `praxis` command and pytest worker compiles the project's sources (and pytest rewrites every test
# module) again, a fifth of a service's start-up and half of a collection (docs/testing.md).
export PYTHONDONTWRITEBYTECODE :=

$(STAMP): $(SOURCES)
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is required"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt $(PACKAGES) -r requirements-test.txt
	@touch $(STAMP)

run: $(STAMP)  ## NATS + PostgreSQL + every service + an SMTP sink (.praxis/mail), embedded; Ctrl-C stops everything
	$(BIN)/praxis up

# The suite in two parts (docs/testing.md): test modules spread over TEST_WORKERS processes (most tests wait on
# services, servers and timeouts, so one worker more than cores; each worker also starts servers and a stack of its
# own, so not more), then the modules marked `serial`, which measure latency or memory under a load of their own,
# alone. Exit status 5 (nothing collected, e.g. a PYTEST_ARGS path with no serial test) is not a failure.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) + 1 )))

test: $(STAMP)  ## the whole suite against real PostgreSQL and NATS (started by the test plugin); docs/testing.md
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not serial" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -m serial $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Unit tests of every package and the services' handler-integration tests (a migrated database each, no service
# processes), leaving out those marked slow, over the same workers: the loop to run while changing a service, under
# a minute.
FAST_TESTS := services/common/tests/unit services/evaluation/tests services/internships/tests services/mentors/tests services/projects/tests services/notifications/tests services/cli/tests services/dev/tests

test-fast: $(STAMP)  ## unit and handler-integration tests (no service processes), under a minute
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(FAST_TESTS) -m "not slow" $(PYTEST_ARGS)

proto: $(STAMP)  ## regenerate proto/python from proto/praxis/**/*.proto
	$(BIN)/python proto/generate.py

lint: $(STAMP)  ## ruff, and the architecture contracts of .importlinter (layers, a pure domain, independent services)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format services tests proto/generate.py

clean:
	rm -rf $(VENV) .praxis
