"""Fixtures for manager tests: a fast FakeServer, its connection log, and provisioned sessions."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import pytest

from waproto.config import ClientConfig
from waproto.manager import ManagerConfig, ReconnectPolicy
from waproto.testing import FakeServer, FakeServerConfig
from waproto.testing.session import ServerSession


@dataclass
class Login:
    """One logged-in server connection of a device."""

    conn_id: int
    opened: float
    closed: float | None = None


@dataclass
class ConnectionLog:
    """What the server saw, per device: every login and when its connection ended.

    ``overlaps`` counts logins that arrived while another connection of the same
    device was still open on the server: the manager must keep it at zero.
    """

    logins: dict[tuple[str, int], list[Login]] = field(default_factory=dict)
    overlaps: int = 0

    def attach(self, server: FakeServer) -> None:
        core = server.core
        log_in = core._log_in
        closed = core.session_closed
        by_conn: dict[int, Login] = {}

        def logged_in(session: ServerSession, account: Any, device: Any, *, now: float) -> None:
            key = (account.phone_number, device.device_id)
            history = self.logins.setdefault(key, [])
            if any(entry.closed is None for entry in history):
                self.overlaps += 1
            entry = Login(session.conn_id, anyio.current_time())
            history.append(entry)
            by_conn[session.conn_id] = entry
            log_in(session, account, device, now=now)

        def session_closed(session: ServerSession) -> None:
            entry = by_conn.pop(session.conn_id, None)
            if entry is not None:
                entry.closed = anyio.current_time()
            closed(session)

        core._log_in = logged_in  # type: ignore[method-assign]
        core.session_closed = session_closed  # type: ignore[method-assign]

    def count(self, phone: str, device: int = 1) -> int:
        """Logins of one device so far."""
        return len(self.logins.get((phone, device), []))

    def gaps(self, phone: str, device: int = 1) -> list[float]:
        """Seconds between each connection's end and the next login."""
        history = self.logins.get((phone, device), [])
        return [b.opened - a.closed for a, b in itertools.pairwise(history) if a.closed is not None]

    def open_now(self) -> int:
        return sum(1 for h in self.logins.values() for e in h if e.closed is None)


@pytest.fixture
async def server() -> AsyncIterator[FakeServer]:
    async with FakeServer(FakeServerConfig(control=False, post_handshake_delay=0.0)) as fake:
        yield fake


@pytest.fixture
def connlog(server: FakeServer) -> ConnectionLog:
    log = ConnectionLog()
    log.attach(server)
    return log


def manager_config(server: FakeServer, **overrides: Any) -> ManagerConfig:
    """Short delays for tests; ``reconnect`` may be a dict of ReconnectPolicy overrides."""
    policy: dict[str, Any] = {
        "restart_delay": 0.0,
        "timeout_delay": 0.05,
        "conflict_delay": 0.1,
        "default_delay": 0.08,
        "jitter": False,
    }
    policy.update(overrides.pop("reconnect", {}))
    client = ClientConfig(
        url=server.ws_url,
        trust_root=server.root_public_key,
        ssl_context=server.test_ca.client_context(),
        connect_timeout=10.0,
        query_timeout=10.0,
        retry_request_delay=0.05,
        reconnect=ReconnectPolicy(**policy),
    )
    settings: dict[str, Any] = {
        "client": client,
        "min_restart_interval": 0.0,
        "watchdog_interval": 0.5,
        "send_retry_delay": 0.05,
    }
    settings.update(overrides)
    return ManagerConfig(**settings)
