"""Two companions of one account changing app-state: conflicts, message actions, the push name.

Real sockets against the FakeServer, whose phone acts like a real one by default: it shares
its key, holds the account's push name in ``critical_block`` and takes the companions' patches,
answering a stale one with 409 as WhatsApp does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import pytest

from tests.integration.client.conftest import EventLog, client_config, on_send, pair_by_qr
from waproto import Client
from waproto.appstate.events import (
    ChatArchived,
    ChatPinned,
    MessageDeletedForMe,
    MessageStarred,
    PushNameChanged,
)
from waproto.binary import Node
from waproto.store import ChatSettings, DeviceStore, MemoryStore, SQLiteStore
from waproto.testing import FakeServer
from waproto.testing.core import ServerCore
from waproto.testing.iq import IQ_HANDLERS
from waproto.testing.session import ServerSession

pytestmark = pytest.mark.anyio

PHONE = "15556670001"
ANN = "15556670002@s.whatsapp.net"
BOB = "15556670003@s.whatsapp.net"
GROUP = "120363000000000001@g.us"
EVENTS = (ChatArchived, ChatPinned, MessageStarred, MessageDeletedForMe, PushNameChanged)


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer() as fake:  # the phone acts like a real one by default
        fake.create_account(PHONE, push_name="Pat Example")
        yield fake


async def _client(server: FakeServer, store: DeviceStore | None = None) -> tuple[Client, EventLog]:
    client = Client(store or MemoryStore(), config=client_config(server))
    log = EventLog(client, *EVENTS)
    await pair_by_qr(server, client, PHONE)
    await client.sync_app_state()
    return client, log


async def _state(client: Client, name: str) -> tuple[int, bytes] | None:
    return await client._session.store.get_app_state_version(name)


async def test_a_stale_patch_gets_409_then_fetches_and_retries(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both companions change regular_low from the same version: the second is refused (409),
    fetches the first one's patch, applies it, and its retried patch is taken; both end equal.
    A third companion, which only watches, hears of both changes through ``server_sync``."""
    server.phone(PHONE).mark_chat_read(GROUP)  # so all hold regular_low and catch up by patches
    first, first_log = await _client(server)
    second, second_log = await _client(server)
    watcher, watcher_log = await _client(server)
    # The server holds the first companion's patch until the second one's arrives, then takes
    # both in that order: the two were made from the same version, as when both change at once.
    answer = IQ_HANDLERS["w:sync:app:state"]
    held: list[tuple[ServerSession, Node]] = []
    conflicts: list[str] = []

    def racing(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node | None:
        collections = iq.require_child("sync").get_children("collection")
        patches = [c.attrs["name"] for c in collections if c.get_child("patch") is not None]
        if patches and session.device_id == first.own_jid.device and not held and not conflicts:
            held.append((session, iq))
            return None
        if patches and held:
            first_session, first_iq = held.pop()
            reply = answer(core, first_session, first_iq, now)
            assert reply is not None
            first_session.send_node(reply)
        reply = answer(core, session, iq, now)
        if reply is not None and _refused(reply):
            conflicts.extend(patches)
        return reply

    monkeypatch.setitem(IQ_HANDLERS, "w:sync:app:state", racing)
    try:
        start = await _state(first, "regular_low")
        assert start is not None and start == await _state(second, "regular_low")
        async with anyio.create_task_group() as group:
            group.start_soon(first.archive_chat, ANN)
            with anyio.fail_after(10):
                while not held:
                    await anyio.sleep(0.01)
            await second.pin_chat(BOB)
        assert conflicts == ["regular_low"]  # the second one's first try was stale
        # The second companion applied the first one's archive while catching up.
        archived = await second_log.wait_for(ChatArchived)
        assert (archived[0].jid, archived[0].initial) == (ANN, False)
        # The first one hears of the second one's pin through server_sync.
        pinned = await first_log.wait_for(ChatPinned)
        assert pinned[0].jid == BOB
        # The watcher sends nothing: both changes reach it as patches named by server_sync.
        (watched_archive,) = await watcher_log.wait_for(ChatArchived)
        (watched_pin,) = await watcher_log.wait_for(ChatPinned)
        assert [(e.jid, e.initial) for e in (watched_archive, watched_pin)] == [(ANN, False), (BOB, False)]

        collection = server.phone(PHONE).appstate.collections["regular_low"]
        assert collection.state.version == start[0] + 2
        expected = (collection.state.version, collection.state.lthash)
        with anyio.fail_after(10):
            for client in (first, watcher):
                while await _state(client, "regular_low") != expected:
                    await anyio.sleep(0.01)
        assert await _state(second, "regular_low") == expected
        for client in (first, second, watcher):
            settings = await client.chat_settings()
            assert settings == {
                ANN: ChatSettings(ANN, archived=True),
                BOB: ChatSettings(BOB, pinned=True),
                GROUP: ChatSettings(GROUP),
            }
    finally:
        await watcher.aclose()
        await second.aclose()
        await first.aclose()


def _refused(reply: Node) -> bool:
    """An app-state answer refusing a patch as stale (``<collection type=error><error code=409>``)."""
    sync = reply.get_child("sync")
    errors = [] if sync is None else [c.get_child("error") for c in sync.get_children("collection")]
    return any(error is not None and error.attrs.get("code") == "409" for error in errors)


async def test_stars_and_deletes_for_me_reach_the_other_companion(server: FakeServer) -> None:
    server.phone(PHONE).mute_chat(GROUP, -1)  # so both hold regular_high and catch up by patches
    first, first_log = await _client(server)
    second, second_log = await _client(server)
    records = server.phone(PHONE).appstate.collections["regular_high"].records
    before = len(records)
    try:
        await first.star_message(ANN, "3EB0STARRED", from_me=False)
        await first.star_message(GROUP, "3EB0INGROUP", from_me=False, sender="15556670003:3@s.whatsapp.net")
        await first.delete_message_for_me(ANN, "3EB0GONE", from_me=True, timestamp=1_700_000_000)

        stars = await second_log.wait_for(MessageStarred, 2)
        assert [(s.chat, s.message_id, s.from_me, s.starred, s.participant, s.initial) for s in stars] == [
            (ANN, "3EB0STARRED", False, True, None, False),
            (GROUP, "3EB0INGROUP", False, True, BOB, False),  # a group message names its author, no device
        ]
        (deleted,) = await second_log.wait_for(MessageDeletedForMe)
        assert (deleted.chat, deleted.message_id, deleted.from_me, deleted.participant) == (
            ANN,
            "3EB0GONE",
            True,
            None,
        )
        # The sender's own events follow its committed patches too.
        assert len(first_log.of(MessageStarred)) == 2 and len(first_log.of(MessageDeletedForMe)) == 1

        # The phone holds them as WhatsApp files them (regular_high, whatsmeow's collection).
        await first.star_message(ANN, "3EB0STARRED", from_me=False, starred=False)
        unstarred = (await second_log.wait_for(MessageStarred, 3))[2]
        assert (unstarred.message_id, unstarred.starred) == ("3EB0STARRED", False)
        assert len(records) == before + 3  # two stars and the delete: the unstar replaced its star
    finally:
        await second.aclose()
        await first.aclose()


async def test_the_push_name_comes_from_app_state_and_is_what_presence_announces(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    store = await SQLiteStore.open(tmp_path / "pat.db")  # the name commits with the patch, in SQL
    client, log = await _client(server, store)
    try:
        (initial,) = await log.wait_for(PushNameChanged)
        assert (initial.name, initial.initial) == ("Pat Example", True)  # from the critical_block snapshot
        assert client.push_name == "Pat Example"

        # The phone renames the account: a patch (no message carries the new name).
        server.phone(PHONE).set_own_push_name("Pat Renamed")
        renamed = (await log.wait_for(PushNameChanged, 2))[1]
        assert (renamed.name, renamed.initial) == ("Pat Renamed", False)
        stored = await client._session.store.get_credentials()
        assert stored is not None and stored.push_name == "Pat Renamed"  # kept across restarts

        presences: list[Node] = []
        on_send(monkeypatch, client, lambda node: presences.append(node) if node.tag == "presence" else None)
        await client.send_presence(True)
        assert [p.attrs for p in presences] == [{"type": "available", "name": "Pat Renamed"}]
    finally:
        await client.aclose()
        await store.close()


async def test_a_push_name_set_on_one_companion_reaches_the_phone_and_the_other(server: FakeServer) -> None:
    first, _first_log = await _client(server)
    second, second_log = await _client(server)
    try:
        await second_log.wait_for(PushNameChanged)
        await first.set_push_name("Pat From Laptop")
        changed = (await second_log.wait_for(PushNameChanged, 2))[1]
        assert changed.name == "Pat From Laptop"
        assert second.push_name == "Pat From Laptop"
        assert server.core.accounts.require(PHONE).push_name == "Pat From Laptop"
        stored = await first._session.store.get_credentials()
        assert stored is not None and stored.push_name == "Pat From Laptop"
    finally:
        await second.aclose()
        await first.aclose()
