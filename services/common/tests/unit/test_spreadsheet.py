"""A spreadsheet shows text cells, never runs them."""

import pytest

from praxis_common.spreadsheet import text_cell


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_a_value_a_spreadsheet_would_run_is_prefixed(value):
    assert text_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Store operations", "店铺运营", "stu-1", "1=1", "a@b"])
def test_other_text_is_kept(value):
    assert text_cell(value) == value
