"""The FakeServer's media host: ``media_conn`` answers, blob index and media faults, no I/O.

WhatsApp clients ask ``<iq xmlns=w:m><media_conn/>`` for an upload auth token and a list
of hosts, ``POST`` encrypted blobs to ``https://<host>/mms/<type>/<token>?auth=…`` and get
JSON with ``url`` and ``direct_path`` back; receivers ``GET https://<host><direct_path>``.
The desk below decides every answer; :mod:`waproto.testing.mediahost` moves the bytes
over HTTPS (h11 on anyio, same test CA as the server's ``wss://``) and keeps the blobs in
files. Blobs stay opaque: the host checks only that an upload's SHA-256 matches its token,
as the real host's token is that hash.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from waproto.binary import Node
from waproto.testing.faults import Fault, FaultKind

__all__ = ["MEDIA_FAULTS", "Blob", "MediaDesk", "Refusal"]

#: Faults the media host applies (to itself, not to connections).
MEDIA_FAULTS = frozenset({FaultKind.MEDIA_EXPIRED, FaultKind.MEDIA_CORRUPT, FaultKind.MEDIA_SLOW,
                          FaultKind.MEDIA_ROTATE_AUTH})

#: Upload path segments WhatsApp clients use (whatsmeow mediaTypeToMMSType, Baileys MEDIA_PATH_MAP).
_MMS_TYPES = frozenset({"image", "video", "audio", "document", "ptt", "gif", "sticker", "md-msg-hist",
                        "md-app-state", "thumbnail-link", "sticker-pack", "ppic", "product"})


@dataclass(slots=True)
class Blob:
    """One stored upload."""

    blob_id: str
    path: Path
    size: int
    mms_type: str
    expired: int | None = None
    """HTTP status downloads get once the blob expired (404 or 410), else None."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """An HTTP error answer: status and a JSON body."""

    status: int
    reason: str

    def body(self) -> dict[str, Any]:
        """The JSON the host answers with."""
        return {"status": self.status, "error": self.reason}


def _token_hash(token: str) -> bytes | None:
    # whatsmeow keeps the base64url padding, Baileys strips it: accept both.
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None


class MediaDesk:
    """Auth tokens, the blob index and the sticky media faults of one FakeServer.

    Args:
        random: randomness for auth tokens and blob ids.
        ttl: seconds clients may cache the ``media_conn`` answer.
    """

    __slots__ = ("_random", "auth", "blobs", "conn_requests", "corrupt", "delay", "folder", "hostname",
                 "ttl", "uploads")

    def __init__(self, random: Callable[[int], bytes], *, ttl: int) -> None:
        self._random = random
        self.ttl = ttl
        self.auth = self._new_auth()
        self.hostname = ""
        """``host:port`` of the HTTPS listener; empty while it is not running."""
        self.folder: Path | None = None
        """Where blob files live while the host runs."""
        self.blobs: dict[str, Blob] = {}
        self.corrupt = False
        self.delay = 0.0
        self.conn_requests = 0
        """``media_conn`` iqs answered (tests check caching with it)."""
        self.uploads = 0

    def _new_auth(self) -> str:
        return base64.urlsafe_b64encode(self._random(24)).decode().rstrip("=")

    # -- media_conn ---------------------------------------------------------------------------

    def media_conn(self) -> Node | None:
        """The ``<media_conn>`` child of the iq answer, or None while no host listens."""
        if not self.hostname:
            return None
        self.conn_requests += 1
        attrs = {"auth": self.auth, "ttl": str(self.ttl), "auth_ttl": str(self.ttl), "max_buckets": "12"}
        return Node("media_conn", attrs, [Node("host", {"hostname": self.hostname})])

    # -- uploads ------------------------------------------------------------------------------

    def check_upload(self, target: str) -> tuple[str, bytes] | Refusal:
        """Validate ``POST /mms/<type>/<token>?auth=…``; returns ``(mms_type, expected SHA-256)``."""
        parts = urlsplit(target)
        segments = parts.path.split("/")
        if len(segments) != 4 or segments[1] != "mms" or segments[2] not in _MMS_TYPES:
            return Refusal(404, "unknown upload path")
        auth = parse_qs(parts.query).get("auth", [""])[0]
        if auth != self.auth:
            return Refusal(401, "bad or stale auth")
        expected = _token_hash(segments[3])
        if expected is None or len(expected) != 32:
            return Refusal(400, "token is not a base64url SHA-256")
        return segments[2], expected

    def new_blob_id(self) -> str:
        """A fresh id for an upload in progress."""
        return self._random(12).hex()

    def commit_upload(self, blob_id: str, path: Path, size: int, mms_type: str) -> dict[str, Any]:
        """Index a received blob; returns the JSON WhatsApp answers an upload with."""
        self.blobs[blob_id] = Blob(blob_id, path, size, mms_type)
        self.uploads += 1
        direct_path = f"/v/t62.7118-24/{blob_id}.enc?ccb=11-4&oh=01_{self._random(8).hex()}&mms3=true"
        return {
            "url": f"https://{self.hostname}{direct_path}",
            "direct_path": direct_path,
            "handle": self._random(16).hex(),
            "object_id": blob_id,
        }

    def reupload(self, blob_id: str) -> str | None:
        """A phone uploads a blob again: the same bytes under a new, unexpired direct path."""
        blob = self.blobs.get(blob_id)
        if blob is None:
            return None
        answer = self.commit_upload(self.new_blob_id(), blob.path, blob.size, blob.mms_type)
        return str(answer["direct_path"])

    # -- downloads ----------------------------------------------------------------------------

    def lookup(self, target: str) -> Blob | Refusal:
        """Find the blob a ``GET <direct_path>[&hash…]`` names."""
        path = urlsplit(target).path
        prefix, _, name = path.rpartition("/")
        blob = self.blobs.get(name.removesuffix(".enc")) if prefix.startswith("/v/") else None
        if blob is None:
            return Refusal(404, "no such media")
        if blob.expired is not None:
            return Refusal(blob.expired, "media expired")
        return blob

    # -- faults -------------------------------------------------------------------------------

    def apply_fault(self, fault: Fault) -> int:
        """Apply a media fault; returns how many blobs it touched (1 for host-wide flags)."""
        kind = fault.kind
        if kind is FaultKind.MEDIA_EXPIRED:
            status = fault.code or 410
            for blob in self.blobs.values():
                blob.expired = status
            return len(self.blobs)
        if kind is FaultKind.MEDIA_CORRUPT:
            self.corrupt = True
        elif kind is FaultKind.MEDIA_SLOW:
            self.delay = fault.delay
        elif kind is FaultKind.MEDIA_ROTATE_AUTH:
            self.auth = self._new_auth()
        else:
            self.corrupt, self.delay = False, 0.0
        return 1
