"""WhatsApp JIDs: ``user[.agent][:device]@server`` as a small immutable value.

A JID names a user, one device of a user, a group, a broadcast list, a newsletter or a
server. Device JIDs (``user:2@s.whatsapp.net``) address one companion device; the
*agent* (a "domain type" on the wire) distinguishes hosted and other account kinds.

Syntax (whatsmeow ``types/jid.go``): ``str()`` writes the agent with a dot and always
writes the device after it (``user.<agent>:<device>@server``); ``parse()`` also accepts
Baileys' underscore form (``user_<agent>:<device>@server``). A string without ``@`` is
a server-only JID (``s.whatsapp.net``) and must name a known server; anything else that
is not a JID is refused rather than guessed at. Where a user is meant, a phone number in
any usual form is accepted too (:meth:`JID.parse_recipient`) and normalised to E.164.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from waproto.errors import JIDError

__all__ = [
    "BOT_SERVER",
    "BROADCAST_SERVER",
    "DOMAIN_HOSTED",
    "DOMAIN_HOSTED_LID",
    "DOMAIN_LID",
    "DOMAIN_WHATSAPP",
    "GROUP_SERVER",
    "HOSTED_LID_SERVER",
    "HOSTED_SERVER",
    "INTEROP_SERVER",
    "JID",
    "LEGACY_USER_SERVER",
    "LID_SERVER",
    "MESSENGER_SERVER",
    "NEWSLETTER_SERVER",
    "SERVER_JID",
    "STATUS_BROADCAST",
    "USER_SERVER",
    "as_recipient",
    "domain_for_server",
    "normalize_phone",
]

USER_SERVER = "s.whatsapp.net"
GROUP_SERVER = "g.us"
LEGACY_USER_SERVER = "c.us"
BROADCAST_SERVER = "broadcast"
LID_SERVER = "lid"
NEWSLETTER_SERVER = "newsletter"
HOSTED_SERVER = "hosted"
HOSTED_LID_SERVER = "hosted.lid"
MESSENGER_SERVER = "msgr"
INTEROP_SERVER = "interop"
BOT_SERVER = "bot"

# Domain types written in the AD_JID agent byte (whatsmeow types/jid.go, Baileys WAJIDDomains).
DOMAIN_WHATSAPP = 0
DOMAIN_LID = 1
DOMAIN_HOSTED = 128
DOMAIN_HOSTED_LID = 129

_SERVER_DOMAINS = {
    USER_SERVER: DOMAIN_WHATSAPP,
    LID_SERVER: DOMAIN_LID,
    HOSTED_SERVER: DOMAIN_HOSTED,
    HOSTED_LID_SERVER: DOMAIN_HOSTED_LID,
}

#: Servers that may stand alone (``s.whatsapp.net``, or ``@g.us`` in a group ``create`` iq).
_KNOWN_SERVERS = frozenset(
    {
        USER_SERVER,
        GROUP_SERVER,
        LEGACY_USER_SERVER,
        BROADCAST_SERVER,
        LID_SERVER,
        NEWSLETTER_SERVER,
        HOSTED_SERVER,
        HOSTED_LID_SERVER,
        MESSENGER_SERVER,
        INTEROP_SERVER,
        BOT_SERVER,
        "call",
    }
)
_SERVER_SYNTAX = re.compile(r"[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?")
_USER_SYNTAX = re.compile(r"[A-Za-z0-9._:+-]*")
#: What people put in a phone number besides digits: "+1 (555) 000-0001", "0044 20 7946 0958".
_PHONE_SYNTAX = re.compile(r"\+?[0-9 ().-]+")

_MAX_AGENT = 0xFF  # one byte on the wire (AD_JID)
_MAX_DEVICE = 0xFFFF  # whatsmeow keeps devices as uint16 (FB_JID / INTEROP_JID write two bytes)


def domain_for_server(server: str, agent: int = 0) -> int:
    """Return the AD_JID domain type for a server, falling back to the raw agent.

    The known user servers imply their domain, so a raw agent on them is ignored, exactly
    as whatsmeow's ``ActualAgent`` does.
    """
    return _SERVER_DOMAINS.get(server, agent)


def normalize_phone(text: str) -> str:
    """Return a phone number in E.164 (``+15550000001``) from the forms people write.

    Accepts ``+1 555 000 0001``, ``15550000001``, ``(555)``-style punctuation and a ``00``
    international prefix; a number without ``+`` is read as international, as WhatsApp
    numbers always are. Country code and length are checked with libphonenumber's data
    (the ``phonenumbers`` package, which Baileys' libphonenumber counterpart is).

    Raises:
        JIDError: when the text is not a possible phone number.
    """
    number = text.strip()
    if not _PHONE_SYNTAX.fullmatch(number):
        raise JIDError(f"not a phone number: {text!r}")
    if number.startswith("00"):
        number = "+" + number[2:]
    elif not number.startswith("+"):
        number = "+" + number
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException as exc:
        raise JIDError(f"not a phone number: {text!r} ({exc})") from None
    if not phonenumbers.is_possible_number(parsed):
        raise JIDError(f"not a possible phone number: {text!r}")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _parse_small_int(text: str, limit: int, what: str, source: str) -> int:
    # isdecimal() also accepts non-ASCII digits, which int() would happily convert.
    if not text or not text.isascii() or not text.isdecimal() or len(text) > 5:
        raise JIDError(f"invalid {what} in JID {source!r}")
    value = int(text)
    if value > limit:
        raise JIDError(f"{what} out of range in JID {source!r}")
    return value


@dataclass(frozen=True, slots=True)
class JID:
    """A WhatsApp address: user, server, device and agent.

    Attributes:
        user: the user part (phone number, LID, group id, ``status``...); empty for servers.
        server: the server part, e.g. ``s.whatsapp.net``, ``g.us``, ``lid``.
        device: the companion device number; 0 is the primary device.
        agent: the raw agent; 0 for ordinary phone and LID JIDs.
    """

    user: str
    server: str
    device: int = 0
    agent: int = 0

    def __post_init__(self) -> None:
        if not self.server or "@" in self.server or "@" in self.user:
            raise JIDError(f"invalid JID parts user={self.user!r} server={self.server!r}")
        if not 0 <= self.device <= _MAX_DEVICE:
            raise JIDError(f"device out of range: {self.device}")
        if not 0 <= self.agent <= _MAX_AGENT:
            raise JIDError(f"agent out of range: {self.agent}")

    @classmethod
    def parse(cls, text: str) -> JID:
        """Parse ``user[.agent|_agent][:device]@server`` or a bare server.

        Raises:
            JIDError: when the string is not a well-formed JID.
        """
        user, sep, server = text.partition("@")
        if not sep:
            if text not in _KNOWN_SERVERS:
                raise JIDError(f"not a JID: {text!r} (expected user@server or a known server)")
            return cls("", text)
        if not _SERVER_SYNTAX.fullmatch(server):
            raise JIDError(f"invalid server in JID {text!r}")
        if not _USER_SYNTAX.fullmatch(user):
            raise JIDError(f"invalid user in JID {text!r}")
        device = 0
        agent = 0
        if ":" in user:
            user, _, device_text = user.partition(":")
            device = _parse_small_int(device_text, _MAX_DEVICE, "device", text)
        for separator in ".", "_":
            if separator in user:
                user, _, agent_text = user.rpartition(separator)
                agent = _parse_small_int(agent_text, _MAX_AGENT, "agent", text)
                break
        return cls(user, server, device, agent)

    @classmethod
    def from_phone(cls, number: str) -> JID:
        """The user JID of a phone number in any usual form (see :func:`normalize_phone`)."""
        return cls(normalize_phone(number)[1:], USER_SERVER)

    @classmethod
    def parse_recipient(cls, text: str) -> JID:
        """Parse a JID, or a phone number where a user is meant (``"+1 555 000 0001"``).

        Raises:
            JIDError: when the text is neither.
        """
        return cls.parse(text) if "@" in text else cls.from_phone(text)

    def __str__(self) -> str:
        if not self.user:
            return self.server
        if self.agent:
            return f"{self.user}.{self.agent}:{self.device}@{self.server}"
        if self.device:
            return f"{self.user}:{self.device}@{self.server}"
        return f"{self.user}@{self.server}"

    def to_non_ad(self) -> JID:
        """Return the account JID without agent and device (``user@server``)."""
        if not self.device and not self.agent:
            return self
        return JID(self.user, self.server)

    @property
    def domain(self) -> int:
        """The AD_JID domain type: implied by the server, else the raw agent."""
        return domain_for_server(self.server, self.agent)

    @property
    def signal_address_name(self) -> str:
        """The Signal address name: ``user`` for phone JIDs, ``user_<domain>`` otherwise.

        LID JIDs become ``user_1`` and hosted ones ``user_128``/``user_129``, as in whatsmeow's
        ``SignalAddressUser``; the device id is the separate Signal device id.
        """
        domain = self.domain
        return f"{self.user}_{domain}" if domain else self.user

    @property
    def is_user(self) -> bool:
        """True for phone-number user JIDs (``s.whatsapp.net`` or legacy ``c.us``)."""
        return bool(self.user) and self.server in (USER_SERVER, LEGACY_USER_SERVER)

    @property
    def is_lid(self) -> bool:
        """True for LID (hidden user id) JIDs."""
        return self.server == LID_SERVER

    @property
    def is_group(self) -> bool:
        """True for group JIDs."""
        return self.server == GROUP_SERVER

    @property
    def is_broadcast(self) -> bool:
        """True for broadcast lists and ``status@broadcast``."""
        return self.server == BROADCAST_SERVER

    @property
    def is_status_broadcast(self) -> bool:
        """True for ``status@broadcast``."""
        return self.server == BROADCAST_SERVER and self.user == "status"

    @property
    def is_newsletter(self) -> bool:
        """True for newsletter (channel) JIDs."""
        return self.server == NEWSLETTER_SERVER

    @property
    def is_server(self) -> bool:
        """True for server-only JIDs such as ``s.whatsapp.net``."""
        return not self.user


SERVER_JID = JID("", USER_SERVER)
STATUS_BROADCAST = JID("status", BROADCAST_SERVER)


def as_recipient(value: JID | str) -> JID:
    """A JID as given, or parsed from text where a phone number may stand for its user."""
    return value if isinstance(value, JID) else JID.parse_recipient(value)
