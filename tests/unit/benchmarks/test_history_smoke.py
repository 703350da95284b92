"""Keeps ``benchmarks/history.py`` from rotting: 2,000 history messages through the FakeServer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_history_benchmark_runs_for_two_thousand_messages() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "history.py"), "--messages", "2000", "--chats", "5"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)["result"]
    assert report["received"] == report["messages"] == 2000
    assert report["seconds"] > 0 and report["peak_rss_growth_mib"] >= 0
