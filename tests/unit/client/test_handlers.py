from __future__ import annotations

import logging

import pytest

from waproto.events import Connected, Event, PairingCode
from waproto.handlers import HandlerRegistry


@pytest.mark.anyio
async def test_sync_and_async_handlers_run_and_failures_are_contained(
    caplog: pytest.LogCaptureFixture,
) -> None:
    registry = HandlerRegistry()
    seen: list[str] = []

    @registry.on(Connected)
    def broken(event: Connected) -> None:
        raise RuntimeError("boom")

    @registry.on(Connected)
    async def works(event: Connected) -> None:
        seen.append("async")

    registry.add(Event, lambda e: seen.append(type(e).__name__))
    with caplog.at_level(logging.ERROR, logger="waproto.handlers"):
        await registry.emit(Connected())
    assert seen == ["async", "Connected"]
    assert "boom" in caplog.text
    await registry.emit(PairingCode(code="ABCD1234"))
    assert seen[-1] == "PairingCode"
    registry.remove(works)
    registry.clear()
    await registry.emit(Connected())
    assert seen == ["async", "Connected", "PairingCode"]
