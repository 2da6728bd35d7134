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
    """Globally reachable unicast (not private, shared like 100.64.0.0/10, loopback, link-local, site-local,
    reserved or multicast), and for an IPv6 address that carries an IPv4 one (mapped, 6to4, Teredo) that one too."""
    if isinstance(ip, ipaddress.IPv6Address):
        teredo = ip.teredo
        for inner in (ip.ipv4_mapped, ip.sixtofour, teredo[1] if teredo else None):
            if inner is not None and not public_address(inner):
                return False
        if ip.ipv4_mapped is not None:
            return True
    return ip.is_global and not ip.is_multicast and not getattr(ip, "is_site_local", False)


def public_host(host: str) -> bool:
    """False for a literal address that is private, loopback, link-local, multicast or reserved, and for localhost;
    a name is judged by what it resolves to, when it is called (`blocked`)."""
    if host.lower() in LOCAL_NAMES or host.lower().endswith(".localhost"):
        return False
    try:
        return public_address(ipaddress.ip_address(host))
    except ValueError:
        return True


async def blocked(url: str, *, within: float = 5.0) -> str | None:
    """Why `url`'s host may not be called (it is, or resolves to, a non-public address, or does not resolve within
    `within` seconds), or None."""
    host = urlsplit(url).hostname or ""
    if not public_host(host):
        return f"{host} is not a public address"
    try:
        async with asyncio.timeout(within):
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except TimeoutError:
        return f"cannot resolve {host} within {within:g} s"
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for *_, sockaddr in infos:
        if not public_address(ipaddress.ip_address(sockaddr[0].split("%", 1)[0])):
            return f"{host} resolves to a non-public address"
    return None
