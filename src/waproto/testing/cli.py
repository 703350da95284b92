"""``waproto fake-server``: run the test server from the command line.

Prints one JSON line ``{"ws_url", "control_url", "root_public_key", "media_host",
"ca_file"}``, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import anyio

from waproto.testing.config import FakeServerConfig
from waproto.testing.server import FakeServer

__all__ = ["build_parser", "cli_main", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``waproto fake-server``."""
    parser = argparse.ArgumentParser(
        prog="waproto fake-server", description="A WhatsApp-like server on loopback."
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="websocket port; 0 picks a free one")
    parser.add_argument("--control-port", type=int, default=0, help="control API port; 0 picks a free one")
    parser.add_argument("--tls", action="store_true", help="serve wss:// with a generated test CA")
    parser.add_argument("--ca-file", type=Path, help="where to write the test CA (wss:// and media host)")
    parser.add_argument(
        "--account", action="append", default=[], help="create this account at start (repeatable)"
    )
    parser.add_argument(
        "--silent-phone",
        action="store_true",
        help="phones send linked devices no app-state key, history or app-state changes",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log at INFO level to stderr")
    return parser


async def run(args: argparse.Namespace) -> None:
    """Start the server, print the JSON line, serve until cancelled."""
    config = FakeServerConfig(
        host=args.host,
        port=args.port,
        control_port=args.control_port,
        tls=args.tls,
        phone_sync=not args.silent_phone,
    )
    async with FakeServer(config) as server:
        for phone in args.account:
            server.create_account(phone)
        info: dict[str, str | None] = {
            "ws_url": server.ws_url,
            "control_url": server.control_url,
            "root_public_key": server.root_public_key.hex(),
            "media_host": server.media_host,
        }
        # The CA signs the media host's certificate too, so it is written with or without --tls.
        ca_file = args.ca_file or Path(tempfile.mkdtemp(prefix="waproto-ca-")) / "ca.pem"
        info["ca_file"] = str(server.write_ca_pem(ca_file))
        sys.stdout.write(json.dumps(info) + "\n")
        sys.stdout.flush()
        await server.serve_forever()


def cli_main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse ``argv`` and serve until Ctrl-C; returns the exit status."""
    args = build_parser().parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        anyio.run(run, args)
    return 0
