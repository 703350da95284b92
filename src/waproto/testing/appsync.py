"""The simulated phone's app-state collections and the ``w:sync:app:state`` iq that serves them.

The phone owns one sync key and five collections. Every change (seeded by a test, made on
the phone, or sent by a companion) becomes a real, MAC-ed patch built with
:mod:`waproto.appstate`, so companions verify exactly what they would verify from WhatsApp.
A collection keeps its encrypted records (a snapshot is those records plus a MAC over the
current LTHash) and every patch, so a companion can resume from any version.

Facts: protocol-wave2.md section 3 (fetch iq, snapshot blobs, 409 on a stale patch).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from waproto.appstate import (
    Applied,
    Change,
    CollectionState,
    MutationKeys,
    apply_patch,
    build_patch,
    snapshot_mac,
)
from waproto.binary import Node
from waproto.errors import AppStateError, DecodeError
from waproto.media.crypto import encrypt_media
from waproto.media.types import MediaType
from waproto.proto import decode_message
from waproto.proto.wa_sync_pb2 import (
    ExternalBlobReference,
    KeyId,
    SyncdPatch,
    SyncdRecord,
    SyncdSnapshot,
    SyncdVersion,
)

__all__ = ["COLLECTIONS", "BlobStore", "PhoneAppState", "PhoneCollection", "SyncKey"]

_log = logging.getLogger("waproto.testing.appsync")

COLLECTIONS = ("critical_block", "critical_unblock_low", "regular_high", "regular_low", "regular")

BlobStore = Callable[[bytes, str], dict[str, object]]
"""Stores an encrypted blob on the media host; returns the upload JSON (``direct_path``, ...)."""


@dataclass(frozen=True, slots=True)
class SyncKey:
    """The app-state sync key the phone shares with its companions."""

    key_id: bytes
    key_data: bytes
    timestamp_ms: int


@dataclass(slots=True)
class PhoneCollection:
    """One collection as the phone holds it: state, current records, and every patch."""

    name: str
    state: CollectionState = field(default_factory=CollectionState)
    records: dict[bytes, SyncdRecord] = field(default_factory=dict)
    patches: list[SyncdPatch] = field(default_factory=list)

    def value_macs(self) -> dict[bytes, bytes]:
        return {index: record.value.blob[-32:] for index, record in self.records.items()}

    def commit(self, patch: SyncdPatch, state: CollectionState) -> None:
        """Record a verified patch: its records replace or remove the current ones."""
        for mutation in patch.mutations:
            index = mutation.record.index.blob
            if mutation.operation == mutation.SET:
                self.records[index] = mutation.record
            else:
                self.records.pop(index, None)
        stored = SyncdPatch()
        stored.CopyFrom(patch)
        stored.version.version = state.version
        self.patches.append(stored)
        self.state = state


class PhoneAppState:
    """The phone's sync key and collections; answers fetches and takes companions' patches."""

    __slots__ = ("_random", "collections", "key", "keys")

    def __init__(self, key: SyncKey, random: Callable[[int], bytes]) -> None:
        self.key = key
        #: Every key the phone made, by id: companions may still sign with an older one.
        self.keys = {key.key_id: key}
        self._random = random
        self.collections = {name: PhoneCollection(name) for name in COLLECTIONS}

    def rotate_key(self, key: SyncKey) -> None:
        """Encrypt the phone's next changes with a new key (companions must get it shared)."""
        self.keys[key.key_id] = key
        self.key = key

    def change(self, name: str, changes: Sequence[Change]) -> int:
        """Apply changes made on the phone as one patch; returns the new version."""
        collection = self.collections[name]
        patch, applied = build_patch(
            name,
            collection.state,
            changes,
            key_id=self.key.key_id,
            key_data=self.key.key_data,
            previous=collection.value_macs(),
            random=self._random,
        )
        collection.commit(patch, applied.state)
        return applied.state.version

    def take_patch(self, name: str, patch: SyncdPatch) -> Applied:
        """Verify a companion's patch on top of the current version and commit it; returns what it changed.

        Raises:
            AppStateError: wrong MAC or LTHash (the companion's state drifted) or unknown key.
            StalePatch: the companion was behind; it must fetch and retry (409).
        """
        collection = self.collections[name]
        if patch.HasField("version") and patch.version.version != collection.state.version + 1:
            raise StalePatch(name)
        applied = apply_patch(
            name,
            collection.state,
            patch,
            {key_id: key.key_data for key_id, key in self.keys.items()},
            collection.value_macs(),
        )
        collection.commit(patch, applied.state)
        return applied

    def snapshot(self, name: str) -> SyncdSnapshot:
        """The collection's current records with a MAC over its LTHash and version."""
        collection = self.collections[name]
        keys = MutationKeys.expand(self.key.key_data)
        version = collection.state.version
        return SyncdSnapshot(
            version=SyncdVersion(version=version),
            records=list(collection.records.values()),
            mac=snapshot_mac(keys, collection.state.lthash, version, name),
            keyId=KeyId(id=self.key.key_id),
        )

    def answer(self, iq: Node, store_blob: BlobStore | None, on_change: Callable[[Applied], None]) -> Node:
        """The ``<sync>`` reply to a ``w:sync:app:state`` iq (fetches and sent patches)."""
        sync = iq.get_child("sync")
        if sync is None:
            raise DecodeError("app-state iq without <sync>")
        answers = []
        for request in sync.get_children("collection"):
            name = request.attrs.get("name", "")
            if name not in self.collections:
                answers.append(_error(name, 404))
                continue
            sent = request.get_child("patch")
            if sent is not None:
                answer = self._receive(name, request, sent, on_change)
                if answer is not None:
                    answers.append(answer)
                    continue
            answers.append(self._fetch(name, request, store_blob))
        return Node("sync", {}, answers)

    def _receive(
        self, name: str, request: Node, sent: Node, on_change: Callable[[Applied], None]
    ) -> Node | None:
        data = sent.content if isinstance(sent.content, bytes) else b""
        patch = decode_message(SyncdPatch, data, "SyncdPatch")
        try:
            applied = self.take_patch(name, patch)
        except StalePatch:
            return self._conflict(name, request)
        except AppStateError as exc:
            _log.info("refused a companion patch to %s: %s", name, exc)
            return _error(name, 400)
        on_change(applied)
        return None

    def _conflict(self, name: str, request: Node) -> Node:
        """409 with the patches the companion missed, as WhatsApp answers a stale patch."""
        collection = self.collections[name]
        since = _int(request.attrs.get("version"))
        patches = [Node("patch", {}, p.SerializeToString()) for p in collection.patches[since:]]
        attrs = {"name": name, "version": str(collection.state.version), "type": "error"}
        return Node(
            "collection",
            attrs,
            [
                Node("error", {"code": "409", "text": "conflict"}),
                *([Node("patches", {}, patches)] if patches else []),
            ],
        )

    def _fetch(self, name: str, request: Node, store_blob: BlobStore | None) -> Node:
        collection = self.collections[name]
        since = _int(request.attrs.get("version"))
        wants_snapshot = request.attrs.get("return_snapshot") == "true" or since == 0
        children: list[Node] = []
        if wants_snapshot and collection.state.version > 0 and store_blob is not None:
            children.append(Node("snapshot", {}, self._upload(self.snapshot(name), store_blob)))
        elif collection.state.version > since:
            patches = collection.patches[since:]
            children.append(Node("patches", {}, [Node("patch", {}, p.SerializeToString()) for p in patches]))
        attrs = {"name": name, "version": str(collection.state.version), "has_more_patches": "false"}
        return Node("collection", attrs, children)

    def _upload(self, snapshot: SyncdSnapshot, store_blob: BlobStore) -> bytes:
        media_key = self._random(32)
        encrypted = encrypt_media(snapshot.SerializeToString(), media_key, MediaType.APP_STATE)
        upload = store_blob(encrypted.blob, MediaType.APP_STATE.mms_type)
        return ExternalBlobReference(
            mediaKey=media_key,
            directPath=str(upload["direct_path"]),
            handle=str(upload.get("handle", "")),
            fileSizeBytes=encrypted.file_length,
            fileSha256=encrypted.file_sha256,
            fileEncSha256=encrypted.file_enc_sha256,
        ).SerializeToString()


class StalePatch(AppStateError):
    """A companion sent a patch for a version that is no longer the next one."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name}: patch is not on top of the current version")


def _error(name: str, code: int) -> Node:
    return Node("collection", {"name": name, "type": "error"}, [Node("error", {"code": str(code)})])


def _int(text: str | None) -> int:
    try:
        return max(0, int(text or 0))
    except ValueError:
        raise DecodeError(f"bad collection version {text!r}") from None
