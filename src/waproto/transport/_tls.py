"""TLS contexts for the websocket transport.

One ``SSLContext`` serves every connection of a process: a context holds the
parsed CA store (hundreds of KiB), so building one per session would cost more
than the sessions themselves.
"""

from __future__ import annotations

import functools
import ssl
from pathlib import Path

__all__ = ["shared_ssl_context", "ssl_context_from_ca_file"]


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """Return the process-wide default client context, created on first use.

    It verifies server certificates against the system CA store and checks
    host names, as ``ssl.create_default_context()`` does.
    """
    return ssl.create_default_context()


def ssl_context_from_ca_file(path: str | Path) -> ssl.SSLContext:
    """Build a client context that trusts only the CA certificates in ``path`` (PEM).

    Used to reach a local test server whose certificate a private CA signed.

    Raises:
        OSError: the file cannot be read.
        ssl.SSLError: the file holds no usable certificate.
    """
    return ssl.create_default_context(cafile=str(path))
