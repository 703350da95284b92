"""The client's presence API: our own presence, subscribing to a contact's, chat states.

A mixin so these calls sit together; incoming presence and chat states become events in
:class:`~waproto.presence.PresenceService`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.errors import InvalidState
from waproto.jid import JID, as_recipient
from waproto.messaging.service import MessagingService
from waproto.messaging.wire import unified_session
from waproto.session.live import LiveSession

__all__ = ["PresenceMethods"]


class PresenceMethods:
    """Presence and chat states; mixed into :class:`~waproto.Client`."""

    _config: ClientConfig
    _messaging: MessagingService
    _session: LiveSession

    if TYPE_CHECKING:

        @property
        def own_jid(self) -> JID: ...

        async def wait_connected(self, timeout: float | None = None) -> None: ...

    @property
    def push_name(self) -> str:
        """Our display name: ``ClientConfig.push_name``, else the account's as learned from app-state
        (``setting_pushName``) or from the ``notify`` on our other devices' messages."""
        return self._config.push_name or self._session.credentials.push_name

    async def send_presence(self, available: bool) -> None:
        """Appear online or offline to contacts.

        ``available`` is followed by ``<ib><unified_session/>`` (whatsmeow presence.go,
        Baileys 7 chats.js) and makes delivery receipts active.

        Raises:
            InvalidState: no push name is known yet; WhatsApp shows a nameless presence as "-",
                so whatsmeow refuses it (``ErrNoPushName``) and Baileys skips it, and so do we.
        """
        name = self.push_name
        if not name:
            raise InvalidState("no push name known (set ClientConfig.push_name): presence not sent")
        await self.wait_connected()
        attrs = {"type": "available" if available else "unavailable", "name": name}
        await self._session.send_node(Node("presence", attrs))
        self._messaging.receiver.active_receipts = available
        if available:
            await self._session.send_node(unified_session(self._session.now()))

    async def subscribe_presence(self, jid: JID | str) -> None:
        """Ask for ``jid``'s presence: ``Presence`` events follow now and on each change.

        Carries the contact's privacy token when we hold one (whatsmeow presence.go
        ``SubscribePresence``, Baileys 7 ``presenceSubscribe``).
        """
        await self.wait_connected()
        target = as_recipient(jid).to_non_ad()
        token = await self._messaging.sender.contact_token(target)
        await self._session.send_node(
            Node("presence", {"type": "subscribe", "to": str(target)}, [] if token is None else [token])
        )

    async def send_chat_state(
        self, chat: JID | str, state: str = "composing", *, media: str | None = None
    ) -> None:
        """Show ``composing`` (typing; ``media="audio"`` for recording) or ``paused`` in ``chat``.

        Only ``to``: the server knows who we are (whatsmeow dropped ``from`` in presence.go
        ``SendChatPresence``, August 2026; Baileys 7 still names its device).
        """
        if state not in ("composing", "paused"):
            raise ValueError(f"chat state must be composing or paused, not {state!r}")
        await self.wait_connected()
        child = Node(state, {"media": media} if media else {})
        await self._session.send_node(Node("chatstate", {"to": str(as_recipient(chat))}, [child]))
