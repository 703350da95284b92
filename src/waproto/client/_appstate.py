"""The client's app-state API: local contacts and chat settings, and changing chat settings.

A mixin so these calls sit together; the work is the
:class:`~waproto.appstate.service.AppStateService`'s. Changes go to the account's other
devices (and the phone) as app-state patches; the local state follows once the server took
the patch.
"""

from __future__ import annotations

from waproto.appstate import Change, actions
from waproto.appstate.service import AppStateService
from waproto.jid import JID
from waproto.session.live import LiveSession
from waproto.store import ChatSettings, Contact

__all__ = ["AppStateMethods"]


class AppStateMethods:
    """Contacts, chat settings and their changes; mixed into :class:`~waproto.Client`."""

    _appstate: AppStateService
    _session: LiveSession

    async def contacts(self) -> dict[str, Contact]:
        """Every contact this device knows (names from app-state, push names from history), by JID."""
        return await self._session.store.get_contacts()

    async def chat_settings(self, jid: JID | str | None = None) -> dict[str, ChatSettings]:
        """Archive, pin, mute and unread state of one chat, or of every chat with settings."""
        return await self._session.store.get_chat_settings(None if jid is None else [str(jid)])

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

    def _now_ms(self) -> int:
        return int(self._session.now() * 1000)


def _one(made: tuple[str, Change]) -> tuple[str, list[Change]]:
    collection, change = made
    return collection, [change]
