"""Keeps ``benchmarks/shutdown.py`` from rotting: one round per signal, two sessions."""

from __future__ import annotations

from tests.unit.benchmarks.run import run_benchmark


def test_shutdown_benchmark_runs_one_round_per_signal() -> None:
    report = run_benchmark("shutdown.py", "--sessions", "2", "--queued", "2", "--rounds", "1")
    for name in ("SIGINT", "SIGTERM"):
        (only,) = report[name]["rounds"]
        assert 0 < only["closed_s"] <= only["exited_s"]
