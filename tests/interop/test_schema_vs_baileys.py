"""Our protobuf schema covers Baileys 7's ``WAProto.proto``: every field number, with a compatible type.

Baileys 7.0.0-rc14 ships WhatsApp's schema as ``baileys/WAProto/WAProto.proto``. Starting from
the messages the library and the next features rely on (``Message`` and everything it reaches,
history sync, app-state sync), every message Baileys defines there must exist here under the
same (nested) name, and every field number must be present with the same label and a
compatible type; enums must hold every value. Fields we know from whatsmeow on top of Baileys
are allowed. Skips only when node/npm are missing (the npm package is the source of truth).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor

from tests.interop.conftest import npm_install
from tests.interop.proto_text import Field, Schema, parse
from waproto.proto import (
    wa_bot_pb2,
    wa_client_payload_pb2,
    wa_common_pb2,
    wa_e2e_pb2,
    wa_history_pb2,
    wa_sync_pb2,
)

pytestmark = pytest.mark.interop

BAILEYS7 = Path(__file__).resolve().parent / "baileys" / "v7"

ROOTS = (
    "Message",
    "ContextInfo",
    "MessageContextInfo",
    "WebMessageInfo",
    "HistorySync",
    "HistorySyncMsg",
    "Conversation",
    "Pushname",
    "PollEncValue",
    "PollUpdate",
    "SyncActionValue",
    "SyncActionData",
    "SyncdPatch",
    "SyncdSnapshot",
    "SyncdMutations",
    "SyncdVersion",
    "ExitCode",
    "KeyId",
    "ExternalBlobReference",
)

# Every message and enum of ours, by its name without the package (Baileys' names have none).
_MODULES = (wa_common_pb2, wa_e2e_pb2, wa_bot_pb2, wa_sync_pb2, wa_history_pb2, wa_client_payload_pb2)

_SCALAR_TYPES = {
    FieldDescriptor.TYPE_DOUBLE: "double",
    FieldDescriptor.TYPE_FLOAT: "float",
    FieldDescriptor.TYPE_INT32: "int32",
    FieldDescriptor.TYPE_INT64: "int64",
    FieldDescriptor.TYPE_UINT32: "uint32",
    FieldDescriptor.TYPE_UINT64: "uint64",
    FieldDescriptor.TYPE_SINT32: "sint32",
    FieldDescriptor.TYPE_SINT64: "sint64",
    FieldDescriptor.TYPE_FIXED32: "fixed32",
    FieldDescriptor.TYPE_FIXED64: "fixed64",
    FieldDescriptor.TYPE_SFIXED32: "sfixed32",
    FieldDescriptor.TYPE_SFIXED64: "sfixed64",
    FieldDescriptor.TYPE_BOOL: "bool",
    FieldDescriptor.TYPE_STRING: "string",
    FieldDescriptor.TYPE_BYTES: "bytes",
}


def _relative(full_name: str, package: str) -> str:
    return full_name[len(package) + 1 :]


def _our_types() -> tuple[dict[str, Descriptor], dict[str, EnumDescriptor]]:
    messages: dict[str, Descriptor] = {}
    enums: dict[str, EnumDescriptor] = {}

    def walk(message: Descriptor, package: str) -> None:
        messages.setdefault(_relative(message.full_name, package), message)
        for enum in message.enum_types:
            enums.setdefault(_relative(enum.full_name, package), enum)
        for nested in message.nested_types:
            walk(nested, package)

    for module in _MODULES:
        file = module.DESCRIPTOR
        for message in file.message_types_by_name.values():
            walk(message, file.package)
        for enum in file.enum_types_by_name.values():
            enums.setdefault(_relative(enum.full_name, file.package), enum)
    return messages, enums


def _type_name(field: FieldDescriptor, package_of: dict[str, str]) -> str:
    """Our field's type as Baileys would spell it: a scalar name or a package-less full name."""
    if field.message_type is not None:
        return _relative(field.message_type.full_name, package_of[field.message_type.file.name])
    if field.enum_type is not None:
        return _relative(field.enum_type.full_name, package_of[field.enum_type.file.name])
    return _SCALAR_TYPES[field.type]


def _compare(theirs: Schema) -> list[str]:
    ours, our_enums = _our_types()
    package_of = {m.DESCRIPTOR.name: m.DESCRIPTOR.package for m in _MODULES}
    problems: list[str] = []
    seen: set[str] = set()
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in theirs.enums:
            _compare_enum(name, theirs.enums[name], our_enums.get(name), problems)
            continue
        message = ours.get(name)
        if message is None:
            problems.append(f"{name}: message missing")
            continue
        for number, field in sorted(theirs.messages[name].items()):
            mine = message.fields_by_number.get(number)
            if mine is None:
                problems.append(f"{name}.{field.name} = {number}: field missing")
                continue
            problem = _field_problem(field, mine, package_of)
            if problem:
                problems.append(f"{name}.{field.name} = {number}: {problem}")
            if theirs.is_message(field.type) or field.type in theirs.enums:
                todo.append(field.type)
    return problems


def _field_problem(field: Field, mine: FieldDescriptor, package_of: dict[str, str]) -> str | None:
    if field.map_key is not None:
        entry = mine.message_type
        if entry is None or not entry.GetOptions().map_entry:
            return "not a map here"
        key = _type_name(entry.fields_by_name["key"], package_of)
        value = _type_name(entry.fields_by_name["value"], package_of)
        if (key, value) != (field.map_key, field.type):
            return f"map<{key}, {value}> here, map<{field.map_key}, {field.type}> in Baileys"
        return None
    repeated = bool(mine.is_repeated)
    if repeated != field.repeated:
        return f"repeated={repeated} here, {field.repeated} in Baileys"
    ours = _type_name(mine, package_of)
    if ours != field.type:
        return f"type {ours} here, {field.type} in Baileys"
    return None


def _compare_enum(
    name: str, values: dict[str, int], mine: EnumDescriptor | None, problems: list[str]
) -> None:
    if mine is None:
        problems.append(f"{name}: enum missing")
        return
    numbers = {value.number for value in mine.values}
    missing = sorted(f"{key}={number}" for key, number in values.items() if number not in numbers)
    if missing:
        problems.append(f"{name}: enum values missing: {', '.join(missing)}")


@pytest.fixture(scope="module")
def baileys_schema() -> Schema:
    install = npm_install(BAILEYS7)
    return parse((install / "node_modules" / "baileys" / "WAProto" / "WAProto.proto").read_text())


def test_every_baileys7_field_is_in_our_schema(baileys_schema: Schema) -> None:
    problems = _compare(baileys_schema)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:60])


def test_the_walk_reaches_the_features_that_need_it(baileys_schema: Schema) -> None:
    """Guard against a comparison that silently covers nothing (e.g. a renamed root)."""
    for name in ("Message.PollCreationMessage", "Message.ProtocolMessage", "SyncActionValue.ContactAction"):
        assert name in baileys_schema.messages
    assert len(baileys_schema.messages["Message"]) > 90
    assert baileys_schema.enums["Message.ProtocolMessage.Type"]["MESSAGE_EDIT"] == 14


def test_a_tampered_schema_is_caught(baileys_schema: Schema) -> None:
    """The comparison fails on a field number we lack and on a changed type."""
    tampered = Schema(
        messages={name: dict(fields) for name, fields in baileys_schema.messages.items()},
        enums=baileys_schema.enums,
    )
    tampered.messages["Message"][9999] = Field("fromTheFuture", 9999, "string", False)
    tampered.messages["ContextInfo"][1] = Field("stanzaId", 1, "bytes", False)
    problems = _compare(tampered)
    assert any("fromTheFuture = 9999: field missing" in p for p in problems)
    assert any("stanzaId = 1: type string here, bytes in Baileys" in p for p in problems)
