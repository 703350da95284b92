"""The session layer: what feature services see of one logged-in device, and how stanzas reach them.

- :mod:`.context`: :class:`Session`, the narrow Protocol every service takes;
- :mod:`.router`: :class:`StanzaRouter`, tag + attributes (and protocol message types) to handlers;
- :mod:`.live`: :class:`LiveSession`, the implementation a ``Client`` runs, with its handler task;
- :mod:`.stream`: the stream's own housekeeping (server pings, ``<ib>``) as a service.

A feature is a package with a sans-I/O part and a service ``Service(session)``
that registers its handlers with ``session.router``; see README "How it is built".
"""

from __future__ import annotations

from waproto.session.context import Session
from waproto.session.live import LiveSession
from waproto.session.router import ACKED_TAGS, ContentRoute, ProtocolRoute, StanzaRoute, StanzaRouter
from waproto.session.stream import StreamService

__all__ = [
    "ACKED_TAGS",
    "ContentRoute",
    "LiveSession",
    "ProtocolRoute",
    "Session",
    "StanzaRoute",
    "StanzaRouter",
    "StreamService",
]
