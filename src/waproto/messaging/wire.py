"""Builders and parsers for the stanzas of the message path: pure functions over nodes.

Shapes follow WA Web as Baileys and whatsmeow send and read them
(``../shared/reference/baileys.md`` §3): usync device lists, key-bundle fetches,
``<message>`` with per-device ``<enc>``, acks, receipts and retry receipts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from waproto.binary import Node
from waproto.connection import check_iq_error
from waproto.crypto import RandomSource
from waproto.errors import DecodeError, JIDError
from waproto.jid import JID, USER_SERVER

__all__ = [
    "EncryptedPart",
    "KeyBundle",
    "build_ack",
    "build_key_fetch",
    "build_message_stanza",
    "build_receipt",
    "build_retry_receipt",
    "build_usync_devices",
    "generate_message_id",
    "jid_attr",
    "pad_message",
    "parse_key_bundles",
    "parse_retry_keys",
    "parse_usync_devices",
    "unified_session",
    "unpad_message",
]


def generate_message_id(now: int, own_user: str | None, random: RandomSource = os.urandom) -> str:
    """A message id as WA Web makes them: ``3EB0`` + 18 hex digits of a hash (Baileys V2 ids)."""
    data = now.to_bytes(8, "big") + (f"{own_user}@c.us".encode() if own_user else b"") + random(16)
    return "3EB0" + hashlib.sha256(data).hexdigest().upper()[:18]


def pad_message(plaintext: bytes, random: RandomSource = os.urandom) -> bytes:
    """Append 1-15 bytes, each equal to the pad length, as WA clients do before encrypting."""
    size = random(1)[0] & 0x0F or 0x0F
    return plaintext + bytes((size,)) * size


def unpad_message(padded: bytes) -> bytes:
    """Remove the padding added by :func:`pad_message`; malformed padding raises DecodeError."""
    if not padded:
        raise DecodeError("empty plaintext")
    size = padded[-1]
    if size == 0 or size > len(padded):
        raise DecodeError(f"bad message padding ({size} of {len(padded)} bytes)")
    return padded[:-size]


def build_usync_devices(users: Iterable[JID], sid: str, context: str = "message") -> Node:
    """The usync query for the device lists of ``users`` (their non-AD JIDs) and their LIDs."""
    return Node(
        "iq",
        {"to": USER_SERVER, "type": "get", "xmlns": "usync"},
        [
            Node(
                "usync",
                {"sid": sid, "mode": "query", "last": "true", "index": "0", "context": context},
                [
                    Node("query", {}, [Node("devices", {"version": "2"}), Node("lid", {})]),
                    Node("list", {}, [Node("user", {"jid": str(u.to_non_ad())}) for u in users]),
                ],
            )
        ],
    )


def parse_usync_devices(result: Node) -> dict[JID, list[JID]]:
    """Device JIDs per user from a usync result.

    Companion devices (id > 0) without a ``key-index`` are left out, as WA Web
    does: their key index is not signed by the phone, so they are not trusted.
    """
    usync = check_iq_error(result).require_child("usync")
    out: dict[JID, list[JID]] = {}
    user_list = usync.get_child("list")
    for user in user_list.get_children("user") if user_list is not None else []:
        jid = user.attr_jid("jid")
        if jid is None:
            continue
        devices: list[JID] = []
        device_list = user.get_child("devices")
        listing = device_list.get_child("device-list") if device_list is not None else None
        for device in listing.get_children("device") if listing is not None else []:
            device_id = device.attr_int("id")
            if device_id is None or (device_id != 0 and device.attr("key-index") is None):
                continue
            devices.append(JID(jid.user, jid.server, device=device_id))
        out[jid.to_non_ad()] = devices
    return out


@dataclass(frozen=True, slots=True)
class KeyBundle:
    """A device's prekey bundle as the server hands it out."""

    jid: JID
    registration_id: int
    identity_key: bytes
    signed_prekey_id: int
    signed_prekey: bytes
    signed_prekey_signature: bytes
    prekey_id: int | None
    prekey: bytes | None


def build_key_fetch(devices: Iterable[JID]) -> Node:
    """The ``encrypt`` iq asking for the prekey bundles of ``devices``."""
    return Node(
        "iq",
        {"to": USER_SERVER, "type": "get", "xmlns": "encrypt"},
        [Node("key", {}, [Node("user", {"jid": str(d)}) for d in devices])],
    )


def _key_parts(node: Node) -> tuple[int, bytes]:
    key_id = int.from_bytes(node.require_child("id").content_bytes(), "big")
    return key_id, node.require_child("value").content_bytes()


def _bundle(jid: JID, registration: Node, keys: Node) -> KeyBundle:
    """A bundle from ``<registration>`` and a node holding ``identity``, ``skey`` and maybe ``key``."""
    skey = keys.require_child("skey")
    signed_id, signed_value = _key_parts(skey)
    key = keys.get_child("key")
    prekey_id, prekey = _key_parts(key) if key is not None else (None, None)
    return KeyBundle(
        jid=jid,
        registration_id=int.from_bytes(registration.content_bytes(), "big"),
        identity_key=keys.require_child("identity").content_bytes(),
        signed_prekey_id=signed_id,
        signed_prekey=signed_value,
        signed_prekey_signature=skey.require_child("signature").content_bytes(),
        prekey_id=prekey_id,
        prekey=prekey,
    )


def parse_key_bundles(result: Node) -> list[KeyBundle]:
    """Bundles from a key-fetch result; users the server reports with an error are skipped."""
    listing = check_iq_error(result).require_child("list")
    bundles = []
    for user in listing.get_children("user"):
        if user.get_child("error") is not None:
            continue
        jid = user.attr_jid("jid")
        if jid is None:
            raise DecodeError("key bundle without a jid")
        bundles.append(_bundle(jid, user.require_child("registration"), user))
    return bundles


def parse_retry_keys(receipt: Node, device: JID) -> KeyBundle | None:
    """The key bundle a retry receipt carries (from its second attempt on), if any."""
    keys = receipt.get_child("keys")
    registration = receipt.get_child("registration")
    if keys is None or registration is None:
        return None
    return _bundle(device, registration, keys)


@dataclass(frozen=True, slots=True)
class EncryptedPart:
    """One device's ciphertext for a message stanza."""

    jid: JID
    type: str
    """``pkmsg`` or ``msg``."""
    ciphertext: bytes


def _enc(kind: str, ciphertext: bytes, media_type: str | None, extra: Mapping[str, str]) -> Node:
    attrs = {"v": "2", "type": kind, **extra}
    if media_type:
        attrs["mediatype"] = media_type
    return Node("enc", attrs, ciphertext)


def build_message_stanza(
    *,
    message_id: str,
    to: JID,
    message_type: str,
    parts: Sequence[EncryptedPart],
    group_ciphertext: bytes | None = None,
    device_identity: bytes | None = None,
    media_type: str | None = None,
    extra_attrs: dict[str, str] | None = None,
    enc_attrs: Mapping[str, str] | None = None,
    retry_count: int | None = None,
    extra_children: Sequence[Node] = (),
) -> Node:
    """A ``<message>`` carrying per-device ciphertexts and, for groups, the ``skmsg``.

    ``device_identity`` (our signed account identity) is attached whenever any
    part is a ``pkmsg``, so receivers can check the new session belongs to us.
    ``enc_attrs`` go on every ``enc`` (``decrypt-fail="hide"``). A resend answering
    retry receipt ``retry_count`` carries its one part as a top-level
    ``<enc count=N>`` (whatsmeow retry.go; WA Web reads the count from it).
    ``extra_children`` follow (a poll's ``<meta polltype>``).
    """
    extra = dict(enc_attrs or {})
    children: list[Node] = []
    if retry_count is not None:
        if len(parts) != 1:
            raise ValueError("a resend carries exactly one device's ciphertext")
        (part,) = parts
        children.append(_enc(part.type, part.ciphertext, media_type, {**extra, "count": str(retry_count)}))
    elif parts:
        children.append(
            Node(
                "participants",
                {},
                [
                    Node("to", {"jid": str(p.jid)}, [_enc(p.type, p.ciphertext, media_type, extra)])
                    for p in parts
                ],
            )
        )
    if group_ciphertext is not None:
        children.append(_enc("skmsg", group_ciphertext, media_type, extra))
    if device_identity is not None and any(p.type == "pkmsg" for p in parts):
        children.append(Node("device-identity", {}, device_identity))
    children.extend(extra_children)
    attrs = {"id": message_id, "to": str(to), "type": message_type}
    if extra_attrs:
        attrs.update(extra_attrs)
    return Node("message", attrs, children)


def build_ack(node: Node, *, error: int | None = None, own_jid: JID | None = None) -> Node:
    """The ``<ack>`` for an inbound message, receipt, notification or call."""
    attrs = {"id": node.require_attr("id"), "class": node.tag}
    sender = node.attr("from")
    if sender:
        attrs["to"] = sender  # a stanza without one came from the server itself
    for name in ("participant", "recipient"):
        value = node.attr(name)
        if value:
            attrs[name] = value
    kind = node.attr("type")
    if kind and node.tag != "message":
        attrs["type"] = kind
    if error is not None:
        attrs["error"] = str(error)
    if node.tag == "message" and own_jid is not None:
        attrs["from"] = str(own_jid.to_non_ad())
    return Node("ack", attrs)


def build_receipt(
    *,
    to: JID,
    message_ids: Sequence[str],
    receipt_type: str | None = None,
    participant: JID | None = None,
    recipient: JID | None = None,
    timestamp: int | None = None,
) -> Node:
    """A delivery (no type), ``read``, ``played``, ``sender`` or ``inactive`` receipt."""
    if not message_ids:
        raise ValueError("a receipt needs at least one message id")
    attrs = {"id": message_ids[0], "to": str(to)}
    if receipt_type:
        attrs["type"] = receipt_type
    if participant is not None:
        attrs["participant"] = str(participant)
    if recipient is not None:
        attrs["recipient"] = str(recipient)
    if timestamp is not None:
        attrs["t"] = str(timestamp)
    extra = [Node("item", {"id": mid}) for mid in message_ids[1:]]
    return Node("receipt", attrs, [Node("list", {}, extra)] if extra else None)


_DAY_MS = 86_400_000
_WEEK_MS = 7 * _DAY_MS


def unified_session(now: float) -> Node:
    """``<ib><unified_session id/>``: the id is (now + 3 days) mod one week, in ms.

    Sent after login and with presence ``available`` (Baileys 7 socket.js
    ``getUnifiedSessionId``, whatsmeow client.go ``getUnifiedSessionID``).
    """
    session_id = (int(now * 1000) + 3 * _DAY_MS) % _WEEK_MS
    return Node("ib", {}, [Node("unified_session", {"id": str(session_id)})])


def build_retry_receipt(
    message: Node,
    *,
    retry_count: int,
    registration_id: int,
    keys: Node | None = None,
    error: int = 0,
) -> Node:
    """Ask the sender of ``message`` to encrypt it again (``type=retry``).

    ``<retry t>`` is the original message's ``t`` (whatsmeow retry.go and Baileys 7
    ``sendRetryRequest`` copy ``node.attrs.t``), so the sender can find it; ``error``
    is the decrypt failure code (Baileys 7 sends 0). From the second retry on,
    ``keys`` carries our identity, a fresh prekey and the signed prekey so the
    sender can build a new session without a fetch.
    """
    attrs = {"id": message.require_attr("id"), "to": message.require_attr("from"), "type": "retry"}
    for name in ("participant", "recipient"):
        value = message.attr(name)
        if value:
            attrs[name] = value
    if message.attr("category") == "peer":
        attrs["category"] = "peer"  # our phone's peer message (whatsmeow retry.go sendRetryReceipt)
    retry = {"count": str(retry_count), "id": attrs["id"], "t": message.attr("t") or "", "v": "1"}
    retry["error"] = str(error)
    children = [
        Node("retry", retry),
        Node("registration", {}, registration_id.to_bytes(4, "big")),
    ]
    if keys is not None:
        children.append(keys)
    return Node("receipt", attrs, children)


def jid_attr(node: Node, name: str) -> JID:
    """A required JID attribute; a missing or malformed one raises DecodeError."""
    value = node.require_attr(name)
    try:
        return JID.parse(value)
    except JIDError as exc:
        raise DecodeError(f"bad jid in {node.tag}@{name}: {exc}") from None
