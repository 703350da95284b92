"""The FakeServer's phones send media to clients and answer media-retry requests for expired blobs."""

from __future__ import annotations

import base64
import json
import os
import urllib.request

import anyio
import pytest

from tests.integration.client.conftest import EventLog, PairedClient
from waproto import Message
from waproto.errors import MediaExpired
from waproto.media.message import MediaKind
from waproto.testing import FakeServer, Fault, FaultKind

pytestmark = pytest.mark.anyio

PHONE = "15559300001"


async def test_phone_sends_media_and_reuploads_after_expiry(server: FakeServer, paired: PairedClient) -> None:
    client = await paired("15559300002", ssl_context=server.test_ca.client_context())
    server.create_account(PHONE)
    log = EventLog(client, Message)
    data = b"%PDF-1.7\n" + os.urandom(40_000)
    message_id = server.send_media(
        PHONE,
        str(client.own_jid.to_non_ad()),
        data,
        kind="document",
        filename="invoice.pdf",
        caption="your invoice",
    )
    (event,) = await log.wait_for(Message, 1)
    assert event.info.id == message_id and event.info.sender.user == PHONE
    media = event.media
    assert media is not None
    assert (media.kind, media.filename, media.caption, media.mimetype, media.size) == (
        MediaKind.DOCUMENT,
        "invoice.pdf",
        "your invoice",
        "application/pdf",
        len(data),
    )
    assert await client.download_media(event) == data

    # The blob expires; download_media asks the phone to re-upload and fetches the new path.
    server.fault(Fault(FaultKind.MEDIA_EXPIRED, code=410))
    assert await client.download_media(event) == data
    # The same for a streamed download: the retry happens before the first chunk.
    server.fault(Fault(FaultKind.MEDIA_EXPIRED, code=404))
    assert b"".join([chunk async for chunk in client.iter_media(event)]) == data
    # The proto alone carries no message key: no retry, the expiry surfaces.
    server.fault(Fault(FaultKind.MEDIA_EXPIRED, code=404))
    with pytest.raises(MediaExpired):
        await client.download_media(event.message)


async def test_media_the_phone_never_had_fails_with_media_expired(
    server: FakeServer, paired: PairedClient
) -> None:
    ssl = server.test_ca.client_context()
    alice, bob = await paired("15559300003", ssl_context=ssl), await paired("15559300004", ssl_context=ssl)
    log = EventLog(bob, Message)
    await alice.send_image(bob.own_jid.to_non_ad(), b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    (event,) = await log.wait_for(Message, 1)
    server.fault(Fault(FaultKind.MEDIA_EXPIRED, code=404))
    with pytest.raises(MediaExpired) as info:
        await bob.download_media(event)
    assert info.value.status == 2  # the phone answered <error code=2>: not on the phone


async def test_control_api_sends_media_as_a_phone(server: FakeServer, paired: PairedClient) -> None:
    client = await paired("15559300005", ssl_context=server.test_ca.client_context())
    server.create_account(PHONE)
    log = EventLog(client, Message)
    body = json.dumps(
        {
            "from": PHONE,
            "to": str(client.own_jid.to_non_ad()),
            "kind": "audio",
            "ptt": True,
            "data": base64.b64encode(b"OggS voice").decode(),
        }
    ).encode()
    assert server.control_url is not None
    request = urllib.request.Request(server.control_url + "/control/send-media", data=body, method="POST")
    reply = await anyio.to_thread.run_sync(lambda: urllib.request.urlopen(request, timeout=10).read())
    message_id = json.loads(reply)["id"]
    (event,) = await log.wait_for(Message, 1)
    assert event.info.id == message_id
    assert event.media is not None and event.media.ptt and event.media.mimetype == "audio/ogg; codecs=opus"
    assert await client.download_media(event) == b"OggS voice"
