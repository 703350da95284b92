"""How the client ends or resumes after each kind of close: keepalive, stream errors, failures, garbage."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, pair_by_qr
from waproto import (
    Client,
    Connected,
    Disconnected,
    DisconnectReason,
    LoggedOut,
    ReconnectPolicy,
    StreamReplaced,
)
from waproto.backoff import Action, Backoff
from waproto.errors import ConnectionClosed
from waproto.store import MemoryStore
from waproto.testing import FakeServer, Fault, FaultKind

pytestmark = pytest.mark.anyio


async def _stopped(client: Client) -> None:
    with anyio.fail_after(10):
        await client.run_forever()


async def test_keepalive_timeout_closes_with_408_and_reconnects(
    server: FakeServer, paired: PairedClient
) -> None:
    client = await paired("15550301", keepalive_interval=0.3, keepalive_grace=0.3)
    log = EventLog(client, Disconnected, Connected)
    assert server.fault(Fault(FaultKind.STOP_PINGS), str(client.own_jid)) == 1
    (closed,) = await log.wait_for(Disconnected)
    assert closed.reason is DisconnectReason.TIMED_OUT and "keepalive" in closed.detail
    await log.wait_for(Connected)
    await client.wait_connected(10.0)


@pytest.mark.parametrize(
    "code", [DisconnectReason.TIMED_OUT, DisconnectReason.BAD_SESSION, DisconnectReason.UNAVAILABLE_SERVICE]
)
async def test_transient_stream_errors_reconnect(
    server: FakeServer, paired: PairedClient, code: DisconnectReason
) -> None:
    client = await paired("15550311")
    log = EventLog(client, Disconnected, Connected)
    server.kick(str(client.own_jid), int(code))
    (closed,) = await log.wait_for(Disconnected)
    assert closed.reason is code and closed.code == int(code)
    await log.wait_for(Connected)
    assert client.is_paired


async def test_restart_required_reconnects_at_once(server: FakeServer, paired: PairedClient) -> None:
    # With a minute of backoff, only the no-delay path for 515 reconnects within the test's bound.
    slow = ReconnectPolicy(timeout_delay=60.0, conflict_delay=60.0, default_delay=60.0)
    client = await paired("15550321", reconnect=slow)
    log = EventLog(client, Disconnected, Connected)
    server.kick(str(client.own_jid), 515)
    (closed,) = await log.wait_for(Disconnected)
    assert closed.reason is DisconnectReason.RESTART_REQUIRED
    await log.wait_for(Connected)


async def test_device_removed_logs_out_and_keeps_credentials(
    server: FakeServer, paired: PairedClient
) -> None:
    client = await paired("15550331")
    log = EventLog(client, LoggedOut, Disconnected)
    server.kick(str(client.own_jid), 401)
    await _stopped(client)
    (logged_out,) = log.of(LoggedOut)
    assert not logged_out.on_connect
    assert log.of(Disconnected)[0].reason is DisconnectReason.LOGGED_OUT
    assert await client.store.get_credentials() is not None


async def test_replaced_stream_stops_the_client(server: FakeServer, paired: PairedClient) -> None:
    client = await paired("15550341", reconnect=ReconnectPolicy(max_conflict_retries=0))
    log = EventLog(client, StreamReplaced, Connected)
    server.kick(str(client.own_jid), 440)
    await _stopped(client)
    assert len(log.of(StreamReplaced)) == 1
    assert log.of(Connected) == []


async def test_conflicts_retry_as_the_policy_says_then_stop_replaced(
    server: FakeServer, paired: PairedClient
) -> None:
    """A lone client applies the manager's conflict rule: one retry here, then StreamReplaced."""
    policy = ReconnectPolicy(conflict_delay=0.05, max_conflict_retries=1)
    client = await paired("15550342", reconnect=policy)
    log = EventLog(client, StreamReplaced, Connected, Disconnected)
    server.kick(str(client.own_jid), 440)
    await log.wait_for(Connected)
    assert log.of(StreamReplaced) == []
    server.kick(str(client.own_jid), 440)
    await _stopped(client)
    assert len(log.of(StreamReplaced)) == 1
    assert client.stop_decision is not None and client.stop_decision.action is Action.REPLACED
    assert [d.reason for d in log.of(Disconnected)] == [DisconnectReason.CONNECTION_REPLACED] * 2


async def test_every_login_resets_the_backoff(server: FakeServer) -> None:
    """Ten drops, each followed by a good login: each reconnect starts again from the base delay."""
    phone = "15550343"
    server.create_account(phone)
    backoff = Backoff(ReconnectPolicy(default_delay=0.05, timeout_delay=0.05, factor=2.0))
    client = Client(MemoryStore(), config=client_config(server), backoff=backoff)
    await pair_by_qr(server, client, phone)
    try:
        log = EventLog(client, Connected)
        failures_after_login = []
        for round_ in range(10):
            server.kick(str(client.own_jid), 500)
            await log.wait_for(Connected, round_ + 1)
            failures_after_login.append(backoff.failures)
        assert failures_after_login == [0] * 10
    finally:
        await client.aclose()


async def test_login_refused_for_removed_device_is_a_logout(server: FakeServer, paired: PairedClient) -> None:
    store = MemoryStore()
    first = await paired("15550351", store=store)
    device = first.own_jid
    await first.aclose()
    server.core.accounts.require("15550351").remove_device(device.device)
    again = Client(store, config=client_config(server))
    log = EventLog(again, LoggedOut)
    with pytest.raises(ConnectionClosed):
        await again.__aenter__()
    (logged_out,) = log.of(LoggedOut)
    assert logged_out.on_connect
    assert await store.device("default").get_credentials() is not None


async def test_malformed_frame_closes_with_a_typed_reason_and_reconnects(
    server: FakeServer, paired: PairedClient
) -> None:
    client = await paired("15550361")
    log = EventLog(client, Disconnected, Connected)
    server.fault(Fault(FaultKind.MALFORMED_FRAME), str(client.own_jid))
    (closed,) = await log.wait_for(Disconnected)
    assert closed.reason is DisconnectReason.BAD_SESSION
    assert closed.detail.startswith("CryptoError")
    await log.wait_for(Connected)
    peer = await paired("15550362")
    await peer.send_text(client.own_jid.to_non_ad(), "still works")
