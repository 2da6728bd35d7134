"""The Kubernetes manifests survive a lost node and a drain (deploy/k8s; docs/operations.md): each service has a
PodDisruptionBudget, an autoscaler and a NetworkPolicy that lets it reach exactly the services it calls, leaves the
load balancer before it stops, and has the memory its measured peak needs; NATS enters lame duck mode before it
stops and runs unprivileged. `make deploy-check` renders and schema- and policy-checks the same files."""

from __future__ import annotations

import re

import pytest
from compose_files import SERVICES, k8s_documents, settings_class

from praxis_common import registry

# The measured peak of an internships process (docs/measured.md: an allocation round at national scale).
INTERNSHIPS_PEAK_MIB = 940


def docs() -> dict[tuple[str, str], dict]:
    return {(d["kind"], d["metadata"]["name"]): d for _, d in k8s_documents()}


def server_labels(svc: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": svc, "app.kubernetes.io/component": "server"}


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)


@pytest.mark.parametrize("svc", SERVICES)
def test_a_drain_or_a_lost_node_never_takes_a_service_away(svc):
    found = docs()
    budget, scaler = found[("PodDisruptionBudget", svc)], found[("HorizontalPodAutoscaler", svc)]
    assert budget["spec"]["selector"]["matchLabels"] == server_labels(svc) and budget["spec"]["minAvailable"] >= 1
    assert scaler["spec"]["scaleTargetRef"]["name"] == svc and scaler["spec"]["minReplicas"] >= 2
    pod = found[("Deployment", svc)]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    pause = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    grace = settings_class(svc).model_fields["shutdown_grace_seconds"].default
    assert pause >= 3 and pod["terminationGracePeriodSeconds"] > pause + grace
    assert pod["automountServiceAccountToken"] is False


def test_internships_has_the_memory_its_measured_peak_needs():
    container = docs()[("Deployment", "internships")]["spec"]["template"]["spec"]["containers"][0]
    assert mebibytes(container["resources"]["limits"]["memory"]) >= 1.5 * INTERNSHIPS_PEAK_MIB


@pytest.mark.parametrize("svc", SERVICES)
def test_a_service_may_reach_the_services_it_calls_and_no_other(svc):
    found = docs()
    policy = found[("NetworkPolicy", svc)]["spec"]
    assert policy["podSelector"]["matchLabels"] == server_labels(svc)
    reached = {
        peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"]: {p["port"] for p in rule["ports"]}
        for rule in policy["egress"]
        for peer in rule.get("to", [])
        if "app.kubernetes.io/name" in peer.get("podSelector", {}).get("matchLabels", {})
    }
    called = set(registry.load(svc).peers.values())
    assert reached == {"nats": {4222}, **{p: {settings_class(p).model_fields["grpc_port"].default} for p in called}}
    assert found[("NetworkPolicy", "default-deny")]["spec"] == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


def test_nats_enters_lame_duck_mode_before_it_stops_and_runs_unprivileged():
    nats = docs()[("StatefulSet", "nats")]["spec"]["template"]["spec"]
    container = nats["containers"][0]
    assert "--signal ldm=1" in " ".join(container["lifecycle"]["preStop"]["exec"]["command"])
    config = docs()[("ConfigMap", "nats-config")]["data"]["nats.conf"]
    lame_duck = sum(
        int(re.search(rf"{key}: (\d+)s", config).group(1)) for key in ("lame_duck_duration", "lame_duck_grace_period")
    )
    assert nats["terminationGracePeriodSeconds"] > lame_duck
    assert nats["securityContext"]["runAsNonRoot"] is True and nats["securityContext"]["runAsUser"] >= 10000
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
