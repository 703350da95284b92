"""LID addressing end to end: the client against the FakeServer over real sockets (issue 12).

The server addresses like WhatsApp (LID groups, ``sender_pn``/``sender_lid``...);
the client keys sessions by LID once it knows the mapping, moves PN sessions
when it learns one, and reports both addresses of senders and chats.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, pair_by_qr
from waproto import Client, Message
from waproto.binary import Node
from waproto.events import PollVote, Receipt, UndecryptableMessage
from waproto.jid import JID
from waproto.messaging.context import signal_address
from waproto.proto import wa_e2e_pb2
from waproto.session import StanzaRouter
from waproto.session.live import LiveSession
from waproto.store import MemoryStore, SQLiteStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio


def _lid(server: FakeServer, client: Client) -> JID:
    return server.core.accounts.require(client.own_jid.user).lid


async def test_one_to_one_to_a_lid_reports_both_addresses(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550401")
    bob = await paired("15550402")
    bob_log, alice_log = EventLog(bob, Message), EventLog(alice, Message)
    alice_lid, bob_lid = _lid(server, alice), _lid(server, bob)
    assert alice.own_lid == JID(alice_lid.user, "lid", alice.own_jid.device)

    await alice.send_text(bob_lid, "to your lid")
    (got,) = await bob_log.wait_for(Message)
    info = got.info
    assert got.text == "to your lid"
    assert info.sender == alice.own_lid and info.chat == alice_lid
    assert info.sender_alt == alice.own_jid and info.chat_alt == alice.own_jid.to_non_ad()
    assert not info.is_from_me

    # Bob answers the chat as it arrived (the LID); his session is under alice's LID address.
    await bob.send_text(info.chat, "back to your lid")
    (back,) = await alice_log.wait_for(Message)
    assert back.info.sender.is_lid and back.info.sender_alt == bob.own_jid
    assert await bob.lids.lids_for([alice.own_jid.user]) == {alice.own_jid.user: alice_lid.user}
    assert await bob.store.get_session(signal_address(alice.own_jid)) is None
    assert await bob.store.get_session(signal_address(info.sender)) is not None


async def test_a_number_with_a_known_lid_is_written_to_at_the_lid(
    paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550411")
    bob = await paired("15550412")
    bob_log = EventLog(bob, Message)
    stanzas: list[Node] = []
    original = LiveSession.send_and_wait_ack

    async def spy(self: LiveSession, node: Node) -> Node:
        stanzas.append(node)
        return await original(self, node)

    monkeypatch.setattr(LiveSession, "send_and_wait_ack", spy)
    one = await alice.send_text(bob.own_jid.to_non_ad(), "one")
    # whatsmeow's shape (send.go SendMessage): to the LID, the number beside it, from our LID.
    (stanza,) = stanzas
    assert stanza.attrs["to"] == str(bob.own_lid.to_non_ad())
    assert stanza.attrs["peer_recipient_pn"] == str(bob.own_jid.to_non_ad())
    participants = stanza.require_child("participants").get_children("to")
    assert {JID.parse(t.require_attr("jid")).server for t in participants} == {"lid"}
    await alice.send_text(bob.own_jid.to_non_ad(), "two")
    first, second = await bob_log.wait_for(Message, 2)
    # usync answered bob's LID with his devices before the first send.
    assert one.chat is not None and one.chat.is_lid and one.chat == bob.own_lid.to_non_ad()
    assert first.info.sender.is_lid and second.info.sender.is_lid
    assert second.info.sender_alt == alice.own_jid

    plain = await paired("15550413", send_to_lid=False)  # the opt-out: the JID given
    three = await plain.send_text(bob.own_jid.to_non_ad(), "three")
    third = (await bob_log.wait_for(Message, 3))[-1]
    assert three.chat == bob.own_jid.to_non_ad()
    assert third.info.sender == plain.own_jid and third.info.sender_alt is not None
    assert third.info.sender_alt.is_lid


async def test_a_chat_started_by_number_is_one_chat_under_both_addresses(paired: PairedClient) -> None:
    """Alice knows bob by his number; the chat runs at the LIDs. Events name the chat both ways,
    and what is kept per chat (timer, poll, votes, receipts) is found under either address."""
    alice = await paired("15550414")
    bob = await paired("15550415")
    alice_log, bob_log = EventLog(alice, Message, PollVote, Receipt), EventLog(bob, Message)
    bob_pn, alice_pn = bob.own_jid.to_non_ad(), alice.own_jid.to_non_ad()

    await alice.set_disappearing(bob_pn, 86400)
    await alice.send_text(bob_pn, "hi bob")
    (hi,) = await bob_log.wait_for(Message)
    assert hi.info.chat.is_lid and hi.info.chat_alt == alice_pn
    assert hi.message.extendedTextMessage.contextInfo.expiration == 86400

    # Bob answers the chat as it arrived; alice sees her chat with bob's number as chat_alt.
    await bob.send_text(hi.info.chat, "hi alice")
    answer = next(e for e in await alice_log.wait_for(Message) if isinstance(e, Message))
    assert answer.info.chat == bob.own_lid.to_non_ad() and answer.info.chat_alt == bob_pn
    # The timer alice set by number came back on bob's answer (bob kept it under alice's LID).
    assert answer.message.extendedTextMessage.contextInfo.expiration == 86400
    receipt = next(e for e in await alice_log.wait_for(Receipt) if isinstance(e, Receipt))
    assert receipt.chat == bob.own_lid.to_non_ad() and receipt.chat_alt == bob_pn
    assert receipt.sender_alt is not None and receipt.sender_alt.user == bob_pn.user

    poll = await alice.send_poll(bob_pn, "lunch?", ["pizza", "sushi"])
    await bob_log.wait_for(Message, 2)
    await bob.vote_poll(alice_pn, poll.id, ["sushi"])  # by number: found under alice's LID
    await alice_log.wait_for(PollVote)
    tally = await alice.poll_tally(bob_pn, poll.id)
    assert [v.user for v in tally["sushi"]] == [bob.own_lid.user] and tally["pizza"] == []
    assert await alice.poll_tally(answer.info.chat, poll.id) == tally


async def test_lid_group_create_send_and_metadata(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550421")
    bob = await paired("15550422")
    carol = await paired("15550423")
    bob_log, alice_log = EventLog(bob, Message), EventLog(alice, Message)
    group = await alice.create_group("lid group", [bob.own_jid, carol.own_jid.to_non_ad()])
    assert group.is_lid_addressed
    by_number = {p.phone_number: p for p in group.participants}
    assert set(by_number) == {c.own_jid.to_non_ad() for c in (alice, bob, carol)}
    for client in (alice, bob, carol):
        member = by_number[client.own_jid.to_non_ad()]
        assert member.jid == member.lid == _lid(server, client)
    assert by_number[alice.own_jid.to_non_ad()].is_super_admin

    await alice.send_text(group.jid, "hello lid group")
    (got,) = await bob_log.wait_for(Message)
    assert got.info.chat == group.jid and got.info.is_group
    assert got.info.sender == alice.own_lid and got.info.sender_alt == alice.own_jid
    assert got.info.chat_alt is None

    info = await bob.group_info(group.jid)
    assert {p.lid for p in info.participants} == {_lid(server, c) for c in (alice, bob, carol)}
    await bob.send_text(group.jid, "hello back")
    (back,) = await alice_log.wait_for(Message)
    assert back.info.sender == bob.own_lid and back.text == "hello back"


async def test_pn_groups_still_work() -> None:
    async with FakeServer(FakeServerConfig(group_addressing="pn", control=False)) as pn_server:
        alice = Client(MemoryStore(), config=client_config(pn_server))
        bob = Client(MemoryStore(), config=client_config(pn_server))
        pn_server.create_account("15550431")
        pn_server.create_account("15550432")
        await pair_by_qr(pn_server, alice, "15550431")
        await pair_by_qr(pn_server, bob, "15550432")
        try:
            bob_log = EventLog(bob, Message)
            group = await alice.create_group("pn group", [bob.own_jid])
            assert not group.is_lid_addressed
            assert all(p.jid == p.phone_number and p.lid is not None for p in group.participants)
            await alice.send_text(group.jid, "hello pn group")
            (got,) = await bob_log.wait_for(Message)
            assert got.info.sender == alice.own_jid and got.info.sender_alt == alice.own_lid
        finally:
            await bob.aclose()
            await alice.aclose()


async def _chat(sender: Client, receiver: Client, log: EventLog, text: str) -> None:
    await sender.send_text(receiver.own_jid.to_non_ad(), text)
    received = await log.wait_for(Message, len(log.of(Message)) + 1)
    assert received[-1].text == text


def _forget_lids(path: Path) -> None:
    """Make the file look like one written before LIDs: mappings gone, sessions keyed by PN."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT lid, pn FROM lid_mappings").fetchall()
        for lid, pn in rows:
            for table in ("sessions", "identities"):
                conn.execute(
                    f"UPDATE {table} SET address = ? || substr(address, ?) WHERE substr(address, 1, ?) = ?",
                    (f"{pn}.", len(lid) + 4, len(lid) + 3, f"{lid}_1."),
                )
        conn.execute("DELETE FROM lid_mappings")
        conn.commit()


async def test_sessions_built_on_the_pn_move_to_the_lid_and_keep_working(
    server: FakeServer, tmp_path: Path
) -> None:
    paths = {name: tmp_path / f"{name}.db" for name in ("alice", "bob")}
    phones = {"alice": "15550441", "bob": "15550442"}
    for name, phone in phones.items():
        server.create_account(phone)
        async with SQLiteStore.open(paths[name]) as store:
            client = Client(store, config=client_config(server))
            await pair_by_qr(server, client, phone)
            await client.aclose()

    async def run(rounds: range) -> None:
        async with SQLiteStore.open(paths["alice"]) as a_store, SQLiteStore.open(paths["bob"]) as b_store:
            alice = Client(a_store, config=client_config(server))
            bob = Client(b_store, config=client_config(server))
            async with alice, bob:
                await alice.wait_connected(10)
                await bob.wait_connected(10)
                a_log = EventLog(alice, Message, UndecryptableMessage)
                b_log = EventLog(bob, Message, UndecryptableMessage)
                for i in rounds:
                    await _chat(alice, bob, b_log, f"a{i}")
                    await _chat(bob, alice, a_log, f"b{i}")
                # No Bad MAC, no retry: every message decrypted at the first try.
                assert not a_log.of(UndecryptableMessage) and not b_log.of(UndecryptableMessage)

    def sessions_by_kind(path: Path) -> tuple[int, int, int]:
        """(sessions under a phone number, sessions under a LID, mappings) of one file."""
        with closing(sqlite3.connect(path)) as conn:
            addresses = [row[0] for row in conn.execute("SELECT address FROM sessions")]
            mapped = conn.execute("SELECT count(*) FROM lid_mappings").fetchone()[0]
        on_lid = sum(a.split(".")[0].endswith("_1") for a in addresses)
        return len(addresses) - on_lid, on_lid, mapped

    await run(range(2))
    for path in paths.values():
        pn, lid, mapped = sessions_by_kind(path)
        assert pn == 0 and lid >= 1 and mapped >= 2  # keyed by LID from the start
        _forget_lids(path)
        assert sessions_by_kind(path) == (lid, 0, 0)
    # Sessions now sit under phone numbers; the next messages teach the mapping and move them.
    await run(range(2, 4))
    for path in paths.values():
        pn, lid, mapped = sessions_by_kind(path)
        assert pn == 0 and lid >= 1 and mapped >= 2


async def test_a_redelivery_to_the_other_address_is_a_duplicate(paired: PairedClient) -> None:
    alice = await paired("15550451", send_to_lid=False)  # the first copy goes to the number
    bob = await paired("15550452")
    log = EventLog(bob, Message, UndecryptableMessage)
    first = await alice.send_text(bob.own_jid.to_non_ad(), "once")
    (got,) = await log.wait_for(Message)
    assert got.info.chat == alice.own_jid.to_non_ad()
    # The same id again, now addressed to bob's LID (from alice's LID device).
    bob_lid = await alice.lids.alt_of(bob.own_jid.to_non_ad())
    assert bob_lid is not None
    await alice.send_message(bob_lid, wa_e2e_pb2.Message(conversation="once"), message_id=first.id)
    await alice.send_text(bob_lid, "twice")
    received = await log.wait_for(Message, 2)
    assert [m.text for m in received] == ["once", "twice"]
    assert received[1].info.chat.is_lid and not log.of(UndecryptableMessage)


async def test_a_member_whose_number_is_hidden_is_known_and_answered_by_lid_only(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550461")
    server.create_account("15550462", hide_number=True)
    bob = await paired("15550462")
    alice_log, bob_log = EventLog(alice, Message), EventLog(bob, Message)
    group = await bob.create_group("numbers hidden", [alice.own_jid.to_non_ad()])
    (bob_member,) = [p for p in group.participants if p.jid == bob.own_lid.to_non_ad()]
    info = await alice.group_info(group.jid)
    (seen,) = [p for p in info.participants if p.jid == bob.own_lid.to_non_ad()]
    assert seen.phone_number is None and seen.lid == bob.own_lid.to_non_ad() and bob_member.lid

    await bob.send_text(group.jid, "from a hidden number")
    (got,) = await alice_log.wait_for(Message)
    assert got.info.sender == bob.own_lid and got.info.sender_alt is None  # no participant_pn
    assert await alice.lids.pns_for([bob.own_lid.user]) == {}
    # Alice writes to the LID she knows; bob answers her chat as it arrived.
    await alice.send_text(got.info.sender.to_non_ad(), "by lid only")
    (direct,) = await bob_log.wait_for(Message)
    assert direct.text == "by lid only" and direct.info.chat == alice.own_lid.to_non_ad()
    await bob.send_text(direct.info.chat, "still by lid")
    back = (await alice_log.wait_for(Message, 2))[-1]
    assert back.info.chat == bob.own_lid.to_non_ad() and back.info.chat_alt is None
    assert await alice.lids.pns_for([bob.own_lid.user]) == {}

    # Bob links another device: alice, a 1:1 peer, is told by LID only, and reaches it.
    notes: list[Node] = []
    original = StanzaRouter.dispatch

    async def spy(self: StanzaRouter, node: Node) -> None:
        if self is alice._session.router and node.attrs.get("type") == "devices":
            notes.append(node)
        await original(self, node)

    monkeypatch.setattr(StanzaRouter, "dispatch", spy)
    bob2 = await paired("15550462")
    bob2_log = EventLog(bob2, Message)
    with anyio.fail_after(10):
        while not notes:
            await anyio.sleep(0.02)
    assert notes[0].attrs["from"] == str(bob.own_lid.to_non_ad()) and "lid" not in notes[0].attrs
    assert notes[0].require_child("add").require_child("device").attrs == {"jid": str(bob2.own_lid)}
    await alice.send_text(bob.own_lid.to_non_ad(), "to both of bob's devices")
    assert [m.text for m in await bob2_log.wait_for(Message)] == ["to both of bob's devices"]
    assert await alice.lids.pns_for([bob.own_lid.user]) == {}
