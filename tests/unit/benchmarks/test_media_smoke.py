"""Keeps ``benchmarks/media.py`` from rotting: a 1 MB round trip through the media host, waproto only."""

from __future__ import annotations

from tests.unit.benchmarks.run import run_benchmark


def test_media_benchmark_runs_for_one_megabyte() -> None:
    report = run_benchmark("media.py", "--sizes", "1", "--no-baileys")
    (entry,) = report["results"]
    assert entry["client"] == "waproto" and entry["size_mb"] == 1
    assert entry["content_equal"] is True
    assert entry["upload_mb_s"] > 0 and entry["download_mb_s"] > 0
    assert entry["upload_peak_rss_growth_mib"] >= 0 and entry["download_peak_rss_growth_mib"] >= 0
