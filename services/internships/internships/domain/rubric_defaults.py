"""The rubric each internship type is scored on when its agreement has no agreed rubric of its own: bilingual
indicators, weights summing to 1, level descriptors (优秀/良好/合格/不合格) and the competency tags each evidences.

The `data` indicators are computed, never posted: each one's key names the measure of the placement's own records it
uses (domain/placement_data.py: attendance, hours, core_work, weekly_reports). No indicator is scored by peers:
placements have no peer scoring. Every InternshipType has one (a unit test checks it)."""

from __future__ import annotations

from decimal import Decimal

from internships.domain.course import InternshipType
from praxis_evaluation import Indicator, Level, Scorer, check_indicators

DEFAULT_RUBRIC_VERSION = 1

LEVELS = (
    Level("优秀 excellent", Decimal(90), Decimal(100), "fully meets the standard, often beyond it"),
    Level("良好 good", Decimal(75), Decimal("89.99"), "meets the standard with minor gaps"),
    Level("合格 pass", Decimal(60), Decimal("74.99"), "meets the essentials; needs guidance"),
    Level("不合格 fail", Decimal(0), Decimal("59.99"), "does not meet the standard"),
)


def _i(key: str, zh: str, en: str, scorer: Scorer, weight: str, *competencies: str) -> Indicator:
    return Indicator(key, zh, en, scorer, Decimal(weight), LEVELS, tuple(competencies))


_KNOWLEDGE = ("professional_knowledge", "专业知识应用", "Applying professional knowledge")
_ATTITUDE = ("learning_attitude", "学习态度与反思", "Learning attitude and reflection")
_SKILLS = ("job_skills", "岗位技能", "Job skills")
_QUALITY = ("work_quality", "工作质量与效率", "Quality and efficiency of work")
_PROFESSIONALISM = ("professionalism", "职业素养", "Professionalism (discipline, teamwork, communication)")
_SELF = ("self_assessment", "自我评价", "Self-assessment")
_ATTENDANCE = ("attendance", "出勤率", "Attendance rate")
_HOURS = ("hours", "实习时长完成度", "Approved hours against the requirement")
_CORE = ("core_work", "核心岗位工作占比", "Share of core work")
_REPORTS = ("weekly_reports", "周报评阅结果", "Weekly reports accepted on review")

S, E, SELF, D = Scorer.SCHOOL_MENTOR, Scorer.ENTERPRISE_MENTOR, Scorer.SELF, Scorer.DATA

DEFAULT_RUBRICS: dict[InternshipType, tuple[Indicator, ...]] = {
    InternshipType.POST_INTERNSHIP: check_indicators(
        [
            _i(*_KNOWLEDGE, S, "0.15", "professional_knowledge"),
            _i(*_ATTITUDE, S, "0.10", "learning"),
            _i(*_SKILLS, E, "0.15", "platform_operation", "digital_marketing"),
            _i(*_QUALITY, E, "0.10", "platform_operation"),
            _i(*_PROFESSIONALISM, E, "0.10", "communication", "teamwork"),
            _i(*_SELF, SELF, "0.10", "learning"),
            _i(*_ATTENDANCE, D, "0.10", "professionalism"),
            _i(*_HOURS, D, "0.05", "professionalism"),
            _i(*_CORE, D, "0.10", "platform_operation"),
            _i(*_REPORTS, D, "0.05", "communication"),
        ]
    ),
    # 毕业实习: the enterprise's judgement of the graduate's work weighs most, with the school's on the thesis-like
    # application of knowledge.
    InternshipType.GRADUATION_INTERNSHIP: check_indicators(
        [
            _i(*_KNOWLEDGE, S, "0.15", "professional_knowledge"),
            _i(*_ATTITUDE, S, "0.05", "learning"),
            _i(*_SKILLS, E, "0.20", "platform_operation", "digital_marketing"),
            _i(*_QUALITY, E, "0.10", "platform_operation"),
            _i(*_PROFESSIONALISM, E, "0.10", "communication", "teamwork"),
            _i(*_SELF, SELF, "0.10", "learning"),
            _i(*_ATTENDANCE, D, "0.10", "professionalism"),
            _i(*_HOURS, D, "0.05", "professionalism"),
            _i(*_CORE, D, "0.10", "platform_operation"),
            _i(*_REPORTS, D, "0.05", "communication"),
        ]
    ),
    InternshipType.COURSE_PRACTICE: check_indicators(
        [
            _i(*_KNOWLEDGE, S, "0.20", "professional_knowledge"),
            _i(*_ATTITUDE, S, "0.15", "learning"),
            _i(*_SKILLS, E, "0.15", "platform_operation"),
            _i(*_PROFESSIONALISM, E, "0.10", "communication", "teamwork"),
            _i(*_SELF, SELF, "0.10", "learning"),
            _i(*_ATTENDANCE, D, "0.10", "professionalism"),
            _i(*_HOURS, D, "0.10", "professionalism"),
            _i(*_CORE, D, "0.05", "platform_operation"),
            _i(*_REPORTS, D, "0.05", "communication"),
        ]
    ),
    InternshipType.OBSERVATION: check_indicators(
        [
            _i(*_KNOWLEDGE, S, "0.20", "professional_knowledge"),
            _i(*_ATTITUDE, S, "0.20", "learning"),
            _i(*_PROFESSIONALISM, E, "0.20", "communication", "teamwork"),
            _i(*_SELF, SELF, "0.10", "learning"),
            _i(*_ATTENDANCE, D, "0.15", "professionalism"),
            _i(*_HOURS, D, "0.05", "professionalism"),
            _i(*_REPORTS, D, "0.10", "communication"),
        ]
    ),
}


def default_rubric_id(internship_type: InternshipType | str) -> str:
    """The id a default rubric is known by in a score's provenance, e.g. `default:post_internship` (version 1)."""
    return f"default:{InternshipType(internship_type).value}"
