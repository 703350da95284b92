"""Groups and the ``w:g2`` iqs, with WhatsApp's permissions and ``w:gp2`` notifications.

Replies follow the shape Baileys' ``extractGroupMetadata`` and whatsmeow's
``parseGroupNode`` read: a ``<group>`` with ``id`` (user part only), ``subject``,
``s_t``, ``s_o``, ``creation``, ``creator`` and ``<participant jid type>`` children
(``superadmin`` for the creator, ``admin`` for promoted members), plus the
description and setting children. Only admins change participants and settings;
in a ``locked`` group only admins edit the subject, description and timer. Every
change is announced to every member's devices (and to removed members) with a
``<notification type=w:gp2>`` carrying the actor, as protocol-wave2.md 5.3 lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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

_ADMINS = frozenset({"admin", "superadmin"})


@dataclass(slots=True)
class Group:
    """A group: its members by phone number with their roles, settings, and how it addresses them."""

    group_id: str
    subject: str
    creator: str
    creation: int
    participants: dict[str, str] = field(default_factory=dict)
    subject_owner: str = ""
    subject_time: int = 0
    addressing_mode: str = "pn"
    description: str | None = None
    description_id: str = ""
    announcement: bool = False
    locked: bool = False
    ephemeral: int = 0
    membership_approval: bool = False
    admins_add_only: bool = True
    invite_code: str = ""

    @property
    def jid(self) -> JID:
        """The group's JID (``<id>@g.us``)."""
        return JID(self.group_id, GROUP_SERVER)

    @property
    def lid_mode(self) -> bool:
        return self.addressing_mode == "lid"

    def is_admin(self, phone: str) -> bool:
        return self.participants.get(phone) in _ADMINS

    def to_node(self, core: ServerCore) -> Node:
        """The ``<group>`` metadata node, in the group's addressing mode.

        LID mode: ``<participant jid=LID phone_number=PN>`` and LID owners with ``_pn``
        twins; PN mode: ``<participant jid=PN lid=LID>`` (reference 1.5, 5.2).
        """
        lid_mode = self.lid_mode
        children = [participant_node(core, self, phone, role) for phone, role in self.participants.items()]
        if self.description is not None:
            body = Node("body", {}, self.description.encode())
            children.append(Node("description", {"id": self.description_id}, [body]))
        if self.announcement:
            children.append(Node("announcement"))
        if self.locked:
            children.append(Node("locked"))
        if self.ephemeral:
            children.append(Node("ephemeral", {"expiration": str(self.ephemeral)}))
        if self.membership_approval:
            children.append(Node("membership_approval_mode", {}, [Node("group_join", {"state": "on"})]))
        add_mode = b"admin_add" if self.admins_add_only else b"all_member_add"
        children.append(Node("member_add_mode", {}, add_mode))
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


def participant_node(core: ServerCore, group: Group, phone: str, role: str = "member") -> Node:
    """``<participant>`` of one member in the group's addressing mode."""
    lid_mode = group.lid_mode
    attrs = _user_attrs(core, phone, "jid", "phone_number" if lid_mode else "lid", lid_mode=lid_mode)
    if role != "member":
        attrs["type"] = role
    return Node("participant", attrs)


def _user_attrs(core: ServerCore, phone: str, key: str, alt_key: str, *, lid_mode: bool) -> dict[str, str]:
    """``{key: JID}`` of an account in the group's mode, plus ``{alt_key: other form}`` when named."""
    pn = f"{phone}@s.whatsapp.net"
    account = core.accounts.get(phone)
    if account is None:
        return {key: pn}
    lid = str(account.lid)
    attrs = {key: lid if lid_mode else pn}
    if alt_key and not (lid_mode and account.hides_number):
        attrs[alt_key] = pn if lid_mode else lid
    return attrs


def notify(
    core: ServerCore,
    group: Group,
    actor: str,
    changes: list[Node],
    *,
    now: float,
    extra: Iterable[str] = (),
    skip: tuple[str, int] | None = None,
) -> None:
    """Send ``<notification type=w:gp2>`` to every device of every member (and of ``extra``)."""
    alt = "participant_pn" if group.lid_mode else ""
    attrs = {
        "from": str(group.jid),
        "type": "w:gp2",
        "t": str(int(now)),
        **_user_attrs(core, actor, "participant", alt, lid_mode=group.lid_mode),
    }
    account = core.accounts.get(actor)
    if account is not None and account.push_name:
        attrs["notify"] = account.push_name
    for phone in dict.fromkeys([*group.participants, *extra]):
        member = core.accounts.get(phone)
        if member is None:
            continue
        for device in member.active_devices():
            key = (phone, device.device_id)
            if key != skip:
                node = Node("notification", {**attrs, "id": core.next_id()}, [*changes])
                core.router.deliver(key, node)


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


def _new_code(core: ServerCore) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(alphabet[b % len(alphabet)] for b in core.random(22))


def _create(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    request = iq.require_child("create")
    creator, device_id = core.session_account(session)
    group_id = f"1203630{int.from_bytes(core.random(6), 'big') % 10**11:011d}"
    group = Group(
        group_id=group_id,
        subject=request.attrs.get("subject", ""),
        creator=creator.phone_number,
        creation=int(now),
        subject_owner=creator.phone_number,
        subject_time=int(now),
        addressing_mode=core.config.group_addressing,
        invite_code=_new_code(core),
    )
    group.participants[creator.phone_number] = "superadmin"
    for _, phone in _phones(core, request):
        if phone is not None:
            group.participants.setdefault(phone, "member")
    ephemeral = request.get_child("ephemeral")
    if ephemeral is not None:
        group.ephemeral = max(0, ephemeral.attr_int("expiration", 0) or 0)
    group.locked = request.get_child("locked") is not None
    group.announcement = request.get_child("announcement") is not None
    core.groups[group_id] = group
    metadata = group.to_node(core)
    create = Node("create", {"reason": "create", "key": request.attrs.get("key", "")}, [metadata])
    notify(core, group, creator.phone_number, [create], now=now, skip=(creator.phone_number, device_id))
    return nodes.iq_result(iq, [metadata])


_ROLE_CHANGES = {"promote": "admin", "demote": "member"}


def _change_participants(core: ServerCore, group: Group, actor: str, request: Node, now: float) -> Node:
    results: list[Node] = []
    changed: list[str] = []
    for text, phone in _phones(core, request):
        error = None
        if phone is None:
            results.append(Node("participant", {"jid": text, "error": "404"}))
            continue
        if request.tag == "add":
            if phone in group.participants:
                error = "409"
            else:
                group.participants[phone] = "member"
        elif phone not in group.participants:
            error = "404"
        elif request.tag == "remove":
            del group.participants[phone]
        elif group.participants[phone] == "superadmin" and request.tag == "demote":
            error = "403"
        else:
            group.participants[phone] = _ROLE_CHANGES[request.tag]
        attrs = {"jid": text}
        if error is not None:
            attrs["error"] = error
        else:
            changed.append(phone)
        results.append(Node("participant", attrs))
    if changed:
        change = Node(request.tag, {}, [participant_node(core, group, phone) for phone in changed])
        removed = changed if request.tag == "remove" else []
        notify(core, group, actor, [change], now=now, extra=removed)
    return Node(request.tag, {}, results)


def _edit_info(core: ServerCore, group: Group, actor: str, request: Node, now: float) -> Node | None:
    """Subject, description and disappearing timer: anyone, or only admins when locked."""
    if request.tag == "subject":
        group.subject = request.content_bytes().decode("utf-8", "replace")
        group.subject_owner, group.subject_time = actor, int(now)
        owner = _user_attrs(core, actor, "s_o", "s_o_pn" if group.lid_mode else "", lid_mode=group.lid_mode)
        return Node("subject", {"subject": group.subject, "s_t": str(int(now)), **owner})
    if request.tag == "description":
        body = request.get_child("body")
        group.description_id = request.attrs.get("id", "")
        if request.attrs.get("delete") == "true" or body is None:
            group.description = None
            return Node("description", {"id": group.description_id}, [Node("delete")])
        group.description = body.content_bytes().decode("utf-8", "replace")
        return Node("description", {"id": group.description_id}, [Node("body", {}, body.content_bytes())])
    if request.tag in ("ephemeral", "not_ephemeral"):
        group.ephemeral = (request.attr_int("expiration", 0) or 0) if request.tag == "ephemeral" else 0
        if not group.ephemeral:
            return Node("not_ephemeral")
        return Node("ephemeral", {"expiration": str(group.ephemeral)})
    return None


def _edit_settings(core: ServerCore, group: Group, request: Node) -> Node | None:
    """Admin-only settings; returns the change to announce, or None when the tag is not one."""
    tag = request.tag
    if tag in ("announcement", "not_announcement"):
        group.announcement = tag == "announcement"
        return Node(tag)
    if tag in ("locked", "unlocked"):
        group.locked = tag == "locked"
        return Node(tag)
    if tag == "membership_approval_mode":
        join = request.get_child("group_join")
        group.membership_approval = join is not None and join.attrs.get("state") == "on"
        state = "on" if group.membership_approval else "off"
        return Node(tag, {}, [Node("group_join", {"state": state})])
    if tag == "member_add_mode":
        group.admins_add_only = request.content_bytes() != b"all_member_add"
        return Node(tag, {}, request.content_bytes())
    if tag == "invite" and request.attrs.get("code") is None:
        group.invite_code = _new_code(core)
        return Node("invite", {"code": group.invite_code})
    return None


def _group_of(core: ServerCore, text: str) -> Group | None:
    try:
        return core.groups.get(JID.parse(text).user)
    except JIDError:
        return None


def _on_group(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    group = _group_of(core, iq.attrs.get("to", ""))
    if group is None:
        return nodes.iq_error(iq, 404)
    member, _ = core.session_account(session)
    actor = member.phone_number
    if actor not in group.participants:
        return nodes.iq_error(iq, 403)
    children = iq.get_children()
    request = children[0] if children else Node("query", {})
    admin = group.is_admin(actor)
    if request.tag == "query":
        return nodes.iq_result(iq, [group.to_node(core)])
    if request.tag in ("add", "remove", "promote", "demote"):
        if not admin and not (request.tag == "add" and not group.admins_add_only):
            return nodes.iq_error(iq, 403, "not-authorized")
        return nodes.iq_result(iq, [_change_participants(core, group, actor, request, now)])
    if request.tag == "invite" and iq.attrs.get("type") == "get":
        if not admin:
            return nodes.iq_error(iq, 403, "not-authorized")
        return nodes.iq_result(iq, [Node("invite", {"code": group.invite_code})])
    if request.tag in ("subject", "description", "ephemeral", "not_ephemeral"):
        if group.locked and not admin:
            return nodes.iq_error(iq, 403, "not-authorized")
        change = _edit_info(core, group, actor, request, now)
    else:
        if not admin:
            return nodes.iq_error(iq, 403, "not-authorized")
        change = _edit_settings(core, group, request)
    if change is None:
        return nodes.iq_error(iq, 501)
    notify(core, group, actor, [change], now=now)
    if change.tag == "invite":
        return nodes.iq_result(iq, [change])
    return nodes.iq_result(iq)


def _leave(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    member, _ = core.session_account(session)
    phone = member.phone_number
    for child in iq.require_child("leave").get_children("group"):
        group = _group_of(core, child.attrs.get("id", ""))
        if group is not None and group.participants.pop(phone, None) is not None:
            change = Node("remove", {"reason": "leave"}, [participant_node(core, group, phone)])
            notify(core, group, phone, [change], now=now, extra=[phone])
    return nodes.iq_result(iq)


def _invite(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    """Join by code (set) or preview the group behind a code (get)."""
    code = iq.require_child("invite").attrs.get("code", "")
    group = next((g for g in core.groups.values() if code and g.invite_code == code), None)
    if group is None:
        return nodes.iq_error(iq, 406, "not-acceptable")
    if iq.attrs.get("type") == "get":
        return nodes.iq_result(iq, [group.to_node(core)])
    member, _ = core.session_account(session)
    phone = member.phone_number
    if phone in group.participants:
        return nodes.iq_error(iq, 409, "conflict")
    if group.membership_approval:
        return nodes.iq_result(iq, [Node("membership_approval_request", {"jid": str(group.jid)})])
    group.participants[phone] = "member"
    added = Node("add", {"reason": "invite"}, [participant_node(core, group, phone)])
    notify(core, group, phone, [added], now=now)
    return nodes.iq_result(iq, [Node("group", {"jid": str(group.jid)})])


def _participating(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    member, _ = core.session_account(session)
    groups = [g.to_node(core) for g in core.groups.values() if member.phone_number in g.participants]
    return nodes.iq_result(iq, [Node("groups", {}, groups)])


_SERVER_REQUESTS: dict[str, Callable[[ServerCore, ServerSession, Node, float], Node]] = {
    "create": _create,
    "leave": _leave,
    "participating": _participating,
    "invite": _invite,
}


def handle_group_iq(core: ServerCore, session: ServerSession, iq: Node, now: float) -> Node:
    """Answer a ``w:g2`` iq: to ``g.us`` for server-wide requests, to a group for the rest."""
    # Baileys and waproto address server-wide requests to "@g.us" (a JID pair with no user).
    if iq.attrs.get("to") in (GROUP_SERVER, "@" + GROUP_SERVER):
        children = iq.get_children()
        handler = _SERVER_REQUESTS.get(children[0].tag) if children else None
        return nodes.iq_error(iq, 501) if handler is None else handler(core, session, iq, now)
    return _on_group(core, session, iq, now)
