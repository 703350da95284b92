"""``SessionManager``: many sessions in one process, each kept up by policy, never duplicated.

::

    async with SessionManager(await SQLiteStore.open("sessions.db"), config) as manager:
        @manager.on(Message)
        async def on_message(event: Message) -> None:
            await manager.send_text(event.session_id, event.info.chat, "got it")

        await manager.start("alice")      # login, or pairing (QRCode events) for a new device
        await manager.run_forever()

Each session is one device of the database and at most one :class:`Client` at a
time: ``start`` on an OPEN session returns its client, on a CONNECTING one waits
for it, and a closed one is cleaned up (client, tasks, handlers) before the next
is made. Each client decides on its closes with the session's
:class:`~waproto.backoff.Backoff` (the same decision a lone client makes) and, with
its own reconnects off, stops on a retry and leaves the wait to the manager. Every delay lives
in one heap consumed by one timer task, which also runs the watchdog and the idle
cleanup: no session owns a timer task.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import logging
import os
import random as _random
import signal
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import anyio
from anyio.abc import TaskGroup

from waproto.backoff import Decision, ReconnectPolicy
from waproto.client import Client
from waproto.config import ClientConfig
from waproto.connection import CloseInfo, DisconnectReason
from waproto.crypto import RandomSource
from waproto.errors import ConnectionClosed, InvalidState, StoreError, WAError
from waproto.events import Connected, Disconnected, Event, Message
from waproto.handlers import EventSource, HandlerRegistry
from waproto.jid import JID, as_recipient
from waproto.manager._housekeeping import apply_memory_budget, cache_totals, release_idle, session_stats
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
from waproto.manager.stats import BudgetLevel, ManagerStats, SessionStats, heap_bytes, rss_bytes
from waproto.messaging.send import GroupInfo, SendResult
from waproto.proto import wa_e2e_pb2
from waproto.retention import prune_expired
from waproto.shutdown import DEFAULT_SIGNALS, run_until_signal
from waproto.store import QUEUED, RELEASED, Database, LeaseStore

__all__ = ["SessionManager"]

logger = logging.getLogger("waproto.manager")

_RUNNING = "running"


class _Cancel(enum.Enum):
    """Why the manager ended a client itself (the policy does not apply)."""

    STOP = "stop"
    RESTART = "restart"
    SHUTDOWN = "shutdown"
    AGE = "age"
    LOGOUT = "logout"
    LEASE = "lease"
    """The device's lease was lost or could not be renewed in time."""


#: Ends after which the session's lease is given up (another host may take the device).
_RELEASING = frozenset({_Cancel.STOP.value, _Cancel.SHUTDOWN.value, _Cancel.LOGOUT.value})


class SessionManager(EventSource):
    """Runs many sessions of one database in this process.

    Args:
        store: the database holding every session's device (session id = device id).
        config: manager settings; its ``client`` field is every session's connection config.
        uniform: random source of the reconnect jitter, ``uniform(a, b)``.
        memory: returns the process RSS in bytes (the memory budget reads it).
        random: randomness for message ids.
        host_id: this host's name when several hosts share ``store`` (which must then be a
            :class:`~waproto.store.LeaseStore`, e.g. PostgreSQL): a session connects only
            while this host holds its device's lease (see ``ManagerConfig.lease_ttl``), and
            stands by while another host does, taking over when that lease expires.
    """

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

    # ----------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> SessionManager:
        if self._tg is not None or self._closed:
            raise InvalidState("a SessionManager is entered once")
        self._tg = anyio.create_task_group()
        await self._tg.__aenter__()
        now = anyio.current_time()
        self._timers.schedule(now + self._config.watchdog_interval, TimerKind.WATCHDOG)
        self._timers.schedule(now + self._config.idle_cleanup_interval, TimerKind.CLEANUP)
        if self._leases is not None:
            self._timers.schedule(now + self._leases.interval, TimerKind.LEASE)
            self._unlisten = await self._leases.store.listen(self._device_signal)
        self._tg.start_soon(self._timers.run)
        try:
            await self._resume()
        except BaseException:
            await self.aclose()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close every client (sessions keep their persisted state) and stop the timers; idempotent.

        Call it from the task that entered the manager.
        """
        if self._closed:
            return
        self._closed = True
        self._stopped.set()
        for session in self._sessions.values():
            if session.scope is not None:
                session.cancel_reason = _Cancel.SHUTDOWN.value
                session.scope.cancel()
        if self._tg is not None:
            group, self._tg = self._tg, None
            group.cancel_scope.cancel()
            await group.__aexit__(None, None, None)
        if self._unlisten is not None:
            unlisten, self._unlisten = self._unlisten, None
            with contextlib.suppress(StoreError):
                await unlisten()
        self._handlers.clear()

    async def run_forever(self) -> None:
        """Wait until the manager is closed."""
        await self._stopped.wait()

    async def run_until_signal(
        self,
        main: Callable[[SessionManager], Awaitable[object]] | None = None,
        *,
        signals: Sequence[signal.Signals] = DEFAULT_SIGNALS,
    ) -> int | None:
        """Enter, run ``main`` (or until closed), close; SIGINT and SIGTERM stop every session cleanly.

        Queued messages are persisted as they are accepted, so they go out after the next start.
        Returns the signal that stopped the manager, or None. Main thread only (signals).
        """
        return await run_until_signal(self, main or SessionManager.run_forever, signals=signals)

    async def _resume(self) -> None:
        """Load every session the manager knew; start those that were running."""
        for device_id in await self._store.list_devices():
            record = await ManagedSession.read_run(self._store.device(device_id))
            if record is None:
                continue
            session = self._session(device_id)
            await session.load()
            if record.state == _RUNNING:
                session.wanted = True
                self._start_or_schedule(session, force=True)
            else:
                session.state = _state_or_stopped(record.state)
                session.reason = record.reason

    # ------------------------------------------------------------- sessions API

    @property
    def config(self) -> ManagerConfig:
        """The manager's settings."""
        return self._config

    async def start(
        self,
        session_id: str,
        *,
        client_config: ClientConfig | None = None,
        reconnect: ReconnectPolicy | None = None,
        force: bool = False,
        timeout: float | None = None,
    ) -> Client | RemoteSession:
        """Run a session and return its client once logged in (or showing QR codes, when new).

        An OPEN session is returned as it is; a CONNECTING one is awaited, never
        duplicated. A stopped one is started after its last client is fully closed,
        no sooner than ``min_restart_interval`` after the last start unless ``force``.

        With ``host_id``, the session runs where its device is leased: here when this
        host takes the lease (it is free, expired or ours), else on the host holding it.
        Then this host stands by (it takes the session over once that host gives the
        lease up or dies) and a :class:`RemoteSession` is returned, whose sends go
        through the shared queue to that host.

        Args:
            session_id: the device id in the database (created when new).
            client_config: this session's connection settings (default: the manager's).
            reconnect: this session's reconnect policy (default: its client config's).
            force: ignore ``min_restart_interval`` and a pending backoff.
            timeout: seconds to wait; None waits for the attempt to end.

        Raises:
            ConnectionClosed: the attempt ended without a login (a retry may be scheduled).
            InvalidState: the session is logged out (``remove`` it to pair again).
        """
        self._check_open()
        if session_id not in self._sessions:
            await self._store.create_device(session_id)
        session = self._session(session_id)
        async with session.lock:
            await session.load()
            session.client_config = client_config or session.client_config
            if reconnect is not None:
                session.client_config = dataclasses.replace(session.client_config, reconnect=reconnect)
            session.backoff.policy = session.client_config.reconnect
            state = session.state
            if state is SessionState.LOGGED_OUT:
                raise InvalidState(f"session {session_id} is logged out; remove() it to pair again")
            if state is SessionState.BACKOFF and session.leased_to is not None and not force:
                return self._remote(session)  # already standing by for the leaseholder
            if state not in (SessionState.CONNECTING, SessionState.OPEN) and (
                force or state is not SessionState.BACKOFF
            ):
                await session.runner_done.wait()
                if state in (SessionState.REPLACED, SessionState.FAILED):
                    session.backoff.reset()
                session.wanted = True
                await session.save_run(RunRecord(_RUNNING))
                self._start_or_schedule(session, force=force)
            target = session.attempt if session.state is SessionState.CONNECTING else session.attempt + 1
        with anyio.fail_after(timeout):
            return await self._wait_started(session, target)

    async def stop(self, session_id: str) -> None:
        """Close the session's client and keep it stopped (also after a process restart)."""
        session = self._require(session_id)
        async with session.lock:
            session.wanted = False
            session.generation += 1
            if session.state is SessionState.LOGGED_OUT:
                return
            await session.save_run(RunRecord(SessionState.STOPPED.value, "stopped"))
            if await self._end_client(session, _Cancel.STOP):
                return
            self._set_state(session, SessionState.STOPPED, "stopped")

    async def restart(self, session_id: str, *, timeout: float | None = None) -> Client | RemoteSession:
        """Close the session's client and start a new one at once (ignores the throttle).

        With ``host_id``, a :class:`RemoteSession` when another host holds the lease (see :meth:`start`).
        """
        session = self._require(session_id)
        async with session.lock:
            if session.state is SessionState.LOGGED_OUT:
                raise InvalidState(f"session {session_id} is logged out")
            await self._end_client(session, _Cancel.RESTART)
            session.wanted = True
            await session.save_run(RunRecord(_RUNNING))
            self._start_or_schedule(session, force=True)
            target = session.attempt
        with anyio.fail_after(timeout):
            return await self._wait_started(session, target)

    async def logout(self, session_id: str) -> None:
        """Unlink the session's device from its account; the client deletes its credentials."""
        session = self._require(session_id)
        async with session.lock:
            client = session.client
            if client is None or session.state is not SessionState.OPEN:
                raise InvalidState(f"session {session_id} is not logged in")
            session.wanted = False
            session.cancel_reason = _Cancel.LOGOUT.value
            await client.logout()
            await session.runner_done.wait()
            await self._store.delete_device(session_id)

    async def remove(self, session_id: str) -> None:
        """Stop the session and delete its device, credentials and queue from the store."""
        session = self._sessions.get(session_id)
        if session is not None:
            async with session.lock:
                session.wanted = False
                session.generation += 1
                await self._end_client(session, _Cancel.STOP)
                session.queue.clear()
                session.clear_caches()
                self._sessions.pop(session_id, None)
        await self._store.delete_device(session_id)

    def get(self, session_id: str) -> Client | None:
        """The session's current client (OPEN or CONNECTING), or None."""
        session = self._sessions.get(session_id)
        return session.client if session is not None else None

    def state(self, session_id: str) -> SessionState:
        """The session's state."""
        return self._require(session_id).state

    def sessions(self) -> dict[str, SessionStats]:
        """Every known session with its state, reason, queue length and counters."""
        return {sid: session_stats(s) for sid, s in sorted(self._sessions.items())}

    async def wait_state(
        self, session_id: str, states: Iterable[SessionState], *, timeout: float | None = None
    ) -> SessionState:
        """Wait until the session is in one of ``states``; returns it."""
        wanted = frozenset(states)
        session = self._require(session_id)
        with anyio.fail_after(timeout):
            while session.state not in wanted:
                await session.changed.wait()
        return session.state

    # ---------------------------------------------------------------- sending

    async def send_message(
        self, session_id: str, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
    ) -> Enqueued:
        """Queue a message; returns at once with its id and queue position.

        The message is persisted before this returns, so it survives a crash; it
        keeps its id through every retry, so a receiver sees it once.

        With ``host_id``, a session that runs on another host (or nowhere yet) may be
        sent to from here too: the message is persisted for the host that holds its
        lease, which is woken and sends it (position 0).

        Raises:
            QueueFull: the session's queue holds ``queue_size`` messages.
        """
        leases, recipient = self._leases, as_recipient(to)
        if leases is None or leases.holds(session_id):
            return await self._outbox.enqueue(self._require(session_id), recipient, message, message_id)
        session = self._session(session_id)
        return await self._outbox.enqueue(session, recipient, message, message_id, notify=leases.store)

    async def send_text(self, session_id: str, to: JID | str, text: str) -> Enqueued:
        """Queue a text message (see :meth:`send_message`)."""
        return await self.send_message(session_id, to, wa_e2e_pb2.Message(conversation=text))

    async def send_batch(
        self, session_id: str, messages: Sequence[tuple[JID | str, wa_e2e_pb2.Message]]
    ) -> list[Enqueued | WAError]:
        """Queue many messages; each gets its :class:`Enqueued` or the error that refused it."""
        results: list[Enqueued | WAError] = []
        for to, message in messages:
            try:
                results.append(await self.send_message(session_id, to, message))
            except WAError as exc:
                results.append(exc)
        return results

    async def send_immediate(
        self, session_id: str, to: JID | str, message: wa_e2e_pb2.Message, *, message_id: str | None = None
    ) -> SendResult:
        """Send now, bypassing the queue (the send still counts against the rate limits).

        Raises:
            ConnectionClosed: the session is not OPEN.
        """
        session = self._require(session_id)
        client = session.client
        if client is None or session.state is not SessionState.OPEN:
            raise ConnectionClosed(f"session {session_id} is {session.state.value}")
        recipient = as_recipient(to)
        session.queue.limiter.take(str(recipient), anyio.current_time())
        result = await client.send_message(recipient, message, message_id=message_id)
        self._outbox.sent += 1
        return result

    # ----------------------------------------------------------------- caches

    async def is_on_whatsapp(self, session_id: str, phones: Iterable[str]) -> dict[str, JID | None]:
        """Which numbers have WhatsApp, answered from the session's phone cache where it can."""
        session = self._require(session_id)
        found: dict[str, JID | None] = {}
        missing: list[str] = []
        for phone in phones:
            number = "+" + "".join(ch for ch in phone if ch.isdigit())
            cached = session.phones.get(number)
            if cached is None:
                missing.append(number)
            else:
                found[number] = cached[0]
        if missing:
            client = self._open_client(session)
            answer = await client.is_on_whatsapp(missing)
            # Match by the account JID too: a server may answer without echoing the number.
            by_user = {jid.user: jid for jid in answer.values() if jid is not None}
            for number in missing:
                found[number] = answer.get(number) or by_user.get(number[1:])
                session.phones.put(number, (found[number],))
        return found

    async def group_info(self, session_id: str, group: JID | str) -> GroupInfo:
        """A group's metadata through the session's group cache."""
        return await self._open_client(self._require(session_id)).group_info(group)

    def contact_name(self, session_id: str, jid: JID | str) -> str | None:
        """The push name last seen from ``jid`` (contacts cache), or None."""
        return self._require(session_id).contacts.get(as_recipient(jid).to_non_ad())

    def clear_cache(self, session_id: str) -> None:
        """Forget the session's cached contacts, phone lookups, device lists and groups."""
        self._require(session_id).clear_caches()

    # ------------------------------------------------------------------ stats

    def stats(self) -> ManagerStats:
        """A snapshot: memory, sessions by state, queues, reconnects, caches, message counts."""
        by_state = Counter(s.state.value for s in self._sessions.values())
        budget = self._config.memory_budget_mb
        return ManagerStats(
            rss_bytes=self._memory(),
            heap_bytes=heap_bytes(),
            memory_budget_bytes=int(budget * 1024 * 1024) if budget is not None else None,
            sessions_by_state=dict(by_state),
            queue_lengths={sid: len(s.queue) for sid, s in self._sessions.items() if len(s.queue)},
            reconnects_by_reason=dict(self._reconnects),
            caches=cache_totals(self._sessions.values()),
            messages_in=self._messages_in,
            messages_out=self._outbox.sent,
            messages_failed=self._outbox.failed,
        )

    # ----------------------------------------------------------- session shell

    def _check_open(self) -> None:
        if self._tg is None or self._closed:
            raise InvalidState("use the manager inside `async with`")

    def _session(self, session_id: str) -> ManagedSession:
        session = self._sessions.get(session_id)
        if session is None:
            session = ManagedSession(session_id, self._store.device(session_id), self._config, self._uniform)
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

    async def _end_client(self, session: ManagedSession, why: _Cancel) -> bool:
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
        return RemoteSession(session.id, session.leased_to, self._send_queued)

    async def _send_queued(
        self, session_id: str, to: JID | str, message: wa_e2e_pb2.Message, message_id: str | None
    ) -> Enqueued:
        return await self.send_message(session_id, to, message, message_id=message_id)

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
        session.runner_done = anyio.Event()
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
                    await client.__aenter__()
                    if not client.is_paired:
                        session.awaiting_pairing = True
                        session.notify()
                    await client.run_forever()
                except (WAError, OSError, TimeoutError, LeasedElsewhere) as exc:
                    error = exc
                except Exception as exc:  # a bug in one session must not end the others
                    logger.exception("session %s: client failed", session.id)
                    error = exc
                finally:
                    await client.aclose()
        finally:
            if self._leases is not None:
                if session.cancel_reason in _RELEASING:
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
                self._set_state(session, SessionState.CLOSED, _Cancel.SHUTDOWN.value)
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
        if why == _Cancel.STOP.value:
            self._set_state(session, SessionState.STOPPED, "stopped")
            return
        if why == _Cancel.RESTART.value:
            self._set_state(session, SessionState.CLOSED, "restarting")
            return
        if why == _Cancel.AGE.value:
            self._reconnects[_Cancel.AGE.value] += 1
            self._set_state(session, SessionState.CLOSED, "maximum session age")
            self._launch(session)
            return
        if why == _Cancel.LOGOUT.value:
            self._set_state(session, SessionState.LOGGED_OUT, "logout")
            return
        if why == _Cancel.LEASE.value or isinstance(error, LeasedElsewhere):
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
            session.cancel_reason = _Cancel.LEASE.value
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
                session.cancel_reason = _Cancel.AGE.value
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



def _close_from_error(error: BaseException | None) -> CloseInfo:
    """The close of a client that stopped without saying why (a timeout or a failure)."""
    if isinstance(error, TimeoutError):
        return CloseInfo.local(DisconnectReason.TIMED_OUT, "login timed out")
    detail = f"client stopped: {error!r}" if error is not None else "client stopped"
    return CloseInfo.local(DisconnectReason.CONNECTION_CLOSED, detail)


def _state_or_stopped(value: str) -> SessionState:
    try:
        return SessionState(value)
    except ValueError:
        return SessionState.STOPPED
