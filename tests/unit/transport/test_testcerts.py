"""The throw-away test CA."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

from cryptography import x509

from waproto.transport.testcerts import make_test_ca


def test_leaf_names_and_validity(tmp_path: Path) -> None:
    now = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    ca = make_test_ca(("example.test", "10.0.0.1"), now=now)
    leaf = x509.load_pem_x509_certificate(ca.cert_pem)
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["example.test"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("10.0.0.1")]
    assert leaf.not_valid_before_utc < now < leaf.not_valid_after_utc
    root = x509.load_pem_x509_certificate(ca.ca_cert_pem)
    leaf.verify_directly_issued_by(root)
    assert ca.write_ca_pem(tmp_path / "ca.pem").read_bytes() == ca.ca_cert_pem
    assert ca.server_context() is not None
    assert ca.client_context().check_hostname
