"""History sync benchmark: a large history through the FakeServer to a newly paired waproto client.

The FakeServer (``benchmarks/_server.py --phone-sync``, its own process) seeds its phone with
``--messages`` text messages over ``--chats`` chats. A waproto client in this process pairs
by QR; the phone then shares its app-state key and sends the history as blobs on the media
host (INITIAL_BOOTSTRAP, then RECENT chunks of 2,000 messages). The client downloads,
verifies, inflates and decodes each blob as a stream and emits ``HistorySyncBatch`` events;
the handler only counts messages, so the figures are the library's.

Reported: seconds from the QR scan until every message arrived, messages per second, and
the client process's peak RSS growth (``VmHWM`` reset through ``/proc/self/clear_refs`` just
before the scan, minus RSS then). Goal: under 20 MB for 50,000 messages.

    python benchmarks/history.py [--messages 50000] [--chats 50] [--out results/history.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import _path  # noqa: F401  (must come before anything importing signal)
import anyio

from benchmarks._common import fake_server, machine, write_json
from benchmarks.media import peak_growth_kib, reset_peak
from waproto import Client, ClientConfig
from waproto.events import QRCode
from waproto.history import HistorySyncBatch
from waproto.store import MemoryStore
from waproto.transport import ssl_context_from_ca_file

PHONE = "15559990001"
MIB = 1024


async def run(messages: int, chats: int) -> dict[str, object]:
    with fake_server(phone_sync=True) as server:
        server.call("seed_history", phone=PHONE, chats=chats, messages=messages)
        config = ClientConfig(
            url=server.ws_url,
            trust_root=server.root_public_key,
            ssl_context=ssl_context_from_ca_file(server.ca_file),
            query_timeout=60.0,
        )
        client = Client(MemoryStore(), config=config)
        received = 0
        done = anyio.Event()
        start_kib = 0
        started = 0.0

        def on_batch(event: HistorySyncBatch) -> None:
            nonlocal received
            received += sum(len(c.messages) for c in event.conversations)
            if received >= messages:
                done.set()

        async def on_qr(event: QRCode) -> None:
            nonlocal start_kib, started
            if started:
                return
            start_kib = reset_peak()
            started = time.perf_counter()
            await anyio.to_thread.run_sync(lambda: server.call("scan_qr", phone=PHONE, qr=event.code))

        client.add_handler(HistorySyncBatch, on_batch)
        client.add_handler(QRCode, on_qr)
        async with client:
            with anyio.fail_after(600):
                await done.wait()
            elapsed = time.perf_counter() - started
            growth_kib = peak_growth_kib(start_kib)
    return {
        "messages": messages,
        "chats": chats,
        "received": received,
        "seconds": round(elapsed, 2),
        "messages_per_second": round(received / elapsed),
        "peak_rss_growth_mib": round(growth_kib / MIB, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--out", type=Path, help="also write the report here")
    args = parser.parse_args()
    result = anyio.run(run, args.messages, args.chats)
    report = {"benchmark": "history", "machine": machine(), "result": result}
    if args.out:
        write_json(args.out, report)
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
