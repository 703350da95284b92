"""Groups and the ``w:g2`` iqs: create, metadata, participants, subject, leave, participating.

Replies follow the shape Baileys' ``extractGroupMetadata`` reads: a ``<group>``
with ``id`` (user part only), ``subject``, ``s_t``, ``s_o``, ``creation``,
``creator`` and ``<participant jid type>`` children (``superadmin`` for the
creator, ``admin`` for promoted members).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.errors import JIDError
from waproto.jid import GROUP_SERVER, JID
from waproto.testing import nodes
from waproto.testing.session import ServerSession

if TYPE_CHECKING:
    from waproto.testing.core import ServerCore

__all__ = ["Group", "handle_group_iq"]


@dataclass(slots=True)
class Group:
    """A group: its members by phone number with their roles, and how it addresses them."""

    group_id: str
    subject: str
    creator: str
    creation: int
    participants: dict[str, str] = field(default_factory=dict)
    subject_owner: str = ""
    subject_time: int = 0
    addressing_mode: str = "pn"

    @property
    def jid(self) -> JID:
        """The group's JID (``<id>@g.us``)."""
        return JID(self.group_id, GROUP_SERVER)

    def to_node(self, core: ServerCore) -> Node:
        """The ``<group>`` metadata node, in the group's addressing mode.

        LID mode: ``<participant jid=LID phone_number=PN>`` and LID owners with ``_pn``
        twins; PN mode: ``<participant jid=PN lid=LID>`` (reference 1.5, 5.2).
        """
        lid_mode = self.addressing_mode == "lid"
        children = []
        for phone, role in self.participants.items():
            attrs = _user_attrs(core, phone, "jid", "phone_number" if lid_mode else "lid", lid_mode=lid_mode)
            if role != "member":
                attrs["type"] = role
            children.append(Node("participant", attrs))
        attrs = {
            "id": self.group_id,
            "subject": self.subject,
            "s_t": str(self.subject_time),
            **_user_attrs(core, self.subject_owner, "s_o", "s_o_pn" if lid_mode else "", lid_mode=lid_mode),
            "creation": str(self.creation),
            **_user_attrs(core, self.creator, "creator", "creator_pn" if lid_mode else "", lid_mode=lid_mode),
            "addressing_mode": self.addressing_mode,
            "size": str(len(self.participants)),
        }
        return Node("group", attrs, children)


def _user_attrs(core: ServerCore, phone: str, key: str, alt_key: str, *, lid_mode: bool) -> dict[str, str]:
    """``{key: JID}`` of an account in the group's mode, plus ``{alt_key: other form}`` when named."""
    pn = f"{phone}@s.whatsapp.net"
    account = core.accounts.get(phone)
    if account is None:
        return {key: pn}
    lid = str(account.lid)
    attrs = {key: lid if lid_mode else pn}
    if alt_key:
        attrs[alt_key] = pn if lid_mode else lid
    return attrs


def _phones(core: ServerCore, parent: Node) -> list[tuple[str, str | None]]:
    """``(jid text, phone or None)`` for each ``<participant jid>`` child."""
    result: list[tuple[str, str | None]] = []
    for child in parent.get_children("participant"):
        text = child.attrs.get("jid", "")
        try:
            account = core.accounts.for_jid(JID.parse(text))
        except JIDError:
            account = None
        result.append((text, None if account is None else account.phone_number))
    return result


def _create(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    request = iq.require_child("create")
    creator, _ = core.session_account(session)
    group_id = f"1203630{int.from_bytes(core.random(6), 'big') % 10**11:011d}"
    group = Group(
        group_id=group_id,
        subject=request.attrs.get("subject", ""),
        creator=creator.phone_number,
        creation=int(now),
        subject_owner=creator.phone_number,
        subject_time=int(now),
        addressing_mode=core.config.group_addressing,
    )
    group.participants[creator.phone_number] = "superadmin"
    for _, phone in _phones(core, request):
        if phone is not None:
            group.participants.setdefault(phone, "member")
    core.groups[group_id] = group
    return nodes.iq_result(iq, [group.to_node(core)])


_ROLE_CHANGES = {"promote": "admin", "demote": "member"}


def _change_participants(core: ServerCore, group: Group, request: Node) -> Node:
    results = []
    for text, phone in _phones(core, request):
        error = None
        if phone is None:
            error = "404"
        elif request.tag == "add":
            group.participants.setdefault(phone, "member")
        elif phone not in group.participants:
            error = "404"
        elif request.tag == "remove":
            del group.participants[phone]
        else:
            group.participants[phone] = _ROLE_CHANGES[request.tag]
        attrs = {"jid": text}
        if error is not None:
            attrs["error"] = error
        results.append(Node("participant", attrs))
    return Node(request.tag, {}, results)


def _on_group(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    try:
        group = core.groups.get(JID.parse(iq.attrs.get("to", "")).user)
    except JIDError:
        group = None
    if group is None:
        return nodes.iq_error(iq, 404)
    member, _ = core.session_account(session)
    if member.phone_number not in group.participants:
        return nodes.iq_error(iq, 403)
    children = iq.get_children()
    request = children[0] if children else Node("query", {})
    if request.tag == "query":
        return nodes.iq_result(iq, [group.to_node(core)])
    if request.tag in ("add", "remove", "promote", "demote"):
        return nodes.iq_result(iq, [_change_participants(core, group, request)])
    if request.tag == "subject":
        group.subject = request.content_bytes().decode("utf-8", "replace")
        group.subject_owner = member.phone_number
        group.subject_time = int(now)
        return nodes.iq_result(iq)
    return nodes.iq_error(iq, 501)


def _leave(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    member, _ = core.session_account(session)
    for child in iq.require_child("leave").get_children("group"):
        try:
            group = core.groups.get(JID.parse(child.attrs.get("id", "")).user)
        except JIDError:
            group = None
        if group is not None:
            group.participants.pop(member.phone_number, None)
    return nodes.iq_result(iq)


def _participating(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    member, _ = core.session_account(session)
    groups = [g.to_node(core) for g in core.groups.values() if member.phone_number in g.participants]
    return nodes.iq_result(iq, [Node("groups", {}, groups)])


_SERVER_REQUESTS: dict[str, Callable[[ServerCore, ServerSession, Node, float], Node]] = {
    "create": _create,
    "leave": _leave,
    "participating": _participating,
}


def handle_group_iq(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    """Answer a ``w:g2`` iq: to ``g.us`` for server-wide requests, to a group for the rest."""
    # Baileys and waproto address server-wide requests to "@g.us" (a JID pair with no user).
    if iq.attrs.get("to") in (GROUP_SERVER, "@" + GROUP_SERVER):
        children = iq.get_children()
        handler = _SERVER_REQUESTS.get(children[0].tag) if children else None
        return nodes.iq_error(iq, 501) if handler is None else handler(core, session, iq, now)
    return _on_group(core, session, iq, now)
