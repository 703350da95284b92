"""The public face of one WhatsApp account (one companion device).

::

    async with SQLiteStore.open("bot.db") as store:
        client = Client(store)

        @client.on(Message)
        async def echo(event: Message) -> None:
            if event.text:
                await client.send_text(event.info.chat, event.text)

        await client.run_until_signal()  # until Ctrl-C or SIGTERM, then closes

``run_until_signal`` (or ``async with client``) connects and logs in (or starts pairing and
emits ``QRCode`` events); a 515 after pairing is handled inside. Transient closes reconnect with
exponential backoff unless ``ClientConfig.auto_reconnect`` is off; logouts and
replaced streams stop the client.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import math
import signal
from collections.abc import Awaitable, Callable, Sequence
from functools import partial

import anyio
from anyio.abc import TaskGroup, TaskStatus

from waproto._lazy import LazyEvent
from waproto.appstate.service import AppStateService
from waproto.auth import (
    ClientIdentity,
)
from waproto.auth.pairing_service import PairingService
from waproto.auth.prekey_service import PrekeyService
from waproto.backoff import Action, Backoff, Decision
from waproto.binary import Node
from waproto.client._actions import ActionMethods
from waproto.client._appstate import AppStateMethods
from waproto.client._connect import announced_version, open_connection, refresh_version
from waproto.client._media import MediaMethods
from waproto.client._messaging import MessagingMethods
from waproto.client._presence import PresenceMethods
from waproto.client._profile import ProfileMethods
from waproto.client._retention import RetentionMethods
from waproto.config import ClientConfig
from waproto.connection import (
    CloseInfo,
    DisconnectReason,
    ReadyState,
)
from waproto.errors import (
    CertificateError,
    ConnectionClosed,
    ConnectTimeout,
    InvalidState,
    NotConnected,
    WAError,
)
from waproto.events import (
    ClientOutdated,
    Connected,
    Disconnected,
    Event,
    LoggedOut,
    StreamReplaced,
)
from waproto.groups.service import GroupsAPI, GroupService
from waproto.handlers import EventSource, HandlerRegistry
from waproto.history.service import HistoryService
from waproto.jid import JID, USER_SERVER
from waproto.lid import LIDMap, LIDService
from waproto.media.service import MediaService
from waproto.messaging.actions_service import MessageActionsService
from waproto.messaging.identity import IdentityService
from waproto.messaging.send import MessageCaches
from waproto.messaging.service import MessagingService
from waproto.messaging.wire import unified_session
from waproto.presence import PresenceService
from waproto.profile.service import CallService
from waproto.session import LiveSession, StreamService
from waproto.shutdown import DEFAULT_SIGNALS, run_until_signal
from waproto.store import Database, DeviceStore, new_credentials

__all__ = ["Client", "ClientState"]

logger = logging.getLogger("waproto.client")

#: Device id used in a multi-device database when the caller names none.
DEFAULT_DEVICE = "default"


class ClientState(enum.Enum):
    """Lifecycle of a :class:`Client` object (not of its connection)."""

    UNOPENED = "unopened"
    OPENED = "opened"
    CLOSED = "closed"


class Client(
    EventSource,
    MessagingMethods,
    MediaMethods,
    ActionMethods,
    AppStateMethods,
    PresenceMethods,
    ProfileMethods,
    RetentionMethods,
):
    """One account driven from Python.

    Its public members are the user API. The plumbing (connection, credentials,
    the stanza router) lives in a private :class:`~waproto.session.LiveSession`,
    and each protocol feature is a service over it that registers its handlers
    with the session's router.

    Args:
        store: a database (``SQLiteStore``, ``MemoryStore``) or one device's view of it.
        device: which device of the database this client is (default ``"default"``).
        config: connection and behaviour settings.
        caches: device-list and group caches to use (and keep across clients of one account).
        backoff: the reconnect counters to decide with (a manager keeps one per session);
            default: a new one on ``config.reconnect``.
    """

    def __init__(
        self,
        store: Database | DeviceStore,
        *,
        device: str | None = None,
        config: ClientConfig | None = None,
        caches: MessageCaches | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self._database: Database | None = None
        if isinstance(store, DeviceStore):
            self._store: DeviceStore = store
        else:
            self._database = store
            self._store = store.device(device or DEFAULT_DEVICE)
        self._config = config or ClientConfig()
        self._identity = ClientIdentity(version=self._config.version, browser=self._config.browser)
        self._handlers = HandlerRegistry()
        self._state = ClientState.UNOPENED
        self._connected = False
        self._changed = LazyEvent()
        self._stopped = LazyEvent()
        self._stop_reason: Event | str | None = None
        self._backoff = backoff or Backoff(self._config.reconnect)
        self._decision: Decision | None = None
        self._last_close: CloseInfo | None = None
        session = self._session = LiveSession(self._store, self._config, self._handlers)
        StreamService(session)
        PresenceService(session)
        self._pairing = PairingService(session, self._identity)
        self._prekeys = PrekeyService(session)
        # Before messaging: a receipt's or notification's PN<->LID pair is stored first.
        self._lid = LIDService(session)
        self._messaging = MessagingService(
            session, caches, self._prekeys.retry_keys, self._lid.map, self._backoff.stored
        )
        IdentityService(session, self._lid.map, self._messaging.sender.reissue_privacy_token)
        self._media = MediaService(session)
        self._actions = MessageActionsService(session, self._lid.map)
        self._groups = GroupsAPI(session, self._messaging.sender, self._actions)
        GroupService(session, self._messaging.sender.group_cache, self._actions)
        CallService(session)
        self._appstate = AppStateService(
            session, self._media.transfer.download, self._lid.map, self._messaging.sender.send_peer
        )
        self._history = HistoryService(
            session, self._media.transfer.download, self._lid.map, self._messaging.sender.send_peer
        )
        self._closing = False
        self._owner_group: TaskGroup | None = None
        # The serve task's status until it reports started (paired devices: at login).
        self._task_status: TaskStatus[None] | None = None
        self._next_prune = None

    # ----------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> Client:
        if self._state is not ClientState.UNOPENED:
            raise InvalidState(f"can't open a client in state {self._state.name}")
        self._owner_group = anyio.create_task_group()
        await self._owner_group.__aenter__()
        try:
            await self._owner_group.start(self.serve)
        except BaseException:
            self._owner_group.cancel_scope.cancel()
            await self._owner_group.__aexit__(None, None, None)
            self._owner_group = None
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def serve(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Run the client in the caller's task group until :meth:`aclose` or a permanent stop.

        Reports started once logged in (paired devices) or at once (new devices,
        which then emit ``QRCode``). A paired device raises, within
        ``connect_timeout``: :class:`CertificateError` for a refused server
        certificate, :class:`ConnectionClosed` for another permanent close, and
        :class:`ConnectTimeout` (the last close as ``__cause__``) when the time runs out. Use
        this instead of ``async with`` when many clients share one task group
        (``await task_group.start(client.serve)``): each client's tasks then live
        in its own task, so clients can be closed in any order.
        """
        if self._state is not ClientState.UNOPENED:
            raise InvalidState(f"can't open a client in state {self._state.name}")
        self._state = ClientState.OPENED
        await self._load_credentials()
        try:
            async with anyio.create_task_group() as group:
                # Handler tasks run here; the connection loop runs in this (the serve) task.
                self._session.task_group = group
                try:
                    if self.is_paired:
                        # Until logged in, connect_timeout bounds everything: the group's own
                        # scope carries the deadline (no scope of its own); see _report_started.
                        group.cancel_scope.deadline = anyio.current_time() + self._config.connect_timeout
                        self._task_status = task_status
                    else:
                        # At once, so that handlers registered inside `async with` see the first QRCode.
                        task_status.started()
                        self._start_pruning()
                    await self._connection_loop()
                finally:
                    self._stop_pruning()
                    group.cancel_scope.cancel()
            # Raised after the task group exits, so callers get it bare rather than in an ExceptionGroup.
            failure = None if self._task_status is None else self._not_connected_error()
        finally:
            self._task_status = None
            self._session.task_group = None
            await self._shutdown()
        if failure is not None:
            raise failure

    async def _load_credentials(self) -> None:
        """Adopt the stored credentials (new ones for a new device); a frame of its own, so
        the serve task does not keep the loaded object once login has replaced it."""
        if self._database is not None:
            await self._database.create_device(self._store.device_id)
        credentials = await self._store.get_credentials()
        if credentials is None:
            # Prekeys are made when the server first asks for them.
            await self._session.save_credentials(new_credentials())
        else:
            self._session.use_credentials(credentials)

    async def aclose(self) -> None:
        """Close the connection and stop all tasks; idempotent (also after a logout stopped the client)."""
        self._stopped.set()
        group = self._session.task_group
        if group is not None:
            # The serve task ends wherever it is: connecting, backing off or reading.
            group.cancel_scope.cancel()
        await self._shutdown()
        owner, self._owner_group = self._owner_group, None
        if owner is not None:
            await owner.__aexit__(None, None, None)

    async def _shutdown(self) -> None:
        if self._state is ClientState.CLOSED:
            return
        self._state = ClientState.CLOSED
        self._closing = True
        self._stopped.set()
        self._set_connected(False)
        connection = self._session.connection
        with anyio.CancelScope(shield=True):
            if connection is not None:
                await connection.close()
            await self._media.aclose()
            try:
                await self._store.flush()  # inbox deletes waiting for the next commit
            except WAError as exc:
                logger.warning("pending store writes not flushed at close: %s", exc)
        self._handlers.clear()

    async def run_forever(self) -> None:
        """Wait until the client stops: :meth:`aclose`, a logout, or a replaced stream.

        Raises:
            CertificateError: the server's certificate was refused (a wrong ``trust_root``).
        """
        await self._stopped.wait()
        if self._last_close is not None and self._last_close.certificate_invalid:
            raise self._not_connected_error()

    async def run_until_signal(
        self,
        main: Callable[[Client], Awaitable[None]] | None = None,
        *,
        signals: Sequence[signal.Signals] = DEFAULT_SIGNALS,
    ) -> int | None:
        """Open, run ``main`` (or until the client stops), close; SIGINT and SIGTERM close cleanly.

        The store stays open (close it where it was opened: ``async with SQLiteStore.open()``).
        Returns the signal that stopped the client, or None. Main thread only (signals).
        """
        return await run_until_signal(self, main or Client.run_forever, signals=signals)

    def run(self, main: Callable[[Client], Awaitable[None]] | None = None) -> int | None:
        """Blocking entry point for scripts: :meth:`run_until_signal` in a new event loop.

        The store may be made outside any loop (``Client(SQLiteStore("bot.db")).run()``: it
        opens on first use). A ``PostgresStore`` belongs to the loop that opened its pool, so
        open it and run the client in one ``anyio.run`` (see the module example).
        """
        return anyio.run(partial(self.run_until_signal, main))

    async def wait_connected(self, timeout: float | None = None) -> None:
        """Wait until logged in and ready (``Connected`` was emitted).

        Raises:
            NotConnected: the client was never started.
            ConnectTimeout: not connected in time (the last close reason as ``__cause__``).
            CertificateError, ConnectionClosed: the client stopped (see :meth:`serve`).
        """
        if self._state is ClientState.UNOPENED:
            raise NotConnected("the client is not started: use `async with client` or serve()")
        limit = timeout if timeout is not None else self._config.connect_timeout
        with anyio.move_on_after(limit):
            await self._wait_connected_or_stopped()
        if not self._connected:
            raise self._not_connected_error(limit)

    # ------------------------------------------------------------- public state

    @property
    def config(self) -> ClientConfig:
        """The configuration this client runs with."""
        return self._session.config

    @property
    def store(self) -> DeviceStore:
        """This device's store."""
        return self._session.store

    @property
    def stop_decision(self) -> Decision | None:
        """The reconnect decision the client stopped on, once it stopped after a close."""
        return self._decision

    @property
    def is_paired(self) -> bool:
        """The device is linked to an account."""
        return self._session.is_paired

    @property
    def own_jid(self) -> JID:
        """Our device JID."""
        return self._session.own_jid

    @property
    def lids(self) -> LIDMap:
        """Which LID belongs to which phone number, as this device learned it (lookups both ways)."""
        return self._lid.map

    @property
    def own_lid(self) -> JID | None:
        """Our LID device JID (``lid:device@lid``), once the server told us."""
        return self._session.own_lid

    @property
    def ready_state(self) -> ReadyState:
        """The connection's state (CLOSED between connections)."""
        connection = self._session.connection
        return connection.ready_state if connection is not None else ReadyState.CLOSED

    # -------------------------------------------------------------- public API

    async def request_pairing_code(self, phone: str) -> str:
        """Link by phone number instead of QR: returns the code to type on the phone."""
        if self.is_paired:
            raise InvalidState("this device is already paired")
        with anyio.fail_after(self._config.connect_timeout):
            await self._pairing.wait_offered()
        return await self._pairing.request_code(phone)

    async def logout(self) -> None:
        """Unlink this device from the account and forget its credentials."""
        await self.wait_connected()
        own = self.own_jid
        remove = Node("remove-companion-device", {"jid": str(own), "reason": "user_initiated"})
        await self._session.query(Node("iq", {"to": USER_SERVER, "type": "set", "xmlns": "md"}, [remove]))
        await self._stop(LoggedOut(on_connect=False, reason="logout"))
        if self._database is not None:
            await self._database.delete_device(self._store.device_id)
        await self._session.close_connection(CloseInfo.local(DisconnectReason.LOGGED_OUT, "logged out"))

    # ----------------------------------------------------------------- internals

    def _report_started(self) -> None:
        """Logged in: the serve task reports started and the connect deadline is lifted.

        Called from the login task, not the serve task, which is busy reading the
        connection; anyio's started() only moves the serve task's scope to its group.
        """
        status, self._task_status = self._task_status, None
        group = self._session.task_group
        if status is None or group is None or group.cancel_scope.cancel_called:
            return
        group.cancel_scope.deadline = math.inf
        status.started()
        self._start_pruning()

    def _not_connected_error(self, waited: float | None = None) -> Exception:
        """Why the client is not connected: the stop's typed error, or a timeout."""
        close = self._last_close
        if self._stopped.is_set():
            if close is not None and close.certificate_invalid:
                return CertificateError(f"server certificate refused ({close.detail}); check trust_root")
            return ConnectionClosed(self._stop_reason or "client stopped", close.code if close else None)
        error = ConnectTimeout(
            f"not connected after {waited or self._config.connect_timeout:g} s"
            + (f" (last close: {close})" if close is not None else "")
        )
        error.__cause__ = ConnectionClosed(close, close.code) if close is not None else None
        return error

    async def _wait_connected_or_stopped(self) -> None:
        while not self._connected and not self._stopped.is_set():
            await self._changed.wait()

    def _set_connected(self, connected: bool) -> None:
        """Record the new state and wake everyone waiting for a change."""
        self._connected = connected
        changed, self._changed = self._changed, LazyEvent()
        changed.set()

    async def _stop(self, event: Event | None) -> None:
        self._closing = True
        if event is not None:
            self._stop_reason = event
            await self._session.emit(event)
        self._stopped.set()
        self._set_connected(False)

    async def _connection_loop(self) -> None:
        refreshed = False
        while not self._closing:
            announced = announced_version(self._config)
            close = await self._connect_once()
            self._last_close = close
            self._set_connected(False)
            self._pairing.stop()
            if close.reason is DisconnectReason.CLIENT_OUTDATED:
                close = await refresh_version(self._session, close, announced, already=refreshed)
                refreshed = True
            else:
                refreshed = False
            await self._session.emit(Disconnected(close=close))
            if self._closing:
                return
            decision = self._backoff.decide(close)
            action = decision.action
            if action.is_terminal or (action is Action.RETRY and not self._config.auto_reconnect):
                self._decision = decision
                self._stop_reason = decision.reason
                await self._stop(_stop_event(action, close))
                return
            logger.info("reconnecting in %.1f s after %s", decision.delay, close)
            with anyio.move_on_after(decision.delay):
                await self._stopped.wait()

    async def _connect_once(self) -> CloseInfo:
        connection = await open_connection(self._session, self._identity, on_login=self._on_login)
        if isinstance(connection, CloseInfo):
            return connection
        session = self._session
        session.connection = connection
        try:
            return await connection.run()
        finally:
            session.connection = None

    async def _on_login(self, success: Node) -> None:
        self._backoff.logged_in()
        session = self._session
        lid = success.attr("lid")
        if lid and lid != session.credentials.lid:
            await session.save_credentials(dataclasses.replace(session.credentials, lid=lid))
        await self._lid.learn_own()
        session.spawn(self._after_login)

    async def _after_login(self) -> None:
        await self._prekeys.upload_if_needed()
        # Logged in passive: prekeys first, then <active/> (whatsmeow handleConnectSuccess,
        # Baileys 7 CB:success), then the unified session id (Baileys 7 on open).
        await self._session.query(
            Node("iq", {"to": USER_SERVER, "type": "set", "xmlns": "passive"}, [Node("active")])
        )
        await self._session.send_node(unified_session(self._session.now()))
        if self._config.mark_online_on_connect:
            if self.push_name:
                await self.send_presence(True)
            else:
                logger.warning("mark_online_on_connect needs a push name; presence not sent")
        self._set_connected(True)
        self._report_started()
        await self._session.emit(Connected())
        self._session.spawn(self._appstate.sync_if_keyed)
        connection = self._session.connection
        if connection is not None:
            # Behind the nodes already queued: messages a crash left in the inbox.
            await self._session.enqueue(connection, self._messaging.receiver.replay_inbox)


def _stop_event(action: Action, close: CloseInfo) -> Event | None:
    """The event that tells the application why the client stopped, if one fits."""
    if action is Action.LOGGED_OUT:
        return LoggedOut(on_connect=close.at_login, reason=str(close))
    if action is Action.REPLACED:
        return StreamReplaced()
    if close.reason is DisconnectReason.CLIENT_OUTDATED:
        return ClientOutdated(detail=close.detail)
    return None
