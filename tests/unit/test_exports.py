"""The top-level namespace exports what it lists, and lists it sorted."""

from __future__ import annotations

import waproto


def test_every_listed_name_exists() -> None:
    missing = [name for name in waproto.__all__ if not hasattr(waproto, name)]
    assert not missing


def test_public_api_includes_the_client_manager_and_events() -> None:
    for name in ("Client", "ClientConfig", "SessionManager", "ManagerConfig", "Message", "QRCode", "JID"):
        assert name in waproto.__all__
