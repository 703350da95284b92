"""A WhatsApp-like server on loopback, for tests of waproto and of any other client.

``async with FakeServer() as server:`` serves the real protocol (Noise with
its own root key, binary nodes, login and QR / link-code pairing through a
simulated phone, prekeys, usync, groups, message routing with offline
queues and receipts, faults on command) on ``server.ws_url``, plus a JSON
control API on ``server.control_url``. The library never imports this package.
"""

from __future__ import annotations

from waproto.testing.accounts import Account, Device, Phone
from waproto.testing.cli import cli_main
from waproto.testing.config import FakeServerConfig
from waproto.testing.core import ProvisionedDevice, ServerCore
from waproto.testing.faults import Fault, FaultKind
from waproto.testing.provision import provision_store_device
from waproto.testing.server import FakeServer

__all__ = [
    "Account",
    "Device",
    "FakeServer",
    "FakeServerConfig",
    "Fault",
    "FaultKind",
    "Phone",
    "ProvisionedDevice",
    "ServerCore",
    "cli_main",
    "provision_store_device",
]
