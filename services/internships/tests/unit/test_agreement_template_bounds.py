"""What a school's uploaded agreement template may not do: produce what the database or the PDF cannot hold, build
huge strings or numbers, or run for long. Each is refused as a 422 naming the template, never a 500 or a stall."""

from __future__ import annotations

import time

import pytest

from internships.domain import agreement_templates
from praxis_common.errors import InvalidInput


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ('a{{ "\\x00" }}b', "control character"),  # PostgreSQL text cannot hold NUL: the render was a 500
        ('{{ "\\ud800" }}', "lone surrogate"),  # UTF-8 cannot encode it: typesetting was a 500
        ("{% set x = 7**(9**9) %}", "power"),  # folded while compiling, before any bound
        ('{% set x = "a"*10**9 %}', "repetition"),  # gigabytes of memory
        ('{% set ns = namespace(x="ab") %}{% for i in range(40) %}{% set ns.x = ns.x + ns.x %}{% endfor %}', "sum"),
        (
            "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            "{% endfor %}{% endfor %}{% endfor %}",
            "longer than",
        ),
        ('{% for a in "x"*100000 %}{% for b in "x"*100000 %}{% endfor %}{% endfor %}', "longer than"),
    ],
)
def test_an_unbounded_template_is_refused_naming_it(source, says):
    started = time.monotonic()
    with pytest.raises(InvalidInput) as err:
        agreement_templates.check(source)
    assert err.value.errors[0].field == "source" and says in err.value.errors[0].message, err.value.errors
    assert time.monotonic() - started < agreement_templates.RENDER_SECONDS + 1.5  # stopped, not run to the end


def test_the_shipped_templates_pass_their_own_bounds():
    for locale in ("zh-CN", "en"):
        body = agreement_templates.render(
            agreement_templates.default_source(locale), agreement_templates.SAMPLE_CONTEXT
        )
        assert "4133010001" in body and "91330100MA27XL0M3K" in body  # the parties' codes from their profiles
