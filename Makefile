# Two commands on a fresh machine (Python >= 3.11 and make): `make run` and `make test`.
# Both create or update .venv by themselves; versions are pinned by constraints.txt.

PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := -e proto -e services/common -e services/dev -e services/partnerships -e services/evaluation -e services/mentors-client \
            -e services/internships -e services/mentors -e services/projects -e services/notifications -e services/credentials -e services/cli
SOURCES := constraints.txt requirements-test.txt proto/pyproject.toml services/common/pyproject.toml \
           services/partnerships/pyproject.toml services/evaluation/pyproject.toml services/mentors-client/pyproject.toml services/internships/pyproject.toml services/mentors/pyproject.toml \
           services/projects/pyproject.toml services/notifications/pyproject.toml services/credentials/pyproject.toml services/cli/pyproject.toml services/dev/pyproject.toml

.PHONY: run test test-fast proto lint deploy-check compose-check format clean

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
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder -m "not serial and not compose" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/python -m pytest -m "serial and not compose" $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Unit tests of every package and the services' handler-integration tests (a migrated database each, no service
# processes), leaving out those marked slow, over the same workers: the loop to run while changing a service, under
# a minute.
FAST_TESTS := services/common/tests/unit services/evaluation/tests services/internships/tests services/mentors/tests services/projects/tests services/notifications/tests services/credentials/tests services/cli/tests services/dev/tests

test-fast: $(STAMP)  ## unit and handler-integration tests (no service processes), under a minute
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(FAST_TESTS) -m "not slow" $(PYTEST_ARGS)

proto: $(STAMP)  ## regenerate proto/python from proto/praxis/**/*.proto
	$(BIN)/python proto/generate.py

lint: $(STAMP)  ## ruff, and the architecture contracts of .importlinter (layers, a pure domain, independent services)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# The Kubernetes manifests, as `kubectl apply -k` would send them: the base and both overlays rendered by kustomize,
# validated against the API schemas of Kubernetes 1.29 and 1.37 (strict: unknown fields fail), and policy-checked by
# checkov (deploy/checkov.yaml names the findings left and why). The tools live in a venv of their own.
DEPLOY_TOOLS := $(VENV)/deploy-tools
K8S_VERSIONS := 1.29.0 1.37.0

$(DEPLOY_TOOLS)/.installed: requirements-deploy-check.txt
	@test -n "$(PYTHON)" || { echo "Python >= 3.11 is required"; exit 1; }
	@test -x $(DEPLOY_TOOLS)/bin/python || $(PYTHON) -m venv $(DEPLOY_TOOLS)
	$(DEPLOY_TOOLS)/bin/python -m pip install --quiet -r requirements-deploy-check.txt
	@touch $@

deploy-check: $(DEPLOY_TOOLS)/.installed  ## render, schema-validate and policy-check deploy/k8s and its overlays
	@for dir in deploy/k8s deploy/k8s-overlays/dev deploy/k8s-overlays/prod; do \
	  out=$$(mktemp --suffix=.yaml) && \
	  $(DEPLOY_TOOLS)/bin/kubectl kustomize $$dir > $$out && \
	  for version in $(K8S_VERSIONS); do \
	    $(DEPLOY_TOOLS)/bin/kubernetes-validate --strict --quiet -k $$version $$out || exit 1; \
	  done && \
	  $(DEPLOY_TOOLS)/bin/checkov --config-file deploy/checkov.yaml -f $$out > $$out.checkov || { cat $$out.checkov; exit 1; }; \
	  echo "$$dir: $$(grep -c '^kind:' $$out) objects valid for Kubernetes $(K8S_VERSIONS); checkov: $$(grep -o 'Passed checks: [0-9]*, Failed checks: [0-9]*' $$out.checkov)"; \
	  rm -f $$out $$out.checkov; \
	done

# The compose stack for real (tests/test_compose_stack.py): a Docker engine (started, and stopped again, if none
# answers), images on a base built from Debian's packages, `docker compose up --build`, the agreement flow, database
# roles kept apart, a NATS restart, `down -v`. About 10 minutes on a fresh machine (docs/testing.md).
compose-check: $(STAMP)  ## build the images and run the compose stack's checks against a real Docker engine
	$(BIN)/python -m pytest -m compose tests/test_compose_stack.py $(PYTEST_ARGS)

format: $(STAMP)
	$(BIN)/ruff format services tests proto/generate.py

clean:
	rm -rf $(VENV) .praxis
