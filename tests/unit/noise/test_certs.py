"""Certificate chains: what make_cert_chain issues and everything verify_cert_chain refuses."""

from __future__ import annotations

import pytest

from waproto.crypto import KeyPair, keypair_from_private, xeddsa_sign
from waproto.errors import CertificateError
from waproto.noise import WA_CERT_ROOT_PUBLIC_KEY, make_cert_chain, verify_cert_chain
from waproto.proto import wa_handshake_pb2

ROOT = keypair_from_private(b"\x11" * 32)
INTERMEDIATE = keypair_from_private(b"\x22" * 32)
LEAF = keypair_from_private(b"\x33" * 32)
OTHER = keypair_from_private(b"\x44" * 32)
NOT_BEFORE, NOT_AFTER, NOW = 1_700_000_000, 1_800_000_000, 1_750_000_000

Details = wa_handshake_pb2.CertChain.NoiseCertificate.Details


def _fixed(n: int) -> bytes:
    return b"\x07" * n


def _chain(**overrides: object) -> bytes:
    kwargs: dict[str, object] = {"not_before": NOT_BEFORE, "not_after": NOT_AFTER, "random": _fixed}
    kwargs.update(overrides)
    return make_cert_chain(ROOT, INTERMEDIATE, LEAF.public, **kwargs)  # type: ignore[arg-type]


def _signed(details: Details, signer: KeyPair) -> wa_handshake_pb2.CertChain.NoiseCertificate:
    raw = details.SerializeToString()
    return wa_handshake_pb2.CertChain.NoiseCertificate(
        details=raw, signature=xeddsa_sign(signer.private, raw, _fixed)
    )


def _custom_chain(intermediate: Details, leaf: Details, leaf_signer: KeyPair = INTERMEDIATE) -> bytes:
    return wa_handshake_pb2.CertChain(
        intermediate=_signed(intermediate, ROOT), leaf=_signed(leaf, leaf_signer)
    ).SerializeToString()


def _details(**fields: object) -> Details:
    base: dict[str, object] = {"notBefore": NOT_BEFORE, "notAfter": NOT_AFTER}
    base.update(fields)
    return Details(**base)  # type: ignore[arg-type]


def _verify(
    chain: bytes, *, static: bytes = LEAF.public, root: bytes = ROOT.public, now: float = NOW
) -> None:
    verify_cert_chain(chain, static, root_public=root, now=now)


def test_whatsapp_root_is_pinned_by_default() -> None:
    assert WA_CERT_ROOT_PUBLIC_KEY.hex() == "142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b"
    with pytest.raises(CertificateError, match="signature"):
        verify_cert_chain(_chain(), LEAF.public, now=NOW)


def test_issued_chain_verifies_and_has_the_expected_fields() -> None:
    chain = _chain(intermediate_serial=7, leaf_serial=9)
    _verify(chain)
    parsed = wa_handshake_pb2.CertChain.FromString(chain)
    intermediate = Details.FromString(parsed.intermediate.details)
    leaf = Details.FromString(parsed.leaf.details)
    assert (intermediate.serial, intermediate.issuerSerial, intermediate.key) == (7, 0, INTERMEDIATE.public)
    assert (leaf.serial, leaf.issuerSerial, leaf.key) == (9, 7, LEAF.public)
    assert (leaf.notBefore, leaf.notAfter) == (NOT_BEFORE, NOT_AFTER)
    assert len(parsed.intermediate.signature) == len(parsed.leaf.signature) == 64


def test_validity_window_is_inclusive() -> None:
    _verify(_chain(), now=NOT_BEFORE)
    _verify(_chain(), now=NOT_AFTER)


@pytest.mark.parametrize("now", [NOT_BEFORE - 1, NOT_AFTER + 1], ids=["not-yet-valid", "expired"])
def test_outside_the_window_is_refused(now: float) -> None:
    with pytest.raises(CertificateError, match="validity window"):
        _verify(_chain(), now=now)


def test_expired_leaf_under_a_valid_intermediate_is_refused() -> None:
    chain = _chain(leaf_not_after=NOW - 1)
    with pytest.raises(CertificateError, match="leaf certificate is outside"):
        _verify(chain)


def test_wrong_root_is_refused() -> None:
    with pytest.raises(CertificateError, match="intermediate certificate signature"):
        _verify(_chain(), root=OTHER.public)


def test_leaf_key_must_be_the_server_static_key() -> None:
    with pytest.raises(CertificateError, match="static key"):
        _verify(_chain(), static=OTHER.public)


def test_every_flipped_byte_is_refused() -> None:
    chain = _chain()
    for index in range(len(chain)):
        tampered = bytearray(chain)
        tampered[index] ^= 0x01
        with pytest.raises(CertificateError):
            _verify(bytes(tampered))


def test_signature_sign_bit_flip_is_refused() -> None:
    parsed = wa_handshake_pb2.CertChain.FromString(_chain())
    for cert in (parsed.intermediate, parsed.leaf):
        original = cert.signature
        cert.signature = original[:63] + bytes([original[63] ^ 0x80])
        with pytest.raises(CertificateError, match="signature"):
            _verify(parsed.SerializeToString())
        cert.signature = original


def test_leaf_signed_by_the_root_instead_of_the_intermediate_is_refused() -> None:
    chain = _custom_chain(
        _details(serial=1, issuerSerial=0, key=INTERMEDIATE.public),
        _details(serial=2, issuerSerial=1, key=LEAF.public),
        leaf_signer=ROOT,
    )
    with pytest.raises(CertificateError, match="leaf certificate signature"):
        _verify(chain)


def test_intermediate_issuer_serial_must_be_zero() -> None:
    chain = _custom_chain(
        _details(serial=1, issuerSerial=5, key=INTERMEDIATE.public),
        _details(serial=2, issuerSerial=1, key=LEAF.public),
    )
    with pytest.raises(CertificateError, match="issuer serial is 5"):
        _verify(chain)


def test_leaf_issuer_serial_must_name_the_intermediate() -> None:
    chain = _custom_chain(
        _details(serial=1, issuerSerial=0, key=INTERMEDIATE.public),
        _details(serial=2, issuerSerial=3, key=LEAF.public),
    )
    with pytest.raises(CertificateError, match="leaf issuer serial"):
        _verify(chain)


def test_intermediate_key_must_be_32_bytes() -> None:
    chain = _custom_chain(
        _details(serial=1, issuerSerial=0, key=b"\x05" + INTERMEDIATE.public),
        _details(serial=2, issuerSerial=1, key=LEAF.public),
    )
    with pytest.raises(CertificateError, match="intermediate key"):
        _verify(chain)


def test_missing_window_counts_as_expired() -> None:
    chain = _custom_chain(
        Details(serial=1, issuerSerial=0, key=INTERMEDIATE.public),
        _details(serial=2, issuerSerial=1, key=LEAF.public),
    )
    with pytest.raises(CertificateError, match="validity window"):
        _verify(chain)


@pytest.mark.parametrize(
    "chain",
    [
        b"",
        b"\xff\xff\xff",
        wa_handshake_pb2.CertChain(leaf=wa_handshake_pb2.CertChain.NoiseCertificate()).SerializeToString(),
        wa_handshake_pb2.CertChain(
            intermediate=wa_handshake_pb2.CertChain.NoiseCertificate(details=b"x", signature=bytes(63)),
            leaf=wa_handshake_pb2.CertChain.NoiseCertificate(),
        ).SerializeToString(),
    ],
    ids=["empty", "garbage", "no-intermediate", "short-signature"],
)
def test_malformed_chains_are_refused(chain: bytes) -> None:
    with pytest.raises(CertificateError):
        _verify(chain)


def test_signed_but_unparsable_details_are_refused() -> None:
    garbage = b"\xff\xff\xff"
    cert = wa_handshake_pb2.CertChain.NoiseCertificate(
        details=garbage, signature=xeddsa_sign(ROOT.private, garbage, _fixed)
    )
    chain = wa_handshake_pb2.CertChain(intermediate=cert, leaf=cert).SerializeToString()
    with pytest.raises(CertificateError, match="malformed"):
        _verify(chain)
