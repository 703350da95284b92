"""The checked-in generated modules must match what ``scripts/gen_proto.py`` makes from ``proto/``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GENERATED = ROOT / "src" / "waproto" / "proto"


def test_generated_modules_match_sources(tmp_path: Path) -> None:
    pytest.importorskip("grpc_tools", reason="grpcio-tools (test extra) regenerates the modules")
    spec = importlib.util.spec_from_file_location("gen_proto", ROOT / "scripts" / "gen_proto.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    fresh = {p.name: p.read_bytes() for p in gen.generate(tmp_path)}
    checked_in = {p.name: p.read_bytes() for p in GENERATED.glob("*_pb2.py*")}
    assert sorted(fresh) == sorted(checked_in), "run: python scripts/gen_proto.py"
    stale = [name for name, data in fresh.items() if checked_in[name] != data]
    assert not stale, f"out of date with proto/: {stale}; run: python scripts/gen_proto.py"
