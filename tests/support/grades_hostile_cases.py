"""The hostile requests of tests/test_grades_outcomes_hostile_input.py: issue 13's routes (rubrics, placement
evaluations, grades, the credit ledger, hires, programmes, outcomes, feedback and base tiers) with numbers, texts,
dates and bodies no client should send."""

from __future__ import annotations

import json

from evaluation_world import SCHOOL_RUBRIC

SCHOOL, ENTERPRISE, STUDENT = "school-c13hostile", "ent-c13hostile", "stu-c13hostile"
TEACHER, MENTOR = f"{SCHOOL}:wang", f"{ENTERPRISE}:ann"

LONG = "x" * 100_000
NUMBERS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "-1",
    "1e400",
    "-1e400",
    "1e-400",
    "1" * 5000,
    "1e999999999999",
    "0.123456789",
]
RAW_NUMBERS = ["1e400", "-1e400", "1e999999999999999999", "9" * 5000, "NaN", "Infinity"]
INTS = [0, -1, 2**31, 2**63, 2**64, 10**40]
TEXTS = [LONG, "\u0000", "a\u0000b", "\u0007", "", " ", "\u202e", "𝕏" * 70]
DATES = ["0000-01-01", "0001-01-01", "99999-01-01", "9999-12-31", "2024-02-30", 20240101, "", "2024-1-1"]


def cases(w: dict) -> list[tuple[str, str, str, dict, object]]:
    """(who, method, path, params, body): body a dict (sent as JSON), bytes (sent raw) or None."""
    p, a = w["id"], w["agreement_id"]
    out: list = []

    def ind(**over):
        base = {"key": "knowledge", "name_zh": "k", "name_en": "k", "scorer": "school_mentor", "weight": "1"}
        return {"internship_type": "post_internship", "indicators": [{**base, **over}]}

    # rubrics
    for n in NUMBERS:
        out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(weight=n)))
        lv = {"name": "l", "min_score": n, "max_score": "100"}
        out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(levels=[lv])))
        lv = {"name": "l", "min_score": "0", "max_score": n}
        out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(levels=[lv])))
    for n in RAW_NUMBERS:
        out.append(
            (
                "admin",
                "POST",
                f"/v1/agreements/{a}/rubrics",
                {},
                json.dumps(ind(weight=0)).replace('"weight": 0', f'"weight": {n}').encode(),
            )
        )
    for t in TEXTS:
        for k in ("key", "name_zh", "name_en"):
            out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(**{k: t})))
        out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(competencies=[t])))
        out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(description=t)))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, {"internship_type": "nope", "indicators": []}))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(scorer="peer")))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(scorer="nobody")))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(key="attendance", scorer="data")))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, ind(key="unknown_measure", scorer="data")))
    out.append(
        (
            "admin",
            "POST",
            f"/v1/agreements/{a}/rubrics",
            {},
            {"internship_type": "post_internship", "indicators": [ind()["indicators"][0]] * 2},
        )
    )
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, []))
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, b"{"))
    out.append(
        (
            "admin",
            "POST",
            f"/v1/agreements/{a}/rubrics",
            {},
            b'{"internship_type": "post_internship", "internship_type": "x", "indicators": []}',
        )
    )
    for v in ["0", "-1", str(2**31), str(2**63), str(10**40), "abc", "1.5"]:
        out.append(("admin", "GET", f"/v1/agreements/{a}/rubrics/{v}", {}, None))
        out.append(("admin", "PUT", f"/v1/agreements/{a}/rubrics/{v}", {}, SCHOOL_RUBRIC))
        out.append(("hr", "POST", f"/v1/agreements/{a}/rubrics/{v}/acceptance", {}, None))
    for bad in ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "x" * 5000]:
        out.append(("admin", "GET", f"/v1/agreements/{bad}/rubrics", {}, None))
        out.append(("admin", "GET", f"/v1/agreements/{bad}/value", {}, None))
        out.append(("admin", "GET", f"/v1/placements/{bad}/scorecard", {}, None))
        out.append(("admin", "GET", f"/v1/placements/{bad}/grade", {}, None))
        out.append(("admin", "GET", f"/v1/bases/{bad}/tier-evidence", {}, None))
        out.append(("admin", "GET", f"/v1/bases/{bad}/tier-history", {}, None))
        out.append(("student", "GET", f"/v1/placements/{bad}/feedback", {}, None))
    # the rubric: propose one, then revise it with hostile bodies
    out.append(("admin", "POST", f"/v1/agreements/{a}/rubrics", {}, SCHOOL_RUBRIC))
    for n in NUMBERS[:5]:
        out.append(("admin", "PUT", f"/v1/agreements/{a}/rubrics/1", {}, ind(weight=n)))
    # evaluations (the student's self-assessment reaches furthest without the mentors' check)
    for n in NUMBERS:
        out.append(
            (
                "student",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                {"window": "final", "scores": {"self_assessment": n}},
            )
        )
        out.append(
            (
                "teacher",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                {"window": "final", "scores": {"professional_knowledge": n, "learning_attitude": "50"}},
            )
        )
        out.append(
            (
                "admin",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                {"window": "final", "scores": {"knowledge": n}, "expert_name": "E"},
            )
        )
    for n in RAW_NUMBERS:
        out.append(
            (
                "student",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                f'{{"window": "final", "scores": {{"self_assessment": {n}}}}}'.encode(),
            )
        )
    out.append(
        (
            "student",
            "POST",
            f"/v1/placements/{p}/evaluations",
            {},
            b'{"window": "final", "scores": {"self_assessment": 50, "self_assessment": 60}}',
        )
    )
    for t in TEXTS:
        out.append(
            (
                "student",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                {"window": "final", "scores": {"self_assessment": 50}, "comments": t},
            )
        )
        out.append(("student", "POST", f"/v1/placements/{p}/evaluations", {}, {"window": "final", "scores": {t: 50}}))
        out.append(
            (
                "admin",
                "POST",
                f"/v1/placements/{p}/evaluations",
                {},
                {"window": "final", "scores": {"knowledge": 50}, "expert_name": t},
            )
        )
    for wdw in ["", "mid", "FINAL", None, 1]:
        out.append(
            ("student", "POST", f"/v1/placements/{p}/evaluations", {}, {"window": wdw, "scores": {"reflection": 50}})
        )
    out.append(("student", "POST", f"/v1/placements/{p}/evaluations", {}, {"window": "final", "scores": {}}))
    out.append(
        (
            "student",
            "POST",
            f"/v1/placements/{p}/evaluations",
            {},
            {"window": "final", "scores": {f"k{i}": 1 for i in range(5000)}},
        )
    )
    out.append(
        ("student", "POST", f"/v1/placements/{p}/evaluations", {}, {"window": "final", "scores": {"knowledge": 50}})
    )
    out.append(
        (
            "admin",
            "POST",
            f"/v1/placements/{p}/evaluations",
            {},
            {"window": "final", "scores": {"reflection": 50}, "expert_name": "E"},
        )
    )
    # grades (not completed: the body is still checked first)
    for n in NUMBERS:
        out.append(("admin", "POST", f"/v1/placements/{p}/grade/amendments", {}, {"total": n, "reason": "r"}))
    for t in TEXTS:
        out.append(("admin", "POST", f"/v1/placements/{p}/grade/amendments", {}, {"grade": t, "reason": "r"}))
        out.append(("admin", "POST", f"/v1/placements/{p}/grade/amendments", {}, {"total": "50", "reason": t}))
    out.append(("admin", "POST", f"/v1/placements/{p}/grade/amendments", {}, {"reason": "r"}))
    out.append(("admin", "POST", f"/v1/placements/{p}/grade/amendments", {}, {}))
    # programme requirements with grading terms
    req = {"required_hours": "120", "min_weeks": 4}
    for n in NUMBERS:
        for k in ("pass_mark", "credits"):
            out.append(("admin", "PUT", "/v1/programme-requirements/post_internship", {}, {**req, k: n}))
        out.append(
            (
                "admin",
                "PUT",
                "/v1/programme-requirements/post_internship",
                {},
                {**req, "grade_scale": "custom", "grade_bands": [{"grade": "P", "min_total": n}]},
            )
        )
    for bands in [
        [],
        [{"grade": "A", "min_total": "50"}],
        [{"grade": "A", "min_total": "0"}, {"grade": "A", "min_total": "0"}],
        [{"grade": "\u0000", "min_total": "0"}],
        [{"grade": LONG, "min_total": "0"}],
        [{"grade": "A", "min_total": "0"}] * 500,
    ]:
        out.append(
            (
                "admin",
                "PUT",
                "/v1/programme-requirements/post_internship",
                {},
                {**req, "grade_scale": "custom", "grade_bands": bands},
            )
        )
    out.append(
        (
            "admin",
            "PUT",
            "/v1/programme-requirements/post_internship",
            {},
            {**req, "grade_scale": "letter", "grade_bands": [{"grade": "A", "min_total": "0"}]},
        )
    )
    out.append(("admin", "PUT", "/v1/programme-requirements/post_internship", {}, {**req, "grade_scale": "nope"}))
    # credit ledger
    for who in ("admin", "student", "hr"):
        for params in (
            [{"from": d} for d in DATES]
            + [{"to": d} for d in DATES]
            + [
                {"from": "2025-01-02", "to": "2025-01-01"},
                {"student_ref": "x" * 5000},
                {"student_ref": "a/b"},
                {"student_ref": "\u0000"},
                {"student_ref": ""},
                {"source_kind": "nope"},
                {"source_kind": ""},
                {"enterprise_org": LONG[:5000]},
                {"enterprise_org": "\u0000"},
                {"page_size": 0},
                {"page_size": -1},
                {"page_size": 10**6},
                {"page_size": 2**64},
                {"page_size": "x"},
                {"page_token": "abc"},
                {"page_token": "A" * 600},
                {"page_token": "a.b.c"},
                {"page_token": "\u0000"},
                {"page_token": "eyJhIjoxfQ.AAAA"},
                {"format": "xml"},
            ]
        ):
            for path in ("/v1/credit-ledger", "/v1/credit-ledger/export", "/v1/credit-ledger/oneroster"):
                out.append((who, "GET", path, params, None))
        for ref in ["x" * 200, "%00", "a%2Fb", ".", "..", "stu-nobody"]:
            out.append((who, "GET", f"/v1/credit-ledger/students/{ref}", {}, None))
    # bodies no model can take: deeply nested, a bare value, not UTF-8
    for raw in (b"[" * 100_000, b'{"a":' * 50_000, b"null", b"\xff\xfe", b'"' + b"x" * 10 + b'"'):
        out.append(("hr", "POST", "/v1/hires", {}, raw))
        out.append(("student", "POST", f"/v1/placements/{p}/evaluations", {}, raw))
    # hires
    hire = {"student_ref": STUDENT, "placement_id": p, "kind": "hired", "on": "2025-01-01"}
    for d in DATES:
        out.append(("hr", "POST", "/v1/hires", {}, {**hire, "on": d}))
    for t in TEXTS:
        out.append(("hr", "POST", "/v1/hires", {}, {**hire, "student_ref": t}))
        out.append(("hr", "POST", "/v1/hires", {}, {**hire, "position_title": t}))
    for k in ["", "nope", None, 1]:
        out.append(("hr", "POST", "/v1/hires", {}, {**hire, "kind": k}))
    for pid in ["not-a-uuid", "00000000-0000-0000-0000-000000000000", None, 1]:
        out.append(("hr", "POST", "/v1/hires", {}, {**hire, "placement_id": pid}))
    out.append(("hr", "POST", "/v1/hires", {}, {**hire, "student_ref": "stu-nobody", "placement_id": None}))
    for params in [
        {"page_size": 0},
        {"page_size": 10**6},
        {"page_token": "abc"},
        {"page_token": "A" * 600},
        {"page_token": "eyJhIjoxfQ.AAAA"},
    ]:
        for who in ("hr", "admin"):
            out.append((who, "GET", "/v1/hires", params, None))
            out.append((who, "GET", "/v1/programmes", params, None))
    # programmes
    for cohort in ["x" * 17, "%00", "-a", "a b", "a%2Fb", "2024-cbec"]:
        out.append(("admin", "PUT", f"/v1/programmes/{cohort}/competencies", {}, {"competencies": ["a"]}))
        out.append(("admin", "GET", f"/v1/programmes/{cohort}", {}, None))
    for comps in [[], [""], [LONG], ["\u0000"], ["a"] * 1000, ["a", "a"], "a", [1], None]:
        out.append(("admin", "PUT", "/v1/programmes/2024-cbec/competencies", {}, {"competencies": comps}))
    # outcomes
    for y in ["0", "-1", "1999", "2101", "99999", str(2**31), str(2**63), str(10**40), "abc", "2025.0", "%00"]:
        out.append(("admin", "GET", f"/v1/outcomes/{y}", {}, None))
    # feedback and tiers
    fb = {"work_match": 4, "guidance_quality": 5, "would_recommend": True, "return_offer": False}
    for n in [0, 6, -1, 2**31, 2**63, 10**40, "4", 4.0, 4.5, None, True]:
        out.append(("student", "POST", f"/v1/placements/{p}/feedback", {}, {**fb, "work_match": n}))
    for t in TEXTS:
        out.append(("student", "POST", f"/v1/placements/{p}/feedback", {}, {**fb, "comment": t}))
    for n in [0, 4, -1, 2**31, 2**63, 10**40, "2", 2.0, None]:
        out.append(("admin", "POST", f"/v1/bases/{w['base_id']}/tier", {}, {"tier": n, "reason": "r"}))
    for t in TEXTS:
        out.append(("admin", "POST", f"/v1/bases/{w['base_id']}/tier", {}, {"tier": 2, "reason": t}))
    for who in ("admin", "hr", "student"):
        out.append((who, "GET", f"/v1/bases/{w['base_id']}/tier-evidence", {}, None))
        out.append((who, "GET", f"/v1/bases/{w['base_id']}/tier-history", {}, None))
        out.append((who, "GET", f"/v1/agreements/{a}/value", {}, None))
        out.append((who, "GET", f"/v1/placements/{p}/scorecard", {}, None))
        out.append((who, "GET", f"/v1/placements/{p}/grade", {}, None))
        out.append((who, "GET", f"/v1/placements/{p}/progress", {}, None))
    return out
