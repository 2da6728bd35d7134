"""Every REST endpoint is described in the OpenAPI document, and every request body carries an example.

The documents are read in-process (praxis_dev.testing.apps.build_app): no servers needed."""

from __future__ import annotations

import re

import httpx
import pytest

from praxis_dev.testing.apps import build_app


def test_every_operation_has_a_summary_and_every_body_an_example():
    for service in ("internships", "mentors", "projects", "notifications", "credentials"):
        spec = build_app(service)[0].openapi()  # the document `praxis serve` serves, built in-process
        schemas = spec["components"]["schemas"]
        for path, operations in spec["paths"].items():
            for method, op in operations.items():
                assert len(op.get("summary", "").split()) >= 3, (service, method, path)  # not the auto "List"
                body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                if body:
                    ref = body.get("$ref") or next((s["$ref"] for s in body.get("anyOf", []) if "$ref" in s), None)
                    schema = schemas[ref.split("/")[-1]] if ref else body  # bulk bodies are described inline
                    assert schema.get("examples"), (service, method, path)


# The documents as the API behaves (issue 10, item 16).

SERVICES = ("internships", "mentors", "projects", "notifications", "credentials")


@pytest.mark.parametrize("service", SERVICES)
def test_every_error_is_documented_as_a_problem_and_every_operation_is_named_and_secured(service):
    doc = build_app(service)[0].openapi()
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": doc["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    assert doc["security"] == [{"bearerAuth": []}]
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    problem = doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail"} <= set(problem["required"]) and "errors" in problem["properties"]
    ids = []
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            ids.append(op["operationId"])
            assert re.fullmatch(r"[a-z][A-Za-z]+", op["operationId"]), (path, method, op["operationId"])
            for status in ("400", "401", "403", "404", "409", "422", "503"):
                content = op["responses"][status]["content"]
                assert content == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
            if "requestBody" in op:
                assert op["x-max-body-bytes"] >= 1 << 20 and "413" in op["responses"]
    assert len(ids) == len(set(ids)), "operation ids repeat"


async def test_the_interactive_documentation_needs_no_network():
    app = build_app("mentors")[0]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://docs") as client:
        page = await client.get("/docs")
        assert page.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(s.startswith("/") for s in sources), sources  # nothing from a CDN
        for source in sources:
            assert (await client.get(source)).status_code == 200, source
        assert "cdn" not in page.text.lower()
