"""The services installed beside the kernel, found through their packages' entry points, so the kernel names none.

A service registers its ServiceSpec in its pyproject.toml:

    [project.entry-points."praxis.services"]
    <name> = "<package>.main:SPEC"

`praxis serve/migrate <name>`, `praxis up` and the test stack find services here; installing a service's
package is what makes it known.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importing the service machinery is left to load(): listing services stays cheap
    from praxis_common.bus_access import BusUser
    from praxis_common.service import ServiceSpec

GROUP = "praxis.services"


class UnknownService(LookupError):
    pass


def service_names() -> tuple[str, ...]:
    """The installed services' names, sorted (the order `praxis up` starts them in); nothing is imported."""
    return tuple(sorted({ep.name for ep in entry_points(group=GROUP)}))


def load(name: str) -> ServiceSpec:
    """The service's spec (importing the service)."""
    from praxis_common.service import ServiceSpec

    found = entry_points(group=GROUP, name=name)
    if not found:
        raise UnknownService(f"unknown service {name!r}; installed: {', '.join(service_names()) or 'none'}")
    spec = next(iter(found)).load()
    if not isinstance(spec, ServiceSpec) or spec.name != name:
        raise TypeError(f"entry point {name!r} of group {GROUP} must name the ServiceSpec of service {name!r}")
    return spec


def env_prefix(spec: ServiceSpec) -> str:
    """The prefix of the service's environment variables, e.g. "PROJECTS_"."""
    return str(spec.settings.model_config.get("env_prefix", ""))


PORTS = ("HTTP_PORT", "GRPC_PORT", "METRICS_PORT")


def default_ports(spec: ServiceSpec) -> dict[str, int]:
    """The ports the service listens on unless told otherwise (its settings' defaults), by the variable that sets
    each without its prefix: HTTP_PORT, GRPC_PORT, METRICS_PORT."""
    fields = spec.settings.model_fields
    return {port: fields[port.lower()].default for port in PORTS}


def peer_environment(spec: ServiceSpec, grpc_targets: Mapping[str, str]) -> dict[str, str]:
    """The environment pointing the service at its peers (ServiceSpec.peers) among `grpc_targets` (service name
    -> host:port of its gRPC server); peers not running there are left to the service's own default."""
    prefix = env_prefix(spec)
    return {
        prefix + setting.upper(): grpc_targets[peer] for setting, peer in spec.peers.items() if peer in grpc_targets
    }


def bus_user(spec: ServiceSpec) -> BusUser:
    """The service's identity on the bus, from what its spec declares."""
    from praxis_common.bus_access import BusUser

    return BusUser(spec.name, frozenset(spec.consumes), spec.coordinator)


def bus_users() -> list[BusUser]:
    """Every installed service's bus identity (what the NATS server configs are generated from)."""
    return [bus_user(load(name)) for name in service_names()]
