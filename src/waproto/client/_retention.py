"""The client's retention: pruning old sent messages and processed ids, on demand and hourly.

A lone client prunes at once when it starts and then every ``prune_interval``; a manager
sets the interval to None and prunes its sessions on its own timer. The due times of
all clients of an event loop share one loop timer (:mod:`waproto._schedule`): no task,
cancel scope or timer per client for work that runs once an hour.
"""

from __future__ import annotations

import logging
import time

import anyio

from waproto._schedule import Scheduled, call_at
from waproto.config import ClientConfig
from waproto.errors import StoreError
from waproto.retention import Pruned, prune_expired
from waproto.session.live import LiveSession
from waproto.store import DeviceStore

__all__ = ["RetentionMethods"]

logger = logging.getLogger("waproto.client")


class RetentionMethods:
    """Pruning; mixed into :class:`~waproto.Client`."""

    _config: ClientConfig
    _session: LiveSession
    _store: DeviceStore
    _next_prune: Scheduled | None

    async def prune(self) -> Pruned:
        """Delete sent messages and processed ids older than ``config.retention`` allows."""
        return await prune_expired(self._store, self._config.retention, time.time())

    def _start_pruning(self) -> None:
        """Prune now (in a task of the client) and then every ``prune_interval``, if one is set."""
        if self._config.retention.prune_interval is not None:
            self._prune_due()

    def _prune_due(self) -> None:
        interval = self._config.retention.prune_interval
        assert interval is not None
        self._session.spawn(self._prune_logged)
        self._next_prune = call_at(anyio.current_time() + interval, self._prune_due)

    def _stop_pruning(self) -> None:
        if self._next_prune is not None:
            self._next_prune.cancel()
            self._next_prune = None

    async def _prune_logged(self) -> None:
        try:
            await self.prune()
        except StoreError as exc:
            logger.warning("pruning old messages failed: %s", exc)
