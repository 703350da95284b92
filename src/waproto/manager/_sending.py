"""The I/O side of the outbound queues: one drain task per session while it has sendable messages.

A drain sends one message at a time (a recipient's messages keep their order),
as the rate limits allow; when they block it, it leaves a wake-up on the
manager's timer heap and ends, so a waiting queue holds no task.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

import anyio

from waproto.client import Client
from waproto.crypto import RandomSource
from waproto.errors import ConnectionClosed, QueryTimeout
from waproto.handlers import HandlerRegistry
from waproto.jid import JID
from waproto.manager._session import QUEUE_NAMESPACE, ManagedSession
from waproto.manager.config import ManagerConfig
from waproto.manager.events import QueuedMessageFailed, QueuedMessageSent
from waproto.manager.outbound import Enqueued, QueuedMessage
from waproto.manager.policy import SessionState
from waproto.messaging.wire import generate_message_id
from waproto.proto import decode_message, wa_e2e_pb2
from waproto.store import LeaseStore

__all__ = ["Outbox"]

logger = logging.getLogger("waproto.manager")


class Outbox:
    """Enqueues, drains and retries the queued messages of every session.

    Args:
        config: the manager's settings (queue, limits, retries).
        handlers: where ``QueuedMessageSent``/``QueuedMessageFailed`` go.
        spawn: starts a task in the manager's task group.
        wake_at: asks the manager's timer to call :meth:`kick` for a session at a time.
        random: randomness for message ids.
    """

    __slots__ = ("_config", "_handlers", "_random", "_spawn", "_wake_at", "failed", "sent")

    def __init__(
        self,
        config: ManagerConfig,
        handlers: HandlerRegistry,
        *,
        spawn: Callable[..., None],
        wake_at: Callable[[float, str], None],
        random: RandomSource = os.urandom,
    ) -> None:
        self._config = config
        self._handlers = handlers
        self._spawn = spawn
        self._wake_at = wake_at
        self._random = random
        self.sent = 0
        self.failed = 0

    async def enqueue(
        self,
        session: ManagedSession,
        to: JID,
        message: wa_e2e_pb2.Message,
        message_id: str | None,
        *,
        notify: LeaseStore | None = None,
    ) -> Enqueued:
        """Persist and queue one message (see ``SessionManager.send_message``).

        With ``notify`` the session runs on another host: the message is only persisted
        (ordered after what that host queued) and that host is woken; position is 0.
        """
        if notify is not None:
            msg_id = message_id or generate_message_id(int(time.time()), None, self._random)
            # Nanoseconds sort after the owner's own small sequence numbers.
            item = QueuedMessage(msg_id, str(to), message.SerializeToString(), seq=time.time_ns())
            await session.store.put(QUEUE_NAMESPACE, msg_id, item.to_bytes())
            await notify.notify_queue(session.id)
            return Enqueued(msg_id, 0)
        await session.load()
        session.queue.check_space()
        msg_id = message_id or generate_message_id(int(time.time()), _own_user(session.client), self._random)
        item = QueuedMessage(msg_id, str(to), message.SerializeToString(), seq=session.queue.next_seq)
        position = session.queue.push(item)
        try:
            await session.store.put(QUEUE_NAMESPACE, msg_id, item.to_bytes())
        except BaseException:
            session.queue.withdraw(msg_id)
            raise
        self.kick(session)
        return Enqueued(msg_id, position)

    async def refresh(self, session: ManagedSession) -> None:
        """Queue the messages other hosts persisted for this session, then drain."""
        rows = await session.store.items(QUEUE_NAMESPACE)
        if session.queue.merge([QueuedMessage.from_bytes(raw) for raw in rows.values()]):
            self.kick(session)

    async def reload(self, session: ManagedSession) -> None:
        """Forget the in-memory queue and read it again (this host just took the session over)."""
        session.queue.clear()
        session.loaded = False
        await session.load()

    def kick(self, session: ManagedSession) -> None:
        """Start draining the session's queue unless it is draining, empty or not OPEN."""
        if session.draining or session.state is not SessionState.OPEN or not len(session.queue):
            return
        session.draining = True
        self._spawn(self._drain, session)

    async def _drain(self, session: ManagedSession) -> None:
        try:
            while session.state is SessionState.OPEN and session.client is not None:
                now = anyio.current_time()
                item, when = session.queue.next_ready(now)
                if item is None:
                    if when is not None and (session.drain_at is None or when < session.drain_at):
                        session.drain_at = when
                        self._wake_at(when, session.id)
                    return
                session.queue.limiter.take(item.to, now)
                await self._send_one(session, session.client, item, now)
        finally:
            session.draining = False

    async def _send_one(
        self, session: ManagedSession, client: Client, item: QueuedMessage, now: float
    ) -> None:
        config = self._config
        try:
            message = decode_message(wa_e2e_pb2.Message, item.payload, "queued message")
            result = await client.send_message(item.to, message, message_id=item.id)
        except (ConnectionClosed, QueryTimeout) as exc:
            item.attempts += 1
            if item.attempts > config.send_retries:
                await self._give_up(session, item, exc)
                return
            item.not_before = anyio.current_time() + config.send_retry_delay * 2 ** (item.attempts - 1)
            await session.store.put(QUEUE_NAMESPACE, item.id, item.to_bytes())
            return
        except Exception as exc:  # the server refused it, or the payload is unusable: not retried
            item.attempts += 1
            await self._give_up(session, item, exc)
            return
        session.queue.remove(item.id)
        await session.store.delete(QUEUE_NAMESPACE, item.id)
        self.sent += 1
        await self._handlers.emit(
            QueuedMessageSent(
                session_id=session.id,
                message_id=item.id,
                to=item.to,
                attempts=item.attempts + 1,
                started_at=now,
                timestamp=result.timestamp,
            )
        )

    async def _give_up(self, session: ManagedSession, item: QueuedMessage, exc: BaseException) -> None:
        session.queue.remove(item.id)
        await session.store.delete(QUEUE_NAMESPACE, item.id)
        self.failed += 1
        logger.warning(
            "session %s: message %s given up after %d tries: %s", session.id, item.id, item.attempts, exc
        )
        await self._handlers.emit(
            QueuedMessageFailed(
                session_id=session.id, message_id=item.id, to=item.to, attempts=item.attempts, error=str(exc)
            )
        )


def _own_user(client: Client | None) -> str | None:
    if client is None or not client.is_paired:
        return None
    return client.own_jid.user
