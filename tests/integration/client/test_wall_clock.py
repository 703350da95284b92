"""Timestamps the client puts on the wire or in protobufs are Unix time, not the loop's clock.

The event loop's clock (``anyio.current_time()``) counts from an arbitrary origin (often
the machine's uptime); a receipt or reaction stamped with it lands decades in the past.
"""

from __future__ import annotations

import time

import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Client, Message
from waproto.binary import Node
from waproto.errors import InvalidState
from waproto.events import Reaction
from waproto.proto import wa_e2e_pb2
from waproto.testing import FakeServer
from waproto.testing.session import ServerSession

pytestmark = pytest.mark.anyio

#: Slack for a slow machine between reading the clock here and the client reading it.
_SLACK = 300.0


async def _round_trip(client: Client) -> None:
    """A ping answered: the server has handled everything the client sent before it."""
    await client._session.query(
        Node("iq", {"to": "s.whatsapp.net", "type": "get", "xmlns": "w:p"}, [Node("ping")])
    )


def _is_now(seconds: float) -> bool:
    return abs(seconds - time.time()) < _SLACK


async def test_read_receipt_carries_unix_time(
    server: FakeServer, paired: PairedClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = await paired("15550901")
    bob = await paired("15550902")
    seen: list[Node] = []
    relay = server.core._handlers["receipt"]

    def spy(session: ServerSession, node: Node, now: float) -> None:
        seen.append(node)
        relay(session, node, now)

    monkeypatch.setitem(server.core._handlers, "receipt", spy)
    log = EventLog(bob, Message)
    await alice.send_text(bob.own_jid.to_non_ad(), "read me")
    (received,) = await log.wait_for(Message)
    await bob.mark_read(received.info.chat, [received.info.id])
    await _round_trip(bob)
    read = [node for node in seen if node.attrs.get("type") == "read"]
    assert read, "no read receipt reached the server"
    assert _is_now(int(read[0].attrs["t"]))


async def test_reaction_timestamp_is_unix_milliseconds(
    paired: PairedClient, sent_messages: list[wa_e2e_pb2.Message]
) -> None:
    alice = await paired("15550911")
    bob = await paired("15550912")
    alice_log, bob_log = EventLog(alice, Reaction), EventLog(bob, Message)
    await alice.send_text(bob.own_jid.to_non_ad(), "react to me")
    (received,) = await bob_log.wait_for(Message)
    await bob.send_reaction(received, "👍")
    (reaction,) = await alice_log.wait_for(Reaction)
    assert reaction.emoji == "👍"
    assert _is_now(reaction.info.timestamp)
    (reaction_proto,) = [m.reactionMessage for m in sent_messages if m.HasField("reactionMessage")]
    assert _is_now(reaction_proto.senderTimestampMs / 1000)


@pytest.mark.silent_phone  # nothing tells the client a push name
async def test_presence_without_push_name_is_refused(paired: PairedClient) -> None:
    alice = await paired("15550921")
    with pytest.raises(InvalidState, match="push name"):
        await alice.send_presence(True)


async def test_presence_with_push_name_names_us(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550931", push_name="Alice")
    await alice.send_presence(True)
    await _round_trip(alice)
    assert server.core.accounts.for_jid(alice.own_jid).push_name == "Alice"
