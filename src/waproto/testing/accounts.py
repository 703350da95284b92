"""Accounts, simulated phones and their devices: the server's in-memory directory.

An account is a phone number with a primary device (device 0) played by a
:class:`Phone`, which owns real Signal identity and prekeys so that clients can
build sessions to it, and signs companions in with the ADV account signature.
Companions get device ids from 1 and a key index each; the phone keeps the
signed key-index list that usync hands out.

Nothing here does I/O; time and randomness are passed in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from waproto.crypto import KeyPair, generate_keypair, serialize_public, xeddsa_sign
from waproto.errors import InvalidState, PairingError
from waproto.jid import JID, LID_SERVER, USER_SERVER

__all__ = [
    "Account",
    "AccountRegistry",
    "Device",
    "DeviceKeys",
    "Phone",
    "SignedPreKey",
]

_log = logging.getLogger("waproto.testing.accounts")

RandomSource = Callable[[int], bytes]

#: One-time prekeys the simulated phone publishes for device 0.
PHONE_PREKEY_COUNT = 20


@dataclass(slots=True)
class SignedPreKey:
    """A signed prekey as published on the server (public half only)."""

    key_id: int
    public: bytes
    signature: bytes


@dataclass(slots=True)
class DeviceKeys:
    """What the server holds for one device's Signal bundle (public halves only)."""

    registration_id: int
    identity: bytes
    signed_prekey: SignedPreKey
    prekeys: dict[int, bytes] = field(default_factory=dict)

    def take_prekey(self) -> tuple[int, bytes] | None:
        """Remove and return the oldest one-time prekey, as a key fetch consumes it."""
        for key_id in self.prekeys:
            return key_id, self.prekeys.pop(key_id)
        return None


@dataclass(slots=True)
class Device:
    """One device of an account: the phone (id 0) or a companion (id >= 1)."""

    device_id: int
    key_index: int
    keys: DeviceKeys | None = None
    noise_public: bytes | None = None
    platform: str = "Chrome"
    removed: bool = False


@dataclass(slots=True)
class Phone:
    """The simulated primary device: identity and prekeys with their private halves."""

    identity: KeyPair
    registration_id: int
    signed_prekey: KeyPair
    signed_prekey_id: int
    signed_prekey_signature: bytes
    prekeys: dict[int, KeyPair]

    @classmethod
    def generate(cls, random: RandomSource) -> Phone:
        """Make a phone with fresh keys (signed prekey id 1, one-time prekeys from id 1)."""
        identity = generate_keypair(random)
        signed = generate_keypair(random)
        signature = xeddsa_sign(identity.private, serialize_public(signed.public), random)
        prekeys = {key_id: generate_keypair(random) for key_id in range(1, PHONE_PREKEY_COUNT + 1)}
        registration_id = int.from_bytes(random(2), "big") & 0x3FFF
        return cls(identity, registration_id, signed, 1, signature, prekeys)

    def public_keys(self) -> DeviceKeys:
        """The bundle the server publishes for device 0."""
        return DeviceKeys(
            registration_id=self.registration_id,
            identity=self.identity.public,
            signed_prekey=SignedPreKey(
                self.signed_prekey_id, self.signed_prekey.public, self.signed_prekey_signature
            ),
            prekeys={key_id: pair.public for key_id, pair in self.prekeys.items()},
        )


@dataclass(slots=True)
class Account:
    """A phone number with its devices, lid and the phone's key-index bookkeeping."""

    phone_number: str
    lid_user: str
    phone: Phone
    push_name: str
    created: int
    devices: dict[int, Device] = field(default_factory=dict)
    next_device_id: int = 1
    next_key_index: int = 1
    blocklist: list[str] = field(default_factory=list)
    #: Profile picture: (id, url, direct path) on the media host, or None.
    picture: tuple[str, str, str] | None = None
    status_text: str = ""
    status_time: int = 0
    #: Privacy categories changed from their defaults.
    privacy: dict[str, str] = field(default_factory=dict)
    #: Devices (phone, device id) subscribed to this account's presence.
    presence_subscribers: set[tuple[str, int]] = field(default_factory=set)
    #: Refuse 1:1 messages that carry no valid privacy token from this account (ack error 463).
    require_privacy_token: bool = False
    #: WhatsApp never names this account's number beside its LID (no ``*_pn`` attributes, no
    #: ``phone_number`` in LID groups): others know it by LID only, as with hidden numbers.
    hides_number: bool = False
    #: Privacy tokens this account issued, by holder phone number: (token, issue time).
    issued_tokens: dict[str, tuple[bytes, int]] = field(default_factory=dict)
    #: The NCT salt WhatsApp provisioned (its phone puts it in app state); keys ``<cstoken>``.
    nct_salt: bytes | None = None
    #: Cached signed key-index list; cleared whenever the device set changes.
    key_index_list: bytes | None = None

    @property
    def jid(self) -> JID:
        """The account's phone-number JID (no device)."""
        return JID(self.phone_number, USER_SERVER)

    @property
    def lid(self) -> JID:
        """The account's LID (no device)."""
        return JID(self.lid_user, LID_SERVER)

    def device_jid(self, device_id: int, *, lid: bool = False) -> JID:
        """The JID of one device, in phone-number or lid addressing."""
        if lid:
            return JID(self.lid_user, LID_SERVER, device_id)
        return JID(self.phone_number, USER_SERVER, device_id)

    def active_devices(self) -> Iterator[Device]:
        """Devices that are still linked, in id order."""
        for device_id in sorted(self.devices):
            device = self.devices[device_id]
            if not device.removed:
                yield device

    def valid_key_indexes(self) -> list[int]:
        """Key indexes of the linked companions, as in the signed key-index list."""
        return [d.key_index for d in self.active_devices() if d.device_id != 0]

    def add_companion(self, *, noise_public: bytes, keys: DeviceKeys, platform: str) -> Device:
        """Register a new companion device with the next free id and key index."""
        device = Device(
            device_id=self.next_device_id,
            key_index=self.next_key_index,
            keys=keys,
            noise_public=noise_public,
            platform=platform,
        )
        self.next_device_id += 1
        self.next_key_index += 1
        self.devices[device.device_id] = device
        self.key_index_list = None
        _log.info("account %s: linked device %d", self.phone_number, device.device_id)
        return device

    def remove_device(self, device_id: int) -> Device:
        """Unlink a companion; its next login fails with 401."""
        device = self.devices.get(device_id)
        if device is None or device_id == 0:
            raise InvalidState(f"can't remove device {device_id} of {self.phone_number}")
        device.removed = True
        self.key_index_list = None
        return device


class AccountRegistry:
    """All accounts by phone number and by lid, with lookups from any JID form."""

    __slots__ = ("_by_lid", "_by_phone", "_random")

    def __init__(self, random: RandomSource) -> None:
        self._random = random
        self._by_phone: dict[str, Account] = {}
        self._by_lid: dict[str, Account] = {}

    def __len__(self) -> int:
        return len(self._by_phone)

    def __iter__(self) -> Iterator[Account]:
        return iter(self._by_phone.values())

    def create(self, phone_number: str, *, now: float, push_name: str | None = None) -> Account:
        """Create an account (idempotent for an existing number) with a fresh phone."""
        if not phone_number.isdigit() or not 5 <= len(phone_number) <= 20:
            raise PairingError(f"not a phone number: {phone_number!r}")
        existing = self._by_phone.get(phone_number)
        if existing is not None:
            return existing
        phone = Phone.generate(self._random)
        account = Account(
            phone_number=phone_number,
            lid_user=self._new_lid_user(),
            phone=phone,
            push_name=push_name or f"User {phone_number[-4:]}",
            created=int(now),
        )
        account.devices[0] = Device(device_id=0, key_index=0, keys=phone.public_keys(), platform="android")
        self._by_phone[phone_number] = account
        self._by_lid[account.lid_user] = account
        return account

    def _new_lid_user(self) -> str:
        while True:
            digits = str(int.from_bytes(self._random(7), "big") % 10**14 + 10**14)
            if digits not in self._by_lid:
                return digits

    def get(self, phone_number: str) -> Account | None:
        """The account for a phone number, or None."""
        return self._by_phone.get(phone_number)

    def require(self, phone_number: str) -> Account:
        """The account for a phone number; InvalidState when there is none."""
        account = self._by_phone.get(phone_number)
        if account is None:
            raise InvalidState(f"no account {phone_number}")
        return account

    def for_jid(self, jid: JID) -> Account | None:
        """The account a user or lid JID (any device) belongs to."""
        if jid.server == LID_SERVER:
            return self._by_lid.get(jid.user)
        if jid.server in (USER_SERVER, "c.us"):
            return self._by_phone.get(jid.user)
        return None

    def device_for_jid(self, jid: JID) -> tuple[Account, Device] | None:
        """The linked device a device JID names, or None."""
        account = self.for_jid(jid)
        if account is None:
            return None
        device = account.devices.get(jid.device)
        if device is None or device.removed:
            return None
        return account, device
