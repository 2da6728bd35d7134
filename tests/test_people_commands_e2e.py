"""The people's commands (`praxis webhooks`, `praxis export`, `praxis org`) run as a person runs them: real `praxis`
processes against the real services of the session's stack, the caller's token in PRAXIS_TOKEN and each service's
URL in PRAXIS_<SERVICE>_URL. Webhook test events and replays reach a real receiver started here; an export follows a
feed across pages, carries a tombstone and resumes by its cursor; a problem from a server is one line, exit 1."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta

import pytest
import pytest_asyncio
from praxis_command import praxis
from standardwebhooks.webhooks import Webhook
from webhook_receiver import Receiver

from praxis_dev.testing.stack import Stack, eventually

SCHOOL, ENTERPRISE = "sch-people-cli", "ent-people-cli"
REQUESTED = "praxis.internships.placement.requested.v1"
STUDENTS = ("stu-cli-1", "stu-cli-2", "stu-cli-3")
SIGNED = ("webhook-id", "webhook-timestamp", "webhook-signature")


def as_person(stack: Stack, org: str, kind: str, role: str) -> dict[str, str]:
    """A person's shell: where each service is, and their token."""
    env = {f"PRAXIS_{name.upper()}_URL": service.base_url for name, service in stack.services.items()}
    return env | {"PRAXIS_TOKEN": stack.token(org, kind, role)}


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def placements(stack: Stack, internships) -> list[str]:
    async with internships.client() as c:
        agreement = await internships.agreement(c, SCHOOL, ENTERPRISE, quota=10)
        position = await internships.position(
            c, ENTERPRISE, agreement, seats=3, starts_on=date.today() + timedelta(days=30)
        )
        booked = []
        for student in STUDENTS:
            r = await internships.book(c, SCHOOL, position["id"], student)
            assert r.status_code == 201, r.text
            booked.append(r.json()["id"])
    return booked


@pytest.mark.asyncio(loop_scope="module")
async def test_webhooks_create_list_test_send_and_replay_reach_the_receiver(stack, receiver):
    admin = as_person(stack, ENTERPRISE, "enterprise", "admin")
    made = await praxis("webhooks", "create", receiver.url("/cli"), "--event", REQUESTED, "--json", env=admin)
    assert made.returncode == 0, made.stderr
    hook = json.loads(made.stdout)
    assert hook["secret"].startswith("whsec_") and hook["event_types"] == [REQUESTED]

    listed = await praxis("webhooks", "list", env=admin)
    assert listed.returncode == 0, listed.stderr
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["ID", "STATUS", "URL", "EVENTS", "DESCRIPTION"]
    assert any(row.split()[:3] == [hook["id"], "enabled", receiver.url("/cli")] for row in rows), listed.stdout

    sent = await praxis("webhooks", "test-send", hook["id"], "--wait", "30", "--json", env=admin)
    assert sent.returncode == 0, sent.stderr
    delivery = json.loads(sent.stdout)
    assert delivery["status"] == "succeeded" and delivery["event_type"] == "praxis.webhook.test"
    [got] = receiver.at("/cli", 200)
    assert (
        Webhook(hook["secret"]).verify(got.body, {k: got.headers[k] for k in SIGNED})["type"] == "praxis.webhook.test"
    )

    log = await praxis("webhooks", "deliveries", hook["id"], "--since", "1h", env=admin)
    assert log.returncode == 0, log.stderr
    assert delivery["id"] in log.stdout and "succeeded" in log.stdout and "200" in log.stdout

    again = await praxis("webhooks", "replay", "--delivery", delivery["id"], env=admin)
    assert again.returncode == 0, again.stderr

    async def twice():
        return len(receiver.at("/cli", 200)) == 2

    await eventually(twice, timeout=30, what="the replayed delivery at the receiver")
    assert {r.headers["webhook-id"] for r in receiver.at("/cli")} == {delivery["webhook_id"]}  # the same message

    since = await praxis("webhooks", "replay", hook["id"], "--since", "1h", "--json", env=admin)
    assert since.returncode == 0, since.stderr
    assert json.loads(since.stdout) == {"replayed": 1}
    await eventually(lambda: _at_least(receiver, "/cli", 3), timeout=30, what="the replay --since at the receiver")

    neither = await praxis("webhooks", "replay", hook["id"], env=admin)
    assert neither.returncode == 2 and "--delivery DID, or WEBHOOK_ID with --since" in neither.stderr

    off = await praxis("webhooks", "disable", hook["id"], env=admin)
    assert off.returncode == 0 and re.search(r"^status\s+disabled$", off.stdout, re.M), off.stdout
    refused = await praxis("webhooks", "test-send", hook["id"], env=admin)
    assert refused.returncode == 1
    assert (
        refused.stderr
        == "Error: 409 Conflicts with the current state: the webhook is disabled: enable it before sending a test\n"
    )
    on = await praxis("webhooks", "enable", hook["id"], "--json", env=admin)
    assert on.returncode == 0 and json.loads(on.stdout)["status"] == "enabled"


async def _at_least(receiver: Receiver, path: str, count: int) -> bool:
    return len(receiver.at(path, 200)) >= count


@pytest.mark.asyncio(loop_scope="module")
async def test_another_organisations_webhook_is_a_one_line_404(stack, receiver):
    admin = as_person(stack, ENTERPRISE, "enterprise", "admin")
    made = await praxis("webhooks", "create", receiver.url("/mine"), "--event", REQUESTED, "--json", env=admin)
    hook = json.loads(made.stdout)["id"]
    other = as_person(stack, "ent-people-cli-other", "enterprise", "admin")
    for args in (("show", hook), ("test-send", hook), ("deliveries", hook), ("rotate-secret", hook)):
        done = await praxis("webhooks", *args, env=other)
        assert done.returncode == 1, (args, done.stdout)
        assert done.stderr == "Error: 404 Not found: no such webhook\n", (args, done.stderr)
        assert done.stdout == ""
    missing = await praxis("webhooks", "show", str(uuid.uuid4()), env=admin)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


@pytest.mark.asyncio(loop_scope="module")
async def test_export_follows_a_feed_across_pages_with_a_tombstone_and_resumes_by_cursor(
    stack, placements, internships, tmp_path
):
    school = as_person(stack, SCHOOL, "school", "admin")
    state, out = tmp_path / "placements.cursor", tmp_path / "placements.jsonl"
    feed = ("export", "placements", "--filter", "status=requested", "--page-size", "1", "--cursor-file", str(state))
    first = await praxis(*feed, "--out", str(out), env=school)
    assert first.returncode == 0, first.stderr
    assert [i["id"] for i in json_lines(out.read_text())] == placements  # three pages, each row once
    assert first.stderr.startswith("3 changes of placements; resume with --cursor ")
    cursor = state.read_text().strip()
    assert first.stderr.strip().endswith(cursor)

    async with internships.client() as c:
        rejected = await c.post(
            f"/v1/placements/{placements[0]}/reject", headers=stack.auth(ENTERPRISE, "enterprise", "hr"), json={}
        )
        assert rejected.status_code == 200, rejected.text

    async def since_the_rejection():  # to stdout, from the kept cursor, once the change has settled
        done = await praxis(*feed, env=school)
        return done if done.returncode != 0 or done.stdout else None

    since = await eventually(since_the_rejection, timeout=30, what="the rejection in the feed")
    assert since.returncode == 0, since.stderr
    [tombstone] = json_lines(since.stdout)
    assert tombstone == {"id": placements[0], "deleted": True, "changed_at": tombstone["changed_at"]}
    resumed = re.search(r"--cursor (\S+)$", since.stderr.strip()).group(1)
    assert resumed == state.read_text().strip() != cursor

    nothing = await praxis("export", "placements", "--filter", "status=requested", "--cursor", resumed, env=school)
    assert nothing.returncode == 0 and nothing.stdout == "", nothing.stdout
    assert nothing.stderr.startswith("0 changes of placements; resume with --cursor ")

    altered = await praxis("export", "placements", "--cursor", "not-a-cursor", env=school)
    assert altered.returncode == 1 and altered.stderr.startswith("Error: 422 ") and "updated_since" in altered.stderr


@pytest.mark.asyncio(loop_scope="module")
async def test_export_of_the_credit_ledger(stack, tmp_path):
    school = as_person(stack, SCHOOL, "school", "admin")
    csv = await praxis("export", "credits", "--format", "csv", env=school)
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.splitlines()[0].startswith("student_ref"), csv.stdout[:200]
    zipped = tmp_path / "oneroster.zip"
    roster = await praxis("export", "credits", "--format", "oneroster", "--out", str(zipped), env=school)
    assert roster.returncode == 0, roster.stderr
    assert zipped.read_bytes()[:2] == b"PK"  # a ZIP
    wrong = await praxis("export", "teams", "--format", "csv", env=school)
    assert wrong.returncode == 2 and "--format is for `praxis export credits`" in wrong.stderr


@pytest.mark.asyncio(loop_scope="module")
async def test_org_set_creates_then_changes_a_profile_and_show_reads_it(stack):
    admin = as_person(stack, "sch-people-cli-org", "school", "admin")
    none_yet = await praxis("org", "show", env=admin)
    assert none_yet.returncode == 1 and none_yet.stderr.startswith("Error: 404 "), none_yet.stderr
    made = await praxis("org", "set", "--name", "CLI Vocational College", "--school-code", "4144012345", env=admin)
    assert made.returncode == 0, made.stderr
    assert re.search(r"^name_en\s+CLI Vocational College$", made.stdout, re.M), made.stdout
    changed = await praxis("org", "set", "--address", "Guangzhou", "--json", env=admin)
    assert changed.returncode == 0, changed.stderr
    profile = json.loads(changed.stdout)
    assert (profile["name_en"], profile["school_code"], profile["address"]) == (
        "CLI Vocational College",
        "4144012345",
        "Guangzhou",
    )  # the fields not given kept their values
    assert profile["version"] == 2
    shown = await praxis("org", "show", "sch-people-cli-org", "--json", env=admin)
    assert json.loads(shown.stdout) == profile
    bad = await praxis("org", "set", "--school-code", "12", env=admin)
    assert bad.returncode == 1 and bad.stderr.startswith("Error: 422 ") and "school_code" in bad.stderr
    stranger = await praxis(
        "org", "show", "sch-people-cli-org", env=as_person(stack, "ent-stranger", "enterprise", "hr")
    )
    assert stranger.returncode == 1 and stranger.stderr.startswith("Error: 404 ")


@pytest.mark.asyncio(loop_scope="module")
async def test_help_and_completion_name_the_new_commands():
    shown = await praxis("--help")
    assert shown.returncode == 0
    listed = {line.split()[0] for line in shown.stdout.split("Commands:", 1)[1].splitlines() if line.strip()}
    assert {"webhooks", "export", "org", "mail"} <= listed
    completed = await praxis(_PRAXIS_COMPLETE="bash_complete", COMP_WORDS="praxis ", COMP_CWORD="1")
    names = {line.split(",", 1)[1] for line in completed.stdout.splitlines() if "," in line}
    assert {"webhooks", "export", "org", "mail", "dlq"} <= names, completed.stdout
    sub = await praxis(_PRAXIS_COMPLETE="bash_complete", COMP_WORDS="praxis webhooks ", COMP_CWORD="2")
    assert {"list", "show", "create", "deliveries", "test-send", "replay", "rotate-secret", "disable", "enable"} <= {
        line.split(",", 1)[1] for line in sub.stdout.splitlines() if "," in line
    }, sub.stdout
