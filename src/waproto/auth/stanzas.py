"""The pairing stanzas the companion reads and writes, as :class:`~waproto.binary.Node` values.

Thin glue between the wire and the pure functions of :mod:`.pairing` and :mod:`.link_code`:
parsing checks shape and raises :class:`~waproto.errors.DecodeError`; builders return nodes
for the connection to send. Layouts follow Baileys ``socket.js``/``messages-recv.js`` and
whatsmeow ``pair.go``/``pair-code.go``.
"""

from __future__ import annotations

from dataclasses import dataclass

from waproto.auth.pairing import PairSuccess
from waproto.auth.payload import ClientIdentity
from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID, USER_SERVER

__all__ = [
    "LinkCodeNotification",
    "PairSuccessStanza",
    "companion_finish_iq",
    "companion_hello_iq",
    "pair_device_ack",
    "pair_device_sign_reply",
    "pair_error_reply",
    "parse_link_code_notification",
    "parse_pair_device",
    "parse_pair_success",
]

_SERVER = USER_SERVER


def parse_pair_device(iq: Node) -> list[str]:
    """Return the QR refs of ``<iq type=set><pair-device><ref>…</ref>…``, in order.

    Raises:
        DecodeError: no ``<pair-device>`` child or no refs.
    """
    refs = [
        ref.content_bytes().decode("utf-8", "replace")
        for ref in iq.require_child("pair-device").get_children("ref")
    ]
    if not refs:
        raise DecodeError("<pair-device> carries no <ref>")
    return refs


def pair_device_ack(iq: Node) -> Node:
    """The empty result the companion sends at once for ``pair-device``."""
    return Node("iq", {"to": _SERVER, "type": "result", "id": iq.require_attr("id")})


@dataclass(frozen=True, slots=True)
class PairSuccessStanza:
    """The parts of ``<iq><pair-success>`` the companion needs."""

    iq_id: str
    """Id to answer with ``pair-device-sign`` or an error."""
    device_identity: bytes
    """``ADVSignedDeviceIdentityHMAC`` bytes for :func:`~waproto.auth.pairing.verify_pair_success`."""
    jid: JID
    """Our new device JID, ``user:N@s.whatsapp.net``."""
    lid: JID | None
    """Our LID device JID, when the server sends one."""
    platform: str | None
    """The phone's platform name (``<platform name>``)."""
    business_name: str | None
    """The account's business name (``<biz name>``), for business accounts."""


def parse_pair_success(iq: Node) -> PairSuccessStanza:
    """Parse ``<iq><pair-success>`` (``device-identity``, ``device``, ``platform``, ``biz``).

    Raises:
        DecodeError: a required child or attribute is missing or malformed.
    """
    success = iq.require_child("pair-success")
    device = success.require_child("device")
    jid = device.attr_jid("jid")
    if jid is None:
        raise DecodeError("<device> in <pair-success> lacks a jid")
    platform = success.get_child("platform")
    biz = success.get_child("biz")
    return PairSuccessStanza(
        iq_id=iq.require_attr("id"),
        device_identity=success.require_child("device-identity").content_bytes(),
        jid=jid,
        lid=device.attr_jid("lid"),
        platform=platform.attr("name") if platform else None,
        business_name=biz.attr("name") if biz else None,
    )


def pair_device_sign_reply(iq_id: str, result: PairSuccess) -> Node:
    """``<iq type=result><pair-device-sign><device-identity key-index>`` for a verified pair-success."""
    identity = Node("device-identity", {"key-index": str(result.key_index)}, result.reply_identity)
    return Node(
        "iq", {"to": _SERVER, "type": "result", "id": iq_id}, [Node("pair-device-sign", {}, [identity])]
    )


def pair_error_reply(iq_id: str, code: int = 401, text: str = "not-authorized") -> Node:
    """The error answer to a pair-success that failed verification (whatsmeow ``sendPairError``)."""
    error = Node("error", {"code": str(code), "text": text})
    return Node("iq", {"to": _SERVER, "type": "error", "id": iq_id}, [error])


def _link_code_iq(iq_id: str, attrs: dict[str, str], children: list[Node]) -> Node:
    reg = Node("link_code_companion_reg", attrs, children)
    return Node("iq", {"to": _SERVER, "type": "set", "id": iq_id, "xmlns": "md"}, [reg])


def companion_hello_iq(
    iq_id: str,
    *,
    phone: JID,
    wrapped_ephemeral: bytes,
    noise_public: bytes,
    identity: ClientIdentity,
    show_push_notification: bool = True,
) -> Node:
    """The ``companion_hello`` stage that asks the phone ``phone`` to show the code prompt.

    Args:
        iq_id: id for the iq; the result carries ``<link_code_pairing_ref>``.
        phone: the account's JID, ``<number>@s.whatsapp.net``.
        wrapped_ephemeral: :func:`~waproto.auth.link_code.wrap_ephemeral` of the companion ephemeral.
        noise_public: the companion's Noise static public key.
        identity: supplies the platform id and ``Browser (OS)`` display the server validates.
        show_push_notification: ask the phone to notify the user.
    """
    attrs = {
        "jid": str(phone),
        "stage": "companion_hello",
        "should_show_push_notification": "true" if show_push_notification else "false",
    }
    children = [
        Node("link_code_pairing_wrapped_companion_ephemeral_pub", {}, wrapped_ephemeral),
        Node("companion_server_auth_key_pub", {}, noise_public),
        Node("companion_platform_id", {}, str(int(identity.companion_platform_id)).encode()),
        Node("companion_platform_display", {}, identity.platform_display.encode()),
        Node("link_code_pairing_nonce", {}, b"0"),
    ]
    return _link_code_iq(iq_id, attrs, children)


@dataclass(frozen=True, slots=True)
class LinkCodeNotification:
    """The phone's answer once the user typed the code (``<notification type=link_code_companion_reg>``)."""

    ref: bytes
    """``link_code_pairing_ref``, echoed in ``companion_finish``."""
    primary_identity_public: bytes
    """The phone's identity public key."""
    wrapped_primary_ephemeral: bytes
    """The phone's ephemeral key, wrapped with the code."""


def parse_link_code_notification(notification: Node) -> LinkCodeNotification:
    """Parse the ``link_code_companion_reg`` notification.

    Raises:
        DecodeError: a required child is missing.
    """
    reg = notification.require_child("link_code_companion_reg")
    return LinkCodeNotification(
        ref=reg.require_child("link_code_pairing_ref").content_bytes(),
        primary_identity_public=reg.require_child("primary_identity_pub").content_bytes(),
        wrapped_primary_ephemeral=reg.require_child(
            "link_code_pairing_wrapped_primary_ephemeral_pub"
        ).content_bytes(),
    )


def companion_finish_iq(
    iq_id: str, *, phone: JID, wrapped_key_bundle: bytes, identity_public: bytes, ref: bytes
) -> Node:
    """The ``companion_finish`` stage carrying the key bundle; pair-success follows as after a QR scan."""
    children = [
        Node("link_code_pairing_wrapped_key_bundle", {}, wrapped_key_bundle),
        Node("companion_identity_public", {}, identity_public),
        Node("link_code_pairing_ref", {}, ref),
    ]
    return _link_code_iq(iq_id, {"jid": str(phone), "stage": "companion_finish"}, children)
