"""Keeps ``benchmarks/media.py`` from rotting: a 1 MB round trip through the media host, waproto only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_media_benchmark_runs_for_one_megabyte() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "media.py"), "--sizes", "1", "--no-baileys"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)
    (entry,) = report["results"]
    assert entry["client"] == "waproto" and entry["size_mb"] == 1
    assert entry["content_equal"] is True
    assert entry["upload_mb_s"] > 0 and entry["download_mb_s"] > 0
    assert entry["upload_peak_rss_growth_mib"] >= 0 and entry["download_peak_rss_growth_mib"] >= 0
