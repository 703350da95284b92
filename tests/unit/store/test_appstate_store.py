"""App-state keys, collection versions and index MACs, contacts and chat settings, on every store."""

from __future__ import annotations

import pytest

from tests.unit.store.conftest import AnyStore
from waproto.store import AppStateStore, ChatSettings, Contact, ContactStore

pytestmark = pytest.mark.anyio


async def test_sync_keys_and_the_latest_one(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert isinstance(device, AppStateStore) and isinstance(device, ContactStore)
    assert await device.get_latest_app_state_key() is None
    await device.put_app_state_keys([(b"\x00\x01", b"k1" * 16, 1000), (b"\x00\x02", b"k2" * 16, 3000)])
    await device.put_app_state_keys([(b"\x00\x03", b"k3" * 16, 2000)])
    assert await device.get_latest_app_state_key() == (b"\x00\x02", b"k2" * 16)
    found = await device.get_app_state_keys([b"\x00\x01", b"\x00\x09", b"\x00\x03"])
    assert found == {b"\x00\x01": b"k1" * 16, b"\x00\x03": b"k3" * 16}


async def test_collection_versions_and_index_macs(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert await device.get_app_state_version("regular") is None
    await device.put_app_state_version("regular", 3, b"h" * 128, {b"i1": b"v1", b"i2": b"v2"})
    await device.put_app_state_version("regular_low", 1, b"x" * 128, {b"i1": b"other"})
    assert await device.get_app_state_version("regular") == (3, b"h" * 128)
    await device.put_app_state_version("regular", 4, b"g" * 128, {b"i1": None, b"i3": b"v3", b"i2": b"v2b"})
    macs = await device.get_app_state_macs("regular", [b"i1", b"i2", b"i3", b"i4"])
    assert macs == {b"i2": b"v2b", b"i3": b"v3"}
    # A snapshot replaces the whole table of its collection, and only of its collection.
    await device.put_app_state_version("regular", 9, b"s" * 128, {b"i9": b"v9"}, replace_all=True)
    assert await device.get_app_state_macs("regular", [b"i2", b"i3", b"i9"]) == {b"i9": b"v9"}
    assert await device.get_app_state_macs("regular_low", [b"i1"]) == {b"i1": b"other"}
    assert await device.get_app_state_version("regular") == (9, b"s" * 128)


async def test_a_failed_patch_commit_leaves_the_previous_version(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_app_state_version("regular", 1, b"a" * 128, {b"i1": b"v1"})
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await device.put_app_state_version("regular", 2, b"b" * 128, {b"i1": None})
            await device.put_contacts([Contact("x@s.whatsapp.net", full_name="X")])
            raise RuntimeError
    assert await device.get_app_state_version("regular") == (1, b"a" * 128)
    assert await device.get_app_state_macs("regular", [b"i1"]) == {b"i1": b"v1"}
    assert await device.get_contacts() == {}


async def test_contacts_and_chat_settings(db: AnyStore) -> None:
    a = await db.create_device("a")
    b = await db.create_device("b")
    ann = Contact("1@s.whatsapp.net", full_name="Ann Example", first_name="Ann")
    await a.put_contacts([ann, Contact("2@s.whatsapp.net", push_name="Bo")])
    await a.put_contacts([Contact("2@s.whatsapp.net", full_name="Bob", push_name="Bo")])
    assert await a.get_contacts(["1@s.whatsapp.net", "3@s.whatsapp.net"]) == {ann.jid: ann}
    assert list(await a.get_contacts()) == ["1@s.whatsapp.net", "2@s.whatsapp.net"]
    assert (await a.get_contacts())["2@s.whatsapp.net"].full_name == "Bob"
    chat = ChatSettings("1@s.whatsapp.net", archived=True, muted_until=-1)
    await a.put_chat_settings([chat])
    assert await a.get_chat_settings() == {chat.jid: chat}
    assert await b.get_contacts() == {} and await b.get_chat_settings() == {}
    await db.delete_device("a")
    assert await a.get_chat_settings(["1@s.whatsapp.net"]) == {}
