"""Receipts, presence and chat states as events on the other side."""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from tests.integration.client.test_delivery import sent_nodes
from waproto import Message
from waproto.events import ChatState, Presence, Receipt
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


async def test_delivery_receipt_reaches_the_sender(paired: PairedClient) -> None:
    alice = await paired("15550401")
    bob = await paired("15550402")
    log = EventLog(alice, Receipt)
    sent = await alice.send_text(bob.own_jid.to_non_ad(), "did you get it?")
    (receipt,) = await log.wait_for(Receipt)
    assert receipt.type == "delivery"
    assert receipt.message_ids == (sent.id,)
    # The chat runs at bob's LID; the receipt names his number beside it.
    assert receipt.chat == bob.own_lid.to_non_ad() and receipt.chat_alt == bob.own_jid.to_non_ad()
    assert receipt.sender == bob.own_lid and receipt.sender_alt == bob.own_jid


async def test_mark_read_sends_a_read_receipt(paired: PairedClient) -> None:
    alice = await paired("15550411")
    bob = await paired("15550412")
    alice_log, bob_log = EventLog(alice, Receipt), EventLog(bob, Message)
    first = await alice.send_text(bob.own_jid.to_non_ad(), "one")
    second = await alice.send_text(bob.own_jid.to_non_ad(), "two")
    received = await bob_log.wait_for(Message, 2)
    await alice_log.wait_for(Receipt, 2)
    await bob.mark_read(received[0].info.chat, [m.info.id for m in received])
    receipts = await alice_log.wait_for(Receipt, 3)
    read = receipts[-1]
    assert read.type == "read"
    assert read.message_ids == (first.id, second.id)
    assert read.sender == bob.own_lid and read.sender_alt == bob.own_jid


async def test_presence_subscription_answers_with_a_presence_event(paired: PairedClient) -> None:
    alice = await paired("15550421")
    bob = await paired("15550422")
    log = EventLog(alice, Presence)
    await alice.subscribe_presence(bob.own_jid)
    (presence,) = await log.wait_for(Presence)
    assert presence.jid == bob.own_jid.to_non_ad()
    assert presence.available


async def test_chat_state_reaches_the_peer(paired: PairedClient) -> None:
    alice = await paired("15550431")
    bob = await paired("15550432")
    log = EventLog(bob, ChatState)
    await alice.send_chat_state(bob.own_jid.to_non_ad(), "composing")
    await alice.send_chat_state(bob.own_jid.to_non_ad(), "paused", media="audio")
    composing, paused = await log.wait_for(ChatState, 2)
    assert (composing.state, composing.media) == ("composing", "")
    assert (paused.state, paused.media) == ("paused", "audio")
    assert composing.chat == alice.own_jid.to_non_ad() and composing.sender == alice.own_jid.to_non_ad()


async def test_receipts_are_inactive_until_available_then_presence_names_us_and_unifies(
    paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550441")
    bob = await paired("15550442", push_name="Bob")
    receipts = sent_nodes(monkeypatch, bob, lambda n: n.tag == "receipt")
    presence = sent_nodes(monkeypatch, bob, lambda n: n.tag in ("presence", "ib"))
    log, alice_log = EventLog(bob, Message), EventLog(alice, Receipt)
    await alice.send_text(bob.own_jid.to_non_ad(), "before")
    await log.wait_for(Message)
    assert (await alice_log.wait_for(Receipt))[0].type == "delivery"
    await bob.send_presence(True)
    await alice.send_text(bob.own_jid.to_non_ad(), "after")
    await log.wait_for(Message, 2)
    await alice_log.wait_for(Receipt, 2)
    assert [r.attrs.get("type") for r in receipts] == ["inactive", None]
    available, ib = presence
    assert available.attrs == {"type": "available", "name": "Bob"}
    (unified,) = ib.get_children()
    assert unified.tag == "unified_session" and unified.require_attr("id").isdigit()
    assert 0 <= int(unified.require_attr("id")) < 7 * 86_400_000


async def test_group_read_receipt_names_the_sender_user_not_its_device(
    paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550451")
    bob = await paired("15550452")
    log = EventLog(bob, Message)
    reads = sent_nodes(monkeypatch, bob, lambda n: n.tag == "receipt" and n.attrs.get("type") == "read")
    group = await alice.create_group("reads", [bob.own_jid.to_non_ad()])
    await alice.send_text(group.jid, "read me")
    (message,) = await log.wait_for(Message)
    assert message.info.sender.device == alice.own_jid.device != 0
    await bob.mark_read(group.jid, [message.info.id], sender=message.info.sender)
    (read,) = reads
    assert read.attrs["participant"] == str(message.info.sender.to_non_ad())  # LID or PN, no device


@pytest.mark.silent_phone  # a real phone would tell the name through app-state first
async def test_push_name_is_learned_from_our_other_devices_messages(
    server: FakeServer, paired: PairedClient
) -> None:
    server.create_account("15550461", push_name="Dana")
    laptop = await paired("15550461")
    tablet = await paired("15550461")  # a second companion of the same account
    peer = await paired("15550462")
    assert laptop.push_name == "" and tablet.own_jid.device != laptop.own_jid.device
    log = EventLog(laptop, Message)
    # The server relays our own sends to our other devices with notify=<our push name>.
    await tablet.send_text(peer.own_jid.to_non_ad(), "from the tablet")
    (copy,) = await log.wait_for(Message)
    assert copy.info.is_from_me
    assert laptop.push_name == "Dana"
    stored = await laptop.store.get_credentials()
    assert stored is not None and stored.push_name == "Dana"  # kept across restarts
