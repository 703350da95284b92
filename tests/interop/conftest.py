"""Interop harness: npm packages installed into a cache folder, Node peers over JSON lines.

``npm_install(package_dir)`` installs the dependencies of a ``package.json`` once
into ``~/.cache/waproto-interop/<hash of package.json>`` (``WAPROTO_INTEROP_CACHE``
overrides the root) and returns that folder. Tests skip, with the reason, only
when ``node`` or ``npm`` is not on the machine; a failing ``npm install`` fails.

``NodePeer(script, cwd)`` runs one long-lived ``node`` subprocess that answers one
JSON object per line on stdout to each JSON request on stdin, with a timeout on
every call.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

NODE_DIR = Path(__file__).resolve().parent / "node"
NPM_INSTALL_TIMEOUT = 600.0
CALL_TIMEOUT = 60.0


def node_tools() -> tuple[str, str]:
    """Paths of ``node`` and ``npm``; skips the calling test when either is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("interop tests need node and npm on PATH (not found)")
    return node, npm


def _cache_root() -> Path:
    configured = os.environ.get("WAPROTO_INTEROP_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "waproto-interop"


def npm_install(package_dir: Path) -> Path:
    """Install ``package_dir/package.json``'s dependencies into the cache; return the install folder.

    The folder name is a hash of package.json, so a changed file gets a fresh
    install. The install happens in a temporary folder that is renamed into place,
    so parallel test runs never see half an install.
    """
    _node, npm = node_tools()
    manifest = (package_dir / "package.json").read_bytes()
    target = _cache_root() / hashlib.sha256(manifest).hexdigest()[:16]
    if (target / "node_modules").is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=target.parent))
    try:
        (staging / "package.json").write_bytes(manifest)
        result = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
            cwd=staging,
            capture_output=True,
            text=True,
            timeout=NPM_INSTALL_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"npm install failed in {package_dir} ({result.returncode}):\n{result.stderr[-4000:]}"
            )
        try:
            staging.rename(target)
        except OSError:
            if not (target / "node_modules").is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


class NodePeerError(AssertionError):
    """The Node side answered a request with an error."""


class NodePeer:
    """A Node subprocess answering JSON-line requests; every call is bounded by a timeout."""

    def __init__(
        self, script: Path, cwd: Path, *, timeout: float = CALL_TIMEOUT, env: dict[str, str] | None = None
    ) -> None:
        node, _npm = node_tools()
        self._timeout = timeout
        self._next_id = 0
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=50)
        self._process = subprocess.Popen(
            [node, str(script)],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_PATH": str(cwd / "node_modules"), **(env or {})},
        )
        threading.Thread(target=self._pump, args=(self._process.stdout, self._lines.put), daemon=True).start()
        threading.Thread(
            target=self._pump, args=(self._process.stderr, self._stderr.append), daemon=True
        ).start()
        ready = self._read()
        assert ready.get("ready"), ready

    @staticmethod
    def _pump(stream: Any, sink: Any) -> None:
        for line in stream:
            sink(line.rstrip("\n"))
        sink(None)

    def _read(self) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=self._timeout)
        except queue.Empty:
            raise TimeoutError(
                f"node peer gave no answer in {self._timeout} s; stderr: {self.stderr}"
            ) from None
        if line is None:
            raise NodePeerError(f"node peer exited ({self._process.poll()}); stderr: {self.stderr}")
        reply: dict[str, Any] = json.loads(line)
        return reply

    @property
    def stderr(self) -> str:
        return "\n".join(line for line in self._stderr if line is not None)

    def call(self, cmd: str, **args: Any) -> dict[str, Any]:
        """Send one request and return the reply; a Node-side error raises :class:`NodePeerError`."""
        self._next_id += 1
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps({"id": self._next_id, "cmd": cmd, **args}) + "\n")
        self._process.stdin.flush()
        reply = self._read()
        assert reply.get("id") == self._next_id, reply
        if not reply.get("ok"):
            raise NodePeerError(reply.get("error", "unknown error"))
        return reply

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(timeout=10)


@pytest.fixture(scope="session")
def node_packages() -> Path:
    """The install folder of ``tests/interop/node/package.json`` (libsignal 6.0.0, Baileys 6.17.16)."""
    return npm_install(NODE_DIR)


@pytest.fixture
def signal_peer(node_packages: Path) -> Iterator[NodePeer]:
    """A fresh libsignal-node peer (``node/signal_peer.js``) for one test."""
    peer = NodePeer(NODE_DIR / "signal_peer.js", node_packages)
    try:
        yield peer
    finally:
        peer.close()
