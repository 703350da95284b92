"""Learn PN->LID mappings forever, each moving many sessions, for the SIGKILL test.

Run as ``python -m tests.unit.lid.migration_burst DB``: for k = 1, 2, ... the process
commits ``DEVICES`` PN sessions and identities of user ``pn(k)``, then learns
``(lid(k), pn(k))`` (the mapping and the move of every session commit together),
and prints k, until it is killed.
"""

from __future__ import annotations

import sys

import anyio

from waproto.lid import LIDMap
from waproto.store import SQLiteStore

DEVICES = 300


def pn(k: int) -> str:
    return str(15550000000 + k)


def lid(k: int) -> str:
    return str(900000000000 + k)


def record(k: int, device: int) -> bytes:
    return f"session {k}.{device}".encode() * 20


async def burst(path: str) -> None:
    async with SQLiteStore.open(path) as store:
        device = await store.create_device("me")
        lids = LIDMap(device, anyio.Lock())
        k = len(await device.get_lids_for_pns([pn(i) for i in range(1, 10_000)]))
        while True:
            k += 1
            async with device.transaction():
                await device.put_sessions({f"{pn(k)}.{d}": record(k, d) for d in range(DEVICES)})
                for d in range(DEVICES):
                    await device.put_identity(f"{pn(k)}.{d}", bytes([d % 256]) * 32)
            await lids.learn([(lid(k), pn(k))])
            print(k, flush=True)


if __name__ == "__main__":
    anyio.run(burst, sys.argv[1])
