"""Pairing by code: Baileys' values reproduced, and companion and phone agree on the ADV secret."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from waproto.auth import (
    LINK_CODE_ALPHABET,
    companion_finish,
    format_link_code,
    generate_link_code,
    link_code_key,
    normalize_link_code,
    primary_finish,
    unwrap_ephemeral,
    wrap_ephemeral,
)
from waproto.crypto import keypair_from_private
from waproto.errors import PairingError


def _queue(*chunks: bytes) -> Callable[[int], bytes]:
    """A random source that hands out the given chunks in order, checking their sizes."""
    pending = list(chunks)

    def draw(n: int) -> bytes:
        chunk = pending.pop(0)
        assert len(chunk) == n
        return chunk

    return draw


def _key(vec: dict[str, Any], name: str) -> bytes:
    return bytes.fromhex(vec[name])


def test_code_from_bytes_matches_baileys(baileys: dict[str, Any]) -> None:
    vec = baileys["link_code"]
    code = generate_link_code(_queue(bytes.fromhex(vec["code_from_bytes_hex"])))
    assert code == vec["code"]


def test_pbkdf2_key_and_wrapping_match_baileys(baileys: dict[str, Any]) -> None:
    vec = baileys["link_code"]
    assert link_code_key(vec["code"], _key(vec, "salt")) == _key(vec, "pbkdf2_key")
    wrapped = wrap_ephemeral(
        vec["code"], _key(vec, "primary_ephemeral_public"), random=_queue(_key(vec, "salt"), _key(vec, "iv"))
    )
    assert wrapped == _key(vec, "wrapped_primary_ephemeral")
    assert unwrap_ephemeral(vec["code"], wrapped) == _key(vec, "primary_ephemeral_public")


def test_companion_finish_matches_baileys(baileys: dict[str, Any]) -> None:
    vec = baileys["link_code"]
    result = companion_finish(
        code=vec["code"],
        companion_ephemeral=keypair_from_private(_key(vec, "companion_ephemeral_private")),
        companion_identity=keypair_from_private(_key(vec, "companion_identity_private")),
        primary_identity_public=_key(vec, "primary_identity_public"),
        wrapped_primary_ephemeral=_key(vec, "wrapped_primary_ephemeral"),
        random=_queue(_key(vec, "adv_random"), _key(vec, "bundle_salt"), _key(vec, "bundle_iv")),
    )
    assert result.wrapped_key_bundle == _key(vec, "wrapped_key_bundle")
    assert result.adv_secret == _key(vec, "adv_secret")
    assert "secret" in repr(result) and vec["adv_secret"] not in repr(result)


def test_primary_side_derives_baileys_adv_secret(baileys: dict[str, Any]) -> None:
    vec = baileys["link_code"]
    companion_identity = keypair_from_private(_key(vec, "companion_identity_private"))
    adv_secret = primary_finish(
        primary_ephemeral=keypair_from_private(_key(vec, "primary_ephemeral_private")),
        primary_identity=keypair_from_private(_key(vec, "primary_identity_private")),
        companion_ephemeral_public=_key(vec, "companion_ephemeral_public"),
        companion_identity_public=companion_identity.public,
        wrapped_key_bundle=_key(vec, "wrapped_key_bundle"),
    )
    assert adv_secret == _key(vec, "adv_secret")


def _full_exchange(companion_code: str, phone_code: str) -> tuple[bytes, bytes]:
    """Run the whole flow with fresh keys; return (companion ADV secret, phone ADV secret)."""
    companion_eph = keypair_from_private(bytes([0x60]) * 32)
    companion_id = keypair_from_private(bytes([0x68]) * 32)
    phone_eph = keypair_from_private(bytes([0x70]) * 32)
    phone_id = keypair_from_private(bytes([0x78]) * 32)
    hello = wrap_ephemeral(companion_code, companion_eph.public)
    seen_companion_eph = unwrap_ephemeral(phone_code, hello)
    notification = wrap_ephemeral(phone_code, phone_eph.public)
    finish = companion_finish(
        code=companion_code,
        companion_ephemeral=companion_eph,
        companion_identity=companion_id,
        primary_identity_public=phone_id.public,
        wrapped_primary_ephemeral=notification,
    )
    phone_secret = primary_finish(
        primary_ephemeral=phone_eph,
        primary_identity=phone_id,
        companion_ephemeral_public=seen_companion_eph,
        companion_identity_public=companion_id.public,
        wrapped_key_bundle=finish.wrapped_key_bundle,
    )
    return finish.adv_secret, phone_secret


def test_companion_and_phone_agree() -> None:
    code = generate_link_code()
    companion_secret, phone_secret = _full_exchange(code, format_link_code(code).lower())
    assert companion_secret == phone_secret and len(companion_secret) == 32


def test_wrong_code_on_the_phone_fails() -> None:
    with pytest.raises(PairingError):
        _full_exchange("ABCDEFGH", "ABCDEFGJ")


def test_bundle_naming_another_companion_is_refused() -> None:
    phone_eph = keypair_from_private(bytes([0x70]) * 32)
    phone_id = keypair_from_private(bytes([0x78]) * 32)
    companion_eph = keypair_from_private(bytes([0x60]) * 32)
    finish = companion_finish(
        code="ABCDEFGH",
        companion_ephemeral=companion_eph,
        companion_identity=keypair_from_private(bytes([0x68]) * 32),
        primary_identity_public=phone_id.public,
        wrapped_primary_ephemeral=wrap_ephemeral("ABCDEFGH", phone_eph.public),
    )
    with pytest.raises(PairingError, match="other identity"):
        primary_finish(
            primary_ephemeral=phone_eph,
            primary_identity=phone_id,
            companion_ephemeral_public=companion_eph.public,
            companion_identity_public=bytes(range(32)),
            wrapped_key_bundle=finish.wrapped_key_bundle,
        )


def test_generated_codes_use_the_alphabet() -> None:
    code = generate_link_code()
    assert len(code) == 8 and set(code) <= set(LINK_CODE_ALPHABET)
    assert generate_link_code(_queue(bytes(5))) == "11111111"
    assert generate_link_code(_queue(b"\xff" * 5)) == "ZZZZZZZZ"


@pytest.mark.parametrize("text", ["ABCD-EFG", "ABCD-EFG0", "ABCDEFGHI", "abcd efgU"])
def test_bad_codes_are_refused(text: str) -> None:
    with pytest.raises(PairingError):
        normalize_link_code(text)


def test_code_normalization() -> None:
    assert normalize_link_code(" abcd-efgh ") == "ABCDEFGH"
    assert format_link_code("abcdefgh") == "ABCD-EFGH"


def test_malformed_wrapped_material_is_refused() -> None:
    with pytest.raises(PairingError):
        unwrap_ephemeral("ABCDEFGH", bytes(79))
    with pytest.raises(PairingError):
        primary_finish(
            primary_ephemeral=keypair_from_private(bytes([0x70]) * 32),
            primary_identity=keypair_from_private(bytes([0x78]) * 32),
            companion_ephemeral_public=bytes(32),
            companion_identity_public=bytes(32),
            wrapped_key_bundle=bytes(10),
        )
    with pytest.raises(ValueError):
        wrap_ephemeral("ABCDEFGH", bytes(31))
