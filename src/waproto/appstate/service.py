"""App-state sync for one session: key shares, fetching and applying collections, sending patches.

The phone shares sync keys as a self-only protocol message; they are stored and every
collection is synced. A collection is fetched from its stored version (a snapshot the
first time, external blobs downloaded as media), each snapshot or patch is verified by
:mod:`waproto.appstate.patches` and committed in one store transaction with its version,
LTHash, index MACs and the contacts and chat settings it changes; the events follow the
commit. The account's push name (``setting_pushName``) is saved with the credentials in that
transaction: it is the name presence announces. A crash mid-sync therefore resumes from the
last committed patch. ``server_sync``
notifications name the collections to fetch again; login syncs them all once keys exist.
Facts: protocol-wave2.md sections 3.2-3.8.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import ClassVar

import anyio

from waproto.appstate.crypto import MutationKeys, index_mac
from waproto.appstate.events import PushNameChanged
from waproto.appstate.local import apply_mutations, touched_jids
from waproto.appstate.patches import (
    Applied,
    Change,
    CollectionState,
    apply_patch,
    apply_snapshot,
    build_patch,
    encode_index,
    needed_key_ids,
    touched_index_macs,
)
from waproto.binary import Node
from waproto.connection import check_iq_error
from waproto.errors import AppStateError, AppStateKeyMissing, DecodeError, InvalidState, WAError
from waproto.events import Event, MessageInfo
from waproto.jid import USER_SERVER
from waproto.lid import LIDMap, pairs_from_sync_actions
from waproto.media.types import MediaRef, MediaType
from waproto.messaging.privacy import NCT_SALT
from waproto.proto import decode_message
from waproto.proto.wa_e2e_pb2 import Message
from waproto.proto.wa_sync_pb2 import ExternalBlobReference, SyncdMutations, SyncdPatch, SyncdSnapshot
from waproto.session import Session, StanzaRoute

__all__ = ["COLLECTIONS", "AppStateService"]

logger = logging.getLogger("waproto.appstate")

#: The five collections, in the order Baileys syncs them.
COLLECTIONS = ("critical_block", "critical_unblock_low", "regular_high", "regular_low", "regular")
XMLNS = "w:sync:app:state"
#: Fetch rounds per collection and sync (``has_more_patches`` loops), a bound against a server
#: that never says it is done.
MAX_ROUNDS = 50

Download = Callable[[MediaRef], Awaitable[bytes | None]]
SendPeer = Callable[[Message], Awaitable[object]]

#: A missing key is requested from the phone at most once per this many seconds (whatsmeow: 24 h).
KEY_REQUEST_INTERVAL = 24 * 3600.0
#: Key ids remembered for that bound (a hostile server naming new ids must not grow it).
MAX_REQUESTED_KEYS = 256


class AppStateService:
    """Keeps this device's copy of the account's app-state collections."""

    __slots__ = ("_download", "_lids", "_lock", "_requested", "_send_peer", "_session")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "_on_server_sync", type="server_sync"),
    )
    protocol_routes: ClassVar[tuple[tuple[int, str], ...]] = (
        (Message.ProtocolMessage.APP_STATE_SYNC_KEY_SHARE, "_on_key_share"),
    )

    def __init__(
        self, session: Session, download: Download, lids: LIDMap, send_peer: SendPeer | None = None
    ) -> None:
        self._session = session
        self._download = download
        self._lids = lids
        self._send_peer = send_peer
        self._requested: dict[bytes, float] | None = None
        self._lock: anyio.Lock | None = None
        session.router.register(self)

    # -- inbound ----------------------------------------------------------------------------------

    async def _on_key_share(self, info: MessageInfo, protocol: Message.ProtocolMessage) -> None:
        if not info.is_from_me:
            logger.warning("< app-state key share from %s ignored (only our phone shares keys)", info.sender)
            return
        keys = [
            (key.keyId.keyId, key.keyData.keyData, key.keyData.timestamp)
            for key in protocol.appStateSyncKeyShare.keys
            if key.keyId.keyId and len(key.keyData.keyData) == 32
        ]
        if not keys:
            return
        await self._session.store.put_app_state_keys(keys)
        logger.info("< %d app-state sync keys from our phone", len(keys))
        self._session.spawn(self.sync)

    async def _on_server_sync(self, node: Node) -> None:
        names = [c.attr("name") or "" for c in node.get_children("collection")]
        wanted = [name for name in names if name in COLLECTIONS]
        if wanted:
            self._session.spawn(self.sync, wanted)

    async def sync_if_keyed(self) -> None:
        """Sync every collection when a key is stored (at login)."""
        if await self._session.store.get_latest_app_state_key() is not None:
            await self.sync()

    # -- fetching and applying ----------------------------------------------------------------------

    async def sync(self, names: Sequence[str] = COLLECTIONS) -> None:
        """Fetch and apply ``names`` from their stored versions; a collection that fails is logged."""
        async with self._locked():
            for name in names:
                try:
                    await self._sync_one(name)
                except AppStateKeyMissing as exc:
                    logger.warning("app-state %s waits for a key: %s", name, exc)
                    await self._request_key(exc.key_id)
                except (AppStateError, DecodeError, WAError) as exc:
                    logger.warning("app-state %s not synced: %s", name, exc)

    async def _request_key(self, key_id: bytes) -> None:
        """Ask our phone for a sync key we lack (``APP_STATE_SYNC_KEY_REQUEST``), at most daily per key."""
        if self._send_peer is None:
            return
        requested = self._requested
        if requested is None:
            requested = self._requested = {}
        now = anyio.current_time()
        last = requested.get(key_id)
        if last is not None and now - last < KEY_REQUEST_INTERVAL:
            return
        if len(requested) >= MAX_REQUESTED_KEYS:
            requested.pop(next(iter(requested)))
        requested[key_id] = now
        request = Message.AppStateSyncKeyRequest(keyIds=[Message.AppStateSyncKeyId(keyId=key_id)])
        protocol = Message.ProtocolMessage(
            type=Message.ProtocolMessage.APP_STATE_SYNC_KEY_REQUEST, appStateSyncKeyRequest=request
        )
        try:
            await self._send_peer(Message(protocolMessage=protocol))
        except WAError as exc:
            logger.warning("> app-state key request failed: %s", exc)

    def _locked(self) -> anyio.Lock:
        if self._lock is None:
            self._lock = anyio.Lock()
        return self._lock

    async def _state(self, name: str) -> CollectionState | None:
        stored = await self._session.store.get_app_state_version(name)
        return None if stored is None else CollectionState(*stored)

    async def _sync_one(self, name: str) -> None:
        for _ in range(MAX_ROUNDS):
            state = await self._state(name)
            request = Node(
                "collection",
                {
                    "name": name,
                    "version": str(0 if state is None else state.version),
                    "return_snapshot": "true" if state is None else "false",
                },
            )
            collection = _collection(await self._query(request), name)
            more = await self._apply_answer(name, state, collection)
            if not more:
                return
        logger.warning("app-state %s: still more patches after %d rounds", name, MAX_ROUNDS)

    async def _apply_answer(self, name: str, state: CollectionState | None, collection: Node) -> bool:
        """Apply a ``<collection>`` answer (snapshot, then patches); True when the server has more."""
        snapshot = collection.get_child("snapshot")
        if snapshot is not None:
            reference = decode_message(ExternalBlobReference, snapshot.content_bytes(), "snapshot reference")
            data = await self._blob(reference)
            parsed = decode_message(SyncdSnapshot, data, "SyncdSnapshot")
            applied = apply_snapshot(name, parsed, await self._keys(needed_key_ids(parsed)))
            await self._commit(applied, initial=True)
            state = applied.state
        patches = collection.get_child("patches")
        for node in [] if patches is None else patches.get_children("patch"):
            patch = decode_message(SyncdPatch, node.content_bytes(), "SyncdPatch")
            current = state or CollectionState()
            if patch.HasField("version") and patch.version.version <= current.version:
                continue  # applied before (a resumed sync)
            if patch.HasField("externalMutations") and not patch.mutations:
                blob = await self._blob(patch.externalMutations)
                patch.mutations.extend(decode_message(SyncdMutations, blob, "SyncdMutations").mutations)
            previous = await self._session.store.get_app_state_macs(name, sorted(touched_index_macs(patch)))
            applied = apply_patch(name, current, patch, await self._keys(needed_key_ids(patch)), previous)
            await self._commit(applied)
            state = applied.state
        return collection.attr("has_more_patches") == "true"

    async def _keys(self, key_ids: Iterable[bytes]) -> dict[bytes, bytes]:
        return await self._session.store.get_app_state_keys(sorted(key_ids))

    async def _blob(self, reference: ExternalBlobReference) -> bytes:
        ref = MediaRef(
            media_type=MediaType.APP_STATE,
            media_key=reference.mediaKey,
            direct_path=reference.directPath,
            url=None,
            file_sha256=reference.fileSha256 or None,
            file_enc_sha256=reference.fileEncSha256 or None,
            file_length=reference.fileSizeBytes or None,
        )
        data = await self._download(ref)
        assert data is not None
        return data

    async def _commit(self, applied: Applied, *, initial: bool = False) -> None:
        """Store the verified result and the local state it changes in one transaction, then emit."""
        store = self._session.store
        contact_jids, chat_jids = touched_jids(applied.mutations)
        async with store.transaction():
            contacts = await store.get_contacts(sorted(contact_jids)) if contact_jids else {}
            chats = await store.get_chat_settings(sorted(chat_jids)) if chat_jids else {}
            local = apply_mutations(applied.name, applied.mutations, contacts, chats, initial=initial)
            await store.put_app_state_version(
                applied.name,
                applied.state.version,
                applied.state.lthash,
                applied.value_macs,
                replace_all=applied.replaces_all,
            )
            await store.put_contacts(local.contacts.values())
            await store.put_chat_settings(local.chats.values())
            if local.nct_salt:
                await store.put(NCT_SALT, "salt", local.nct_salt)
            elif local.nct_salt is not None:
                await store.delete(NCT_SALT, "salt")
            await self._adopt_push_name(local.events)
        logger.info("app-state %s at version %d", applied.name, applied.state.version)
        # Contacts' lidJid and pnForLidChat name PN<->LID pairs (a hint: stored after the commit).
        await self._lids.learn(pairs_from_sync_actions((m.index, m.value) for m in applied.mutations))
        for event in local.events:
            await self._session.emit(event)

    async def _adopt_push_name(self, events: Sequence[Event]) -> None:
        """The account's push name (``setting_pushName``) becomes ours: presence announces it."""
        names = [event.name for event in events if isinstance(event, PushNameChanged) and event.name]
        session = self._session
        if names and names[-1] != session.credentials.push_name:
            await session.save_credentials(dataclasses.replace(session.credentials, push_name=names[-1]))

    async def _query(self, *collections: Node) -> Node:
        session = self._session
        iq = Node(
            "iq",
            {"to": USER_SERVER, "type": "set", "xmlns": XMLNS, "id": session.next_id()},
            [Node("sync", {}, list(collections))],
        )
        return check_iq_error(await session.query(iq))

    # -- sending ------------------------------------------------------------------------------------

    async def send(self, name: str, changes: Sequence[Change]) -> None:
        """Encrypt ``changes`` as the next patch of ``name`` and send it; on a conflict, catch up and retry.

        Raises:
            InvalidState: no sync key yet (the phone has not shared one).
            AppStateError: the patch was refused.
        """
        async with self._locked():
            for attempt in range(2):
                if await self._send_once(name, changes):
                    return
                logger.info("app-state %s: conflict (attempt %d), fetching first", name, attempt + 1)
                await self._sync_one(name)
            raise AppStateError(f"app-state {name}: the server kept refusing our patch as stale")

    async def _send_once(self, name: str, changes: Sequence[Change]) -> bool:
        store = self._session.store
        latest = await store.get_latest_app_state_key()
        if latest is None:
            raise InvalidState("no app-state sync key yet: the phone has not shared one")
        key_id, key_data = latest
        state = await self._state(name) or CollectionState()
        keys = MutationKeys.expand(key_data)
        indexes = sorted({index_mac(keys, encode_index(change.index)) for change in changes})
        previous = await store.get_app_state_macs(name, indexes)
        patch, applied = build_patch(
            name, state, changes, key_id=key_id, key_data=key_data, previous=previous
        )
        request = Node(
            "collection",
            {"name": name, "version": str(state.version), "return_snapshot": "false"},
            [Node("patch", {}, patch.SerializeToString())],
        )
        collection = _collection(await self._query(request), name, allow_error=True)
        if collection.attr("type") == "error":
            error = collection.get_child("error")
            code = error.attr("code") if error is not None else None
            if code == "409":
                return False
            raise AppStateError(f"app-state {name}: patch refused ({code})")
        await self._commit(applied)
        return True


def _collection(answer: Node, name: str, *, allow_error: bool = False) -> Node:
    sync = answer.require_child("sync")
    for collection in sync.get_children("collection"):
        if collection.attr("name") == name:
            if collection.attr("type") == "error" and not allow_error:
                error = collection.get_child("error")
                raise AppStateError(f"app-state {name}: server error {error.attrs if error else ''}")
            return collection
    raise DecodeError(f"app-state answer without collection {name}")
