"""Typed event handler registry shared by :class:`Client` and ``SessionManager``.

Handlers are registered per event class (subclasses match too), may be sync or
async, and run in registration order. A handler that raises is logged and the
others still run: one buggy handler must not stop a session.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from waproto.events import Event

__all__ = ["EventHandler", "EventSource", "HandlerRegistry"]

logger = logging.getLogger("waproto.handlers")

E = TypeVar("E", bound=Event)
EventHandler = Callable[[E], Awaitable[None] | None]


class HandlerRegistry:
    """Event class -> handlers, with ``@on(Event)`` decorator sugar."""

    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: list[tuple[type[Event], Callable[[Any], Any]]] = []

    def add(self, event_type: type[E], handler: EventHandler[E]) -> None:
        """Call ``handler`` for every event that is an instance of ``event_type``."""
        self._handlers.append((event_type, handler))

    def remove(self, handler: Callable[..., Any]) -> None:
        """Unregister ``handler`` from every event type."""
        self._handlers = [(t, h) for t, h in self._handlers if h is not handler]

    def on(self, event_type: type[E]) -> Callable[[EventHandler[E]], EventHandler[E]]:
        """Decorator form of :meth:`add`."""

        def register(handler: EventHandler[E]) -> EventHandler[E]:
            self.add(event_type, handler)
            return handler

        return register

    def clear(self) -> None:
        """Drop every handler (used when a session is removed, so nothing keeps it alive)."""
        self._handlers.clear()

    async def emit(self, event: Event) -> None:
        """Run the matching handlers; exceptions are logged, never raised."""
        for event_type, handler in self._handlers:
            if not isinstance(event, event_type):
                continue
            try:
                result = handler(event)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                logger.exception("handler %r failed on %s", handler, type(event).__name__)


class EventSource:
    """Mixin for objects that emit events: ``on``, ``add_handler``, ``remove_handler``.

    The class sets ``self._handlers`` to a :class:`HandlerRegistry`.
    """

    __slots__ = ()
    _handlers: HandlerRegistry

    def on(self, event_type: type[Any]) -> Callable[[EventHandler[Any]], EventHandler[Any]]:
        """Decorator: ``@source.on(Message)`` registers a sync or async handler."""
        return self._handlers.on(event_type)

    def add_handler(self, event_type: type[Any], handler: EventHandler[Any]) -> None:
        """Register ``handler`` for ``event_type`` and its subclasses."""
        self._handlers.add(event_type, handler)

    def remove_handler(self, handler: Callable[..., Any]) -> None:
        """Unregister ``handler`` from every event type."""
        self._handlers.remove(handler)
