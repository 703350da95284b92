"""Session state and the session record that holds the current and previous states.

The objects here are plain slotted containers. The ratchet functions in
``_ratchet`` copy a state before changing it, so a record the caller holds is never
changed behind its back: a failed decrypt leaves it exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waproto.crypto import KeyPair
from waproto.errors import DecodeError
from waproto.proto import decode_message
from waproto.proto import signal_records_pb2 as pb

__all__ = [
    "MAX_PREVIOUS_STATES",
    "MAX_RECEIVER_CHAINS",
    "MAX_SKIPPED_KEYS",
    "Chain",
    "PendingPreKey",
    "SessionRecord",
    "SessionState",
]

#: Archived session states kept per address (libsignal's ARCHIVED_STATES_MAX_LENGTH).
MAX_PREVIOUS_STATES = 40
#: Receiving chains kept per state; older ones only hold keys of long-lost messages (libsignal Java).
MAX_RECEIVER_CHAINS = 5
#: Skipped message keys kept per chain, and how far ahead a counter may jump (libsignal: 2,000).
MAX_SKIPPED_KEYS = 2000

_RECORD_VERSION = 1


@dataclass(slots=True)
class Chain:
    """A symmetric-ratchet chain: its name (the ratchet key), next key and skipped keys."""

    ratchet_key: bytes
    chain_key: bytes | None
    next_index: int = 0
    skipped: dict[int, bytes] = field(default_factory=dict)

    def copy(self) -> Chain:
        return Chain(self.ratchet_key, self.chain_key, self.next_index, dict(self.skipped))


@dataclass(frozen=True, slots=True)
class PendingPreKey:
    """The prekey ids and base key the initiator repeats until the peer answers."""

    prekey_id: int | None
    signed_prekey_id: int
    base_key: bytes
    local_registration_id: int


@dataclass(slots=True)
class SessionState:
    """One double-ratchet session with a peer device (libsignal-node's ``SessionEntry``)."""

    remote_registration_id: int
    local_identity: bytes
    remote_identity: bytes
    root_key: bytes
    base_key: bytes
    base_key_ours: bool
    ratchet: KeyPair
    remote_ratchet_key: bytes
    previous_counter: int = 0
    sender_chain: Chain | None = None
    receiver_chains: list[Chain] = field(default_factory=list)
    pending_prekey: PendingPreKey | None = None

    def copy(self) -> SessionState:
        """A copy whose chains can be changed without touching this state."""
        return SessionState(
            self.remote_registration_id,
            self.local_identity,
            self.remote_identity,
            self.root_key,
            self.base_key,
            self.base_key_ours,
            self.ratchet,
            self.remote_ratchet_key,
            self.previous_counter,
            self.sender_chain.copy() if self.sender_chain else None,
            [chain.copy() for chain in self.receiver_chains],
            self.pending_prekey,
        )

    def receiver_chain(self, ratchet_key: bytes) -> Chain | None:
        for chain in self.receiver_chains:
            if chain.ratchet_key == ratchet_key:
                return chain
        return None

    def add_receiver_chain(self, chain: Chain) -> None:
        self.receiver_chains.append(chain)
        if len(self.receiver_chains) > MAX_RECEIVER_CHAINS:
            del self.receiver_chains[0]


class SessionRecord:
    """All sessions with one peer device: the current one and up to 40 previous ones.

    Treat a record as a value: the functions of this package return a new record
    and never change the one they were given. Store it with :meth:`serialize`.
    """

    __slots__ = ("_current", "_previous")

    def __init__(self, current: SessionState | None = None, previous: tuple[SessionState, ...] = ()) -> None:
        self._current = current
        self._previous = previous[:MAX_PREVIOUS_STATES]

    @property
    def current(self) -> SessionState | None:
        """The open session used for encrypting, if any."""
        return self._current

    @property
    def previous(self) -> tuple[SessionState, ...]:
        """Archived sessions, most recent first; still used to decrypt late messages."""
        return self._previous

    @property
    def has_open_session(self) -> bool:
        return self._current is not None

    @property
    def remote_identity(self) -> bytes | None:
        """The peer's 33-byte identity key in the open session."""
        return self._current.remote_identity if self._current else None

    @property
    def remote_registration_id(self) -> int | None:
        return self._current.remote_registration_id if self._current else None

    def states(self) -> list[SessionState]:
        """Current state first, then previous ones: the order decryption tries them in."""
        return ([self._current] if self._current else []) + list(self._previous)

    def find_base_key(self, base_key: bytes) -> SessionState | None:
        """The session started by the peer with ``base_key``, if we have it."""
        for state in self.states():
            if state.base_key == base_key and not state.base_key_ours:
                return state
        return None

    def with_new_current(self, state: SessionState) -> SessionRecord:
        """A record where ``state`` is current and the old current one is archived."""
        previous = (self._current, *self._previous) if self._current else self._previous
        return SessionRecord(state, previous)

    def with_replaced(self, old: SessionState, new: SessionState) -> SessionRecord:
        """A record where the state ``old`` (by identity) is replaced by ``new``."""
        if old is self._current:
            return SessionRecord(new, self._previous)
        return SessionRecord(self._current, tuple(new if s is old else s for s in self._previous))

    def archive_current(self) -> SessionRecord:
        """A record whose open session is closed (kept for late messages), as after a reset."""
        if self._current is None:
            return self
        return SessionRecord(None, (self._current, *self._previous))

    def serialize(self) -> bytes:
        """Compact protobuf bytes of the record (our own schema)."""
        message = pb.SessionRecord(version=_RECORD_VERSION)
        if self._current:
            message.current.CopyFrom(_state_to_pb(self._current))
        message.previous.extend(_state_to_pb(s) for s in self._previous)
        return message.SerializeToString()

    @classmethod
    def deserialize(cls, data: bytes) -> SessionRecord:
        """Read a record written by :meth:`serialize`; corrupt bytes raise :class:`DecodeError`."""
        message = decode_message(pb.SessionRecord, data, "session record")
        if message.version != _RECORD_VERSION:
            raise DecodeError(f"unknown session record version {message.version}")
        current = _state_from_pb(message.current) if message.HasField("current") else None
        return cls(current, tuple(_state_from_pb(s) for s in message.previous))

    def __repr__(self) -> str:
        return f"SessionRecord(open={self.has_open_session}, previous={len(self._previous)})"


def chain_to_pb(chain: Chain) -> pb.Chain:
    return pb.Chain(
        ratchet_key=chain.ratchet_key,
        chain_key=chain.chain_key or b"",
        next_index=chain.next_index,
        skipped=[pb.SkippedKey(index=i, seed=s) for i, s in chain.skipped.items()],
    )


def chain_from_pb(message: pb.Chain) -> Chain:
    return Chain(
        message.ratchet_key,
        message.chain_key or None,
        message.next_index,
        {k.index: k.seed for k in message.skipped},
    )


def _state_to_pb(state: SessionState) -> pb.SessionState:
    message = pb.SessionState(
        remote_registration_id=state.remote_registration_id,
        local_identity=state.local_identity,
        remote_identity=state.remote_identity,
        root_key=state.root_key,
        base_key=state.base_key,
        base_key_ours=state.base_key_ours,
        ratchet_private=state.ratchet.private,
        ratchet_public=state.ratchet.public,
        remote_ratchet_key=state.remote_ratchet_key,
        previous_counter=state.previous_counter,
        receiver_chains=[chain_to_pb(c) for c in state.receiver_chains],
    )
    if state.sender_chain:
        message.sender_chain.CopyFrom(chain_to_pb(state.sender_chain))
    if state.pending_prekey:
        pending = state.pending_prekey
        message.pending_prekey.signed_prekey_id = pending.signed_prekey_id
        message.pending_prekey.base_key = pending.base_key
        message.pending_prekey.local_registration_id = pending.local_registration_id
        if pending.prekey_id is not None:
            message.pending_prekey.prekey_id = pending.prekey_id
    return message


def _state_from_pb(message: pb.SessionState) -> SessionState:
    pending = None
    if message.HasField("pending_prekey"):
        p = message.pending_prekey
        pending = PendingPreKey(
            p.prekey_id if p.HasField("prekey_id") else None,
            p.signed_prekey_id,
            p.base_key,
            p.local_registration_id,
        )
    return SessionState(
        remote_registration_id=message.remote_registration_id,
        local_identity=message.local_identity,
        remote_identity=message.remote_identity,
        root_key=message.root_key,
        base_key=message.base_key,
        base_key_ours=message.base_key_ours,
        ratchet=KeyPair(message.ratchet_private, message.ratchet_public),
        remote_ratchet_key=message.remote_ratchet_key,
        previous_counter=message.previous_counter,
        sender_chain=chain_from_pb(message.sender_chain) if message.HasField("sender_chain") else None,
        receiver_chains=[chain_from_pb(c) for c in message.receiver_chains],
        pending_prekey=pending,
    )
