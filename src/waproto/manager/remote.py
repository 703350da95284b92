"""A session that runs on another host: what ``SessionManager.start`` returns there.

With several hosts on one store (``host_id``), a device is run by the host holding its
lease. ``start`` on any other host does not open a second connection: it stands by
(taking the session over if that host gives it up or dies) and returns a
:class:`RemoteSession`, whose sends go through the shared outbound queue to the
leaseholder, which sends them with its rate limits and retries, keeping their ids.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from waproto.jid import JID
from waproto.manager.outbound import Enqueued
from waproto.proto import wa_e2e_pb2

__all__ = ["RemoteSession"]

_Send = Callable[[str, JID | str, wa_e2e_pb2.Message, str | None], Awaitable[Enqueued]]


@dataclass(frozen=True, slots=True)
class RemoteSession:
    """A handle on a session that another host runs.

    Example::

        handle = await manager.start("alice")
        if isinstance(handle, RemoteSession):
            print("alice runs on", handle.host)
        await manager.send_text("alice", to, "hi")  # from any host, either way
    """

    session_id: str
    host: str
    """The host that held the session's lease when ``start`` returned (it may move later)."""
    _send: _Send = field(repr=False, compare=False)

    async def send_message(
        self, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
    ) -> Enqueued:
        """Queue a message for the leaseholder to send (``SessionManager.send_message``)."""
        return await self._send(self.session_id, to, message, message_id)

    async def send_text(self, to: JID | str, text: str) -> Enqueued:
        """Queue a text message (see :meth:`send_message`)."""
        return await self.send_message(to, wa_e2e_pb2.Message(conversation=text))
