"""``w:gp2`` notifications: what changed in a group, as typed values.

Envelope: ``<notification type=w:gp2 from=GROUP participant=ACTOR [participant_pn]
t id>`` with one or more change children (whatsmeow ``parseGroupChange``, Baileys
``handleGroupNotification``). Unknown children are kept as :class:`UnknownChange`
so nothing is silently lost. Pure parsing; the service turns these into events
and updates its cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import JID

__all__ = [
    "DescriptionChanged",
    "EphemeralChanged",
    "GroupChange",
    "GroupCreated",
    "GroupNotification",
    "InviteChanged",
    "MembershipApprovalChanged",
    "ParticipantsChanged",
    "SettingChanged",
    "SubjectChanged",
    "UnknownChange",
    "parse_group_notification",
]

_PARTICIPANT_ACTIONS = frozenset({"add", "remove", "promote", "demote", "modify"})
_TOGGLES = {
    "announcement": ("announcement", True),
    "not_announcement": ("announcement", False),
    "locked": ("locked", True),
    "unlocked": ("locked", False),
    "suspended": ("suspended", True),
    "unsuspended": ("suspended", False),
}


@dataclass(frozen=True, slots=True)
class ParticipantsChanged:
    """Members added, removed, promoted or demoted (``action``); ``reason`` e.g. ``invite``."""

    action: str
    participants: tuple[JID, ...]
    phone_numbers: tuple[tuple[JID, JID], ...] = ()
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class SubjectChanged:
    subject: str
    set_by: JID | None
    set_at: int | None


@dataclass(frozen=True, slots=True)
class DescriptionChanged:
    """``text`` is None when the description was deleted."""

    description_id: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class SettingChanged:
    """``announcement``, ``locked`` or ``suspended`` turned on or off."""

    setting: str
    enabled: bool


@dataclass(frozen=True, slots=True)
class EphemeralChanged:
    """Disappearing-message timer in seconds; 0 is off."""

    expiration: int


@dataclass(frozen=True, slots=True)
class MembershipApprovalChanged:
    enabled: bool


@dataclass(frozen=True, slots=True)
class InviteChanged:
    code: str | None


@dataclass(frozen=True, slots=True)
class GroupCreated:
    """We were put in a new group (or joined one); ``group`` is the full ``<group>`` node."""

    group: Node
    reason: str | None


@dataclass(frozen=True, slots=True)
class UnknownChange:
    """A child this library does not model yet, kept whole."""

    node: Node


GroupChange: TypeAlias = (
    ParticipantsChanged
    | SubjectChanged
    | DescriptionChanged
    | SettingChanged
    | EphemeralChanged
    | MembershipApprovalChanged
    | InviteChanged
    | GroupCreated
    | UnknownChange
)


@dataclass(frozen=True, slots=True)
class GroupNotification:
    """One ``w:gp2`` notification: who did what to which group, when."""

    id: str
    group: JID
    actor: JID | None
    actor_pn: JID | None
    timestamp: int
    changes: tuple[GroupChange, ...]


def _participants(child: Node) -> ParticipantsChanged:
    members, numbers = [], []
    for node in child.get_children("participant"):
        jid = node.attr_jid("jid")
        if jid is None:
            raise DecodeError(f"<{child.tag}><participant> lacks jid")
        members.append(jid)
        number = node.attr_jid("phone_number")
        if number is not None:
            numbers.append((jid, number))
    return ParticipantsChanged(child.tag, tuple(members), tuple(numbers), child.attr("reason"))


def _change(child: Node) -> GroupChange:
    tag = child.tag
    if tag in _PARTICIPANT_ACTIONS:
        return _participants(child)
    if tag in _TOGGLES:
        setting, enabled = _TOGGLES[tag]
        return SettingChanged(setting, enabled)
    if tag == "subject":
        return SubjectChanged(
            subject=child.attr("subject") or "",
            set_by=child.attr_jid("s_o"),
            set_at=child.attr_int("s_t"),
        )
    if tag == "description":
        body = child.get_child("body")
        text = None if child.get_child("delete") is not None or body is None else body.content_bytes()
        decoded = text.decode("utf-8", "replace") if text is not None else None
        return DescriptionChanged(child.attr("id"), decoded)
    if tag == "ephemeral":
        return EphemeralChanged(child.attr_int("expiration", 0) or 0)
    if tag == "not_ephemeral":
        return EphemeralChanged(0)
    if tag == "membership_approval_mode":
        join = child.get_child("group_join")
        return MembershipApprovalChanged(join is not None and join.attr("state") == "on")
    if tag == "invite":
        return InviteChanged(child.attr("code"))
    if tag == "create":
        return GroupCreated(child.require_child("group"), child.attr("reason"))
    return UnknownChange(child)


def parse_group_notification(node: Node) -> GroupNotification:
    """Read a ``w:gp2`` notification.

    Raises:
        DecodeError: the envelope lacks ``from`` or a known child is malformed.
    """
    group = node.attr_jid("from")
    if group is None or not group.is_group:
        raise DecodeError("w:gp2 notification without a group in 'from'")
    return GroupNotification(
        id=node.attr("id") or "",
        group=group,
        actor=node.attr_jid("participant"),
        actor_pn=node.attr_jid("participant_pn"),
        timestamp=node.attr_int("t", 0) or 0,
        changes=tuple(_change(child) for child in node.get_children()),
    )
