"""Throughput of waproto.signal, and of libsignal-node in the same run when node is present.

Usage::

    python benchmarks/signal.py [--count 5000] [--group-count 5000] [--node-group-count 300] [--size 100]

Prints one JSON object: messages per second for 1:1 (encrypt + decrypt, the
direction flipping every 16 messages so ratchet steps are included) and for
group messages (encrypt + decrypt), for waproto and libsignal-node, with the
ratio waproto / node. Records stay in memory on both sides (no serialisation).
The Node side needs the cached install of ``tests/interop/node/package.json``
(the interop tests make it); without node it reports only waproto.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from typing import Any

import _path  # noqa: F401  (must come first: this file's name shadows the stdlib signal module)

from tests.unit.signal.helpers import Party
from waproto.signal import (
    SessionRecord,
    create_sender_key_distribution,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    group_decrypt,
    group_encrypt,
    initiate_session,
    process_sender_key_distribution,
)


def bench_pairwise(count: int, size: int) -> float:
    alice, bob = Party(1, 1), Party(2, 2)
    a = initiate_session(None, alice.identity, 1, bob.bundle(), random=os.urandom)
    a, first = encrypt_message(a, b"x")
    b: SessionRecord = decrypt_prekey_message(
        None, bob.identity, bob.signed_prekey, bob.prekeys[100], first.serialized
    ).record
    b, reply = encrypt_message(b, b"y")
    a, _ = decrypt_message(a, reply.serialized)
    payload = bytes(size)
    start = time.perf_counter()
    for i in range(count):
        if (i >> 4) % 2:
            b, out = encrypt_message(b, payload)
            a, _ = decrypt_message(a, out.serialized)
        else:
            a, out = encrypt_message(a, payload)
            b, _ = decrypt_message(b, out.serialized)
    return time.perf_counter() - start


def bench_group(count: int, size: int) -> float:
    own, skdm = create_sender_key_distribution(None)
    theirs = process_sender_key_distribution(None, skdm)
    payload = bytes(size)
    start = time.perf_counter()
    for _ in range(count):
        own, body = group_encrypt(own, payload)
        theirs, _ = group_decrypt(theirs, body)
    return time.perf_counter() - start


def node_figures(count: int, group_count: int, size: int) -> dict[str, Any] | None:
    """Run the same loops in libsignal-node, or None when node or the cached install is missing."""
    import shutil

    from tests.interop.conftest import NODE_DIR, NodePeer, npm_install

    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    peer = NodePeer(NODE_DIR / "signal_peer.js", npm_install(NODE_DIR), timeout=600)
    try:
        pairwise = peer.call("benchPairwise", count=count, size=size)["seconds"]
        group = peer.call("benchGroup", count=group_count, size=size)["seconds"]
    finally:
        peer.close()
    return {"pairwise_per_s": count / pairwise, "group_per_s": group_count / group}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--group-count", type=int, default=5000)
    parser.add_argument(
        "--node-group-count",
        type=int,
        default=300,
        help="Baileys' group cipher slows down quadratically (it skips an iteration per message "
        "and scans its kept keys), so its loop is shorter",
    )
    parser.add_argument("--size", type=int, default=100, help="plaintext bytes per message")
    args = parser.parse_args()
    ours = {
        "pairwise_per_s": args.count / bench_pairwise(args.count, args.size),
        "group_per_s": args.group_count / bench_group(args.group_count, args.size),
    }
    result: dict[str, Any] = {
        "python": platform.python_version(),
        "count": args.count,
        "group_count": args.group_count,
        "node_group_count": args.node_group_count,
        "size": args.size,
        "waproto": ours,
    }
    node = node_figures(args.count, args.node_group_count, args.size)
    if node is not None:
        result["libsignal_node"] = node
        result["ratio_waproto_over_node"] = {k: ours[k] / node[k] for k in ours}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
