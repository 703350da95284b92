"""Upload and download of encrypted media over HTTPS (httpx on anyio), streamed both ways.

Upload encrypts into a spool (memory up to 1 MiB, then a temporary file) because the URL
needs the blob's SHA-256 before the first byte is sent, then streams the spool with a
``Content-Length``. Download streams the response through a
:class:`~waproto.media.crypto.MediaDecryptor` into a sink that publishes nothing before
the blob verified: a temporary file renamed into place, a spool copied into the caller's
file, or a buffer returned as bytes. Hosts come from the cached ``media_conn`` answer; a
network error or 5xx moves on to the next host, a 401/403 on upload refreshes the cache.
"""

from __future__ import annotations

import base64
import logging
import os
import ssl
import tempfile
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO, BinaryIO
from urllib.parse import quote

import anyio
import httpx

from waproto.binary import Node
from waproto.config import WA_ORIGIN
from waproto.errors import MediaExpired, MediaIntegrityError, MediaTransferError
from waproto.media.conn import MediaConn, media_conn_request, parse_media_conn
from waproto.media.crypto import MAC_LENGTH, MEDIA_KEY_LENGTH, MediaDecryptor, MediaEncryptor, media_keys
from waproto.media.types import MediaRef, MediaType, UploadedMedia

__all__ = ["Destination", "MediaRef", "MediaSource", "MediaTransfer", "UploadedMedia"]

_log = logging.getLogger("waproto.media.transfer")

MediaSource = bytes | bytearray | memoryview | str | os.PathLike[str] | BinaryIO | AsyncIterable[bytes]
"""What can be uploaded: bytes, a path, a binary file object or an async iterator of chunks."""
Destination = str | os.PathLike[str] | BinaryIO
"""Where a download can go besides bytes: a path (written atomically) or a binary file object."""

#: Bytes per read, encryption step and write.
CHUNK = 256 * 1024
#: Spools stay in memory up to this size, then move to a temporary file.
_SPOOL_MEMORY = 1 << 20
#: Download attempts over the host list (whatsmeow: 5 retries on network errors and 5xx).
_DOWNLOAD_ATTEMPTS = 5
_EXPIRED = frozenset({404, 410})
#: httpx failures that mean "this host did not work": network errors, protocol errors, and a
#: URL that a hostile media_conn or message made unusable. Translated here, never leaked.
_HTTP_FAILURES = (httpx.HTTPError, httpx.InvalidURL)
_REFUSED = frozenset({401, 403})


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class MediaTransfer:
    """One session's media transfers: the ``media_conn`` cache and a lazily opened httpx client.

    Args:
        query: sends an iq and returns its answer (the session's ``query``).
        ssl_context: TLS context for the media hosts (None: system trust store).
        random: randomness for media keys.
        timeout: seconds for connect and for each read or write.
        clock: monotonic time for the cache (anyio's clock by default).
    """

    __slots__ = ("_clock", "_conn", "_conn_lock", "_http", "_query", "_random", "_ssl", "_timeout")

    def __init__(
        self,
        query: Callable[[Node], Awaitable[Node]],
        *,
        ssl_context: ssl.SSLContext | None = None,
        random: Callable[[int], bytes] = os.urandom,
        timeout: float = 60.0,
        clock: Callable[[], float] = anyio.current_time,
    ) -> None:
        self._query = query
        self._ssl = ssl_context
        self._random = random
        self._timeout = timeout
        self._clock = clock
        self._conn: MediaConn | None = None
        self._conn_lock: anyio.Lock | None = None
        self._http: httpx.AsyncClient | None = None

    async def aclose(self) -> None:
        """Close the HTTP client (idempotent)."""
        http, self._http = self._http, None
        if http is not None:
            await http.aclose()

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            verify: ssl.SSLContext | bool = self._ssl if self._ssl is not None else True
            self._http = httpx.AsyncClient(
                verify=verify,
                timeout=httpx.Timeout(self._timeout),
                limits=httpx.Limits(max_connections=4, max_keepalive_connections=2),
                headers={"Origin": WA_ORIGIN, "Referer": WA_ORIGIN + "/"},
            )
        return self._http

    # -- media_conn ---------------------------------------------------------------------------

    async def media_conn(self, *, force: bool = False) -> MediaConn:
        """The cached ``media_conn`` answer, fetched when missing, expired or ``force``d."""
        if self._conn_lock is None:
            self._conn_lock = anyio.Lock()
        async with self._conn_lock:
            conn = self._conn
            if force or conn is None or conn.expired(self._clock()):
                answer = await self._query(media_conn_request())
                conn = self._conn = parse_media_conn(answer, now=self._clock())
            return conn

    # -- upload -------------------------------------------------------------------------------

    async def upload(self, source: MediaSource, media_type: MediaType) -> UploadedMedia:
        """Encrypt ``source`` and upload it; tries every host, refreshing a refused auth once.

        Raises:
            MediaTransferError: no host accepted the blob.
        """
        media_key = self._random(MEDIA_KEY_LENGTH)
        encryptor = MediaEncryptor(media_keys(media_key, media_type))
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
            await _encrypt_into(source, encryptor, spool)
            token = _b64url(encryptor.file_enc_sha256)
            answer = await self._post(spool, encryptor.enc_length, media_type, token)
        direct_path = answer.get("direct_path")
        url = answer.get("url")
        if not isinstance(direct_path, str) or not isinstance(url, str):
            raise MediaTransferError("the media host's answer has no url or direct_path")
        handle = answer.get("handle")
        return UploadedMedia(url, direct_path, media_key, encryptor.file_sha256, encryptor.file_enc_sha256,
                             encryptor.file_length, handle if isinstance(handle, str) else None)

    async def _post(
        self, spool: IO[bytes], length: int, media_type: MediaType, token: str
    ) -> dict[str, object]:
        http = self._client()
        last: str = "no host"
        for attempt in range(2):
            conn = await self.media_conn(force=attempt > 0)
            refused = False
            for host in conn.hosts:
                url = f"https://{host}/mms/{media_type.mms_type}/{token}?auth={quote(conn.auth)}&token={token}"
                try:
                    response = await http.post(
                        url,
                        content=_spool_chunks(spool),
                        headers={"Content-Type": "application/octet-stream", "Content-Length": str(length)},
                    )
                except _HTTP_FAILURES as exc:
                    last = f"{host}: {exc!r}"
                    _log.info("media upload to %s failed: %r", host, exc)
                    continue
                if response.status_code in _REFUSED:
                    last, refused = f"{host}: HTTP {response.status_code}", True
                    break
                if response.is_success:
                    try:
                        data = response.json()
                    except ValueError:
                        data = None
                    if isinstance(data, dict):
                        return data
                last = f"{host}: HTTP {response.status_code}"
            if not refused:
                break
        raise MediaTransferError(f"media upload failed on every host ({last})")

    # -- download -----------------------------------------------------------------------------

    async def download(self, ref: MediaRef, to: Destination | None = None) -> bytes | None:
        """Download, verify and decrypt; returns bytes, or writes to a path or file and returns None.

        Nothing reaches ``to`` before the blob verified: a path is written through a temporary
        file in its folder and renamed, a file object gets the plaintext only after the checks.

        Raises:
            MediaExpired: the host answered 404 or 410 (the sender's phone must re-upload).
            MediaIntegrityError: the blob failed verification (hash, MAC, truncation).
            MediaTransferError: no host delivered the blob.
        """
        urls = await self._download_urls(ref)
        if to is None:
            buffer = bytearray()
            await self._fetch(urls, ref, _BufferSink(buffer))
            return bytes(buffer)
        if isinstance(to, str | os.PathLike):
            target = Path(to)
            fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
            try:
                with os.fdopen(fd, "w+b") as temp:
                    await self._fetch(urls, ref, _FileSink(temp))
                os.replace(temp_name, target)
            except BaseException:
                Path(temp_name).unlink(missing_ok=True)
                raise
            return None
        async with self._verified(urls, ref) as spool:
            while chunk := spool.read(CHUNK):
                to.write(chunk)
        return None

    async def iter_download(self, ref: MediaRef) -> AsyncGenerator[bytes, None]:
        """Download and verify, then yield the plaintext in chunks; nothing is yielded before the checks.

        The blob waits in a spool (1 MiB in memory, then a temporary file), so memory stays
        flat for any size. Raises like :meth:`download`, before the first chunk.
        """
        async with self._verified(await self._download_urls(ref), ref) as spool:
            while chunk := spool.read(CHUNK):
                yield chunk

    @asynccontextmanager
    async def _verified(self, urls: list[str], ref: MediaRef) -> AsyncIterator[IO[bytes]]:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
            await self._fetch(urls, ref, _FileSink(spool))
            spool.seek(0)
            yield spool

    async def _download_urls(self, ref: MediaRef) -> list[str]:
        if not ref.direct_path:
            if not ref.url:
                raise MediaTransferError("the message has neither a direct path nor a url")
            return [ref.url]
        if not ref.direct_path.startswith("/"):
            # "@evil.example/x" appended to a host would send the request elsewhere.
            raise MediaTransferError("the message's direct path is not a path")
        conn = await self.media_conn()
        query = f"&hash={_b64url(ref.file_enc_sha256 or b'')}&mms-type={ref.media_type.mms_type}&__wa-mms="
        urls = [f"https://{host}{ref.direct_path}{query}" for host in conn.hosts]
        if ref.url and ref.url not in urls:
            urls.append(ref.url)
        return urls

    async def _fetch(self, urls: list[str], ref: MediaRef, sink: _Sink) -> None:
        http = self._client()
        # PKCS#7 adds 1..16 bytes, then the 10-byte MAC.
        limit = None if ref.file_length is None else (ref.file_length // 16 + 1) * 16 + MAC_LENGTH
        last = "no host"
        for attempt in range(_DOWNLOAD_ATTEMPTS):
            url = urls[attempt % len(urls)]
            sink.reset()
            decryptor = MediaDecryptor(media_keys(ref.media_key, ref.media_type),
                                       file_enc_sha256=ref.file_enc_sha256, file_sha256=ref.file_sha256)
            try:
                async with http.stream("GET", url) as response:
                    status = response.status_code
                    if status in _EXPIRED:
                        raise MediaExpired(f"media is gone from the host (HTTP {status})", status=status)
                    if not response.is_success:
                        last = f"HTTP {status}"
                        if status >= 500:
                            continue
                        raise MediaTransferError(f"media download refused (HTTP {status})", status=status)
                    async for chunk in response.aiter_raw(CHUNK):
                        sink.write(decryptor.update(chunk))
                        if limit is not None and decryptor.received > limit:
                            # A hostile or broken host must not fill memory or disk.
                            raise MediaIntegrityError(f"media blob longer than fileLength allows ({limit})")
            except _HTTP_FAILURES as exc:
                last = repr(exc)
                _log.info("media download attempt %d failed: %r", attempt + 1, exc)
                continue
            sink.write(decryptor.finalize())
            return
        raise MediaTransferError(f"media download failed after {_DOWNLOAD_ATTEMPTS} attempts ({last})")


class _Sink:
    """Where unverified plaintext goes until the download verified."""

    __slots__ = ()

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        raise NotImplementedError


class _BufferSink(_Sink):
    __slots__ = ("_buffer",)

    def __init__(self, buffer: bytearray) -> None:
        self._buffer = buffer

    def write(self, data: bytes) -> None:
        self._buffer += data

    def reset(self) -> None:
        self._buffer.clear()


class _FileSink(_Sink):
    __slots__ = ("_file",)

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    def write(self, data: bytes) -> None:
        if data:
            self._file.write(data)

    def reset(self) -> None:
        self._file.seek(0)
        self._file.truncate()


async def _spool_chunks(spool: IO[bytes]) -> AsyncIterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(CHUNK):
        yield chunk


async def _encrypt_into(source: MediaSource, encryptor: MediaEncryptor, spool: IO[bytes]) -> None:
    """Encrypt any source into ``spool``; blocking sources run in a worker thread."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        chunks = (data[i : i + CHUNK] for i in range(0, len(data), CHUNK))
        await anyio.to_thread.run_sync(_encrypt_chunks, chunks, encryptor, spool)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)

        def from_path() -> None:
            with path.open("rb") as file:
                _encrypt_chunks(iter(lambda: file.read(CHUNK), b""), encryptor, spool)

        await anyio.to_thread.run_sync(from_path)
    elif isinstance(source, AsyncIterable):
        async for chunk in source:
            spool.write(encryptor.update(chunk))
        spool.write(encryptor.finalize())
    else:
        file = source
        await anyio.to_thread.run_sync(_encrypt_chunks, iter(lambda: file.read(CHUNK), b""), encryptor, spool)


def _encrypt_chunks(chunks: Iterable[bytes], encryptor: MediaEncryptor, spool: IO[bytes]) -> None:
    for chunk in chunks:
        spool.write(encryptor.update(chunk))
    spool.write(encryptor.finalize())
