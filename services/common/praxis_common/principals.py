"""Which principals each edge admits: platform principals (operators, other Praxis services) see no tenant content.

Schools and enterprises use REST and gRPC. A platform principal is refused on every REST route that takes a token
(only the unauthenticated probes and documents answer it), and on every gRPC method except those a service declares
for service-to-service questions (`GrpcServer.add(..., service_methods=...)`), which admit a platform principal
with role `service` only. Operators (any other platform role) watch health, metrics and logs, never tenant data.
"""

from __future__ import annotations

from collections.abc import Collection

from praxis_common.auth import Principal
from praxis_common.errors import Forbidden

PLATFORM = "platform"
SERVICE_ROLE = "service"


def is_service(principal: Principal) -> bool:
    """Another Praxis service calling with its own credential."""
    return principal.org_kind == PLATFORM and principal.has_any_role(SERVICE_ROLE)


def tenant(principal: Principal) -> Principal:
    """The principal, if it belongs to a school or an enterprise; Forbidden for a platform principal."""
    if principal.org_kind == PLATFORM:
        raise Forbidden(
            "platform principals (operators and services) see no tenant content; "
            "use a school's or an enterprise's token"
        )
    return principal


def admit_grpc(principal: Principal, method: str, service_methods: Collection[str]) -> Principal:
    """The principal, if it may call the gRPC `method` (its full name, "/package.Service/Method"): any tenant; a
    platform `service` principal only on the declared `service_methods`; Forbidden otherwise."""
    if is_service(principal) and method in service_methods:
        return principal
    return tenant(principal)
