"""Regenerate ``src/waproto/proto/*_pb2.py`` and ``*.pyi`` from ``proto/*.proto``.

Usage::

    python scripts/gen_proto.py            # write into src/waproto/proto
    python scripts/gen_proto.py --out DIR  # write elsewhere (the freshness test does this)

Needs ``grpcio-tools`` (in the ``test`` extra, pinned so output is byte-stable).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROTO_DIR = ROOT / "proto"
OUT_DIR = ROOT / "src" / "waproto" / "proto"
# The .proto files import each other as "waproto/proto/<file>.proto", so protoc's generated
# modules import their dependencies as ``waproto.proto.<file>_pb2`` (a package, not top level).
VIRTUAL_DIR = "waproto/proto"


def generate(out_dir: Path) -> list[Path]:
    """Run protoc on every ``.proto`` file and return the files it wrote."""
    from grpc_tools import protoc

    sources = sorted(PROTO_DIR.glob("*.proto"))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as staging:
        args = [
            "protoc",
            f"-I{VIRTUAL_DIR}={PROTO_DIR}",
            f"--python_out={staging}",
            f"--pyi_out={staging}",
            *(f"{VIRTUAL_DIR}/{p.name}" for p in sources),
        ]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        for made in sorted(Path(staging, VIRTUAL_DIR).glob("*_pb2.py*")):
            shutil.move(made, out_dir / made.name)
    return sorted(out_dir.glob("*_pb2.py*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    for path in generate(args.out):
        print(path.relative_to(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
