"""Sliding-window rate limits and the bounded outbound queue, with time passed in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waproto.errors import QueueFull, StoreError
from waproto.manager.outbound import OutboundQueue, QueuedMessage, RateLimiter, SlidingWindow


def limiter(recipient: int = 2, session: int = 10, window: float = 60.0) -> RateLimiter:
    return RateLimiter(recipient_limit=recipient, session_limit=session, window=window)


def item(seq: int, to: str = "a") -> QueuedMessage:
    return QueuedMessage(f"id{seq}", to, b"\x0a\x01x", seq)


def test_sliding_window_frees_a_slot_one_window_after_the_oldest() -> None:
    window = SlidingWindow(2, 10.0)
    window.take(0.0)
    window.take(1.0)
    assert window.available_at(5.0) == 10.0
    assert window.available_at(10.0) == 10.0
    assert not window.is_idle(10.5) and window.is_idle(11.0)
    with pytest.raises(ValueError):
        SlidingWindow(0, 1.0)


@given(st.lists(st.floats(min_value=0, max_value=5, allow_nan=False), min_size=1, max_size=60))
def test_no_window_ever_holds_more_than_the_limit(gaps: list[float]) -> None:
    window = SlidingWindow(3, 4.0)
    taken: list[float] = []
    now = 0.0
    for gap in gaps:
        now = max(now + gap, window.available_at(now + gap))
        window.take(now)
        taken.append(now)
    for start in taken:
        assert sum(1 for t in taken if start <= t < start + 4.0) <= 3


def test_queue_keeps_recipient_order_and_skips_blocked_recipients() -> None:
    queue = OutboundQueue(10, limiter(recipient=1))
    for seq, to in enumerate(["a", "a", "b"], start=1):
        queue.push(item(seq, to))
    first, _ = queue.next_ready(0.0)
    assert first is not None and first.id == "id1"
    queue.limiter.take("a", 0.0)
    queue.remove("id1")
    nxt, _ = queue.next_ready(1.0)
    assert nxt is not None and nxt.id == "id3"
    queue.limiter.take("b", 1.0)
    queue.remove("id3")
    assert queue.next_ready(2.0) == (None, 60.0)
    waiting, _ = queue.next_ready(60.0)
    assert waiting is not None and waiting.id == "id2"


def test_a_retrying_message_holds_back_later_ones_to_the_same_recipient() -> None:
    queue = OutboundQueue(10, limiter())
    queue.push(item(1, "a"))
    queue.push(item(2, "a"))
    queue.push(item(3, "b"))
    first, _ = queue.next_ready(0.0)
    assert first is not None
    first.not_before = 5.0
    ready, _ = queue.next_ready(0.0)
    assert ready is not None and ready.id == "id3"
    queue.remove("id3")
    assert queue.next_ready(0.0) == (None, 5.0)


def test_session_limit_blocks_every_recipient() -> None:
    queue = OutboundQueue(10, limiter(recipient=5, session=2, window=10.0))
    queue.push(item(1, "c"))
    queue.limiter.take("a", 0.0)
    queue.limiter.take("b", 1.0)
    assert queue.next_ready(2.0) == (None, 10.0)
    assert queue.next_ready(10.0)[0] is not None


def test_full_queue_raises_and_positions_count_from_one() -> None:
    queue = OutboundQueue(2, limiter())
    assert queue.push(item(1)) == 1
    assert queue.push(item(2)) == 2
    with pytest.raises(QueueFull):
        queue.push(item(3))
    assert len(queue) == 2 and "id1" in queue and queue.next_seq == 3


def test_restore_orders_by_seq_and_continues_numbering() -> None:
    queue = OutboundQueue(1, limiter())
    queue.restore([item(7), item(3)])
    assert len(queue) == 2 and queue.next_seq == 8
    ready, _ = queue.next_ready(0.0)
    assert ready is not None and ready.id == "id3"


def test_prune_forgets_idle_recipients() -> None:
    rates = limiter(window=1.0)
    rates.take("a", 0.0)
    rates.take("b", 0.5)
    rates.prune(1.2)
    assert len(rates) == 1


def test_queued_message_round_trip_and_corrupt_rows() -> None:
    original = QueuedMessage("3EB0AA", "1@s.whatsapp.net", b"\x00\xff", 4, attempts=2, not_before=9.0)
    restored = QueuedMessage.from_bytes(original.to_bytes())
    assert (restored.id, restored.to, restored.payload, restored.seq, restored.attempts) == (
        "3EB0AA",
        "1@s.whatsapp.net",
        b"\x00\xff",
        4,
        2,
    )
    assert restored.not_before == 0.0
    for raw in (b"", b"[]", b'{"id": "x"}', b'{"id":"x","to":"y","seq":1,"attempts":0,"payload":"!!"}'):
        with pytest.raises(StoreError):
            QueuedMessage.from_bytes(raw)


def test_a_shared_queue_does_not_take_back_what_it_sent_or_gave_up() -> None:
    queue = OutboundQueue(10, limiter(), shared=True)
    queue.push(item(1))
    queue.remove("id1")  # sent; its stored row may still be read before it is deleted
    queue.push(item(2))
    queue.withdraw("id2")  # its persist failed: never queued, so not done either
    assert queue.merge([item(1), item(2), item(3)]) == 2
    assert "id1" not in queue and "id2" in queue and "id3" in queue


def test_a_queue_no_other_host_writes_to_remembers_no_done_ids() -> None:
    queue = OutboundQueue(10, limiter())
    queue.push(item(1))
    queue.remove("id1")
    assert queue.merge([item(1)]) == 1  # only a shared queue is ever re-read


def test_an_idle_window_keeps_no_storage() -> None:
    # (Private state on purpose: every managed session has a window; idle ones must cost no deque.)
    window = SlidingWindow(2, 10.0)
    assert window._times is None and window.available_at(0.0) == 0.0
    window.take(1.0)
    assert window._times is not None
    assert window.available_at(5.0) == 5.0 and window._times is not None
    assert window.is_idle(11.0) and window._times is None
