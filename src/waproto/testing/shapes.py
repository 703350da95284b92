"""Wire shapes: what a client sends, reduced to a form two clients can be compared by.

When ``FakeServerConfig.record_shapes`` is on, the server keeps, per connection,
the shape of the login (or registration) ClientPayload and of every node the
client sends. A shape keeps the structure and drops the values that differ
between runs: a tag, its attribute *names* with the *form* of each value (a
dictionary token stays literal, as it names a protocol choice; numbers, ids,
JIDs and free text become a form), and the distinct shapes of its children. The
interop shape check runs one scenario with two Baileys 7 clients and with two
waproto clients and compares what was recorded step by step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message as ProtoMessage

from waproto.binary import Node
from waproto.binary.tokens import get_table
from waproto.proto import wa_client_payload_pb2 as pb

__all__ = ["ConnectionRecord", "ShapeRecorder", "node_shape", "payload_shape", "value_form"]

_TOKENS = get_table(3).encoded
#: Attributes whose values are message or request ids, whatever characters they hold.
_ID_ATTRS = frozenset({"id", "sid", "phash", "hash", "server_id", "key_index", "ref"})
#: ClientPayload fields holding per-user data, recorded by presence only.
_OPAQUE_FIELDS = frozenset(
    {"username", "device", "pushName", "eRegid", "eIdent", "eSkeyId", "eSkeyVal", "eSkeySig", "buildHash"}
)


def _jid_form(value: str) -> str | None:
    user, at, server = value.partition("@")
    if not at:
        return None
    if not user:
        return server
    kind = {"s.whatsapp.net": "pn", "lid": "lid", "g.us": "group"}.get(server, server)
    return f"<{kind}:device>" if ":" in user else f"<{kind}>"


def value_form(name: str, value: str) -> str:
    """The comparable form of one attribute value (a token stays literal)."""
    if name in _ID_ATTRS:
        return "<id>"
    jid = _jid_form(value)
    if jid is not None:
        return jid
    if value.isdigit():
        return "<int>"
    if value in _TOKENS:
        return value
    return "<str>"


def node_shape(node: Node) -> str:
    """``tag{name=form,…}[child shapes]``; children are the sorted set of distinct shapes."""
    attrs = ",".join(f"{k}={value_form(k, v)}" for k, v in sorted(node.attrs.items()))
    content = node.content
    if isinstance(content, list):
        inner = ";".join(sorted({node_shape(child) for child in content}))
    elif isinstance(content, bytes | bytearray):
        inner = "<bytes>"
    elif isinstance(content, str):
        inner = "<text>"
    else:
        inner = ""
    return f"{node.tag}{{{attrs}}}[{inner}]"


def _fields(message: ProtoMessage, prefix: str) -> Iterator[str]:
    for descriptor, values in message.ListFields():
        for value in values if descriptor.is_repeated else [values]:
            yield from _field(descriptor, value, f"{prefix}{descriptor.name}")


def _field(descriptor: FieldDescriptor, value: object, name: str) -> Iterator[str]:
    if descriptor.name == "deviceProps":
        assert isinstance(value, bytes)
        props = pb.DeviceProps()
        props.ParseFromString(value)
        yield from _fields(props, f"{name}.")
    elif isinstance(value, ProtoMessage):
        yield from _fields(value, f"{name}.")
    elif descriptor.name in _OPAQUE_FIELDS:
        yield f"{name}=<set>"
    elif descriptor.enum_type is not None:
        assert isinstance(value, int)
        yield f"{name}={descriptor.enum_type.values_by_number[value].name}"
    elif isinstance(value, bool):
        yield f"{name}={str(value).lower()}"
    elif isinstance(value, int):
        yield f"{name}=<int>"
    elif isinstance(value, bytes):
        yield f"{name}=<bytes>"
    else:
        yield f"{name}={value}"


def payload_shape(payload: pb.ClientPayload) -> tuple[str, ...]:
    """Every set field of a ClientPayload (DeviceProps decoded) as ``path=form``, sorted."""
    return tuple(sorted(_fields(payload, "")))


@dataclass(slots=True)
class ConnectionRecord:
    """What one connection sent: its payload shape and ``(step, shape)`` per node."""

    conn_id: int
    payload: tuple[str, ...] = ()
    account: str | None = None
    nodes: list[tuple[str, str]] = field(default_factory=list)


class ShapeRecorder:
    """Shapes of everything clients send, per connection, labelled with the current step."""

    __slots__ = ("connections", "step", "steps")

    def __init__(self) -> None:
        self.connections: dict[int, ConnectionRecord] = {}
        self.step = ""
        self.steps: list[str] = [""]

    def begin_step(self, name: str) -> None:
        """Label what clients send from now on with ``name`` (steps keep their order)."""
        self.step = name
        self.steps.append(name)

    def _record(self, conn_id: int) -> ConnectionRecord:
        return self.connections.setdefault(conn_id, ConnectionRecord(conn_id))

    def payload(self, conn_id: int, payload: pb.ClientPayload) -> None:
        """Record the ClientPayload a connection logged in (or registered) with."""
        record = self._record(conn_id)
        record.payload = payload_shape(payload)
        if payload.HasField("username"):
            record.account = str(payload.username)

    def node(self, conn_id: int, account: str | None, node: Node) -> None:
        """Record one node a client sent."""
        record = self._record(conn_id)
        if account is not None:
            record.account = account
        record.nodes.append((self.step, node_shape(node)))

    def count(self) -> int:
        """Nodes recorded so far, over all connections (a test waits for it to settle)."""
        return sum(len(record.nodes) for record in self.connections.values())

    def by_step(self, roles: dict[str, str]) -> dict[tuple[str, str], set[str]]:
        """Distinct shapes per ``(step, role)``; ``roles`` maps account phone numbers to names.

        A connection that never logged in (a registration) counts for the role
        ``"?"``: only one client registers at a time in a scenario.
        """
        steps: dict[tuple[str, str], set[str]] = {}
        for record in self.connections.values():
            role = roles.get(record.account or "", "?")
            for step, shape in record.nodes:
                steps.setdefault((step, role), set()).add(shape)
        return steps

    def payloads(self, roles: dict[str, str]) -> dict[str, set[tuple[str, ...]]]:
        """Distinct payload shapes per role (login payloads under the account's role)."""
        found: dict[str, set[tuple[str, ...]]] = {}
        for record in self.connections.values():
            if record.payload:
                found.setdefault(roles.get(record.account or "", "?"), set()).add(record.payload)
        return found
