"""waproto: a pure-Python client for the WhatsApp Web multi-device protocol.

Start here::

    from waproto import Client, ClientConfig, Message
    from waproto.store import SQLiteStore
"""

from __future__ import annotations

import logging

from waproto.client import Client, ClientState
from waproto.config import ClientConfig
from waproto.connection import CloseInfo, DisconnectReason, ReadyState
from waproto.errors import (
    ConnectionClosed,
    IQError,
    QueryTimeout,
    QueueFull,
    StoreError,
    WAError,
)
from waproto.events import (
    ChatState,
    ClientOutdated,
    Connected,
    Disconnected,
    Event,
    IdentityChanged,
    LoggedOut,
    Message,
    MessageInfo,
    PairingCode,
    PairSuccess,
    PermanentDisconnect,
    Presence,
    QRCode,
    Receipt,
    StoreFailure,
    StreamReplaced,
    UndecryptableMessage,
    VersionRefreshed,
)
from waproto.jid import JID
from waproto.manager import (
    Enqueued,
    ManagerConfig,
    ManagerStats,
    MemoryBudgetExceeded,
    QueuedMessageFailed,
    QueuedMessageSent,
    ReconnectPolicy,
    RemoteSession,
    SessionManager,
    SessionState,
    SessionStateChanged,
    SessionStats,
)
from waproto.messaging.send import GroupInfo, GroupParticipant, SendResult
from waproto.version import VersionSource

__all__ = [
    "JID",
    "ChatState",
    "Client",
    "ClientConfig",
    "ClientOutdated",
    "ClientState",
    "CloseInfo",
    "Connected",
    "ConnectionClosed",
    "DisconnectReason",
    "Disconnected",
    "Enqueued",
    "Event",
    "GroupInfo",
    "GroupParticipant",
    "IQError",
    "IdentityChanged",
    "LoggedOut",
    "ManagerConfig",
    "ManagerStats",
    "MemoryBudgetExceeded",
    "Message",
    "MessageInfo",
    "PairSuccess",
    "PairingCode",
    "PermanentDisconnect",
    "Presence",
    "QRCode",
    "QueryTimeout",
    "QueueFull",
    "QueuedMessageFailed",
    "QueuedMessageSent",
    "ReadyState",
    "Receipt",
    "ReconnectPolicy",
    "RemoteSession",
    "SendResult",
    "SessionManager",
    "SessionState",
    "SessionStateChanged",
    "SessionStats",
    "StoreError",
    "StoreFailure",
    "StreamReplaced",
    "UndecryptableMessage",
    "VersionRefreshed",
    "VersionSource",
    "WAError",
    "__version__",
]

__version__ = "0.1.0"

logging.getLogger("waproto").addHandler(logging.NullHandler())
