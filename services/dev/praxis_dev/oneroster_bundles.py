"""OneRoster 1.2 CSV bundles made up for tests and benchmarks: a school org with one department, a class per
programme, `students` students (and a few teachers), each enrolled in a class; rows can be spoiled on purpose."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable

USER_COLUMNS = (
    "sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
    "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
    "password",
)  # fmt: skip
ORG_COLUMNS = ("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId")
CLASS_COLUMNS = ("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
                 "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods")  # fmt: skip
ENROLLMENT_COLUMNS = ("sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
                      "userSourcedId", "role", "primary", "beginDate", "endDate")  # fmt: skip
PROGRAMMES = ("Cross-border e-commerce", "Logistics management", "Digital marketing")


def csv_text(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, columns, lineterminator="\r\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    return out.getvalue()


def student(i: int, org_sourced_id: str = "org-school", **changes: str) -> dict:
    return {
        "sourcedId": f"u-{i}",
        "enabledUser": "true",
        "orgSourcedIds": org_sourced_id,
        "role": "student",
        "username": f"s{i}@school.example.edu",
        "givenName": f"Given{i}",
        "familyName": f"Family{i}",
        "identifier": f"S{i:06d}",
        **changes,
    }


def files(school: str, students: int, *, users: list[dict] | None = None, teachers: int = 3) -> dict[str, str]:
    """The bundle's CSV texts by name; `users` replaces the generated users (students then teachers)."""
    orgs = [
        {"sourcedId": "org-school", "name": "Vocational college", "type": "school", "identifier": school},
        {"sourcedId": "org-dept", "name": "E-commerce department", "type": "department",
         "identifier": f"{school}-ecom", "parentSourcedId": "org-school"},
        {"sourcedId": "org-other", "name": "Another school", "type": "school", "identifier": "another-school"},
    ]  # fmt: skip
    if users is None:
        users = [student(i, "org-dept" if i % 2 else "org-school") for i in range(students)]
        users += [
            {"sourcedId": f"t-{i}", "orgSourcedIds": "org-school", "role": "teacher", "username": f"t{i}@school",
             "givenName": f"Teacher{i}", "familyName": "Lee", "identifier": f"T{i:04d}"}
            for i in range(teachers)
        ]  # fmt: skip
    classes = [
        {"sourcedId": f"class-{k}", "title": p, "schoolSourcedId": "org-school"} for k, p in enumerate(PROGRAMMES)
    ]
    enrollments = [
        {"sourcedId": f"e-{u['sourcedId']}", "classSourcedId": f"class-{n % len(PROGRAMMES)}",
         "schoolSourcedId": "org-school", "userSourcedId": u["sourcedId"], "role": u.get("role", "student"),
         "primary": "true"}
        for n, u in enumerate(users)
    ]  # fmt: skip
    return {
        "orgs.csv": csv_text(ORG_COLUMNS, orgs),
        "users.csv": csv_text(USER_COLUMNS, users),
        "classes.csv": csv_text(CLASS_COLUMNS, classes),
        "enrollments.csv": csv_text(ENROLLMENT_COLUMNS, enrollments),
    }


def zipped(texts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in texts.items():
            z.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def bundle(school: str, students: int, **kwargs) -> bytes:
    return zipped(files(school, students, **kwargs))
