"""The client for one account; see :class:`Client`."""

from __future__ import annotations

from waproto.client._client import Client, ClientState

__all__ = ["Client", "ClientState"]
