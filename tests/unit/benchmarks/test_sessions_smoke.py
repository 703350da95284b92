"""Keeps ``benchmarks/sessions.py`` from rotting: two sessions over TLS on loopback, a second of idle."""

from __future__ import annotations

from tests.unit.benchmarks.run import run_benchmark


def test_sessions_benchmark_runs_with_two_sessions() -> None:
    report = run_benchmark("sessions.py", "-n", "2", "--idle", "1", "--messages", "1")
    assert report["client"] == "waproto"
    assert report["n"] == 2
    assert report["tls"] is True
    assert report["failed_sessions"] == []
    assert set(report["memory_kib"]) == {"baseline", "after_login", "after_idle", "after_traffic"}
    for phase in report["memory_kib"].values():
        assert phase["rss_kib"] > 0 and phase["pss_kib"] > 0 and phase["heap_kib"] > 0
    assert set(report["per_session_kib"]) >= {"rss_kib", "pss_kib", "heap_kib"}
    assert report["time_to_all_open_s"] > 0
