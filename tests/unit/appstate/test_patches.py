"""Patches and snapshots round-trip; any tampering is refused with a typed error, nothing applied."""

from __future__ import annotations

import pytest

from waproto.appstate import (
    REMOVE,
    SET,
    Change,
    CollectionState,
    apply_patch,
    apply_snapshot,
    build_patch,
    build_snapshot,
    needed_key_ids,
    touched_index_macs,
)
from waproto.errors import AppStateIntegrityError, AppStateKeyMissing, DecodeError
from waproto.proto.wa_sync_pb2 import SyncActionValue, SyncdMutations, SyncdPatch

KEY_ID = bytes.fromhex("00000000c0de")
KEY = bytes(range(32))
KEYS = {KEY_ID: KEY}
JID = "15551234567@s.whatsapp.net"


def _archive(archived: bool) -> SyncActionValue:
    return SyncActionValue(
        timestamp=1, archiveChatAction=SyncActionValue.ArchiveChatAction(archived=archived)
    )


def _contact(name: str) -> SyncActionValue:
    return SyncActionValue(timestamp=1, contactAction=SyncActionValue.ContactAction(fullName=name))


def _first_patch() -> tuple[SyncdPatch, CollectionState, dict[bytes, bytes]]:
    changes = [Change(("archive", JID), _archive(True), 3), Change(("contact", JID), _contact("Ann"), 2)]
    patch, applied = build_patch(
        "regular_low", CollectionState(), changes, key_id=KEY_ID, key_data=KEY, previous={}
    )
    table = {k: v for k, v in applied.value_macs.items() if v is not None}
    return patch, applied.state, table


def test_patch_round_trip() -> None:
    patch, state, _table = _first_patch()
    applied = apply_patch(
        "regular_low", CollectionState(), SyncdPatch.FromString(patch.SerializeToString()), KEYS, {}
    )
    assert applied.state == state
    assert [m.index for m in applied.mutations] == [("archive", JID), ("contact", JID)]
    assert applied.mutations[0].value.archiveChatAction.archived
    assert applied.mutations[1].value.contactAction.fullName == "Ann"
    assert needed_key_ids(patch) == {KEY_ID}
    assert touched_index_macs(patch) == set(applied.value_macs)


def test_second_patch_replaces_and_removes() -> None:
    _patch1, state1, table = _first_patch()
    changes = [
        Change(("archive", JID), _archive(False), 3),
        Change(("contact", JID), _contact("Ann"), 2, REMOVE),
        Change(("contact", JID), _contact("Ann B."), 2),
    ]
    patch2, built = build_patch("regular_low", state1, changes, key_id=KEY_ID, key_data=KEY, previous=table)
    applied = apply_patch("regular_low", state1, patch2, KEYS, table)
    assert applied.state == built.state and applied.state.version == 2
    # The same final records from nothing give the same LTHash (order-free summary).
    final = [Change(("archive", JID), _archive(False), 3), Change(("contact", JID), _contact("Ann B."), 2)]
    fresh_records = build_snapshot("regular_low", 2, final, KEY_ID, KEY)
    snapshot = apply_snapshot("regular_low", fresh_records, KEYS)
    # Records encrypt with fresh IVs, so value MACs differ; compare the index tables' keys.
    assert set(snapshot.value_macs) == {k for k, v in applied.value_macs.items() if v is not None}


def test_snapshot_round_trip_and_tamper() -> None:
    changes = [Change(("contact", f"1555000{i:04d}@s.whatsapp.net"), _contact(f"n{i}"), 2) for i in range(20)]
    snapshot = build_snapshot("critical_unblock_low", 7, changes, KEY_ID, KEY)
    applied = apply_snapshot("critical_unblock_low", snapshot, KEYS)
    assert applied.replaces_all and applied.state.version == 7 and len(applied.mutations) == 20
    bad = type(snapshot).FromString(snapshot.SerializeToString())
    bad.mac = bytes(32)
    with pytest.raises(AppStateIntegrityError) as info:
        apply_snapshot("critical_unblock_low", bad, KEYS)
    assert info.value.which == "snapshot"
    with pytest.raises(AppStateIntegrityError):
        apply_snapshot("regular", snapshot, KEYS)  # the MAC binds the collection name
    dropped = type(snapshot).FromString(snapshot.SerializeToString())
    del dropped.records[3]
    with pytest.raises(AppStateIntegrityError, match="snapshot MAC"):
        apply_snapshot("critical_unblock_low", dropped, KEYS)


def _tampered(patch: SyncdPatch, edit: str) -> SyncdPatch:
    bad = SyncdPatch.FromString(patch.SerializeToString())
    record = bad.mutations[0].record
    if edit == "value":
        blob = bytearray(record.value.blob)
        blob[20] ^= 1
        record.value.blob = bytes(blob)
    elif edit == "index":
        bad.mutations[0].record.index.blob = bad.mutations[1].record.index.blob
    elif edit == "operation":
        bad.mutations[0].operation = REMOVE
    elif edit == "lthash":
        bad.snapshotMac = bytes(32)
    elif edit == "patch":
        bad.patchMac = bytes(32)
    elif edit == "version":
        bad.version.version = 5
    return bad


@pytest.mark.parametrize(
    ("edit", "which"),
    [
        ("value", "value"),
        ("index", "index"),
        ("operation", "value"),
        ("lthash", "lthash"),
        ("patch", "patch"),
        ("version", "lthash"),
    ],
)
def test_tampered_patch_is_refused(edit: str, which: str) -> None:
    patch, _state, _table = _first_patch()
    with pytest.raises(AppStateIntegrityError) as info:
        apply_patch("regular_low", CollectionState(), _tampered(patch, edit), KEYS, {})
    assert info.value.which == which


def test_wrong_stored_state_is_refused() -> None:
    """A companion whose stored LTHash or index table drifted refuses the next patch."""
    _patch1, state1, table = _first_patch()
    patch2, _ = build_patch(
        "regular_low",
        state1,
        [Change(("archive", JID), _archive(False), 3)],
        key_id=KEY_ID,
        key_data=KEY,
        previous=table,
    )
    with pytest.raises(AppStateIntegrityError):
        apply_patch("regular_low", CollectionState(1, bytes(128)), patch2, KEYS, table)
    with pytest.raises(AppStateIntegrityError):
        apply_patch("regular_low", state1, patch2, KEYS, {})  # the replaced value MAC is unknown


def test_remove_of_unknown_index_is_refused() -> None:
    with pytest.raises(AppStateIntegrityError):
        build_patch(
            "regular_low",
            CollectionState(),
            [Change(("pin_v1", JID), SyncActionValue(), 5, REMOVE)],
            key_id=KEY_ID,
            key_data=KEY,
            previous={},
        )


def test_missing_key() -> None:
    patch, _state, _table = _first_patch()
    with pytest.raises(AppStateKeyMissing) as info:
        apply_patch("regular_low", CollectionState(), patch, {}, {})
    assert info.value.key_id == KEY_ID


def test_external_mutations_must_be_fetched_first() -> None:
    patch, _state, _table = _first_patch()
    external = SyncdPatch.FromString(patch.SerializeToString())
    blob = SyncdMutations(mutations=external.mutations).SerializeToString()
    del external.mutations[:]
    external.externalMutations.directPath = "/v/t62/x"
    with pytest.raises(DecodeError):
        apply_patch("regular_low", CollectionState(), external, KEYS, {})
    external.mutations.extend(SyncdMutations.FromString(blob).mutations)
    assert apply_patch("regular_low", CollectionState(), external, KEYS, {}).state.version == 1


def test_snapshot_refuses_remove_records() -> None:
    with pytest.raises(ValueError):
        build_snapshot("regular", 1, [Change(("x",), SyncActionValue(), 1, REMOVE)], KEY_ID, KEY)
    assert SET != REMOVE
