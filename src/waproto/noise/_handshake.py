"""WhatsApp's Noise XX handshake, as the client (initiator) and as our test server (responder).

The three messages are ``HandshakeMessage`` protobufs rather than raw Noise
messages::

    -> clientHello{ephemeral}                       e
    <- serverHello{ephemeral, static, payload}      e, ee, s, es + CertChain
    -> clientFinish{static, payload}                s, se + ClientPayload

Unlike textbook Noise, the first message has no payload and hashes none.
Both classes are sans-I/O state machines: the caller frames and moves the bytes.
"""

from __future__ import annotations

import enum
import logging
import os
from typing import ClassVar

from waproto.crypto import KeyPair, RandomSource, agree, generate_keypair
from waproto.errors import CryptoError, HandshakeError, InvalidState
from waproto.noise._certs import WA_CERT_ROOT_PUBLIC_KEY, verify_cert_chain
from waproto.noise._framing import INTRO_MAGIC
from waproto.noise._state import NoiseTransport, SymmetricState
from waproto.proto import decode_message, wa_handshake_pb2

__all__ = ["SUPPORTED_DICT_VERSIONS", "NoiseInitiator", "NoiseResponder"]

logger = logging.getLogger("waproto.noise")

#: Dictionary versions the responder accepts in the client's intro (Baileys 6: 2; whatsmeow: 3).
SUPPORTED_DICT_VERSIONS = frozenset({2, 3})

_KEY_LEN = 32
_ENCRYPTED_KEY_LEN = _KEY_LEN + 16


class _Step(enum.Enum):
    """Where a handshake is; each public method is legal in exactly one step."""

    START = enum.auto()
    SENT_HELLO = enum.auto()
    GOT_HELLO = enum.auto()
    SENT_SERVER_HELLO = enum.auto()
    DONE = enum.auto()
    SPLIT = enum.auto()
    FAILED = enum.auto()


def _parse(data: bytes, field: str) -> wa_handshake_pb2.HandshakeMessage:
    message = decode_message(
        wa_handshake_pb2.HandshakeMessage, data, "HandshakeMessage", error=HandshakeError
    )
    if not message.HasField(field):
        raise HandshakeError(f"handshake message has no {field}")
    return message


def _public_key(data: bytes, what: str) -> bytes:
    if len(data) != _KEY_LEN:
        raise HandshakeError(f"{what} is {len(data)} bytes, expected 32")
    return data


def _dh(state: SymmetricState, private: bytes, public: bytes) -> None:
    try:
        state.mix_key(agree(private, public))
    except CryptoError as exc:
        raise HandshakeError(f"key agreement failed: {exc}") from None


def _decrypt(state: SymmetricState, ciphertext: bytes, what: str) -> bytes:
    try:
        return state.decrypt_and_hash(ciphertext)
    except CryptoError:
        raise HandshakeError(f"could not decrypt the {what}") from None


class _Handshake:
    """What both roles share: keys, the symmetric state and the step guard.

    A step that raises leaves the handshake FAILED, so nothing can be sent after
    a refused certificate or a message that did not decrypt.

    Attributes:
        remote_static: the peer's static public key once it has been read (and,
            on the client, once the certificate chain has vouched for it).
    """

    _initiator: ClassVar[bool]
    __slots__ = ("_ephemeral", "_remote_ephemeral", "_state", "_static", "_step", "remote_static")

    def __init__(self, static: KeyPair, prologue: bytes, ephemeral: KeyPair | None, random: RandomSource):
        self._static = static
        self._ephemeral = ephemeral if ephemeral is not None else generate_keypair(random)
        self._state = SymmetricState(prologue=prologue)
        self._step = _Step.START
        self._remote_ephemeral = b""
        self.remote_static: bytes | None = None

    @property
    def handshake_hash(self) -> bytes:
        """The transcript hash ``h`` (channel binding once the handshake is done)."""
        return self._state.h

    def _begin(self, expected: _Step, action: str) -> None:
        if self._step is not expected:
            raise InvalidState(f"cannot {action} in handshake step {self._step.name}")
        self._step = _Step.FAILED

    def transport(self) -> NoiseTransport:
        """The transport cipher pair, once the handshake is complete.

        Callable once: a second cipher over the same keys would reuse nonces.
        """
        self._begin(_Step.DONE, "split into the transport cipher")
        transport = self._state.split(initiator=self._initiator)
        self._step = _Step.SPLIT
        return transport


class NoiseInitiator(_Handshake):
    """The client side of the handshake.

    Call :meth:`client_hello`, :meth:`read_server_hello`, :meth:`client_finish`,
    then :meth:`transport`, in that order.

    Args:
        static: the device's long-term Noise key pair.
        prologue: the intro header sent before the first frame (``noise_prologue(dict_version)``).
        trusted_root: the root public key the server's certificate chain must lead to.
        ephemeral: a fixed ephemeral key pair, for tests; fresh by default.
        random: randomness for the ephemeral key.
    """

    _initiator = True
    __slots__ = ("_trusted_root",)

    def __init__(
        self,
        static: KeyPair,
        *,
        prologue: bytes,
        trusted_root: bytes = WA_CERT_ROOT_PUBLIC_KEY,
        ephemeral: KeyPair | None = None,
        random: RandomSource = os.urandom,
    ) -> None:
        super().__init__(static, prologue, ephemeral, random)
        self._trusted_root = trusted_root

    def client_hello(self) -> bytes:
        """The serialized first message, carrying our ephemeral key."""
        self._begin(_Step.START, "write the client hello")
        self._state.mix_hash(self._ephemeral.public)
        hello = wa_handshake_pb2.HandshakeMessage.ClientHello(ephemeral=self._ephemeral.public)
        self._step = _Step.SENT_HELLO
        return wa_handshake_pb2.HandshakeMessage(clientHello=hello).SerializeToString()

    def read_server_hello(self, data: bytes, *, now: float) -> None:
        """Process the server's reply: learn its static key and verify its certificate chain.

        Args:
            data: the serialized ``HandshakeMessage`` from the server.
            now: the current time in Unix seconds, for the certificate windows.

        Raises:
            HandshakeError: the message is malformed or does not decrypt.
            CertificateError: the certificate chain is refused.
        """
        self._begin(_Step.SENT_HELLO, "read the server hello")
        hello = _parse(data, "serverHello").serverHello
        state = self._state
        self._remote_ephemeral = _public_key(hello.ephemeral, "server ephemeral key")
        state.mix_hash(self._remote_ephemeral)
        _dh(state, self._ephemeral.private, self._remote_ephemeral)
        if len(hello.static) != _ENCRYPTED_KEY_LEN:
            raise HandshakeError(f"encrypted server static key is {len(hello.static)} bytes, expected 48")
        server_static = _decrypt(state, hello.static, "server static key")
        _dh(state, self._ephemeral.private, server_static)
        chain = _decrypt(state, hello.payload, "certificate chain")
        verify_cert_chain(chain, server_static, root_public=self._trusted_root, now=now)
        self.remote_static = server_static
        self._step = _Step.GOT_HELLO
        logger.debug("server hello verified, server static %s", server_static.hex())

    def client_finish(self, payload: bytes) -> bytes:
        """The serialized last message: our static key and the encrypted ``ClientPayload``."""
        self._begin(_Step.GOT_HELLO, "write the client finish")
        state = self._state
        encrypted_static = state.encrypt_and_hash(self._static.public)
        _dh(state, self._static.private, self._remote_ephemeral)
        finish = wa_handshake_pb2.HandshakeMessage.ClientFinish(
            static=encrypted_static, payload=state.encrypt_and_hash(payload)
        )
        self._step = _Step.DONE
        return wa_handshake_pb2.HandshakeMessage(clientFinish=finish).SerializeToString()


class NoiseResponder(_Handshake):
    """The server side of the handshake, for the test server.

    Call :meth:`read_client_hello`, :meth:`server_hello`,
    :meth:`read_client_finish`, then :meth:`transport`, in that order.

    Args:
        static: the server's static key pair (the leaf key of ``cert_chain``).
        cert_chain: the serialized ``CertChain`` sent to the client (see ``make_cert_chain``).
        prologue: the intro header the client sent (``FrameDecoder.prologue``);
            its dictionary version must be in :data:`SUPPORTED_DICT_VERSIONS`.
        ephemeral: a fixed ephemeral key pair, for tests; fresh by default.
        random: randomness for the ephemeral key.

    Raises:
        HandshakeError: the prologue is not a supported ``WA 06 <dict>`` intro.
    """

    _initiator = False
    __slots__ = ("_cert_chain",)

    def __init__(
        self,
        static: KeyPair,
        cert_chain: bytes,
        *,
        prologue: bytes,
        ephemeral: KeyPair | None = None,
        random: RandomSource = os.urandom,
    ) -> None:
        if (
            len(prologue) != len(INTRO_MAGIC) + 1
            or not prologue.startswith(INTRO_MAGIC)
            or prologue[-1] not in SUPPORTED_DICT_VERSIONS
        ):
            raise HandshakeError(f"unsupported connection intro {prologue.hex()}")
        super().__init__(static, prologue, ephemeral, random)
        self._cert_chain = cert_chain

    def read_client_hello(self, data: bytes) -> None:
        """Take the client's ephemeral key from its first message."""
        self._begin(_Step.START, "read the client hello")
        hello = _parse(data, "clientHello").clientHello
        self._remote_ephemeral = _public_key(hello.ephemeral, "client ephemeral key")
        self._state.mix_hash(self._remote_ephemeral)
        self._step = _Step.GOT_HELLO

    def server_hello(self) -> bytes:
        """The serialized reply: our ephemeral, our encrypted static key and the certificate chain."""
        self._begin(_Step.GOT_HELLO, "write the server hello")
        state = self._state
        state.mix_hash(self._ephemeral.public)
        _dh(state, self._ephemeral.private, self._remote_ephemeral)
        encrypted_static = state.encrypt_and_hash(self._static.public)
        _dh(state, self._static.private, self._remote_ephemeral)
        hello = wa_handshake_pb2.HandshakeMessage.ServerHello(
            ephemeral=self._ephemeral.public,
            static=encrypted_static,
            payload=state.encrypt_and_hash(self._cert_chain),
        )
        self._step = _Step.SENT_SERVER_HELLO
        return wa_handshake_pb2.HandshakeMessage(serverHello=hello).SerializeToString()

    def read_client_finish(self, data: bytes) -> tuple[bytes, bytes]:
        """Decrypt the client's static key and payload.

        Returns:
            ``(client static public key, decrypted ClientPayload bytes)``.

        Raises:
            HandshakeError: the message is malformed or does not decrypt.
        """
        self._begin(_Step.SENT_SERVER_HELLO, "read the client finish")
        finish = _parse(data, "clientFinish").clientFinish
        state = self._state
        if len(finish.static) != _ENCRYPTED_KEY_LEN:
            raise HandshakeError(f"encrypted client static key is {len(finish.static)} bytes, expected 48")
        client_static = _decrypt(state, finish.static, "client static key")
        _dh(state, self._ephemeral.private, client_static)
        payload = _decrypt(state, finish.payload, "client payload")
        self.remote_static = client_static
        self._step = _Step.DONE
        return client_static, payload
