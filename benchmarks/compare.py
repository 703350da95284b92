"""waproto and Baileys side by side: memory per session, time to all open, throughput; one run.

For each N, runs ``sessions.py`` (waproto) and ``peers/baileys/run.py`` (Baileys
6.17.16), each in its own process against its own FakeServer process, then the
throughput scenarios of both. Prints a table per N (RSS KiB/session idle and after
traffic, seconds to all open, idle CPU-ms per session per minute, each with the ratio
waproto / Baileys), what went wrong in a run (failed logins, texts that did not arrive,
closes), the seconds per further 1,000 sessions for N >= 2000, and the throughput table
with its ratios. Every raw report goes to ``--out``/compare.json and memory vs N for both
clients to ``--out``/memory_vs_n.png (RSS growth, MiB) and ``kib_per_session_vs_n.png``
(KiB per session after idle and after traffic), all rewritten after each step, so a run that
fails or is stopped part way keeps what it measured.

    python benchmarks/compare.py [--sizes 1,10,100,1000] [--with-5000] [--idle 25] [--no-throughput]

Without node and npm on PATH only waproto runs (the table says so). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)

from benchmarks._common import BENCH_DIR, Progress, machine, run_json, write_json
from benchmarks._png import log_log_chart
from benchmarks.peers.baileys.run import node_available

BAILEYS_RUN = BENCH_DIR / "peers" / "baileys" / "run.py"
COLORS = {"waproto": (31, 119, 180), "baileys": (255, 127, 14)}


def ratio(ours: float | None, theirs: float | None) -> float | None:
    if ours is None or not theirs:
        return None
    return round(ours / theirs, 3)


def sessions_row(n: int, waproto: dict[str, Any], baileys: dict[str, Any] | None) -> dict[str, Any]:
    """The figures of one N: marginal RSS/PSS per session and time to all open, with ratios."""

    def pick(report: dict[str, Any] | None, *keys: str) -> float | None:
        value: Any = report
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return float(value)

    row: dict[str, Any] = {"n": n}
    for name, report in (("waproto", waproto), ("baileys", baileys)):
        row[name] = {
            "rss_kib_per_session": pick(report, "per_session_kib", "rss_kib"),
            "pss_kib_per_session": pick(report, "per_session_kib", "pss_kib"),
            "rss_kib_per_session_after_traffic": pick(report, "per_session_after_traffic_kib", "rss_kib"),
            "time_to_all_open_s": pick(report, "time_to_all_open_s"),
            "idle_cpu_ms_per_session_per_min": pick(report, "idle_cpu_ms_per_session_per_min"),
        }
    row["ratio_waproto_over_baileys"] = {
        key: ratio(row["waproto"][key], row["baileys"][key]) for key in row["waproto"]
    }
    return row


def _cell(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows: list[dict[str, Any]]) -> str:
    """A markdown table of the session figures."""
    lines = [
        "| N | waproto KiB/session (RSS) | Baileys KiB/session (RSS) | ratio | "
        "waproto KiB after traffic | Baileys KiB after traffic | "
        "waproto s to all open | Baileys s to all open | ratio | "
        "waproto idle CPU-ms/session/min | Baileys idle CPU-ms/session/min | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        w, b, r = row["waproto"], row["baileys"], row["ratio_waproto_over_baileys"]
        lines.append(
            f"| {row['n']} | {_cell(w['rss_kib_per_session'])} | {_cell(b['rss_kib_per_session'])} | "
            f"{_cell(r['rss_kib_per_session'], 3)} | {_cell(w['rss_kib_per_session_after_traffic'])} | "
            f"{_cell(b['rss_kib_per_session_after_traffic'])} | {_cell(w['time_to_all_open_s'], 2)} | "
            f"{_cell(b['time_to_all_open_s'], 2)} | {_cell(r['time_to_all_open_s'], 3)} | "
            f"{_cell(w['idle_cpu_ms_per_session_per_min'], 2)} | "
            f"{_cell(b['idle_cpu_ms_per_session_per_min'], 2)} | "
            f"{_cell(r['idle_cpu_ms_per_session_per_min'], 3)} |"
        )
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], out: Path) -> list[Path]:
    """The two charts, both clients on each: RSS growth (MiB) vs N and KiB per session vs N.

    The second has each client's figure after idle and after the traffic phase; values that
    are missing or not positive (small-N noise) are left out. Returns the files written.
    """
    growth, per_session = [], []
    for name in ("waproto", "baileys"):
        idle = _points(rows, name, "rss_kib_per_session")
        if idle:
            growth.append((name, COLORS[name], [(n, kib * n / 1024) for n, kib in idle]))
            per_session.append((name, COLORS[name], idle))
        after = _points(rows, name, "rss_kib_per_session_after_traffic")
        if after:
            red, green, blue = ((c + 2 * 255) // 3 for c in COLORS[name])
            per_session.append((f"{name} after traffic", (red, green, blue), after))
    if not growth:
        return []
    return [
        log_log_chart(
            out / "memory_vs_n.png",
            growth,
            title="rss growth (mib) vs idle tls sessions",
            x_label="sessions (n)",
        ),
        log_log_chart(
            out / "kib_per_session_vs_n.png",
            per_session,
            title="rss kib per session vs sessions",
            x_label="sessions (n)",
        ),
    ]


def _points(rows: list[dict[str, Any]], name: str, key: str) -> list[tuple[float, float]]:
    values = ((float(row["n"]), row[name][key]) for row in rows)
    return [(n, kib) for n, kib in values if kib is not None and kib > 0]


def problems(name: str, n: int, report: dict[str, Any] | None) -> str | None:
    """One line on what went wrong in a session run (an error, failed logins, traffic short, closes)."""
    if report is None:
        return None
    if "error" in report:
        return f"{name} N={n}: {report['error']}"
    notes = []
    if report.get("failed_sessions"):
        notes.append(f"{len(report['failed_sessions'])} logins failed")
    if report.get("traffic_complete") is False:
        arrived = f"{report.get('traffic_received')}/{report.get('traffic_expected')}"
        failed = report.get("traffic_send_failures", 0)
        notes.append(f"traffic incomplete: {arrived} texts arrived, {failed} sends failed")
    closes = report.get("disconnects") or {}
    if closes:
        notes.append(f"closes: {json.dumps(closes)}")
    if report.get("closed_sessions"):
        notes.append(f"{report['closed_sessions']} sessions closed")
    return f"{name} N={n}: " + "; ".join(notes) if notes else None


def throughput_table(summary: dict[str, Any]) -> str:
    """A markdown table of the throughput figures, one column per client and per ratio to Baileys."""
    clients = [name for name in summary if not name.startswith("ratio_") and name != "rounds"]
    ratios = [name for name in summary if name.startswith("ratio_")]
    if not clients:
        return ""
    header = [*clients, *(name.removeprefix("ratio_") for name in ratios)]
    lines = ["| | " + " | ".join(header) + " |", "|---|" + "---:|" * len(header)]
    for key, label in (
        ("pairs_msgs_per_s", "1:1 ping-pong, msgs/s"),
        ("group_msgs_per_s", "group fan-out, group msgs/s"),
        ("group_deliveries_per_s", "group fan-out, deliveries/s"),
    ):
        cells = [_cell(summary[name].get(key), 1) for name in clients]
        cells += [_cell(summary[name].get(key), 3) for name in ratios]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="comma-separated session counts")
    parser.add_argument("--with-5000", action="store_true", help="also run N=5000")
    parser.add_argument("--idle", type=float, default=25.0)
    parser.add_argument("--keepalive", type=float, default=10.0)
    parser.add_argument("--messages", type=int, default=3)
    parser.add_argument(
        "--send-concurrency",
        type=int,
        default=50,
        help="sessions sending ring texts at once in the traffic phase, the same for both clients (0: all)",
    )
    parser.add_argument(
        "--traffic-timeout",
        type=float,
        help="seconds for each traffic phase (default: 300, at least 40 ms per text)",
    )
    parser.add_argument(
        "--login-concurrency",
        type=int,
        default=50,
        help="logins in flight at once, the same for both clients (0: all at once)",
    )
    parser.add_argument(
        "--profile-n",
        type=int,
        default=100,
        help="sessions in the extra waproto run with tracemalloc and the per-session profile (0: skip)",
    )
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--no-baileys", action="store_true", help="waproto only (e.g. for N=10000)")
    parser.add_argument(
        "--postgres-dsn",
        default=os.environ.get("WAPROTO_BENCH_POSTGRES_DSN"),
        help="also measure throughput with PostgresStore here (default: $WAPROTO_BENCH_POSTGRES_DSN)",
    )
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--group-size", type=int, default=50)
    parser.add_argument("--group-messages", type=int, default=20)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of the throughput runs, interleaved (SQLite, memory, PostgreSQL, Baileys, again...);"
        " the summary takes each figure's median, so load that shifts during the run hits all alike",
    )
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([5000] if args.with_5000 else [])
    with_node = node_available() and not args.no_baileys
    if not with_node and not args.no_baileys:
        print("node/npm not found: Baileys is skipped", file=sys.stderr)
    common = ["--idle", str(args.idle), "--keepalive", str(args.keepalive), "--messages", str(args.messages)]
    common += ["--login-concurrency", str(args.login_concurrency)]
    common += ["--send-concurrency", str(args.send_concurrency)]
    if args.traffic_timeout is not None:
        common += ["--traffic-timeout", str(args.traffic_timeout)]
    throughput_runs = (2 + (1 if with_node else 0) + (1 if args.postgres_dsn else 0)) * args.repeat
    steps = len(sizes) * (2 if with_node else 1) + (0 if args.no_throughput else throughput_runs)
    steps += 1 if args.profile_n else 0
    progress = Progress("compare", steps, enabled=True)
    raw: dict[str, Any] = {"machine": machine(), "sessions": [], "throughput": []}
    rows: list[dict[str, Any]] = []
    try:
        for n in sizes:
            # tracemalloc's tables and hooks inflate RSS: the figures come from runs without it.
            waproto = run_json([str(BENCH_DIR / "sessions.py"), "-n", str(n), "--no-heap", *common])
            progress.advance()
            baileys = None
            if with_node:
                baileys = run_json([str(BAILEYS_RUN), "-n", str(n), *common])
                progress.advance()
            raw["sessions"].append({"n": n, "waproto": waproto, "baileys": baileys})
            rows.append(sessions_row(n, waproto, baileys))
            save(raw, rows, args.out)
        if args.profile_n:
            profiled = [str(BENCH_DIR / "sessions.py"), "-n", str(args.profile_n), "--profile", *common]
            raw["waproto_profile"] = run_json(profiled)
            progress.advance()
            save(raw, rows, args.out)
        if not args.no_throughput:
            shape = ["--pairs", str(args.pairs), "--rounds", str(args.rounds)]
            shape += ["--group-size", str(args.group_size), "--group-messages", str(args.group_messages)]
            throughput = str(BENCH_DIR / "throughput.py")
            # Durable (SQLite, a commit per message) and in memory, which is how the Baileys
            # peer keeps its keys: the second row compares like with like.
            runs = {"waproto": [throughput, *shape]}
            runs["waproto_memory_store"] = [throughput, *shape, "--store", "memory"]
            if args.postgres_dsn:
                runs["waproto_postgres_store"] = [throughput, *shape, "--store", "postgres"]
                runs["waproto_postgres_store"] += ["--postgres-dsn", args.postgres_dsn]
            if with_node:
                runs["baileys"] = [str(BAILEYS_RUN), "--throughput", *shape]
            for _ in range(args.repeat):
                reports = {}
                for name, command in runs.items():
                    reports[name] = run_json(command)
                    progress.advance()
                raw["throughput"].append(reports)
                save(raw, rows, args.out)
    finally:
        charts = save(raw, rows, args.out)
        report(raw, rows, args.out, charts)


def save(raw: dict[str, Any], rows: list[dict[str, Any]], out: Path) -> list[Path]:
    """Write what was measured so far to ``out``/compare.json and the charts; returns the charts' paths."""
    raw["summary"] = rows
    raw["throughput_rounds"] = [throughput_summary(reports) for reports in raw["throughput"]]
    raw["throughput_summary"] = median_summary(raw["throughput_rounds"])
    write_json(out / "compare.json", raw)
    return plot(rows, out)


def report(raw: dict[str, Any], rows: list[dict[str, Any]], out: Path, charts: list[Path]) -> None:
    """Print the tables: sessions per N (with what went wrong), open time per 1,000, throughput."""
    print(table(rows))
    for entry in raw["sessions"]:
        for name in ("waproto", "baileys"):
            line = problems(name, entry["n"], entry[name])
            if line:
                print(line)
            curve = (entry[name] or {}).get("open_s_per_1000")
            if entry["n"] >= 2000 and curve:
                print(f"{name} N={entry['n']}: seconds to open each further 1,000 sessions: {curve}")
    if raw["throughput"]:
        print()
        for number, summary in enumerate(raw["throughput_rounds"], 1):
            clients = [name for name in summary if not name.startswith("ratio_")]
            figures = {name: summary[name].get("pairs_msgs_per_s") for name in clients}
            print(f"round {number}: ping-pong msgs/s {json.dumps(figures)}")
        rounds = raw["throughput_summary"].get("rounds", 1)
        print(f"\nthroughput ({'median of ' + str(rounds) + ' rounds' if rounds > 1 else 'one round'}):")
        print(throughput_table(raw["throughput_summary"]))
    plots = ", ".join(str(chart) for chart in charts) or "none (no figures)"
    print(f"\nraw reports: {out / 'compare.json'}; plots: {plots}")


def median_summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the rounds (one round: that round), ratios from those medians."""
    if len(rounds) <= 1:
        return rounds[0] if rounds else {}
    clients = [name for name in rounds[0] if not name.startswith("ratio_")]
    reports = {
        name: {
            "pairs": {"msgs_per_s": _median(r[name]["pairs_msgs_per_s"] for r in rounds)},
            "group": {
                "msgs_per_s": _median(r[name]["group_msgs_per_s"] for r in rounds),
                "deliveries_per_s": _median(r[name]["group_deliveries_per_s"] for r in rounds),
            },
        }
        for name in clients
    }
    return {"rounds": len(rounds), **throughput_summary(reports)}


def _median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def throughput_summary(reports: dict[str, Any]) -> dict[str, Any]:
    """msgs/s of both clients for 1:1 ping-pong and group fan-out, and waproto / Baileys."""
    summary: dict[str, Any] = {}
    for name, report in reports.items():
        summary[name] = {
            "pairs_msgs_per_s": report.get("pairs", {}).get("msgs_per_s"),
            "group_msgs_per_s": report.get("group", {}).get("msgs_per_s"),
            "group_deliveries_per_s": report.get("group", {}).get("deliveries_per_s"),
        }
    if "baileys" in summary:
        for ours in ("waproto", "waproto_memory_store", "waproto_postgres_store"):
            if ours in summary:
                summary[f"ratio_{ours}_over_baileys"] = {
                    key: ratio(summary[ours][key], summary["baileys"][key]) for key in summary[ours]
                }
    return summary


if __name__ == "__main__":
    main()
