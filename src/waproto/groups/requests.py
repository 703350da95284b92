"""``w:g2`` group administration: iq builders and answer parsers.

Every request is ``<iq xmlns="w:g2" type=get|set to=GROUP or "@g.us">`` with one
child that names the action (whatsmeow ``group.go``, Baileys ``Socket/groups.ts``).
The builders return the iq without an id; the connection assigns one. The parsers
take the answer after the iq-error check and raise :class:`DecodeError` on a
malformed one. Pure functions: no I/O, no store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from waproto.binary import Node
from waproto.errors import DecodeError
from waproto.jid import GROUP_SERVER, JID

__all__ = [
    "INVITE_LINK_PREFIX",
    "AddRequest",
    "GroupSetting",
    "ParticipantAction",
    "ParticipantResult",
    "build_description",
    "build_ephemeral",
    "build_get_invite",
    "build_join",
    "build_leave",
    "build_member_add_mode",
    "build_membership_approval",
    "build_participants_change",
    "build_preview",
    "build_reset_invite",
    "build_setting",
    "build_subject",
    "invite_code_from",
    "parse_invite_code",
    "parse_join",
    "parse_participant_results",
]

#: What an invite link starts with; the code follows.
INVITE_LINK_PREFIX = "https://chat.whatsapp.com/"
_GROUPS = "@" + GROUP_SERVER


class ParticipantAction(StrEnum):
    """The four participant changes; the value is the child tag."""

    ADD = "add"
    REMOVE = "remove"
    PROMOTE = "promote"
    DEMOTE = "demote"


class GroupSetting(StrEnum):
    """Toggle settings; the value is the child tag the iq carries."""

    ANNOUNCEMENT = "announcement"  # only admins send
    NOT_ANNOUNCEMENT = "not_announcement"
    LOCKED = "locked"  # only admins edit the group info
    UNLOCKED = "unlocked"


@dataclass(frozen=True, slots=True)
class AddRequest:
    """Privacy forbade a direct add (403): invite the user with this code instead."""

    code: str
    expiration: int


@dataclass(frozen=True, slots=True)
class ParticipantResult:
    """One participant's outcome; ``status`` is 200 on success, else the server's code.

    Known codes: 403 privacy forbids direct adds (see ``add_request``), 404 not on
    WhatsApp, 408 recently left, 409 already a member / not a member, 500 group full.
    """

    jid: JID
    status: int
    phone_number: JID | None = None
    add_request: AddRequest | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def _iq(to: JID | str, kind: str, *children: Node) -> Node:
    return Node("iq", {"to": str(to), "type": kind, "xmlns": "w:g2"}, list(children))


def build_participants_change(
    group: JID,
    action: ParticipantAction,
    participants: Iterable[JID],
    *,
    phone_numbers: Mapping[JID, JID] | None = None,
) -> Node:
    """Add, remove, promote or demote; LID participants carry their ``phone_number`` when known."""
    children = []
    for jid in participants:
        attrs = {"jid": str(jid.to_non_ad())}
        number = (phone_numbers or {}).get(jid.to_non_ad())
        if jid.is_lid and number is not None:
            attrs["phone_number"] = str(number.to_non_ad())
        children.append(Node("participant", attrs))
    if not children:
        raise ValueError("a participant change needs at least one participant")
    return _iq(group, "set", Node(action.value, {}, children))


def parse_participant_results(answer: Node, action: ParticipantAction) -> list[ParticipantResult]:
    """One result per ``<participant>`` the answer repeats under the action node."""
    results = []
    for child in answer.require_child(action.value).get_children("participant"):
        jid = child.attr_jid("jid")
        if jid is None:
            raise DecodeError("<participant> in a w:g2 answer lacks jid")
        status = child.attr_int("error", 200)
        request = child.get_child("add_request")
        add_request = None
        if request is not None:
            add_request = AddRequest(
                code=request.require_attr("code"), expiration=request.attr_int("expiration", 0) or 0
            )
        results.append(
            ParticipantResult(
                jid=jid,
                status=200 if status is None else status,
                phone_number=child.attr_jid("phone_number"),
                add_request=add_request,
            )
        )
    return results


def build_subject(group: JID, subject: str) -> Node:
    """Rename the group (UTF-8 content, as both references send it)."""
    if not subject.strip():
        raise ValueError("a group subject cannot be empty")
    return _iq(group, "set", Node("subject", {}, subject.encode()))


def build_description(group: JID, text: str | None, *, new_id: str, previous_id: str | None) -> Node:
    """Set the description, or delete it with ``text=None``; ids chain edits (``prev``)."""
    attrs = {"id": new_id}
    if previous_id:
        attrs["prev"] = previous_id
    if text is None:
        attrs["delete"] = "true"
        return _iq(group, "set", Node("description", attrs))
    return _iq(group, "set", Node("description", attrs, [Node("body", {}, text.encode())]))


def build_setting(group: JID, setting: GroupSetting) -> Node:
    return _iq(group, "set", Node(setting.value))


def build_ephemeral(group: JID, expiration: int) -> Node:
    """Disappearing messages: seconds (0 turns them off)."""
    if expiration < 0:
        raise ValueError("expiration cannot be negative")
    if expiration == 0:
        return _iq(group, "set", Node("not_ephemeral"))
    return _iq(group, "set", Node("ephemeral", {"expiration": str(expiration)}))


def build_membership_approval(group: JID, enabled: bool) -> Node:
    join = Node("group_join", {"state": "on" if enabled else "off"})
    return _iq(group, "set", Node("membership_approval_mode", {}, [join]))


def build_member_add_mode(group: JID, *, admins_only: bool) -> Node:
    mode = b"admin_add" if admins_only else b"all_member_add"
    return _iq(group, "set", Node("member_add_mode", {}, mode))


def build_get_invite(group: JID) -> Node:
    return _iq(group, "get", Node("invite"))


def build_reset_invite(group: JID) -> Node:
    """Revoke the current invite link; the answer carries the new code."""
    return _iq(group, "set", Node("invite"))


def parse_invite_code(answer: Node) -> str:
    code = answer.require_child("invite").require_attr("code")
    if not code:
        raise DecodeError("empty invite code")
    return code


def invite_code_from(link_or_code: str) -> str:
    """Accept a full ``https://chat.whatsapp.com/CODE`` link or the bare code."""
    text = link_or_code.strip()
    if text.startswith(INVITE_LINK_PREFIX):
        text = text[len(INVITE_LINK_PREFIX) :]
    text = text.split("?", 1)[0].strip("/")
    if not text or not text.isalnum():
        raise ValueError(f"not an invite code or link: {link_or_code!r}")
    return text


def build_join(code: str) -> Node:
    return _iq(_GROUPS, "set", Node("invite", {"code": invite_code_from(code)}))


def build_preview(code: str) -> Node:
    """Group metadata behind an invite code (410 revoked, 406 invalid)."""
    return _iq(_GROUPS, "get", Node("invite", {"code": invite_code_from(code)}))


def parse_join(answer: Node) -> tuple[JID, bool]:
    """The joined group and whether the join awaits an admin's approval."""
    pending = answer.get_child("membership_approval_request")
    node = pending if pending is not None else answer.require_child("group")
    jid = node.attr_jid("jid")
    if jid is None:
        raw = node.require_attr("id")
        jid = JID.parse(raw if "@" in raw else f"{raw}@{GROUP_SERVER}")
    return jid, pending is not None


def build_leave(groups: Sequence[JID]) -> Node:
    if not groups:
        raise ValueError("leave needs at least one group")
    return _iq(_GROUPS, "set", Node("leave", {}, [Node("group", {"id": str(g)}) for g in groups]))
