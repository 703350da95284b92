"""A receiving bot in its own process, for SIGKILL tests: logs every handled message to a file.

    python -m tests.integration.client.receiving_child <db> <device> <ws-url> <trust-root-hex> <log>

Prints ``ready`` once logged in. Each ``Message`` handler appends one JSON line
(``id``, ``text``, ``redelivered``) to ``<log>`` and flushes it, then yields a
little, so that a kill often lands between a handler and its inbox delete.
"""

from __future__ import annotations

import json
import sys

import anyio

from waproto import Client, ClientConfig, Message, ReconnectPolicy
from waproto.store import SQLiteStore


async def main(db: str, device: str, url: str, trust_root: str, log_path: str) -> None:
    config = ClientConfig(
        url=url,
        trust_root=bytes.fromhex(trust_root),
        connect_timeout=20.0,
        reconnect=ReconnectPolicy(timeout_delay=0.05, default_delay=0.05),
    )
    with open(log_path, "a", encoding="utf-8") as log:

        async def on_message(event: Message) -> None:
            entry = {"id": event.info.id, "text": event.text, "redelivered": event.redelivered}
            log.write(json.dumps(entry) + "\n")
            log.flush()
            await anyio.sleep(0.005)

        async with SQLiteStore.open(db) as store:
            client = Client(store, device=device, config=config)
            client.add_handler(Message, on_message)
            async with client:
                print("ready", flush=True)
                await client.run_forever()


if __name__ == "__main__":
    anyio.run(main, *sys.argv[1:6])
