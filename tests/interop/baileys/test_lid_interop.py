"""LID addressing between waproto and Baileys 7 (LID-native) through the FakeServer (issue 12).

Baileys 7 keys sessions by LID once it knows a mapping and migrates PN sessions
when it learns one, as waproto does. These tests prove the two agree: Baileys
writing to waproto's LID, and sessions first built on phone numbers (the server's
``lid_hints`` off, like WhatsApp before LIDs) that both sides then move to the LID
without a decryption failure on either side.
"""

from __future__ import annotations

import pytest

from tests.integration.client.conftest import EventLog, client_config, pair_by_qr
from tests.interop.baileys.conftest import Driver
from waproto import JID, Client, Message
from waproto.events import UndecryptableMessage
from waproto.store import MemoryStore
from waproto.testing import FakeServer, FakeServerConfig

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

OURS = "15552350001"
THEIRS = "15552350002"


async def _start(server: FakeServer, call: Driver) -> tuple[Client, JID]:
    """Pair Baileys ("b") and a waproto client; return the client and Baileys' device JID."""
    server.create_account(OURS)
    server.create_account(THEIRS)
    await call("start", name="b", url=server.ws_url, root=server.root_public_key.hex())
    server.scan_qr(THEIRS, (await call("wait_qr", name="b"))["qr"])
    me = (await call("wait_open", name="b"))["me"]
    # Default config: written to the LID once known (whatsmeow's way).
    client = Client(MemoryStore(), config=client_config(server))
    await pair_by_qr(server, client, OURS)
    return client, JID.parse(me["id"])


async def test_baileys_writes_to_our_lid_and_we_answer_the_lid(baileys7: Driver) -> None:
    call = baileys7
    async with FakeServer(FakeServerConfig(control=False)) as server:
        client, _ = await _start(server, call)
        try:
            log = EventLog(client, Message, UndecryptableMessage)
            our_lid = server.core.accounts.require(OURS).lid
            their = server.core.accounts.require(THEIRS)
            for round_ in range(2):
                await call("send_text", name="b", jid=str(our_lid), text=f"to your lid {round_}")
                got = (await log.wait_for(Message, round_ + 1))[-1]
                assert got.text == f"to your lid {round_}"
                assert got.info.chat == their.lid and got.info.sender.user == their.lid_user
                assert got.info.sender_alt is not None and got.info.sender_alt.user == THEIRS
                assert got.info.chat_alt == their.jid
                await client.send_text(got.info.chat, f"back to your lid {round_}")
                back = await call("wait_text", name="b", text=f"back to your lid {round_}")
                assert back["remoteJid"] == str(our_lid)
            assert not log.of(UndecryptableMessage)
            assert (await call("failures", name="b"))["failures"] == []
        finally:
            await client.aclose()
            await call("stop", name="b")


async def test_sessions_built_on_numbers_move_to_lids_on_both_sides(baileys7: Driver) -> None:
    call = baileys7
    async with FakeServer(FakeServerConfig(control=False)) as server:
        server.core.lid_hints = False  # WhatsApp before LIDs: no sender_lid, no usync lid
        client, their_device = await _start(server, call)
        try:
            log = EventLog(client, Message, UndecryptableMessage)
            ours, theirs = f"{OURS}@s.whatsapp.net", f"{THEIRS}@s.whatsapp.net"
            their = server.core.accounts.require(THEIRS)

            async def exchange(tag: str, *, we_first: bool) -> str:
                """One message each way; returns the chat Baileys saw ours in."""
                count = len(log.of(Message))
                if we_first:
                    await client.send_text(theirs, f"w{tag}")
                    seen = await call("wait_text", name="b", text=f"w{tag}")
                await call("send_text", name="b", jid=ours, text=f"b{tag}")
                assert (await log.wait_for(Message, count + 1))[-1].text == f"b{tag}"
                if not we_first:
                    await client.send_text(theirs, f"w{tag}")
                    seen = await call("wait_text", name="b", text=f"w{tag}")
                return str(seen["remoteJid"])

            assert await exchange("0", we_first=True) == ours
            assert await exchange("1", we_first=False) == ours
            pn_address = f"{THEIRS}.{their_device.device}"
            lid_address = f"{their.lid_user}_1.{their_device.device}"
            assert await client.store.get_session(pn_address) is not None  # built on the number
            assert await client.lids.lids_for([THEIRS]) == {}

            server.core.lid_hints = True  # the server starts telling LIDs
            # Our next message carries sender_lid: Baileys learns our LID and moves its session;
            # its answer carries sender_lid: we learn its LID and move ours.
            assert await exchange("2", we_first=True) == ours
            # From then on we write to Baileys' LID, and it finds its moved session.
            lid = str(server.core.accounts.require(OURS).lid)
            assert await exchange("3", we_first=False) == lid
            assert await exchange("4", we_first=True) == lid
            assert await client.lids.lids_for([THEIRS]) == {THEIRS: their.lid_user}
            assert await client.store.get_session(pn_address) is None
            assert await client.store.get_session(lid_address) is not None
            assert not log.of(UndecryptableMessage), "a migrated session failed to decrypt here"
            failures = (await call("failures", name="b"))["failures"]
            assert failures == [], f"Baileys failed to decrypt: {failures}"
        finally:
            await client.aclose()
            await call("stop", name="b")


async def test_baileys_learns_our_new_device_from_the_devices_notification(baileys7: Driver) -> None:
    """A second waproto companion links after Baileys cached our device list; the server's
    ``<notification type=devices>`` (with LIDs) makes Baileys 7 add it (messages-recv
    ``handleDevicesNotification``), so Baileys' next message reaches the new device too."""
    call = baileys7
    async with FakeServer(FakeServerConfig(control=False)) as server:
        client, _ = await _start(server, call)
        second = Client(MemoryStore(), config=client_config(server))
        try:
            log = EventLog(client, Message)
            await call("send_text", name="b", jid=f"{OURS}@s.whatsapp.net", text="before")
            await log.wait_for(Message)
            await client.send_text(f"{THEIRS}@s.whatsapp.net", "a 1:1 peer now")
            await call("wait_text", name="b", text="a 1:1 peer now")
            second_log = EventLog(second, Message, UndecryptableMessage)
            await pair_by_qr(server, second, OURS)
            await call("send_text", name="b", jid=f"{OURS}@s.whatsapp.net", text="after")
            (got,) = await second_log.wait_for(Message, timeout=20)
            assert got.text == "after" and not second_log.of(UndecryptableMessage)
            assert (await call("failures", name="b"))["failures"] == []
        finally:
            await second.aclose()
            await client.aclose()
            await call("stop", name="b")
