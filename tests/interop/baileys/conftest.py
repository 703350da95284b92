"""Fixtures for tests that drive Baileys (6.17.16 and 7.0.0-rc14) against the FakeServer."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import pytest

from tests.interop.conftest import NodePeer, npm_install

HERE = Path(__file__).resolve().parent


class Driver:
    """Async wrapper over the Node driver (its calls block, so they run in a thread)."""

    def __init__(self, peer: NodePeer) -> None:
        self.peer = peer

    async def __call__(self, cmd: str, **args: Any) -> dict[str, Any]:
        return await anyio.to_thread.run_sync(partial(self.peer.call, cmd, **args))


@pytest.fixture(params=["v6", "v7"])
async def baileys(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, Driver]]:
    version: str = request.param
    install = npm_install(HERE / version)
    shutil.copyfile(HERE / "driver.mjs", install / "driver.mjs")
    peer = NodePeer(install / "driver.mjs", install, timeout=90)
    try:
        yield version, Driver(peer)
    finally:
        print(peer.stderr)  # shown by pytest only when the test fails
        peer.close()
