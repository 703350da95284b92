"""Media transfer benchmark: upload + download of 1, 10 and 100 MB through the FakeServer's media host.

For each size, waproto (``MediaTransfer``: encrypt into a spool, streamed HTTPS upload with
httpx; streamed download, verified, written to a file) and Baileys 7 (``encryptedStream`` +
``getWAUploadToServer``; ``downloadContentFromMessage`` piped to a file) each run in a fresh
child process against the same ``FakeServer`` (``benchmarks/_server.py``, its own process).
Both get the media host's auth and address from the server as the ``media_conn`` iq would
give them, so the figures cover the media path only (no websocket).

Reported per client and size: MB/s each way (MB = 10^6 bytes of plaintext) and the peak RSS
growth of the client process during each transfer (``VmHWM`` after resetting it through
``/proc/self/clear_refs``, minus RSS at the start). A warm-up transfer runs first so
imports and the TLS context are not counted. Baileys does not verify downloads (no MAC or
hash check); waproto does.

    python benchmarks/media.py [--sizes 1 10 100] [--no-baileys] [--out results/media.json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import KIB, ROOT, child_env, fake_server, machine, write_json

MB = 1_000_000
#: Bytes per read and write when making and checking the test files.
_CHUNK = 1 << 20


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak() -> int:
    """Reset the peak-RSS mark (``VmHWM``) to the current RSS; return the current RSS in KiB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kib("VmRSS")


def peak_growth_kib(start_kib: int) -> int:
    """Peak RSS since :func:`reset_peak` minus the RSS it returned (never below 0: the two
    readings are not atomic, and a collection in between can drop RSS under the start)."""
    return max(0, _status_kib("VmHWM") - start_kib)


def make_file(path: Path, size: int) -> str:
    """Write ``size`` random bytes to ``path``; return their SHA-256 (hex)."""
    digest = hashlib.sha256()
    with path.open("wb") as file:
        left = size
        while left:
            chunk = os.urandom(min(_CHUNK, left))
            digest.update(chunk)
            file.write(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- waproto worker (a child process per size) ---------------------------------------------------


async def _waproto_worker(spec: dict[str, Any]) -> dict[str, Any]:
    from waproto.binary import Node
    from waproto.media import MediaRef, MediaTransfer, MediaType
    from waproto.transport import ssl_context_from_ca_file

    conn = spec["media_conn"]
    answer = Node(
        "iq",
        {"type": "result"},
        [
            Node(
                "media_conn",
                {"auth": conn["auth"], "ttl": str(conn["ttl"])},
                [Node("host", {"hostname": h}) for h in conn["hosts"]],
            )
        ],
    )

    async def query(node: Node) -> Node:
        return answer

    transfer = MediaTransfer(query, ssl_context=ssl_context_from_ca_file(spec["ca_file"]), timeout=300)
    source, target = Path(spec["source"]), Path(spec["target"])

    async def round_trip(path: Path) -> tuple[float, int, float, int]:
        start_kib = reset_peak()
        began = time.perf_counter()
        up = await transfer.upload(path, MediaType.DOCUMENT)
        upload_s, upload_peak = time.perf_counter() - began, peak_growth_kib(start_kib)
        ref = MediaRef(
            MediaType.DOCUMENT,
            up.media_key,
            up.direct_path,
            up.url,
            up.file_sha256,
            up.file_enc_sha256,
            up.file_length,
        )
        start_kib = reset_peak()
        began = time.perf_counter()
        await transfer.download(ref, to=target)
        return upload_s, upload_peak, time.perf_counter() - began, peak_growth_kib(start_kib)

    warm = Path(spec["warmup"])
    await round_trip(warm)
    upload_s, upload_peak, download_s, download_peak = await round_trip(source)
    await transfer.aclose()
    return {
        "upload_s": upload_s,
        "download_s": download_s,
        "upload_peak_rss_growth_kib": upload_peak,
        "download_peak_rss_growth_kib": download_peak,
    }


# -- orchestration ---------------------------------------------------------------------------------


def _report(client: str, size: int, raw: dict[str, Any], ok: bool) -> dict[str, Any]:
    if "error" in raw:
        return {"client": client, "size_mb": size // MB, **raw}
    return {
        "client": client,
        "size_mb": size // MB,
        "upload_mb_s": round(size / MB / raw["upload_s"], 1),
        "download_mb_s": round(size / MB / raw["download_s"], 1),
        "upload_peak_rss_growth_mib": round(raw["upload_peak_rss_growth_kib"] / KIB, 2),
        "download_peak_rss_growth_mib": round(raw["download_peak_rss_growth_kib"] / KIB, 2),
        "content_equal": ok,
    }


def _run_child(command: list[str], spec: dict[str, Any], folder: Path, env: dict[str, str]) -> dict[str, Any]:
    import subprocess

    spec_file = folder / "spec.json"
    spec_file.write_text(json.dumps(spec))
    result = subprocess.run(
        [*command, str(spec_file)], stdout=subprocess.PIPE, text=True, check=False, env=env, timeout=1800
    )
    if result.returncode != 0:
        return {"error": f"{command[0]} exited with {result.returncode}"}
    parsed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def run(sizes: list[int], *, baileys: bool) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    node_install: Path | None = None
    if baileys:
        from tests.interop.conftest import npm_install

        node_install = npm_install(ROOT / "tests" / "interop" / "baileys" / "v7")
    with fake_server() as server, tempfile.TemporaryDirectory(prefix="waproto-media-bench-") as tmp:
        folder = Path(tmp)
        warmup = folder / "warmup.bin"
        make_file(warmup, 64 * KIB)
        for size_mb in sizes:
            size = size_mb * MB
            source, target = folder / "source.bin", folder / "target.bin"
            expected = make_file(source, size)
            spec = {
                "media_conn": server.call("media_conn"),
                "ca_file": server.ca_file,
                "source": str(source),
                "target": str(target),
                "warmup": str(warmup),
            }
            runners = [("waproto", [sys.executable, __file__, "--worker"], child_env())]
            if node_install is not None:
                shutil.copyfile(
                    ROOT / "benchmarks" / "peers" / "baileys" / "media.mjs", node_install / "media.mjs"
                )
                env = {**os.environ, "NODE_EXTRA_CA_CERTS": server.ca_file}
                runners.append(
                    (
                        "baileys-" + _baileys_version(node_install),
                        ["node", str(node_install / "media.mjs")],
                        env,
                    )
                )
            for client, command, env in runners:
                target.unlink(missing_ok=True)
                raw = _run_child(command, spec, folder, env)
                ok = target.exists() and file_sha256(target) == expected
                results.append(_report(client, size, raw, ok))
                print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    return {"benchmark": "media", "machine": machine(), "results": results, "ratios": _ratios(results)}


def _baileys_version(install: Path) -> str:
    package = json.loads((install / "node_modules" / "baileys" / "package.json").read_text())
    return str(package["version"])


def _ratios(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """waproto / Baileys per size: speed ratios (>1: waproto faster) and peak-growth ratios (<1: less)."""
    ours = {r["size_mb"]: r for r in results if r["client"] == "waproto" and "error" not in r}
    ratios = []
    for theirs in results:
        mine = ours.get(theirs["size_mb"])
        if theirs["client"] == "waproto" or "error" in theirs or mine is None:
            continue
        entry: dict[str, Any] = {"size_mb": theirs["size_mb"], "vs": theirs["client"]}
        for key in (
            "upload_mb_s",
            "download_mb_s",
            "upload_peak_rss_growth_mib",
            "download_peak_rss_growth_mib",
        ):
            entry[key] = round(mine[key] / theirs[key], 2) if theirs[key] else None
        ratios.append(entry)
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100], help="MB per transfer")
    parser.add_argument("--no-baileys", action="store_true", help="measure waproto only")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("spec", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        spec = json.loads(args.spec.read_text())
        print(json.dumps(anyio.run(_waproto_worker, spec)))
        return
    report = run(args.sizes, baileys=not args.no_baileys and shutil.which("node") is not None)
    print(json.dumps(report, indent=2))
    if args.out:
        write_json(args.out, report)


if __name__ == "__main__":
    main()
