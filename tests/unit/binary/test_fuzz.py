"""Random and mutated payloads: the decoder raises DecodeError and nothing else."""

from __future__ import annotations

import random
import zlib

from tests.unit.binary.stanzas import iq_result_stanza, message_stanza, receipt_stanza
from waproto.binary import DICT_VERSIONS, DecodeLimits, Node, decode_node, encode_node
from waproto.errors import DecodeError

PAYLOADS = 100_000
# Small limits so the limit paths are hit too; the default ones are exercised elsewhere.
LIMITS = DecodeLimits(max_depth=8, max_nodes=200, max_children=50, max_inflated_size=1 << 16)


def _seeds(dict_version: int) -> list[bytes]:
    nodes = [
        message_stanza(),
        receipt_stanza(),
        iq_result_stanza(),
        Node("iq", {"to": "555:2@hosted", "from": "100012345:1@msgr", "x": "777:3@interop"}),
        Node("t", {"v": "-1.5", "h": "DEADBEEF1"}, "1712345678"),
        Node("enc", {}, bytes(300)),
    ]
    return [encode_node(node, dict_version=dict_version) for node in nodes]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        pos = rng.randrange(len(buf) + 1)
        if choice < 0.35 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif choice < 0.5:
            buf.insert(
                pos, rng.choice((0, 0xF8, 0xF9, 0xFA, 0xF7, 0xFC, 0xFD, 0xFE, 0xFF, rng.randrange(256)))
            )
        elif choice < 0.65 and len(buf) > 1:
            del buf[min(pos, len(buf) - 1)]
        elif choice < 0.8:
            del buf[pos:]
        else:
            start = rng.randrange(len(buf) + 1)
            buf[pos:pos] = buf[start : start + rng.randint(1, 16)]
    return bytes(buf)


def _payload(rng: random.Random, seeds: list[bytes]) -> bytes:
    roll = rng.random()
    if roll < 0.1:
        return rng.randbytes(rng.randrange(40))
    mutated = _mutate(rng, rng.choice(seeds))
    if roll < 0.15:
        return b"\x02" + zlib.compress(mutated[1:])
    if roll < 0.18:
        return b"\x02" + _mutate(rng, zlib.compress(mutated[1:]))
    return mutated


def test_fuzz_only_decode_error() -> None:
    rng = random.Random(0x5EED)
    per_version = PAYLOADS // len(DICT_VERSIONS)
    outcomes = {"ok": 0, "error": 0}
    for version in DICT_VERSIONS:
        seeds = _seeds(version)
        for _ in range(per_version):
            payload = _payload(rng, seeds)
            try:
                decode_node(payload, dict_version=version, limits=LIMITS)
            except DecodeError:
                outcomes["error"] += 1
            else:
                outcomes["ok"] += 1
    assert outcomes["ok"] + outcomes["error"] == PAYLOADS
    assert outcomes["ok"] > 0 and outcomes["error"] > 0
