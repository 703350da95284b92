"""The ``media_conn`` iq: where to upload and with which auth, and for how long (sans-I/O).

``<iq xmlns=w:m type=set to=s.whatsapp.net><media_conn/></iq>`` is answered with
``<media_conn auth ttl auth_ttl max_buckets><host hostname/>…</media_conn>`` (whatsmeow
``mediaconn.go``, Baileys ``refreshMediaConn``); the answer is cached until fetch time plus
``ttl`` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from waproto.binary import Node
from waproto.errors import DecodeError

__all__ = ["MediaConn", "media_conn_request", "parse_media_conn"]


@dataclass(frozen=True, slots=True)
class MediaConn:
    """One ``media_conn`` answer."""

    auth: str
    """Upload auth token (the ``auth`` query parameter)."""
    hosts: tuple[str, ...]
    """Media hosts in the server's order of preference (``host[:port]``)."""
    ttl: int
    """Seconds the answer may be cached."""
    fetched_at: float
    """Monotonic time it was fetched."""

    def expired(self, now: float) -> bool:
        """Whether the cache lifetime is over at monotonic time ``now``."""
        return now >= self.fetched_at + self.ttl

    def __repr__(self) -> str:
        return f"MediaConn(hosts={self.hosts!r}, ttl={self.ttl})"


def media_conn_request() -> Node:
    """The iq asking for upload auth and hosts."""
    return Node("iq", {"xmlns": "w:m", "type": "set", "to": "s.whatsapp.net"}, [Node("media_conn", {})])


def parse_media_conn(answer: Node, *, now: float) -> MediaConn:
    """Read an iq result; ``now`` is the monotonic fetch time.

    Raises:
        DecodeError: no ``<media_conn>``, no auth or no host.
    """
    conn = answer.require_child("media_conn")
    hosts = tuple(h.require_attr("hostname") for h in conn.get_children("host"))
    if not hosts:
        raise DecodeError("media_conn names no host")
    ttl = conn.attr_int("ttl", 0) or 0
    return MediaConn(conn.require_attr("auth"), hosts, max(ttl, 0), now)
