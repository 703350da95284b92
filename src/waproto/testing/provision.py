"""Linking a companion without the websocket dance, for benchmarks and fast tests.

Does what QR pairing would have done (the phone's account signature, the
companion's device signature, a device id and key index) and returns what a
client store needs to log in as that device.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING

from waproto.auth.pairing import device_signature_message
from waproto.crypto import KeyPair, RandomSource, xeddsa_sign
from waproto.proto import wa_adv_pb2
from waproto.store import Database, new_credentials
from waproto.testing.accounts import DeviceKeys, SignedPreKey
from waproto.testing.adv import sign_companion
from waproto.testing.core import ProvisionedDevice, ServerCore

if TYPE_CHECKING:
    from waproto.testing.server import FakeServer

__all__ = ["provision_device", "provision_store_device"]


def provision_device(
    core: ServerCore,
    phone: str,
    *,
    identity: KeyPair,
    noise_public: bytes,
    registration_id: int,
    signed_prekey_id: int,
    signed_prekey_public: bytes,
    signed_prekey_signature: bytes,
    platform: str = "Chrome",
) -> ProvisionedDevice:
    """Register a companion of ``phone`` (creating the account if needed).

    Args:
        core: the server's routing core.
        phone: the account's phone number.
        identity: the companion's Signal identity key pair (its private half signs
            the device signature, as the companion itself would).
        noise_public: the companion's Noise static public key (checked at login).
        registration_id: the companion's Signal registration id.
        signed_prekey_id: id of the companion's signed prekey.
        signed_prekey_public: the signed prekey's 32-byte public key.
        signed_prekey_signature: its 64-byte XEdDSA signature.
        platform: the platform name shown on the phone.
    """
    account = core.create_account(phone)
    container, details = sign_companion(
        account,
        companion_identity=identity.public,
        adv_secret=core.random(32),
        key_index=account.next_key_index,
        now=core.clock(),
        random=core.random,
    )
    signed = wa_adv_pb2.ADVSignedDeviceIdentity.FromString(
        wa_adv_pb2.ADVSignedDeviceIdentityHMAC.FromString(container).details
    )
    signed.deviceSignature = xeddsa_sign(
        identity.private,
        device_signature_message(details, identity.public, account.phone.identity.public),
        core.random,
    )
    keys = DeviceKeys(
        registration_id,
        identity.public,
        SignedPreKey(signed_prekey_id, signed_prekey_public, signed_prekey_signature),
    )
    device = account.add_companion(noise_public=noise_public, keys=keys, platform=platform)
    core.device_linked(account, device.device_id)
    return ProvisionedDevice(
        jid=account.device_jid(device.device_id),
        lid=account.device_jid(device.device_id, lid=True),
        account_identity=signed.SerializeToString(),
        phone_identity=account.phone.identity.public,
        push_name=account.push_name,
        platform=platform,
    )


async def provision_store_device(
    server: FakeServer,
    store: Database,
    device_id: str,
    phone: str,
    *,
    random: RandomSource = os.urandom,
) -> ProvisionedDevice:
    """Create ``device_id`` in ``store`` as a companion of ``phone`` that can log in at once.

    Writes what QR pairing would have stored (credentials with our JID and ADV
    identity, the phone's identity key), so tests of many sessions skip the
    pairing round trips. Prekeys are uploaded by the client at its first login.
    """
    credentials = new_credentials(random)
    device = server.provision_device(
        phone,
        identity=credentials.identity_key,
        noise_public=credentials.noise_key.public,
        registration_id=credentials.registration_id,
        signed_prekey_id=credentials.signed_prekey_id,
        signed_prekey_public=credentials.signed_prekey.public,
        signed_prekey_signature=credentials.signed_prekey_signature,
    )
    view = await store.create_device(device_id)
    async with store.transaction():
        await view.put_credentials(
            dataclasses.replace(
                credentials,
                me=str(device.jid),
                lid=str(device.lid),
                account=device.account_identity,
                platform=device.platform,
                push_name=device.push_name,
                registered=True,
            )
        )
        await view.put_identity(f"{device.jid.signal_address_name}.0", device.phone_identity)
    return device
