"""Which addresses a service may call at a user's request (praxis_common.addresses): public unicast only, whatever
form the address takes (IPv4-mapped, 6to4, Teredo, shared and site-local ranges), and a name by what it resolves to."""

from __future__ import annotations

import ipaddress

import pytest

from praxis_common.addresses import blocked, public_address, public_host

PUBLIC = ["8.8.8.8", "2001:4860:4860::8888", "::ffff:8.8.8.8"]
NOT_PUBLIC = [
    "10.0.0.1",
    "127.0.0.1",
    "169.254.169.254",  # the cloud metadata address
    "100.100.100.200",  # shared address space (100.64.0.0/10): another cloud's metadata address
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "fe80::1",
    "fec0::1",  # site-local
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo of a documentation address
]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_may_be_called(address):
    assert public_address(ipaddress.ip_address(address)) and public_host(address)


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_no_other_address_may(address):
    assert not public_address(ipaddress.ip_address(address)) and not public_host(address)


async def test_a_url_is_blocked_by_its_host_and_by_what_a_name_resolves_to():
    assert await blocked("http://127.0.0.1:8080/x") == "127.0.0.1 is not a public address"
    assert await blocked("https://localhost/did.json") == "localhost is not a public address"
    assert await blocked("https://[::1]/did.json") == "::1 is not a public address"
    assert (await blocked("https://name.invalid/x")).startswith("cannot resolve name.invalid")
