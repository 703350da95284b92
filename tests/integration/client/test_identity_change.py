"""A contact's phone re-registers with a new identity key: noticed, reported, and messaging goes on."""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Client, IdentityChanged, Message
from waproto.jid import JID
from waproto.messaging.context import signal_address
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio

BOB = "15550702"
BOB_PHONE = JID.parse(f"{BOB}@s.whatsapp.net")


async def _bob_address(alice: Client) -> str:
    """Where Alice keeps Bob's phone's session and identity: under his LID (the server told it)."""
    return signal_address((await alice.lids.signal_jids([BOB_PHONE]))[BOB_PHONE])


async def _first_contact(
    server: FakeServer, paired: PairedClient, alice_phone: str
) -> tuple[Client, EventLog, bytes]:
    """Bob's phone writes to Alice first: her client trusts its identity on first use."""
    alice = await paired(alice_phone)
    server.create_account(BOB)
    log = EventLog(alice, Message, IdentityChanged)
    server.send_text(BOB, str(alice.own_jid.to_non_ad()), "hello from the old phone")
    await log.wait_for(Message)
    first = await alice.store.get_identity(await _bob_address(alice))
    assert first is not None and log.of(IdentityChanged) == []
    return alice, log, first


async def test_the_servers_notice_drops_the_session_and_is_reported(
    server: FakeServer, paired: PairedClient
) -> None:
    alice, log, first = await _first_contact(server, paired, "15550701")
    server.reregister_phone(BOB)
    (changed,) = await log.wait_for(IdentityChanged)
    assert changed.jid == BOB_PHONE and not changed.implicit and changed.timestamp > 0
    assert await alice.store.get_session(await _bob_address(alice)) is None
    server.send_text(BOB, str(alice.own_jid.to_non_ad()), "hello from the new phone")
    messages = await log.wait_for(Message, 2)
    assert messages[1].text == "hello from the new phone"
    second = await alice.store.get_identity(await _bob_address(alice))
    assert second is not None and second != first
    assert len(log.of(IdentityChanged)) == 1


async def test_a_prekey_message_with_a_new_identity_replaces_the_session(
    server: FakeServer, paired: PairedClient
) -> None:
    alice, log, first = await _first_contact(server, paired, "15550703")
    server.reregister_phone(BOB, notify=False)
    server.send_text(BOB, str(alice.own_jid.to_non_ad()), "hello from the new phone")
    messages = await log.wait_for(Message, 2)
    assert messages[1].text == "hello from the new phone"
    (changed,) = log.of(IdentityChanged)
    assert changed.jid == BOB_PHONE and changed.implicit
    assert await alice.store.get_identity(await _bob_address(alice)) not in (None, first)


async def test_a_key_fetch_with_a_new_identity_starts_a_new_session(
    server: FakeServer, paired: PairedClient
) -> None:
    alice, log, first = await _first_contact(server, paired, "15550705")
    server.reregister_phone(BOB, notify=False)
    # Without a session Alice fetches Bob's keys and meets the new identity there.
    await alice.store.delete_session(await _bob_address(alice))
    await alice.send_text(BOB_PHONE, "do you still have my number?")
    (changed,) = await log.wait_for(IdentityChanged)
    # Alice writes to bob's LID (known), so the fetched bundle and the report name the LID.
    assert changed.jid == await alice.lids.alt_of(BOB_PHONE) and changed.implicit
    assert await alice.store.get_identity(await _bob_address(alice)) not in (None, first)
    assert await alice.store.get_session(await _bob_address(alice)) is not None
