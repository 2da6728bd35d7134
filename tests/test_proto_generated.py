"""The committed generated code equals what `make proto` would generate now."""

from __future__ import annotations

import filecmp
import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generated_code_is_current(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "proto" / "generate.py"), "--out", str(tmp_path)], check=True)
    committed = ROOT / "proto" / "python"
    fresh = {p.relative_to(tmp_path) for p in (tmp_path / "praxis").rglob("*") if p.is_file()}
    current = {
        p.relative_to(committed)
        for p in (committed / "praxis").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert fresh == current, f"files differ: run `make proto` ({sorted(map(str, fresh ^ current))})"
    stale = [str(p) for p in sorted(fresh) if not filecmp.cmp(tmp_path / p, committed / p, shallow=False)]
    assert not stale, f"stale generated code, run `make proto`: {stale}"


def test_packages_follow_the_naming_rules():
    """Package praxis.<area>.v1 at proto/praxis/<area>/v1; enums start with an UNSPECIFIED zero value."""
    for proto in (ROOT / "proto" / "praxis").rglob("*.proto"):
        rel = proto.relative_to(ROOT / "proto")
        module = str(rel.with_suffix("")).replace("/", ".") + "_pb2"
        fd = importlib.import_module(module).DESCRIPTOR
        assert fd.package == ".".join(rel.parent.parts), rel
        enums = list(fd.enum_types_by_name.values()) + [
            e for m in fd.message_types_by_name.values() for e in m.enum_types
        ]
        for enum in enums:
            zero = enum.values_by_number[0].name
            assert zero.endswith("_UNSPECIFIED"), (rel, enum.name)
