"""The JSON rewrites of erasing a student: only the student's own values change, at any depth, and a second
rewrite changes nothing."""

from __future__ import annotations

from internships.domain.erasure import forget_report_rows, replace_values


def test_a_ranking_renames_the_students_entry_only_not_the_same_ref_at_another_school():
    ranking = [[["s1", "R-1"], ["s2", "R-1"]], [["s1", "R-10"]]]
    renamed = replace_values(ranking, ["s1", "R-1"], ["s1", "erased-x"])
    assert renamed == [[["s1", "erased-x"], ["s2", "R-1"]], [["s1", "R-10"]]]
    assert replace_values(renamed, ["s1", "R-1"], ["s1", "erased-x"]) == renamed


def test_run_inputs_rename_whole_keys_in_students_and_rankings():
    inputs = {
        "seed": 7,
        "students": [["s1/R-1", ["p1"], ["ops"]], ["s1/R-10", [], []]],
        "positions": [["p1", 2, [], [["s1/R-10", "s1/R-1"]]]],
    }
    renamed = replace_values(inputs, "s1/R-1", "s1/erased-x")
    assert renamed["students"] == [["s1/erased-x", ["p1"], ["ops"]], ["s1/R-10", [], []]]
    assert renamed["positions"] == [["p1", 2, [], [["s1/R-10", "s1/erased-x"]]]]
    assert renamed["seed"] == 7


def test_a_report_download_forgets_the_students_rows_and_keeps_the_others():
    rows = {
        "a": {"student_ref": "R-1", "student_name": "Li Wei", "status": "active"},
        "b": {"student_ref": "R-2", "student_name": "Wang Fang", "status": "active"},
    }
    forgotten = forget_report_rows(rows, ["a"], "erased-x")
    assert forgotten == {
        "a": {"student_ref": "erased-x", "student_name": "", "status": "active"},
        "b": rows["b"],
    }
    assert forget_report_rows(forgotten, ["a"], "erased-x") == forgotten
