"""The LTHash ("WhatsApp Patch Integrity"): an order-free summary of a collection's value MACs.

The state is 128 bytes read as 64 little-endian 16-bit lanes. Adding a value MAC adds its
128-byte HKDF expansion lane by lane modulo 2**16; removing subtracts it. Because addition
commutes, the phone and every companion reach the same state from the same set of records
whatever order they applied them in, and the snapshot MAC signs that state.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from waproto.crypto import hkdf

__all__ = ["LTHASH_SIZE", "ZERO_LTHASH", "lthash_update"]

LTHASH_SIZE = 128
ZERO_LTHASH = bytes(LTHASH_SIZE)
"""The state of an empty collection (version 0)."""

_INFO = b"WhatsApp Patch Integrity"
_LANES = struct.Struct("<64H")


def _expand(value_mac: bytes) -> tuple[int, ...]:
    return _LANES.unpack(hkdf(value_mac, LTHASH_SIZE, info=_INFO))


def lthash_update(state: bytes, removed: Iterable[bytes], added: Iterable[bytes]) -> bytes:
    """Return ``state`` minus every MAC in ``removed``, plus every MAC in ``added``."""
    if len(state) != LTHASH_SIZE:
        raise ValueError(f"an LTHash state is {LTHASH_SIZE} bytes, not {len(state)}")
    lanes = list(_LANES.unpack(state))
    for mac in removed:
        lanes = [(a - b) & 0xFFFF for a, b in zip(lanes, _expand(mac), strict=True)]
    for mac in added:
        lanes = [(a + b) & 0xFFFF for a, b in zip(lanes, _expand(mac), strict=True)]
    return _LANES.pack(*lanes)
