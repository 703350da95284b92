"""The FakeServer's media desk: upload checks, lookups, media faults (no sockets)."""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from waproto.testing.faults import Fault, FaultKind, parse_fault
from waproto.testing.media import Blob, MediaDesk, Refusal


def counting_random() -> Callable[[int], bytes]:
    counter = itertools.count()
    return lambda n: next(counter).to_bytes(n, "big")


def desk() -> MediaDesk:
    d = MediaDesk(counting_random(), ttl=60)
    d.hostname = "127.0.0.1:1"
    return d


def test_no_media_conn_without_a_host() -> None:
    d = MediaDesk(lambda n: b"\x07" * n, ttl=60)
    assert d.media_conn() is None
    d.hostname = "h:1"
    node = d.media_conn()
    assert node is not None and node.attrs["auth"] == d.auth and node.attrs["ttl"] == "60"
    assert [h.attrs["hostname"] for h in node.get_children("host")] == ["h:1"]


@pytest.mark.parametrize("padded", [True, False])
def test_upload_token_with_or_without_padding(padded: bool) -> None:
    d = desk()
    digest = hashlib.sha256(b"blob").digest()
    token = base64.urlsafe_b64encode(digest).decode()
    token = token if padded else token.rstrip("=")
    assert d.check_upload(f"/mms/image/{token}?auth={d.auth}&token={token}") == ("image", digest)


@pytest.mark.parametrize(
    ("target", "status"),
    [("/mms/nope/AAAA?auth=x", 404), ("/upload", 404), ("/mms/image/AAAA?auth=wrong", 401),
     ("/mms/image/!!!?auth={auth}", 400), ("/mms/image/AAAA?auth={auth}", 400)],
)
def test_bad_uploads_are_refused(target: str, status: int) -> None:
    d = desk()
    result = d.check_upload(target.format(auth=d.auth))
    assert isinstance(result, Refusal) and result.status == status


def test_commit_lookup_and_expiry(tmp_path: Path) -> None:
    d = desk()
    answer = d.commit_upload("abc", tmp_path / "abc", 3, "image")
    direct_path = str(answer["direct_path"])
    assert answer["url"] == f"https://127.0.0.1:1{direct_path}"
    found = d.lookup(direct_path + "&hash=x&mms-type=image&__wa-mms=")
    assert isinstance(found, Blob) and found.blob_id == "abc"
    assert d.apply_fault(Fault(FaultKind.MEDIA_EXPIRED, code=404)) == 1
    gone = d.lookup(direct_path)
    assert isinstance(gone, Refusal) and gone.status == 404
    assert isinstance(d.lookup("/v/t62/other.enc"), Refusal)


def test_sticky_faults_and_resume() -> None:
    d = desk()
    old = d.auth
    d.apply_fault(parse_fault({"kind": "media_corrupt"}))
    d.apply_fault(parse_fault({"kind": "media_slow", "delay": 0.5}))
    d.apply_fault(parse_fault({"kind": "media_rotate_auth"}))
    assert (d.corrupt, d.delay) == (True, 0.5)
    assert d.auth != old
    d.apply_fault(Fault(FaultKind.RESUME))
    assert (d.corrupt, d.delay) == (False, 0.0)
