"""Media upload and download through the FakeServer's HTTPS media host, over real sockets."""

from __future__ import annotations

import io
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import anyio
import httpx
import pytest

from tests.integration.client.conftest import PairedClient
from waproto.binary import Node
from waproto.errors import MediaExpired, MediaHashMismatch, MediaIntegrityError, MediaTransferError
from waproto.media import MediaType
from waproto.media.transfer import MediaRef, MediaTransfer, UploadedMedia
from waproto.testing import FakeServer, Fault, FaultKind

pytestmark = pytest.mark.anyio


def ref_of(up: UploadedMedia, media_type: MediaType = MediaType.DOCUMENT) -> MediaRef:
    return MediaRef(
        media_type, up.media_key, up.direct_path, up.url, up.file_sha256, up.file_enc_sha256, up.file_length
    )


class CountingQuery:
    """A session's query function that counts the ``media_conn`` iqs sent through it.

    The client's own media service (history blobs, app-state snapshots from its phone) asks
    the server too; counting here measures only the transfer under test.
    """

    def __init__(self, query: Callable[[Node], Awaitable[Node]]) -> None:
        self._query = query
        self.media_conns = 0

    async def __call__(self, node: Node) -> Node:
        if node.get_child("media_conn") is not None:
            self.media_conns += 1
        return await self._query(node)


@pytest.fixture
async def counted(paired: PairedClient) -> CountingQuery:
    client = await paired("15557000001")
    return CountingQuery(client._session.query)


@pytest.fixture
async def transfer(server: FakeServer, counted: CountingQuery) -> AsyncIterator[MediaTransfer]:
    media = MediaTransfer(counted, ssl_context=server.test_ca.client_context(), timeout=10.0)
    try:
        yield media
    finally:
        await media.aclose()


def expired_documents(server: FakeServer, status: int) -> int:
    """Document blobs the host refuses with ``status`` (the phone's history and app-state blobs aside)."""
    blobs = server.core.media.blobs.values()
    return sum(b.expired == status and b.mms_type == MediaType.DOCUMENT.mms_type for b in blobs)


async def test_upload_and_download_every_kind_of_source(
    server: FakeServer, transfer: MediaTransfer, counted: CountingQuery, tmp_path: Path
) -> None:
    data = os.urandom(700_000)
    source_file = tmp_path / "in.bin"
    source_file.write_bytes(data)

    async def chunks() -> AsyncIterator[bytes]:
        for i in range(0, len(data), 100_000):
            yield data[i : i + 100_000]

    for source in (data, source_file, str(source_file), io.BytesIO(data), chunks()):
        up = await transfer.upload(source, MediaType.DOCUMENT)
        assert up.file_length == len(data)
        assert up.url.startswith(f"https://{server.media_host}/")
        assert await transfer.download(ref_of(up)) == data

    out = tmp_path / "out.bin"
    await transfer.download(ref_of(up), to=out)
    assert out.read_bytes() == data
    sink = io.BytesIO()
    await transfer.download(ref_of(up), to=sink)
    assert sink.getvalue() == data
    assert counted.media_conns == 1  # cached for the whole session
    assert not list(tmp_path.glob(".*.part"))


async def test_empty_file_round_trips(transfer: MediaTransfer) -> None:
    up = await transfer.upload(b"", MediaType.AUDIO)
    assert await transfer.download(ref_of(up, MediaType.AUDIO)) == b""


async def test_corrupted_download_is_refused_and_no_file_appears(
    server: FakeServer, transfer: MediaTransfer, tmp_path: Path
) -> None:
    up = await transfer.upload(os.urandom(50_000), MediaType.IMAGE)
    server.fault(Fault(FaultKind.MEDIA_CORRUPT))
    target = tmp_path / "photo.jpg"
    with pytest.raises(MediaHashMismatch):
        await transfer.download(ref_of(up, MediaType.IMAGE), to=target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []
    sink = io.BytesIO()
    with pytest.raises(MediaHashMismatch):
        await transfer.download(ref_of(up, MediaType.IMAGE), to=sink)
    assert sink.getvalue() == b""
    server.fault(Fault(FaultKind.RESUME))
    await transfer.download(ref_of(up, MediaType.IMAGE), to=target)
    assert target.stat().st_size == 50_000


@pytest.mark.parametrize("status", [404, 410])
async def test_expired_blob_raises_media_expired(
    server: FakeServer, transfer: MediaTransfer, status: int
) -> None:
    up = await transfer.upload(b"soon gone", MediaType.DOCUMENT)
    server.fault(Fault(FaultKind.MEDIA_EXPIRED, code=status))
    assert expired_documents(server, status) == 1
    with pytest.raises(MediaExpired) as info:
        await transfer.download(ref_of(up))
    assert info.value.status == status
    later = await transfer.upload(b"still here", MediaType.DOCUMENT)  # later uploads are not expired
    assert await transfer.download(ref_of(later)) == b"still here"


async def test_rotated_auth_refreshes_media_conn_once(
    server: FakeServer, transfer: MediaTransfer, counted: CountingQuery
) -> None:
    await transfer.upload(b"first", MediaType.IMAGE)
    server.fault(Fault(FaultKind.MEDIA_ROTATE_AUTH))
    up = await transfer.upload(b"second", MediaType.IMAGE)
    assert await transfer.download(ref_of(up, MediaType.IMAGE)) == b"second"
    assert counted.media_conns == 2


async def test_expired_media_conn_is_fetched_again(server: FakeServer, counted: CountingQuery) -> None:
    now = [0.0]
    context = server.test_ca.client_context()
    media = MediaTransfer(counted, ssl_context=context, clock=lambda: now[0])
    try:
        await media.media_conn()
        now[0] = server.core.media.ttl - 1
        await media.media_conn()
        assert counted.media_conns == 1
        now[0] = server.core.media.ttl + 1
        await media.media_conn()
        assert counted.media_conns == 2
    finally:
        await media.aclose()


async def test_slow_host_still_delivers(server: FakeServer, transfer: MediaTransfer) -> None:
    data = os.urandom(600_000)
    up = await transfer.upload(data, MediaType.VIDEO)
    server.fault(Fault(FaultKind.MEDIA_SLOW, delay=0.01))
    assert await transfer.download(ref_of(up, MediaType.VIDEO)) == data


async def test_unreachable_host_fails_with_a_transfer_error(transfer: MediaTransfer) -> None:
    up = await transfer.upload(b"x", MediaType.DOCUMENT)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1")  # a port nobody serves HTTPS on
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    await listener.aclose()
    bad = MediaRef(MediaType.DOCUMENT, up.media_key, None, f"https://127.0.0.1:{port}/v/x", None, None)
    with pytest.raises(MediaTransferError):
        await transfer.download(bad)


async def test_host_refuses_wrong_hash_stale_auth_and_unknown_paths(
    server: FakeServer, transfer: MediaTransfer
) -> None:
    conn = await transfer.media_conn()
    base = f"https://{server.media_host}"
    async with httpx.AsyncClient(verify=server.test_ca.client_context()) as http:
        token = "A" * 43
        r = await http.post(f"{base}/mms/image/{token}?auth={conn.auth}&token={token}", content=b"blob")
        assert r.status_code == 400
        r = await http.post(f"{base}/mms/image/{token}?auth=stale&token={token}", content=b"blob")
        assert r.status_code == 401
        r = await http.post(f"{base}/nope", content=b"")
        assert r.status_code == 404
        r = await http.get(f"{base}/v/t62.7118-24/unknown.enc?ccb=11-4")
        assert r.status_code == 404
        r = await http.delete(f"{base}/v/x")
        assert r.status_code == 405


async def test_blob_longer_than_file_length_is_refused(transfer: MediaTransfer, tmp_path: Path) -> None:
    up = await transfer.upload(os.urandom(2_000_000), MediaType.DOCUMENT)
    lying = MediaRef(
        MediaType.DOCUMENT, up.media_key, up.direct_path, up.url, up.file_sha256, up.file_enc_sha256, 1000
    )
    with pytest.raises(MediaIntegrityError):
        await transfer.download(lying, to=tmp_path / "x")
    assert list(tmp_path.iterdir()) == []


async def test_unusable_urls_become_transfer_errors(transfer: MediaTransfer) -> None:
    up = await transfer.upload(b"x", MediaType.DOCUMENT)
    for url in ("https://bad host/v/x", "https://[::1/v/x", "https://127.0.0.1:0/v/x"):
        bad = MediaRef(MediaType.DOCUMENT, up.media_key, None, url, None, None)
        with pytest.raises(MediaTransferError):
            await transfer.download(bad)
    sneaky = MediaRef(MediaType.DOCUMENT, up.media_key, "@evil.example/v/x", None, None, None)
    with pytest.raises(MediaTransferError):
        await transfer.download(sneaky)
