"""Application handlers run by the client: they may use the client, and their failures are contained."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message

pytestmark = pytest.mark.anyio


async def test_a_handler_can_reply_with_send_text(paired: PairedClient) -> None:
    alice = await paired("15550501")
    bob = await paired("15550502", query_timeout=5.0)
    log = EventLog(alice, Message)

    @bob.on(Message)
    async def echo(event: Message) -> None:
        await bob.send_text(event.info.chat, f"echo: {event.text}")

    await alice.send_text(bob.own_jid.to_non_ad(), "ping")
    (reply,) = await log.wait_for(Message, timeout=4.0)
    assert reply.text == "echo: ping"


async def test_a_failing_handler_does_not_stop_delivery(paired: PairedClient) -> None:
    alice = await paired("15550511")
    bob = await paired("15550512")
    log = EventLog(bob, Message)

    @bob.on(Message)
    def broken(event: Message) -> None:
        raise RuntimeError("application bug")

    await alice.send_text(bob.own_jid.to_non_ad(), "one")
    await alice.send_text(bob.own_jid.to_non_ad(), "two")
    assert [m.text for m in await log.wait_for(Message, 2)] == ["one", "two"]
    with anyio.fail_after(5):
        await bob.wait_connected()
