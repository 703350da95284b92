"""The simulated phone's app-state (fetch, snapshot blobs, patches, companion patches) and history blobs."""

from __future__ import annotations

import itertools
import os
from typing import Any

import pytest

from waproto.appstate import Applied, Change, CollectionState, apply_patch, apply_snapshot, build_patch
from waproto.binary import Node
from waproto.history import HistoryMessage, HistoryPushname, HistoryStreamDecoder
from waproto.media.crypto import decrypt_media
from waproto.media.types import MediaType
from waproto.proto.wa_e2e_pb2 import Message
from waproto.proto.wa_sync_pb2 import ExternalBlobReference, SyncActionValue, SyncdPatch, SyncdSnapshot
from waproto.testing import FakeServerConfig, ServerCore
from waproto.testing.phone import PhoneAgent

JID = "15557770001@s.whatsapp.net"


class Blobs:
    """A media host stand-in: keeps blobs by direct path."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        self._ids = itertools.count()

    def __call__(self, blob: bytes, mms_type: str) -> dict[str, object]:
        path = f"/v/{mms_type}/{next(self._ids)}.enc"
        self.blobs[path] = blob
        return {"direct_path": path, "handle": "h"}


def _phone() -> tuple[ServerCore, PhoneAgent]:
    core = ServerCore(FakeServerConfig(), clock=lambda: 1_700_000_000.0, random=os.urandom)
    return core, core.phone(core.create_account("15557770000"))


def _fetch(phone: PhoneAgent, blobs: Blobs, name: str, version: int, **attrs: str) -> Node:
    request = Node("collection", {"name": name, "version": str(version), **attrs})
    iq = Node("iq", {"xmlns": "w:sync:app:state", "type": "set"}, [Node("sync", {}, [request])])
    answer = phone.appstate.answer(iq, blobs, lambda _applied: None)
    collection = answer.get_child("collection")
    assert collection is not None
    return collection


def _keys(phone: PhoneAgent) -> dict[bytes, bytes]:
    return {phone.appstate.key.key_id: phone.appstate.key.key_data}


def test_snapshot_then_patches_reach_the_phones_state() -> None:
    _core, phone = _phone()
    blobs = Blobs()
    phone.set_contact(JID, "Ann Example")
    phone.archive_chat(JID)
    snapshot_answer = _fetch(phone, blobs, "regular_low", 0, return_snapshot="true")
    snapshot_node = snapshot_answer.get_child("snapshot")
    assert snapshot_node is not None and isinstance(snapshot_node.content, bytes)
    ref = ExternalBlobReference.FromString(snapshot_node.content)
    plain = decrypt_media(
        blobs.blobs[ref.directPath], ref.mediaKey, MediaType.APP_STATE, file_enc_sha256=ref.fileEncSha256
    )
    applied = apply_snapshot("regular_low", SyncdSnapshot.FromString(plain), _keys(phone))
    assert applied.state == phone.appstate.collections["regular_low"].state
    assert applied.mutations[0].value.archiveChatAction.archived

    # Two phone changes later, the companion fetches patches from its version.
    phone.archive_chat(JID, archived=False)
    phone.pin_chat(JID)
    answer = _fetch(phone, blobs, "regular_low", applied.state.version)
    state, table = applied.state, {k: v for k, v in applied.value_macs.items() if v}
    patches = answer.get_child("patches")
    assert patches is not None
    for node in patches.get_children("patch"):
        assert isinstance(node.content, bytes)
        step = apply_patch("regular_low", state, SyncdPatch.FromString(node.content), _keys(phone), table)
        state = step.state
        table.update(step.value_macs)  # type: ignore[arg-type]
    assert state == phone.appstate.collections["regular_low"].state
    assert answer.attrs["version"] == str(state.version) == "3"


def test_companion_patch_accepted_stale_and_tampered() -> None:
    _core, phone = _phone()
    blobs = Blobs()
    phone.archive_chat(JID)
    collection = phone.appstate.collections["regular_low"]
    change = Change(("markChatAsRead", JID), SyncActionValue(markChatAsReadAction={"read": True}), 3)
    key = phone.appstate.key
    patch, _ = build_patch(
        "regular_low",
        collection.state,
        [change],
        key_id=key.key_id,
        key_data=key.key_data,
        previous=collection.value_macs(),
    )
    changed: list[Applied] = []

    def send(p: SyncdPatch, version: int) -> Node:
        request = Node(
            "collection",
            {"name": "regular_low", "version": str(version)},
            [Node("patch", {}, p.SerializeToString())],
        )
        iq = Node("iq", {}, [Node("sync", {}, [request])])
        node = phone.appstate.answer(iq, blobs, changed.append).get_child("collection")
        assert node is not None
        return node

    assert send(patch, 1).attrs["version"] == "2"
    assert [(applied.name, applied.mutations[0].index) for applied in changed] == [
        ("regular_low", ("markChatAsRead", JID))
    ]
    # The same patch again is now stale: 409 with what the companion missed.
    stale = send(patch, 1)
    assert stale.attrs["type"] == "error"
    error = stale.get_child("error")
    assert error is not None and error.attrs["code"] == "409"
    # A patch whose MACs do not verify is refused and changes nothing.
    bad, _ = build_patch(
        "regular_low",
        CollectionState(2, bytes(128)),
        [change],
        key_id=key.key_id,
        key_data=key.key_data,
        previous={},
    )
    refused = send(bad, 2)
    assert refused.get_child("error") is not None and collection.state.version == 2


def _history(phone: PhoneAgent, blobs: Blobs) -> list[tuple[Any, list[Any]]]:
    out = []
    for notification in phone._history_notifications(blobs):
        blob = blobs.blobs[notification.directPath]
        plain = decrypt_media(
            blob, notification.mediaKey, MediaType.HISTORY, file_enc_sha256=notification.fileEncSha256
        )
        decoder = HistoryStreamDecoder()
        items = [*decoder.feed(plain), *decoder.close()]
        out.append((notification, items))
    return out


def test_history_blobs_hold_the_seeded_chats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("waproto.testing.phone.HISTORY_CHUNK_MESSAGES", 7)
    _core, phone = _phone()
    for i in range(10):
        phone.add_message(JID, f"hello {i}", from_me=i % 2 == 0, timestamp=1_699_000_000 + i)
    phone.add_message("120363000000000001@g.us", "in a group", sender=JID)
    phone.set_push_name(JID, "Ann")
    chunks = _history(phone, Blobs())
    types = [Message.HistorySyncType.Name(n.syncType) for n, _ in chunks]
    assert types == ["INITIAL_BOOTSTRAP", "RECENT", "PUSH_NAME"]
    assert [n.progress for n, _ in chunks] == [33, 66, 100]
    texts = [
        i.message.message.message.conversation
        for _, items in chunks
        for i in items
        if isinstance(i, HistoryMessage)
    ]
    assert texts == [f"hello {i}" for i in range(10)] + ["in a group"]
    names = [i.pushname.pushname for _, items in chunks for i in items if isinstance(i, HistoryPushname)]
    assert names == ["Ann"]
