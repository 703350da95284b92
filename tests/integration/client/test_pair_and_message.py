"""The client against FakeServer over real sockets: pairing, login, 1:1 and group messages."""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, pair_by_qr
from waproto import Client, Connected, Disconnected, DisconnectReason, Message, PairSuccess
from waproto.store import MemoryStore
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


async def test_qr_pairing_restarts_after_515_and_logs_in(server: FakeServer) -> None:
    server.create_account("15550001")
    store = MemoryStore()
    client = Client(store, config=client_config(server))
    events: list[object] = []
    client.add_handler(PairSuccess, events.append)
    client.add_handler(Disconnected, events.append)
    client.add_handler(Connected, events.append)
    await pair_by_qr(server, client, "15550001")
    try:
        kinds = [type(e).__name__ for e in events]
        assert kinds[:3] == ["PairSuccess", "Disconnected", "Connected"]
        restart = events[1]
        assert isinstance(restart, Disconnected) and restart.reason is DisconnectReason.RESTART_REQUIRED
        assert client.own_jid.user == "15550001"
        assert client.own_jid.device >= 1
    finally:
        await client.aclose()
    # A new client on the same store logs in without pairing.
    again = Client(store, config=client_config(server))
    async with again:
        assert again.is_paired
        assert again.own_jid == client.own_jid


async def test_one_to_one_messages_both_ways(paired: PairedClient) -> None:
    alice = await paired("15550011")
    bob = await paired("15550012")
    alice_log, bob_log = EventLog(alice, Message), EventLog(bob, Message)
    sent = await alice.send_text(bob.own_jid.to_non_ad(), "hello bob")
    assert sent.id.startswith("3EB0")
    (received,) = await bob_log.wait_for(Message)
    assert received.text == "hello bob"
    assert received.info.id == sent.id
    # Alice learned bob's LID from usync and wrote to it from her own LID (whatsmeow's way).
    assert received.info.sender == alice.own_lid
    assert received.info.sender_alt == alice.own_jid  # the server's sender_pn
    await bob.send_text(received.info.chat, "hi alice", quoted=received)
    (reply,) = await alice_log.wait_for(Message)
    assert reply.text == "hi alice"
    assert reply.message.extendedTextMessage.contextInfo.stanzaId == sent.id
    for i in range(5):
        await alice.send_text(bob.own_jid.to_non_ad(), f"msg {i}")
        await bob.send_text(alice.own_jid.to_non_ad(), f"re {i}")
    bob_got = await bob_log.wait_for(Message, 6)
    alice_got = await alice_log.wait_for(Message, 6)
    assert [m.text for m in bob_got[1:]] == [f"msg {i}" for i in range(5)]
    assert [m.text for m in alice_got[1:]] == [f"re {i}" for i in range(5)]


async def test_group_messages(paired: PairedClient) -> None:
    alice = await paired("15550021")
    bob = await paired("15550022")
    carol = await paired("15550023")
    logs = {c: EventLog(c, Message) for c in (alice, bob, carol)}
    group = await alice.create_group("friends", [bob.own_jid, carol.own_jid])
    await alice.send_text(group.jid, "hello group")
    for member in (bob, carol):
        (msg,) = await logs[member].wait_for(Message)
        assert msg.text == "hello group"
        assert msg.info.chat == group.jid
        assert msg.info.is_group
    await bob.send_text(group.jid, "bob here")
    for member in (alice, carol):
        msgs = await logs[member].wait_for(Message, 2 if member is carol else 1)
        assert msgs[-1].text == "bob here"


async def test_is_on_whatsapp_answers_every_number(paired: PairedClient) -> None:
    alice = await paired("15550031")
    await paired("15550032")
    found = await alice.is_on_whatsapp(["+1555 0032", "15550099", "15550031"])
    assert found["+15550032"] is not None and found["+15550032"].user == "15550032"
    assert found["+15550031"] is not None and found["+15550031"].user == "15550031"
    assert found["+15550099"] is None
