"""Profile, privacy, blocklist and call stanzas: builders and parsers, no I/O.

Shapes from whatsmeow (``user.go`` GetProfilePictureInfo, ``privacysettings.go``,
``call.go`` RejectCall) and Baileys (``chats.ts`` profilePictureUrl,
updateBlockStatus, fetchPrivacySettings, updateProfileStatus; ``messages-recv.ts``
handleCall, ``rejectCall``).
"""

from __future__ import annotations

from dataclasses import dataclass

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID, USER_SERVER

__all__ = [
    "PRIVACY_SETTINGS",
    "CallOffer",
    "build_block",
    "build_get_blocklist",
    "build_get_privacy",
    "build_profile_picture",
    "build_reject_call",
    "build_set_privacy",
    "build_set_profile_picture",
    "build_set_status",
    "parse_blocklist",
    "parse_call",
    "parse_privacy",
    "parse_profile_picture",
]

_SERVER = "@" + USER_SERVER

#: Privacy categories and the values WhatsApp accepts for each (whatsmeow ``PrivacySettingType``).
PRIVACY_SETTINGS: dict[str, frozenset[str]] = {
    "groupadd": frozenset({"all", "contacts", "contact_blacklist", "none"}),
    "last": frozenset({"all", "contacts", "contact_blacklist", "none"}),
    "status": frozenset({"all", "contacts", "contact_blacklist", "none"}),
    "profile": frozenset({"all", "contacts", "contact_blacklist", "none"}),
    "readreceipts": frozenset({"all", "none"}),
    "online": frozenset({"all", "match_last_seen"}),
    "calladd": frozenset({"all", "known"}),
}


def build_profile_picture(jid: JID, *, preview: bool = False, token: Node | None = None) -> Node:
    """Ask for a user's or group's picture URL (``preview``: the small thumbnail); ``token``
    is the user's ``<tctoken>``, inside ``<picture>`` (whatsmeow user.go, Baileys 7 chats.js)."""
    attrs = {"type": "preview" if preview else "image", "query": "url"}
    return Node(
        "iq",
        {"to": _SERVER, "target": str(jid.to_non_ad()), "type": "get", "xmlns": "w:profile:picture"},
        [Node("picture", attrs, [] if token is None else [token])],
    )


def build_set_profile_picture(jpeg: bytes, *, group: JID | None = None) -> Node:
    """Our picture (or a group's, as its admin): a JPEG, as Baileys' updateProfilePicture sends it."""
    if not jpeg.startswith(b"\xff\xd8"):
        raise ValueError("a profile picture must be a JPEG")
    attrs = {"to": _SERVER, "type": "set", "xmlns": "w:profile:picture"}
    if group is not None:
        attrs["target"] = str(group)
    return Node("iq", attrs, [Node("picture", {"type": "image"}, jpeg)])


def parse_profile_picture(answer: Node) -> str | None:
    """The URL, or None when there is no picture (or it is hidden from us: 404/401 come as errors)."""
    picture = answer.get_child("picture")
    if picture is None:
        return None
    url = picture.attr("url")
    if url is not None and not url.startswith("https://"):
        raise DecodeError("profile picture URL is not https")
    return url


def build_set_status(text: str) -> Node:
    """Our "about" text."""
    return Node("iq", {"to": _SERVER, "type": "set", "xmlns": "status"}, [Node("status", {}, text.encode())])


def build_get_blocklist() -> Node:
    return Node("iq", {"to": _SERVER, "type": "get", "xmlns": "blocklist"})


def build_block(jid: JID, *, block: bool) -> Node:
    item = Node("item", {"action": "block" if block else "unblock", "jid": str(jid.to_non_ad())})
    return Node("iq", {"to": _SERVER, "type": "set", "xmlns": "blocklist"}, [item])


def parse_blocklist(answer: Node) -> list[JID]:
    """The blocked JIDs (``<list><item jid/>``)."""
    listing = answer.get_child("list")
    items = listing.get_children("item") if listing is not None else answer.get_children("item")
    result = []
    for item in items:
        jid = item.attr_jid("jid")
        if jid is None:
            raise DecodeError("blocklist item without jid")
        result.append(jid)
    return result


def build_get_privacy() -> Node:
    return Node("iq", {"to": _SERVER, "type": "get", "xmlns": "privacy"}, [Node("privacy")])


def build_set_privacy(name: str, value: str) -> Node:
    """Change one privacy category; unknown names or values are refused here, not by the server."""
    allowed = PRIVACY_SETTINGS.get(name)
    if allowed is None:
        raise ValueError(f"unknown privacy setting {name!r}; known: {sorted(PRIVACY_SETTINGS)}")
    if value not in allowed:
        raise ValueError(f"{name} takes one of {sorted(allowed)}, not {value!r}")
    category = Node("category", {"name": name, "value": value})
    return Node("iq", {"to": _SERVER, "type": "set", "xmlns": "privacy"}, [Node("privacy", {}, [category])])


def parse_privacy(answer: Node) -> dict[str, str]:
    privacy = answer.require_child("privacy")
    return {c.require_attr("name"): c.require_attr("value") for c in privacy.get_children("category")}


@dataclass(frozen=True, slots=True)
class CallOffer:
    """An incoming call as the ``<call><offer>`` stanza announces it."""

    call_id: str
    caller: JID
    """The calling device (``from``)."""
    creator: JID
    """``call-creator``: whom a reject is addressed to."""
    timestamp: int
    video: bool
    group_jid: JID | None


def parse_call(node: Node) -> CallOffer | None:
    """The offer in a ``<call>`` stanza; None for the other call signals (terminate, accept...)."""
    offer = node.get_child("offer")
    if offer is None:
        return None
    caller = node.attr_jid("from")
    if caller is None:
        raise DecodeError("<call> without from")
    return CallOffer(
        call_id=offer.require_attr("call-id"),
        caller=caller,
        creator=offer.attr_jid("call-creator") or caller,
        timestamp=node.attr_int("t", 0) or 0,
        video=offer.get_child("video") is not None,
        group_jid=offer.attr_jid("group-jid"),
    )


def build_reject_call(offer: CallOffer, own: JID, message_id: str) -> Node:
    """Decline a call, as whatsmeow ``RejectCall`` does: ``<call><reject call-id call-creator count=0/>``."""
    reject = Node("reject", {"call-id": offer.call_id, "call-creator": str(offer.creator), "count": "0"})
    return Node("call", {"to": str(offer.caller), "from": str(own), "id": message_id}, [reject])
