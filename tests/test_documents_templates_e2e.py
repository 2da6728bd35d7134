"""Schools' agreement templates through REST and gRPC against real processes: the default shipped for each locale,
a school's own (checked by rendering it in the sandbox: a 422 naming the line), used by the documents rendered
after it, and seen by nobody else."""

from __future__ import annotations

import io
from datetime import date, timedelta

import grpc
import pypdf
import pytest
from course_start import student_auth

from praxis.internships.v1 import documents_pb2 as pb
from praxis.internships.v1 import documents_pb2_grpc as pb_grpc
from praxis_dev.testing.stack import Stack

TODAY = date.today()
OWN = "# Praxis test agreement\n## Parties\n- {{ school.org }} / {{ enterprise.org }} / {{ student.display_name }}\n"


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("# ok\n{% if %}\n", 2, "expected an expression"),
        ("# ok\n\n{{ student.nickname }}\n", 3, "nickname"),
        ("{{ school.org.__class__.__mro__ }}", 1, "unsafe"),
        ("{% for d in position.duties %}{{ d.name.upper.__globals__ }}{% endfor %}", 1, "__globals__"),
    ],
)
async def test_a_template_that_does_not_render_is_422_naming_the_line(stack: Stack, internships, source, line, words):
    async with internships.client() as c:
        r = await c.put(
            "/v1/agreement-templates/en",
            headers=stack.auth("school-tpl-bad", "school", "admin"),
            json={"source": source},
        )
        assert r.status_code == 422, r.text
        error = r.json()["errors"][0]
        assert error["field"] == "source" and f"line {line}" in error["message"], error
        assert words in error["message"].lower(), error


async def test_template_limits_and_roles(stack: Stack, internships):
    admin = stack.auth("school-tpl-roles", "school", "admin")
    async with internships.client() as c:
        too_big = await c.put("/v1/agreement-templates/en", headers=admin, json={"source": "x" * (64 * 1024 + 1)})
        assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "source"
        assert (await c.put("/v1/agreement-templates/fr", headers=admin, json={"source": OWN})).status_code == 422
        for headers in (
            stack.auth("school-tpl-roles", "school", "coordinator"),
            stack.auth("ent-tpl-roles", "enterprise", "admin"),
            student_auth(stack, "school-tpl-roles", "stu-1"),
        ):
            refused = await c.put("/v1/agreement-templates/en", headers=headers, json={"source": OWN})
            assert refused.status_code == 403, refused.text
        assert (
            await c.get("/v1/agreement-templates/en", headers=stack.auth("ent-tpl-roles", "enterprise", "hr"))
        ).status_code == 403


async def test_a_schools_template_renders_its_next_documents_and_nobody_else_sees_it(
    stack: Stack, internships, read_event
):
    school, enterprise = "school-tpl", "ent-tpl"
    admin = stack.auth(school, "school", "admin")
    async with internships.client() as c:
        default = (await c.get("/v1/agreement-templates/zh-CN", headers=admin)).json()
        assert default["is_default"] and "三方协议" in default["source"]
        saved = await c.put("/v1/agreement-templates/zh-CN", headers=admin, json={"source": OWN})
        assert saved.status_code == 200 and not saved.json()["is_default"], saved.text
        assert (await c.get("/v1/agreement-templates/zh-CN", headers=admin)).json()["source"] == OWN
        event = await read_event("internships.agreement_template.updated", school)
        assert event["locale"] == "zh-CN" and event["sha256"] == saved.json()["sha256"]
        other = (
            await c.get("/v1/agreement-templates/zh-CN", headers=stack.auth("school-tpl-else", "school", "admin"))
        ).json()
        assert other["is_default"] and other["source"] == default["source"]

        agreement = await internships.agreement(c, school, enterprise, valid_from=TODAY - timedelta(days=7))
        position = await internships.position(c, enterprise, agreement, seats=1, starts_on=TODAY)
        booked = await internships.book(c, school, position["id"], "stu-tpl", profile={"display_name": "Lin Wei"})
        pdf = await c.get(
            f"/v1/placements/{booked.json()['id']}/document.pdf", headers=admin, params={"signature_page": "false"}
        )
        text = pypdf.PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        assert "Praxis test agreement" in text and f"{school} / {enterprise} / Lin Wei" in text, text


async def test_templates_over_grpc(stack: Stack, internships):
    admin = (("authorization", f"Bearer {stack.token('school-tpl-g', 'school', 'admin')}"),)
    async with grpc.aio.insecure_channel(stack["internships"].grpc_target) as channel:
        stub = pb_grpc.DocumentsServiceStub(channel)
        default = await stub.GetTemplate(pb.GetTemplateRequest(locale="en"), metadata=admin)
        assert default.template.is_default and "Tripartite" in default.template.source
        saved = await stub.SetTemplate(pb.SetTemplateRequest(locale="en", source=OWN), metadata=admin)
        assert not saved.template.is_default and saved.template.updated_by
        for request in (
            pb.SetTemplateRequest(locale="en", source="{{ nope }}"),
            pb.SetTemplateRequest(locale="de", source=OWN),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.SetTemplate(request, metadata=admin)
            assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
