"""One-time prekeys: uploaded at login when the server holds too few, topped up when it runs low."""

from __future__ import annotations

import anyio
import pytest

from tests.integration.client.conftest import PairedClient
from waproto.testing import FakeServer

pytestmark = pytest.mark.anyio


def _server_prekey_ids(server: FakeServer, phone: str, device: int) -> list[int]:
    keys = server.core.accounts.require(phone).devices[device].keys
    assert keys is not None
    return sorted(keys.prekeys)


def _server_prekeys(server: FakeServer, phone: str, device: int) -> int:
    return len(_server_prekey_ids(server, phone, device))


async def test_prekeys_uploaded_at_login_and_topped_up_when_low(
    server: FakeServer, paired: PairedClient
) -> None:
    alice = await paired("15550301", prekey_upload_count=6, min_prekeys_on_server=5)
    device = alice.own_jid.device
    # Six uploaded (ids 1-6); the phone's session to its new companion took the oldest, as
    # every device starting a session with alice does; at 4 left the server notifies her.
    assert _server_prekey_ids(server, "15550301", device) == [2, 3, 4, 5, 6]
    peer = await paired("15550310")
    await peer.send_text(alice.own_jid.to_non_ad(), "hi")
    # The client marks the batch uploaded when the server's answer arrives.
    with anyio.fail_after(10):
        while _server_prekeys(server, "15550301", device) < 10 or await alice.store.count_prekeys(
            uploaded=False
        ):
            await anyio.sleep(0.01)
    assert _server_prekeys(server, "15550301", device) == 10  # 4 left + 6 uploaded
    credentials = await alice.store.get_credentials()
    assert credentials is not None and credentials.next_prekey_id == 13
