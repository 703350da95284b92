"""A deterministic Signal conversation stored in a SQLiteStore, for the crash test.

Run as ``python -m tests.unit.store.ratchet_burst DB``: the process advances the
ratchets of two devices ("alice" and "bob", one database) one transaction per
round trip and prints each committed step number, until it is killed. Randomness
is derived from the step number, so :func:`replay` recomputes the exact records
of any committed step.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable

import anyio

from waproto.crypto import keypair_from_private
from waproto.signal import (
    PreKeyBundle,
    SessionRecord,
    decrypt_message,
    decrypt_prekey_message,
    encrypt_message,
    generate_prekeys,
    generate_signed_prekey,
    initiate_session,
)
from waproto.store import SQLiteStore

ALICE_ADDRESS = "alice.0"
BOB_ADDRESS = "bob.0"
CHAT = "alice@s.whatsapp.net"


def rng(label: str) -> Callable[[int], bytes]:
    """A deterministic random source for one labelled draw."""
    counter = 0

    def random(n: int) -> bytes:
        nonlocal counter
        out = b""
        while len(out) < n:
            counter += 1
            out += hashlib.sha256(f"{label}/{counter}".encode()).digest()
        return out[:n]

    return random


def initial_records() -> tuple[bytes, bytes]:
    """Alice's record for bob.0 and Bob's for alice.0 after one pkmsg and one reply."""
    alice_identity = keypair_from_private(rng("alice-identity")(32))
    bob_identity = keypair_from_private(rng("bob-identity")(32))
    signed = generate_signed_prekey(bob_identity, 1, rng("bob-signed"))
    (one_time,) = generate_prekeys(1, 1, rng("bob-prekey"))
    bundle = PreKeyBundle(
        registration_id=2,
        identity_key=bob_identity.public,
        signed_prekey_id=signed.key_id,
        signed_prekey_public=signed.key_pair.public,
        signed_prekey_signature=signed.signature,
        prekey_id=one_time.key_id,
        prekey_public=one_time.key_pair.public,
    )
    alice = initiate_session(None, alice_identity, 1, bundle, random=rng("alice-init"))
    alice, first = encrypt_message(alice, b"hello")
    assert first.type == "pkmsg"
    received = decrypt_prekey_message(
        None, bob_identity, signed, one_time, first.serialized, random=rng("bob-init")
    )
    assert received.plaintext == b"hello"
    bob, reply = encrypt_message(received.record, b"hi")
    alice, plaintext = decrypt_message(alice, reply.serialized, random=rng("alice-first"))
    assert plaintext == b"hi"
    return alice.serialize(), bob.serialize()


def advance(alice: bytes, bob: bytes, step: int) -> tuple[bytes, bytes]:
    """One round trip (both ratchets step); raises if either side cannot decrypt."""
    a = SessionRecord.deserialize(alice)
    b = SessionRecord.deserialize(bob)
    a, out = encrypt_message(a, f"ping {step}".encode())
    b, plaintext = decrypt_message(b, out.serialized, random=rng(f"bob/{step}"))
    assert plaintext == f"ping {step}".encode(), plaintext
    b, back = encrypt_message(b, f"pong {step}".encode())
    a, plaintext = decrypt_message(a, back.serialized, random=rng(f"alice/{step}"))
    assert plaintext == f"pong {step}".encode(), plaintext
    return a.serialize(), b.serialize()


async def commit_step(store: SQLiteStore, step: int) -> None:
    """Advance from the stored records and commit step ``step`` in one transaction."""
    alice, bob = store.device("alice"), store.device("bob")
    async with store.transaction():
        a, b = await alice.get_session(BOB_ADDRESS), await bob.get_session(ALICE_ADDRESS)
        assert a is not None and b is not None
        a, b = advance(a, b, step)
        await alice.put_session(BOB_ADDRESS, a)
        await bob.put_session(ALICE_ADDRESS, b)
        await bob.mark_processed(CHAT, ALICE_ADDRESS, f"m{step}", at=float(step))
        await alice.put("burst", "step", str(step).encode())


class _Abandoned(Exception):
    pass


async def burst(path: str) -> None:
    """Commit steps forever, with an abandoned garbage-writing transaction every fifth step."""
    async with SQLiteStore.open(path) as store:
        step = int(await store.device("alice").get("burst", "step") or b"0")
        while True:
            step += 1
            if step % 5 == 0:
                try:
                    async with store.transaction():
                        await store.device("alice").put_session(BOB_ADDRESS, b"torn" * 500)
                        await store.device("bob").put_session(ALICE_ADDRESS, b"torn" * 500)
                        raise _Abandoned
                except _Abandoned:
                    pass
            await commit_step(store, step)
            print(step, flush=True)


if __name__ == "__main__":
    anyio.run(burst, sys.argv[1])
