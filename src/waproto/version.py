"""Which WA Web version to announce at login, and how to stay current without a release.

WhatsApp refuses a stale client at login with ``<failure reason="405">``. The
bundled :data:`DEFAULT_VERSION` ages; a :class:`VersionSource` reads the current
revision where WA Web itself publishes it, the ``client_revision`` in
``https://web.whatsapp.com/sw.js`` (the place Baileys' ``fetchLatestWaWebVersion``
reads), keeps the answer, and falls back to the bundled value when the fetch
fails. A client asks it again only after a 405, so one source shared by many
sessions (a ``SessionManager``'s config) fetches once for all of them.
"""

from __future__ import annotations

import re
import ssl
import urllib.request
from dataclasses import dataclass

import anyio

__all__ = [
    "DEFAULT_VERSION",
    "WA_WEB_SW_URL",
    "VersionInfo",
    "VersionSource",
    "format_version",
    "parse_client_revision",
]

#: The WA Web version announced when nothing newer is known: the newest of the
#: references checked (whatsmeow store/clientpayload.go ships 2.3000.1045649367;
#: Baileys 7.0.0-rc14 ships 2.3000.1043857760).
DEFAULT_VERSION = (2, 3000, 1045649367)
#: WA Web's service worker; its text names the current ``client_revision``.
WA_WEB_SW_URL = "https://web.whatsapp.com/sw.js"

#: Matches ``"client_revision":123`` as plain or escaped JSON inside the script.
_REVISION = re.compile(rb'\\?"client_revision\\?":\s*(\d+)')
#: The source is a script of a few hundred kB; more than this is not it.
_MAX_BODY = 8 << 20
#: Headers a browser sends for a top-level fetch; WA Web refuses bare clients.
_HEADERS = {
    "sec-fetch-site": "none",
    "user-agent": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    ),
}


def format_version(version: tuple[int, int, int]) -> str:
    """``2.3000.1045649367``."""
    return ".".join(map(str, version))


def parse_client_revision(body: bytes) -> int | None:
    """The ``client_revision`` named in WA Web's ``sw.js`` (or any text holding it), else None."""
    found = _REVISION.search(body)
    return int(found.group(1)) if found else None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """What a :class:`VersionSource` answered."""

    version: tuple[int, int, int]
    fetched: bool
    """True when read from the source now or earlier; False when it is the fallback."""
    error: str = ""
    """Why the fetch failed (empty when it did not)."""


class VersionSource:
    """The current WA Web version, read from ``sw.js`` once and kept.

    Args:
        url: where to read the revision (the FakeServer serves one on loopback).
        fallback: the version used while nothing could be read.
        timeout: seconds for one fetch.
        ssl_context: TLS settings for ``https://`` (None: the system default).

    Example::

        source = VersionSource()
        ClientConfig(version_source=source)  # refreshed after a 405, shared by sessions
    """

    __slots__ = ("_fetched", "_lock", "fallback", "ssl_context", "timeout", "url")

    def __init__(
        self,
        url: str = WA_WEB_SW_URL,
        *,
        fallback: tuple[int, int, int] = DEFAULT_VERSION,
        timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.url = url
        self.fallback = fallback
        self.timeout = timeout
        self.ssl_context = ssl_context
        self._fetched: tuple[int, int, int] | None = None
        self._lock: anyio.Lock | None = None

    @property
    def current(self) -> tuple[int, int, int]:
        """The best version known now, without any I/O."""
        return self._fetched or self.fallback

    async def latest(self, *, refused: tuple[int, int, int] | None = None) -> VersionInfo:
        """The current version, fetched unless one newer than ``refused`` is already known.

        Concurrent callers share one fetch: whoever waits on the lock finds the
        answer the first one stored. A failed fetch answers the fallback (or the
        last good answer) with the error; it never raises.
        """
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            known = self._fetched
            if known is not None and (refused is None or known > refused):
                return VersionInfo(known, fetched=True)
            try:
                body = await anyio.to_thread.run_sync(self._get)
            except (OSError, ValueError) as exc:
                return VersionInfo(self.current, fetched=known is not None, error=f"fetch failed: {exc}")
            revision = parse_client_revision(body)
            if revision is None:
                return VersionInfo(
                    self.current, fetched=known is not None, error="no client_revision in the answer"
                )
            self._fetched = (2, 3000, revision)
            return VersionInfo(self._fetched, fetched=True)

    def _get(self) -> bytes:
        """One blocking GET (run in a worker thread)."""
        request = urllib.request.Request(self.url, headers=_HEADERS)  # noqa: S310 (URL set by the app)
        with urllib.request.urlopen(request, timeout=self.timeout, context=self.ssl_context) as response:  # noqa: S310
            body: bytes = response.read(_MAX_BODY + 1)
        if len(body) > _MAX_BODY:
            raise ValueError(f"answer larger than {_MAX_BODY} bytes")
        return body
