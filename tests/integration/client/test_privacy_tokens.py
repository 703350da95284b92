"""Privacy tokens through the FakeServer: 463 without one, issued after a send, attached after;
the ``<cstoken>`` fallback keyed by the NCT salt the phone keeps in app state."""

from __future__ import annotations

from contextlib import AsyncExitStack

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient, client_config, pair_by_qr
from waproto import Client, Message
from waproto.appstate import actions
from waproto.binary import Node
from waproto.messaging.privacy import PrivacyTokens, cs_token
from waproto.messaging.send import MessageSendError
from waproto.session.live import LiveSession
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio


async def test_a_contact_that_requires_tokens_gets_our_message_once_it_trusted_us(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.create_account("15550802", require_privacy_token=True)
    server.create_account("15550801")
    server.phone("15550801").set_nct_salt(None)  # no cstoken fallback: this test is about tctokens
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

    # Token-gated requests about bob carry his token too: presence subscribe, profile picture.
    nodes = spy_on(monkeypatch, alice, "send_node")
    queries = spy_on(monkeypatch, alice, "query")
    await alice.subscribe_presence(bob.own_jid.to_non_ad())
    await alice.profile_picture_url(bob.own_jid.to_non_ad())
    (subscribe,) = [n for n in nodes if n.tag == "presence"]
    assert subscribe.require_child("tctoken").content_bytes() == issued[0]
    (picture,) = [q.require_child("picture") for q in queries if q.attr("xmlns") == "w:profile:picture"]
    assert picture.require_child("tctoken").content_bytes() == issued[0]
    # ... never for ourselves.
    await alice.profile_picture_url(alice.own_jid.to_non_ad())
    assert queries[-1].require_child("picture").get_child("tctoken") is None


def sent_messages(monkeypatch: pytest.MonkeyPatch, client: Client) -> list[Node]:
    """The message stanzas ``client`` sends (they go out through send_and_wait_ack)."""
    return spy_on(monkeypatch, client, "send_and_wait_ack")


def spy_on(monkeypatch: pytest.MonkeyPatch, client: Client, method: str) -> list[Node]:
    """The nodes ``client`` passes to ``LiveSession.<method>`` (send_node, query, ...)."""
    seen: list[Node] = []
    session = client._session
    original = getattr(LiveSession, method)

    async def spy(self: LiveSession, node: Node) -> object:
        if self is session:
            seen.append(node)
        return await original(self, node)

    monkeypatch.setattr(LiveSession, method, spy)
    return seen


async def stored_token(holder: Client, contact: Client) -> None:
    """Wait (bounded) until ``holder`` keeps a token from ``contact``."""
    with anyio.fail_after(5):
        while not (await PrivacyTokens(holder.store, holder.lids).get(contact.own_jid.to_non_ad())).token:
            await anyio.sleep(0.02)


async def test_a_first_message_to_a_stranger_passes_with_a_cstoken_from_the_phones_nct_salt(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with (
        FakeServer(FakeServerConfig(control=False)) as server,
        AsyncExitStack() as stack,
    ):
        for phone in ("15550811", "15550812", "15550813"):
            server.create_account(phone, require_privacy_token=phone != "15550811")

        async def login(phone: str) -> Client:
            client = Client(
                MemoryStore(), config=client_config(server, ssl_context=server.test_ca.client_context())
            )
            await pair_by_qr(server, client, phone)
            stack.push_async_callback(client.aclose)
            return client

        alice, bob, carol = await login("15550811"), await login("15550812"), await login("15550813")
        bob_log = EventLog(bob, Message)
        sends = sent_messages(monkeypatch, alice)
        # The phone keeps the account's NCT salt in app state; the client stores it on sync.
        salt = server.core.accounts.require("15550811").nct_salt
        assert salt
        await stored_salt(alice, salt)

        # No token from bob yet: the message carries HMAC(salt, bob's LID) and gets through.
        await alice.send_text(bob.own_jid.to_non_ad(), "hi stranger")
        assert [m.text for m in await bob_log.wait_for(Message)] == ["hi stranger"]
        bob_lid = server.core.accounts.require("15550812").lid
        assert sends[-1].get_child("tctoken") is None
        assert sends[-1].require_child("cstoken").content_bytes() == cs_token(salt, bob_lid)

        # The phone withdraws the salt: the client forgets it, and a new stranger answers 463.
        server.phone("15550811").set_nct_salt(None)
        await stored_salt(alice, None)
        with pytest.raises(MessageSendError, match="463"):
            await alice.send_text(carol.own_jid.to_non_ad(), "hi carol")
        assert sends[-1].get_child("cstoken") is None and sends[-1].get_child("tctoken") is None


async def test_the_nct_salt_also_comes_with_the_history_bootstrap(server: FakeServer) -> None:
    account = server.create_account("15550821")
    phone = server.phone("15550821")
    # Only the history bootstrap names the salt here: app state holds no salt record.
    collection, removed = actions.set_nct_salt(None, 1000)
    phone.appstate.change(collection, [removed])
    assert account.nct_salt and not phone.appstate.collections["regular_high"].records
    client = Client(MemoryStore(), config=client_config(server, ssl_context=server.test_ca.client_context()))
    await pair_by_qr(server, client, "15550821")
    try:
        await stored_salt(client, account.nct_salt)
    finally:
        await client.aclose()


async def test_our_token_is_issued_again_when_the_contact_reregisters(
    server: FakeServer, paired: PairedClient
) -> None:
    alice = await paired("15550831")
    bob = await paired("15550832")
    await alice.send_text(bob.own_jid.to_non_ad(), "hi bob")
    alice_account = server.core.accounts.require("15550831")
    with anyio.fail_after(5):
        while "15550832" not in alice_account.issued_tokens:
            await anyio.sleep(0.02)
    first_token, first_time = alice_account.issued_tokens["15550832"]
    # Bob reinstalls WhatsApp: alice hears of his new identity and issues her token again,
    # with the time of her live issue (whatsmeow notification.go).
    server.reregister_phone("15550832")
    with anyio.fail_after(5):
        while alice_account.issued_tokens["15550832"][0] == first_token:
            await anyio.sleep(0.02)
    assert alice_account.issued_tokens["15550832"][1] == first_time


async def stored_salt(client: Client, salt: bytes | None) -> None:
    """Wait (bounded) until ``client``'s store holds ``salt`` as its NCT salt."""
    with anyio.fail_after(5):
        while await PrivacyTokens(client.store, client.lids).nct_salt() != salt:
            await anyio.sleep(0.02)
