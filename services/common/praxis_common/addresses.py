"""Whether a service may call an address a user gave it (a webhook's URL, an outside issuer's DID document): only
public ones, so no user makes a service reach what only it can reach (server-side request forgery). A literal
address is judged by itself, a name by every address it resolves to when the call is made (DNS may change). What is
left: a name that resolves differently between this check and the client's own lookup (rebinding within
milliseconds)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "localhost.localdomain")


def public_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def public_host(host: str) -> bool:
    """False for a literal address that is private, loopback, link-local, multicast or reserved, and for localhost;
    a name is judged by what it resolves to, when it is called (`blocked`)."""
    if host.lower() in LOCAL_NAMES or host.lower().endswith(".localhost"):
        return False
    try:
        return public_address(ipaddress.ip_address(host))
    except ValueError:
        return True


async def blocked(url: str) -> str | None:
    """Why `url`'s host may not be called (it is, or resolves to, a non-public address, or does not resolve), or
    None."""
    host = urlsplit(url).hostname or ""
    if not public_host(host):
        return f"{host} is not a public address"
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for *_, sockaddr in infos:
        if not public_address(ipaddress.ip_address(sockaddr[0])):
            return f"{host} resolves to a non-public address"
    return None
