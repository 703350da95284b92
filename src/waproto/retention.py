"""How long a device keeps what it only needs for a while, and the pruning that enforces it.

Two kinds of rows grow with traffic and are worth nothing after a while:

- **sent messages**, kept to answer retry receipts (a recipient device that could not
  decrypt asks us to encrypt the message again). Default 7 days: whatsmeow's retry
  buffer keeps outgoing messages for a week; Baileys keeps recent messages only in
  memory (lost on restart) and asks the application's ``getMessage`` for older ones.
  Retry receipts come seconds to hours after a send; a week also covers a recipient
  device that was offline for days.
- **processed message ids**, which make a redelivery an acked duplicate instead of a
  second decryption. Default 14 days: the server keeps undelivered messages for 14
  days (the reason whatsmeow gives for expiring its decrypted-event buffer after 14
  days), so an id older than that cannot come back.

A lone :class:`~waproto.Client` prunes after each login and every
``prune_interval``; a :class:`~waproto.SessionManager` prunes every session on its
cleanup timer and turns the clients' own pruning off.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from waproto.store import AllStores

__all__ = ["Pruned", "RetentionPolicy", "prune_expired"]

logger = logging.getLogger("waproto.retention")

_DAY = 86400.0


@dataclass(frozen=True, slots=True, kw_only=True)
class RetentionPolicy:
    """How long rows that only serve a while are kept (seconds; None keeps them forever).

    Example::

        RetentionPolicy(sent_messages=86400.0, processed_ids=3 * 86400.0)
    """

    sent_messages: float | None = 7 * _DAY
    """Sent messages kept to answer retry receipts (whatsmeow's retry buffer: 7 days)."""
    processed_ids: float | None = 14 * _DAY
    """Ids of handled messages kept to recognise redeliveries (the server keeps messages 14 days)."""
    prune_interval: float | None = 3600.0
    """A lone client prunes after each login and then every this many seconds; None never
    (a ``SessionManager`` prunes on its cleanup timer and sets this to None for its clients)."""


@dataclass(frozen=True, slots=True)
class Pruned:
    """Rows one prune removed."""

    sent_messages: int
    processed_ids: int


async def prune_expired(store: AllStores, policy: RetentionPolicy, now: float) -> Pruned:
    """Delete the device's rows older than ``policy`` allows at wall time ``now``."""
    sent = processed = 0
    if policy.sent_messages is not None:
        sent = await store.prune_sent_messages(now - policy.sent_messages)
    if policy.processed_ids is not None:
        processed = await store.prune_processed(now - policy.processed_ids)
    if sent or processed:
        logger.debug("pruned %d sent messages and %d processed ids", sent, processed)
    return Pruned(sent, processed)
