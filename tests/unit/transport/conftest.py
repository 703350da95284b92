"""Fixtures for the transport tests: the anyio backend, a test CA, a running server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest

from waproto.transport import WebSocketHandler, WebSocketServer, serve_websocket
from waproto.transport.testcerts import TestCA, make_test_ca


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def test_ca() -> TestCA:
    return make_test_ca()


@asynccontextmanager
async def running_server(handler: WebSocketHandler, **options: Any) -> AsyncIterator[WebSocketServer]:
    """Serve ``handler`` on loopback for the duration of the block, with a hard time bound."""
    with anyio.fail_after(30):
        async with anyio.create_task_group() as group:
            server = await serve_websocket(handler, task_group=group, **options)
            try:
                yield server
            finally:
                await server.aclose()
