"""Baileys pairs with an account whose phone behaves like a real one.

The FakeServer's phone shares its app-state key, sends the history it holds (chats, messages,
push names; blobs on the media host) and serves its app-state collections. Baileys must show
the seeded history in ``messaging-history.set``, a contact name from the app-state snapshot,
and apply a patch the phone makes afterwards (archive) as ``chats.update``, for Baileys 6.17.16
(which holds every event back until it has a key) and 7.0.0-rc14. A waproto client linked
to the same account sees the same contact name, and its archive, star, delete for me and
push name reach Baileys.
"""

from __future__ import annotations

import base64

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.interop.baileys.conftest import INTEROP_CA, Driver, interop_server
from waproto import Client
from waproto.appstate.events import ContactChanged
from waproto.store import MemoryStore

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS = "15553450001"
PEER = "15553450002@s.whatsapp.net"


async def test_history_contacts_and_archive_reach_baileys(baileys: tuple[str, Driver]) -> None:
    version, call = baileys
    async with interop_server(version) as server:
        server.create_account(OURS)
        phone = server.phone(OURS)
        for i in range(5):
            phone.add_message(PEER, f"old message {i}", from_me=i % 2 == 1, timestamp=1_700_000_000 + i)
        phone.set_push_name(PEER, "Ann")
        phone.set_contact(PEER, "Ann Example")

        root = server.root_public_key.hex() if version == "v7" else None
        await call("start", name="a", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(OURS, (await call("wait_qr", name="a"))["qr"])
        await call("wait_open", name="a")

        history = await call("wait_history", name="a", messages=5)
        # The phone shared its key (Baileys 6 holds every event back until it has one) and the
        # account's name reached Baileys through app-state (critical_block setting_pushName).
        creds = await call("own_creds", name="a")
        phone_key = server.phone(OURS).appstate.key.key_id
        assert creds["myAppStateKeyId"] == base64.b64encode(phone_key).decode()
        assert creds["name"] == server.core.accounts.require(OURS).push_name
        texts = sorted(m["text"] for m in history["messages"] if m["remoteJid"] == PEER)
        assert texts == [f"old message {i}" for i in range(5)]
        assert PEER in {c["id"] for c in history["chats"]}
        await call("wait_contact", name="a", jid=PEER, field="name", value="Ann Example")

        phone.archive_chat(PEER)
        await call("wait_chat_update", name="a", jid=PEER, field="archived", value=True)


async def test_waproto_and_baileys_on_one_account_agree(baileys: tuple[str, Driver]) -> None:
    """Both companions of one account see the phone's contact name; waproto's archive, star,
    delete for me and push name reach Baileys."""
    version, call = baileys
    async with interop_server(version) as server:
        server.create_account(OURS)
        phone = server.phone(OURS)
        phone.add_message(PEER, "so Baileys knows the chat", timestamp=1_700_000_000)
        starred = phone.add_message(PEER, "star me", timestamp=1_700_000_001)
        mine = phone.add_message(PEER, "delete me here", from_me=True, timestamp=1_700_000_002)
        phone.set_contact(PEER, "Ann Example")
        root = server.root_public_key.hex() if version == "v7" else None
        await call("start", name="a", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(OURS, (await call("wait_qr", name="a"))["qr"])
        await call("wait_open", name="a")
        await call("wait_contact", name="a", jid=PEER, field="name", value="Ann Example")

        client = Client(MemoryStore(), config=client_config(server, ssl_context=INTEROP_CA.client_context()))
        log = EventLog(client, ContactChanged)
        await pair_by_qr(server, client, OURS)
        try:
            await log.wait_for(ContactChanged)
            assert (await client.contacts())[PEER].full_name == "Ann Example"
            await client.archive_chat(PEER)
            await call("wait_chat_update", name="a", jid=PEER, field="archived", value=True)
            assert (await client.chat_settings(PEER))[PEER].archived
            # Baileys applies waproto's message actions: messages.update {starred}, messages.delete.
            await client.star_message(PEER, starred.message_id, from_me=False)
            update = await call("wait_starred", name="a", msg_id=starred.message_id, starred=True)
            assert update["update"]["remoteJid"] == PEER and not update["update"]["fromMe"]
            await client.delete_message_for_me(PEER, mine.message_id, from_me=True, timestamp=mine.timestamp)
            deleted = await call("wait_deleted", name="a", msg_id=mine.message_id)
            assert deleted["key"]["remoteJid"] == PEER and deleted["key"]["fromMe"]
            # The account's push name, set from waproto, becomes Baileys' own (creds.me.name).
            await client.set_push_name("Pat From waproto")
            await call("wait_own_name", name="a", value="Pat From waproto")
        finally:
            await client.aclose()


async def test_the_phone_names_lids_to_baileys_7(baileys7: Driver) -> None:
    """History's ``phoneNumberToLidMappings``, a contact's ``lidJid`` and a ``LID_MIGRATION_MAPPING_SYNC``
    message reach Baileys 7's LID store (read from its key store, so no usync of Baileys' own could
    have filled it)."""
    async with interop_server("v7") as server:
        server.create_account(OURS)
        known, contact = server.create_account("15553450003"), server.create_account("15553450004")
        phone = server.phone(OURS)
        phone.add_message(str(known.jid), "a chat the history names", timestamp=1_700_000_000)
        root = server.root_public_key.hex()
        await baileys7("start", name="a", url=server.ws_url, root=root, media_host=server.media_host)
        server.scan_qr(OURS, (await baileys7("wait_qr", name="a"))["qr"])
        await baileys7("wait_open", name="a")
        await baileys7("wait_history", name="a", messages=1)
        assert (await baileys7("wait_lid_for", name="a", pn_user=known.phone_number))["lid"] == known.lid_user
        phone.set_contact(str(contact.jid), "Lid Contact")
        await baileys7("wait_contact", name="a", jid=str(contact.jid), field="name", value="Lid Contact")
        found = await baileys7("wait_lid_for", name="a", pn_user=contact.phone_number)
        assert found["lid"] == contact.lid_user
        # A chat the history did not name (its account came later): the migration sync names it.
        late = server.create_account("15553450005")
        phone.add_message(str(late.jid), "after linking", timestamp=1_700_000_001)
        assert phone.sync_lid_mappings() == 2
        found = await baileys7("wait_lid_for", name="a", pn_user=late.phone_number)
        assert found["lid"] == late.lid_user
