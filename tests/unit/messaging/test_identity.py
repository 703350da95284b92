"""Trust on first use: the first key is stored, the same key is accepted, a different one replaces it."""

from __future__ import annotations

import pytest

from waproto.messaging.identity import trust_identity
from waproto.store import MemoryStore

pytestmark = pytest.mark.anyio


async def test_first_use_stores_the_key_and_a_change_replaces_it() -> None:
    device = await MemoryStore().create_device("a")
    assert not await trust_identity(device, "bob.0", b"k1")
    assert await device.get_identity("bob.0") == b"k1"
    assert not await trust_identity(device, "bob.0", b"k1")
    assert await trust_identity(device, "bob.0", b"k2")
    assert await device.get_identity("bob.0") == b"k2"
    assert not await trust_identity(device, "bob.0", b"k2")
    # Other addresses are independent.
    assert not await trust_identity(device, "bob.1", b"k1")


async def test_a_change_rolls_back_with_its_transaction() -> None:
    store = MemoryStore()
    device = await store.create_device("a")
    await trust_identity(device, "bob.0", b"k1")
    with pytest.raises(RuntimeError):
        async with store.transaction():
            assert await trust_identity(device, "bob.0", b"k2")
            raise RuntimeError("decryption failed")
    assert await device.get_identity("bob.0") == b"k1"
