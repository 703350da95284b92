"""waproto: a pure-Python client for the WhatsApp Web multi-device protocol."""

from __future__ import annotations

import logging

from waproto.errors import WAError

__all__ = ["WAError", "__version__"]

__version__ = "0.1.0"

logging.getLogger("waproto").addHandler(logging.NullHandler())
