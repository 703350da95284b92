"""Fixtures for client tests: a FakeServer on loopback and clients paired with it by QR."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any, TypeVar

import anyio
import pytest
from google.protobuf.unknown_fields import UnknownFieldSet

from waproto import Client, ClientConfig, QRCode, ReconnectPolicy
from waproto.binary import Node
from waproto.jid import JID
from waproto.messaging.send import MessageSender, SendResult
from waproto.proto import wa_e2e_pb2
from waproto.session import LiveSession
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

PairedClient = Callable[..., Awaitable[Client]]
T = TypeVar("T")

#: ``Message.pollCreationMessage`` (multiple-choice polls; WA's and Baileys' field number).
POLL_FIELD = 49


def field_numbers(message: wa_e2e_pb2.Message) -> set[int]:
    """Top-level field numbers present in ``message``, known to our schema or not."""
    known = {field.number for field, _ in message.ListFields()}
    return known | {field.field_number for field in UnknownFieldSet(message)}


#: Reconnect delays for tests: every transient close retried after 50 ms.
FAST_RECONNECT = ReconnectPolicy(timeout_delay=0.05, conflict_delay=0.05, default_delay=0.05)


def client_config(server: FakeServer, **overrides: object) -> ClientConfig:
    """A config that trusts the test server and its media host, with short timeouts for tests."""
    settings: dict[str, object] = {
        "url": server.ws_url,
        "trust_root": server.root_public_key,
        "ssl_context": server.test_ca.client_context(),
        "connect_timeout": 10.0,
        "query_timeout": 10.0,
        "retry_request_delay": 0.05,
        "reconnect": FAST_RECONNECT,
    }
    settings.update(overrides)
    return ClientConfig(**settings)  # type: ignore[arg-type]


def on_send(monkeypatch: pytest.MonkeyPatch, client: Client, hook: Callable[[Node], None]) -> None:
    """Run ``hook`` on each node ``client``'s services send, before it goes out (it may raise)."""
    session = client._session
    original = LiveSession.send_node

    async def send_node(self: LiveSession, node: Node) -> None:
        if self is session:
            hook(node)
        await original(self, node)

    monkeypatch.setattr(LiveSession, "send_node", send_node)


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
async def server(request: pytest.FixtureRequest) -> AsyncIterator[FakeServer]:
    """The FakeServer; its phones act like real ones unless the test is marked ``silent_phone``."""
    silent = request.node.get_closest_marker("silent_phone") is not None
    async with FakeServer(FakeServerConfig(phone_sync=not silent)) as fake:
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


class EventLog:
    """Records every event of the given types a client emits; a test waits for a condition on them."""

    def __init__(self, client: Client, *types: type[Any]) -> None:
        self.events: list[Any] = []
        self._changed = anyio.Event()
        for event_type in types:
            client.add_handler(event_type, self._on)

    def _on(self, event: object) -> None:
        self.events.append(event)
        self._changed.set()
        self._changed = anyio.Event()

    def of(self, event_type: type[T]) -> list[T]:
        """The recorded events of one type, in order."""
        return [e for e in self.events if isinstance(e, event_type)]

    async def wait_for(self, event_type: type[T], count: int = 1, timeout: float = 10.0) -> list[T]:
        """Wait until ``count`` events of ``event_type`` were recorded; returns all of them."""
        with anyio.fail_after(timeout):
            while len(self.of(event_type)) < count:
                await self._changed.wait()
        return self.of(event_type)


@pytest.fixture
def sent_messages(monkeypatch: pytest.MonkeyPatch) -> list[wa_e2e_pb2.Message]:
    """Every ``Message`` protobuf any client hands to its sender, in order (the send still happens)."""
    sent: list[wa_e2e_pb2.Message] = []
    send = MessageSender.send

    async def spy(self: MessageSender, to: JID, message: wa_e2e_pb2.Message, **kwargs: Any) -> SendResult:
        sent.append(message)
        return await send(self, to, message, **kwargs)

    monkeypatch.setattr(MessageSender, "send", spy)
    return sent
