"""Mistakes fail at once with a typed error instead of retrying forever or blocking."""

from __future__ import annotations

import socket

import pytest

from tests.integration.client.conftest import PairedClient, client_config
from waproto import Client, ClientConfig
from waproto.errors import CertificateError, ConnectionClosed, ConnectTimeout, NotConnected, NotOnWhatsApp
from waproto.store import MemoryStore
from waproto.testing import FakeServer
from waproto.testing.provision import provision_store_device

pytestmark = pytest.mark.anyio


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_send_before_start_raises_not_connected(server: FakeServer) -> None:
    client = Client(MemoryStore(), config=client_config(server))
    with pytest.raises(NotConnected):
        await client.send_text("+1 555 000 0001", "too early")


async def test_number_without_account_raises_not_on_whatsapp(paired: PairedClient) -> None:
    alice = await paired("15550971")
    with pytest.raises(NotOnWhatsApp) as raised:
        await alice.send_text("+1 555 097 9999", "anyone there?")
    assert str(raised.value.jid) == "15550979999@s.whatsapp.net"


@pytest.mark.parametrize("paired_device", [False, True])
async def test_wrong_trust_root_stops_with_certificate_error(server: FakeServer, paired_device: bool) -> None:
    store = MemoryStore()
    if paired_device:
        server.create_account("15550981")
        await provision_store_device(server, store, "default", "15550981")
    wrong_root = bytes(32)
    client = Client(store, config=client_config(server, trust_root=wrong_root))
    with pytest.raises(CertificateError, match="trust_root"):
        async with client:
            # A new device starts at once (its QR handlers are registered in here).
            await client.run_forever()


async def test_nothing_listening_raises_connect_timeout_with_the_last_close(server: FakeServer) -> None:
    store = MemoryStore()
    server.create_account("15550991")
    await provision_store_device(server, store, "default", "15550991")
    nowhere = f"ws://127.0.0.1:{_free_port()}/ws/chat"
    config = client_config(server, url=nowhere, connect_timeout=0.5)
    with pytest.raises(ConnectTimeout) as raised:
        async with Client(store, config=config):
            pass
    assert isinstance(raised.value, TimeoutError)
    assert isinstance(raised.value.__cause__, ConnectionClosed)
    assert "connect failed" in str(raised.value.__cause__)


async def test_new_device_waiting_for_a_dead_server_raises_connect_timeout() -> None:
    config = ClientConfig(url=f"ws://127.0.0.1:{_free_port()}/ws/chat", connect_timeout=0.5)
    async with Client(MemoryStore(), config=config) as client:
        with pytest.raises(ConnectTimeout) as raised:
            await client.wait_connected(0.5)
    assert isinstance(raised.value.__cause__, ConnectionClosed)
