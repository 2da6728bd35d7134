"""REST and gRPC parity: every REST operation of each service has a gRPC method calling the same use case.

The REST operations come from each service's FastAPI app as it is assembled (its OpenAPI document plus the routes
it serves outside the document), the gRPC methods from the service descriptor and the servicer; the mapping
between them is the table in docs/grpc.md, which must cover both sides. "The same use case" is checked from the
code: every use case (a function of the service's `handlers` package) the REST endpoint calls, directly or through
a helper of its module, is called by its gRPC method too."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types
from pathlib import Path

import pytest

import praxis_partnerships as partnerships
from praxis_common import audit_api
from praxis_common.imports import uploads
from praxis_dev.testing.apps import build_app

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "docs" / "grpc.md"
SERVICES = {
    "internships": "InternshipsService",
    "mentors": "MentorsService",
    "projects": "ProjectsService",
    "notifications": "NotificationsService",
    "credentials": "CredentialsService",
}
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
KERNEL = "every service"  # the table's section for the routes every service's app has (probes, docs)
NONE = "—"


def _path(path: str) -> str:
    return re.sub(r"\{(\w+):\w+\}", r"{\1}", path)  # Starlette's {ref:path} is {ref} in OpenAPI


def rest_operations(service: str) -> dict[str, object]:
    """'METHOD /path' → the endpoint function (None for the app's own routes, e.g. the docs)."""
    app, routers = build_app(service)
    endpoints = {
        f"{m} {_path(route.path)}": route.endpoint
        for router in routers
        for route in router.routes
        for m in getattr(route, "methods", None) or ()
    }
    operations = {
        f"{m.upper()} {path}" for path, item in app.openapi()["paths"].items() for m in item if m in HTTP_METHODS
    }
    operations |= {
        f"{m} {_path(route.path)}"
        for route in app.routes
        for m in getattr(route, "methods", None) or ()  # an included router is one entry without methods
        if m != "HEAD"
    }
    operations |= {op for op in endpoints if not op.startswith("HEAD ")}
    return {op: endpoints.get(op) for op in operations}


def grpc_methods(service: str) -> dict[str, tuple[type, type]]:
    """Every method of the service's gRPC services (its main service and any other in `praxis.<service>.v1`, e.g.
    internships' WeeklyReportsService) → its servicer class and the generated base whose methods answer
    UNIMPLEMENTED."""
    package = importlib.import_module(f"praxis.{service}.v1")
    servicers = [cls for cls in vars(importlib.import_module(f"{service}.rpc")).values() if inspect.isclass(cls)]
    found: dict[str, tuple[type, type]] = {}
    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.endswith("_pb2"):
            continue
        pb = importlib.import_module(f"{package.__name__}.{module.name}")
        for name, described in pb.DESCRIPTOR.services_by_name.items():
            base = getattr(importlib.import_module(f"{package.__name__}.{module.name}_grpc"), f"{name}Servicer")
            servicer = next(cls for cls in servicers if issubclass(cls, base) and cls is not base)
            found |= {m.name: (servicer, base) for m in described.methods}
    return found


def table() -> dict[str, list[tuple[str, list[str], str]]]:
    """Section (a service, or KERNEL) → rows of (REST operation, gRPC methods, note)."""
    sections: dict[str, list] = {}
    rows: list | None = None
    for line in TABLE.read_text().splitlines():
        if line.startswith("## "):
            rows = sections.setdefault(line[3:].split("—")[0].strip().strip("`"), [])
        elif rows is not None and line.startswith("|") and not re.match(r"^\|\s*(REST|-+)", line):
            rest, grpc_, note = (cell.strip() for cell in line.strip().strip("|").split("|"))
            rows.append((rest.strip("`"), re.findall(r"`(\w+)`", grpc_), note))
    return sections


def _names(code: types.CodeType) -> set[str]:
    found = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found |= _names(const)
    return found


def calls(fn, owner: type | None = None, seen: set | None = None) -> set[str]:
    """Every name a function's code (nested functions included) refers to, following the helpers of its own
    module and, for a servicer method, the servicer's other methods."""
    seen = seen if seen is not None else set()
    if fn in seen:
        return set()
    seen.add(fn)
    found = _names(fn.__code__)
    for name in list(found):
        helper = getattr(owner, name, None) if owner is not None and name in dir(owner) else fn.__globals__.get(name)
        if inspect.isfunction(helper) and helper.__module__ == fn.__module__:
            found |= calls(helper, owner, seen)
    return found


# The job resource's use cases (praxis_common/imports/uploads.py), which every importing service serves.
IMPORT_USE_CASES = {uploads.submit.__name__, uploads.get_job.__name__, uploads.list_jobs.__name__}
# The audit log's use cases (praxis_common/audit_api.py), which every service keeping an audit log serves.
AUDIT_USE_CASES = {audit_api.list_reads.__name__, audit_api.verify.__name__}


def use_cases(service: str) -> set[str]:
    """The names of the service's use cases: the public functions of its handlers package and its subpackages (and the
    partnership query that mentors and projects serve, the import jobs' that importing services serve, and the audit
    log's)."""
    package = importlib.import_module(f"{service}.handlers")
    modules = [package] + [
        importlib.import_module(m.name) for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
    ]
    names = {
        name
        for module in modules
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
    }
    return names | {partnerships.list_for.__name__} | IMPORT_USE_CASES | AUDIT_USE_CASES


def _rows(service: str) -> list[tuple[str, list[str], str]]:
    sections = table()
    return sections.get(service, []) + sections.get(KERNEL, [])


@pytest.mark.parametrize("service", SERVICES)
def test_every_rest_operation_has_a_grpc_method(service):
    operations = rest_operations(service)
    methods = grpc_methods(service)
    declared = {rest: (grpc_, note) for rest, grpc_, note in _rows(service) if rest != NONE}
    missing = []
    for op in sorted(operations):
        names, note = declared.get(op, ([], ""))
        if not names and not note:
            missing.append(f"{op} (no row in docs/grpc.md)")
        elif not names and not note.lower().startswith("rest only"):
            missing.append(f"{op} (no gRPC method, and the note does not say why it is REST only)")
        for name in names:
            if name not in methods:
                missing.append(f"{op} → {name} (no such method in the {service} services)")
            elif getattr(methods[name][0], name) is getattr(methods[name][1], name):
                missing.append(f"{op} → {name} (not implemented by {methods[name][0].__name__})")
    assert not missing, "REST operations without a gRPC method:\n  " + "\n  ".join(missing)
    stale = sorted(set(declared) - set(operations))
    assert not stale, f"docs/grpc.md names REST operations the {service} service does not have: {stale}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_grpc_method_is_in_the_table(service):
    methods = set(grpc_methods(service))
    rows = _rows(service)
    named = {name for _, names, _ in rows for name in names}
    assert not sorted(methods - named), f"gRPC methods missing from docs/grpc.md: {sorted(methods - named)}"
    for rest, names, note in rows:
        if rest == NONE:
            assert names and note, f"a gRPC-only row needs a method and a note saying why: {names}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_grpc_method_calls_the_use_case_of_its_rest_route(service):
    operations = rest_operations(service)
    methods = grpc_methods(service)
    known = use_cases(service)
    differ = []
    for rest, names, _ in _rows(service):
        endpoint = operations.get(rest)
        if rest == NONE or not names or endpoint is None or not all(n in methods for n in names):
            continue  # no pair to compare; the other tests report what is missing
        by_rest = calls(endpoint) & known
        by_grpc = set().union(*(calls(getattr(methods[n][0], n), methods[n][0]) for n in names)) & known
        if not by_rest or not by_rest <= by_grpc:
            differ.append(f"{rest} calls {sorted(by_rest)}; {', '.join(names)} calls {sorted(by_grpc)}")
    assert not differ, "gRPC methods that do not call their REST route's use case:\n  " + "\n  ".join(differ)


def test_the_table_reads_as_documented():
    """Guards the parser: the table has a section per service and the kernel's, each with rows."""
    sections = table()
    assert set(SERVICES) | {KERNEL} <= set(sections), sorted(sections)
    assert all(sections[s] for s in [*SERVICES, KERNEL])
