"""The event history sync emits: conversations, their messages and push names, in batches."""

from __future__ import annotations

from dataclasses import dataclass

from waproto.events import Event
from waproto.proto.wa_history_pb2 import Conversation, Pushname

__all__ = ["HistorySyncBatch"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HistorySyncBatch(Event):
    """Part of one history blob from our phone.

    A long conversation may span batches: its messages come in order, and its own fields
    (name, unread count, archived, ...) are set in the batch that holds its end. ``final``
    marks the last batch of a blob; ``progress`` (0-100) is the phone's for the whole sync.
    """

    sync_type: str
    """``INITIAL_BOOTSTRAP``, ``RECENT``, ``PUSH_NAME``, ``FULL``, ``ON_DEMAND``, ..."""
    chunk_order: int
    progress: int
    conversations: tuple[Conversation, ...]
    """``Conversation`` protobufs; ``messages`` holds ``HistorySyncMsg`` (a ``WebMessageInfo`` each)."""
    push_names: tuple[Pushname, ...]
    final: bool
    request_id: str = ""
    """For ``ON_DEMAND`` history: the id :meth:`~waproto.Client.request_history` returned."""
