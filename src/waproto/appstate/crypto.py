"""App-state keys and MACs: key expansion, index/value/snapshot/patch MACs, value encryption.

One 32-byte sync key (shared by the phone in ``AppStateSyncKeyShare``) expands with
HKDF-SHA256 ("WhatsApp Mutation Keys", 160 bytes) into five keys. A record's index is the
HMAC of its JSON index; its value blob is ``iv || AES-256-CBC(SyncActionData) || valueMac``
where the value MAC binds the operation and the key id. The snapshot MAC signs a collection's
LTHash and version; the patch MAC signs the snapshot MAC and every value MAC of the patch.
Facts: protocol-wave2.md section 3.5 (whatsmeow ``appstate/hash.go``, Baileys ``chat-utils``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from waproto.crypto import RandomSource, aes_cbc_decrypt, aes_cbc_encrypt, hkdf, hmac_sha256
from waproto.errors import AppStateIntegrityError, CryptoError, DecodeError
from waproto.proto import decode_message
from waproto.proto.wa_sync_pb2 import SyncActionData, SyncdMutation

__all__ = [
    "MAC_LENGTH",
    "MutationKeys",
    "decrypt_value",
    "encrypt_value",
    "index_mac",
    "patch_mac",
    "snapshot_mac",
    "value_mac",
]

MAC_LENGTH = 32
_IV_LENGTH = 16
_UINT64 = struct.Struct(">Q")


@dataclass(frozen=True, slots=True)
class MutationKeys:
    """The five keys one app-state sync key expands into."""

    index: bytes
    value_encryption: bytes
    value_mac: bytes
    snapshot_mac: bytes
    patch_mac: bytes

    @classmethod
    def expand(cls, key_data: bytes) -> MutationKeys:
        """HKDF(key_data, "WhatsApp Mutation Keys", 160), split in five 32-byte keys."""
        out = hkdf(key_data, 160, info=b"WhatsApp Mutation Keys")
        return cls(out[0:32], out[32:64], out[64:96], out[96:128], out[128:160])


def _operation_byte(operation: int) -> bytes:
    """SET is 0x01 and REMOVE 0x02 in the value MAC (the enum value plus one)."""
    if operation not in (SyncdMutation.SET, SyncdMutation.REMOVE):
        raise DecodeError(f"unknown app-state operation {operation}")
    return bytes([operation + 1])


def index_mac(keys: MutationKeys, index_json: bytes) -> bytes:
    """HMAC-SHA256 of the JSON index: the record's name that the server sees."""
    return hmac_sha256(keys.index, index_json)


def value_mac(keys: MutationKeys, operation: int, key_id: bytes, iv_and_ciphertext: bytes) -> bytes:
    """HMAC-SHA512(op || keyId || iv||ciphertext || uint64(len(op||keyId)))[:32]."""
    head = _operation_byte(operation) + key_id
    data = head + iv_and_ciphertext + _UINT64.pack(len(head))
    return hmac.new(keys.value_mac, data, hashlib.sha512).digest()[:MAC_LENGTH]


def snapshot_mac(keys: MutationKeys, lthash: bytes, version: int, name: str) -> bytes:
    """HMAC-SHA256 over the collection's LTHash, version and name."""
    return hmac_sha256(keys.snapshot_mac, lthash + _UINT64.pack(version) + name.encode())


def patch_mac(
    keys: MutationKeys, snapshot: bytes, value_macs: Iterable[bytes], version: int, name: str
) -> bytes:
    """HMAC-SHA256 over the snapshot MAC, the patch's value MACs in order, version and name."""
    data = b"".join((snapshot, *value_macs, _UINT64.pack(version), name.encode()))
    return hmac_sha256(keys.patch_mac, data)


def encrypt_value(
    keys: MutationKeys,
    operation: int,
    key_id: bytes,
    data: SyncActionData,
    *,
    random: RandomSource = os.urandom,
) -> tuple[bytes, bytes]:
    """Encrypt ``data``; return ``(value blob, value MAC)`` (the blob ends with the MAC)."""
    iv = random(_IV_LENGTH)
    content = iv + aes_cbc_encrypt(keys.value_encryption, iv, data.SerializeToString())
    mac = value_mac(keys, operation, key_id, content)
    return content + mac, mac


def decrypt_value(keys: MutationKeys, operation: int, key_id: bytes, blob: bytes) -> SyncActionData:
    """Verify the value MAC of ``blob`` and decrypt it; a wrong MAC raises before any decryption."""
    if len(blob) < _IV_LENGTH + 16 + MAC_LENGTH:
        raise AppStateIntegrityError("app-state value blob too short", which="value")
    content, mac = blob[:-MAC_LENGTH], blob[-MAC_LENGTH:]
    if not hmac.compare_digest(value_mac(keys, operation, key_id, content), mac):
        raise AppStateIntegrityError("app-state value MAC mismatch", which="value")
    try:
        plain = aes_cbc_decrypt(keys.value_encryption, content[:_IV_LENGTH], content[_IV_LENGTH:])
    except CryptoError as exc:
        raise DecodeError(f"app-state value does not decrypt: {exc}") from None
    return decode_message(SyncActionData, plain, "SyncActionData")
