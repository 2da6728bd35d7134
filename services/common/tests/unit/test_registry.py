"""How the kernel knows a service without naming it: its spec's settings, peers and resources."""

from __future__ import annotations

from contextlib import asynccontextmanager
from types import SimpleNamespace

import pytest
from pydantic_settings import SettingsConfigDict

from praxis_common import registry
from praxis_common.service import ServiceSpec, open_resources
from praxis_common.settings import ServiceSettings


class ClientSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CLIENT_", extra="ignore")

    http_port: int = 8199
    grpc_port: int = 50199
    metrics_port: int = 9199
    server_grpc_target: str = "127.0.0.1:50198"


def spec(**kwargs) -> ServiceSpec:
    return ServiceSpec(
        name="client", settings=ClientSettings, routers=lambda rt: [], grpc_services=lambda rt: [], **kwargs
    )


def test_a_spec_tells_its_environment_prefix_and_default_ports():
    assert registry.env_prefix(spec()) == "CLIENT_"
    assert registry.default_ports(spec()) == {"HTTP_PORT": 8199, "GRPC_PORT": 50199, "METRICS_PORT": 9199}


def test_peers_are_pointed_at_the_running_ones_only():
    client = spec(peers={"server_grpc_target": "server"})
    assert registry.peer_environment(client, {"server": "127.0.0.1:6001", "other": "127.0.0.1:6002"}) == {
        "CLIENT_SERVER_GRPC_TARGET": "127.0.0.1:6001"
    }
    assert registry.peer_environment(client, {"other": "127.0.0.1:6002"}) == {}


def test_an_unknown_service_is_refused_with_the_installed_ones():
    with pytest.raises(registry.UnknownService, match="unknown service 'no-such-service'"):
        registry.load("no-such-service")


def test_installed_services_are_listed_sorted():
    names = registry.service_names()
    assert list(names) == sorted(names)


async def test_resources_are_the_runtimes_while_open_and_closed_after():
    events = []

    @asynccontextmanager
    async def resources(rt):
        events.append("open")
        yield "client"
        events.append("closed")

    rt = SimpleNamespace(resources=None)
    async with open_resources(spec(resources=resources), rt) as opened:
        assert opened == rt.resources == "client"
        assert events == ["open"]
    assert events == ["open", "closed"]
    assert rt.resources is None


async def test_a_service_without_resources_has_none():
    rt = SimpleNamespace(resources=None)
    async with open_resources(spec(), rt) as opened:
        assert opened is None
