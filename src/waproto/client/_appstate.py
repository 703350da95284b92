"""The client's app-state and history API: contacts, chat settings and their changes, history requests.

A mixin so these calls sit together; the work is the
:class:`~waproto.appstate.service.AppStateService`'s. Changes go to the account's other
devices (and the phone) as app-state patches; the local state follows once the server took
the patch.
"""

from __future__ import annotations

from waproto.appstate import Change, actions
from waproto.appstate.service import AppStateService
from waproto.history.service import HistoryService
from waproto.jid import JID
from waproto.lid import LIDService
from waproto.session.live import LiveSession
from waproto.store import ChatSettings, Contact

__all__ = ["AppStateMethods"]


class AppStateMethods:
    """Contacts, chat settings and their changes; mixed into :class:`~waproto.Client`."""

    _appstate: AppStateService
    _lid: LIDService
    _history: HistoryService
    _session: LiveSession

    async def request_history(
        self, chat: JID | str, oldest_id: str, *, oldest_from_me: bool, oldest_timestamp: int, count: int = 50
    ) -> str:
        """Ask our phone for up to ``count`` messages of ``chat`` older than message ``oldest_id``.

        ``oldest_timestamp`` is that message's time in seconds. The messages arrive as
        ``HistorySyncBatch`` events (``sync_type="ON_DEMAND"``) whose ``request_id`` is the
        returned id.
        """
        return await self._history.request(
            str(chat),
            oldest_id,
            oldest_from_me=oldest_from_me,
            oldest_timestamp_ms=oldest_timestamp * 1000,
            count=count,
        )

    async def contacts(self) -> dict[str, Contact]:
        """Every contact this device knows (names from app-state, push names from history), by JID."""
        return await self._session.store.get_contacts()

    async def chat_settings(self, jid: JID | str | None = None) -> dict[str, ChatSettings]:
        """Archive, pin, mute and unread state of one chat, or of every chat with settings.

        A 1:1 chat's settings are looked up under both its addresses (phone number and LID,
        when the mapping is known): the phone's app state may name the chat either way.
        """
        if jid is None:
            return await self._session.store.get_chat_settings(None)
        forms = await self._lid.map.chat_forms(JID.parse(str(jid)))
        return await self._session.store.get_chat_settings([str(form) for form in forms])

    async def sync_app_state(self) -> None:
        """Fetch every app-state collection now (login and ``server_sync`` do it on their own)."""
        await self._appstate.sync()

    async def archive_chat(self, jid: JID | str, archived: bool = True) -> None:
        """Archive (or unarchive) a chat on every device of the account."""
        await self._appstate.send(*_one(actions.archive_chat(str(jid), archived, self._now_ms())))

    async def pin_chat(self, jid: JID | str, pinned: bool = True) -> None:
        """Pin (or unpin) a chat on every device of the account."""
        await self._appstate.send(*_one(actions.pin_chat(str(jid), pinned, self._now_ms())))

    async def mute_chat(self, jid: JID | str, until_ms: int | None = -1) -> None:
        """Mute a chat until ``until_ms`` (wall time in ms; -1 forever), or unmute it with None."""
        await self._appstate.send(*_one(actions.mute_chat(str(jid), until_ms, self._now_ms())))

    async def mark_chat_read(self, jid: JID | str, read: bool = True) -> None:
        """Mark a chat read (or unread) on every device of the account."""
        await self._appstate.send(*_one(actions.mark_chat_read(str(jid), read, self._now_ms())))

    async def star_message(
        self,
        chat: JID | str,
        message_id: str,
        *,
        from_me: bool,
        sender: JID | str | None = None,
        starred: bool = True,
    ) -> None:
        """Star (or unstar) a message on every device of the account; ``sender``: a group message's author."""
        chat_jid, participant = _message_target(chat, from_me, sender)
        made = actions.star_message(
            chat_jid,
            message_id,
            from_me=from_me,
            participant=participant,
            starred=starred,
            now_ms=self._now_ms(),
        )
        await self._appstate.send(*_one(made))

    async def delete_message_for_me(
        self,
        chat: JID | str,
        message_id: str,
        *,
        from_me: bool,
        timestamp: int,
        sender: JID | str | None = None,
        delete_media: bool = False,
    ) -> None:
        """Delete a message on this account's devices only (``timestamp``: the message's, in seconds)."""
        chat_jid, participant = _message_target(chat, from_me, sender)
        made = actions.delete_message_for_me(
            chat_jid,
            message_id,
            from_me=from_me,
            participant=participant,
            message_timestamp=timestamp,
            now_ms=self._now_ms(),
            delete_media=delete_media,
        )
        await self._appstate.send(*_one(made))

    def _now_ms(self) -> int:
        return int(self._session.now() * 1000)


def _one(made: tuple[str, Change]) -> tuple[str, list[Change]]:
    collection, change = made
    return collection, [change]


def _message_target(chat: JID | str, from_me: bool, sender: JID | str | None) -> tuple[str, str | None]:
    """The chat JID and the participant slot of a message's index: a group message's author, unless us."""
    chat_jid = JID.parse(str(chat))
    if from_me or sender is None or not chat_jid.is_group:
        return str(chat_jid), None
    return str(chat_jid), str(JID.parse(str(sender)).to_non_ad())
