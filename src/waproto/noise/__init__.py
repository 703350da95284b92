"""Noise transport: WhatsApp's XX handshake, the transport cipher, framing and the server cert chain.

Sans-I/O: everything here turns bytes into bytes. The connection layer moves
them over the websocket::

    encoder = FrameEncoder(noise_prologue(3), routing_info=saved_routing_info)
    handshake = NoiseInitiator(noise_key, prologue=noise_prologue(3))
    ws.send(encoder.encode(handshake.client_hello()))
    handshake.read_server_hello(next_frame(), now=time.time())
    ws.send(encoder.encode(handshake.client_finish(client_payload)))
    transport = handshake.transport()
"""

from __future__ import annotations

from waproto.noise._certs import WA_CERT_ROOT_PUBLIC_KEY, make_cert_chain, verify_cert_chain
from waproto.noise._framing import (
    EDGE_ROUTING_MAGIC,
    INTRO_MAGIC,
    MAX_FRAME_SIZE,
    MAX_ROUTING_INFO_SIZE,
    FrameDecoder,
    FrameEncoder,
    edge_routing_prefix,
    encode_frame,
    noise_prologue,
    usable_routing_info,
)
from waproto.noise._handshake import SUPPORTED_DICT_VERSIONS, NoiseInitiator, NoiseResponder
from waproto.noise._state import MAX_NONCE, NOISE_PROTOCOL_NAME, NoiseTransport, SymmetricState

__all__ = [
    "EDGE_ROUTING_MAGIC",
    "INTRO_MAGIC",
    "MAX_FRAME_SIZE",
    "MAX_NONCE",
    "MAX_ROUTING_INFO_SIZE",
    "NOISE_PROTOCOL_NAME",
    "SUPPORTED_DICT_VERSIONS",
    "WA_CERT_ROOT_PUBLIC_KEY",
    "FrameDecoder",
    "FrameEncoder",
    "NoiseInitiator",
    "NoiseResponder",
    "NoiseTransport",
    "SymmetricState",
    "edge_routing_prefix",
    "encode_frame",
    "make_cert_chain",
    "noise_prologue",
    "usable_routing_info",
    "verify_cert_chain",
]
