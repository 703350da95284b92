"""A throw-away certificate authority for ``wss://`` on loopback.

Tests and the fake server need TLS that a client can verify without touching
the system CA store: this module makes a CA and a leaf certificate for
``localhost``, ``127.0.0.1`` and ``::1`` in memory (EC P-256, so it takes
milliseconds), and hands out matching server and client contexts.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["TestCA", "make_test_ca"]

#: How long the generated certificates stay valid around ``now``.
_VALIDITY = dt.timedelta(days=30)
_DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class TestCA:
    """A CA certificate and one leaf certificate it signed, all in PEM."""

    __test__ = False  # not a pytest test class despite the name

    ca_cert_pem: bytes
    """The CA certificate; clients trust this."""
    cert_pem: bytes
    """The leaf (server) certificate."""
    key_pem: bytes
    """The leaf's private key (PKCS#8, unencrypted)."""

    def server_context(self) -> ssl.SSLContext:
        """Return a new server context presenting the leaf certificate."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        # load_cert_chain() reads only from files.
        with tempfile.TemporaryDirectory(prefix="waproto-tls-") as folder:
            cert_file = Path(folder) / "cert.pem"
            key_file = Path(folder) / "key.pem"
            cert_file.write_bytes(self.cert_pem)
            key_file.write_bytes(self.key_pem)
            context.load_cert_chain(cert_file, key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        """Return a new client context that trusts this CA only."""
        return ssl.create_default_context(cadata=self.ca_cert_pem.decode("ascii"))

    def write_ca_pem(self, path: str | Path) -> Path:
        """Write the CA certificate to ``path`` (for clients configured by file) and return it."""
        target = Path(path)
        target.write_bytes(self.ca_cert_pem)
        return target


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _subject_alternative_names(hosts: tuple[str, ...]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def make_test_ca(hosts: tuple[str, ...] = _DEFAULT_HOSTS, *, now: dt.datetime | None = None) -> TestCA:
    """Create a CA and a server certificate for ``hosts`` (names or IP addresses).

    Args:
        hosts: the subject alternative names of the leaf certificate.
        now: the moment the certificates are valid around; the current time by default.
    """
    moment = now if now is not None else dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("waproto test CA")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - _VALIDITY)
        .not_valid_after(moment + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    leaf_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(hosts[0]))
        .issuer_name(ca_name)
        .public_key(leaf_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(moment - _VALIDITY)
        .not_valid_after(moment + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_subject_alternative_names(hosts), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return TestCA(
        ca_cert_pem=ca_cert.public_bytes(serialization.Encoding.PEM),
        cert_pem=leaf_cert.public_bytes(serialization.Encoding.PEM),
        key_pem=leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
