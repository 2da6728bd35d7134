"""Which principals each edge admits: platform principals (operators, other Praxis services) see no tenant content.

Schools and enterprises use REST and gRPC. A platform principal is refused on every REST route that takes a token
(only the unauthenticated probes and documents answer it), and on every gRPC method except those a service declares
for service-to-service questions (`GrpcServer.add(..., service_methods=...)`), which admit a platform principal
with role `service` only. Operators (any other platform role) watch health, metrics and logs, never tenant data.

One more platform role is admitted, on the routes and methods that declare it only: `authority`, a body that
certifies on the platform's behalf (an education department, an industry association), e.g. confirming a practice
base's tier (`tenant_or_authority`; gRPC `GrpcServer.add(..., authority_methods=...)`). Everywhere else an
authority is refused like any platform principal.
"""

from __future__ import annotations

from collections.abc import Collection

from praxis_common.auth import Principal
from praxis_common.errors import Forbidden

PLATFORM = "platform"
SERVICE_ROLE = "service"
AUTHORITY_ROLE = "authority"


def is_service(principal: Principal) -> bool:
    """Another Praxis service calling with its own credential."""
    return principal.org_kind == PLATFORM and principal.has_any_role(SERVICE_ROLE)


def is_authority(principal: Principal) -> bool:
    """A platform authority (role `authority`), admitted only where a route or method declares it."""
    return principal.org_kind == PLATFORM and principal.has_any_role(AUTHORITY_ROLE)


def tenant_or_authority(principal: Principal) -> Principal:
    """The principal, if it belongs to a school or an enterprise or is a platform authority; Forbidden otherwise."""
    return principal if is_authority(principal) else tenant(principal)


def tenant(principal: Principal) -> Principal:
    """The principal, if it belongs to a school or an enterprise; Forbidden for a platform principal."""
    if principal.org_kind == PLATFORM:
        raise Forbidden(
            "platform principals (operators and services) see no tenant content; "
            "use a school's or an enterprise's token"
        )
    return principal


def admit_grpc(
    principal: Principal, method: str, service_methods: Collection[str], authority_methods: Collection[str] = ()
) -> Principal:
    """The principal, if it may call the gRPC `method` (its full name, "/package.Service/Method"): any tenant; a
    platform `service` principal only on the declared `service_methods`, a platform authority only on the declared
    `authority_methods`; Forbidden otherwise."""
    if is_service(principal) and method in service_methods:
        return principal
    if method in authority_methods:
        return tenant_or_authority(principal)
    return tenant(principal)
