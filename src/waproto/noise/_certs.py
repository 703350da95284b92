"""The server's Noise certificate chain: root -> intermediate -> leaf (the server static key).

Each certificate is ``{details, signature}`` where ``details`` is a serialized
``Details`` message and ``signature`` is XEdDSA over exactly those bytes. The
intermediate is signed by the root and has issuer serial 0; the leaf is signed
by the intermediate's key, names the intermediate's serial as its issuer, and
certifies the static key the server used in the handshake. Old Baileys checks
only the issuer serial, newer clients and whatsmeow check the signatures too, so
chains made here satisfy both.
"""

from __future__ import annotations

import hmac
import os

from waproto.crypto import KeyPair, RandomSource, xeddsa_sign, xeddsa_verify
from waproto.errors import CertificateError, CryptoError
from waproto.proto import decode_message, wa_handshake_pb2

__all__ = ["WA_CERT_ROOT_PUBLIC_KEY", "make_cert_chain", "verify_cert_chain"]

#: WhatsApp's long-term root ("WhatsAppLongTerm1"), as pinned by Baileys and whatsmeow.
WA_CERT_ROOT_PUBLIC_KEY = bytes.fromhex("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b")

_Certificate = wa_handshake_pb2.CertChain.NoiseCertificate
_Details = wa_handshake_pb2.CertChain.NoiseCertificate.Details
_SIGNATURE_LEN = 64
_KEY_LEN = 32


def _certificate(details: _Details, signer: KeyPair, random: RandomSource) -> _Certificate:
    raw = details.SerializeToString()
    return _Certificate(details=raw, signature=xeddsa_sign(signer.private, raw, random))


def make_cert_chain(
    root: KeyPair,
    intermediate: KeyPair,
    leaf_public: bytes,
    *,
    not_before: int,
    not_after: int,
    intermediate_serial: int = 1,
    leaf_serial: int = 2,
    leaf_not_before: int | None = None,
    leaf_not_after: int | None = None,
    random: RandomSource = os.urandom,
) -> bytes:
    """Issue a serialized ``CertChain`` for a server whose static public key is ``leaf_public``.

    For our test server, which has its own root instead of WhatsApp's.

    Args:
        root: the trust root that signs the intermediate.
        intermediate: the key pair that signs the leaf.
        leaf_public: the server's raw 32-byte static public key.
        not_before: start of the validity window, Unix seconds.
        not_after: end of the validity window, Unix seconds.
        intermediate_serial: the intermediate's serial, named as the leaf's issuer.
        leaf_serial: the leaf's own serial.
        leaf_not_before: the leaf's own window start when it differs from the intermediate's.
        leaf_not_after: the leaf's own window end when it differs from the intermediate's.
        random: the randomness for the XEdDSA signatures.
    """
    intermediate_details = _Details(
        serial=intermediate_serial,
        issuerSerial=0,
        key=intermediate.public,
        notBefore=not_before,
        notAfter=not_after,
    )
    leaf_details = _Details(
        serial=leaf_serial,
        issuerSerial=intermediate_serial,
        key=leaf_public,
        notBefore=not_before if leaf_not_before is None else leaf_not_before,
        notAfter=not_after if leaf_not_after is None else leaf_not_after,
    )
    chain = wa_handshake_pb2.CertChain(
        intermediate=_certificate(intermediate_details, root, random),
        leaf=_certificate(leaf_details, intermediate, random),
    )
    return chain.SerializeToString()


def _verified_details(cert: _Certificate, signer_public: bytes, name: str) -> _Details:
    if not cert.details or len(cert.signature) != _SIGNATURE_LEN:
        raise CertificateError(f"{name} certificate lacks details or a 64-byte signature")
    try:
        valid = xeddsa_verify(signer_public, cert.details, cert.signature)
    except CryptoError as exc:
        raise CertificateError(f"{name} certificate signer key is malformed: {exc}") from None
    if not valid:
        raise CertificateError(f"{name} certificate signature does not verify")
    return decode_message(_Details, cert.details, f"{name} certificate details", error=CertificateError)


def _check_window(details: _Details, now: float, name: str) -> None:
    if not details.notBefore <= now <= details.notAfter:
        raise CertificateError(
            f"{name} certificate is outside its validity window "
            f"[{details.notBefore}, {details.notAfter}] at {int(now)}"
        )


def verify_cert_chain(
    chain: bytes, server_static: bytes, *, root_public: bytes = WA_CERT_ROOT_PUBLIC_KEY, now: float
) -> None:
    """Check the server's chain against the trust root and the static key from the handshake.

    The checks run in whatsmeow's order: the intermediate's signature against
    the root, its issuer serial (0) and key size, the leaf's signature against
    the intermediate key, the intermediate's validity window, the leaf's issuer
    serial, the leaf key against ``server_static`` (constant time), and the
    leaf's validity window.

    Args:
        chain: the decrypted serverHello payload, a serialized ``CertChain``.
        server_static: the server's raw 32-byte static public key.
        root_public: the trusted root public key (raw 32 bytes).
        now: the current time, Unix seconds.

    Raises:
        CertificateError: the chain is malformed or any check fails.
    """
    parsed = decode_message(wa_handshake_pb2.CertChain, chain, "certificate chain", error=CertificateError)
    if not parsed.HasField("intermediate") or not parsed.HasField("leaf"):
        raise CertificateError("certificate chain lacks the intermediate or the leaf")
    intermediate = _verified_details(parsed.intermediate, root_public, "intermediate")
    if intermediate.issuerSerial != 0:
        raise CertificateError(f"intermediate issuer serial is {intermediate.issuerSerial}, expected 0")
    if len(intermediate.key) != _KEY_LEN:
        raise CertificateError(f"intermediate key is {len(intermediate.key)} bytes, expected 32")
    leaf = _verified_details(parsed.leaf, intermediate.key, "leaf")
    _check_window(intermediate, now, "intermediate")
    if leaf.issuerSerial != intermediate.serial:
        raise CertificateError(
            f"leaf issuer serial {leaf.issuerSerial} is not the intermediate serial {intermediate.serial}"
        )
    if not hmac.compare_digest(leaf.key, server_static):
        raise CertificateError("leaf certificate key is not the server's static key")
    _check_window(leaf, now, "leaf")
