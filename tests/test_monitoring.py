"""The shipped monitoring files. The Prometheus alert rules (deploy/prometheus/alerts.yml) are valid (`promtool check
rules`) and fire when, and only when, their unit tests say (`promtool test rules alerts.test.yml`: an outbox row
waiting over a minute, a dead-lettered event, a consumer lag that keeps growing, a server-error ratio over 5 %).
Every query of the Grafana dashboard (deploy/grafana/praxis-dashboard.json) is valid PromQL. Rules and dashboard
name only metrics the services declare (praxis_common.metrics) or the rules record.

promtool comes from Debian's `prometheus` package; `.ci/run` installs it and sets PRAXIS_REQUIRE_PROMTOOL=1, under
which a missing promtool fails this module instead of skipping it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from prometheus_client.metrics import MetricWrapperBase

from praxis_common import metrics

RULES = Path(__file__).parent.parent / "deploy" / "prometheus"
DASHBOARD = Path(__file__).parent.parent / "deploy" / "grafana" / "praxis-dashboard.json"
PROMTOOL = shutil.which("promtool")

needs_promtool = pytest.mark.skipif(
    PROMTOOL is None and not os.environ.get("PRAXIS_REQUIRE_PROMTOOL"),
    reason="promtool is not installed (apt-get install prometheus)",
)


def promtool(*args: str, cwd: Path = RULES) -> subprocess.CompletedProcess:
    assert PROMTOOL, "promtool is required here (PRAXIS_REQUIRE_PROMTOOL): apt-get install prometheus"
    return subprocess.run([PROMTOOL, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def dashboard_queries() -> list[str]:
    """The dashboard's queries, its `$job` variable set as Grafana would (a regex)."""
    panels = json.loads(DASHBOARD.read_text())["panels"]
    return [target["expr"].replace("$job", ".*") for panel in panels for target in panel["targets"]]


def declared_metrics() -> set[str]:
    """What a service's metrics port can serve of Praxis's own: each declared metric's families and samples."""
    found = set()
    for metric in vars(metrics).values():
        if isinstance(metric, MetricWrapperBase):
            for family in metric.describe():
                found |= {
                    family.name,
                    f"{family.name}_total",
                    *(f"{family.name}_{s}" for s in ("bucket", "count", "sum")),
                }
    return found


@needs_promtool
def test_the_alert_rules_are_valid():
    checked = promtool("check", "rules", "alerts.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout


@needs_promtool
def test_each_alert_fires_when_and_only_when_its_unit_tests_say():
    tested = promtool("test", "rules", "alerts.test.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    alerts = set(re.findall(r"alert: (\w+)", (RULES / "alerts.yml").read_text()))
    tested_alerts = set(re.findall(r"alertname: (\w+)", (RULES / "alerts.test.yml").read_text()))
    assert (
        alerts
        == tested_alerts
        == {
            "PraxisOutboxStuck",
            "PraxisEventDeadLettered",
            "PraxisConsumerLagGrowing",
            "PraxisHighErrorRatio",
        }
    )


def test_the_rules_and_the_dashboard_name_only_metrics_the_services_expose():
    rules = (RULES / "alerts.yml").read_text()
    recorded = set(re.findall(r"record: (\S+)", rules))
    named = set(re.findall(r"\b(job:praxis_\w+:\w+|praxis_[a-z_]+)", rules + "\n".join(dashboard_queries())))
    assert {"praxis_outbox_oldest_unsent_age_seconds", "praxis_consumer_pending_messages"} <= named
    assert named <= declared_metrics() | recorded, named - declared_metrics() - recorded


@needs_promtool
def test_every_dashboard_query_is_valid_promql(tmp_path):
    rules = {
        "groups": [
            {"name": "dashboard", "rules": [{"record": f"q:{i}", "expr": q} for i, q in enumerate(dashboard_queries())]}
        ]
    }
    (tmp_path / "queries.yml").write_text(json.dumps(rules))  # JSON is YAML
    checked = promtool("check", "rules", "queries.yml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"SUCCESS: {len(dashboard_queries())} rules found" in checked.stdout
