"""Events app-state sync emits once a verified patch or snapshot is committed.

Each mutation becomes one event: a typed one for the settings waproto keeps as local state
(contact names, archive, pin, mute, read, the account's push name, stars and deletes for
me), :class:`AppStateMutation` for every other action, so nothing is silently dropped.
``initial`` is True for mutations that came in a snapshot (the first sync of a collection).
"""

from __future__ import annotations

from dataclasses import dataclass

from waproto.events import Event
from waproto.proto.wa_sync_pb2 import SyncActionValue

__all__ = [
    "AppStateMutation",
    "ChatArchived",
    "ChatMarkedRead",
    "ChatMuted",
    "ChatPinned",
    "ContactChanged",
    "MessageDeletedForMe",
    "MessageStarred",
    "PushNameChanged",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Change(Event):
    timestamp_ms: int = 0
    """When the change was made (the action's timestamp)."""
    initial: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactChanged(_Change):
    """A contact was saved, renamed (``full_name`` set) or removed (both names None)."""

    jid: str
    full_name: str | None
    first_name: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PushNameChanged(_Change):
    """The account's own push name (``setting_pushName``)."""

    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatArchived(_Change):
    """A chat was archived or unarchived."""

    jid: str
    archived: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatPinned(_Change):
    """A chat was pinned or unpinned."""

    jid: str
    pinned: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatMuted(_Change):
    """A chat was muted until ``until_ms`` (-1: forever) or unmuted (``until_ms`` 0)."""

    jid: str
    until_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatMarkedRead(_Change):
    """A chat was marked read or unread."""

    jid: str
    read: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageStarred(_Change):
    """A message was starred or unstarred (``participant``: a group message's sender, not us)."""

    chat: str
    message_id: str
    from_me: bool
    starred: bool
    participant: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageDeletedForMe(_Change):
    """A message was deleted on this account's devices only (``participant`` as for a star)."""

    chat: str
    message_id: str
    from_me: bool
    participant: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AppStateMutation(_Change):
    """Any other app-state action (labels, quick replies, settings, ...), as WhatsApp sent it."""

    collection: str
    index: tuple[str, ...]
    value: SyncActionValue
    removed: bool
