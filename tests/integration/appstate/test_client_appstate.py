"""App-state sync between a waproto client and the FakeServer's phone over real sockets.

The phone shares its key after pairing; the client stores it, syncs every collection (the
snapshot blob comes from the media host), and keeps contacts and chat settings as local
state; changes on the phone arrive through ``server_sync``; changes from the client reach
the phone and the account's other companions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from waproto import Client
from waproto.appstate.events import ChatArchived, ChatMarkedRead, ChatMuted, ChatPinned, ContactChanged
from waproto.errors import StoreError
from waproto.store import ChatSettings, MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = pytest.mark.anyio

PHONE = "15556660001"
ANN = "15556660002@s.whatsapp.net"
BOB = "15556660003@s.whatsapp.net"
EVENTS = (ContactChanged, ChatArchived, ChatPinned, ChatMuted, ChatMarkedRead)


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer(FakeServerConfig(control=False)) as fake:
        fake.create_account(PHONE)
        yield fake


async def _client(server: FakeServer) -> tuple[Client, EventLog]:
    client = Client(MemoryStore(), config=client_config(server))
    log = EventLog(client, *EVENTS)
    await pair_by_qr(server, client, PHONE)
    return client, log


async def test_contacts_and_settings_follow_the_phone(server: FakeServer) -> None:
    phone = server.phone(PHONE)
    phone.set_contact(ANN, "Ann Example")
    phone.archive_chat(BOB)
    client, log = await _client(server)
    try:
        contact = (await log.wait_for(ContactChanged))[0]
        assert (contact.jid, contact.full_name, contact.initial) == (ANN, "Ann Example", True)
        await log.wait_for(ChatArchived)
        assert (await client.contacts())[ANN].full_name == "Ann Example"
        assert (await client.chat_settings(BOB))[BOB].archived

        # Later changes on the phone arrive as patches.
        phone.set_contact(ANN, "Ann Renamed")
        phone.pin_chat(BOB)
        phone.mute_chat(BOB, -1)
        renamed = (await log.wait_for(ContactChanged, 2))[1]
        assert (renamed.full_name, renamed.initial) == ("Ann Renamed", False)
        await log.wait_for(ChatMuted)
        await log.wait_for(ChatPinned)
        assert (await client.chat_settings(BOB))[BOB] == ChatSettings(
            BOB, archived=True, pinned=True, muted_until=-1
        )
    finally:
        await client.aclose()


async def test_client_changes_reach_the_phone_and_other_companions(server: FakeServer) -> None:
    first, _first_log = await _client(server)
    second, second_log = await _client(server)
    try:
        await first.archive_chat(ANN)
        await first.mark_chat_read(ANN, read=False)
        assert (await first.chat_settings(ANN))[ANN] == ChatSettings(ANN, archived=True, unread=True)
        await second_log.wait_for(ChatMarkedRead)
        assert (await second.chat_settings(ANN))[ANN] == ChatSettings(ANN, archived=True, unread=True)
        records = server.phone(PHONE).appstate.collections["regular_low"].records
        assert len(records) == 2  # the phone holds both verified records
        # The second companion synced the first one's patches; its own change builds on them.
        await second.pin_chat(ANN)
        assert server.phone(PHONE).appstate.collections["regular_low"].state.version == 3
    finally:
        await second.aclose()  # clients opened with __aenter__ close in reverse order
        await first.aclose()


async def test_a_failed_patch_commit_resumes_from_the_last_committed_version(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second of three patches fails to commit: the next sync starts after the first, once."""
    server.phone(PHONE).archive_chat(ANN)  # so the client holds regular_low and gets patches, not a snapshot
    client, log = await _client(server)
    store = client._session.store
    put = type(store).put_app_state_version
    committed: list[tuple[str, int]] = []
    failures = [2]  # fail the 2nd regular_low commit from now on, once

    async def flaky(self: object, name: str, version: int, *args: object, **kwargs: object) -> None:
        if name == "regular_low":
            failures[0] -= 1
            if failures[0] == 0:
                raise StoreError("disk full (injected)")
            committed.append((name, version))
        await put(self, name, version, *args, **kwargs)  # type: ignore[arg-type]

    try:
        await client.sync_app_state()
        start = (await store.get_app_state_version("regular_low") or (0, b""))[0]
        assert start == 1
        monkeypatch.setattr(type(store), "put_app_state_version", flaky)
        phone = server.phone(PHONE)
        phone.archive_chat(BOB)
        phone.pin_chat(BOB)
        phone.mark_chat_read(BOB, read=False)
        await log.wait_for(ChatMarkedRead)
        assert committed == [
            ("regular_low", start + 1),
            ("regular_low", start + 2),
            ("regular_low", start + 3),
        ]
        assert [len(log.of(kind)) for kind in (ChatArchived, ChatPinned, ChatMarkedRead)] == [2, 1, 1]
        assert (await client.chat_settings(BOB))[BOB] == ChatSettings(
            BOB, archived=True, pinned=True, unread=True
        )
    finally:
        await client.aclose()


async def test_a_missing_key_is_requested_from_the_phone(server: FakeServer) -> None:
    """The phone changes to a key it did not share: the client asks for it and then applies the patch."""
    client, log = await _client(server)
    try:
        await client.sync_app_state()
        phone = server.phone(PHONE)
        new_key = phone.rotate_sync_key()
        phone.archive_chat(BOB)
        archived = await log.wait_for(ChatArchived)
        assert archived[0].jid == BOB
        stored = await client._session.store.get_app_state_keys([new_key])
        assert stored == {new_key: phone.appstate.keys[new_key].key_data}
    finally:
        await client.aclose()
