"""The media host's I/O shell: HTTPS on loopback with h11 over anyio, blobs in files.

One task per HTTP connection (keep-alive supported, as httpx and Node pool connections);
uploads stream to a file while their SHA-256 is computed, downloads stream from it, so a
100 MB blob never sits in memory. Every decision comes from the
:class:`~waproto.testing.media.MediaDesk`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import ssl
import tempfile
from pathlib import Path
from typing import Any

import anyio
import h11
from anyio.abc import ByteStream, SocketAttribute, TaskGroup
from anyio.streams.tls import TLSListener

from waproto.testing.media import Blob, MediaDesk, Refusal

__all__ = ["MediaHost"]

_log = logging.getLogger("waproto.testing.mediahost")

#: Bytes read from or written to a blob file per step.
_CHUNK = 256 * 1024
#: Largest upload accepted (WhatsApp's documents go up to 2 GB; tests need far less).
_MAX_UPLOAD = 1 << 31
_ENDED = (h11.ProtocolError, anyio.BrokenResourceError, anyio.EndOfStream, ssl.SSLError, OSError)
_REASONS = {200: b"OK", 400: b"Bad Request", 401: b"Unauthorized", 404: b"Not Found", 405: b"Not Allowed",
            410: b"Gone", 413: b"Too Large"}


class MediaHost:
    """Serves one :class:`MediaDesk` over HTTPS.

    Args:
        desk: the decisions and the blob index.
        ssl_context: the server context (the FakeServer's test CA).
    """

    __slots__ = ("_desk", "_folder", "_ssl")

    def __init__(self, desk: MediaDesk, ssl_context: ssl.SSLContext) -> None:
        self._desk = desk
        self._ssl = ssl_context
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    async def start(self, task_group: TaskGroup, *, host: str) -> None:
        """Listen on a free port of ``host`` and serve in ``task_group``; sets the desk's hostname."""
        self._folder = tempfile.TemporaryDirectory(prefix="waproto-media-")
        self._desk.folder = Path(self._folder.name)
        listener = await anyio.create_tcp_listener(local_host=host, local_port=0)
        address = listener.extra(SocketAttribute.local_address)  # noqa: S610 (anyio, not Django)
        shown = f"[{address[0]}]" if ":" in address[0] else address[0]
        self._desk.hostname = f"{shown}:{address[1]}"
        tls = TLSListener(listener, self._ssl, standard_compatible=False)
        task_group.start_soon(tls.serve, self._serve_connection)

    def close(self) -> None:
        """Forget the blobs and delete their files."""
        self._desk.hostname = ""
        self._desk.blobs.clear()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def store(self, blob: bytes, mms_type: str) -> dict[str, Any]:
        """Store a blob as if uploaded (the simulated phone's uploads); returns the upload JSON."""
        folder = self._require_folder()
        blob_id = self._desk.new_blob_id()
        path = folder / blob_id
        path.write_bytes(blob)
        return self._desk.commit_upload(blob_id, path, len(blob), mms_type)

    def _require_folder(self) -> Path:
        if self._desk.folder is None:
            raise RuntimeError("the media host is not running")
        return self._desk.folder

    # -- HTTP ---------------------------------------------------------------------------------

    async def _serve_connection(self, stream: ByteStream) -> None:
        conn = h11.Connection(h11.SERVER)
        try:
            async with stream:
                while True:
                    event = await _next_event(conn, stream)
                    if not isinstance(event, h11.Request):
                        return
                    await self._handle(conn, stream, event)
                    if conn.our_state is not h11.DONE or conn.their_state is not h11.DONE:
                        return
                    conn.start_next_cycle()
        except _ENDED as exc:
            _log.debug("media connection ended: %r", exc)

    async def _handle(self, conn: h11.Connection, stream: ByteStream, request: h11.Request) -> None:
        target = request.target.decode("latin-1")
        method = request.method.decode("latin-1")
        if method == "POST":
            await self._upload(conn, stream, target)
        elif method == "GET":
            await _drain(conn, stream)
            await self._download(conn, stream, target)
        else:
            await _drain(conn, stream)
            await _send_json(conn, stream, 405, {"error": f"no {method}"})

    async def _upload(self, conn: h11.Connection, stream: ByteStream, target: str) -> None:
        checked = self._desk.check_upload(target)
        if isinstance(checked, Refusal):
            await _drain(conn, stream)
            await _send_json(conn, stream, checked.status, checked.body())
            return
        mms_type, expected = checked
        blob_id = self._desk.new_blob_id()
        path = self._require_folder() / blob_id
        digest = hashlib.sha256()
        size = 0
        try:
            with path.open("wb") as file:
                while isinstance(event := await _next_event(conn, stream), h11.Data):
                    size += len(event.data)
                    if size > _MAX_UPLOAD:
                        break
                    digest.update(event.data)
                    file.write(event.data)
        except BaseException:
            path.unlink(missing_ok=True)  # the client went away mid-upload
            raise
        if size > _MAX_UPLOAD:
            path.unlink(missing_ok=True)
            await _send_json(conn, stream, 413, Refusal(413, "too large").body(), close=True)
            return
        if not isinstance(event, h11.EndOfMessage):
            path.unlink(missing_ok=True)
            raise h11.RemoteProtocolError("upload body ended early")
        if digest.digest() != expected:
            path.unlink(missing_ok=True)
            await _send_json(conn, stream, 400, Refusal(400, "hash mismatch").body())
            return
        await _send_json(conn, stream, 200, self._desk.commit_upload(blob_id, path, size, mms_type))

    async def _download(self, conn: h11.Connection, stream: ByteStream, target: str) -> None:
        found = self._desk.lookup(target)
        if isinstance(found, Refusal):
            await _send_json(conn, stream, found.status, found.body())
            return
        await _send(stream, conn, h11.Response(status_code=200, reason=b"OK", headers=[
            ("Content-Type", "application/octet-stream"), ("Content-Length", str(found.size))]))
        await self._stream_blob(conn, stream, found)
        await _send(stream, conn, h11.EndOfMessage())

    async def _stream_blob(self, conn: h11.Connection, stream: ByteStream, blob: Blob) -> None:
        desk = self._desk
        # A corrupted download flips one bit in the middle of the blob.
        flip_at = blob.size // 2 if desk.corrupt else -1
        offset = 0
        with blob.path.open("rb") as file:
            while chunk := file.read(_CHUNK):
                if offset <= flip_at < offset + len(chunk):
                    i = flip_at - offset
                    chunk = chunk[:i] + bytes([chunk[i] ^ 0x01]) + chunk[i + 1 :]
                offset += len(chunk)
                if desk.delay > 0:
                    await anyio.sleep(desk.delay)
                await _send(stream, conn, h11.Data(data=chunk))


async def _next_event(conn: h11.Connection, stream: ByteStream) -> Any:
    """The next h11 event, reading from the stream as needed (EOF is fed as ``b""``)."""
    while True:
        event = conn.next_event()
        if event is not h11.NEED_DATA:
            return event
        try:
            data = await stream.receive(_CHUNK)
        except anyio.EndOfStream:
            data = b""
        conn.receive_data(data)


async def _drain(conn: h11.Connection, stream: ByteStream) -> None:
    while not isinstance(await _next_event(conn, stream), h11.EndOfMessage | h11.ConnectionClosed):
        pass


async def _send(stream: ByteStream, conn: h11.Connection, event: Any) -> None:
    data = conn.send(event)
    if data:
        await stream.send(data)


async def _send_json(conn: h11.Connection, stream: ByteStream, status: int, payload: dict[str, Any], *,
                     close: bool = False) -> None:
    body = json.dumps(payload).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if close:
        headers.append(("Connection", "close"))
    await _send(stream, conn, h11.Response(status_code=status, reason=_REASONS.get(status, b"Error"),
                                           headers=headers))
    await _send(stream, conn, h11.Data(data=body))
    await _send(stream, conn, h11.EndOfMessage())

