"""PN<->LID pairs from the phone, end to end over real sockets (issue 12, reference 1.8).

The FakeServer's phone names LIDs the way a phone does since LIDs: in history
(``phoneNumberToLidMappings``, ``Conversation.lidJid``), in contacts
(``contactAction.lidJid``) and in a ``LID_MIGRATION_MAPPING_SYNC`` message. The client
stores each pair before anything asks usync, and only accepts the sync message from its
own devices.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, pair_by_qr
from waproto import Client, Message
from waproto.appstate.events import ContactChanged
from waproto.binary import Node
from waproto.history import HistorySyncBatch
from waproto.jid import JID
from waproto.proto import wa_e2e_pb2
from waproto.session import StanzaRouter
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio

PHONE = "15558810001"
PEERS = ["15558810002", "15558810003"]


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer(FakeServerConfig(control=False, phone_sync=True)) as fake:
        fake.create_account(PHONE)
        yield fake


def _pn(phone: str) -> str:
    return f"{phone}@s.whatsapp.net"


async def _linked(server: FakeServer) -> tuple[Client, EventLog]:
    client = Client(MemoryStore(), config=client_config(server, ssl_context=server.test_ca.client_context()))
    log = EventLog(client, HistorySyncBatch, ContactChanged)
    await pair_by_qr(server, client, PHONE)
    await log.wait_for(HistorySyncBatch)  # the bootstrap blob (the phone has a chat)
    return client, log


async def _known(client: Client, phones: list[str]) -> dict[str, str]:
    return await client.lids.lids_for(phones)


async def test_history_names_the_lids_of_its_chats(server: FakeServer) -> None:
    lids = {p: server.create_account(p).lid.user for p in PEERS}
    phone = server.phone(PHONE)
    for peer in PEERS:
        phone.add_message(_pn(peer), f"hello {peer}", timestamp=1_690_000_000)
    client, log = await _linked(server)
    try:
        (batch,) = [b for b in log.of(HistorySyncBatch) if b.sync_type == "INITIAL_BOOTSTRAP"]
        assert {c.id: c.lidJid for c in batch.conversations} == {_pn(p): f"{lids[p]}@lid" for p in PEERS}
        # Known from the history alone: nothing was sent, so no usync asked.
        assert await _known(client, PEERS) == lids
    finally:
        await client.aclose()


async def test_contacts_and_the_migration_sync_name_lids(server: FakeServer) -> None:
    phone = server.phone(PHONE)
    phone.add_message(_pn(PEERS[0]), "before the account existed", timestamp=1_690_000_000)
    phone.add_message(_pn(PEERS[1]), "before the account existed", timestamp=1_690_000_001)
    client, log = await _linked(server)  # no account yet for either: history names no LID
    try:
        assert await _known(client, PEERS) == {}
        first, second = (server.create_account(p) for p in PEERS)

        phone.set_contact(_pn(PEERS[0]), "First Peer")
        (changed,) = await log.wait_for(ContactChanged)
        assert changed.full_name == "First Peer"
        assert await _known(client, PEERS) == {PEERS[0]: first.lid.user}

        assert phone.sync_lid_mappings() == 2
        with anyio.fail_after(10):
            while len(await _known(client, PEERS)) < 2:
                await anyio.sleep(0.02)
        assert await _known(client, PEERS) == {PEERS[0]: first.lid.user, PEERS[1]: second.lid.user}
    finally:
        await client.aclose()


async def test_a_migration_sync_from_someone_else_is_ignored(server: FakeServer) -> None:
    server.phone(PHONE).add_message(_pn(PEERS[0]), "hi", timestamp=1_690_000_000)
    client, _ = await _linked(server)
    server.create_account(PEERS[0])
    stranger = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, stranger, PEERS[0])
    try:
        log = EventLog(client, Message)
        payload = wa_e2e_pb2.LIDMigrationMappingSyncPayload(
            pnToLidMappings=[wa_e2e_pb2.LIDMigrationMapping(pn=15558819999, assignedLid=4242)]
        )
        spoof = wa_e2e_pb2.Message(
            protocolMessage=wa_e2e_pb2.Message.ProtocolMessage(
                type=wa_e2e_pb2.Message.ProtocolMessage.LID_MIGRATION_MAPPING_SYNC,
                lidMigrationMappingSyncMessage=wa_e2e_pb2.LIDMigrationMappingSyncMessage(
                    encodedMappingPayload=payload.SerializeToString()
                ),
            )
        )
        await stranger.send_message(client.own_jid.to_non_ad(), spoof)
        await stranger.send_text(client.own_jid.to_non_ad(), "after the spoof")
        await log.wait_for(Message)  # handled in order: the spoof came first
        assert await client.lids.alt_of(JID.parse("15558819999@s.whatsapp.net")) is None
    finally:
        await stranger.aclose()
        await client.aclose()


async def test_a_peers_new_device_is_announced_with_its_lid_and_gets_the_next_message(
    paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15558820001")
    bob = await paired("15558820002")
    alice_log = EventLog(alice, Message)
    await alice.send_text(bob.own_jid.to_non_ad(), "one")  # alice caches bob's devices
    await bob.send_text(alice.own_jid.to_non_ad(), "back")
    await alice_log.wait_for(Message)
    notes: list[Node] = []
    original = StanzaRouter.dispatch

    async def spy(self: StanzaRouter, node: Node) -> None:
        if self is alice._session.router and node.tag == "notification":
            notes.append(node)
        await original(self, node)

    monkeypatch.setattr(StanzaRouter, "dispatch", spy)
    bob2 = await paired("15558820002")  # bob links a second companion
    bob2_log = EventLog(bob2, Message)
    with anyio.fail_after(10):
        while not [n for n in notes if n.attrs.get("type") == "devices"]:
            await anyio.sleep(0.02)
    (note,) = [n for n in notes if n.attrs.get("type") == "devices"]
    assert note.attrs["from"] == str(bob.own_jid.to_non_ad()) and note.attrs["lid"] == str(
        bob.own_lid.to_non_ad()
    )
    device = note.require_child("add").require_child("device")
    assert device.attrs == {"jid": str(bob2.own_jid), "lid": str(bob2.own_lid)}
    assert note.require_child("add").attrs["device_hash"].startswith("2:")
    # Alice dropped her cached list of bob's devices (under both addresses): bob2 gets the next one.
    await alice.send_text(bob.own_jid.to_non_ad(), "two")
    (got,) = await bob2_log.wait_for(Message)
    assert got.text == "two"
