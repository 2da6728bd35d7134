"""Grade scales: how a school maps a 0–100 total to the grades it records (优/良/中/及格/不及格, A–F, …).

A scale is a list of bands, each the lowest total that earns it, highest first; the last band starts at 0. Whether
a grade passes is the pass mark's (per programme), not the band's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from praxis_common.errors import FieldError, InvalidInput
from praxis_evaluation.scale import SCALE


@dataclass(frozen=True)
class Band:
    grade: str
    min_total: Decimal


FIVE_LEVEL = (  # 五级制, as most Chinese schools record an internship
    Band("优", Decimal(90)),
    Band("良", Decimal(80)),
    Band("中", Decimal(70)),
    Band("及格", Decimal(60)),
    Band("不及格", Decimal(0)),
)
LETTER = (
    Band("A", Decimal(90)),
    Band("B", Decimal(80)),
    Band("C", Decimal(70)),
    Band("D", Decimal(60)),
    Band("F", Decimal(0)),
)
SCALES = {"five_level": FIVE_LEVEL, "letter": LETTER}


def check_scale(bands: Sequence[Band], *, field_name: str = "grade_scale") -> tuple[Band, ...]:
    """Bands with distinct non-empty grades and strictly falling minimums on the scale, the last at 0."""
    errors = []
    if not bands or len(bands) > 20:
        errors.append(FieldError(field_name, "1 to 20 bands"))
    else:
        grades = [b.grade.strip() for b in bands]
        if any(not g for g in grades) or len(set(grades)) != len(grades):
            errors.append(FieldError(field_name, "each band has its own non-empty grade"))
        mins = [b.min_total for b in bands]
        if any(not m.is_finite() or not SCALE[0] <= m <= SCALE[1] for m in mins):
            errors.append(FieldError(field_name, "minimums are from 0 to 100"))
        elif any(a <= b for a, b in zip(mins, mins[1:], strict=False)) or mins[-1] != 0:
            errors.append(FieldError(field_name, "minimums fall strictly, highest first, and the last is 0"))
    if errors:
        raise InvalidInput("the grade scale is not valid", errors=errors)
    return tuple(bands)


def grade_of(bands: Sequence[Band], total: Decimal) -> str:
    """The grade of the first band whose minimum the total reaches."""
    return next(b.grade for b in bands if total >= b.min_total)
