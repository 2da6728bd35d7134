"""Compliance policy for internships: checked when a position is published, a seat booked, a placement started.

Pure domain, no I/O. Also checked on logbook weeks. Publishing a position runs the rules that do not depend on the
student (`check_position`), so that no position is published that no booking could take. A deployment picks a policy
by name (`CompliancePolicy.named`) and may override single
fields (`with_overrides`). A check that finds broken rules raises ONE `ComplianceViolation` (HTTP 422, problem
type `urn:praxis:problem:compliance-violation`): `rule` is the first broken rule (in the order the check tests
them, which is the order of its keyword arguments), `rules` lists them all, and `errors` has one `FieldError` per broken rule, naming the input field
and the numbers. Nonsense input (negative headcounts, 25 hours in a day, entries of two weeks) is not a
compliance matter and raises a plain `InvalidInput`.

The default, `CN_VOCATIONAL_2021`, follows 《职业学校学生实习管理规定》 (Ministry of Education and seven other
departments, 教职成〔2021〕4号, issued 2021-12-31, in force the same day; it replaced the 2016 text). It governs
岗位实习 (post internships); 认识实习 (observation visits) are managed as ordinary off-campus activities, so only
the post-internship rules matter to positions on this platform. Article numbers are those of the 2021 text; those
marked * were not read in the 2021 text itself but inferred from the 2016 text (2016 Arts. 15 and 17 are 2021 Arts. 16
and 18, which were read, so the same shift by one is assumed) and from provincial 2022-2023
implementing rules that quote the 2021 wording:

  rule slug                 source and what is checked
  ------------------------  -------------------------------------------------------------------------------------
  interns-per-enterprise    Art. 10* (2016 Art. 9): post interns "一般不超过" 10% of the unit's on-post staff.
                            Checked as interns (counting this booking) <= 10% x staff, exactly: 10 of 100 passes,
                            11 fails; a unit with fewer than 10 staff can take no post intern under the default.
  interns-per-post          same article: interns in a specific post "一般不高于" 20% of the staff in that kind of post.
  headcount-undeclared      (ours) a headcount a ratio rule needs was not declared: the booking cannot be shown to
                            comply, so it is refused until the enterprise declares it (per position, see issue 3).
  minimum-pay               Art. 18 (read): a post intern's pay "原则上应不低于本单位相同岗位工资标准的80%或最低档
                            工资标准", paid in money, on time, in full, directly, at least monthly. The 2016 text
                            (Art. 17) said "相同岗位试用期工资标准的80%" (probation wage), which is what issue 3 asks
                            for. Checked: monthly pay >= 80% x the reference wage the enterprise declares for the post
                            (`probation_monthly_wage`; under the 2021 text declare the post's wage standard). The
                            alternative "or the lowest grade of the pay scale" is not modelled: declare that as the
                            reference wage where it applies. Payment timing is not checkable here.
  pay-undeclared            (ours) pay or reference wage not declared while minimum-pay is on: refused likewise.
  minimum-age               Art. 16(2) (read): no post internship for students under 16 (also 禁止使用童工规定).
  first-year-student        Art. 16(1) (read): no post internship for first-year students. Checked only when the
                            caller knows the student's year of study (`study_year`); schools share a minimal profile.
  student-consent           the tripartite-agreement article* (2016 Art. 12; Art. 13 or 14 in 2021): school, unit
                            and student sign the internship agreement before the internship, and "未按规定签订实习
                            协议的，不得安排学生实习".
  guardian-consent          the informed-consent article* (new in 2021, Art. 9*): post internships need an informed-
                            consent form signed by the student and the legal guardian (or parent). Default: required
                            when the student is under 18 on the start date, the figure of issue 3 and of the 2016-era
                            rules (set `guardian_consent_below_age` higher to require it for everyone, as a literal
                            reading of the 2021 text does).
  age-undeclared            (ours) the start needs the birth date to apply minimum-age / guardian-consent.
  hours-per-day             Art. 17* (2016 Art. 16): units follow the national rules on working time and rest and may
  hours-per-week            not arrange overtime (加班), night shifts (夜班) or work on statutory holidays; the national
  weekly-rest               rule is 8 h a day, 40 h a week (国务院关于职工工作时间的规定, 1995, Art. 3) and at least
  night-work                one rest day a week (劳动法 Art. 38). No overtime makes the 8/40 caps hard caps.
                            "Night" is not defined by statute; we use 22:00-06:00, the common reading in Chinese
                            labour practice (night-shift allowance rules), configurable per deployment. A span
                            that only touches 22:00 or 06:00 is not night work.
  insurance-payer           the insurance article* (2016 Art. 27; its 2021 number was not read): school and unit
                            insure interns with 实习责任保险 and the premium is "不得向学生另行收取或从学生实习报酬中
                            抵扣", so the school or the enterprise pays, never the student. Checked when a policy is
                            recorded (`check_insurance_payer`); `insurance_payers` lists who may pay.
  insurance-cover           same article: the cover "应当覆盖实习活动的全过程" ("无保险，不实习"): the attached
                            policies' periods together cover every day of the placement
                            (`check_start`; see docs/insurance.md).

Left out (not checkable from the data this service holds): hazardous or Level III+ physical work, work forbidden to
minors or to women (Art. 16(3)(4)(7), Art. 17*); entertainment venues and paid intermediaries (Art. 16(5)(6));
statutory holidays (Art. 17*, needs a holiday calendar); the usual 6-month length (Art. 11*).
The text keeps an exception for "相关专业和实习岗位有特殊要求，并报上级主管部门备案" arrangements: model it by
overriding the policy for that deployment, not by a flag in the checks.

Sources: the 2021 text article by article (Arts. 2, 16, 18) at wechat.estsglobal.com/wechat/law_contents/342..350;
the MOE notice 教职成〔2021〕4号 (moe.gov.cn ...202201/t20220121_595529); the 2016 text (flfgdq.cn); Shaanxi's 2023
implementing rules (ratio, consent, agreement wording); China Daily, 2022-01-26 (80% of same-post pay).

Ages: a student is N years old from their Nth birthday (29 February birthdays count from 1 March in common years).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal
from typing import ClassVar

from praxis_common.errors import FieldError, InvalidInput

# Rule slugs, stable: they end up in problem bodies and in clients.
INTERNS_PER_ENTERPRISE = "interns-per-enterprise"
INTERNS_PER_POST = "interns-per-post"
HEADCOUNT_UNDECLARED = "headcount-undeclared"
MINIMUM_PAY = "minimum-pay"
PAY_UNDECLARED = "pay-undeclared"
MINIMUM_AGE = "minimum-age"
FIRST_YEAR_STUDENT = "first-year-student"
STUDENT_CONSENT = "student-consent"
GUARDIAN_CONSENT = "guardian-consent"
AGE_UNDECLARED = "age-undeclared"
HOURS_PER_DAY = "hours-per-day"
HOURS_PER_WEEK = "hours-per-week"
WEEKLY_REST = "weekly-rest"
NIGHT_WORK = "night-work"
INSURANCE_PAYER = "insurance-payer"
INSURANCE_COVER = "insurance-cover"

PAYERS = ("school", "enterprise", "student")  # who could pay a placement's insurance; the policy says who may
_DAY = Decimal(24)
_DECIMAL_FIELDS = (
    "max_interns_share_of_staff",
    "max_interns_share_of_post",
    "min_pay_share_of_wage",
    "max_hours_per_day",
    "max_hours_per_week",
)


@dataclass(frozen=True)
class CompliancePolicy:
    """Which rules apply and their thresholds. A threshold of None (or a False flag) switches its rule off.

    Shares are fractions (Decimal("0.10") = 10%); hours are Decimal; ints and numeric strings are accepted and turned
    into Decimal, floats are refused (no binary rounding in a legal threshold).
    """

    name: str
    max_interns_share_of_staff: Decimal | None = None  # interns-per-enterprise
    max_interns_share_of_post: Decimal | None = None  # interns-per-post
    min_pay_share_of_wage: Decimal | None = None  # minimum-pay
    minimum_age: int | None = None  # minimum-age, whole years at the start date
    minimum_study_year: int | None = None  # first-year-student: 2 = not in the first year
    student_consent_required: bool = False  # student-consent
    guardian_consent_below_age: int | None = None  # guardian-consent when younger than this at the start
    max_hours_per_day: Decimal | None = None  # hours-per-day
    max_hours_per_week: Decimal | None = None  # hours-per-week
    min_rest_days_per_week: int | None = None  # weekly-rest
    night_work_forbidden: bool = False  # night-work
    night_starts: time = time(22, 0)
    night_ends: time = time(6, 0)
    insurance_payers: tuple[str, ...] | None = None  # insurance-payer: who may pay; None = anyone (the student too)
    insurance_cover_required: bool = False  # insurance-cover

    CN_VOCATIONAL_2021: ClassVar[CompliancePolicy]
    NONE: ClassVar[CompliancePolicy]

    def __post_init__(self) -> None:
        if not self.name or not self.name.strip():
            raise ValueError("a compliance policy needs a name")
        for name in _DECIMAL_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, float | bool) or not isinstance(value, int | str | Decimal):
                raise ValueError(f"{name} must be a Decimal, an int or a numeric string, not {value!r}")
            value = Decimal(value)
            if not value.is_finite() or value <= 0:
                raise ValueError(f"{name} must be a positive number, not {value}")
            object.__setattr__(self, name, value)
        for name in ("max_interns_share_of_staff", "max_interns_share_of_post", "min_pay_share_of_wage"):
            value = getattr(self, name)
            if value is not None and value > 1:
                raise ValueError(f"{name} is a fraction (0.10 = 10%), not {value}")
        if self.max_hours_per_day is not None and self.max_hours_per_day > _DAY:
            raise ValueError(f"max_hours_per_day cannot exceed 24, not {self.max_hours_per_day}")
        if self.max_hours_per_week is not None and self.max_hours_per_week > 7 * _DAY:
            raise ValueError(f"max_hours_per_week cannot exceed 168, not {self.max_hours_per_week}")
        for name in ("minimum_age", "minimum_study_year", "guardian_consent_below_age", "min_rest_days_per_week"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"{name} must be a non-negative int or None, not {value!r}")
        if self.min_rest_days_per_week is not None and self.min_rest_days_per_week > 7:
            raise ValueError(f"min_rest_days_per_week cannot exceed 7, not {self.min_rest_days_per_week}")
        if self.night_starts == self.night_ends:
            raise ValueError("the night window needs distinct start and end times")
        if self.insurance_payers is not None:
            object.__setattr__(self, "insurance_payers", tuple(self.insurance_payers))
            if not set(self.insurance_payers) <= set(PAYERS):
                raise ValueError(f"insurance_payers are some of {', '.join(PAYERS)}, not {self.insurance_payers}")

    @classmethod
    def named(cls, name: str) -> CompliancePolicy:
        """The built-in policy of that name: "cn-vocational-2021" or "none" (case and _/- insensitive)."""
        key = name.strip().lower().replace("_", "-")
        for policy in (cls.CN_VOCATIONAL_2021, cls.NONE):
            if policy.name == key:
                return policy
        raise ValueError(f"unknown compliance policy {name!r}; known: cn-vocational-2021, none")

    def with_overrides(self, **changes: object) -> CompliancePolicy:
        """A copy with some fields changed. Unless `name` is given, the name gets "+custom" so problems never show a
        customised policy under a built-in name."""
        unknown = sorted(set(changes) - {f.name for f in dataclasses.fields(self)})
        if unknown:
            raise ValueError(f"unknown compliance policy fields: {', '.join(unknown)}")
        if "name" not in changes and changes:
            changes["name"] = self.name if self.name.endswith("+custom") else f"{self.name}+custom"
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


CompliancePolicy.CN_VOCATIONAL_2021 = CompliancePolicy(
    name="cn-vocational-2021",
    max_interns_share_of_staff=Decimal("0.10"),
    max_interns_share_of_post=Decimal("0.20"),
    min_pay_share_of_wage=Decimal("0.80"),
    minimum_age=16,
    minimum_study_year=2,
    student_consent_required=True,
    guardian_consent_below_age=18,
    max_hours_per_day=Decimal(8),
    max_hours_per_week=Decimal(40),
    min_rest_days_per_week=1,
    night_work_forbidden=True,
    night_starts=time(22, 0),
    night_ends=time(6, 0),
    insurance_payers=("school", "enterprise"),
    insurance_cover_required=True,
)
CompliancePolicy.NONE = CompliancePolicy(name="none")


@dataclass(frozen=True)
class Breach:
    """One broken rule: its slug, the input field concerned, and a message with the numbers."""

    rule: str
    field: str
    message: str


class ComplianceViolation(InvalidInput):
    """A request breaks one or more rules of the compliance policy (422).

    `rule` is the first broken rule, `rules` all of them in check order, `breaches` the details; `errors` has one
    FieldError per breach whose message starts with the rule slug. `rule` and `rules` are also exposed as problem
    extension members when the shared kernel supports them.
    """

    code, title = "compliance-violation", "Breaks the compliance policy"

    def __init__(self, breaches: Sequence[Breach], *, policy: str = "") -> None:
        if not breaches:
            raise ValueError("a compliance violation needs at least one breach")
        self.breaches = tuple(breaches)
        self.rules = tuple(dict.fromkeys(b.rule for b in self.breaches))
        self.rule = self.rules[0]
        self.policy = policy
        under = f" {policy}" if policy else ""
        detail = f"breaks the compliance policy{under}: {', '.join(self.rules)}"
        super().__init__(detail, errors=[FieldError(b.field, f"{b.rule}: {b.message}") for b in self.breaches])
        # Problem extension members (RFC 9457 §3.2); harmless where the kernel does not render them.
        self.extensions = {**getattr(self, "extensions", {}), "rule": self.rule, "rules": list(self.rules)}


@dataclass(frozen=True)
class WorkDay:
    """Hours worked on one day (one logbook line; several lines may share a day). `start`/`end` are the span worked,
    both or neither; `end` earlier than `start` means the span crosses midnight into the next day."""

    day: date
    hours: Decimal
    start: time | None = None
    end: time | None = None


# ---------------------------------------------------------------------------------------------------------------- checks


def check_booking(
    policy: CompliancePolicy,
    *,
    enterprise_staff: int | None,
    enterprise_interns_after: int,
    post_staff: int | None,
    post_interns_after: int,
    monthly_pay: Decimal | None,
    probation_monthly_wage: Decimal | None,
    student_birth_date: date | None,
    on: date,
    study_year: int | None = None,
) -> None:
    """Check a booking of a seat. Raises ComplianceViolation listing every broken rule, or InvalidInput for nonsense.

    - `*_interns_after` count the interns at the enterprise / in the post with this booking included (so >= 1).
    - `enterprise_staff` / `post_staff`: declared on-post headcounts; None = not declared. With its ratio rule on, an
      undeclared headcount is a `headcount-undeclared` breach (a compliance officer cannot sign off a ratio without
      the denominator); with the rule off it is ignored.
    - `monthly_pay` / `probation_monthly_wage`: the intern's monthly pay and the declared reference wage of the post
      (see the module notes on Art. 18); None = not declared, a `pay-undeclared` breach while minimum-pay is on.
    - `student_birth_date`: checked against minimum-age at `on` (pass the placement's start date) when known; when
      the school has not shared it the booking is not refused, `check_start` requires it before the start.
    - `study_year`: 1 = first year; checked when given (first-year-student), skipped when None.
    """
    _non_negative("enterprise_staff", enterprise_staff)
    _non_negative("post_staff", post_staff)
    _at_least_one("enterprise_interns_after", enterprise_interns_after)
    _at_least_one("post_interns_after", post_interns_after)
    if post_interns_after > enterprise_interns_after:
        raise _invalid("post_interns_after", "cannot exceed enterprise_interns_after: the post is in the enterprise")
    if enterprise_staff is not None and post_staff is not None and post_staff > enterprise_staff:
        raise _invalid("post_staff", "cannot exceed enterprise_staff: the post's staff are the enterprise's staff")
    _money("monthly_pay", monthly_pay)
    _money("probation_monthly_wage", probation_monthly_wage)
    if study_year is not None and (isinstance(study_year, bool) or not isinstance(study_year, int) or study_year < 1):
        raise _invalid("study_year", "must be a whole number from 1")

    breaches: list[Breach] = []
    share = policy.max_interns_share_of_staff
    if share is not None:
        if enterprise_staff is None:
            breaches.append(
                Breach(HEADCOUNT_UNDECLARED, "enterprise_staff", "the enterprise has not declared its on-post staff")
            )
        elif Decimal(enterprise_interns_after) > share * enterprise_staff:
            breaches.append(
                Breach(
                    INTERNS_PER_ENTERPRISE,
                    "enterprise_interns_after",
                    f"{enterprise_interns_after} interns for {enterprise_staff} staff exceeds {_percent(share)} "
                    f"(at most {_most(share, enterprise_staff)})",
                )
            )
    share = policy.max_interns_share_of_post
    if share is not None:
        if post_staff is None:
            breaches.append(
                Breach(HEADCOUNT_UNDECLARED, "post_staff", "the enterprise has not declared the post's staff")
            )
        elif Decimal(post_interns_after) > share * post_staff:
            breaches.append(
                Breach(
                    INTERNS_PER_POST,
                    "post_interns_after",
                    f"{post_interns_after} interns for {post_staff} staff in the post exceeds {_percent(share)} "
                    f"(at most {_most(share, post_staff)})",
                )
            )
    share = policy.min_pay_share_of_wage
    if share is not None:
        if monthly_pay is None:
            breaches.append(Breach(PAY_UNDECLARED, "monthly_pay", "the intern's monthly pay is not declared"))
        if probation_monthly_wage is None:
            breaches.append(
                Breach(PAY_UNDECLARED, "probation_monthly_wage", "the post's reference monthly wage is not declared")
            )
        if monthly_pay is not None and probation_monthly_wage is not None:
            floor = share * probation_monthly_wage
            if monthly_pay < floor:
                breaches.append(
                    Breach(
                        MINIMUM_PAY,
                        "monthly_pay",
                        f"monthly pay {monthly_pay} is below {_percent(share)} of the post's wage "
                        f"{probation_monthly_wage} (at least {_money_str(floor)})",
                    )
                )
    if policy.minimum_age is not None and student_birth_date is not None:
        _age_breach(policy, student_birth_date, on, breaches)
    if policy.minimum_study_year is not None and study_year is not None and study_year < policy.minimum_study_year:
        breaches.append(
            Breach(
                FIRST_YEAR_STUDENT,
                "study_year",
                f"a student in year {study_year} may not take a post internship (from year {policy.minimum_study_year})",
            )
        )
    _raise(policy, breaches)


def check_position(
    policy: CompliancePolicy,
    *,
    enterprise_staff: int | None,
    post_staff: int | None,
    monthly_pay: Decimal | None,
    probation_monthly_wage: Decimal | None,
    on: date,
) -> None:
    """Check a position before it is published: every booking rule that does not depend on the student (the ratio
    rules with the first intern counted, declared headcounts, minimum pay and declared pay), so that no position is
    published that no booking could take. Raises like check_booking; the student's rules wait for the booking."""
    check_booking(
        policy,
        enterprise_staff=enterprise_staff,
        enterprise_interns_after=1,
        post_staff=post_staff,
        post_interns_after=1,
        monthly_pay=monthly_pay,
        probation_monthly_wage=probation_monthly_wage,
        student_birth_date=None,
        on=on,
    )


def intern_caps(
    policy: CompliancePolicy, *, enterprise_staff: int | None, post_staff: int | None
) -> tuple[int | None, int | None]:
    """The most interns the ratio rules allow at the enterprise and in the post (None: no cap), for the booking
    statement that counts interns atomically. The same arithmetic as check_booking: a count `n` breaks a rule
    exactly when n > the cap. An undeclared headcount gives no cap here; check_booking refuses it beforehand."""
    at_enterprise = in_post = None
    if policy.max_interns_share_of_staff is not None and enterprise_staff is not None:
        at_enterprise = _most(policy.max_interns_share_of_staff, enterprise_staff)
    if policy.max_interns_share_of_post is not None and post_staff is not None:
        in_post = _most(policy.max_interns_share_of_post, post_staff)
    return at_enterprise, in_post


def check_start(
    policy: CompliancePolicy,
    *,
    missing_signatures: Sequence[str],
    insurance_periods: Sequence[tuple[date, date]],
    term: tuple[date, date],
    student_birth_date: date | None,
    guardian_consent_recorded: bool,
    on: date,
) -> None:
    """Check that a placement may start on `on`: the current version of its tripartite agreement carries every
    required signature (`missing_signatures` names the parties without one), its liability insurance
    (`insurance_periods`, the attached policies' periods) covers its whole `term`, the student is old enough, and, if
    younger than `guardian_consent_below_age`, the guardian's informed consent is recorded. Every breach is named at
    once. Without a birth date the age-dependent rules cannot be applied, which is an `age-undeclared` breach while
    minimum-age or guardian-consent is on."""
    breaches: list[Breach] = []
    if policy.student_consent_required and missing_signatures:
        breaches.append(
            Breach(
                STUDENT_CONSENT,
                "document.signatures",
                "the current version of the tripartite agreement (school, enterprise, student) lacks the signature "
                f"of: {', '.join(missing_signatures)}",
            )
        )
    breaches += _insurance_breaches(policy, insurance_periods, *term)
    age_rules = policy.minimum_age is not None or policy.guardian_consent_below_age is not None
    if age_rules and student_birth_date is None:
        breaches.append(
            Breach(AGE_UNDECLARED, "student_birth_date", "the student's birth date is needed to apply the age rules")
        )
    elif student_birth_date is not None:
        age = _age(student_birth_date, on)
        if policy.minimum_age is not None:
            _age_breach(policy, student_birth_date, on, breaches)
        below = policy.guardian_consent_below_age
        if below is not None and age < below and not guardian_consent_recorded:
            breaches.append(
                Breach(
                    GUARDIAN_CONSENT,
                    "guardian_consent_recorded",
                    f"the student is {age}, under {below}: the guardian's consent is not recorded",
                )
            )
    _raise(policy, breaches)


def check_logbook_week(policy: CompliancePolicy, *, entries: Sequence[WorkDay]) -> None:
    """Check one ISO week of logbook lines: hours per day (summed over the day's lines), hours in the week, rest days,
    night work. An empty week passes. Raises InvalidInput for lines of two ISO weeks, hours <= 0 or a day's total
    over 24, a span with only one end or start == end, or hours longer than the span."""
    entries = list(entries)
    if not entries:
        return
    weeks = {e.day.isocalendar()[:2] for e in entries}
    if len(weeks) > 1:
        raise _invalid("entries", "entries must belong to one ISO week (Monday to Sunday)")
    per_day: dict[date, Decimal] = {}
    first_index: dict[date, int] = {}
    for i, e in enumerate(entries):
        if isinstance(e.hours, float | bool) or not isinstance(e.hours, int | Decimal):
            raise _invalid(f"entries[{i}].hours", "must be a Decimal")
        hours = Decimal(e.hours)
        if not hours.is_finite() or hours <= 0 or hours > _DAY:
            raise _invalid(f"entries[{i}].hours", f"must be more than 0 and at most 24, not {hours}")
        if (e.start is None) != (e.end is None):
            raise _invalid(f"entries[{i}]", "give both start and end, or neither")
        if e.start is not None and e.end is not None:
            span = _span_hours(e.start, e.end)
            if span == 0:
                raise _invalid(f"entries[{i}].end", "must differ from start")
            if hours > span:
                raise _invalid(f"entries[{i}].hours", f"{hours} h do not fit in {e.start:%H:%M}-{e.end:%H:%M}")
        per_day[e.day] = per_day.get(e.day, Decimal(0)) + hours
        first_index.setdefault(e.day, i)
    for day, total in per_day.items():
        if total > _DAY:
            raise _invalid(f"entries[{first_index[day]}].hours", f"{total} h on {day} is more than a day")

    breaches: list[Breach] = []
    if policy.max_hours_per_day is not None:
        for day in sorted(per_day):
            if per_day[day] > policy.max_hours_per_day:
                breaches.append(
                    Breach(
                        HOURS_PER_DAY,
                        f"entries[{first_index[day]}].hours",
                        f"{per_day[day]} h on {day} exceeds {policy.max_hours_per_day} h a day",
                    )
                )
    week_total = sum(per_day.values(), Decimal(0))
    if policy.max_hours_per_week is not None and week_total > policy.max_hours_per_week:
        breaches.append(
            Breach(HOURS_PER_WEEK, "entries", f"{week_total} h this week exceeds {policy.max_hours_per_week} h a week")
        )
    if policy.min_rest_days_per_week is not None and len(per_day) > 7 - policy.min_rest_days_per_week:
        breaches.append(
            Breach(
                WEEKLY_REST,
                "entries",
                f"work on {len(per_day)} days leaves fewer than {policy.min_rest_days_per_week} rest day(s) this week",
            )
        )
    if policy.night_work_forbidden:
        for i, e in enumerate(entries):
            if e.start is not None and e.end is not None and _overlaps_night(policy, e.start, e.end):
                breaches.append(
                    Breach(
                        NIGHT_WORK,
                        f"entries[{i}]",
                        f"{e.day} {e.start:%H:%M}-{e.end:%H:%M} overlaps the night "
                        f"{policy.night_starts:%H:%M}-{policy.night_ends:%H:%M}",
                    )
                )
    _raise(policy, breaches)


def check_insurance_payer(policy: CompliancePolicy, *, payer: str) -> None:
    """Check who pays a placement's liability insurance: under the default policy the school or the enterprise,
    never the student (`insurance-payer`, field `payer`)."""
    allowed = policy.insurance_payers
    breaches: list[Breach] = []
    if allowed is not None and payer not in allowed:
        breaches.append(
            Breach(INSURANCE_PAYER, "payer", f"{payer} may not pay the internship insurance; {' or '.join(allowed)}")
        )
    _raise(policy, breaches)


def first_uncovered_day(periods: Sequence[tuple[date, date]], starts_on: date, ends_on: date) -> date | None:
    """The first day from `starts_on` to `ends_on` (inclusive) that no period (inclusive `(from, to)` pairs)
    covers, or None when their union covers every day."""
    day = starts_on
    for begin, end in sorted(periods):
        if day > ends_on:
            break
        if begin > day:
            return day
        if end >= day:
            day = end + timedelta(days=1)
    return day if day <= ends_on else None


def _insurance_breaches(
    policy: CompliancePolicy, periods: Sequence[tuple[date, date]], starts_on: date, ends_on: date
) -> list[Breach]:
    if not policy.insurance_cover_required:
        return []
    gap = first_uncovered_day(periods, starts_on, ends_on)
    if gap is None:
        return []
    what = "no liability insurance is attached" if not periods else f"the insurance does not cover {gap}"
    return [Breach(INSURANCE_COVER, "insurance", f"{what} (the placement runs {starts_on}–{ends_on})")]


# --------------------------------------------------------------------------------------------------------------- helpers


def _raise(policy: CompliancePolicy, breaches: list[Breach]) -> None:
    if breaches:
        raise ComplianceViolation(breaches, policy=policy.name)


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(f"{field} {message}", errors=[FieldError(field, message)])


def _non_negative(field: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise _invalid(field, "must be a whole number from 0")


def _at_least_one(field: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _invalid(field, "must be a whole number from 1 (it counts this booking)")


def _money(field: str, value: Decimal | None) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise _invalid(field, "must be a non-negative Decimal amount")


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _most(share: Decimal, staff: int) -> int:
    return int(share * staff)  # floor: int() truncates toward zero and both are >= 0


def _money_str(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01')):f}"


def _age(birth: date, on: date) -> int:
    if on < birth:
        raise _invalid("student_birth_date", f"{birth} is after {on}")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _age_breach(policy: CompliancePolicy, birth: date, on: date, breaches: list[Breach]) -> None:
    age = _age(birth, on)
    if policy.minimum_age is not None and age < policy.minimum_age:
        breaches.append(
            Breach(
                MINIMUM_AGE,
                "student_birth_date",
                f"the student is {age} on {on}, under the minimum age of {policy.minimum_age}",
            )
        )


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def _span_hours(start: time, end: time) -> Decimal:
    a, b = _seconds(start), _seconds(end)
    if b < a:
        b += 86400
    return Decimal(b - a) / 3600


def _overlaps_night(policy: CompliancePolicy, start: time, end: time) -> bool:
    """Whether [start, end) (crossing midnight when end < start) meets the night window, open at its edges."""
    day = 86400
    s, e = _seconds(start), _seconds(end)
    if e <= s:
        e += day
    ns, ne = _seconds(policy.night_starts), _seconds(policy.night_ends)
    if ne <= ns:  # crosses midnight: the tail of last night, tonight
        nights = [(ns - day, ne), (ns, ne + day)]
    else:  # e.g. 00:00-05:00: this morning's, tomorrow morning's
        nights = [(ns, ne), (ns + day, ne + day)]
    return any(max(s, a) < min(e, b) for a, b in nights)
