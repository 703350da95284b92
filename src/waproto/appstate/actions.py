"""The app-state changes a client (or a phone) makes: collection, index and value of each.

Names, collections and action versions are WhatsApp's (protocol-wave2.md 3.6, whatsmeow
``appstate/encode.go``; delete-for-me as Baileys' ``chatModificationToAppPatch``). Each builder
returns ``(collection, Change)`` for
:func:`~waproto.appstate.patches.build_patch`; ``now_ms`` is wall time in milliseconds.
"""

from __future__ import annotations

from waproto.appstate.patches import REMOVE, Change
from waproto.proto.wa_sync_pb2 import SyncActionValue

__all__ = [
    "archive_chat",
    "delete_message_for_me",
    "mark_chat_read",
    "mute_chat",
    "pin_chat",
    "set_contact",
    "set_nct_salt",
    "set_push_name",
    "star_message",
]

Action = SyncActionValue


def archive_chat(jid: str, archived: bool, now_ms: int) -> tuple[str, Change]:
    """Archive or unarchive a chat."""
    value = Action(timestamp=now_ms, archiveChatAction=Action.ArchiveChatAction(archived=archived))
    return "regular_low", Change(("archive", jid), value, 3)


def pin_chat(jid: str, pinned: bool, now_ms: int) -> tuple[str, Change]:
    """Pin or unpin a chat."""
    return "regular_low", Change(
        ("pin_v1", jid), Action(timestamp=now_ms, pinAction=Action.PinAction(pinned=pinned)), 5
    )


def mute_chat(jid: str, until_ms: int | None, now_ms: int) -> tuple[str, Change]:
    """Mute until ``until_ms`` (-1 forever), or unmute with None."""
    mute = Action.MuteAction(muted=until_ms is not None, muteEndTimestamp=until_ms or 0)
    return "regular_high", Change(("mute", jid), Action(timestamp=now_ms, muteAction=mute), 2)


def mark_chat_read(jid: str, read: bool, now_ms: int) -> tuple[str, Change]:
    """Mark a chat read or unread."""
    value = Action(timestamp=now_ms, markChatAsReadAction=Action.MarkChatAsReadAction(read=read))
    return "regular_low", Change(("markChatAsRead", jid), value, 3)


def set_contact(jid: str, full_name: str, first_name: str | None, now_ms: int) -> tuple[str, Change]:
    """Save or rename a contact."""
    first = first_name or full_name.split(" ", maxsplit=1)[0]
    action = Action.ContactAction(fullName=full_name, firstName=first)
    return "critical_unblock_low", Change(("contact", jid), Action(timestamp=now_ms, contactAction=action), 2)


def set_push_name(name: str, now_ms: int) -> tuple[str, Change]:
    """The account's own push name."""
    value = Action(timestamp=now_ms, pushNameSetting=Action.PushNameSetting(name=name))
    return "critical_block", Change(("setting_pushName",), value, 1)


def set_nct_salt(salt: bytes | None, now_ms: int) -> tuple[str, Change]:
    """The account's NCT salt, the key of ``<cstoken>`` (None removes it). WhatsApp provisions
    it; index and collection from whatsmeow ``appstate/keys.go`` (the action version is ours)."""
    value = Action(timestamp=now_ms, nctSaltSyncAction=Action.NctSaltSyncAction(salt=salt or b""))
    if salt is None:
        return "regular_high", Change(("nct_salt_sync",), value, 1, REMOVE)
    return "regular_high", Change(("nct_salt_sync",), value, 1)


def star_message(
    chat: str, message_id: str, *, from_me: bool, participant: str | None, starred: bool, now_ms: int
) -> tuple[str, Change]:
    """Star or unstar a message (whatsmeow files it in ``regular_high``, Baileys in ``regular_low``).

    ``participant`` is the sender of a group message not sent by us, else None (``"0"``).
    """
    value = Action(timestamp=now_ms, starAction=Action.StarAction(starred=starred))
    return "regular_high", Change(_message_index("star", chat, message_id, from_me, participant), value, 2)


def delete_message_for_me(
    chat: str,
    message_id: str,
    *,
    from_me: bool,
    participant: str | None,
    message_timestamp: int,
    now_ms: int,
    delete_media: bool = False,
) -> tuple[str, Change]:
    """Delete a message on this account's devices only; ``message_timestamp`` is the message's own."""
    action = Action.DeleteMessageForMeAction(deleteMedia=delete_media, messageTimestamp=message_timestamp)
    value = Action(timestamp=now_ms, deleteMessageForMeAction=action)
    index = _message_index("deleteMessageForMe", chat, message_id, from_me, participant)
    return "regular_high", Change(index, value, 3)


def _message_index(
    kind: str, chat: str, message_id: str, from_me: bool, participant: str | None
) -> tuple[str, ...]:
    """``[kind, chat, id, fromMe "1"/"0", participant or "0"]``, the key of a message-level action."""
    return (kind, chat, message_id, "1" if from_me else "0", participant or "0")
