"""gRPC edge: grpc.aio server bootstrap with health, reflection, and auth + error-mapping interceptors."""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
from collections.abc import Awaitable, Callable, Iterable

import grpc
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.message import DecodeError, Message
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from praxis_common import audit, errors, idempotency, principals
from praxis_common.auth import Principal, TokenVerifier, bearer_token
from praxis_common.db import unreachable
from praxis_common.edge_telemetry import GrpcTelemetry, note_caller
from praxis_common.idempotency import StoredResponse
from praxis_common.logs import error_summary
from praxis_common.uow import UowFactory
from praxis_common.validation import has_control_characters

log = logging.getLogger("praxis.grpc")

current_principal: contextvars.ContextVar[Principal] = contextvars.ContextVar("current_principal")

STATUS = {
    errors.InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    errors.MalformedRequest: grpc.StatusCode.INVALID_ARGUMENT,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.Forbidden: grpc.StatusCode.PERMISSION_DENIED,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.Conflict: grpc.StatusCode.FAILED_PRECONDITION,
    errors.Unavailable: grpc.StatusCode.UNAVAILABLE,
}

# A status message travels in a header (percent-encoded: up to 12 bytes a character) and grpc drops a call whose
# headers pass 16 KiB: longer messages (one naming a field by a client's 100,000-character map key) are cut.
MOST_MESSAGE_CHARACTERS = 1000


def status_message(exc: errors.PraxisError) -> str:
    """The error's detail and its field errors as one status message of at most MOST_MESSAGE_CHARACTERS."""
    message = exc.detail
    if exc.errors:
        message += " (" + "; ".join(f"{e.field}: {e.message}" for e in exc.errors) + ")"
    if len(message) > MOST_MESSAGE_CHARACTERS:
        message = message[: MOST_MESSAGE_CHARACTERS - 1] + "…"
    return message


# Reachable without a token: probes and tooling.
PUBLIC_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")

Behavior = Callable[[object, grpc.aio.ServicerContext], Awaitable[object]]


def _wrap_unary(
    handler: grpc.RpcMethodHandler,
    wrap: Callable[[Behavior], Behavior],
    wrap_stream: Callable[[Callable], Callable] | None = None,
) -> grpc.RpcMethodHandler:
    """The method's behaviour wrapped: unary methods by `wrap`, server-streaming ones (an async generator each, e.g.
    an export's chunks) by `wrap_stream`; client streaming is not used and passes through unwrapped."""
    if handler is None:
        return handler
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(
            wrap(handler.unary_unary),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.unary_stream is not None and wrap_stream is not None:
        return grpc.unary_stream_rpc_method_handler(
            wrap_stream(handler.unary_stream),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler


class _Undecodable:
    """Stands in for a request whose bytes were not a valid message of the method's type."""

    def __init__(self, error: Exception) -> None:
        self.error = error


def _tolerant(deserializer):
    def deserialize(data: bytes):
        try:
            return deserializer(data) if deserializer else data
        except DecodeError as exc:
            return _Undecodable(exc)

    return deserialize


def text_faults(message: Message, prefix: str = "") -> list[errors.FieldError]:
    """String fields holding what no Praxis text may hold (NUL and other control characters; protobuf itself
    refuses invalid UTF-8), named by their path. One check for every method: the servicers' own validation cannot
    forget a field, and PostgreSQL never sees a NUL."""
    found: list[errors.FieldError] = []
    for field, value in message.ListFields():
        name = f"{prefix}{field.name}"
        values = value if field.is_repeated else [value]
        if field.type == field.TYPE_STRING:
            found += [
                errors.FieldError(name, "must not contain control characters")
                for v in values
                if has_control_characters(v)
            ]
        elif field.type == field.TYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:  # a map: check its keys and values
                for key, item in value.items():
                    if isinstance(key, str) and has_control_characters(key):
                        found.append(errors.FieldError(f"{name}.{key!r}", "must not contain control characters"))
                    if isinstance(item, str) and has_control_characters(item):
                        found.append(errors.FieldError(f"{name}.{key}", "must not contain control characters"))
                    elif isinstance(item, Message):
                        found += text_faults(item, f"{name}.{key}.")
                continue
            for i, v in enumerate(values):
                found += text_faults(v, f"{name}.{i}." if field.is_repeated else f"{name}.")
    return found


async def _text_faults(request: Message) -> list[errors.FieldError]:
    # A bulk request (tens of thousands of entries) takes ~0.1 s to walk: off the event loop.
    if request.ByteSize() > 64 * 1024:
        return await asyncio.to_thread(text_faults, request)
    return text_faults(request)


class ErrorInterceptor(grpc.aio.ServerInterceptor):
    """Maps PraxisError to its status code; undecodable requests to INVALID_ARGUMENT; anything unexpected
    becomes INTERNAL, logged."""

    def __init__(self, *, max_message_bytes: int, method_limits: dict[str, int] | None = None) -> None:
        self.max_message_bytes = max_message_bytes
        self.method_limits = method_limits or {}

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if handler is not None and (handler.unary_unary is not None or handler.unary_stream is not None):
            handler = handler._replace(request_deserializer=_tolerant(handler.request_deserializer))
        limit = self.method_limits.get(details.method.rsplit("/", 1)[-1], self.max_message_bytes)

        def wrap(inner: Behavior) -> Behavior:
            async def behavior(request, context: grpc.aio.ServicerContext):
                if isinstance(request, _Undecodable):
                    await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "request is not a valid protobuf message")
                if isinstance(request, Message) and request.ByteSize() > limit:
                    await context.abort(
                        grpc.StatusCode.RESOURCE_EXHAUSTED, f"the request may be at most {limit} bytes for this method"
                    )
                try:
                    if isinstance(request, Message) and (faults := await _text_faults(request)):
                        raise errors.InvalidInput(
                            f"invalid fields: {', '.join(f.field for f in faults)}", errors=faults
                        )
                    return await inner(request, context)
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:
                    await self._abort(exc, context, details.method)

            return behavior

        def wrap_stream(inner):
            async def behavior(request, context: grpc.aio.ServicerContext):
                if isinstance(request, _Undecodable):
                    await context.abort(grpc.StatusCode.INVALID_ARGUMENT, "request is not a valid protobuf message")
                try:
                    if isinstance(request, Message) and (faults := text_faults(request)):
                        raise errors.InvalidInput(
                            f"invalid fields: {', '.join(f.field for f in faults)}", errors=faults
                        )
                    async for item in inner(request, context):
                        yield item
                except grpc.aio.AbortError:
                    raise
                except Exception as exc:
                    await self._abort(exc, context, details.method)

            return behavior

        return _wrap_unary(handler, wrap, wrap_stream)

    @staticmethod
    async def _abort(exc: Exception, context: grpc.aio.ServicerContext, method: str) -> None:
        if isinstance(exc, errors.PraxisError):
            code = next((STATUS[c] for c in type(exc).__mro__ if c in STATUS), grpc.StatusCode.INTERNAL)
            await context.abort(code, status_message(exc))
        if unreachable(exc):
            log.warning("database unavailable", extra={"method": method, "error": error_summary(exc)})
            await context.abort(grpc.StatusCode.UNAVAILABLE, "the database is unavailable; retry shortly")
        log.exception("unhandled error", extra={"method": method}, exc_info=exc)
        await context.abort(grpc.StatusCode.INTERNAL, "unexpected error; see server logs")


class AuthInterceptor(grpc.aio.ServerInterceptor):
    """Verifies the bearer token in `authorization` metadata and admits the principal to the method
    (`principals.admit_grpc`: a platform service only on `service_methods`); the principal goes in a contextvar."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self.verifier = verifier
        self.service_methods: set[str] = set()  # full method names, filled by GrpcServer.add
        self.authority_methods: set[str] = set()  # the same, for a platform authority

    async def intercept_service(self, continuation, details):
        handler = await continuation(details)
        if details.method.startswith(PUBLIC_PREFIXES):
            return handler

        def wrap(inner: Behavior) -> Behavior:
            async def behavior(request, context: grpc.aio.ServicerContext):
                metadata = dict(context.invocation_metadata() or ())
                principal = await self.verifier.verify(bearer_token(metadata.get("authorization")))
                principals.admit_grpc(principal, details.method, self.service_methods, self.authority_methods)
                note_caller(principal.org)
                token = current_principal.set(principal)
                route = audit.current_route.set(details.method)
                try:
                    return await inner(request, context)
                finally:
                    audit.current_route.reset(route)
                    current_principal.reset(token)

            return behavior

        def wrap_stream(inner):
            async def behavior(request, context: grpc.aio.ServicerContext):
                metadata = dict(context.invocation_metadata() or ())
                principal = await self.verifier.verify(bearer_token(metadata.get("authorization")))
                principals.admit_grpc(principal, details.method, self.service_methods, self.authority_methods)
                note_caller(principal.org)
                token = current_principal.set(principal)
                route = audit.current_route.set(details.method)
                try:
                    async for item in inner(request, context):
                        yield item
                finally:
                    audit.current_route.reset(route)
                    current_principal.reset(token)

            return behavior

        return _wrap_unary(handler, wrap, wrap_stream)


class GrpcServer:
    """A grpc.aio server with health (SERVING while up, NOT_SERVING on shutdown) and reflection."""

    def __init__(
        self,
        verifier: TokenVerifier,
        *,
        host: str,
        port: int,
        max_message_bytes: int = 1 << 20,
        method_limits: dict[str, int] | None = None,
    ) -> None:
        """Requests are at most `max_message_bytes`, or a bulk method's own limit (`method_limits`, by method name),
        as REST bodies are: a message over the largest limit is refused with RESOURCE_EXHAUSTED before it is decoded,
        one over its method's limit right after."""
        limits = method_limits or {}
        # Telemetry outermost (it sees every call's final status), then error mapping (auth failures map too).
        self.auth = AuthInterceptor(verifier)
        errors_mapped = ErrorInterceptor(max_message_bytes=max_message_bytes, method_limits=limits)
        self.server = grpc.aio.server(
            interceptors=[GrpcTelemetry(), errors_mapped, self.auth],
            options=[
                ("grpc.max_receive_message_length", max([max_message_bytes, *limits.values()])),
                # gRPC binds with SO_REUSEPORT by default: a second process given the same port would then share it
                # silently, the kernel handing each connection to either (calls answered "Method not found" by
                # another service). A taken port must fail the start instead.
                ("grpc.so_reuseport", 0),
            ],
        )
        self.health = health.aio.HealthServicer()
        health_pb2_grpc.add_HealthServicer_to_server(self.health, self.server)
        self.address = f"{host}:{port}"
        self.service_names: list[str] = []

    def add(
        self,
        register: Callable[[grpc.aio.Server], None],
        service_name: str,
        service_methods: Iterable[str] = (),
        authority_methods: Iterable[str] = (),
    ) -> None:
        """Register a service; `service_methods` names its methods meant for other Praxis services, the only ones
        a platform principal with role `service` may call; `authority_methods` those a platform authority may call
        besides the tenants."""
        register(self.server)
        self.service_names.append(service_name)
        self.auth.service_methods.update(f"/{service_name}/{m}" for m in service_methods)
        self.auth.authority_methods.update(f"/{service_name}/{m}" for m in authority_methods)

    async def start(self) -> None:
        reflection.enable_server_reflection(
            [*self.service_names, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME],
            self.server,
        )
        try:
            bound = self.server.add_insecure_port(self.address)
        except RuntimeError as exc:  # grpcio raises where it used to return 0
            raise OSError(f"cannot bind gRPC to {self.address}: {exc}") from exc
        if bound == 0:
            raise OSError(f"cannot bind gRPC to {self.address}")
        await self.server.start()
        await self.set_serving(True)

    async def set_serving(self, serving: bool) -> None:
        """gRPC health follows readiness, so a Kubernetes gRPC probe sees a lost database or NATS."""
        status = health_pb2.HealthCheckResponse.SERVING if serving else health_pb2.HealthCheckResponse.NOT_SERVING
        for name in ["", *self.service_names]:
            await self.health.set(name, status)

    async def stop(self, grace: float) -> None:
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)


def principal() -> Principal:
    return current_principal.get()


def _error_classes(cls: type[errors.PraxisError]) -> list[type[errors.PraxisError]]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _error_classes(sub))]


def _error_by_code(code: str) -> type[errors.PraxisError]:
    return next((c for c in _error_classes(errors.PraxisError) if c.code == code), errors.PraxisError)


async def created(
    context: grpc.aio.ServicerContext,
    uow: UowFactory,
    request: Message,
    create: Callable[..., Awaitable[Message]],
    response_type: type[Message],
    *,
    prepare: Callable[[], Awaitable[object]] | None = None,
) -> Message:
    """A create call, made retry-safe by an `idempotency-key` metadata entry (the same store as REST).

    A replay returns the stored response (or raises the stored error) and sets the trailing metadata
    `idempotent-replayed: true`. `prepare` is as in `praxis_common.http.created`: the calls to other services,
    made before any transaction opens; `create(uow, prepared)` then re-checks local data only."""
    key = dict(context.invocation_metadata() or ()).get("idempotency-key")
    if key is None:
        args = () if prepare is None else (await prepare(),)
        return await create(uow, *args)

    def on_error(exc: errors.PraxisError) -> StoredResponse:
        return StoredResponse(1, json.dumps({"code": exc.code, "detail": exc.detail}).encode(), {})

    method = type(request).DESCRIPTOR.full_name
    identity = dict(
        org=principal().org,
        subject=principal().sub,
        key=idempotency.check_key(key),
        request_fingerprint=idempotency.fingerprint(
            "grpc", method, request.SerializeToString(deterministic=True).hex()
        ),
    )
    stored = await idempotency.stored(uow, **identity) if prepare is not None else None
    if stored is None:
        args = () if prepare is None else (await prepare(),)

        async def run(joined) -> StoredResponse:
            return StoredResponse(0, (await create(joined, *args)).SerializeToString(), {})

        stored = await idempotency.run_once(uow, **identity, run=run, on_error=on_error)
    if stored.replayed:
        context.set_trailing_metadata((("idempotent-replayed", "true"),))
    if stored.status:
        failure = json.loads(stored.body)
        raise _error_by_code(failure["code"])(failure["detail"])
    return response_type.FromString(stored.body)


def masked(mask: FieldMask, fields: dict[str, object]) -> dict[str, object]:
    """A partial update's input (AIP-134): the values of the fields its `update_mask` names, for the REST PATCH
    schema to validate as it validates a PATCH body. A path that names no field that can change is refused."""
    unknown = [path for path in mask.paths if path not in fields]
    if unknown:
        raise errors.InvalidInput(
            f"update_mask names fields that cannot change: {', '.join(unknown)}",
            errors=[errors.FieldError("update_mask", f"only {', '.join(fields)}")],
        )
    return {path: fields[path] for path in mask.paths}
