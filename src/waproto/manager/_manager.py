"""``SessionManager``: many sessions in one process, each kept up by policy, never duplicated.

::

    async with SQLiteStore.open("sessions.db") as store:
        manager = SessionManager(store, config)

        @manager.on(Message)
        async def on_message(event: Message) -> None:
            await manager.send_text(event.session_id, event.info.chat, "got it")

        async def run(running: SessionManager) -> None:
            await running.start("alice")  # login, or pairing (QRCode events) for a new device
            await running.run_forever()

        await manager.run_until_signal(run)  # until Ctrl-C or SIGTERM; every session closes

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
import logging
import signal
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence

import anyio

from waproto.backoff import ReconnectPolicy
from waproto.client import Client
from waproto.config import ClientConfig
from waproto.errors import ConnectionClosed, InvalidState, StoreError, WAError
from waproto.jid import JID, as_recipient
from waproto.manager._housekeeping import cache_totals, session_stats
from waproto.manager._session import ManagedSession, RunRecord
from waproto.manager._supervisor import Cancel, Supervisor
from waproto.manager._timers import TimerKind
from waproto.manager.config import ManagerConfig
from waproto.manager.outbound import Enqueued
from waproto.manager.policy import SessionState
from waproto.manager.remote import RemoteSession
from waproto.manager.stats import ManagerStats, SessionStats, heap_bytes
from waproto.messaging.send import GroupInfo, SendResult
from waproto.proto import wa_e2e_pb2
from waproto.shutdown import DEFAULT_SIGNALS, run_until_signal

__all__ = ["SessionManager"]

logger = logging.getLogger("waproto.manager")

_RUNNING = "running"


class SessionManager(Supervisor):
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
                session.cancel_reason = Cancel.SHUTDOWN.value
                session.scope.cancel()
        if self._tg is not None:
            group, self._tg = self._tg, None
            group.cancel_scope.cancel()
            await group.__aexit__(None, None, None)
        if self._unlisten is not None:
            unlisten, self._unlisten = self._unlisten, None
            # Shielded: when the closing task is cancelled (a signal under run_until_signal),
            # PostgreSQL's listener would keep its pooled connection and the pool's close wait.
            with anyio.CancelScope(shield=True), contextlib.suppress(StoreError):
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
            if await self._end_client(session, Cancel.STOP):
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
            await self._end_client(session, Cancel.RESTART)
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
            session.cancel_reason = Cancel.LOGOUT.value
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
                await self._end_client(session, Cancel.STOP)
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
        return await self._enqueue(session_id, to, message, message_id)

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


def _state_or_stopped(value: str) -> SessionState:
    try:
        return SessionState(value)
    except ValueError:
        return SessionState.STOPPED
