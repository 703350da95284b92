"""Binary XML codec throughput on a realistic stanza mix; prints one JSON object.

The mix per round: a group message fanned out to 20 devices, a 1:1 message to 3 devices
with device-identity, delivery and read receipts, acks, a usync device-list result for 10
users and a ping result. Throughput is reported per stanza and per element (every node,
children included), and in MB/s of encoded payload.

Usage: ``python benchmarks/codec.py [--seconds 2] [--dict-version 3]``
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable

from waproto.binary import Node, decode_node, encode_node


def _ciphertext(size: int, salt: int) -> bytes:
    return bytes((salt + i * 7) & 0xFF for i in range(size))


def _fanout_message(msg_id: str, to: str, devices: list[str], *, identity: bool) -> Node:
    participants = [
        Node(
            "to",
            {"jid": jid},
            [Node("enc", {"v": "2", "type": "pkmsg" if n % 3 == 0 else "msg"}, _ciphertext(180, n))],
        )
        for n, jid in enumerate(devices)
    ]
    children = [Node("participants", {}, participants)]
    if identity:
        children.append(Node("device-identity", {}, _ciphertext(150, 99)))
    return Node("message", {"id": msg_id, "to": to, "type": "text", "phash": "2:k3Ml9A"}, children)


def _mix() -> list[Node]:
    group = _fanout_message(
        "3EB0A1B2C3D4E5F60718",
        "120363025246125888@g.us",
        [f"4915{100000 + k * 37}:{k % 4}@s.whatsapp.net" for k in range(20)],
        identity=False,
    )
    group.content = [*group.get_children(), Node("enc", {"v": "2", "type": "skmsg"}, _ciphertext(120, 7))]
    direct = _fanout_message(
        "3EB0FFEEDDCCBBAA9988",
        "15551234567@s.whatsapp.net",
        ["15551234567@s.whatsapp.net", "15551234567:2@s.whatsapp.net", "19998887777:5@s.whatsapp.net"],
        identity=True,
    )
    delivery = Node(
        "receipt",
        {"id": "3EB0A1B2C3D4E5F60718", "from": "123456789012345:3@lid", "t": "1712345678"},
    )
    read = Node(
        "receipt",
        {"id": "3EB0AAAA", "from": "15551234567@s.whatsapp.net", "type": "read", "t": "1712345679"},
        [Node("list", {}, [Node("item", {"id": f"3EB0{n:016X}"}) for n in range(5)])],
    )
    ack = Node(
        "ack", {"id": "3EB0AAAA", "class": "receipt", "type": "read", "to": "15551234567@s.whatsapp.net"}
    )
    usync_users = [
        Node(
            "user",
            {"jid": f"1555000{u:04d}@s.whatsapp.net"},
            [
                Node(
                    "devices",
                    {},
                    [
                        Node(
                            "device-list",
                            {},
                            [Node("device", {"id": str(d), "key-index": str(d * 2)}) for d in range(3)],
                        ),
                        Node("key-index-list", {"ts": "1712000000"}, _ciphertext(60, u)),
                    ],
                )
            ],
        )
        for u in range(10)
    ]
    usync = Node(
        "iq",
        {"from": "s.whatsapp.net", "type": "result", "id": "28901.12345-3"},
        [
            Node(
                "usync",
                {"sid": "28901.12345-2", "mode": "query", "last": "true", "index": "0"},
                [Node("list", {}, usync_users)],
            )
        ],
    )
    ping = Node("iq", {"from": "s.whatsapp.net", "type": "result", "id": "28901.12345-4"})
    return [group, direct, delivery, read, ack, ack, usync, ping]


def _count(node: Node) -> int:
    return 1 + sum(_count(child) for child in node.get_children())


def _measure(seconds: float, step: Callable[[], None]) -> tuple[int, float]:
    """Run ``step`` (one round of the mix) until ``seconds`` pass; return rounds and elapsed time."""
    rounds = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        step()
        rounds += 1
        now = time.perf_counter()
        if now >= deadline:
            return rounds, now - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per direction (s)")
    parser.add_argument("--dict-version", type=int, default=3, choices=(2, 3))
    args = parser.parse_args()
    version = args.dict_version

    nodes = _mix()
    payloads = [encode_node(node, dict_version=version) for node in nodes]
    for node, payload in zip(nodes, payloads, strict=True):
        decode_node(payload, dict_version=version)  # the mix must decode before it is timed
        assert _count(node) > 0
    round_bytes = sum(len(p) for p in payloads)
    round_elements = sum(_count(node) for node in nodes)

    def encode_round() -> None:
        for node in nodes:
            encode_node(node, dict_version=version)

    def decode_round() -> None:
        for payload in payloads:
            decode_node(payload, dict_version=version)

    result: dict[str, object] = {
        "benchmark": "codec",
        "python": platform.python_version(),
        "dict_version": version,
        "mix": {"stanzas": len(nodes), "elements": round_elements, "bytes": round_bytes},
    }
    for name, step in (("encode", encode_round), ("decode", decode_round)):
        rounds, elapsed = _measure(args.seconds, step)
        result[name] = {
            "stanzas_per_s": round(rounds * len(nodes) / elapsed),
            "elements_per_s": round(rounds * round_elements / elapsed),
            "mb_per_s": round(rounds * round_bytes / elapsed / 1e6, 2),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
