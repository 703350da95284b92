from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SkippedKey(_message.Message):
    __slots__ = ("index", "seed")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    index: int
    seed: bytes
    def __init__(self, index: _Optional[int] = ..., seed: _Optional[bytes] = ...) -> None: ...

class Chain(_message.Message):
    __slots__ = ("ratchet_key", "chain_key", "next_index", "skipped")
    RATCHET_KEY_FIELD_NUMBER: _ClassVar[int]
    CHAIN_KEY_FIELD_NUMBER: _ClassVar[int]
    NEXT_INDEX_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    ratchet_key: bytes
    chain_key: bytes
    next_index: int
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedKey]
    def __init__(self, ratchet_key: _Optional[bytes] = ..., chain_key: _Optional[bytes] = ..., next_index: _Optional[int] = ..., skipped: _Optional[_Iterable[_Union[SkippedKey, _Mapping]]] = ...) -> None: ...

class PendingPreKey(_message.Message):
    __slots__ = ("prekey_id", "signed_prekey_id", "base_key", "local_registration_id")
    PREKEY_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNED_PREKEY_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_KEY_FIELD_NUMBER: _ClassVar[int]
    LOCAL_REGISTRATION_ID_FIELD_NUMBER: _ClassVar[int]
    prekey_id: int
    signed_prekey_id: int
    base_key: bytes
    local_registration_id: int
    def __init__(self, prekey_id: _Optional[int] = ..., signed_prekey_id: _Optional[int] = ..., base_key: _Optional[bytes] = ..., local_registration_id: _Optional[int] = ...) -> None: ...

class SessionState(_message.Message):
    __slots__ = ("remote_registration_id", "local_identity", "remote_identity", "root_key", "base_key", "base_key_ours", "ratchet_private", "ratchet_public", "remote_ratchet_key", "previous_counter", "sender_chain", "receiver_chains", "pending_prekey")
    REMOTE_REGISTRATION_ID_FIELD_NUMBER: _ClassVar[int]
    LOCAL_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    REMOTE_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    ROOT_KEY_FIELD_NUMBER: _ClassVar[int]
    BASE_KEY_FIELD_NUMBER: _ClassVar[int]
    BASE_KEY_OURS_FIELD_NUMBER: _ClassVar[int]
    RATCHET_PRIVATE_FIELD_NUMBER: _ClassVar[int]
    RATCHET_PUBLIC_FIELD_NUMBER: _ClassVar[int]
    REMOTE_RATCHET_KEY_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_COUNTER_FIELD_NUMBER: _ClassVar[int]
    SENDER_CHAIN_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_CHAINS_FIELD_NUMBER: _ClassVar[int]
    PENDING_PREKEY_FIELD_NUMBER: _ClassVar[int]
    remote_registration_id: int
    local_identity: bytes
    remote_identity: bytes
    root_key: bytes
    base_key: bytes
    base_key_ours: bool
    ratchet_private: bytes
    ratchet_public: bytes
    remote_ratchet_key: bytes
    previous_counter: int
    sender_chain: Chain
    receiver_chains: _containers.RepeatedCompositeFieldContainer[Chain]
    pending_prekey: PendingPreKey
    def __init__(self, remote_registration_id: _Optional[int] = ..., local_identity: _Optional[bytes] = ..., remote_identity: _Optional[bytes] = ..., root_key: _Optional[bytes] = ..., base_key: _Optional[bytes] = ..., base_key_ours: _Optional[bool] = ..., ratchet_private: _Optional[bytes] = ..., ratchet_public: _Optional[bytes] = ..., remote_ratchet_key: _Optional[bytes] = ..., previous_counter: _Optional[int] = ..., sender_chain: _Optional[_Union[Chain, _Mapping]] = ..., receiver_chains: _Optional[_Iterable[_Union[Chain, _Mapping]]] = ..., pending_prekey: _Optional[_Union[PendingPreKey, _Mapping]] = ...) -> None: ...

class SessionRecord(_message.Message):
    __slots__ = ("version", "current", "previous")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_FIELD_NUMBER: _ClassVar[int]
    version: int
    current: SessionState
    previous: _containers.RepeatedCompositeFieldContainer[SessionState]
    def __init__(self, version: _Optional[int] = ..., current: _Optional[_Union[SessionState, _Mapping]] = ..., previous: _Optional[_Iterable[_Union[SessionState, _Mapping]]] = ...) -> None: ...

class SenderKeyState(_message.Message):
    __slots__ = ("key_id", "iteration", "chain_key", "signing_public", "signing_private", "skipped")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ITERATION_FIELD_NUMBER: _ClassVar[int]
    CHAIN_KEY_FIELD_NUMBER: _ClassVar[int]
    SIGNING_PUBLIC_FIELD_NUMBER: _ClassVar[int]
    SIGNING_PRIVATE_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    key_id: int
    iteration: int
    chain_key: bytes
    signing_public: bytes
    signing_private: bytes
    skipped: _containers.RepeatedCompositeFieldContainer[SkippedKey]
    def __init__(self, key_id: _Optional[int] = ..., iteration: _Optional[int] = ..., chain_key: _Optional[bytes] = ..., signing_public: _Optional[bytes] = ..., signing_private: _Optional[bytes] = ..., skipped: _Optional[_Iterable[_Union[SkippedKey, _Mapping]]] = ...) -> None: ...

class SenderKeyRecord(_message.Message):
    __slots__ = ("version", "states")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    version: int
    states: _containers.RepeatedCompositeFieldContainer[SenderKeyState]
    def __init__(self, version: _Optional[int] = ..., states: _Optional[_Iterable[_Union[SenderKeyState, _Mapping]]] = ...) -> None: ...
