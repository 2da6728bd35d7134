"""Every REST endpoint is described in the OpenAPI document, and every request body carries an example."""

from __future__ import annotations

import httpx


async def test_every_operation_has_a_summary_and_every_body_an_example(stack):
    for service in ("internships", "mentors", "projects"):
        async with httpx.AsyncClient(base_url=stack[service].base_url) as c:
            spec = (await c.get("/openapi.json")).json()
        schemas = spec["components"]["schemas"]
        for path, operations in spec["paths"].items():
            for method, op in operations.items():
                assert len(op.get("summary", "").split()) >= 3, (service, method, path)  # not the auto "List"
                body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                if body:
                    ref = body.get("$ref") or next((s["$ref"] for s in body.get("anyOf", []) if "$ref" in s), None)
                    schema = schemas[ref.split("/")[-1]] if ref else body  # bulk bodies are described inline
                    assert schema.get("examples"), (service, method, path)
