"""Shared pieces of the session benchmarks: memory readings, fd limits, progress, the server process.

Both clients (waproto here, Baileys in ``peers/baileys``) print the same JSON
schema, built by :func:`session_report`; memory is read the same way on both
sides (``/proc/self/smaps_rollup`` for RSS and PSS).
"""

from __future__ import annotations

import base64
import ctypes
import dataclasses
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from waproto.store import Credentials, new_credentials

KIB = 1024
BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

#: Memory phases every session report has, in order.
PHASES = ("baseline", "after_login", "after_idle", "after_traffic")


def memory_kib() -> dict[str, int]:
    """Rss and Pss of this process in KiB, from ``/proc/self/smaps_rollup``."""
    fields: dict[str, int] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            fields[name.lower()] = int(rest.split()[0])
    return fields


class _MallInfo2(ctypes.Structure):
    """glibc's ``struct mallinfo2`` (all fields ``size_t``)."""

    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


#: What ``sys._debugmallocstats`` calls each pymalloc figure read by :func:`allocator_kib`.
_PYMALLOC_LINES = {
    "bytes/arena": "pymalloc_arenas",
    "# bytes in allocated blocks": "pymalloc_allocated",
    "# bytes in available blocks": "pymalloc_available",
    "unused pools": "pymalloc_unused_pools",
}


def allocator_kib() -> dict[str, float]:
    """Where this Python process's heap memory sits, KiB: pymalloc's arenas and glibc's heap.

    pymalloc (objects up to 512 bytes, in 1 MiB arenas it maps itself) from
    ``sys._debugmallocstats``: ``pymalloc_allocated`` is live small blocks,
    ``pymalloc_available`` free blocks inside partly used pools (space a later object
    of the same size class can reuse, but no one can return), ``pymalloc_unused_pools``
    empty pools inside arenas still mapped. glibc from ``mallinfo2``: ``glibc_in_use``
    (larger objects, OpenSSL, SQLite), ``glibc_free`` (free chunks in its heaps) and
    ``glibc_mmap`` (its large mapped blocks). Figures that are not available are left out:
    the pymalloc ones while tracemalloc traces (its hooks replace the allocator).
    """
    figures: dict[str, float] = {}
    stats = getattr(sys, "_debugmallocstats", None)
    if stats is not None:
        sys.stderr.flush()
        saved = os.dup(2)
        with tempfile.TemporaryFile("w+") as out:
            os.dup2(out.fileno(), 2)
            try:
                stats()
            finally:
                os.dup2(saved, 2)
                os.close(saved)
            out.seek(0)
            text = out.read()
        for line in text.splitlines():
            label, _, value = line.partition("=")
            for prefix, key in _PYMALLOC_LINES.items():
                if prefix in label and value.strip():
                    figures[key] = round(int(value.strip().replace(",", "")) / KIB, 1)
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return figures
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    figures["glibc_in_use"] = round(info.uordblks / KIB, 1)
    figures["glibc_free"] = round(info.fordblks / KIB, 1)
    figures["glibc_mmap"] = round(info.hblkhd / KIB, 1)
    return figures


def raise_fd_limit(needed: int) -> None:
    """Lift the soft open-files limit so thousands of sockets fit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


def per_connection(before: dict[str, int], after: dict[str, int], count: int) -> dict[str, float]:
    """Growth per connection, KiB, for each field of two :func:`memory_kib` readings."""
    return {f"{key}_kib_per_connection": round((after[key] - before[key]) / count, 2) for key in before}


def machine() -> dict[str, Any]:
    """The machine a figure was measured on (CPU model, cores, RAM, Python)."""
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "ram_gib": round(total_kib / KIB / KIB, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def traffic_timeout(texts: int, given: float | None) -> float:
    """Seconds the traffic phase may take: ``given``, or 300 s but at least 40 ms per text.

    On two shared cores a first-contact text costs the client up to ~35 ms of CPU at
    N = 10,000 (keepalives of all sessions included), so a fixed budget would cut big
    runs short.
    """
    return given if given is not None else round(max(300.0, 0.04 * texts), 1)


def session_report(
    *,
    client: str,
    runtime: str,
    n: int,
    settings: dict[str, Any],
    time_to_all_open_s: float,
    traffic_s: float,
    memory: dict[str, dict[str, float]],
    idle_cpu_s: float,
    idle_window_s: float,
    open_marks_s: list[float],
) -> dict[str, Any]:
    """The JSON object both session runners print.

    ``memory`` maps each of :data:`PHASES` to ``{"rss_kib", "pss_kib", "heap_kib"}``;
    the marginal cost per session is ``(after_idle - baseline) / n`` (and the same
    after traffic), so one-time costs (imports, contexts) stay out of it.
    ``idle_cpu_s`` is the client process's CPU time (user + system) over the idle
    window of ``idle_window_s`` seconds after all sessions opened; it is reported as
    CPU-ms per session per minute. ``open_marks_s`` are the seconds since the start
    of the login phase at which each further 1,000 sessions (and the last) were open.
    """
    base = memory["baseline"]

    def per_session(phase: str) -> dict[str, float]:
        return {key: round((memory[phase][key] - base[key]) / n, 2) for key in base}

    return {
        "client": client,
        "runtime": runtime,
        "n": n,
        **settings,
        "time_to_all_open_s": round(time_to_all_open_s, 3),
        "traffic_s": round(traffic_s, 3),
        "memory_kib": memory,
        "per_session_kib": per_session("after_idle"),
        "per_session_after_traffic_kib": per_session("after_traffic"),
        "idle_cpu_ms_per_session_per_min": round(idle_cpu_s * 1000 / n / (idle_window_s / 60), 3),
        "idle_cpu_s": round(idle_cpu_s, 3),
        "idle_window_s": round(idle_window_s, 3),
        "open_s_per_1000": [
            round(b - a, 3) for a, b in zip([0.0, *open_marks_s], open_marks_s, strict=False)
        ],
    }


class Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal or forced)."""

    __slots__ = ("_done", "_enabled", "_label", "_last", "_total")

    def __init__(self, label: str, total: int, *, enabled: bool | None = None) -> None:
        self._label = label
        self._total = max(total, 1)
        self._done = 0
        self._last = 0.0
        self._enabled = sys.stderr.isatty() if enabled is None else enabled

    def advance(self, step: int = 1) -> None:
        """Count ``step`` more items; redraws at most ten times a second."""
        self._done += step
        now = time.monotonic()
        if self._enabled and (now - self._last > 0.1 or self._done >= self._total):
            self._last = now
            filled = 30 * self._done // self._total
            bar = "#" * filled + "." * (30 - filled)
            sys.stderr.write(f"\r{self._label} [{bar}] {self._done}/{self._total}")
            if self._done >= self._total:
                sys.stderr.write("\n")
            sys.stderr.flush()


class ServerProcess:
    """``FakeServer`` (``wss://``) in a child process, driven by JSON lines on its stdin.

    Started by :func:`fake_server`; see ``benchmarks/_server.py`` for the commands.
    """

    def __init__(self, process: subprocess.Popen[str], info: dict[str, Any]) -> None:
        self.process = process
        self.ws_url: str = info["ws_url"]
        self.ca_file: str = info["ca_file"]
        self.root_public_key = bytes.fromhex(info["root_public_key"])

    def call(self, cmd: str, **args: Any) -> dict[str, Any]:
        """Send one command and return its JSON answer."""
        stdin, stdout = self._pipes()
        stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RuntimeError(f"fake server exited with {self.process.wait()}")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"fake server: {answer['error']}")
        return answer

    def provision(self, devices: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Link companions as pairing would; ``devices`` hold keys as hex (see ``_server.py``)."""
        linked: list[dict[str, Any]] = self.call("provision", devices=list(devices))["devices"]
        return linked

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        assert self.process.stdin is not None and self.process.stdout is not None
        return self.process.stdin, self.process.stdout


def child_env() -> dict[str, str]:
    """The environment for a child Python process: ours, with ``src`` importable from a clean clone."""
    paths = [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def run_json(command: list[str], *, timeout: float = 3600) -> dict[str, Any]:
    """Run a benchmark script in a child Python (its stderr passes through); parse its JSON output.

    A script that fails, runs out of time or prints no JSON gives ``{"error": ...}``, so
    one broken run does not lose the others.
    """
    try:
        result = subprocess.run(
            [sys.executable, *command],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
            env=child_env(),
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"{' '.join(command)} did not finish in {timeout:g} s"}
    if result.returncode != 0:
        return {"error": f"{' '.join(command)} exited with {result.returncode}"}
    try:
        parsed: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        return {"error": f"{' '.join(command)} printed no JSON ({exc})"}
    return parsed


@contextmanager
def fake_server(
    *, extra_fds: int = 0, phone_sync: bool = False, group_addressing: str = "lid"
) -> Iterator[ServerProcess]:
    """Run ``benchmarks/_server.py`` and stop it on exit.

    ``phone_sync``: phones send key shares and history; ``group_addressing``: ``lid``
    (WhatsApp's default) or ``pn`` (what Baileys 6 can send to).
    """
    command = [sys.executable, str(BENCH_DIR / "_server.py"), "--fds", str(extra_fds + 256)]
    command += ["--group-addressing", group_addressing]
    if phone_sync:
        command.append("--phone-sync")
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env()
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"fake server failed to start ({process.wait()})")
        server = ServerProcess(process, json.loads(line))
        try:
            yield server
        finally:
            assert process.stdin is not None
            process.stdin.close()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def b64(data: bytes) -> str:
    """Base64 text, for keys crossing JSON."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    """Inverse of :func:`b64`."""
    return base64.b64decode(text)


def write_json(path: Path, payload: object) -> None:
    """Write ``payload`` as indented JSON (parents created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2) + "\n")


def phone_number(index: int, prefix: str = "1555") -> str:
    """The phone number of benchmark account ``index``."""
    return f"{prefix}{index:07d}"


def provision_accounts(server: ServerProcess, count: int, *, prefix: str = "1555") -> list[Credentials]:
    """Make ``count`` accounts, each with one companion linked on the server, and their credentials.

    The credentials are what a paired client stores: keys, ``me``, ``lid`` and the
    signed device identity, so a client logs in without pairing.
    """
    fresh = [new_credentials(platform="Chrome") for _ in range(count)]
    specs = [
        {
            "phone": phone_number(index, prefix),
            "identity_private": b64(creds.identity_key.private),
            "noise_public": b64(creds.noise_key.public),
            "registration_id": creds.registration_id,
            "signed_prekey_id": creds.signed_prekey_id,
            "signed_prekey_public": b64(creds.signed_prekey.public),
            "signed_prekey_signature": b64(creds.signed_prekey_signature),
        }
        for index, creds in enumerate(fresh)
    ]
    linked: list[dict[str, Any]] = []
    for start in range(0, count, 200):
        linked += server.provision(specs[start : start + 200])
    return [
        dataclasses.replace(
            creds,
            me=device["jid"],
            lid=device["lid"],
            account=unb64(device["account"]),
            platform=device["platform"],
            push_name=device["push_name"],
            registered=True,
        )
        for creds, device in zip(fresh, linked, strict=True)
    ]
