"""Shared helpers for the Signal tests: pinned randomness and two-party setups."""

from __future__ import annotations

import random as _random
from collections.abc import Callable, Iterable

from waproto.crypto import KeyPair, generate_keypair, serialize_public
from waproto.signal import PreKey, PreKeyBundle, SignedPreKey, generate_prekeys, generate_signed_prekey


class KeyQueue:
    """A random source that hands out fixed 32-byte private keys in order (like the pinned transcript)."""

    def __init__(self, privates: Iterable[bytes]) -> None:
        self._queue = list(privates)

    def __call__(self, n: int) -> bytes:
        assert n == 32, f"unexpected draw of {n} bytes"
        return self._queue.pop(0)

    @property
    def remaining(self) -> int:
        return len(self._queue)


def seeded(seed: int) -> Callable[[int], bytes]:
    """A deterministic random source for tests."""
    rng = _random.Random(seed)
    return rng.randbytes


class Party:
    """One Signal device in a test: identity, registration id, prekeys."""

    def __init__(self, seed: int, registration_id: int) -> None:
        self.random = seeded(seed)
        self.identity: KeyPair = generate_keypair(self.random)
        self.registration_id = registration_id
        self.signed_prekey: SignedPreKey = generate_signed_prekey(self.identity, 1, self.random)
        self.prekeys: dict[int, PreKey] = {k.key_id: k for k in generate_prekeys(100, 5, self.random)}

    def bundle(self, prekey_id: int | None = 100) -> PreKeyBundle:
        prekey = self.prekeys[prekey_id] if prekey_id is not None else None
        return PreKeyBundle(
            registration_id=self.registration_id,
            identity_key=serialize_public(self.identity.public),
            signed_prekey_id=self.signed_prekey.key_id,
            signed_prekey_public=self.signed_prekey.key_pair.public,
            signed_prekey_signature=self.signed_prekey.signature,
            prekey_id=prekey_id,
            prekey_public=prekey.key_pair.public if prekey else None,
        )
