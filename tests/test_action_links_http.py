"""The action link routes over HTTP, without a browser: what each refusal answers (an HTML page with its status and
the page's headers, never a 500 nor problem+json), that a refused form leaves the link usable, and that a service
without a secret says links are off."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import pytest_asyncio
from pydantic import SecretStr

from praxis_common import registry
from praxis_common.action_links import issue
from praxis_common.http import create_app
from praxis_common.service import Runtime
from praxis_dev.testing.stack import Stack

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 14)  # the Monday two weeks ago: the placement's first day
SCHOOL, ENTERPRISE, STUDENT = "school-alh", "ent-alh", "stu-alh"
ANN = f"{ENTERPRISE}:ann"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement with its first week filed by the student; Ann is its enterprise mentor."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
        made["ann"] = await assign_mentor(made, ANN)
        filed = await c.put(
            f"/v1/placements/{made['id']}/logbook/{FIRST}",
            headers=stack.auth(SCHOOL, "school", "student", sub=STUDENT),
            json={"lines": [{"day": FIRST.isoformat(), "duty": "listings", "hours": "7"}]},
        )
        assert filed.status_code == 200, filed.text
    return made


def url(stack: Stack, placement: dict, **overrides) -> str:
    fields = dict(
        action="approve_week",
        org=ENTERPRISE,
        placement_id=placement["id"],
        week_start=FIRST,
        mentor_id=placement["ann"]["id"],
        now=datetime.now(UTC),
    )
    return f"{stack['internships'].base_url}/links/{issue(stack.action_link_secret, **{**fields, **overrides})}"


def is_page(r: httpx.Response, status: int) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["cache-control"] == "no-store" and r.headers["x-frame-options"] == "DENY"
    assert "script-src" not in r.headers["content-security-policy"]  # default-src 'none' forbids scripts


async def test_a_refused_form_answers_a_page_and_leaves_the_link_usable(stack, placement):
    link = url(stack, placement)
    async with httpx.AsyncClient(timeout=30) as c:
        for body, content_type in (
            ("decision=attest", "application/x-www-form-urlencoded"),  # an approve_week link does not attest
            ("decision=return&comment=++", "application/x-www-form-urlencoded"),  # a return says why
            ("decision=delete", "application/x-www-form-urlencoded"),
            ("", "application/x-www-form-urlencoded"),
            ("&".join(f"f{i}=x" for i in range(50)), "application/x-www-form-urlencoded"),
            (b"decision=approve&comment=\xff\xfe", "application/x-www-form-urlencoded"),  # not UTF-8
            ("decision=approve&comment=%00", "application/x-www-form-urlencoded"),  # a control character
            ('{"decision": "approve"}', "application/json"),
        ):
            r = await c.post(link, content=body, headers={"content-type": content_type})
            is_page(r, 422)
        is_page(await c.get(link), 200)  # still unused
        other_enterprise = url(stack, placement, org="ent-alh-other")
        is_page(await c.get(other_enterprise), 404)
        is_page(await c.post(other_enterprise, data={"decision": "approve"}), 404)
        is_page(await c.get(url(stack, placement, placement_id=uuid.uuid4())), 404)
        is_page(await c.get(url(stack, placement, mentor_id=uuid.uuid4())), 403)  # not (or no longer) the mentor
        is_page(await c.get(url(stack, placement, week_start=FIRST + timedelta(days=7))), 404)  # never filed
        returned = await c.post(link, data={"decision": "return", "comment": "Tuesday was a holiday"})
        is_page(returned, 200)
        assert "returned to the student" in returned.text
        is_page(await c.post(link, data={"decision": "approve"}), 410)
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        book = await c.get(f"/v1/placements/{placement['id']}/logbook", headers=stack.auth(SCHOOL, "school", "admin"))
    [week] = [w for w in book.json()["weeks"] if w["week_start"] == FIRST.isoformat()]
    assert (week["status"], week["comments"], week["reviewed_by"]) == ("returned", "Tuesday was a holiday", ANN)


@pytest.mark.parametrize("secret", [None, "s" * 64])
async def test_without_a_secret_links_are_off_and_a_link_signed_with_another_is_not_one(secret):
    """In-process (the app as `praxis serve` assembles it, no database): both refusals come before any query."""
    token = issue(
        "t" * 64,
        action="approve_week",
        org="e",
        placement_id=uuid.uuid4(),
        week_start=FIRST,
        mentor_id=uuid.uuid4(),
        now=datetime.now(UTC),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app_with(secret)), base_url="http://t") as c:
        for r in (await c.get(f"/links/{token}"), await c.post(f"/links/{token}", data={"decision": "approve"})):
            is_page(r, 503 if secret is None else 404)
            assert ("not available" if secret is None else "not valid") in r.text


def app_with(secret: str | None):
    spec = registry.load("internships")
    settings = spec.settings.model_construct(
        database_url="postgresql+asyncpg://unused/unused",
        jwt_public_key="-",
        action_link_secret=SecretStr(secret) if secret else None,
    )
    rt = Runtime(settings=settings, engine=None, uow=None, bus=None, verifier=None)
    return create_app(title="internships", verifier=None, routers=spec.routers(rt), readiness=None)


async def test_an_attendance_link_attests_the_week_as_recorded_once(stack, placement, read_event):
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
        for i in range(3):
            day = FIRST + timedelta(days=i)
            recorded = await c.put(
                f"/v1/placements/{placement['id']}/attendance/{day}",
                headers=student,
                json={"status": "present", "check_in": "09:00", "check_out": "17:00"},
            )
            assert recorded.status_code == 200, recorded.text
        link = url(stack, placement, action="attest_week")
        page = await c.get(link)
        is_page(page, 200)
        assert page.text.count("present") == 3 and 'value="attest"' in page.text
        is_page(await c.post(link, data={"decision": "approve"}), 422)  # an attendance link only attests
        is_page(await c.post(link, data={"decision": "attest"}), 200)
        is_page(await c.post(link, data={"decision": "attest"}), 410)
        is_page(await c.post(url(stack, placement, action="attest_week"), data={"decision": "attest"}), 409)
        seen = await c.get(
            f"/v1/placements/{placement['id']}/attendance", headers=stack.auth(SCHOOL, "school", "admin")
        )
    [week] = [w for w in seen.json()["weeks"] if w["week_start"] == FIRST.isoformat()]
    assert (week["present_days"], week["attested_by"], week["mentor_id"], week["attested_on_behalf"]) == (
        3,
        ANN,
        placement["ann"]["id"],
        False,
    )
    event = await read_event("internships.attendance.week_attested", placement["id"])
    assert event["weekStart"] == FIRST.isoformat()
