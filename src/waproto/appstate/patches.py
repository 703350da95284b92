"""Verify and apply app-state snapshots and patches, and build patches to send: pure functions.

Applying never touches storage: the caller loads what a patch needs (the sync keys it names,
:func:`needed_key_ids`, and the stored value MAC of every index it touches,
:func:`touched_index_macs`), calls :func:`apply_snapshot` or :func:`apply_patch`, and commits
the returned :class:`Applied` (new version and LTHash, index table changes) in one store
transaction. Every MAC and the LTHash are checked before anything is returned, so a patch that
fails verification raises :class:`~waproto.errors.AppStateIntegrityError` (or
:class:`~waproto.errors.AppStateKeyMissing`) and nothing of it is applied.

A patch whose mutations live in an external blob (``externalMutations``) must have them
downloaded and put in ``mutations`` first (the blob is a ``SyncdMutations``).
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from waproto.appstate.crypto import (
    MAC_LENGTH,
    MutationKeys,
    decrypt_value,
    encrypt_value,
    index_mac,
    patch_mac,
    snapshot_mac,
)
from waproto.appstate.lthash import ZERO_LTHASH, lthash_update
from waproto.crypto import RandomSource
from waproto.errors import AppStateIntegrityError, AppStateKeyMissing, DecodeError
from waproto.proto.wa_sync_pb2 import (
    KeyId,
    SyncActionData,
    SyncActionValue,
    SyncdIndex,
    SyncdMutation,
    SyncdPatch,
    SyncdRecord,
    SyncdSnapshot,
    SyncdValue,
    SyncdVersion,
)

__all__ = [
    "REMOVE",
    "SET",
    "Applied",
    "Change",
    "CollectionState",
    "Mutation",
    "Operation",
    "apply_patch",
    "apply_snapshot",
    "build_patch",
    "build_snapshot",
    "encode_index",
    "needed_key_ids",
    "touched_index_macs",
]

Operation = SyncdMutation.SyncdOperation
SET = SyncdMutation.SET
REMOVE = SyncdMutation.REMOVE

KeyLookup = Mapping[bytes, bytes]
"""Sync key id -> 32-byte key data, for the keys a patch names."""


@dataclass(frozen=True, slots=True)
class CollectionState:
    """A collection's committed version and LTHash (version 0 and zeros when never synced)."""

    version: int = 0
    lthash: bytes = ZERO_LTHASH


@dataclass(frozen=True, slots=True)
class Mutation:
    """One decrypted, verified record: set or remove ``value`` under ``index``."""

    operation: Operation
    index: tuple[str, ...]
    value: SyncActionValue
    version: int
    index_mac: bytes
    value_mac: bytes


@dataclass(frozen=True, slots=True)
class Change:
    """A mutation to send: ``index`` (e.g. ``("archive", jid)``) set to ``value`` or removed."""

    index: Sequence[str]
    value: SyncActionValue
    version: int
    operation: Operation = SET


@dataclass(frozen=True, slots=True)
class Applied:
    """What one verified snapshot or patch changes, for the caller to commit in one transaction.

    ``value_macs`` maps each touched index MAC to its new value MAC, or None when removed; for
    a snapshot (``replaces_all``) it is the whole table and the stored one is dropped first.
    """

    name: str
    state: CollectionState
    mutations: tuple[Mutation, ...]
    value_macs: dict[bytes, bytes | None] = field(default_factory=dict)
    replaces_all: bool = False


def encode_index(index: Sequence[str]) -> bytes:
    """The index as WhatsApp's JSON (``JSON.stringify`` of a string array: no spaces)."""
    return json.dumps(list(index), separators=(",", ":"), ensure_ascii=False).encode()


def _decode_index(raw: bytes) -> tuple[str, ...]:
    try:
        index = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise DecodeError("app-state index is not JSON") from None
    if not isinstance(index, list) or not all(isinstance(part, str) for part in index):
        raise DecodeError("app-state index is not an array of strings")
    return tuple(index)


def needed_key_ids(source: SyncdPatch | SyncdSnapshot) -> set[bytes]:
    """Every sync key id a patch or snapshot needs (its own and its records')."""
    records = source.records if isinstance(source, SyncdSnapshot) else (m.record for m in source.mutations)
    return {source.keyId.id, *(record.keyId.id for record in records)}


def touched_index_macs(patch: SyncdPatch) -> set[bytes]:
    """The index MACs a patch sets or removes: their stored value MACs feed :func:`apply_patch`."""
    return {mutation.record.index.blob for mutation in patch.mutations}


class _Keys:
    """Expands each sync key once per call; a key not in ``lookup`` raises AppStateKeyMissing."""

    __slots__ = ("_expanded", "_lookup")

    def __init__(self, lookup: KeyLookup) -> None:
        self._lookup = lookup
        self._expanded: dict[bytes, MutationKeys] = {}

    def __call__(self, key_id: bytes) -> MutationKeys:
        keys = self._expanded.get(key_id)
        if keys is None:
            key_data = self._lookup.get(key_id)
            if key_data is None:
                raise AppStateKeyMissing(key_id)
            keys = self._expanded[key_id] = MutationKeys.expand(key_data)
        return keys


def _decode_record(
    operation: Operation, record: SyncdRecord, keys: Callable[[bytes], MutationKeys]
) -> Mutation:
    key_id = record.keyId.id
    mutation_keys = keys(key_id)
    blob = record.value.blob
    data = decrypt_value(mutation_keys, operation, key_id, blob)
    expected_index = index_mac(mutation_keys, data.index)
    if not hmac.compare_digest(expected_index, record.index.blob):
        raise AppStateIntegrityError("app-state index MAC mismatch", which="index")
    return Mutation(
        operation=operation,
        index=_decode_index(data.index),
        value=data.value,
        version=data.version,
        index_mac=expected_index,
        value_mac=blob[-MAC_LENGTH:],
    )


def _fold(
    state: CollectionState,
    entries: Iterable[tuple[Operation, bytes, bytes]],
    previous: Mapping[bytes, bytes],
) -> tuple[bytes, dict[bytes, bytes | None]]:
    """Run ``(operation, index MAC, value MAC)`` entries over the LTHash and the index table.

    A record replaced or removed takes its earlier value MAC (from this patch, else
    ``previous``) out of the hash; a SET adds its own. Removing an index that was never set
    is refused, as both whatsmeow and Baileys do.
    """
    changes: dict[bytes, bytes | None] = {}
    removed: list[bytes] = []
    added: list[bytes] = []
    for operation, index, value in entries:
        earlier = changes[index] if index in changes else previous.get(index)
        if earlier is not None:
            removed.append(earlier)
        elif operation == REMOVE:
            raise AppStateIntegrityError("app-state patch removes an index never set", which="lthash")
        if operation == SET:
            added.append(value)
            changes[index] = value
        else:
            changes[index] = None
    return lthash_update(state.lthash, removed, added), changes


def apply_snapshot(name: str, snapshot: SyncdSnapshot, keys: KeyLookup) -> Applied:
    """Verify a whole-collection snapshot (every record, then its MAC over the rebuilt LTHash)."""
    expand = _Keys(keys)
    mutations = tuple(_decode_record(SET, record, expand) for record in snapshot.records)
    lthash = lthash_update(ZERO_LTHASH, (), (m.value_mac for m in mutations))
    version = snapshot.version.version
    expected = snapshot_mac(expand(snapshot.keyId.id), lthash, version, name)
    if not hmac.compare_digest(expected, snapshot.mac):
        raise AppStateIntegrityError(f"{name} snapshot MAC mismatch", which="snapshot")
    table: dict[bytes, bytes | None] = {m.index_mac: m.value_mac for m in mutations}
    return Applied(name, CollectionState(version, lthash), mutations, table, replaces_all=True)


def apply_patch(
    name: str, state: CollectionState, patch: SyncdPatch, keys: KeyLookup, previous: Mapping[bytes, bytes]
) -> Applied:
    """Verify ``patch`` on top of ``state``; ``previous`` holds the stored value MAC per touched index.

    Checks every record's value and index MAC, then the snapshot MAC over the updated LTHash
    and the patch MAC. A patch without a version is the next one (``state.version + 1``).
    """
    if patch.HasField("externalMutations") and not patch.mutations:
        raise DecodeError(f"{name} patch mutations are external: download them first")
    expand = _Keys(keys)
    mutations = tuple(_decode_record(m.operation, m.record, expand) for m in patch.mutations)
    version = patch.version.version if patch.HasField("version") else state.version + 1
    lthash, changes = _fold(state, ((m.operation, m.index_mac, m.value_mac) for m in mutations), previous)
    patch_keys = expand(patch.keyId.id)
    if not hmac.compare_digest(snapshot_mac(patch_keys, lthash, version, name), patch.snapshotMac):
        raise AppStateIntegrityError(f"{name} patch {version}: LTHash does not match", which="lthash")
    expected = patch_mac(patch_keys, patch.snapshotMac, (m.value_mac for m in mutations), version, name)
    if not hmac.compare_digest(expected, patch.patchMac):
        raise AppStateIntegrityError(f"{name} patch {version}: patch MAC mismatch", which="patch")
    return Applied(name, CollectionState(version, lthash), mutations, changes)


def _encode_records(
    changes: Sequence[Change], key_id: bytes, keys: MutationKeys, random: RandomSource
) -> list[tuple[Operation, SyncdRecord, bytes]]:
    out = []
    for change in changes:
        index_json = encode_index(change.index)
        data = SyncActionData(index=index_json, value=change.value, version=change.version)
        blob, mac = encrypt_value(keys, change.operation, key_id, data, random=random)
        record = SyncdRecord(
            index=SyncdIndex(blob=index_mac(keys, index_json)),
            value=SyncdValue(blob=blob),
            keyId=KeyId(id=key_id),
        )
        out.append((change.operation, record, mac))
    return out


def build_patch(
    name: str,
    state: CollectionState,
    changes: Sequence[Change],
    *,
    key_id: bytes,
    key_data: bytes,
    previous: Mapping[bytes, bytes],
    random: RandomSource = os.urandom,
) -> tuple[SyncdPatch, Applied]:
    """Encrypt ``changes`` as the next patch of ``name``; return it and the state it leads to.

    ``previous`` holds the stored value MAC of every index the changes touch (look them up
    with :func:`encode_index` and :func:`~waproto.appstate.crypto.index_mac`).
    """
    keys = MutationKeys.expand(key_data)
    records = _encode_records(changes, key_id, keys, random)
    version = state.version + 1
    lthash, table = _fold(state, ((op, rec.index.blob, mac) for op, rec, mac in records), previous)
    snapshot = snapshot_mac(keys, lthash, version, name)
    patch = SyncdPatch(
        version=SyncdVersion(version=version),
        mutations=[SyncdMutation(operation=op, record=rec) for op, rec, _ in records],
        snapshotMac=snapshot,
        patchMac=patch_mac(keys, snapshot, (mac for _, _, mac in records), version, name),
        keyId=KeyId(id=key_id),
    )
    mutations = tuple(
        Mutation(op, tuple(c.index), c.value, c.version, rec.index.blob, mac)
        for c, (op, rec, mac) in zip(changes, records, strict=True)
    )
    return patch, Applied(name, CollectionState(version, lthash), mutations, table)


def build_snapshot(
    name: str,
    version: int,
    changes: Sequence[Change],
    key_id: bytes,
    key_data: bytes,
    *,
    random: RandomSource = os.urandom,
) -> SyncdSnapshot:
    """Encrypt a whole collection (every change a SET) as a snapshot at ``version``."""
    if any(change.operation != SET for change in changes):
        raise ValueError("a snapshot holds only SET records")
    keys = MutationKeys.expand(key_data)
    records = _encode_records(changes, key_id, keys, random)
    lthash = lthash_update(ZERO_LTHASH, (), (mac for _, _, mac in records))
    return SyncdSnapshot(
        version=SyncdVersion(version=version),
        records=[rec for _, rec, _ in records],
        mac=snapshot_mac(keys, lthash, version, name),
        keyId=KeyId(id=key_id),
    )
