"""The unified social credit code (GB 32100-2015) and school code rules, as both edges apply them (schemas.organisations
builds on domain.organisations): valid codes generated here with the standard's algorithm are accepted, a wrong check
character, length or character is refused naming `uscc`."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from internships.domain.organisations import Kind, ProfileDetails, check, uscc_problem
from internships.schemas.organisations import ProfilePut
from praxis_common.errors import InvalidInput

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015 Table 1: no I, O, S, V, Z


def check_character(body: str) -> str:
    """Written out from the standard, independently of the service's code: w_i = 3^(i-1) mod 31."""
    weights = [3**i % 31 for i in range(17)]
    total = sum(CHARSET.index(c) * w for c, w in zip(body, weights, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def generated(rng: random.Random) -> str:
    body = (
        rng.choice("159Y")  # registration authority
        + rng.choice("1239")  # entity type
        + "".join(rng.choice("0123456789") for _ in range(6))  # administrative division
        + "".join(rng.choice(CHARSET) for _ in range(9))  # organisation code
    )
    return body + check_character(body)


TEN = [generated(random.Random(seed)) for seed in range(10)]


def uscc_errors(value) -> list[str]:
    try:
        ProfilePut.model_validate({"name_en": "Sea Commerce", "uscc": value})
    except ValidationError as exc:
        return [".".join(map(str, e["loc"])) for e in exc.errors()]
    return []


@pytest.mark.parametrize("code", TEN)
def test_ten_generated_codes_are_accepted(code):
    assert uscc_problem(code) is None
    assert ProfilePut.model_validate({"name_en": "Sea Commerce", "uscc": code}).uscc == code


def test_a_published_code_is_accepted():
    assert uscc_problem("91350100M000100Y43") is None  # a widely published example code


def test_lower_case_is_accepted_and_upper_cased():
    code = TEN[0]
    assert ProfilePut.model_validate({"name_en": "x", "uscc": code.lower()}).uscc == code


@pytest.mark.parametrize("code", TEN)
def test_every_other_check_character_is_refused_naming_uscc(code):
    for wrong in CHARSET.replace(code[-1], ""):
        assert "check character" in uscc_problem(code[:-1] + wrong)
    assert uscc_errors(code[:-1] + CHARSET[(CHARSET.index(code[-1]) + 1) % 31]) == ["uscc"]


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (TEN[0][:-1], "18 characters"),
        (TEN[0] + "1", "18 characters"),
        ("", "18 characters"),
        (TEN[0][:10] + "I" + TEN[0][11:], "without I, O, S, V, Z"),
        (TEN[0][:10] + "O" + TEN[0][11:], "without I, O, S, V, Z"),
        (TEN[0][:10] + "-" + TEN[0][11:], "without I, O, S, V, Z"),
        (TEN[0][:10] + "中" + TEN[0][11:], "without I, O, S, V, Z"),
        (TEN[0][:3] + "A" + TEN[0][4:], "administrative division"),
    ],
)
def test_wrong_length_charset_or_division_is_refused_naming_uscc(code, says):
    assert says in uscc_problem(code.upper())
    assert uscc_errors(code) == ["uscc"]


def test_a_number_is_not_a_code():
    assert uscc_errors(913501001234567890) == ["uscc"]


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda b: b[2:8].isdigit()))
def test_property_exactly_one_check_character_completes_a_body(body):
    accepted = [c for c in CHARSET if uscc_problem(body + c) is None]
    assert accepted == [check_character(body)]


def test_a_school_gives_its_school_code_and_an_enterprise_its_uscc():
    check(Kind.SCHOOL, ProfileDetails(name_zh="学院", school_code="4144012345"))
    check(Kind.ENTERPRISE, ProfileDetails(name_en="Sea", uscc=TEN[1]))
    cases = [
        (Kind.SCHOOL, ProfileDetails(name_en="x"), "school_code"),
        (Kind.SCHOOL, ProfileDetails(name_en="x", school_code="4144012345", uscc=TEN[1]), "uscc"),
        (Kind.SCHOOL, ProfileDetails(name_en="x", school_code="41440123"), "school_code"),
        (Kind.ENTERPRISE, ProfileDetails(name_en="x"), "uscc"),
        (Kind.ENTERPRISE, ProfileDetails(name_en="x", uscc=TEN[1], school_code="4144012345"), "school_code"),
        (Kind.ENTERPRISE, ProfileDetails(name_en="  ", uscc=TEN[1]), "name_zh"),
    ]
    for kind, details, field in cases:
        with pytest.raises(InvalidInput) as err:
            check(kind, details)
        assert field in [e.field for e in err.value.errors], (kind, details)
