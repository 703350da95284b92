"""Child processes in tests: the environment they run with and the JSON lines they print."""

from __future__ import annotations

import json
import os
from typing import Any

import anyio
from anyio.abc import Process
from anyio.streams.text import TextReceiveStream

#: Unbuffered, so every line a child prints reaches the test at once.
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


class Lines:
    """JSON lines from a child's stdout."""

    def __init__(self, process: Process) -> None:
        assert process.stdout is not None
        self._process = process
        self._stream = TextReceiveStream(process.stdout)
        self._buffer = ""

    async def next(self) -> dict[str, Any]:
        while "\n" not in self._buffer:
            try:
                self._buffer += await self._stream.receive()
            except anyio.EndOfStream:
                raise AssertionError(f"the child's stdout ended; stderr:\n{await self._stderr()}") from None
        line, self._buffer = self._buffer.split("\n", 1)
        return dict(json.loads(line))

    async def _stderr(self) -> str:
        if self._process.stderr is None:
            return ""
        text = b""
        async for chunk in self._process.stderr:
            text += chunk
        return text.decode(errors="replace")[-4000:]

    async def until(self, kind: str) -> dict[str, Any]:
        while (event := await self.next())["event"] != kind:
            pass
        return event
