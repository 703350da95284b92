"""The outbound queue of one session and its rate limits, with no I/O.

Messages wait here until the session is OPEN and both limits allow a send:
one per recipient (default 30 a minute) and one for the whole session. Each
limit is a sliding window of send times, so no window of ``window`` seconds
ever holds more than ``limit`` sends (a token bucket would allow twice that
at a refill boundary). Time comes in as ``now`` (monotonic seconds).
"""

from __future__ import annotations

import base64
import json
from collections import OrderedDict, deque
from dataclasses import dataclass

from waproto.errors import QueueFull, StoreError

__all__ = ["Enqueued", "OutboundQueue", "QueuedMessage", "RateLimiter", "SlidingWindow"]


@dataclass(frozen=True, slots=True)
class Enqueued:
    """A message accepted into a session's queue."""

    message_id: str
    """The id it will be sent with (also on every retry)."""
    position: int
    """1-based place in the queue when it was accepted."""


@dataclass(slots=True)
class QueuedMessage:
    """One message waiting to be sent; its id is fixed at enqueue and reused on every resend."""

    id: str
    to: str
    """The recipient JID as a string."""
    payload: bytes
    """The serialized ``Message`` protobuf."""
    seq: int
    """Enqueue order within the session (survives restarts)."""
    attempts: int = 0
    """Sends that failed transiently so far."""
    not_before: float = 0.0
    """Monotonic time before which it is not retried (not persisted: after a restart it goes at once)."""

    def to_bytes(self) -> bytes:
        """The persisted form: compact JSON."""
        data = {"id": self.id, "to": self.to, "seq": self.seq, "attempts": self.attempts}
        data["payload"] = base64.b64encode(self.payload).decode("ascii")
        return json.dumps(data, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> QueuedMessage:
        """Parse :meth:`to_bytes`; a corrupt row raises :class:`StoreError`."""
        try:
            data = json.loads(raw)
            return cls(
                id=str(data["id"]),
                to=str(data["to"]),
                payload=base64.b64decode(data["payload"], validate=True),
                seq=int(data["seq"]),
                attempts=int(data["attempts"]),
            )
        except (ValueError, TypeError, KeyError) as exc:
            raise StoreError(f"queued message row is corrupt: {type(exc).__name__}") from None


class SlidingWindow:
    """At most ``limit`` events in any ``window`` seconds."""

    __slots__ = ("_times", "limit", "window")

    def __init__(self, limit: int, window: float) -> None:
        if limit <= 0 or window <= 0:
            raise ValueError("a rate limit needs a positive limit and window")
        self.limit = limit
        self.window = window
        # An empty deque costs 760 bytes (every session has a window, most are idle):
        # made by the first event, dropped when the window has emptied.
        self._times: deque[float] | None = None

    def _prune(self, now: float) -> None:
        times = self._times
        if times is None:
            return
        # Compare as ``available_at`` computes, so a slot it promises is free at that time.
        while times and times[0] + self.window <= now:
            times.popleft()
        if not times:
            self._times = None

    def available_at(self, now: float) -> float:
        """The earliest time (>= ``now``) at which one more event fits."""
        self._prune(now)
        times = self._times
        if times is None or len(times) < self.limit:
            return now
        return times[0] + self.window

    def take(self, now: float) -> None:
        """Record an event at ``now`` (the caller checked :meth:`available_at`)."""
        if self._times is None:
            self._times = deque()
        self._times.append(now)

    def is_idle(self, now: float) -> bool:
        """No event in the last window: the window can be dropped."""
        self._prune(now)
        return self._times is None


class RateLimiter:
    """A per-recipient window for each recipient plus one window for the session."""

    __slots__ = ("_limit", "_recipients", "_window", "session")

    def __init__(self, *, recipient_limit: int, session_limit: int, window: float) -> None:
        self._limit = recipient_limit
        self._window = window
        self._recipients: dict[str, SlidingWindow] = {}
        self.session = SlidingWindow(session_limit, window)

    def ready_at(self, recipient: str, now: float) -> float:
        """When a message to ``recipient`` may go."""
        window = self._recipients.get(recipient)
        own = window.available_at(now) if window is not None else now
        return max(own, self.session.available_at(now))

    def take(self, recipient: str, now: float) -> None:
        """Count a send to ``recipient`` at ``now``."""
        window = self._recipients.get(recipient)
        if window is None:
            window = self._recipients[recipient] = SlidingWindow(self._limit, self._window)
        window.take(now)
        self.session.take(now)

    def prune(self, now: float) -> None:
        """Forget recipients with no send in the last window (bounds memory)."""
        for recipient in [r for r, w in self._recipients.items() if w.is_idle(now)]:
            del self._recipients[recipient]

    def __len__(self) -> int:
        return len(self._recipients)


class OutboundQueue:
    """A bounded FIFO of :class:`QueuedMessage` that hands out what the rate limits allow.

    Messages to one recipient leave in enqueue order: one waiting for a retry
    holds back the later ones to the same recipient, not those to others.
    """

    __slots__ = ("_done", "_items", "limiter", "max_size", "next_seq")

    #: Ids of sent or given-up messages remembered, so a re-read of the store between
    #: the send and the delete of its row does not queue it again.
    DONE_MEMORY = 256

    def __init__(self, max_size: int, limiter: RateLimiter, *, shared: bool = False) -> None:
        """``shared``: other hosts enqueue into this session's stored queue (leases are on)."""
        self.max_size = max_size
        self.limiter = limiter
        self._items: OrderedDict[str, QueuedMessage] = OrderedDict()
        # Only a shared queue is re-read from the store (merge), so only it remembers done ids.
        self._done: OrderedDict[str, None] | None = OrderedDict() if shared else None
        self.next_seq = 1

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, message_id: str) -> bool:
        return message_id in self._items

    def check_space(self, count: int = 1) -> None:
        """Raise :class:`QueueFull` unless ``count`` more messages fit."""
        if len(self._items) + count > self.max_size:
            raise QueueFull(f"outbound queue full ({len(self._items)}/{self.max_size})")

    def push(self, item: QueuedMessage) -> int:
        """Append ``item``; returns its 1-based position. Raises :class:`QueueFull`."""
        self.check_space()
        self._items[item.id] = item
        self.next_seq = max(self.next_seq, item.seq + 1)
        return len(self._items)

    def restore(self, items: list[QueuedMessage]) -> None:
        """Load persisted messages in their original order (beyond ``max_size`` if need be)."""
        for item in sorted(items, key=lambda i: i.seq):
            self._items[item.id] = item
            self.next_seq = max(self.next_seq, item.seq + 1)

    def remove(self, message_id: str) -> QueuedMessage | None:
        """Take a message out (sent or given up)."""
        if self._done is not None:
            self._done[message_id] = None
            if len(self._done) > self.DONE_MEMORY:
                self._done.popitem(last=False)
        return self._items.pop(message_id, None)

    def withdraw(self, message_id: str) -> None:
        """Take back a message whose persist failed: it was never queued, so it is not done."""
        self._items.pop(message_id, None)

    def merge(self, items: list[QueuedMessage]) -> int:
        """Add persisted messages queued by another host; returns how many were new."""
        done = self._done if self._done is not None else ()
        new = [item for item in items if item.id not in self._items and item.id not in done]
        self.restore(new)
        return len(new)

    def clear(self) -> None:
        """Forget every message (the session was removed)."""
        self._items.clear()

    def next_ready(self, now: float) -> tuple[QueuedMessage | None, float | None]:
        """The first message that may be sent at ``now``.

        Returns:
            ``(message, None)`` when one may go now; ``(None, when)`` with the earliest
            time one could, or ``(None, None)`` when the queue is empty.
        """
        if not self._items:
            return None, None
        session_at = self.limiter.session.available_at(now)
        if session_at > now:
            return None, session_at
        earliest: float | None = None
        held: set[str] = set()
        for item in self._items.values():
            if item.to in held:
                continue
            at = max(item.not_before, self.limiter.ready_at(item.to, now))
            if at <= now:
                return item, None
            held.add(item.to)
            earliest = at if earliest is None else min(earliest, at)
        return None, earliest
