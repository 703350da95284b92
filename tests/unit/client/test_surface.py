"""The Client's public members are the user API; the plumbing services use lives in the session."""

from __future__ import annotations

from waproto import Client
from waproto.session import LiveSession, Session

#: What services need from a session; none of it is the user's business on the Client.
PLUMBING = {
    "send_node",
    "query",
    "send_and_wait_ack",
    "next_id",
    "emit",
    "spawn",
    "credentials",
    "save_credentials",
    "close_connection",
    "crypto_lock",
    "router",
    "now",
}


def _public(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


def test_client_exposes_no_plumbing() -> None:
    assert _public(Client) & (PLUMBING | {"sender", "receiver", "pairing", "prekeys", "retry_keys"}) == set()


def test_the_session_provides_every_verb_of_the_protocol() -> None:
    verbs = _public(Session)
    assert verbs >= PLUMBING
    assert verbs <= _public(LiveSession)
