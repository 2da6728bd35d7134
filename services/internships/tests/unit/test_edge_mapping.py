"""The request schemas' one mapping to the handlers' commands (both edges use it), and the edges' layering."""

from __future__ import annotations

import ast
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from internships.domain.positions import Duty, DutyKind
from internships.schemas.agreements import AgreementTerminate
from internships.schemas.logbooks import LogbookWeekIn
from internships.schemas.placements import PlacementCreate
from internships.schemas.positions import PositionCreate, PositionQuery
from internships.schemas.rounds import RankingIn, RoundCreate, RoundStudentsIn
from praxis_common.errors import InvalidInput

PACKAGE = Path(__file__).parents[2] / "internships"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize("edge", ["rpc", "schemas"])
def test_the_grpc_edge_and_the_schemas_do_not_import_the_rest_edge(edge):
    offending = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in (PACKAGE / edge).rglob("*.py")
        for module in _imports(path)
        if module == "internships.http" or module.startswith("internships.http.")
    }
    assert not offending, sorted(offending)


def test_a_position_maps_its_duties_to_the_domain():
    body = PositionCreate.model_validate(
        {
            "base_id": str(uuid.uuid4()),
            "title": "t",
            "seats": 2,
            "starts_on": "2027-03-01",
            "ends_on": "2027-06-30",
            "duties": [{"name": "listings", "kind": "core"}],
            "monthly_pay": "2500.50",
        }
    )
    cmd = body.to_command()
    assert cmd.duties == [Duty("listings", DutyKind.CORE)]
    assert cmd.monthly_pay == Decimal("2500.50") and cmd.starts_on == date(2027, 3, 1)


def test_a_booking_shares_only_the_profile_fields_the_school_set():
    body = PlacementCreate.model_validate(
        {"position_id": str(uuid.uuid4()), "student_ref": "S-1", "profile": {"display_name": "Li"}}
    )
    assert body.to_command().profile == {"display_name": "Li", "competencies": [], "languages": []}


def test_the_bulk_bodies_map_to_what_their_use_cases_take():
    students = RoundStudentsIn.check({"students": [{"student_ref": "S-1", "study_year": 2}]}).to_command()
    assert [(s.student_ref, s.profile, s.study_year) for s in students] == [
        ("S-1", {"competencies": [], "languages": []}, 2)
    ]
    ranking = RankingIn.check({"groups": [[{"school_org": "gdpi", "student_ref": "S-1"}]]}).to_command()
    assert ranking == [[("gdpi", "S-1")]]
    with pytest.raises(InvalidInput):
        RankingIn.check({"groups": [[{"school_org": "gdpi"}]]})


def test_other_commands_carry_the_validated_fields():
    week = LogbookWeekIn.model_validate({"lines": [{"day": "2027-03-01", "duty": "d", "hours": "1.5"}]})
    assert week.to_command()[0].hours == Decimal("1.5")
    assert RoundCreate.model_validate({"title": "r", "co_owner_schools": ["szpt"]}).to_command().co_owner_schools == (
        "szpt",
    )
    agreement_id = uuid.uuid4()
    assert AgreementTerminate.model_validate({"reason": "closed"}).to_command(agreement_id).agreement_id == agreement_id
    search = PositionQuery.model_validate({"competencies": "a,B", "q": "shop"}).to_command(page_size=5, page_token=None)
    assert (search.competencies, search.text, search.page_size) == (("a", "b"), "shop", 5)
