"""Keeps ``benchmarks/shutdown.py`` from rotting: one round per signal, two sessions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_shutdown_benchmark_runs_one_round_per_signal() -> None:
    arguments = ["--sessions", "2", "--queued", "2", "--rounds", "1"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "shutdown.py"), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)
    for name in ("SIGINT", "SIGTERM"):
        (only,) = report[name]["rounds"]
        assert 0 < only["closed_s"] <= only["exited_s"]
