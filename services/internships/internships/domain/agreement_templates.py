"""Agreement templates: a school's Jinja2 source per locale, rendered in a sandbox to the agreement's text.

Schools upload templates, so they run in jinja2's SandboxedEnvironment (no attribute access to Python internals)
with StrictUndefined: a name the context does not have is an error, not an empty string. Bounded besides: `range`
(RANGE_MAX items), `*`, `**` and `+` (no huge string, list or number; never folded at compile time), the output
(BODY_MAX_CHARS, no control characters or lone surrogates, which neither the database nor the PDF can hold) and the
time one rendering may take (RENDER_SECONDS: nested loops that print nothing are stopped too). A syntax error, an
undefined name, a sandbox refusal or an exceeded bound is an InvalidInput naming the template line. A template is
checked when it is uploaded by rendering it against SAMPLE_CONTEXT, which has every key the real context has.

The template's output is plain text, one line per line (how it becomes PDF flowables: agreement_pdf.py).
"""

from __future__ import annotations

import re
import sys
import time
from importlib import resources

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from internships.domain.documents import LOCALES
from praxis_common.errors import FieldError, InvalidInput

TEMPLATE_MAX_BYTES = 64 * 1024
BODY_MAX_CHARS = 200_000  # what one rendering may produce: a runaway loop is refused, not typeset
_NAME = "agreement-template"

RANGE_MAX = 1000  # jinja's sandbox allows 100,000 per range(); an agreement needs far fewer


def _range(*args: int) -> range:
    r = range(*args)
    if len(r) > RANGE_MAX:
        raise ValueError(f"range() of more than {RANGE_MAX} items")
    return r


RENDER_SECONDS = 2.0  # one rendering's time; an agreement renders in milliseconds
NUMBER_BITS = 4096  # the largest number `*` or `**` may make
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, with `*` and `**` checked before they run (so they are never folded while compiling either)."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator: str, left, right):
        _check_size(operator, left, right)
        return super().call_binop(context, operator, left, right)


def _check_size(operator: str, left, right) -> None:
    numbers = isinstance(left, int | float) and isinstance(right, int | float)
    if operator == "**" and numbers:
        bits = abs(int(left)).bit_length() * abs(int(right))
        if bits > NUMBER_BITS:
            raise SecurityError(f"a power of more than {NUMBER_BITS} bits")
    elif operator == "*" and numbers:
        if abs(int(left)).bit_length() + abs(int(right)).bit_length() > NUMBER_BITS:
            raise SecurityError(f"a product of more than {NUMBER_BITS} bits")
    elif operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
        if len(left) + len(right) > BODY_MAX_CHARS:
            raise SecurityError(f"a sum of more than {BODY_MAX_CHARS} items")
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > BODY_MAX_CHARS:
                raise SecurityError(f"a repetition of more than {BODY_MAX_CHARS} items")


_ENV = _BoundedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
_ENV.globals["range"] = _range


def default_source(locale: str) -> str:
    """The template shipped with the service (internships/documents/templates/agreement.<locale>.j2)."""
    if locale not in LOCALES:
        raise ValueError(f"no default template for {locale!r}")
    return (resources.files("internships") / "documents" / "templates" / f"agreement.{locale}.j2").read_text("utf-8")


def render(source: str, context: dict, *, field: str = "source") -> str:
    """The template's text for this context; InvalidInput naming `field` and the line on any template error."""
    try:
        template = _ENV.from_string(source)
        template.name = template.filename = _NAME
    except TemplateSyntaxError as e:
        raise _invalid(field, e.lineno, e.message or str(e)) from None
    except Exception as e:  # noqa: BLE001  untrusted input: whatever the compiler chokes on (deep nesting) is a 422
        raise _invalid(field, None, f"cannot compile: {type(e).__name__}") from None
    out: list[str] = []
    size = 0
    try:
        with _time_limit(RENDER_SECONDS):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > BODY_MAX_CHARS:
                    raise _invalid(field, None, f"the template produces more than {BODY_MAX_CHARS} characters")
                out.append(chunk)
    except InvalidInput:
        raise
    except Exception as e:  # noqa: BLE001  an uploaded template's error is the uploader's, never a 500
        raise _invalid(field, _template_line(), str(e) or type(e).__name__) from None
    body = "".join(out)
    if bad := _UNSTORABLE.search(body):
        line = body.count("\n", 0, bad.start()) + 1
        raise _invalid(
            field, None, f"output line {line} holds a control character or a lone surrogate (U+{ord(bad.group()):04X})"
        )
    return body


class _TooSlow(Exception):
    def __str__(self) -> str:
        return f"rendering takes longer than {RENDER_SECONDS:g} s"


class _time_limit:
    """Stop the code run in this thread inside the block once `seconds` have passed (a trace function checks the
    clock every thousand lines; the render runs in a worker thread, which nothing else can interrupt)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self):
        deadline, count = time.monotonic() + self.seconds, 0
        self.previous = sys.gettrace()

        def tracer(frame, event, arg):
            nonlocal count
            count += 1
            if count % 1000 == 0 and time.monotonic() > deadline:
                raise _TooSlow()
            return tracer

        sys.settrace(tracer)
        return self

    def __exit__(self, *exc) -> None:
        sys.settrace(self.previous)


def check(source: str, *, field: str = "source") -> None:
    """Refuse a template that is too large, does not parse, or does not render with every key of the context."""
    if len(source.encode()) > TEMPLATE_MAX_BYTES:
        raise InvalidInput(
            "template too large", errors=[FieldError(field, f"at most {TEMPLATE_MAX_BYTES} bytes of UTF-8")]
        )
    render(source, SAMPLE_CONTEXT, field=field)


def _template_line() -> int | None:
    """The template line of the exception being handled: jinja rewrites tracebacks to point into the template."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _NAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _invalid(field: str, line: int | None, message: str) -> InvalidInput:
    where = f"line {line}: " if line else ""
    return InvalidInput(f"the template does not render: {where}{message}", errors=[FieldError(field, where + message)])


# Every key the real context (handlers/documents.document_context) has, with representative values.
SAMPLE_CONTEXT: dict = {
    "locale": "zh-CN",
    "placement": {"id": "00000000-0000-0000-0000-000000000000", "starts_on": "2027-03-01", "ends_on": "2027-06-30"},
    "agreement": {"id": "00000000-0000-0000-0000-000000000001", "valid_from": "2027-01-01", "valid_to": "2027-12-31"},
    "school": {"org": "school-1", "name": "某职业技术学院", "code": "4133010001", "address": "Hangzhou"},
    "enterprise": {"org": "enterprise-1", "name": "某电子商务有限公司", "code": "91330100MA27XL0M3K", "address": None},
    "course": {
        "internship_type": "post_internship",
        "organisation_form": "dispersed",
        "internship_mode": "on_site",
        "cohort": "2024",
    },
    "insurance": {"required": True, "payers": ["school", "enterprise"]},
    "student": {"ref": "student-1", "display_name": "Student", "programme": "Cross-border e-commerce"},
    "position": {
        "title": "Store operations intern",
        "description": "Operates the store",
        "duties": [{"name": "listings", "kind": "core"}],
        "monthly_pay": "4000",
        "weekly_hours": None,
    },
    "base": {"name": "Hub", "country": "CN", "city": "Shenzhen"},
    "compliance": {"policy": "cn-vocational-2021", "clauses": ["At most 8 hours a day."]},
}
