"""Privacy tokens through the FakeServer: 463 without one, issued after a send, attached after."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Client, Message
from waproto.binary import Node
from waproto.messaging.privacy import PrivacyTokens
from waproto.messaging.send import MessageSendError
from waproto.session.live import LiveSession
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


async def test_a_contact_that_requires_tokens_gets_our_message_once_it_trusted_us(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.create_account("15550802", require_privacy_token=True)
    alice = await paired("15550801")
    bob = await paired("15550802")
    alice_log, bob_log = EventLog(alice, Message), EventLog(bob, Message)
    sends = sent_messages(monkeypatch, alice)

    with pytest.raises(MessageSendError, match="463"):
        await alice.send_text(bob.own_jid.to_non_ad(), "hi stranger")
    assert bob_log.of(Message) == []

    # Bob writes first; after the send he issues alice a trusted_contact token, which the
    # server hands to alice in a privacy_token notification. She keeps it per contact.
    await bob.send_text(alice.own_jid.to_non_ad(), "hello alice")
    await alice_log.wait_for(Message)
    await stored_token(alice, bob)
    issued = server.core.accounts.require("15550802").issued_tokens["15550801"]

    await alice.send_text(bob.own_jid.to_non_ad(), "hi again")
    assert [m.text for m in await bob_log.wait_for(Message)] == ["hi again"]
    assert sends[-1].require_child("tctoken").content_bytes() == issued[0]
    assert sends[0].get_child("tctoken") is None
    # Issued once per week bucket: bob's next send mints no new token.
    await bob.send_text(alice.own_jid.to_non_ad(), "and again")
    await alice_log.wait_for(Message, 2)
    assert server.core.accounts.require("15550802").issued_tokens["15550801"] == issued


def sent_messages(monkeypatch: pytest.MonkeyPatch, client: Client) -> list[Node]:
    """The message stanzas ``client`` sends (they go out through send_and_wait_ack)."""
    seen: list[Node] = []
    session = client._session
    original = LiveSession.send_and_wait_ack

    async def spy(self: LiveSession, node: Node) -> Node:
        if self is session:
            seen.append(node)
        return await original(self, node)

    monkeypatch.setattr(LiveSession, "send_and_wait_ack", spy)
    return seen


async def stored_token(holder: Client, contact: Client) -> None:
    """Wait (bounded) until ``holder`` keeps a token from ``contact``."""
    with anyio.fail_after(5):
        while not (await PrivacyTokens(holder.store).get(contact.own_jid.to_non_ad())).token:
            await anyio.sleep(0.02)
