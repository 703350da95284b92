"""The client against FakeServer over real sockets: pairing, login, 1:1 and group messages."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import PairedClient, client_config
from waproto import Client, Connected, Disconnected, DisconnectReason, Message, PairSuccess
from waproto.store import MemoryStore
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


class Inbox:
    """Collects Message events and lets a test wait for the n-th one."""

    def __init__(self, client: Client) -> None:
        self.messages: list[Message] = []
        self._changed = anyio.Event()
        client.add_handler(Message, self._on)

    def _on(self, event: Message) -> None:
        self.messages.append(event)
        self._changed.set()
        self._changed = anyio.Event()

    async def wait(self, count: int, timeout: float = 10.0) -> list[Message]:
        with anyio.fail_after(timeout):
            while len(self.messages) < count:
                await self._changed.wait()
        return self.messages


async def test_qr_pairing_restarts_after_515_and_logs_in(server: FakeServer) -> None:
    server.create_account("15550001")
    store = MemoryStore()
    client = Client(store, config=client_config(server))
    events: list[object] = []
    client.add_handler(PairSuccess, events.append)
    client.add_handler(Disconnected, events.append)
    client.add_handler(Connected, events.append)
    from tests.integration.client.conftest import pair_by_qr

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
    alice_inbox, bob_inbox = Inbox(alice), Inbox(bob)
    sent = await alice.send_text(bob.own_jid.to_non_ad(), "hello bob")
    assert sent.id.startswith("3EB0")
    (received,) = await bob_inbox.wait(1)
    assert received.text == "hello bob"
    assert received.info.id == sent.id
    assert received.info.sender.user == "15550011"
    await bob.send_text(received.info.chat, "hi alice", quoted=received)
    (reply,) = await alice_inbox.wait(1)
    assert reply.text == "hi alice"
    assert reply.message.extendedTextMessage.contextInfo.stanzaId == sent.id
    for i in range(5):
        await alice.send_text(bob.own_jid.to_non_ad(), f"msg {i}")
        await bob.send_text(alice.own_jid.to_non_ad(), f"re {i}")
    await bob_inbox.wait(6)
    await alice_inbox.wait(6)
    assert [m.text for m in bob_inbox.messages[1:]] == [f"msg {i}" for i in range(5)]
    assert [m.text for m in alice_inbox.messages[1:]] == [f"re {i}" for i in range(5)]


async def test_group_messages(paired: PairedClient) -> None:
    alice = await paired("15550021")
    bob = await paired("15550022")
    carol = await paired("15550023")
    inboxes = {c: Inbox(c) for c in (alice, bob, carol)}
    group = await alice.create_group("friends", [bob.own_jid, carol.own_jid])
    await alice.send_text(group.jid, "hello group")
    for member in (bob, carol):
        (msg,) = await inboxes[member].wait(1)
        assert msg.text == "hello group"
        assert msg.info.chat == group.jid
        assert msg.info.is_group
    await bob.send_text(group.jid, "bob here")
    for member in (alice, carol):
        msgs = await inboxes[member].wait(2 if member is carol else 1)
        assert msgs[-1].text == "bob here"
