"""Fixtures for tests that drive Baileys (6.17.16 and 7.0.0-rc14) against the FakeServer.

One Node process per Baileys version serves every test of the session
(``baileys6``, ``baileys7``, ``baileys``): each test starts its own named peers
and stops them at its end.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import pytest

from tests.interop.conftest import NodePeer, npm_install
from waproto.testing import FakeServer, FakeServerConfig
from waproto.transport.testcerts import TestCA, make_test_ca

HERE = Path(__file__).resolve().parent
#: One test CA for every interop run: Node reads NODE_EXTRA_CA_CERTS only at start, so a
#: FakeServer whose media host Baileys must trust is made with ``test_ca=INTEROP_CA``.
INTEROP_CA: TestCA = make_test_ca()


def interop_server(version: str, **config: Any) -> FakeServer:
    """A FakeServer of the WhatsApp a Baileys version was written for, whose phones behave like real ones.

    Baileys 7 gets today's LID-addressed WhatsApp. Baileys 6 predates LIDs (it cannot decrypt
    a message from a LID, nor send in LID groups), so its server is WhatsApp before LIDs:
    no LID hints in stanzas or usync, phone-number groups. Each phone shares its app-state
    key and sends history (blobs on a media host Node trusts through :data:`INTEROP_CA`; the
    driver sends Baileys' ``mmg.whatsapp.net`` requests there), so Baileys 6, which holds
    every event back until it has a key, needs no placeholder.
    """
    era: dict[str, Any] = {} if version == "v7" else {"lid_hints": False, "group_addressing": "pn"}
    return FakeServer(
        FakeServerConfig(control=False, **{**era, **config}), test_ca=INTEROP_CA
    )


class Driver:
    """Async wrapper over the Node driver (its calls block, so they run in a thread)."""

    def __init__(self, peer: NodePeer) -> None:
        self.peer = peer

    async def __call__(self, cmd: str, **args: Any) -> dict[str, Any]:
        return await anyio.to_thread.run_sync(partial(self.peer.call, cmd, **args))


@pytest.fixture(scope="session")
def interop_ca_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:data:`INTEROP_CA`'s certificate as a PEM file, for NODE_EXTRA_CA_CERTS."""
    return INTEROP_CA.write_ca_pem(tmp_path_factory.mktemp("interop-ca") / "ca.pem")


def start_driver(version: str, ca_file: Path) -> NodePeer:
    """A Node process running the driver next to Baileys ``version``, trusting the interop CA."""
    install = npm_install(HERE / version)
    shutil.copyfile(HERE / "driver.mjs", install / "driver.mjs")
    return NodePeer(install / "driver.mjs", install, timeout=90, env={"NODE_EXTRA_CA_CERTS": str(ca_file)})


def _serve(version: str, ca_file: Path) -> Iterator[Driver]:
    peer = start_driver(version, ca_file)
    try:
        yield Driver(peer)
    finally:
        print(peer.stderr)  # shown by pytest only when the test fails
        peer.close()


@pytest.fixture(scope="session")
def baileys6(interop_ca_file: Path) -> Iterator[Driver]:
    yield from _serve("v6", interop_ca_file)


@pytest.fixture(scope="session")
def baileys7(interop_ca_file: Path) -> Iterator[Driver]:
    yield from _serve("v7", interop_ca_file)


@pytest.fixture(params=["v6", "v7"])
def baileys(request: pytest.FixtureRequest) -> tuple[str, Driver]:
    version: str = request.param
    return version, request.getfixturevalue(f"baileys{version[1]}")
