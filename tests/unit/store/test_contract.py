"""The per-device Protocols, run against both stores (``db`` is parametrized)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tests.unit.store.conftest import AnyStore
from waproto.crypto import serialize_public, xeddsa_verify
from waproto.errors import InvalidState, LeaseLost, StoreError
from waproto.retention import Pruned, RetentionPolicy, prune_expired
from waproto.store import AllStores, Credentials, Database, DeviceStore, LeaseStore, new_credentials

pytestmark = pytest.mark.anyio


def _random(seed: int) -> Callable[[int], bytes]:
    counter = [seed]

    def random(n: int) -> bytes:
        counter[0] += 1
        return bytes((counter[0] + i) & 0xFF for i in range(n))

    return random


async def test_views_implement_the_protocols(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert isinstance(db, Database)
    assert isinstance(device, DeviceStore)
    assert isinstance(device, AllStores)
    assert not hasattr(device, "__dict__")
    assert device.device_id == "a"


async def test_credentials_round_trip(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert await device.get_credentials() is None
    creds = new_credentials(_random(1), platform="android")
    await device.put_credentials(creds)
    assert await device.get_credentials() == creds
    paired = dataclasses.replace(creds, me="1555:3@s.whatsapp.net", account=b"\x01\x02", registered=True)
    await device.put_credentials(paired)
    assert await device.get_credentials() == paired


async def test_identities_trust_on_first_use(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert await device.get_identity("bob.0") is None
    assert await device.is_trusted_identity("bob.0", b"k1")
    await device.put_identity("bob.0", b"k1")
    assert await device.get_identity("bob.0") == b"k1"
    assert await device.is_trusted_identity("bob.0", b"k1")
    assert not await device.is_trusted_identity("bob.0", b"k2")
    await device.put_identity("bob.0", b"k2")
    assert await device.is_trusted_identity("bob.0", b"k2")
    await device.delete_identity("bob.0")
    assert await device.get_identity("bob.0") is None


async def test_prekeys_upload_bookkeeping(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_prekeys([(key_id, bytes([key_id]) * 32) for key_id in range(1, 11)])
    assert await device.get_prekey(3) == b"\x03" * 32
    assert await device.get_prekey(99) is None
    assert await device.count_prekeys() == 10
    assert [key_id for key_id, _ in await device.get_unuploaded_prekeys(4)] == [1, 2, 3, 4]
    await device.mark_prekeys_uploaded(5)
    assert await device.count_prekeys(uploaded=True) == 5
    assert await device.count_prekeys(uploaded=False) == 5
    assert [key_id for key_id, _ in await device.get_unuploaded_prekeys(100)] == [6, 7, 8, 9, 10]
    await device.remove_prekey(2)
    await device.remove_prekey(2)
    assert await device.get_prekey(2) is None
    assert await device.count_prekeys() == 9


async def test_signed_prekeys(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_signed_prekey(2, b"two")
    await device.put_signed_prekey(1, b"one")
    assert await device.list_signed_prekey_ids() == [1, 2]
    assert await device.get_signed_prekey(2) == b"two"
    await device.remove_signed_prekey(1)
    assert await device.list_signed_prekey_ids() == [2]
    assert await device.get_signed_prekey(1) is None


async def test_sessions(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert not await device.has_session("bob.1")
    await device.put_session("bob.1", b"r1")
    await device.put_sessions({"bob.2": b"r2", "carol.0": b"r3"})
    assert await device.has_session("bob.1")
    assert await device.get_session("bob.2") == b"r2"
    many = await device.get_sessions(["bob.1", "bob.2", "nobody.0", "bob.1"])
    assert many == {"bob.1": b"r1", "bob.2": b"r2"}
    await device.put_session("bob.1", b"r1-new")
    assert await device.get_session("bob.1") == b"r1-new"
    await device.delete_session("bob.1")
    assert await device.get_session("bob.1") is None
    assert await device.get_sessions([]) == {}


async def test_get_sessions_beyond_one_query(db: AnyStore) -> None:
    device = await db.create_device("a")
    records = {f"user{i}.0": i.to_bytes(2, "big") for i in range(1200)}
    await device.put_sessions(records)
    assert await device.get_sessions(list(records)) == records


async def test_sender_keys(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_sender_key("g1@g.us", "bob.0", b"s1")
    await device.put_sender_key("g2@g.us", "bob.0", b"s2")
    assert await device.get_sender_key("g1@g.us", "bob.0") == b"s1"
    assert await device.get_sender_key("g2@g.us", "bob.0") == b"s2"
    assert await device.get_sender_key("g1@g.us", "carol.0") is None
    await device.delete_sender_key("g1@g.us", "bob.0")
    assert await device.get_sender_key("g1@g.us", "bob.0") is None


async def test_processed_messages_and_pruning(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert not await device.is_processed("chat", "bob", "m1")
    await device.mark_processed("chat", "bob", "m1", at=100.0)
    await device.mark_processed("chat", "bob", "m2", at=200.0)
    await device.mark_processed("chat", "carol", "m1", at=300.0)
    assert await device.is_processed("chat", "bob", "m1")
    assert not await device.is_processed("other", "bob", "m1")
    assert await device.prune_processed(250.0) == 2
    assert not await device.is_processed("chat", "bob", "m1")
    assert await device.is_processed("chat", "carol", "m1")


async def test_sent_messages_and_pruning(db: AnyStore) -> None:
    device = await db.create_device("a")
    other = await db.create_device("b")
    assert await device.get_sent_message("m1") is None
    await device.put_sent_message("m1", b"r1", at=100.0)
    await device.put_sent_message("m2", b"r2", at=200.0)
    await other.put_sent_message("m1", b"other", at=100.0)
    assert await device.get_sent_message("m1") == b"r1"
    await device.put_sent_message("m1", b"r1-again", at=300.0)
    assert await device.prune_sent_messages(250.0) == 1
    assert await device.get_sent_message("m2") is None
    assert await device.get_sent_message("m1") == b"r1-again"
    assert await other.get_sent_message("m1") == b"other"


async def test_prune_expired_applies_the_retention_policy(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_sent_message("old", b"r", at=1000.0)
    await device.put_sent_message("new", b"r", at=1900.0)
    await device.mark_processed("c", "s", "old", at=1000.0)
    await device.mark_processed("c", "s", "new", at=1950.0)
    policy = RetentionPolicy(sent_messages=500.0, processed_ids=100.0)
    assert await prune_expired(device, policy, now=2000.0) == Pruned(sent_messages=1, processed_ids=1)
    assert await device.get_sent_message("new") is not None and await device.is_processed("c", "s", "new")
    keep_all = RetentionPolicy(sent_messages=None, processed_ids=None)
    assert await prune_expired(device, keep_all, now=1e12) == Pruned(0, 0)


async def test_key_value_namespaces(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put("app-state", "k1", b"v1")
    await device.put("app-state", "k2", b"v2")
    await device.put("other", "k1", b"x")
    assert await device.get("app-state", "k1") == b"v1"
    assert await device.items("app-state") == {"k1": b"v1", "k2": b"v2"}
    await device.delete("app-state", "k1")
    assert await device.items("app-state") == {"k2": b"v2"}
    assert await device.get("missing", "k") is None


async def test_delete_later_commits_with_the_next_write_or_a_flush(db: AnyStore) -> None:
    device = await db.create_device("a")
    other = await db.create_device("b")
    for key in ("k1", "k2", "k3"):
        await device.put("inbox", key, b"v")
    await device.delete_later("inbox", "k1")
    await other.put("ns", "k", b"x")  # another device's commit does not carry it
    await device.put("ns", "k", b"x")  # this device's next commit does
    assert await device.items("inbox") == {"k2": b"v", "k3": b"v"}
    await device.delete_later("inbox", "k2")
    with pytest.raises(RuntimeError):
        async with device.transaction():
            await device.put("ns", "k", b"y")
            raise RuntimeError("rolled back")
    await device.flush()  # the rolled-back transaction did not take the delete with it
    assert await device.items("inbox") == {"k3": b"v"}
    await device.flush()  # nothing pending: no-op
    assert await device.get("ns", "k") == b"x"


async def test_processed_and_session_in_one_read(db: AnyStore) -> None:
    device = await db.create_device("a")
    other = await db.create_device("b")
    await device.put_session("bob.0", b"record")
    await device.mark_processed("chat", "bob", "m1", at=1.0)
    await other.mark_processed("chat", "bob", "m2", at=1.0)
    assert await device.processed_and_session([("chat", "bob", "m1")], "bob.0") == (True, b"record")
    assert await device.processed_and_session([("chat", "bob", "m2")], "bob.0") == (False, b"record")
    assert await device.processed_and_session([("x", "y", "m1")], "carol.0") == (False, None)
    either = [("lid-chat", "lid-bob", "m1"), ("chat", "bob", "m1")]
    assert await device.processed_and_session(either, "carol.0") == (True, None)
    async with device.transaction():  # sees the transaction's own writes
        await device.put_session("carol.0", b"new")
        await device.mark_processed("c", "carol", "m3", at=2.0)
        assert await device.processed_and_session([("c", "carol", "m3")], "carol.0") == (True, b"new")


async def _fill(device: DeviceStore, tag: bytes) -> None:
    await device.put_credentials(new_credentials(_random(tag[0])))
    await device.put_identity("bob.0", tag)
    await device.put_prekeys([(1, tag)])
    await device.put_signed_prekey(1, tag)
    await device.put_session("bob.0", tag)
    await device.put_sender_key("g@g.us", "bob.0", tag)
    await device.mark_processed("chat", "bob", "m1", at=1.0)
    await device.put_sent_message("m1", tag, at=1.0)
    await device.put("ns", "k", tag)


async def _snapshot(device: DeviceStore) -> tuple[object, ...]:
    return (
        await device.get_credentials(),
        await device.get_identity("bob.0"),
        await device.get_prekey(1),
        await device.count_prekeys(),
        await device.get_signed_prekey(1),
        await device.list_signed_prekey_ids(),
        await device.get_session("bob.0"),
        await device.get_sender_key("g@g.us", "bob.0"),
        await device.is_processed("chat", "bob", "m1"),
        await device.get_sent_message("m1"),
        await device.items("ns"),
    )


async def test_two_devices_never_see_each_others_rows(db: AnyStore) -> None:
    a = await db.create_device("a")
    b = await db.create_device("b")
    await _fill(a, b"A")
    await _fill(b, b"B")
    snap_a, snap_b = await _snapshot(a), await _snapshot(b)
    assert snap_a[1] == b"A" and snap_b[1] == b"B"
    assert snap_a[0] != snap_b[0]
    assert await db.list_devices() == ["a", "b"]

    await db.delete_device("a")
    assert await db.list_devices() == ["b"]
    assert await _snapshot(b) == snap_b
    assert await _snapshot(db.device("a")) == (None, None, None, 0, None, [], None, None, False, None, {})


async def test_create_device_is_idempotent(db: AnyStore) -> None:
    a = await db.create_device("a")
    await a.put_session("x", b"1")
    await db.create_device("a")
    assert await a.get_session("x") == b"1"
    assert await db.list_devices() == ["a"]


async def test_writes_to_an_unknown_device_fail(db: AnyStore) -> None:
    ghost = db.device("ghost")
    with pytest.raises(StoreError):
        await ghost.put_session("bob.0", b"r")
    assert await ghost.get_session("bob.0") is None
    assert await db.list_devices() == []


async def test_closed_store_refuses_work(db: AnyStore) -> None:
    device = await db.create_device("a")
    await db.close()
    await db.close()
    with pytest.raises(InvalidState):
        await device.get_session("x")
    with pytest.raises(InvalidState):
        await device.put_session("x", b"1")


def test_credentials_repr_hides_secrets() -> None:
    creds = new_credentials(_random(7))
    text = repr(creds)
    for secret in (
        creds.noise_key.private,
        creds.identity_key.private,
        creds.signed_prekey.private,
        creds.adv_secret_key,
    ):
        assert secret.hex() not in text
        assert repr(secret) not in text
    assert "registration_id" in text


def test_new_credentials_sign_the_signed_prekey() -> None:
    creds = new_credentials(_random(5))
    signed = serialize_public(creds.signed_prekey.public)
    assert xeddsa_verify(creds.identity_key.public, signed, creds.signed_prekey_signature)
    assert 0 <= creds.registration_id < 0x4000
    assert creds.signed_prekey_id == 1 and not creds.registered


def test_credentials_decoding_rejects_garbage() -> None:
    good = new_credentials(_random(3)).to_bytes()
    assert Credentials.from_bytes(good) == Credentials.from_bytes(good)
    for bad in (b"", b"[]", b"{}", b'{"v":1}', good.replace(b'"v":1', b'"v":9'), good[:-5], b"\xff"):
        with pytest.raises(StoreError):
            Credentials.from_bytes(bad)


async def test_lid_mappings_both_ways_and_batched(db: AnyStore) -> None:
    device = await db.create_device("a")
    assert await device.get_lids_for_pns(["555"]) == {}
    await device.put_lid_mappings([("9001", "555"), ("9002", "556")])
    assert await device.get_lids_for_pns(["555", "556", "557", "555"]) == {"555": "9001", "556": "9002"}
    assert await device.get_pns_for_lids(["9002", "9003"]) == {"9002": "556"}
    assert await device.get_pns_for_lids([]) == {}
    many = [(f"{9_000_000 + i}", f"{1_000 + i}") for i in range(1200)]
    await device.put_lid_mappings(many)
    found = await device.get_lids_for_pns([pn for _, pn in many])
    assert found == {pn: lid for lid, pn in many}


async def test_lid_mapping_replaces_pairs_sharing_a_side(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_lid_mappings([("9001", "555")])
    await device.put_lid_mappings([("9009", "555")])  # the account got a new LID
    assert await device.get_lids_for_pns(["555"]) == {"555": "9009"}
    assert await device.get_pns_for_lids(["9001", "9009"]) == {"9009": "555"}
    await device.put_lid_mappings([("9009", "777")])  # the LID now has another number
    assert await device.get_lids_for_pns(["555", "777"]) == {"777": "9009"}
    assert await device.get_pns_for_lids(["9009"]) == {"9009": "777"}
    await device.put_lid_mappings([("9009", "777")])
    assert await device.get_pns_for_lids(["9009"]) == {"9009": "777"}


async def test_lid_mappings_are_per_device_and_roll_back(db: AnyStore) -> None:
    a = await db.create_device("a")
    b = await db.create_device("b")
    await a.put_lid_mappings([("9001", "555")])
    assert await b.get_lids_for_pns(["555"]) == {}
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await a.put_lid_mappings([("9002", "555")])
            raise RuntimeError
    assert await a.get_lids_for_pns(["555"]) == {"555": "9001"}
    await db.delete_device("a")
    assert await a.get_pns_for_lids(["9001"]) == {}


async def test_move_signal_user_rekeys_sessions_and_identities(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_sessions({"555.0": b"s0", "555.3": b"s3", "5550.1": b"other", "9001_1.3": b"lid3"})
    await device.put_identity("555.0", b"id0")
    await device.put_identity("555.3", b"id3")
    assert await device.move_signal_user("555", "9001_1") == 1
    assert await device.get_sessions(["555.0", "555.3"]) == {}
    # The LID record that already existed wins; the unrelated user is untouched.
    assert await device.get_sessions(["9001_1.0", "9001_1.3", "5550.1"]) == {
        "9001_1.0": b"s0",
        "9001_1.3": b"lid3",
        "5550.1": b"other",
    }
    assert await device.get_identity("9001_1.0") == b"id0"
    assert await device.get_identity("9001_1.3") == b"id3"
    assert await device.get_identity("555.0") is None
    assert await device.move_signal_user("555", "9001_1") == 0


async def test_move_signal_user_rolls_back_with_its_transaction(db: AnyStore) -> None:
    device = await db.create_device("a")
    await device.put_sessions({"555.0": b"s0", "555.1": b"s1"})
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await device.move_signal_user("555", "9001_1")
            raise RuntimeError
    assert await device.get_sessions(["555.0", "555.1", "9001_1.0"]) == {"555.0": b"s0", "555.1": b"s1"}


async def test_leases_are_taken_renewed_released_and_taken_over(db: AnyStore) -> None:
    await db.create_device("a")
    assert isinstance(db, LeaseStore)
    first = await db.acquire_lease("a", "host-1", ttl=60)
    assert first is not None and first.epoch == 1 and first.owner == "host-1"
    assert await db.acquire_lease("a", "host-2", ttl=60) is None
    (renewed,) = await db.renew_leases([first], ttl=120)
    assert renewed.epoch == 1 and renewed.expires_at > first.expires_at
    again = await db.acquire_lease("a", "host-1", ttl=60)  # the same owner restarting: new epoch
    assert again is not None and again.epoch == 2
    assert await db.renew_leases([first], ttl=60) == []
    await db.release_lease(again)
    taken = await db.acquire_lease("a", "host-2", ttl=60)
    assert taken is not None and taken.epoch == 3 and taken.owner == "host-2"
    assert await db.get_lease("a") == taken
    with pytest.raises(StoreError):
        await db.acquire_lease("ghost", "host-1", ttl=60)


async def test_an_expired_lease_is_taken_over(db: AnyStore) -> None:
    await db.create_device("a")
    old = await db.acquire_lease("a", "host-1", ttl=-1)  # already expired
    assert old is not None
    new = await db.acquire_lease("a", "host-2", ttl=60)
    assert new is not None and new.epoch == old.epoch + 1
    assert await db.renew_leases([old], ttl=60) == []


async def test_fenced_writes_fail_once_the_lease_moved_on(db: AnyStore) -> None:
    device = await db.create_device("a")
    other = await db.create_device("b")
    mine = await db.acquire_lease("a", "host-1", ttl=-1)
    assert mine is not None
    db.fence(mine)
    await device.put_session("x", b"while mine")
    async with device.transaction():
        await device.put_session("y", b"in a transaction")
    assert await db.acquire_lease("a", "host-2", ttl=60) is not None
    with pytest.raises(LeaseLost):
        await device.put_session("x", b"stale")
    with pytest.raises(LeaseLost):
        async with other.transaction():
            await other.put_session("x", b"rolled back with it")
            await device.mark_processed("chat", "bob", "m1", at=1.0)
    assert await device.get_session("x") == b"while mine"
    assert await other.get_session("x") is None
    assert not await device.is_processed("chat", "bob", "m1")
    await other.put_session("x", b"unfenced device")
    assert await other.get_session("x") == b"unfenced device"
