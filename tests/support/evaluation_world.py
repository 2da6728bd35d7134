"""Set-up shared by the placement evaluation tests: a placement far enough along that both evaluation windows are
open (it started 115 days ago and ends in 5), its school and enterprise mentors assigned in the real mentors service
(each signing in with its own account), a programme requirement for its hours, and the rubric bodies the tests
propose."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from weekly_report_world import school_mentor_known

from praxis_dev.testing.stack import Stack

TODAY = date.today()
STARTED = TODAY - timedelta(days=TODAY.weekday() + 112)  # a Monday, 16 weeks back
ENDS = TODAY + timedelta(days=3)  # so both windows are open (the final from 7 days before the end)
DUTIES = [{"name": "listings", "kind": "core"}, {"name": "customer service", "kind": "peripheral"}]


def indicator(key: str, scorer: str, weight: str, **fields) -> dict:
    return {
        "key": key,
        "name_zh": f"{key} 指标",
        "name_en": f"{key} indicator",
        "scorer": scorer,
        "weight": weight,
        **fields,
    }


SCHOOL_RUBRIC = {
    "internship_type": "post_internship",
    "indicators": [
        indicator("knowledge", "school_mentor", "0.25", competencies=["professional_knowledge"]),
        indicator("skills", "enterprise_mentor", "0.25", competencies=["platform_operation"]),
        indicator("reflection", "self", "0.10"),
        indicator("attendance", "data", "0.10"),
        indicator("hours", "data", "0.10"),
        indicator("core_work", "data", "0.10"),
        indicator("weekly_reports", "data", "0.10"),
    ],
}
ENTERPRISE_RUBRIC = {  # the school's, the skills reweighed, plus the enterprise's own employee measure
    "internship_type": "post_internship",
    "indicators": [
        *[i for i in SCHOOL_RUBRIC["indicators"] if i["key"] != "skills"],
        indicator("skills", "enterprise_mentor", "0.15", competencies=["platform_operation"]),
        indicator("customer_care", "enterprise_mentor", "0.10", competencies=["communication"]),
    ],
}


async def add_mentor(stack: Stack, org: str, kind: str, account: str, *, capacity: int = 1) -> dict:
    """A mentor of `org` in the mentors service, signing in as `account`; it takes a waiting assignment."""
    manager = stack.auth(org, kind, "admin" if kind == "school" else "hr")
    async with httpx.AsyncClient(base_url=stack["mentors"].base_url, timeout=30) as m:
        made = await m.post(
            "/v1/mentors",
            headers=manager,
            json={"kind": kind, "display_name": account, "capacity": capacity, "account": account},
        )
    assert made.status_code == 201, made.text
    return made.json()


async def evaluated_placement(
    stack: Stack,
    start_placement,
    assign_mentor,
    *,
    school: str,
    enterprise: str,
    student: str,
    teacher: str,
    mentor: str,
) -> dict:
    """An active placement (STARTED .. ENDS) with both mentors assigned and known, and a programme requirement
    of 120 hours for its type."""
    async with httpx.AsyncClient(base_url=stack["internships"].base_url, timeout=30) as c:
        made = await start_placement(
            c, school, enterprise, student, starts_on=STARTED, duties=DUTIES, days=(ENDS - STARTED).days
        )
        requirement = await c.put(
            "/v1/programme-requirements/post_internship",
            headers=stack.auth(school, "school", "admin"),
            json={"required_hours": "120", "min_weeks": 4, "min_weekly_reports": 4},
        )
        assert requirement.status_code in (200, 201), requirement.text
    made["teacher"] = await add_mentor(stack, school, "school", teacher)
    made["mentor"] = await assign_mentor(made, mentor, capacity=1)
    await school_mentor_known(stack, made, made["teacher"]["id"])
    return made
