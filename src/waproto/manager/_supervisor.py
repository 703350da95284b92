"""The machinery under :class:`~waproto.manager.SessionManager`: each session's client from
launch to close, the decision after it closes, the one timer heap (restarts, drains, lease
renewals, watchdog, idle cleanup) and the leases of a host sharing its store.

The public API (lifecycle, sessions, sending, caches, stats) lives in ``_manager.py``;
both work on the state :class:`Supervisor` keeps.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import logging
import os
import random as _random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from anyio.abc import TaskGroup

from waproto._lazy import LazyEvent
from waproto.backoff import Decision
from waproto.client import Client
from waproto.connection import CloseInfo, DisconnectReason
from waproto.crypto import RandomSource
from waproto.errors import ConnectionClosed, InvalidState, StoreError, WAError
from waproto.events import Connected, Disconnected, Event, Message
from waproto.handlers import EventSource, HandlerRegistry
from waproto.jid import JID, as_recipient
from waproto.manager._housekeeping import apply_memory_budget, release_idle
from waproto.manager._leases import LeasedElsewhere, LeaseKeeper
from waproto.manager._sending import Outbox
from waproto.manager._session import ManagedSession, RunRecord
from waproto.manager._timers import TimerHeap, TimerKind
from waproto.manager.config import ManagerConfig
from waproto.manager.events import (
    MemoryBudgetExceeded,
    SessionStateChanged,
)
from waproto.manager.outbound import Enqueued
from waproto.manager.policy import TERMINAL_STATES, SessionState, check_transition, state_after
from waproto.manager.remote import RemoteSession
from waproto.manager.stats import BudgetLevel, rss_bytes
from waproto.proto import wa_e2e_pb2
from waproto.retention import prune_expired
from waproto.store import QUEUED, RELEASED, Database, LeaseStore

__all__ = ["RELEASING", "Cancel", "Supervisor"]

logger = logging.getLogger("waproto.manager")


class Cancel(enum.Enum):
    """Why the manager ended a client itself (the policy does not apply)."""

    STOP = "stop"
    RESTART = "restart"
    SHUTDOWN = "shutdown"
    AGE = "age"
    LOGOUT = "logout"
    LEASE = "lease"
    """The device's lease was lost or could not be renewed in time."""


#: Ends after which the session's lease is given up (another host may take the device).
RELEASING = frozenset({Cancel.STOP.value, Cancel.SHUTDOWN.value, Cancel.LOGOUT.value})


class Supervisor(EventSource):
    """Sessions, their clients and timers; see :class:`~waproto.manager.SessionManager` for the arguments."""

    def __init__(
        self,
        store: Database,
        config: ManagerConfig | None = None,
        *,
        uniform: Callable[[float, float], float] = _random.uniform,
        memory: Callable[[], int] = rss_bytes,
        random: RandomSource = os.urandom,
        host_id: str | None = None,
    ) -> None:
        self._store = store
        self._config = config or ManagerConfig()
        self._uniform = uniform
        self._memory = memory
        self._random = random
        self._sessions: dict[str, ManagedSession] = {}
        self._handlers = HandlerRegistry()
        self._tg: TaskGroup | None = None
        self._closed = False
        self._timers = TimerHeap(self._fire)
        self._stopped = anyio.Event()
        self._reconnects: Counter[str] = Counter()
        self._messages_in = 0
        self._leases: LeaseKeeper | None = None
        self._unlisten: Callable[[], Awaitable[None]] | None = None
        if host_id is not None:
            if not isinstance(store, LeaseStore):
                raise InvalidState("host_id needs a store with leases (a LeaseStore)")
            self._leases = LeaseKeeper(store, host_id, self._config.lease_ttl)
        self._outbox = Outbox(
            self._config,
            self._handlers,
            spawn=self._spawn,
            wake_at=lambda when, session_id: self._timers.schedule(when, TimerKind.DRAIN, session_id),
            random=random,
        )

    # ----------------------------------------------------------- session shell

    def _check_open(self) -> None:
        if self._tg is None or self._closed:
            raise InvalidState("use the manager inside `async with`")

    def _session(self, session_id: str) -> ManagedSession:
        session = self._sessions.get(session_id)
        if session is None:
            session = ManagedSession(
                session_id,
                self._store.device(session_id),
                self._config,
                self._uniform,
                shared_queue=self._leases is not None,
            )
            self._sessions[session_id] = session
        return session

    def _require(self, session_id: str) -> ManagedSession:
        session = self._sessions.get(session_id)
        if session is None:
            raise InvalidState(f"no session {session_id!r}")
        return session

    def _open_client(self, session: ManagedSession) -> Client:
        if session.client is None or session.state is not SessionState.OPEN:
            raise ConnectionClosed(f"session {session.id} is {session.state.value}")
        return session.client

    async def _end_client(self, session: ManagedSession, why: Cancel) -> bool:
        """Cancel the session's client and wait until it is fully closed; False when there was none."""
        if session.scope is None:
            return False
        session.cancel_reason = why.value
        session.scope.cancel()
        with anyio.move_on_after(self._config.stop_timeout):
            await session.runner_done.wait()
        return True

    async def _wait_started(self, session: ManagedSession, target: int) -> Client | RemoteSession:
        while True:
            client = session.client
            if client is not None and (
                session.state is SessionState.OPEN
                or (session.state is SessionState.CONNECTING and session.awaiting_pairing)
            ):
                return client
            if (
                session.leased_to is not None
                and session.attempt >= target
                and session.state is SessionState.BACKOFF
            ):
                return self._remote(session)
            if session.state in TERMINAL_STATES or (
                session.attempt >= target and session.state is not SessionState.CONNECTING
            ):
                raise ConnectionClosed(session.reason or session.state.value)
            await session.changed.wait()

    def _remote(self, session: ManagedSession) -> RemoteSession:
        assert session.leased_to is not None
        return RemoteSession(session.id, session.leased_to, self._enqueue)

    async def _enqueue(
        self, session_id: str, to: JID | str, message: wa_e2e_pb2.Message, message_id: str | None
    ) -> Enqueued:
        """Queue here when the session runs here (or there are no leases), else for its leaseholder."""
        leases, recipient = self._leases, as_recipient(to)
        if leases is None or leases.holds(session_id):
            return await self._outbox.enqueue(self._require(session_id), recipient, message, message_id)
        session = self._session(session_id)
        return await self._outbox.enqueue(session, recipient, message, message_id, notify=leases.store)

    def _set_state(self, session: ManagedSession, new: SessionState, reason: str) -> None:
        old = session.state
        session.state = check_transition(old, new)
        session.reason = reason
        session.notify()
        if old is not new:
            logger.debug("session %s: %s -> %s %s", session.id, old.value, new.value, reason)
            self._spawn(
                self._handlers.emit,
                SessionStateChanged(session_id=session.id, old=old.value, new=new.value, reason=reason),
            )

    def _start_or_schedule(self, session: ManagedSession, *, force: bool) -> None:
        """Start a client now, or at the end of ``min_restart_interval`` since the last one."""
        now = anyio.current_time()
        earliest = now
        if not force and session.created_at is not None:
            earliest = session.created_at + self._config.min_restart_interval
        if earliest <= now:
            self._launch(session)
        else:
            self._set_state(session, SessionState.BACKOFF, "throttled")
            session.generation += 1
            self._timers.schedule(earliest, TimerKind.START, session.id, session.generation)

    def _launch(self, session: ManagedSession) -> None:
        """Create the session's client and its runner (synchronous, so no second one can interleave)."""
        assert self._tg is not None and session.scope is None
        self._set_state(session, SessionState.CONNECTING, "")
        now = anyio.current_time()
        session.generation += 1
        if session.created_at is not None:
            session.reconnects += 1
        session.created_at = now
        session.attempt += 1
        session.cancel_reason = None
        session.leased_to = None
        session.runner_done = LazyEvent()
        session.scope = anyio.CancelScope()
        # The manager waits the reconnect delays and prunes on its own timer, not each client.
        config = session.client_config
        config = dataclasses.replace(
            config,
            auto_reconnect=False,
            retention=dataclasses.replace(config.retention, prune_interval=None),
        )
        client = Client(
            self._store,
            device=session.id,
            config=config,
            caches=session.message_caches,
            backoff=session.backoff,
        )
        client.add_handler(Event, functools.partial(self._forward, session))
        session.client = client
        self._tg.start_soon(self._run, session, client, session.scope)

    async def _run(self, session: ManagedSession, client: Client, scope: anyio.CancelScope) -> None:
        """Own one client from open to close (a client is closed by the task that opened it)."""
        error: BaseException | None = None
        try:
            with scope:
                try:
                    if self._leases is not None:
                        await self._leases.acquire(session.id)
                        await self._outbox.reload(session)  # other hosts may have queued more
                    # In this task, not a task group of the client's own: one task per session.
                    await client.serve(task_status=_Started(session))
                    await client.run_forever()  # stopped already; raises for a refused certificate
                except (WAError, OSError, TimeoutError, LeasedElsewhere) as exc:
                    error = exc
                except Exception as exc:  # a bug in one session must not end the others
                    logger.exception("session %s: client failed", session.id)
                    error = exc
                finally:
                    await client.aclose()
        finally:
            if self._leases is not None:
                if session.cancel_reason in RELEASING:
                    with anyio.CancelScope(shield=True):
                        await self._leases.release(session.id)
                if not self._leases.holds(session.id):
                    # The client is closed: no more crypto writes from here, so queue rows
                    # and run records may be written again while another host runs it.
                    self._leases.store.unfence(session.id)
            session.scope = None
            session.client = None
            session.awaiting_pairing = False
            if self._closed:  # shutdown: closed, still wanted (it resumes at the next start)
                self._set_state(session, SessionState.CLOSED, Cancel.SHUTDOWN.value)
            else:
                self._after_run(session, client.stop_decision, error)
            session.runner_done.set()
            session.notify()

    def _after_run(
        self, session: ManagedSession, decision: Decision | None, error: BaseException | None
    ) -> None:
        """Carry out the manager's own reason, or the client's decision on its last close.

        A client that stopped without a close of its own (login timed out, a failure)
        has not decided: the session's backoff decides here, once, on a local close.
        """
        why = session.cancel_reason
        if why == Cancel.STOP.value:
            self._set_state(session, SessionState.STOPPED, "stopped")
            return
        if why == Cancel.RESTART.value:
            self._set_state(session, SessionState.CLOSED, "restarting")
            return
        if why == Cancel.AGE.value:
            self._reconnects[Cancel.AGE.value] += 1
            self._set_state(session, SessionState.CLOSED, "maximum session age")
            self._launch(session)
            return
        if why == Cancel.LOGOUT.value:
            self._set_state(session, SessionState.LOGGED_OUT, "logout")
            return
        if why == Cancel.LEASE.value or isinstance(error, LeasedElsewhere):
            # Stand by: the next attempt takes the lease once the other host's expires.
            assert self._leases is not None
            delay = error.delay if isinstance(error, LeasedElsewhere) else self._leases.ttl
            session.leased_to = error.owner if isinstance(error, LeasedElsewhere) else None
            self._set_state(session, SessionState.BACKOFF, str(error) if error else "lease lost")
            when = anyio.current_time() + delay
            self._timers.schedule(when, TimerKind.START, session.id, session.generation)
            return
        if decision is None:
            decision = session.backoff.decide(_close_from_error(error))
        close = decision.close
        new_state = state_after(decision)
        if not decision.action.is_terminal:
            self._reconnects[str(close.code)] += 1
            earliest = (session.created_at or 0.0) + self._config.min_restart_interval
            when = max(anyio.current_time() + decision.delay, earliest)
            self._set_state(session, SessionState.BACKOFF, decision.reason)
            self._timers.schedule(when, TimerKind.START, session.id, session.generation)
            logger.info(
                "session %s: reconnect in %.2f s after %s", session.id, when - anyio.current_time(), close
            )
            return
        session.wanted = False
        if self._leases is not None:
            self._spawn(self._leases.release, session.id)
        self._set_state(session, new_state, decision.reason)
        logger.warning("session %s stopped in %s: %s", session.id, new_state.value, decision.reason)
        self._spawn(self._save_run, session, RunRecord(new_state.value, decision.reason))

    async def _save_run(self, session: ManagedSession, record: RunRecord) -> None:
        try:
            await session.save_run(record)
        except StoreError as exc:
            logger.warning("session %s: state not saved: %s", session.id, exc)

    async def _forward(self, session: ManagedSession, event: Event) -> None:
        """Track the client's events, then hand them to the manager's handlers with the session id."""
        if isinstance(event, Connected):
            session.awaiting_pairing = False
            if session.state is SessionState.CONNECTING:
                self._set_state(session, SessionState.OPEN, "")
            self._outbox.kick(session)
        elif isinstance(event, Disconnected):
            if session.state is SessionState.OPEN:
                self._set_state(session, SessionState.CONNECTING, str(event.close))
        elif isinstance(event, Message):
            self._messages_in += 1
            if event.info.push_name:
                session.contacts.put(event.info.sender.to_non_ad(), event.info.push_name)
        await self._handlers.emit(dataclasses.replace(event, session_id=session.id))

    # ----------------------------------------------------------------- timers

    def _spawn(self, func: Callable[..., Any], *args: Any) -> None:
        if self._tg is not None and not self._closed:
            self._tg.start_soon(func, *args)

    def _fire(self, kind: TimerKind, session_id: str, generation: int, now: float) -> None:
        session = self._sessions.get(session_id)
        if kind is TimerKind.START:
            if (
                session is not None
                and session.generation == generation
                and session.wanted
                and session.state in (SessionState.BACKOFF, SessionState.CLOSED)
            ):
                self._launch(session)
        elif kind is TimerKind.DRAIN:
            if session is not None:
                session.drain_at = None
                self._outbox.kick(session)
        elif kind is TimerKind.LEASE:
            self._keep_leases(now)
        elif kind is TimerKind.WATCHDOG:
            self._watchdog(now)
            self._timers.schedule(now + self._config.watchdog_interval, TimerKind.WATCHDOG)
        else:
            release_idle(self._sessions.values(), now)
            self._spawn(self._prune_sessions)
            self._timers.schedule(now + self._config.idle_cleanup_interval, TimerKind.CLEANUP)

    async def _prune_sessions(self) -> None:
        """Apply each session's retention to its device's rows (sent messages, processed ids)."""
        for session in list(self._sessions.values()):
            try:
                await prune_expired(session.store, session.client_config.retention, time.time())
            except StoreError as exc:
                logger.warning("session %s: pruning old messages failed: %s", session.id, exc)

    def _keep_leases(self, now: float) -> None:
        """Close the sessions whose lease is overdue, renew the others, come back in ``ttl / 5``."""
        assert self._leases is not None
        for session_id in self._leases.overdue(now):
            self._lose_lease(session_id, "not renewed in time")
        self._spawn(self._renew_leases)
        self._timers.schedule(now + self._leases.interval, TimerKind.LEASE)

    def _device_signal(self, kind: str, session_id: str) -> None:
        """A host queued a message for a session (send it if it runs here), or gave a lease
        up (take the session now if this host stands by for it)."""
        session = self._sessions.get(session_id)
        if session is None or self._leases is None:
            return
        if kind == QUEUED and self._leases.holds(session_id):
            self._spawn(self._refresh_queue, session)
        elif (
            kind == RELEASED
            and session.wanted
            and session.leased_to is not None
            and session.state is SessionState.BACKOFF
            and session.scope is None
            and not self._closed
        ):
            self._launch(session)

    async def _refresh_queue(self, session: ManagedSession) -> None:
        try:
            await self._outbox.refresh(session)
        except StoreError as exc:
            logger.warning("session %s: queue not refreshed: %s", session.id, exc)

    async def _renew_leases(self) -> None:
        assert self._leases is not None
        for session_id in await self._leases.renew():
            self._lose_lease(session_id, "taken by another host")

    def _lose_lease(self, session_id: str, why: str) -> None:
        session = self._sessions.get(session_id)
        if session is not None and session.scope is not None:
            logger.warning("session %s: lease %s; closing its connection", session_id, why)
            session.cancel_reason = Cancel.LEASE.value
            session.scope.cancel()

    def _watchdog(self, now: float) -> None:
        """Restart CLOSED sessions that should run, end clients past their age, check memory."""
        max_age = self._config.max_session_age
        for session in list(self._sessions.values()):
            if self._leases is not None and self._leases.holds(session.id):
                # Hosts that cannot hear each other's queue wake-ups (not PostgreSQL) poll.
                self._spawn(self._refresh_queue, session)
            if session.wanted and session.state is SessionState.CLOSED and session.scope is None:
                self._start_or_schedule(session, force=False)
            elif (
                max_age is not None
                and session.state is SessionState.OPEN
                and session.scope is not None
                and session.created_at is not None
                and now - session.created_at >= max_age
            ):
                session.cancel_reason = Cancel.AGE.value
                session.scope.cancel()
            else:
                self._outbox.kick(session)
        self._check_memory()

    def _check_memory(self) -> None:
        budget_mb = self._config.memory_budget_mb
        if budget_mb is None:
            return
        budget = int(budget_mb * 1024 * 1024)
        rss = self._memory()
        if apply_memory_budget(self._sessions.values(), rss, budget) >= BudgetLevel.EXCEEDED:
            self._spawn(self._handlers.emit, MemoryBudgetExceeded(rss_bytes=rss, budget_bytes=budget))


class _Started:
    """The client's serve reports here: a new device now waits for its QR to be scanned."""

    __slots__ = ("_session",)

    def __init__(self, session: ManagedSession) -> None:
        self._session = session

    def started(self, value: None = None) -> None:
        client = self._session.client
        if client is not None and not client.is_paired:
            self._session.awaiting_pairing = True
            self._session.notify()


def _close_from_error(error: BaseException | None) -> CloseInfo:
    """The close of a client that stopped without saying why (a timeout or a failure)."""
    if isinstance(error, TimeoutError):
        return CloseInfo.local(DisconnectReason.TIMED_OUT, "login timed out")
    detail = f"client stopped: {error!r}" if error is not None else "client stopped"
    return CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, detail)
