"""Receipts, presence and chat states as events on the other side."""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message
from waproto.events import ChatState, Presence, Receipt

pytestmark = pytest.mark.anyio


async def test_delivery_receipt_reaches_the_sender(paired: PairedClient) -> None:
    alice = await paired("15550401")
    bob = await paired("15550402")
    log = EventLog(alice, Receipt)
    sent = await alice.send_text(bob.own_jid.to_non_ad(), "did you get it?")
    (receipt,) = await log.wait_for(Receipt)
    assert receipt.type == "delivery"
    assert receipt.message_ids == (sent.id,)
    assert receipt.chat == bob.own_jid.to_non_ad()
    assert receipt.sender == bob.own_jid


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
    assert read.sender == bob.own_jid


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
