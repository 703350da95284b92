"""A token-by-token Noise XX run on our SymmetricState, used as the reference in tests.

The standard vectors pin it; WhatsApp's rule (no payload, no hash of one, in the
first message) is a flag, so the WA classes can be compared with it byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from waproto.crypto import KeyPair, agree
from waproto.noise import NoiseTransport, SymmetricState


@dataclass
class XXRun:
    """The three handshake messages as raw Noise bytes, plus what both sides ended with."""

    messages: list[bytes]
    received_payloads: list[bytes]
    initiator_hash: bytes
    responder_hash: bytes
    initiator: NoiseTransport
    responder: NoiseTransport


def run_xx(
    *,
    prologue: bytes,
    init_static: KeyPair,
    init_ephemeral: KeyPair,
    resp_static: KeyPair,
    resp_ephemeral: KeyPair,
    payloads: list[bytes | None],
) -> XXRun:
    """Run e / e,ee,s,es / s,se; a ``None`` first payload follows WhatsApp (nothing hashed)."""
    init, resp = SymmetricState(prologue=prologue), SymmetricState(prologue=prologue)
    received: list[bytes] = []

    # -> e
    init.mix_hash(init_ephemeral.public)
    first = init_ephemeral.public
    if payloads[0] is not None:
        first += init.encrypt_and_hash(payloads[0])
    resp.mix_hash(first[:32])
    if payloads[0] is not None:
        received.append(resp.decrypt_and_hash(first[32:]))

    # <- e, ee, s, es
    resp.mix_hash(resp_ephemeral.public)
    resp.mix_key(agree(resp_ephemeral.private, init_ephemeral.public))
    second = resp_ephemeral.public + resp.encrypt_and_hash(resp_static.public)
    resp.mix_key(agree(resp_static.private, init_ephemeral.public))
    second += resp.encrypt_and_hash(payloads[1] or b"")
    remote_e = second[:32]
    init.mix_hash(remote_e)
    init.mix_key(agree(init_ephemeral.private, remote_e))
    remote_s = init.decrypt_and_hash(second[32:80])
    init.mix_key(agree(init_ephemeral.private, remote_s))
    received.append(init.decrypt_and_hash(second[80:]))

    # -> s, se
    third = init.encrypt_and_hash(init_static.public)
    init.mix_key(agree(init_static.private, remote_e))
    third += init.encrypt_and_hash(payloads[2] or b"")
    client_s = resp.decrypt_and_hash(third[:48])
    resp.mix_key(agree(resp_ephemeral.private, client_s))
    received.append(resp.decrypt_and_hash(third[48:]))

    return XXRun(
        messages=[first, second, third],
        received_payloads=received,
        initiator_hash=init.h,
        responder_hash=resp.h,
        initiator=init.split(initiator=True),
        responder=resp.split(initiator=False),
    )
