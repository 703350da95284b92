"""History sync: the phone's record of chats, messages and push names for a new companion.

:class:`HistoryStreamDecoder` inflates and decodes a history blob incrementally, so a
companion never holds a whole blob or its decoded history in memory.
"""

from __future__ import annotations

from waproto.history.events import HistorySyncBatch
from waproto.history.stream import (
    HistoryConversation,
    HistoryItem,
    HistoryMessage,
    HistoryPushname,
    HistoryStreamDecoder,
    HistorySummary,
)

__all__ = [
    "HistoryConversation",
    "HistoryItem",
    "HistoryMessage",
    "HistoryPushname",
    "HistoryStreamDecoder",
    "HistorySummary",
    "HistorySyncBatch",
]
