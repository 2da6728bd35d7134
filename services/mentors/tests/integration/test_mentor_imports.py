"""Mentor imports on a real, migrated PostgreSQL through the real job runner: a school's teachers from a OneRoster
bundle become school mentors keyed by their account, a re-import changes nothing and a renamed teacher is updated
(with its mentor.updated event); an enterprise's mentors from CSV with bad rows named by line, a dry run writing
nothing, a changed capacity refused below the load, an imported mentor taking a waiting assignment; who may
import what, and who sees a job."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from mentors.domain.mentors import DualQualificationRule
from mentors.handlers import mentors as mentor_handlers
from mentors.handlers.imports import TEACHER_CAPACITY
from mentors.schemas.import_kinds import KINDS, MENTORS, ONEROSTER
from praxis_common.auth import Principal
from praxis_common.errors import Forbidden, InvalidInput, NotFound
from praxis_common.imports import uploads
from praxis_common.imports.runner import ImportRunner
from praxis_dev import oneroster_bundles as bundles

RULE = DualQualificationRule()


def org(kind: str, *roles: str) -> Principal:
    tag = uuid.uuid4().hex[:8]
    return Principal(sub=f"{kind}-admin", org=f"{kind[0]}-{tag}", org_kind=kind, roles=frozenset(roles or ("admin",)))


async def run(uow, kind, data: bytes, who: Principal, *, dry_run: bool = False):
    runner = ImportRunner(uow, KINDS)
    job = await uploads.submit(kind, data, who, dry_run=dry_run, uow=uow, runner=runner)
    while await runner.run_next():
        pass
    return await uploads.get_job(job.id, who, uow=uow, kinds=KINDS)


async def mentors_of(uow, who: Principal) -> dict[str, object]:
    found, _ = await mentor_handlers.list_mentors(who, uow=uow, rule=RULE, page_size=200)
    return {d.mentor.account: d.mentor for d in found}


async def updated_events(uow, who: Principal) -> int:
    async with uow() as u:
        return await u.connection.scalar(
            text(
                "SELECT count(*) FROM outbox WHERE subject = 't.mentors.mentor.updated' AND convert_from(payload, 'UTF8') LIKE :org"
            ),
            {"org": f"%{who.org}%"},
        )


def csv_of(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


async def test_teachers_become_school_mentors_and_a_reimport_changes_nothing(uow):
    school = org("school")
    data = bundles.bundle(school.org, 5, teachers=3)
    job = await run(uow, ONEROSTER, data, school)
    assert (job.state, job.total, job.created, job.failed) == ("succeeded", 3, 3, 0)  # students are not mentors
    mentors = await mentors_of(uow, school)
    assert sorted(mentors) == ["t0@school", "t1@school", "t2@school"]
    assert mentors["t0@school"].display_name == "Teacher0 Lee" and mentors["t0@school"].capacity == TEACHER_CAPACITY
    assert mentors["t0@school"].kind.value == "school"

    again = await run(uow, ONEROSTER, data, school)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert await updated_events(uow, school) == 0

    texts = bundles.files(school.org, 5, teachers=3).copy()
    texts["users.csv"] = texts["users.csv"].replace("Teacher1,Lee", "Teacher1,Wang")
    renamed = await run(uow, ONEROSTER, bundles.zipped(texts), school)
    assert (renamed.created, renamed.updated, renamed.unchanged) == (0, 1, 2)
    assert (await mentors_of(uow, school))["t1@school"].display_name == "Teacher1 Wang"
    assert await updated_events(uow, school) == 1


async def test_an_enterprises_mentors_from_csv_with_bad_rows_named_by_line(uow):
    ent = org("enterprise", "hr")
    data = csv_of(
        "account,display_name,capacity,expertise,languages,active",
        "m-1,Chen Jing,5,platform-operation;digital-marketing,zh;en,true",
        "m-2,Li Na,many,,,",  # line 3: capacity not a number
        "m-3,Wu Fei,4,Not A Tag,,",  # line 4: a tag with spaces
        "m-1,Chen Again,3,,,",  # line 5: the account again
        "m-4,Zhao Lei,2,,,no",
    )
    dry = await run(uow, MENTORS, data, ent, dry_run=True)
    assert (dry.created, dry.failed, dry.total) == (2, 3, 5) and await mentors_of(uow, ent) == {}
    job = await run(uow, MENTORS, data, ent)
    assert (job.state, job.created, job.failed, job.processed) == ("succeeded", 2, 3, 5)
    assert [(e.line, e.field) for e in job.errors] == [(3, "capacity"), (4, "expertise.0"), (5, "account")]
    assert "line 2" in job.errors[2].message
    mentors = await mentors_of(uow, ent)
    assert mentors["m-1"].expertise == ["digital-marketing", "platform-operation"] and mentors["m-1"].capacity == 5
    assert mentors["m-4"].active is False and mentors["m-1"].kind.value == "enterprise"

    changed = await run(uow, MENTORS, csv_of("account,display_name,capacity", "m-1,Chen Jing,7", "m-4,Zhao Lei,2"), ent)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)  # m-4's other fields are not given
    assert (await mentors_of(uow, ent))["m-1"].capacity == 7


async def test_an_imported_mentor_takes_a_waiting_assignment_and_capacity_stays_above_the_load(uow, placements):
    school, ent = org("school"), org("enterprise", "hr")
    event = placements.event("confirmed", f"p-{uuid.uuid4().hex[:6]}", school=school.org, enterprise=ent.org)
    assert await placements.deliver(event)  # no enterprise mentor yet: the enterprise side waits
    await run(uow, MENTORS, csv_of("account,display_name,capacity", "m-1,Chen Jing,1"), ent)
    assert (await mentors_of(uow, ent))["m-1"].load == 1
    lowered = await run(uow, MENTORS, csv_of("account,display_name,capacity", "m-1,Chen Jing,0"), ent)
    assert (lowered.updated, lowered.failed) == (0, 1) and lowered.errors[0].field == "capacity"
    assert (await mentors_of(uow, ent))["m-1"].capacity == 1


async def test_who_may_import_and_who_sees_a_job(uow):
    ent = org("enterprise", "hr")
    runner = ImportRunner(uow, KINDS)
    with pytest.raises(Forbidden):  # teachers come from a school's roster only
        await uploads.submit(ONEROSTER, bundles.bundle(ent.org, 1), ent, dry_run=False, uow=uow, runner=runner)
    with pytest.raises(Forbidden):
        await uploads.submit(MENTORS, csv_of("account,display_name,capacity"), org("school", "teacher"),
                             dry_run=False, uow=uow, runner=runner)  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        await uploads.submit(MENTORS, csv_of("account,name"), ent, dry_run=False, uow=uow, runner=runner)
    assert "display_name, capacity" in refused.value.detail
    job = await run(uow, MENTORS, csv_of("account,display_name,capacity", "m-1,A B,1"), ent)
    with pytest.raises(NotFound):
        await uploads.get_job(job.id, org("enterprise", "hr"), uow=uow, kinds=KINDS)
    assert (await uploads.get_job(job.id, ent, uow=uow, kinds=KINDS)).created == 1
    with pytest.raises(Forbidden):
        await uploads.get_job(
            job.id, Principal("p", "platform", "platform", frozenset({"admin"})), uow=uow, kinds=KINDS
        )
