"""The traffic phase of ``benchmarks/sessions.py``: senders are paced, a failed send is reported, not raised.

Drives ``ring_traffic`` with stand-in clients (the phase only calls ``send_text`` and
reads ``own_jid``), so the pacing and the failure report are checked without a server.
"""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import anyio
import pytest

from waproto.errors import ConnectionClosed
from waproto.jid import JID

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """``benchmarks/sessions.py`` imported as its scripts import it (``_path`` first)."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    monkeypatch.syspath_prepend(str(ROOT))
    return importlib.import_module("benchmarks.sessions")


class Ring:
    """Stand-in clients in a ring; counts deliveries on the fleet and the senders in flight."""

    def __init__(self, size: int, failing: set[int]) -> None:
        self.received: Counter[int] = Counter()
        self.clients = [self._client(index, failing) for index in range(size)]
        self.jids = {str(c.own_jid.to_non_ad()): index for index, c in enumerate(self.clients)}
        self.in_flight: set[int] = set()
        self.most_in_flight = 0

    def _client(self, index: int, failing: set[int]) -> Any:
        async def send_text(target: str, text: str) -> None:
            self.in_flight.add(index)
            self.most_in_flight = max(self.most_in_flight, len(self.in_flight))
            await anyio.sleep(0)
            await anyio.sleep(0)
            self.in_flight.discard(index)
            if index in failing:
                raise ConnectionClosed("not connected")
            self.received[self.jids[target]] += 1

        jid = JID.parse(f"1555{index:07d}:1@s.whatsapp.net")
        return SimpleNamespace(own_jid=jid, send_text=send_text)


@pytest.mark.anyio
async def test_at_most_send_concurrency_sessions_send_at_once(sessions: ModuleType) -> None:
    ring = Ring(12, failing=set())
    report = await sessions.ring_traffic(ring, 3, concurrency=4, timeout=60)
    assert ring.most_in_flight == 4
    assert report["traffic_complete"] is True
    assert report["traffic_received"] == report["traffic_expected"] == 36
    assert sum(ring.received.values()) == 36


@pytest.mark.anyio
async def test_a_failed_send_is_reported_and_the_others_still_arrive(sessions: ModuleType) -> None:
    ring = Ring(5, failing={2})
    report = await sessions.ring_traffic(ring, 2, concurrency=0, timeout=60)
    assert ring.most_in_flight == 5
    assert report["traffic_complete"] is False
    assert report["traffic_send_failures"] == 2
    assert report["traffic_expected"] == 10
    assert report["traffic_received"] == 8
    assert report["traffic_send_errors"][0].startswith("s2: ConnectionClosed(")
