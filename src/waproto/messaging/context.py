"""Where the message path stores a device's Signal records: libsignal's address of a device JID.

The message path runs over the narrow :class:`waproto.session.Session`, never the client.
"""

from __future__ import annotations

from waproto.jid import JID
from waproto.signal import protocol_address

__all__ = ["signal_address"]


def signal_address(jid: JID) -> str:
    """libsignal's address of a device JID (``name.device``), under which its session is stored."""
    return protocol_address(jid.signal_address_name, jid.device)
