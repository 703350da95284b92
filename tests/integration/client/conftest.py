"""Fixtures for client tests: a FakeServer on loopback and clients paired with it by QR."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack

import anyio
import pytest

from waproto import Client, ClientConfig, QRCode
from waproto.store import MemoryStore
from waproto.testing import FakeServer

PairedClient = Callable[..., Awaitable[Client]]


def client_config(server: FakeServer, **overrides: object) -> ClientConfig:
    """A config that trusts the test server, with short timeouts for tests."""
    settings: dict[str, object] = {
        "url": server.ws_url,
        "trust_root": server.root_public_key,
        "connect_timeout": 10.0,
        "query_timeout": 10.0,
        "retry_request_delay": 0.05,
        "reconnect_delay": 0.05,
    }
    settings.update(overrides)
    return ClientConfig(**settings)  # type: ignore[arg-type]


async def pair_by_qr(server: FakeServer, client: Client, phone: str) -> None:
    """Open ``client`` (unpaired), let the simulated phone scan its first QR, wait for login."""
    scanned = anyio.Event()

    def scan(event: QRCode) -> None:
        if not scanned.is_set():
            scanned.set()
            server.scan_qr(phone, event.code)

    client.add_handler(QRCode, scan)
    await client.__aenter__()
    await client.wait_connected(10.0)
    client.remove_handler(scan)


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer() as fake:
        yield fake


@pytest.fixture
async def paired(server: FakeServer) -> AsyncIterator[PairedClient]:
    """Factory: ``await paired("15550001")`` gives a logged-in client for a new account."""
    async with AsyncExitStack() as stack:

        async def make(phone: str, *, store: MemoryStore | None = None, **overrides: object) -> Client:
            server.create_account(phone)
            client = Client(store or MemoryStore(), config=client_config(server, **overrides))
            await pair_by_qr(server, client, phone)
            stack.push_async_callback(client.aclose)
            return client

        yield make
