"""Profile pictures, about text, blocklist, privacy settings, presence subscriptions and calls."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message, Presence
from waproto.events import IncomingCall
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_profile_privacy_blocklist(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550009001", push_name="Alice")
    bob = await paired("15550009002", push_name="Bob")
    bob_jid = bob.own_jid.to_non_ad()

    # No picture yet: None, not an error. Bob sets one; its URL serves the JPEG.
    assert await alice.profile_picture_url(bob_jid) is None
    account = server.core.accounts.require("15550009002")
    await bob.set_profile_picture(JPEG)
    with pytest.raises(ValueError):
        await bob.set_profile_picture(b"GIF89a")
    url = await alice.profile_picture_url(bob_jid)
    assert url is not None and url.startswith("https://")
    async with httpx.AsyncClient(verify=server.test_ca.client_context()) as http:
        assert (await http.get(url)).content == JPEG
    # Hidden from others when bob says so.
    await bob.set_privacy("profile", "none")
    assert await alice.profile_picture_url(bob_jid) is None
    assert (await bob.privacy_settings())["profile"] == "none"
    with pytest.raises(ValueError):
        await bob.set_privacy("profile", "everyone")

    await bob.set_status_text("at work")
    assert account.status_text == "at work"

    # Blocking: alice's texts are acked to her but never reach bob.
    log = EventLog(bob, Message)
    await bob.block(alice.own_jid.to_non_ad())
    assert [j.user for j in await bob.blocklist()] == [alice.own_jid.user]
    await alice.send_text(bob_jid, "can you hear me?")
    await bob.unblock(alice.own_jid.to_non_ad())
    assert await bob.blocklist() == []
    await alice.send_text(bob_jid, "and now?")
    (got,) = await log.wait_for(Message)
    assert got.text == "and now?"


async def test_presence_subscription_and_calls(server: FakeServer, paired: PairedClient) -> None:
    alice = await paired("15550009011", push_name="Alice")
    bob = await paired("15550009012", push_name="Bob")
    presence = EventLog(alice, Presence)
    await alice.subscribe_presence(bob.own_jid.to_non_ad())
    await presence.wait_for(Presence)
    await bob.send_presence(True)
    await bob.send_presence(False)
    events = await presence.wait_for(Presence, 3)
    assert [e.available for e in events[1:]] == [True, False]

    calls = EventLog(bob, IncomingCall)
    call_id = server.place_call("15550009011", "15550009012", video=True)
    (call,) = await calls.wait_for(IncomingCall)
    assert (call.call_id, call.video, call.caller.user) == (call_id, True, "15550009011")
    await bob.reject_call(call)
    # An iq round trip on the same connection: the server handles a connection's stanzas
    # in order, so its answer comes after the reject was handled.
    await bob.privacy_settings()
    assert server.core.call_log[-1]["state"] == "rejected"


async def test_status_posts_reach_the_recipients_only(server: FakeServer, paired: PairedClient) -> None:
    ssl = server.test_ca.client_context()  # the media host's certificate comes from the test CA
    alice = await paired("15550009021", push_name="Alice", ssl_context=ssl)
    bob = await paired("15550009022", push_name="Bob", ssl_context=ssl)
    carol = await paired("15550009023", push_name="Carol", ssl_context=ssl)
    bob_log, carol_log = EventLog(bob, Message), EventLog(carol, Message)
    await alice.post_status("out for lunch", [bob.own_jid.to_non_ad()])
    (post,) = await bob_log.wait_for(Message)
    assert (post.text, str(post.info.chat), post.info.sender.user) == (
        "out for lunch",
        "status@broadcast",
        alice.own_jid.user,
    )
    await alice.post_status_image(JPEG, [bob.own_jid.to_non_ad(), carol.own_jid.to_non_ad()], caption="view")
    image = (await bob_log.wait_for(Message, 2))[1]
    assert image.media is not None and image.text == "view"
    (only,) = await carol_log.wait_for(Message)
    assert only.text == "view"  # carol never got the first post
    with pytest.raises(ValueError):
        await alice.post_status("nobody", [])
