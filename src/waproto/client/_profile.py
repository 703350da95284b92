"""The client's flat API for profiles, privacy, the blocklist and calls.

A mixin, like the media and action ones: each call is one stanza built and read
by :mod:`waproto.profile.stanzas`, sent through the session.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from waproto.appstate import actions
from waproto.errors import IQError
from waproto.events import IncomingCall
from waproto.jid import JID
from waproto.profile.stanzas import (
    CallOffer,
    build_block,
    build_get_blocklist,
    build_get_privacy,
    build_profile_picture,
    build_reject_call,
    build_set_privacy,
    build_set_profile_picture,
    build_set_status,
    parse_blocklist,
    parse_privacy,
    parse_profile_picture,
)

if TYPE_CHECKING:
    from waproto.appstate.service import AppStateService
    from waproto.messaging.service import MessagingService
    from waproto.session import LiveSession

__all__ = ["ProfileMethods"]

#: iq error codes that mean "no picture you may see" (whatsmeow ErrProfilePictureNotSet / Unauthorized).
_NO_PICTURE = frozenset({401, 404})


class ProfileMethods:
    """Profile pictures, about text, push name, blocklist, privacy, calls; mixed into ``Client``."""

    _messaging: MessagingService
    _session: LiveSession
    _appstate: AppStateService

    if TYPE_CHECKING:

        async def wait_connected(self, timeout: float | None = None) -> None: ...

        async def send_presence(self, available: bool) -> None: ...

    async def profile_picture_url(self, jid: JID | str, *, preview: bool = False) -> str | None:
        """The URL of a user's or group's picture; None when unset or hidden from us."""
        await self.wait_connected()
        target = JID.parse(str(jid))
        token = await self._messaging.sender.contact_token(target)
        try:
            answer = await self._session.query(build_profile_picture(target, preview=preview, token=token))
        except IQError as exc:
            if exc.code in _NO_PICTURE:
                return None
            raise
        return parse_profile_picture(answer)

    async def set_profile_picture(self, jpeg: bytes) -> None:
        """Our profile picture (a JPEG; WhatsApp shows 640x640)."""
        node = build_set_profile_picture(jpeg)
        await self.wait_connected()
        await self._session.query(node)

    async def set_status_text(self, text: str) -> None:
        """Our "about" text, as contacts see it."""
        await self.wait_connected()
        await self._session.query(build_set_status(text))

    async def set_push_name(self, name: str) -> None:
        """Our display name: the account's (app-state ``setting_pushName``, so the phone and our other
        devices follow) once the phone shared a sync key; kept with the credentials and announced
        with an ``available`` presence."""
        if not name.strip():
            raise ValueError("a push name cannot be empty")
        session = self._session
        if await session.store.get_latest_app_state_key() is not None:
            collection, change = actions.set_push_name(name, int(session.now() * 1000))
            await self._appstate.send(collection, [change])  # its commit saves the name
        if session.credentials.push_name != name:
            await session.save_credentials(dataclasses.replace(session.credentials, push_name=name))
        await self.send_presence(True)

    async def blocklist(self) -> list[JID]:
        """Who we have blocked."""
        await self.wait_connected()
        return parse_blocklist(await self._session.query(build_get_blocklist()))

    async def block(self, jid: JID | str) -> None:
        await self.wait_connected()
        await self._session.query(build_block(JID.parse(str(jid)), block=True))

    async def unblock(self, jid: JID | str) -> None:
        await self.wait_connected()
        await self._session.query(build_block(JID.parse(str(jid)), block=False))

    async def privacy_settings(self) -> dict[str, str]:
        """Category -> value (``last``, ``online``, ``profile``, ``status``, ``readreceipts``, ...)."""
        await self.wait_connected()
        return parse_privacy(await self._session.query(build_get_privacy()))

    async def set_privacy(self, name: str, value: str) -> None:
        """Change one privacy category (``set_privacy("last", "contacts")``); bad values raise ValueError."""
        node = build_set_privacy(name, value)
        await self.wait_connected()
        await self._session.query(node)

    async def reject_call(self, call: IncomingCall) -> None:
        """Decline an incoming call."""
        await self.wait_connected()
        offer = CallOffer(call.call_id, call.caller, call.creator, call.timestamp, call.video, call.group)
        session = self._session
        await session.send_node(build_reject_call(offer, session.own_jid, session.next_id()))
