"""Baileys, an independent client, pairs with the FakeServer and chats through it.

Two Baileys instances each pair with an account through a QR scan, restart
after 515, reach ``connection: open`` and exchange text messages both ways,
1:1 and in a group created through the server's ``w:g2`` iq. Run for Baileys
6.17.16 (CommonJS, dictionary v2) and 7.0.0-rc14 (ES module, dictionary v3,
which verifies the certificate chain against the root key the driver sets).
"""

from __future__ import annotations

import pytest

from tests.interop.baileys.conftest import Driver, interop_server

pytestmark = [pytest.mark.interop, pytest.mark.slow, pytest.mark.anyio]

PHONE_A = "15551230001"
PHONE_B = "15551230002"


async def test_pair_and_chat(baileys: tuple[str, Driver]) -> None:
    version, call = baileys
    # Baileys 6 gets WhatsApp before LIDs (phone-number groups; conftest.interop_server).
    async with interop_server(version) as server:
        # 7.x verifies the chain against WA_CERT_DETAILS.PUBLIC_KEY; 6.x checks only the serial.
        root = server.root_public_key.hex() if version == "v7" else None
        for name, phone in (("a", PHONE_A), ("b", PHONE_B)):
            server.create_account(phone)
            await call("start", name=name, url=server.ws_url, root=root, media_host=server.media_host)
            qr = (await call("wait_qr", name=name))["qr"]
            server.scan_qr(phone, qr)
            me = (await call("wait_open", name=name))["me"]
            assert me["id"].split(":")[0] == phone

        jid_a, jid_b = f"{PHONE_A}@s.whatsapp.net", f"{PHONE_B}@s.whatsapp.net"
        await call("send_text", name="a", jid=jid_b, text="hello b")
        got = await call("wait_text", name="b", text="hello b")
        assert got["remoteJid"].split("@")[0].split(":")[0] in (
            PHONE_A,
            server.core.accounts.require(PHONE_A).lid_user,
        )
        await call("send_text", name="b", jid=jid_a, text="hello a")
        await call("wait_text", name="a", text="hello a")

        group = await call("group_create", name="a", subject="interop", participants=[jid_b])
        assert group["group"].endswith("@g.us")
        await call("send_text", name="a", jid=group["group"], text="hello group")
        got = await call("wait_text", name="b", text="hello group")
        assert got["remoteJid"] == group["group"]
        await call("send_text", name="b", jid=group["group"], text="hi from b")
        await call("wait_text", name="a", text="hi from b")
        for name in ("a", "b"):
            await call("stop", name=name)
