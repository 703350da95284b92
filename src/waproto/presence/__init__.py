"""Presence and chat states (typing, recording) of contacts, as a service; see :mod:`.service`."""

from __future__ import annotations

from waproto.presence.service import PresenceService

__all__ = ["PresenceService"]
