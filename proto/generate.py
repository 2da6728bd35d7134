"""The one generator: compiles proto/praxis/**/*.proto into the importable package under proto/python.

Usage: python proto/generate.py [--out DIR]   (make proto)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grpc_tools import protoc

PROTO_ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = PROTO_ROOT / "python"


def sources() -> list[Path]:
    return sorted(PROTO_ROOT.glob("praxis/**/*.proto"))


def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    import grpc_tools

    well_known = Path(grpc_tools.__file__).parent / "_proto"
    files = [str(p.relative_to(PROTO_ROOT)) for p in sources()]
    args = [
        "protoc",
        f"-I{PROTO_ROOT}",
        f"-I{well_known}",
        f"--python_out={out}",
        f"--pyi_out={out}",
        f"--grpc_python_out={out}",
        *files,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    # Every directory on the way becomes a regular package so `praxis.events.v1` imports anywhere.
    for proto in sources():
        pkg = out / proto.relative_to(PROTO_ROOT).parent
        while pkg != out:
            (pkg / "__init__.py").touch()
            pkg = pkg.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    generate(parser.parse_args().out)


if __name__ == "__main__":
    sys.exit(main())
