"""Groups as a service: ``w:gp2`` notifications to events and cache updates, and ``client.groups``.

The service turns each change a ``w:gp2`` notification carries into a typed event
and applies it to the cached metadata (instead of only dropping the entry), so a
send right after a member joins reaches the new member without a metadata fetch.
:class:`GroupsAPI` is the user's namespace for administration (``client.groups``):
each call is one ``w:g2`` iq built and read by :mod:`waproto.groups.requests`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from typing import ClassVar

from waproto.binary import Node
from waproto.cache import TTLCache
from waproto.events import (
    EphemeralSettingChanged,
    Event,
    GroupInfoChanged,
    GroupJoined,
    GroupParticipantsChanged,
)
from waproto.groups.changes import (
    DescriptionChanged,
    EphemeralChanged,
    GroupChange,
    GroupCreated,
    GroupNotification,
    MembershipApprovalChanged,
    ParticipantsChanged,
    SettingChanged,
    SubjectChanged,
    parse_group_notification,
)
from waproto.groups.requests import (
    GroupSetting,
    ParticipantAction,
    ParticipantResult,
    build_description,
    build_ephemeral,
    build_get_invite,
    build_join,
    build_leave,
    build_member_add_mode,
    build_membership_approval,
    build_participants_change,
    build_preview,
    build_reset_invite,
    build_setting,
    build_subject,
    parse_invite_code,
    parse_join,
    parse_participant_results,
)
from waproto.jid import GROUP_SERVER, JID
from waproto.messaging.actions_service import MessageActionsService
from waproto.messaging.send import GroupInfo, GroupParticipant, MessageSender, parse_group
from waproto.session import Session, StanzaRoute

__all__ = ["GroupService", "GroupsAPI", "apply_change"]

logger = logging.getLogger("waproto.groups")


def apply_change(info: GroupInfo, change: GroupChange) -> GroupInfo:
    """The metadata after one change (pure; what the cache keeps)."""
    if isinstance(change, ParticipantsChanged):
        members = {p.jid: p for p in info.participants}
        numbers = dict(change.phone_numbers)
        for jid in change.participants:
            if change.action == "add":
                lid = jid if jid.is_lid else None
                number = numbers.get(jid, None if jid.is_lid else jid)
                members.setdefault(jid, GroupParticipant(jid=jid, phone_number=number, lid=lid))
            elif change.action == "remove":
                members.pop(jid, None)
            elif jid in members and change.action in ("promote", "demote"):
                members[jid] = dataclasses.replace(members[jid], is_admin=change.action == "promote")
        participants = tuple(members.values())
        admins = tuple(p.jid for p in participants if p.is_admin)
        return dataclasses.replace(info, participants=participants, admins=admins)
    if isinstance(change, SubjectChanged):
        return dataclasses.replace(info, subject=change.subject)
    if isinstance(change, DescriptionChanged):
        return dataclasses.replace(info, description=change.text, description_id=change.description_id or "")
    if isinstance(change, SettingChanged) and change.setting == "announcement":
        return dataclasses.replace(info, announcement=change.enabled)
    if isinstance(change, SettingChanged) and change.setting == "locked":
        return dataclasses.replace(info, locked=change.enabled)
    if isinstance(change, EphemeralChanged):
        return dataclasses.replace(info, ephemeral=change.expiration)
    if isinstance(change, MembershipApprovalChanged):
        return dataclasses.replace(info, membership_approval=change.enabled)
    return info


def _event(note: GroupNotification, change: GroupChange) -> Event | None:
    """The event one change of a notification stands for (None: not modelled as an event)."""
    group, actor, when = note.group, note.actor, note.timestamp
    if isinstance(change, ParticipantsChanged):
        return GroupParticipantsChanged(
            group=group,
            actor=actor,
            action=change.action,
            participants=change.participants,
            reason=change.reason or "",
            timestamp=when,
        )
    if isinstance(change, SubjectChanged):
        return GroupInfoChanged(group=group, actor=actor, subject=change.subject, timestamp=when)
    if isinstance(change, DescriptionChanged):
        deleted = change.text is None
        return GroupInfoChanged(
            group=group, actor=actor, description=change.text, description_deleted=deleted, timestamp=when
        )
    if isinstance(change, SettingChanged) and change.setting == "announcement":
        return GroupInfoChanged(group=group, actor=actor, announcement=change.enabled, timestamp=when)
    if isinstance(change, SettingChanged) and change.setting == "locked":
        return GroupInfoChanged(group=group, actor=actor, locked=change.enabled, timestamp=when)
    if isinstance(change, MembershipApprovalChanged):
        return GroupInfoChanged(group=group, actor=actor, membership_approval=change.enabled, timestamp=when)
    if isinstance(change, EphemeralChanged):
        return EphemeralSettingChanged(chat=group, expiration=change.expiration, actor=actor, timestamp=when)
    if isinstance(change, GroupCreated):
        subject = change.group.attr("subject") or ""
        return GroupJoined(group=group, subject=subject, actor=actor, reason=change.reason or "")
    logger.debug("w:gp2 change not turned into an event: %s", type(change).__name__)
    return None


class GroupService:
    """``w:gp2`` notifications: events and cached-metadata updates."""

    __slots__ = ("_actions", "_cache", "_session")

    stanza_routes: ClassVar[tuple[StanzaRoute, ...]] = (
        StanzaRoute.of("notification", "_on_change", type="w:gp2"),
    )

    def __init__(
        self, session: Session, cache: TTLCache[JID, GroupInfo], actions: MessageActionsService
    ) -> None:
        self._session = session
        self._cache = cache
        self._actions = actions
        session.router.register(self)

    async def _on_change(self, node: Node) -> None:
        note = parse_group_notification(node)
        info = self._cache.get(note.group)
        for change in note.changes:
            if isinstance(change, GroupCreated):
                info = parse_group(change.group)
            elif info is not None:
                info = apply_change(info, change)
            if isinstance(change, EphemeralChanged):
                await self._actions.set_disappearing_timer(note.group, change.expiration)
        if info is not None:
            self._cache.put(note.group, info)
        for change in note.changes:
            event = _event(note, change)
            if event is not None:
                await self._session.emit(event)


class GroupsAPI:
    """Group administration (``client.groups``); each call is one ``w:g2`` request.

    Calls raise :class:`~waproto.errors.IQError` with the server's code when refused
    (403 not an admin, 404 no such group, 406 bad invite code, 410 revoked code).
    """

    __slots__ = ("_actions", "_sender", "_session")

    def __init__(self, session: Session, sender: MessageSender, actions: MessageActionsService) -> None:
        self._session = session
        self._sender = sender
        self._actions = actions

    async def create(self, subject: str, participants: Sequence[JID]) -> GroupInfo:
        """Create a group with us as its admin."""
        create = Node(
            "create",
            {"subject": subject, "key": self._session.next_id()},
            [Node("participant", {"jid": str(p.to_non_ad())}) for p in participants],
        )
        answer = await self._session.query(
            Node("iq", {"to": "@" + GROUP_SERVER, "type": "set", "xmlns": "w:g2"}, [create])
        )
        return await self._sender.learn_group(answer.require_child("group"))

    async def info(self, group: JID, *, refresh: bool = False) -> GroupInfo:
        """Metadata (cached; ``refresh`` asks the server)."""
        return await self._sender.group_info(group, refresh=refresh)

    async def participating(self) -> list[GroupInfo]:
        """Every group we are a member of."""
        query = Node(
            "iq",
            {"to": "@" + GROUP_SERVER, "type": "get", "xmlns": "w:g2"},
            [Node("participating", {}, [Node("participants"), Node("description")])],
        )
        answer = await self._session.query(query)
        groups = answer.get_child("groups")
        # learn_group caches each one and keeps its members' PN<->LID pairs.
        return [
            await self._sender.learn_group(node)
            for node in (groups.get_children("group") if groups is not None else [])
        ]

    async def _participants(
        self, group: JID, action: ParticipantAction, members: Sequence[JID]
    ) -> list[ParticipantResult]:
        info = self._sender.group_cache.get(group)
        numbers = {p.jid: p.phone_number for p in info.participants if p.phone_number} if info else {}
        answer = await self._session.query(
            build_participants_change(group, action, members, phone_numbers=numbers)
        )
        self._sender.group_cache.invalidate(group)
        return parse_participant_results(answer, action)

    async def add(self, group: JID, members: Sequence[JID]) -> list[ParticipantResult]:
        """Add members; each result says 200, or why not (403 privacy: see ``add_request``, 409 member)."""
        return await self._participants(group, ParticipantAction.ADD, members)

    async def remove(self, group: JID, members: Sequence[JID]) -> list[ParticipantResult]:
        return await self._participants(group, ParticipantAction.REMOVE, members)

    async def promote(self, group: JID, members: Sequence[JID]) -> list[ParticipantResult]:
        return await self._participants(group, ParticipantAction.PROMOTE, members)

    async def demote(self, group: JID, members: Sequence[JID]) -> list[ParticipantResult]:
        return await self._participants(group, ParticipantAction.DEMOTE, members)

    async def set_subject(self, group: JID, subject: str) -> None:
        await self._session.query(build_subject(group, subject))

    async def set_description(self, group: JID, text: str | None) -> None:
        """Set the description, or delete it with None (the id chain uses the cached metadata)."""
        current = await self.info(group)
        new_id = os.urandom(8).hex().upper()
        await self._session.query(
            build_description(group, text, new_id=new_id, previous_id=current.description_id)
        )

    async def set_announcement(self, group: JID, admins_only: bool) -> None:
        """Only admins send (True) or everyone (False)."""
        await self._session.query(
            build_setting(group, GroupSetting.ANNOUNCEMENT if admins_only else GroupSetting.NOT_ANNOUNCEMENT)
        )

    async def set_locked(self, group: JID, locked: bool) -> None:
        """Only admins edit the group info (True) or everyone (False)."""
        await self._session.query(
            build_setting(group, GroupSetting.LOCKED if locked else GroupSetting.UNLOCKED)
        )

    async def set_disappearing(self, group: JID, seconds: int) -> None:
        await self._session.query(build_ephemeral(group, seconds))
        await self._actions.set_disappearing_timer(group, seconds)

    async def set_join_approval(self, group: JID, enabled: bool) -> None:
        await self._session.query(build_membership_approval(group, enabled))

    async def set_member_add_mode(self, group: JID, *, admins_only: bool) -> None:
        await self._session.query(build_member_add_mode(group, admins_only=admins_only))

    async def invite_link(self, group: JID) -> str:
        """The group's invite link (admins only)."""
        return "https://chat.whatsapp.com/" + parse_invite_code(
            await self._session.query(build_get_invite(group))
        )

    async def revoke_invite(self, group: JID) -> str:
        """Invalidate the current link; returns the new one."""
        return "https://chat.whatsapp.com/" + parse_invite_code(
            await self._session.query(build_reset_invite(group))
        )

    async def preview(self, code: str) -> GroupInfo:
        """Metadata behind an invite link or code, without joining."""
        return parse_group((await self._session.query(build_preview(code))).require_child("group"))

    async def join(self, code: str) -> JID:
        """Join by invite link or code; raises IQError 406/410 for bad or revoked codes.

        When the group asks admins to approve joins, the request is filed and the
        group's JID returned; a ``GroupParticipantsChanged`` follows on approval.
        """
        group, pending = parse_join(await self._session.query(build_join(code)))
        if pending:
            logger.info("join request for %s awaits an admin's approval", group)
        return group

    async def leave(self, group: JID) -> None:
        await self._session.query(build_leave([group]))
        self._sender.group_cache.invalidate(group)
