"""One-time prekeys: uploaded at login when the server holds too few, topped up when it runs low."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import PairedClient
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


def _server_prekeys(server: FakeServer, phone: str, device: int) -> int:
    keys = server.core.accounts.require(phone).devices[device].keys
    assert keys is not None
    return len(keys.prekeys)


async def test_prekeys_uploaded_at_login_and_topped_up_when_low(
    server: FakeServer, paired: PairedClient
) -> None:
    alice = await paired("15550301", prekey_upload_count=6, min_prekeys_on_server=5)
    device = alice.own_jid.device
    assert _server_prekeys(server, "15550301", device) == 6
    # Peers starting sessions with alice each take one prekey; at 4 the server notifies her.
    for index in range(2):
        peer = await paired(f"1555031{index}")
        await peer.send_text(alice.own_jid.to_non_ad(), f"hi {index}")
    # The client marks the batch uploaded when the server's answer arrives.
    with anyio.fail_after(10):
        while _server_prekeys(server, "15550301", device) < 10 or await alice.store.count_prekeys(
            uploaded=False
        ):
            await anyio.sleep(0.01)
    assert _server_prekeys(server, "15550301", device) == 10  # 4 left + 6 uploaded
    credentials = await alice.store.get_credentials()
    assert credentials is not None and credentials.next_prekey_id == 13
