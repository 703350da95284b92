"""QR strings: both forms build and parse back; malformed text is refused."""

from __future__ import annotations

import base64

import pytest

from waproto.auth import QR_URL_PREFIX, make_qr_string, parse_qr_string, qr_ref_timeout
from waproto.errors import PairingError

NOISE = bytes(range(32))
IDENTITY = bytes(range(32, 64))
ADV = bytes(range(64, 96))


def test_classic_form_matches_baileys_layout() -> None:
    text = make_qr_string("2@ref", NOISE, IDENTITY, ADV)
    assert text == ",".join(["2@ref", *(base64.b64encode(k).decode() for k in (NOISE, IDENTITY, ADV))])
    data = parse_qr_string(text)
    assert (data.ref, data.noise_public, data.identity_public, data.adv_secret) == (
        "2@ref",
        NOISE,
        IDENTITY,
        ADV,
    )
    assert data.platform_id is None


def test_url_form_carries_the_platform_id() -> None:
    text = make_qr_string("2@ref", NOISE, IDENTITY, ADV, platform_id=1)
    assert text.startswith(QR_URL_PREFIX) and text.endswith(",1")
    data = parse_qr_string(text)
    assert data.platform_id == 1 and data.adv_secret == ADV


def test_repr_hides_the_secret() -> None:
    assert base64.b64encode(ADV).decode() not in repr(
        parse_qr_string(make_qr_string("r", NOISE, IDENTITY, ADV))
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2@ref,AAAA,BBBB",
        ",".join(["", *(base64.b64encode(k).decode() for k in (NOISE, IDENTITY, ADV))]),
        "2@ref,!!!!,BBBB,CCCC",
        "2@ref," + ",".join(base64.b64encode(bytes(16)).decode() for _ in range(3)),
        QR_URL_PREFIX
        + "2@ref,"
        + ",".join(base64.b64encode(k).decode() for k in (NOISE, IDENTITY, ADV))
        + ",x",
        QR_URL_PREFIX + "2@ref," + ",".join(base64.b64encode(k).decode() for k in (NOISE, IDENTITY, ADV)),
    ],
)
def test_malformed_strings_raise(text: str) -> None:
    with pytest.raises(PairingError):
        parse_qr_string(text)


def test_ref_rotation_timing() -> None:
    assert qr_ref_timeout(0) == 60.0
    assert [qr_ref_timeout(i) for i in range(1, 6)] == [20.0] * 5
