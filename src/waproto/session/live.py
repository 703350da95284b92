"""The :class:`Session` a client runs its services over, and the handler task of its inbound nodes.

The client owns the lifecycle (connect, log in, reconnect, stop) and tells the
session which connection and task group are current; services see only the
:class:`~waproto.session.context.Session` verbs. The reader task only queues
nodes; a handler task takes them in order and hands them to the router.
Handlers, and the application's event handlers they run, may therefore query:
the reader keeps reading the answers. The handler task exists only while
nodes are queued (an idle session has none): the first node queued starts it,
and it ends when the queue is empty. Long work that must not hold up the next
node (prekey upload, answering a retry) is still spawned.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
from anyio.abc import TaskGroup

from waproto._lazy import AnyLock, LazyLock
from waproto.binary import Node
from waproto.config import ClientConfig
from waproto.connection import CloseInfo, Connection, ReadyState
from waproto.errors import ConnectionClosed, InvalidState, WAError
from waproto.events import Event
from waproto.handlers import HandlerRegistry
from waproto.jid import JID
from waproto.session.router import StanzaRouter
from waproto.store import Credentials, DeviceStore

__all__ = ["NODE_QUEUE_SIZE", "InboundJob", "LiveSession", "NodeQueue"]

logger = logging.getLogger("waproto.session")

#: Nodes waiting for the handler task; when it is full the reader waits (backpressure).
NODE_QUEUE_SIZE = 2048

#: Work queued behind the nodes already waiting (e.g. the inbox replay after login).
InboundJob = Callable[[], Awaitable[Any]]
#: A queued node or job with the connection it came on.
_Queued = tuple[Connection, Node | InboundJob]


class NodeQueue:
    """A bounded FIFO between the reader and the handler task.

    Smaller than an anyio memory stream pair. Only the reader waits (while the
    queue is full); the handler task takes without waiting and ends when it is
    empty. The event is made only while the reader waits.
    """

    __slots__ = ("_items", "_max_size", "_waiter")

    def __init__(self, max_size: int) -> None:
        # An empty deque costs 760 bytes: made by the first put, dropped when emptied.
        self._items: deque[_Queued] | None = None
        self._max_size = max_size
        self._waiter: anyio.Event | None = None

    async def put(self, item: _Queued) -> None:
        while self._items is not None and len(self._items) >= self._max_size:
            await self._wait()
        if self._items is None:
            self._items = deque()
        self._items.append(item)
        self._wake()

    def take(self) -> _Queued | None:
        """The oldest item, or ``None`` when the queue is empty."""
        items = self._items
        if not items:
            return None
        item = items.popleft()
        if not items:
            self._items = None
        self._wake()
        return item

    async def _wait(self) -> None:
        if self._waiter is None:
            self._waiter = anyio.Event()
        await self._waiter.wait()

    def _wake(self) -> None:
        if self._waiter is not None:
            self._waiter.set()
            self._waiter = None


class LiveSession:
    """One device's store, credentials, connection, task group, events and router.

    Args:
        store: this device's store.
        config: the client's settings.
        handlers: the application's event handlers (:meth:`emit` runs them).
    """

    __slots__ = (
        "_config",
        "_connection",
        "_credentials",
        "_crypto_lock",
        "_draining",
        "_handlers",
        "_own_jid",
        "_own_lid",
        "_queue",
        "_router",
        "_store",
        "_task_group",
    )

    def __init__(self, store: DeviceStore, config: ClientConfig, handlers: HandlerRegistry) -> None:
        self._store = store
        self._config = config
        self._handlers = handlers
        self._credentials: Credentials | None = None
        self._own_jid: JID | None = None
        self._own_lid: JID | None = None
        self._connection: Connection | None = None
        self._task_group: TaskGroup | None = None
        self._crypto_lock = LazyLock()
        self._queue = NodeQueue(NODE_QUEUE_SIZE)
        self._draining = False
        self._router = StanzaRouter(self.send_node)

    # ------------------------------------------------------------ Session verbs

    @property
    def config(self) -> ClientConfig:
        return self._config

    @property
    def store(self) -> DeviceStore:
        return self._store

    @property
    def credentials(self) -> Credentials:
        if self._credentials is None:
            raise InvalidState("credentials are loaded when the client opens")
        return self._credentials

    @property
    def own_jid(self) -> JID:
        if self._own_jid is None:
            raise InvalidState("not paired yet")
        return self._own_jid

    @property
    def own_lid(self) -> JID | None:
        return self._own_lid

    @property
    def crypto_lock(self) -> AnyLock:
        return self._crypto_lock

    @property
    def router(self) -> StanzaRouter:
        return self._router

    def now(self) -> float:
        return time.time()

    def next_id(self) -> str:
        return self._current().next_id()

    async def send_node(self, node: Node) -> None:
        await self._current().send_node(node)

    async def query(self, node: Node) -> Node:
        return await self._current().query(node, timeout=self._config.query_timeout)

    async def send_and_wait_ack(self, node: Node) -> Node:
        return await self._current().send_and_wait_ack(node, timeout=self._config.query_timeout)

    async def emit(self, event: Event) -> None:
        await self._handlers.emit(event)

    def spawn(self, coro_fn: Callable[..., Awaitable[Any]], *args: Any) -> None:
        if self._task_group is None:
            return
        self._task_group.start_soon(self._guarded, coro_fn, args)

    async def save_credentials(self, credentials: Credentials) -> None:
        await self._store.put_credentials(credentials)
        self.use_credentials(credentials)

    async def close_connection(self, info: CloseInfo) -> None:
        if self._connection is not None:
            await self._connection.close(info)

    # ------------------------------------------------------- the client's side

    @property
    def is_paired(self) -> bool:
        """The device is linked to an account."""
        return self._own_jid is not None

    @property
    def connection(self) -> Connection | None:
        """The current connection, if any."""
        return self._connection

    @connection.setter
    def connection(self, connection: Connection | None) -> None:
        self._connection = connection

    @property
    def task_group(self) -> TaskGroup | None:
        """Where :meth:`spawn` starts tasks (None while the client is not running)."""
        return self._task_group

    @task_group.setter
    def task_group(self, group: TaskGroup | None) -> None:
        self._task_group = group

    def use_credentials(self, credentials: Credentials) -> None:
        """Adopt ``credentials`` without storing them (loaded from the store)."""
        # The JIDs are read on every stanza; parse them once per change of credentials.
        self._credentials = credentials
        self._own_jid = JID.parse(credentials.me) if credentials.me is not None else None
        self._own_lid = JID.parse(credentials.lid) if credentials.lid else None

    async def enqueue(self, connection: Connection, item: Node | InboundJob) -> None:
        """Queue a node from ``connection``, or a job to run after the nodes queued before it."""
        await self._queue.put((connection, item))
        if not self._draining and self._task_group is not None:
            self._draining = True
            self._task_group.start_soon(self._drain)

    async def _drain(self) -> None:
        """The handler task: queued nodes and jobs one at a time, in arrival order, until none is left.

        Items of a connection that has closed are dropped: the server delivers
        again what was not acked, and jobs are queued again after the next login.
        """
        try:
            while (queued := self._queue.take()) is not None:
                connection, item = queued
                if connection.ready_state is ReadyState.CLOSED:
                    continue
                if isinstance(item, Node):
                    await self._router.dispatch(item)
                else:
                    await item()
        finally:
            self._draining = False

    def _current(self) -> Connection:
        if self._connection is None:
            raise ConnectionClosed("not connected")
        return self._connection

    async def _guarded(self, coro_fn: Callable[..., Awaitable[Any]], args: tuple[Any, ...]) -> None:
        try:
            await coro_fn(*args)
        except (WAError, OSError) as exc:
            logger.warning("background task %s failed: %s", getattr(coro_fn, "__name__", coro_fn), exc)
