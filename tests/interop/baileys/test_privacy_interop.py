"""Privacy tokens between waproto and Baileys 7 through the FakeServer.

The waproto account requires a token for 1:1 messages (WhatsApp's 463 otherwise).
Once waproto wrote to Baileys it has issued its ``trusted_contact`` token, the
server handed it to Baileys in a ``privacy_token`` notification, and Baileys'
reply carries it (without it the reply would be refused). The other way round,
Baileys issues its token after its sends and waproto's next message carries it.
"""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.integration.client.test_privacy_tokens import sent_messages
from tests.interop.baileys.conftest import Driver
from waproto import JID, Client, Message
from waproto.messaging.privacy import PrivacyTokens
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS = "15552360001"
THEIRS = "15552360002"


async def test_tokens_flow_both_ways_with_baileys7(baileys7: Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    call = baileys7
    async with FakeServer(FakeServerConfig(control=False)) as server:
        server.create_account(OURS, require_privacy_token=True)
        server.create_account(THEIRS)
        await call("start", name="b", url=server.ws_url, root=server.root_public_key.hex())
        server.scan_qr(THEIRS, (await call("wait_qr", name="b"))["qr"])
        await call("wait_open", name="b")
        client = Client(MemoryStore(), config=client_config(server))
        await pair_by_qr(server, client, OURS)
        ours, theirs = f"{OURS}@s.whatsapp.net", f"{THEIRS}@s.whatsapp.net"
        try:
            log = EventLog(client, Message)
            sends = sent_messages(monkeypatch, client)
            # waproto writes first (Baileys' account takes anyone) and then issues its token.
            await client.send_text(theirs, "hello baileys")
            await call("wait_text", name="b", text="hello baileys")
            # Baileys kept our token from the privacy_token notification: its reply gets through
            # to an account that refuses 1:1 messages without one.
            await call("send_text", name="b", jid=ours, text="hello waproto")
            assert [m.text for m in await log.wait_for(Message)] == ["hello waproto"]
            # Baileys issued its token after its send; our next message carries it.
            await stored_token(client, JID.parse(theirs))
            await client.send_text(theirs, "with your token")
            await call("wait_text", name="b", text="with your token")
            assert sends[-1].get_child("tctoken") is not None and sends[0].get_child("tctoken") is None
        finally:
            await client.aclose()
            await call("stop", name="b")


async def stored_token(holder: Client, contact: JID) -> None:
    """Wait (bounded) until ``holder`` keeps a token from ``contact``."""
    with anyio.fail_after(10):
        while not (await PrivacyTokens(holder.store, holder.lids).get(contact)).token:
            await anyio.sleep(0.05)
