"""Version freshness: a 405 makes the client read the version source once and retry.

The FakeServer refuses versions older than ``min_version`` with ``<failure
reason="405">`` and serves the current revision at ``GET /sw.js`` (the control
API), the same text WA Web's service worker holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.integration.manager.conftest import manager_config
from waproto import (
    Client,
    ClientOutdated,
    Connected,
    Disconnected,
    DisconnectReason,
    SessionManager,
    SessionState,
    VersionRefreshed,
    VersionSource,
)
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig, provision_store_device
from waproto.version import DEFAULT_VERSION, parse_client_revision

pytestmark = pytest.mark.anyio

NEWER = (2, 3000, DEFAULT_VERSION[2] + 1000)


@pytest.fixture
async def strict_server() -> AsyncIterator[FakeServer]:
    """A server that already wants a version newer than the bundled one, and names it."""
    config = FakeServerConfig(min_version=NEWER, web_version=NEWER, post_handshake_delay=0.0)
    async with FakeServer(config) as fake:
        yield fake


def test_client_revision_is_read_from_plain_and_escaped_script_text() -> None:
    assert parse_client_revision(b'self.x={"client_revision":1045649367,"y":1}') == 1045649367
    assert parse_client_revision(b'JSON.parse("{\\"client_revision\\": 1043857760}")') == 1043857760
    assert parse_client_revision(b"no revision here") is None


async def test_source_caches_and_falls_back(strict_server: FakeServer) -> None:
    source = VersionSource(f"{strict_server.control_url}/sw.js")
    assert source.current == DEFAULT_VERSION
    assert (await source.latest()).version == NEWER
    strict_server.core.web_version = (2, 3000, NEWER[2] + 5)
    cached = await source.latest()
    assert cached.version == NEWER and cached.fetched  # no second fetch while the answer is fresh enough
    assert (await source.latest(refused=NEWER)).version == (2, 3000, NEWER[2] + 5)

    dead = VersionSource("http://127.0.0.1:9/sw.js", timeout=2.0)
    answer = await dead.latest()
    assert answer.version == DEFAULT_VERSION and not answer.fetched and "fetch failed" in answer.error


async def test_405_refreshes_the_version_once_and_logs_in(strict_server: FakeServer) -> None:
    strict_server.create_account("15550701")
    source = VersionSource(f"{strict_server.control_url}/sw.js")
    client = Client(MemoryStore(), config=client_config(strict_server, version_source=source))
    log = EventLog(client, VersionRefreshed, Disconnected, Connected)
    try:
        await pair_by_qr(strict_server, client, "15550701")
        (refreshed,) = log.of(VersionRefreshed)
        assert (refreshed.refused, refreshed.version) == (DEFAULT_VERSION, NEWER)
        first = log.of(Disconnected)[0]
        assert first.reason is DisconnectReason.CLIENT_OUTDATED
        assert first.detail == f"WA Web 2.3000.{DEFAULT_VERSION[2]} refused; retrying with 2.3000.{NEWER[2]}"
        assert source.current == NEWER
    finally:
        await client.aclose()


async def test_405_without_a_newer_version_stops_and_says_why(strict_server: FakeServer) -> None:
    strict_server.create_account("15550702")
    client = Client(MemoryStore(), config=client_config(strict_server))
    log = EventLog(client, ClientOutdated, Disconnected)
    async with client:
        await client.run_forever()
    (outdated,) = log.of(ClientOutdated)
    assert outdated.detail.endswith("refused; no version source configured")
    assert log.of(Disconnected)[-1].detail == outdated.detail

    stale = VersionSource(f"{strict_server.control_url}/sw.js")
    strict_server.core.web_version = DEFAULT_VERSION  # the source knows nothing newer
    client = Client(MemoryStore(), config=client_config(strict_server, version_source=stale))
    log = EventLog(client, ClientOutdated)
    async with client:
        await client.run_forever()
    assert "the version source has nothing newer" in log.of(ClientOutdated)[0].detail


async def test_manager_sessions_share_the_refreshed_version() -> None:
    async with FakeServer(FakeServerConfig(post_handshake_delay=0.0)) as server:
        store = MemoryStore()
        for name, phone in (("a", "15550711"), ("b", "15550712")):
            await provision_store_device(server, store, name, phone)
        source = VersionSource(f"{server.control_url}/sw.js")
        settings = manager_config(server)
        settings = dataclasses.replace(
            settings, client=dataclasses.replace(settings.client, version_source=source)
        )
        refreshed: list[VersionRefreshed] = []
        async with SessionManager(store, settings) as manager:
            manager.add_handler(VersionRefreshed, refreshed.append)
            await manager.start("a", timeout=10)
            server.core.min_version = server.core.web_version = NEWER
            await manager.start("b", timeout=10)  # 405, one refresh, login with NEWER
            assert source.current == NEWER
            await manager.restart("a", timeout=10)  # logs in with the shared NEWER at once
            assert manager.state("a") is SessionState.OPEN
        assert [(e.session_id, e.version) for e in refreshed] == [("b", NEWER)]
