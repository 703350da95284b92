"""LIDMap: lookups both ways, learning moves PN sessions to the LID once."""

from __future__ import annotations

import anyio
import pytest

from waproto.jid import JID
from waproto.lid import LIDMap
from waproto.store import MemoryStore

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_learning_moves_sessions_and_answers_both_ways() -> None:
    store = MemoryStore()
    device = await store.create_device("me")
    await device.put_sessions({"555.0": b"s0", "555.2": b"s2", "556.0": b"other"})
    await device.put_identity("555.2", b"k2")
    lids = LIDMap(device, anyio.Lock())
    assert await lids.learn([("9001", "555"), ("9001", "555")]) == 1
    assert await device.get_sessions(["555.0", "555.2"]) == {}
    assert await device.get_sessions(["9001_1.0", "9001_1.2"]) == {"9001_1.0": b"s0", "9001_1.2": b"s2"}
    assert await device.get_identity("9001_1.2") == b"k2"
    assert await device.get_session("556.0") == b"other"
    assert await lids.learn([("9001", "555")]) == 0  # known: no second move

    assert await lids.lids_for(["555", "556"]) == {"555": "9001"}
    assert await lids.pns_for(["9001"]) == {"9001": "555"}
    assert await lids.alt_of(JID.parse("555:2@s.whatsapp.net")) == JID.parse("9001:2@lid")
    assert await lids.alt_of(JID.parse("9001:2@lid")) == JID.parse("555:2@s.whatsapp.net")
    assert await lids.alt_of(JID.parse("556@s.whatsapp.net")) is None
    assert await lids.alt_of(JID.parse("1203@g.us")) is None


async def test_signal_jids_rewrite_known_pn_devices_only() -> None:
    store = MemoryStore()
    device = await store.create_device("me")
    lids = LIDMap(device, anyio.Lock())
    await lids.learn([("9001", "555")])
    pn_dev, other, lid_dev = (
        JID.parse("555:3@s.whatsapp.net"),
        JID.parse("556:1@s.whatsapp.net"),
        JID.parse("9002:1@lid"),
    )
    assert await lids.signal_jids([pn_dev, other, lid_dev]) == {
        pn_dev: JID.parse("9001:3@lid"),
        other: other,
        lid_dev: lid_dev,
    }


async def test_a_fresh_map_reads_what_another_learned() -> None:
    store = MemoryStore()
    device = await store.create_device("me")
    await LIDMap(device, anyio.Lock()).learn([("9001", "555")])
    fresh = LIDMap(device, anyio.Lock())
    assert await fresh.lids_for(["555"]) == {"555": "9001"}
    assert await fresh.learn([("9001", "555")]) == 0
    assert fresh.stats().hits >= 1


async def test_chat_records_are_written_under_the_lid_and_found_under_either_address() -> None:
    device = await MemoryStore().create_device("me")
    lids = LIDMap(device, anyio.Lock())
    pn, lid, group = JID.parse("555@s.whatsapp.net"), JID.parse("9001@lid"), JID.parse("1203@g.us")
    # Before the mapping is known: one form, the chat as given.
    assert await lids.chat_forms(JID.parse("555:3@s.whatsapp.net")) == (pn,)
    key, raw = await lids.chat_record("ns", pn, "/x")
    assert (key, raw) == ("555@s.whatsapp.net/x", None)
    await device.put("ns", key, b"old")
    await lids.learn([("9001", "555")])
    assert await lids.chat_forms(pn) == await lids.chat_forms(lid) == (lid, pn)
    assert await lids.chat_forms(group) == (group,)
    # Found under the number it was written under; the key to write is now the LID's.
    assert await lids.chat_record("ns", lid, "/x") == ("9001@lid/x", b"old")
    await device.put("ns", "9001@lid/x", b"new")
    assert await lids.chat_record("ns", pn, "/x") == ("9001@lid/x", b"new")


async def test_an_unknown_address_is_read_from_the_store_once_until_learned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = MemoryStore()
    device = await store.create_device("me")
    reads: list[list[str]] = []
    real = type(device).get_lids_for_pns

    async def counted(self: object, pns: list[str]) -> dict[str, str]:
        reads.append(list(pns))
        return await real(self, pns)  # type: ignore[arg-type]

    monkeypatch.setattr(type(device), "get_lids_for_pns", counted)
    lids = LIDMap(device, anyio.Lock())
    for _ in range(3):
        assert await lids.alt_of(JID.parse("555@s.whatsapp.net")) is None
    assert reads == [["555"]]
    await lids.learn([("9001", "555")])
    assert await lids.alt_of(JID.parse("555@s.whatsapp.net")) == JID.parse("9001@lid")
    assert await lids.pns_for(["9001"]) == {"9001": "555"}
