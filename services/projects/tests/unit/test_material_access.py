"""Which material items open to whom (domain.terms): staff every item; a student nothing while the current terms
are not accepted, then confidential items too; without terms, all but confidential."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from projects.domain.projects import Material, MaterialKind, Sensitivity
from projects.domain.terms import Terms, TermsChanged, TermsNotAccepted, opens, require_current

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PID = uuid.uuid4()
ITEMS = [
    Material(uuid.uuid4(), PID, s.value, MaterialKind.FILE, "https://f.example", "", NOW, "hr", s) for s in Sensitivity
]
TERMS = Terms(PID, 2, "Keep it here.", NOW, "hr")


def titles(items):
    return [m.title for m in items]


@pytest.mark.parametrize("current", [None, TERMS])
def test_staff_open_every_item_with_or_without_terms(current):
    assert titles(opens(ITEMS, student=False, current=current, accepted=False)) == [
        "public",
        "internal",
        "confidential",
    ]


def test_a_student_without_terms_opens_all_but_confidential():
    assert titles(opens(ITEMS, student=True, current=None, accepted=False)) == ["public", "internal"]


def test_a_student_is_refused_until_the_current_terms_are_accepted():
    with pytest.raises(TermsNotAccepted) as refused:
        opens(ITEMS, student=True, current=TERMS, accepted=False)
    assert refused.value.code == "terms-not-accepted" and refused.value.extensions == {"current_version": 2}
    assert titles(opens(ITEMS, student=True, current=TERMS, accepted=True)) == ["public", "internal", "confidential"]


def test_only_the_current_version_is_accepted():
    assert require_current(TERMS, 2) is TERMS
    with pytest.raises(TermsChanged) as stale:
        require_current(TERMS, 1)
    assert stale.value.extensions == {"current_version": 2}
