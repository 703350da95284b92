"""Run a client or a session manager until its work ends or SIGINT/SIGTERM arrives, then close it.

What python-telegram-bot's ``run_polling`` and discord.py's ``run`` do for their bots: a
signal cancels the work and the ``async with`` exit closes connections and tasks, so the
process ends by itself with status 0 instead of hanging on Ctrl-C or dying on SIGTERM
without cleanup.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TypeVar

import anyio

__all__ = ["DEFAULT_SIGNALS", "run_until_signal"]

logger = logging.getLogger("waproto")

#: The signals that ask a process to stop: Ctrl-C and a supervisor's (systemd, Docker) stop.
DEFAULT_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)

T = TypeVar("T")


async def run_until_signal(
    resource: AbstractAsyncContextManager[T],
    body: Callable[[T], Awaitable[object]],
    *,
    signals: Sequence[signal.Signals] = DEFAULT_SIGNALS,
) -> int | None:
    """Enter ``resource``, await ``body`` on it, exit it; a signal cancels ``body`` first.

    Returns the signal that ended the run, or None when ``body`` returned. Main thread only.
    """
    received: int | None = None
    async with anyio.create_task_group() as group:

        async def watch() -> None:
            nonlocal received
            with anyio.open_signal_receiver(*signals) as incoming:
                async for signum in incoming:
                    received = int(signum)
                    logger.info("signal %d: closing", received)
                    group.cancel_scope.cancel()

        group.start_soon(watch)
        async with resource as entered:
            await body(entered)
        group.cancel_scope.cancel()
    return received
