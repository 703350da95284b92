"""Media crypto against the Baileys vectors, in every chunking, and under tampering."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import load_vectors
from waproto.errors import (
    CryptoError,
    MediaHashMismatch,
    MediaMACMismatch,
    MediaTruncated,
)
from waproto.media import (
    MAC_LENGTH,
    MediaDecryptor,
    MediaEncryptor,
    MediaType,
    decrypt_media,
    encrypt_media,
    media_keys,
)

VECTORS = "media/media_crypto.json"
# Baileys maps these to an empty X ("WhatsApp  Keys"); the vector file calls it an artefact.
BAILEYS_ONLY = {"ppic", "product-catalog-image"}


def test_keys_for_every_media_type_match_the_vectors() -> None:
    checked = 0
    for v in load_vectors(VECTORS)["keys_per_media_type"]:
        if v["media_type"] in BAILEYS_ONLY:
            assert v["mapping_value"] == ""
            continue
        media_type = MediaType(v["media_type"])
        assert media_type.hkdf_info == v["hkdf_info"].encode()
        keys = media_keys(bytes.fromhex(v["media_key_hex"]), media_type)
        assert keys.iv.hex() == v["iv_hex"]
        assert keys.cipher_key.hex() == v["cipher_key_hex"]
        assert keys.mac_key.hex() == v["mac_key_hex"]
        assert keys.ref_key.hex() == v["ref_key_hex_bytes_80_112"]
        assert (keys.iv + keys.cipher_key + keys.mac_key + keys.ref_key).hex() == v["expanded_112_hex"]
        checked += 1
    assert checked == 16


def test_whatsmeow_info_strings_all_exist() -> None:
    ours = {t.hkdf_info.decode() for t in MediaType}
    assert set(load_vectors(VECTORS)["facts"]["whatsmeow_media_types"]["values"]) <= ours


@pytest.mark.parametrize("chunk", [1, 7, 16, 17, 1 << 20])
def test_end_to_end_vectors_in_any_chunking(chunk: int) -> None:
    for v in load_vectors(VECTORS)["end_to_end"]:
        media_type = MediaType(v["media_type"])
        key = bytes.fromhex(v["media_key_hex"])
        plain = bytes.fromhex(v["plaintext_hex"])
        enc = MediaEncryptor(media_keys(key, media_type))
        blob = b"".join(enc.update(plain[i : i + chunk]) for i in range(0, len(plain), chunk))
        blob += enc.finalize()
        assert blob.hex() == v["enc_file_hex"]
        assert blob[-MAC_LENGTH:].hex() == v["mac_hex"]
        assert blob[:-MAC_LENGTH].hex() == v["ciphertext_hex"]
        assert enc.file_sha256.hex() == v["file_sha256_hex"]
        assert enc.file_enc_sha256.hex() == v["file_enc_sha256_hex"]
        assert enc.file_length == v["file_length"] == len(plain)
        assert enc.enc_length == len(blob)

        dec = MediaDecryptor(
            media_keys(key, media_type), file_enc_sha256=enc.file_enc_sha256, file_sha256=enc.file_sha256
        )
        out = b"".join(dec.update(blob[i : i + chunk]) for i in range(0, len(blob), chunk))
        assert out + dec.finalize() == plain


def _sample() -> tuple[bytes, bytes, bytes, bytes, bytes]:
    key, plain = os.urandom(32), os.urandom(1000)
    enc = encrypt_media(plain, key, MediaType.IMAGE)
    return key, plain, enc.blob, enc.file_enc_sha256, enc.file_sha256


def test_tampered_mac_raises_before_the_tail_is_released() -> None:
    key, _, blob, _, plain_sha = _sample()
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(MediaMACMismatch):
        decrypt_media(tampered, key, MediaType.IMAGE, file_sha256=plain_sha)


def test_tampered_ciphertext_fails_the_encrypted_hash_first() -> None:
    key, _, blob, enc_sha, plain_sha = _sample()
    tampered = bytes([blob[0] ^ 1]) + blob[1:]
    with pytest.raises(MediaHashMismatch) as info:
        decrypt_media(tampered, key, MediaType.IMAGE, file_enc_sha256=enc_sha, file_sha256=plain_sha)
    assert info.value.which == "enc"
    with pytest.raises(MediaMACMismatch):  # without the expected hash, the MAC catches it
        decrypt_media(tampered, key, MediaType.IMAGE, file_sha256=plain_sha)


def test_wrong_plaintext_hash_raises() -> None:
    key, _, blob, enc_sha, _ = _sample()
    with pytest.raises(MediaHashMismatch) as info:
        decrypt_media(blob, key, MediaType.IMAGE, file_enc_sha256=enc_sha, file_sha256=b"\0" * 32)
    assert info.value.which == "plain"


def test_wrong_media_type_fails_the_mac() -> None:
    key, _, blob, enc_sha, plain_sha = _sample()
    with pytest.raises(MediaMACMismatch):
        decrypt_media(blob, key, MediaType.VIDEO, file_enc_sha256=enc_sha, file_sha256=plain_sha)


@pytest.mark.parametrize("keep", [0, 5, MAC_LENGTH, MAC_LENGTH + 15, -1])
def test_truncated_blob_raises(keep: int) -> None:
    key, _, blob, _, _ = _sample()
    with pytest.raises(MediaTruncated):
        decrypt_media(blob[:keep], key, MediaType.IMAGE)


def test_truncation_by_one_block_is_caught_by_the_mac() -> None:
    key, _, blob, _, _ = _sample()
    with pytest.raises(MediaMACMismatch):
        decrypt_media(blob[: -MAC_LENGTH - 16] + blob[-MAC_LENGTH:], key, MediaType.IMAGE)


def test_decryptor_keeps_the_mac_and_last_block_back() -> None:
    key, plain, blob, _, _ = _sample()
    dec = MediaDecryptor(media_keys(key, MediaType.IMAGE))
    released = dec.update(blob)
    assert len(released) < len(plain)  # the padded last block is released only by finalize()
    assert released + dec.finalize() == plain


def test_misuse_and_bad_keys_raise_crypto_errors() -> None:
    with pytest.raises(CryptoError):
        media_keys(b"short", MediaType.IMAGE)
    enc = MediaEncryptor(media_keys(b"k" * 32, MediaType.AUDIO))
    with pytest.raises(CryptoError):
        _ = enc.file_sha256
    enc.finalize()
    with pytest.raises(CryptoError):
        enc.update(b"x")
    assert "redacted" in repr(media_keys(b"k" * 32, MediaType.AUDIO))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=1, max_value=64), st.sampled_from(list(MediaType)))
def test_roundtrip_any_size_and_chunking(plain: bytes, chunk: int, media_type: MediaType) -> None:
    key = bytes(range(32))
    enc = encrypt_media(plain, key, media_type)
    assert len(enc.blob) == (len(plain) // 16 + 1) * 16 + MAC_LENGTH
    dec = MediaDecryptor(
        media_keys(key, media_type), file_enc_sha256=enc.file_enc_sha256, file_sha256=enc.file_sha256
    )
    out = b"".join(dec.update(enc.blob[i : i + chunk]) for i in range(0, len(enc.blob), chunk))
    assert out + dec.finalize() == plain
