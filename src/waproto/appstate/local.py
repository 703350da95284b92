"""Verified mutations to local state (contacts, chat settings) and events: a pure mapping.

The index names and values are WhatsApp's (protocol-wave2.md 3.6): ``["contact", jid]``,
``["archive", jid]``, ``["pin_v1", jid]``, ``["mute", jid]``, ``["markChatAsRead", jid]``,
``["setting_pushName"]``, ``["star", chat, id, fromMe, sender]``,
``["deleteMessageForMe", chat, id, fromMe, sender]``, ``["nct_salt_sync"]`` (the account's NCT
salt: kept, never emitted, as whatsmeow ``appstate.go`` does). The caller loads the rows of
:func:`touched_jids`, stores what :func:`apply_mutations` returns in the same transaction
as the patch, and emits the events after the commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from waproto.appstate.events import (
    AppStateMutation,
    ChatArchived,
    ChatMarkedRead,
    ChatMuted,
    ChatPinned,
    ContactChanged,
    MessageDeletedForMe,
    MessageStarred,
    PushNameChanged,
)
from waproto.appstate.patches import REMOVE, Mutation
from waproto.events import Event
from waproto.store import ChatSettings, Contact

__all__ = ["CHAT_ACTIONS", "LocalChanges", "apply_mutations", "touched_jids"]

#: Index names whose second element is a chat JID with settings we keep.
CHAT_ACTIONS = frozenset({"archive", "pin_v1", "mute", "markChatAsRead"})


@dataclass(slots=True)
class LocalChanges:
    """Rows to store and events to emit for one patch or snapshot."""

    contacts: dict[str, Contact] = field(default_factory=dict)
    chats: dict[str, ChatSettings] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    nct_salt: bytes | None = None
    """The NCT salt to store (``b""``: remove it); None when the patch does not touch it."""


def touched_jids(mutations: Iterable[Mutation]) -> tuple[set[str], set[str]]:
    """``(contact JIDs, chat JIDs)`` whose stored rows :func:`apply_mutations` needs."""
    contacts: set[str] = set()
    chats: set[str] = set()
    for mutation in mutations:
        index = mutation.index
        if len(index) >= 2 and index[0] == "contact":
            contacts.add(index[1])
        elif len(index) >= 2 and index[0] in CHAT_ACTIONS:
            chats.add(index[1])
    return contacts, chats


def apply_mutations(
    collection: str,
    mutations: Iterable[Mutation],
    contacts: Mapping[str, Contact],
    chats: Mapping[str, ChatSettings],
    *,
    initial: bool = False,
) -> LocalChanges:
    """Fold ``mutations`` (in order) over the stored rows; returns the changed rows and events."""
    out = LocalChanges()
    for mutation in mutations:
        if mutation.index == ("nct_salt_sync",):
            # The key of <cstoken>: stored, not emitted (whatsmeow appstate.go storeNCTSalt).
            salt = b"" if mutation.operation == REMOVE else mutation.value.nctSaltSyncAction.salt
            if salt or mutation.operation == REMOVE:  # an empty salt set changes nothing
                out.nct_salt = salt
            continue
        event = _apply(collection, mutation, contacts, chats, out, initial=initial)
        out.events.append(event)
    return out


def _apply(
    collection: str,
    mutation: Mutation,
    contacts: Mapping[str, Contact],
    chats: Mapping[str, ChatSettings],
    out: LocalChanges,
    *,
    initial: bool,
) -> Event:
    index, value = mutation.index, mutation.value
    removed = mutation.operation == REMOVE
    ts = value.timestamp
    kind = index[0] if index else ""
    if kind == "contact" and len(index) >= 2:
        jid = index[1]
        full = None if removed else value.contactAction.fullName or None
        first = None if removed else value.contactAction.firstName or None
        current = out.contacts.get(jid) or contacts.get(jid) or Contact(jid)
        out.contacts[jid] = dataclasses.replace(current, full_name=full, first_name=first)
        return ContactChanged(jid=jid, full_name=full, first_name=first, timestamp_ms=ts, initial=initial)
    if kind == "setting_pushName" and not removed:
        return PushNameChanged(name=value.pushNameSetting.name, timestamp_ms=ts, initial=initial)
    if kind in CHAT_ACTIONS and len(index) >= 2 and not removed:
        jid = index[1]
        chat = out.chats.get(jid) or chats.get(jid) or ChatSettings(jid)
        event: Event
        if kind == "archive":
            chat = dataclasses.replace(chat, archived=value.archiveChatAction.archived)
            event = ChatArchived(jid=jid, archived=chat.archived, timestamp_ms=ts, initial=initial)
        elif kind == "pin_v1":
            chat = dataclasses.replace(chat, pinned=value.pinAction.pinned)
            event = ChatPinned(jid=jid, pinned=chat.pinned, timestamp_ms=ts, initial=initial)
        elif kind == "mute":
            mute = value.muteAction
            until = (mute.muteEndTimestamp or -1) if mute.muted else 0
            chat = dataclasses.replace(chat, muted_until=until)
            event = ChatMuted(jid=jid, until_ms=until, timestamp_ms=ts, initial=initial)
        else:
            read = value.markChatAsReadAction.read
            chat = dataclasses.replace(chat, unread=not read)
            event = ChatMarkedRead(jid=jid, read=read, timestamp_ms=ts, initial=initial)
        out.chats[jid] = chat
        return event
    if kind in ("star", "deleteMessageForMe") and len(index) >= 4 and not removed:
        chat_jid, message_id, from_me = index[1], index[2], index[3] == "1"
        participant = index[4] if len(index) >= 5 and index[4] != "0" else None
        if kind == "star":
            return MessageStarred(
                chat=chat_jid,
                message_id=message_id,
                from_me=from_me,
                starred=value.starAction.starred,
                participant=participant,
                timestamp_ms=ts,
                initial=initial,
            )
        return MessageDeletedForMe(
            chat=chat_jid,
            message_id=message_id,
            from_me=from_me,
            participant=participant,
            timestamp_ms=ts,
            initial=initial,
        )
    return AppStateMutation(
        collection=collection, index=index, value=value, removed=removed, timestamp_ms=ts, initial=initial
    )
