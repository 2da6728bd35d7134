"""The approve-by-link page in a real headless browser (Debian's Chromium driven by Playwright) against the real
processes: the enterprise mentor opens the link a reminder mail carries, sees the week, clicks Approve and sees the
result; the week is then approved over the REST API, recorded as that mentor's review and announced by
logbook.approved. The link works once, and an expired link shows its expiry and approves nothing.

Without Chromium the module skips, saying so; with PRAXIS_REQUIRE_BROWSER=1 (.ci/run sets it) it fails instead."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
import pytest_asyncio

from praxis_common.action_links import issue
from praxis_dev.testing.stack import Stack

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
if not os.access(CHROMIUM, os.X_OK):
    if os.environ.get("PRAXIS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(
            f"PRAXIS_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM} (apt-get install chromium)"
        )
    pytest.skip("no Chromium (apt-get install chromium; docs/testing.md)", allow_module_level=True)

TODAY = date.today()
FIRST = TODAY - timedelta(days=TODAY.weekday() + 21)  # the Monday three weeks ago: the placement's first day
SCHOOL, ENTERPRISE, STUDENT = "school-al", "ent-al", "stu-al"
ANN = f"{ENTERPRISE}:ann"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placement(stack: Stack, start_placement, assign_mentor) -> dict:
    """An active placement with two weeks filed by the student; Ann is its enterprise mentor, known to internships."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, SCHOOL, ENTERPRISE, STUDENT, starts_on=FIRST, duties=[{"name": "listings", "kind": "core"}]
        )
        made["ann"] = await assign_mentor(made, ANN)
        student = stack.auth(SCHOOL, "school", "student", sub=STUDENT)
        for week in (FIRST, FIRST + timedelta(days=7)):
            lines = [{"day": (week + timedelta(days=i)).isoformat(), "duty": "listings", "hours": "6"} for i in (0, 1)]
            filed = await c.put(f"/v1/placements/{made['id']}/logbook/{week}", headers=student, json={"lines": lines})
            assert filed.status_code == 200, filed.text
    return made


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser():
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        await b.close()


def link(stack: Stack, placement: dict, week: date, *, now: datetime, ttl: timedelta = timedelta(days=7)) -> str:
    token = issue(
        stack.action_link_secret,
        action="approve_week",
        org=ENTERPRISE,
        placement_id=placement["id"],
        week_start=week,
        mentor_id=placement["ann"]["id"],
        now=now,
        ttl=ttl,
    )
    return f"{stack['internships'].base_url}/links/{token}"


async def week_status(stack: Stack, placement: dict, week: date) -> dict:
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        book = await c.get(
            f"/v1/placements/{placement['id']}/logbook", headers=stack.auth(SCHOOL, "school", "coordinator")
        )
    return next(w for w in book.json()["weeks"] if w["week_start"] == week.isoformat())


@pytest.mark.asyncio(loop_scope="module")
async def test_the_mentor_approves_a_week_from_the_link_once(stack, placement, browser, read_event):
    url = link(stack, placement, FIRST, now=datetime.now(UTC))
    page = await browser.new_page()
    try:
        opened = await page.goto(url)
        assert opened.status == 200
        headers = await opened.all_headers()
        assert headers["cache-control"] == "no-store" and headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert "default-src 'none'" in headers["content-security-policy"]
        # The page's one inline style is allowed by its hash in the policy (a wrong hash: the browser drops it).
        assert await page.evaluate("getComputedStyle(document.body).maxWidth") == "640px"
        assert await page.inner_text("#student") == STUDENT  # no display name shared: the school's reference
        assert "12.00" in await page.inner_text("#hours")
        assert (await week_status(stack, placement, FIRST))["status"] == "submitted"  # opening changed nothing

        async with page.expect_navigation():
            await page.get_by_role("button", name="Approve").click()
        assert await page.inner_text("#outcome") == "The week is approved. Thank you."

        approved = await week_status(stack, placement, FIRST)
        assert (approved["status"], approved["reviewed_by"], approved["reviewer_mentor_id"]) == (
            "approved",
            ANN,
            placement["ann"]["id"],
        )
        event = await read_event("internships.logbook.approved", placement["id"])
        assert (event["mentorId"], event["approvedBy"], event["weekStart"]) == (
            placement["ann"]["id"],
            ANN,
            FIRST.isoformat(),
        )

        again = await page.goto(url)
        assert again.status == 410
        assert await page.inner_text("#outcome") == "This link has been used already."
    finally:
        await page.close()
    async with httpx.AsyncClient(timeout=30) as c:
        resubmitted = await c.post(url, data={"decision": "return", "comment": "changed my mind"})
    assert resubmitted.status_code == 410 and "used already" in resubmitted.text
    assert (await week_status(stack, placement, FIRST))["status"] == "approved"


@pytest.mark.asyncio(loop_scope="module")
async def test_an_expired_link_shows_its_expiry_and_approves_nothing(stack, placement, browser):
    week = FIRST + timedelta(days=7)
    url = link(stack, placement, week, now=datetime.now(UTC) - timedelta(days=8))  # expired a day ago
    context = await browser.new_context(locale="zh-CN")  # Accept-Language: zh-CN
    page = await context.new_page()
    try:
        opened = await page.goto(url)
        assert opened.status == 410
        assert await page.inner_text("#outcome") == "此链接已过期。"
        assert await page.locator("form").count() == 0
    finally:
        await context.close()
    async with httpx.AsyncClient(timeout=30) as c:
        posted = await c.post(url, data={"decision": "approve"})
        assert posted.status_code == 410 and "expired" in posted.text
        tampered = await c.get(url[:-3] + ("abc" if not url.endswith("abc") else "xyz"))
        assert tampered.status_code == 404 and "not valid" in tampered.text
    assert (await week_status(stack, placement, week))["status"] == "submitted"
