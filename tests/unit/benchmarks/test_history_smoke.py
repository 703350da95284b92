"""Keeps ``benchmarks/history.py`` from rotting: 2,000 history messages through the FakeServer."""

from __future__ import annotations

from tests.unit.benchmarks.run import run_benchmark


def test_history_benchmark_runs_for_two_thousand_messages() -> None:
    report = run_benchmark("history.py", "--messages", "2000", "--chats", "5")["result"]
    assert report["received"] == report["messages"] == 2000
    assert report["seconds"] > 0 and report["peak_rss_growth_mib"] >= 0
