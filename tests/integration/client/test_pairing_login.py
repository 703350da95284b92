"""Pairing by phone code, QR ref rotation until the refs run out, login after a restart."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from waproto import (
    Client,
    Connected,
    Disconnected,
    DisconnectReason,
    LoggedOut,
    PairingCode,
    PairSuccess,
    QRCode,
)
from waproto.connection import CloseInfo, Connection
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


async def test_pairing_by_phone_code(server: FakeServer) -> None:
    server.create_account("15550101")
    async with Client(MemoryStore(), config=client_config(server)) as client:
        log = EventLog(client, PairingCode, PairSuccess, Connected)
        code = await client.request_pairing_code("+1 555-0101")
        assert len(code) == 9 and code[4] == "-"
        assert [e.code for e in log.of(PairingCode)] == [code]
        server.enter_pairing_code("15550101", code)
        await client.wait_connected(10.0)
        (success,) = log.of(PairSuccess)
        assert success.jid.user == "15550101" and success.jid.device >= 1
        assert client.is_paired and client.own_jid == success.jid
        assert len(log.of(Connected)) == 1


async def test_qr_refs_rotate_then_client_stops_with_408(server: FakeServer) -> None:
    config = client_config(server, qr_first_timeout=0.2, qr_timeout=0.05)
    async with Client(MemoryStore(), config=config) as client:
        log = EventLog(client, QRCode, Disconnected)
        with anyio.fail_after(10):
            await client.run_forever()
        codes = log.of(QRCode)
        assert len(codes) == server.config.qr_ref_count
        assert len({c.code for c in codes}) == len(codes)
        assert [c.timeout for c in codes] == [0.2] + [0.05] * (len(codes) - 1)
        (closed,) = log.of(Disconnected)
        assert closed.reason is DisconnectReason.TIMED_OUT
        assert not client.is_paired


async def test_login_after_restart_on_the_same_sqlite_file(server: FakeServer, tmp_path: Path) -> None:
    server.create_account("15550102")
    path = str(tmp_path / "client.db")
    async with SQLiteStore.open(path) as store:
        first = Client(store, config=client_config(server))
        await pair_by_qr(server, first, "15550102")
        jid = first.own_jid
        await first.aclose()
    async with SQLiteStore.open(path) as store:
        second = Client(store, config=client_config(server))
        log = EventLog(second, QRCode)
        async with second:
            assert second.own_jid == jid
            credentials = await second.store.get_credentials()
            assert credentials is not None and credentials.account is not None
            assert log.of(QRCode) == []
        assert server.state()["pairing"] == 0


async def test_pairing_code_requested_before_the_handshake_finished(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.create_account("15550103")
    original = Connection.run

    async def slow_start(self: Connection) -> CloseInfo:
        await anyio.sleep(0.2)
        return await original(self)

    monkeypatch.setattr(Connection, "run", slow_start)
    async with Client(MemoryStore(), config=client_config(server)) as client:
        code = await client.request_pairing_code("15550103")
        server.enter_pairing_code("15550103", code)
        await client.wait_connected(10.0)
        assert client.own_jid.user == "15550103"


async def test_logout_unlinks_the_device_and_forgets_credentials(server: FakeServer) -> None:
    store = MemoryStore()
    client = Client(store, config=client_config(server))
    server.create_account("15550104")
    await pair_by_qr(server, client, "15550104")
    log = EventLog(client, LoggedOut)
    device = str(client.own_jid)
    try:
        await client.logout()
        with anyio.fail_after(10):
            await client.run_forever()
    finally:
        await client.aclose()
    (logged_out,) = log.of(LoggedOut)
    assert not logged_out.on_connect
    assert await store.device("default").get_credentials() is None
    (account,) = [a for a in server.state()["accounts"] if a["phone"] == "15550104"]  # type: ignore[attr-defined]
    (entry,) = [d for d in account["devices"] if d["jid"] == device]
    assert entry["removed"] and not entry["online"]
