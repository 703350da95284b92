"""The ``waproto`` command: pair, listen, send, run the demo or the test server.

Every command that talks to a server takes ``--store PATH`` (SQLite, default
``./waproto.db``), ``--device`` (which device of that database), ``--server-url``
and, for a test server, ``--trust-root HEX`` and ``--ca-file PEM``.
"""

from __future__ import annotations

import argparse
import json
import logging
import mimetypes
import sys
import traceback
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import anyio

from waproto.client import Client
from waproto.config import DEFAULT_URL, ClientConfig
from waproto.errors import ConfigError, JIDError, WAError
from waproto.events import (
    Connected,
    Disconnected,
    Event,
    LoggedOut,
    Message,
    PairingCode,
    PairSuccess,
    QRCode,
)
from waproto.jid import as_recipient
from waproto.messaging.send import SendResult
from waproto.store import SQLiteStore
from waproto.transport import ssl_context_from_ca_file

__all__ = ["main", "render_qr"]


def render_qr(data: str) -> str:
    """The QR code of ``data`` as terminal text, or the raw string when segno is not installed.

    segno (in the ``qr`` extra) is small, pure Python and has no dependencies,
    so it is optional: the library works without it and scripts get the string.
    """
    try:
        import segno
    except ImportError:
        return f"(install waproto[qr] to draw the QR code)\n{data}"
    rows = [tuple(row) for row in segno.make(data, error="l", micro=False).matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append((0,) * len(rows[0]))
    lines = []
    # Two matrix rows per text line, with half blocks: a QR code that fits a terminal.
    for top, bottom in zip(rows[0::2], rows[1::2], strict=True):
        line = "".join(" ▄▀█"[(t << 1 | b) ^ 3] for t, b in zip(top, bottom, strict=True))
        lines.append("  " + line)
    return "\n".join(lines)


def _config(args: argparse.Namespace) -> ClientConfig:
    overrides: dict[str, Any] = {"url": args.server_url}
    if args.trust_root:
        overrides["trust_root"] = args.trust_root
    if args.ca_file:
        overrides["ssl_context"] = ssl_context_from_ca_file(args.ca_file)
    return ClientConfig(**overrides)


def _emit_json(kind: str, **fields: object) -> None:
    # Emoji and other text stay readable: JSON is UTF-8, not ASCII escapes.
    sys.stdout.write(json.dumps({"event": kind, **fields}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _status(text: str) -> None:
    """A line for people: on stderr, so stdout stays machine-readable."""
    print(text, file=sys.stderr, flush=True)


def _quoted_id(message: Message) -> str | None:
    """The id of the message this one replies to, from whichever content carries the context."""
    for _, content in message.message.ListFields():
        context = getattr(content, "contextInfo", None)
        if context is not None and context.stanzaId:
            return str(context.stanzaId)
    return None


def _event_as_json(event: Event, file: str | None = None) -> None:
    if isinstance(event, QRCode):
        _emit_json("qr", code=event.code)
    elif isinstance(event, PairingCode):
        _emit_json("pairing_code", code=event.code)
    elif isinstance(event, Connected):
        _emit_json("connected")
    elif isinstance(event, Message):
        info = event.info
        _emit_json(
            "message",
            **{
                "from": str(info.sender),
                "sender": str(info.sender),
                "sender_alt": None if info.sender_alt is None else str(info.sender_alt),
                "chat": str(info.chat),
                "chat_alt": None if info.chat_alt is None else str(info.chat_alt),
                "id": info.id,
                "text": event.text,
                "t": info.timestamp,
                "push_name": info.push_name,
                "is_group": info.is_group,
                "from_me": info.is_from_me,
                "quoted_id": _quoted_id(event),
                **_media_fields(event, file),
            },
        )
    elif isinstance(event, Disconnected):
        _emit_json("disconnected", code=event.code, reason=event.reason.name.lower())
    elif isinstance(event, LoggedOut):
        _emit_json("logged_out", reason=event.reason)


def _media_fields(event: Message, file: str | None) -> dict[str, object]:
    media = event.media
    if media is None:
        return {}
    fields: dict[str, object] = {"media": media.kind.value, "mimetype": media.mimetype, "size": media.size}
    if media.caption:
        fields["caption"] = media.caption
    if media.filename:
        fields["filename"] = media.filename
    fields["file"] = file
    return fields


def _event_as_text(event: Event, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if isinstance(event, QRCode):
        scan = "Scan this QR code with WhatsApp > Linked devices:\n"
        print(scan + render_qr(event.code), file=out, flush=True)
    elif isinstance(event, PairingCode):
        print(f"Enter this code on your phone: {event.code}", file=out, flush=True)
    elif isinstance(event, PairSuccess):
        print(f"Paired as {event.jid}", file=out, flush=True)
    elif isinstance(event, Connected):
        print("Connected.", file=out, flush=True)
    elif isinstance(event, Message):
        print(f"{event.info.sender} [{event.info.chat}]: {event.text}", file=out, flush=True)
    elif isinstance(event, Disconnected):
        print(f"Disconnected: {event.code} {event.reason.name.lower()} {event.detail}", file=out, flush=True)
    elif isinstance(event, LoggedOut):
        print("Logged out.", file=out, flush=True)


async def _with_client(args: argparse.Namespace, body: Callable[[Client], Awaitable[None]]) -> None:
    config = _config(args)  # refuses bad settings before the store file is created
    store = await SQLiteStore.open(args.store)
    try:
        client = Client(store, device=args.device, config=config)
        # A command's result goes to stdout; for ``send`` the events are status (stderr).
        text_out = sys.stderr if args.command == "send" else sys.stdout
        show = _event_as_json if getattr(args, "json", False) else partial(_event_as_text, out=text_out)
        saving = getattr(args, "download_dir", None) is not None

        def on_event(event: Event) -> None:
            # With --download-dir a media message is reported once its file is saved.
            if not (saving and isinstance(event, Message) and event.media is not None):
                show(event)

        client.add_handler(Event, on_event)
        await client.run_until_signal(body)
    finally:
        await store.close()


async def _pair(args: argparse.Namespace) -> None:
    async def body(client: Client) -> None:
        if client.is_paired:
            _status(f"Already paired as {client.own_jid}.")
            return
        if args.phone:
            await client.request_pairing_code(args.phone)
        await client.wait_connected(args.timeout)

    await _with_client(args, body)


async def _listen(args: argparse.Namespace) -> None:
    async def body(client: Client) -> None:
        if args.download_dir is not None:
            args.download_dir.mkdir(parents=True, exist_ok=True)
            client.add_handler(Message, partial(_save_media, client, args.download_dir, args.json))
        await client.run_forever()
        decision = client.stop_decision
        if decision is not None:
            # Logged out, replaced or failed: a supervisor should restart or alert.
            raise _SessionEnded(f"session ended: {decision.action.value}: {decision.reason}")

    await _with_client(args, body)


async def _save_media(client: Client, folder: Path, as_json: bool, event: Message) -> None:
    """Download a received file into ``folder`` (named after the message id) and report its path."""
    media = event.media
    if media is None:
        return
    path: Path | None = folder / f"{event.info.id}{media.extension}"
    try:
        await client.download_media(event, to=path)
    except WAError as exc:
        logging.getLogger("waproto.cli").warning("could not save media of %s: %s", event.info.id, exc)
        path = None
    if as_json:
        _event_as_json(event, None if path is None else str(path))
    else:
        _event_as_text(event)
        print(f"  saved {media.kind.value} to {path}" if path else "  (media not saved)", flush=True)


async def _send(args: argparse.Namespace) -> None:
    to = str(as_recipient(args.to))  # a bad recipient is a usage error, found before connecting

    async def body(client: Client) -> None:
        if not client.is_paired:
            raise WAError(f"{args.store} has no paired device {args.device!r}: run `waproto pair` first")
        if args.file is None:
            result = await client.send_text(to, args.text)
        else:
            result = await _send_file(client, to, args.file, args.caption or args.text, ptt=args.ptt)
        _emit_json("sent", id=result.id, t=result.timestamp)

    with anyio.fail_after(args.timeout):
        await _with_client(args, body)


async def _send_file(client: Client, to: str, path: Path, caption: str | None, *, ptt: bool) -> SendResult:
    """Send a file as the kind its mimetype suggests (image, video, audio, else document)."""
    kind = (mimetypes.guess_type(path.name, strict=False)[0] or "").split("/", 1)[0]
    if ptt or kind == "audio":
        return await client.send_audio(to, path, ptt=ptt)
    if kind == "image":
        return await client.send_image(to, path, caption=caption)
    if kind == "video":
        return await client.send_video(to, path, caption=caption)
    return await client.send_document(to, path, caption=caption)


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", type=Path, default=Path("waproto.db"), help="SQLite store (default ./waproto.db)"
    )
    parser.add_argument("--device", default="default", help="device id in the store (default 'default')")
    parser.add_argument("--server-url", default=DEFAULT_URL, help=f"websocket URL (default {DEFAULT_URL})")
    parser.add_argument("--trust-root", help="hex root public key of a test server's certificate chain")
    parser.add_argument(
        "--ca-file", type=Path, help="CA certificate (PEM) of a test server's wss:// and media hosts"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log at DEBUG level, show tracebacks")


def build_parser() -> argparse.ArgumentParser:
    """The ``waproto`` argument parser."""
    parser = argparse.ArgumentParser(prog="waproto", description="WhatsApp Web multi-device client.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="pair two clients with a local server and chat")
    demo.add_argument(
        "--messages", type=int, default=200, help="messages in the throughput burst (default 200)"
    )
    demo.add_argument("--verbose", "-v", action="store_true", help="log at DEBUG level, show tracebacks")
    pair = commands.add_parser("pair", help="link this device: show a QR code (or a code with --phone)")
    _add_connection_options(pair)
    pair.add_argument("--phone", help="link with a pairing code for this phone number instead of a QR code")
    pair.add_argument(
        "--timeout", type=float, default=300.0, help="seconds to wait for the scan (default 300)"
    )
    pair.add_argument("--json", action="store_true", help="events (the QR string too) as JSON lines")
    listen = commands.add_parser("listen", help="print events until interrupted")
    _add_connection_options(listen)
    listen.add_argument("--json", action="store_true", help="one JSON object per line")
    listen.add_argument(
        "--download-dir", type=Path, help="save received media here (the JSON event names it as 'file')"
    )
    send = commands.add_parser("send", help="send a text message or a file")
    _add_connection_options(send)
    send.add_argument("--to", required=True, help="recipient: a JID or a phone number (+1 555 123 4567)")
    content = send.add_mutually_exclusive_group(required=True)
    content.add_argument("--text")
    content.add_argument("--file", type=Path, help="send this file (image, video, audio or document)")
    send.add_argument("--caption", help="caption of an image, video or document")
    send.add_argument("--ptt", action="store_true", help="send an audio file as a voice note")
    send.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to connect and send before failing (default 60)"
    )
    commands.add_parser("fake-server", help="run the local WhatsApp-like test server", add_help=False)
    return parser


class _SessionEnded(Exception):
    """The session stopped for good (logged out, replaced, failed): exit non-zero."""


#: Exit status for a mistake in the arguments (argparse's own), and for any other failure.
_EXIT_USAGE = 2
_EXIT_FAILURE = 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``waproto`` console script; returns the exit status.

    Logs at INFO to stderr (DEBUG with ``--verbose``). A failure is one line on stderr and
    exit status 1 (2 for bad arguments); ``--verbose`` adds the traceback. SIGINT and
    SIGTERM close the client cleanly and exit 0.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fake-server"]:
        from waproto.testing import cli_main

        return cli_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "demo":
        from waproto.demo import run_demo

        command: Callable[[argparse.Namespace], Awaitable[None]] = run_demo
    else:
        command = {"pair": _pair, "listen": _listen, "send": _send}[args.command]
    try:
        anyio.run(command, args)
    except KeyboardInterrupt:
        return 0
    except BaseException as raised:
        error = _single(raised)
        if isinstance(error, SystemExit | KeyboardInterrupt):
            raise
        if args.verbose:
            traceback.print_exception(raised)
        if isinstance(error, ConfigError | JIDError):
            parser.exit(_EXIT_USAGE, f"{parser.prog}: error: {error}\n")
        print(f"{parser.prog}: error: {_describe(error)}", file=sys.stderr, flush=True)
        return _EXIT_FAILURE
    return 0


def _single(error: BaseException) -> BaseException:
    """The one exception inside nested single-member exception groups (task groups wrap)."""
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    return error


def _describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, TimeoutError) and not isinstance(error, WAError):
        return "timed out (see --timeout)"
    return text.splitlines()[0]
