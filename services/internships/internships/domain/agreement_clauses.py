"""The compliance policy's rules that apply to a placement, in words, for the agreement's clauses (zh-CN and en)."""

from __future__ import annotations

from internships.domain.compliance import CompliancePolicy


def _pct(share) -> str:
    return f"{(share * 100).normalize():f}%"


def clauses(policy: CompliancePolicy, locale: str) -> list[str]:
    """One sentence per rule the policy switches on, in the policy's check order."""
    zh = locale == "zh-CN"
    out: list[str] = []
    p = policy
    if p.max_interns_share_of_staff is not None:
        share = _pct(p.max_interns_share_of_staff)
        out.append(
            f"实习单位接收的实习学生不超过其在岗职工总数的{share}。"
            if zh
            else f"Interns at the enterprise are at most {share} of its staff."
        )
    if p.max_interns_share_of_post is not None:
        share = _pct(p.max_interns_share_of_post)
        out.append(
            f"同一岗位的实习学生不超过该岗位职工人数的{share}。"
            if zh
            else f"Interns in one post are at most {share} of the post's staff."
        )
    if p.min_pay_share_of_wage is not None:
        share = _pct(p.min_pay_share_of_wage)
        out.append(
            f"实习报酬不低于同岗位试用期工资的{share}。"
            if zh
            else f"The intern's pay is at least {share} of the post's probationary wage."
        )
    if p.minimum_age is not None:
        out.append(
            f"未满{p.minimum_age}周岁的学生不得参加实习。"
            if zh
            else f"No student younger than {p.minimum_age} takes part."
        )
    if p.minimum_study_year is not None and p.minimum_study_year > 1:
        out.append("不安排一年级学生参加岗位实习。" if zh else "First-year students are not placed.")
    if p.student_consent_required:
        out.append(
            "实习开始前，学校、实习单位和学生三方签署本协议。"
            if zh
            else "The school, the enterprise and the student sign this agreement before the internship starts."
        )
    if p.guardian_consent_below_age is not None:
        out.append(
            f"未满{p.guardian_consent_below_age}周岁的学生须有监护人签字的知情同意书。"
            if zh
            else f"A student under {p.guardian_consent_below_age} needs the guardian's signed informed consent."
        )
    if p.max_hours_per_day is not None:
        out.append(
            f"每日工作时间不超过{p.max_hours_per_day}小时。"
            if zh
            else f"At most {p.max_hours_per_day} working hours a day."
        )
    if p.max_hours_per_week is not None:
        out.append(
            f"每周工作时间不超过{p.max_hours_per_week}小时。"
            if zh
            else f"At most {p.max_hours_per_week} working hours a week."
        )
    if p.min_rest_days_per_week is not None:
        out.append(
            f"每周至少休息{p.min_rest_days_per_week}天。"
            if zh
            else f"At least {p.min_rest_days_per_week} rest day(s) a week."
        )
    if p.night_work_forbidden:
        window = f"{p.night_starts:%H:%M}–{p.night_ends:%H:%M}"
        out.append(f"不安排夜班（{window}）。" if zh else f"No night work ({window}).")
    return out
