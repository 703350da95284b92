"""A small reader for ``.proto`` text: message and enum blocks, nested, with field numbers and types.

Enough of the language for WhatsApp's schema files (Baileys ships its ``WAProto.proto``):
``message``/``enum``/``oneof`` blocks, ``optional``/``repeated``/``required``/unlabelled fields
and ``map<K, V>`` fields. Options, ``reserved`` and ``syntax``/``package`` lines are skipped.
Type names are resolved to the full dotted name of the message or enum they point to, using
protobuf's scoping rule (innermost enclosing scope first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SCALARS = frozenset(
    {
        *("double", "float", "bool", "string", "bytes"),
        *("int32", "int64", "uint32", "uint64", "sint32", "sint64"),
        *("fixed32", "fixed64", "sfixed32", "sfixed64"),
    }
)

_TOKEN = re.compile(r'"[^"]*"|[A-Za-z_][\w.]*|-?\d+|[{}\[\]=;<>,()]')


@dataclass(frozen=True)
class Field:
    name: str
    number: int
    type: str  # a scalar name, or the full dotted name of a message/enum once resolved
    repeated: bool
    map_key: str | None = None  # set for ``map<K, V>`` fields (``type`` is then V)


@dataclass
class Schema:
    messages: dict[str, dict[int, Field]] = field(default_factory=dict)
    enums: dict[str, dict[str, int]] = field(default_factory=dict)

    def is_message(self, name: str) -> bool:
        return name in self.messages


def parse(text: str) -> Schema:
    """Parse ``text``; field types come back resolved to full dotted names (scalars unchanged)."""
    text = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.S)
    tokens = _TOKEN.findall(text)
    schema = Schema()
    scopes: dict[str, str] = {}  # full name of each message -> its enclosing scope
    _Block(tokens, schema, scopes).run()
    for owner, fields in schema.messages.items():
        for number, f in fields.items():
            if f.type not in SCALARS:
                fields[number] = Field(
                    f.name, f.number, _resolve(schema, owner, f.type), f.repeated, f.map_key
                )
    return schema


def _resolve(schema: Schema, scope: str, name: str) -> str:
    parts = scope.split(".")
    while True:
        candidate = ".".join([*parts, name]) if parts else name
        if candidate in schema.messages or candidate in schema.enums:
            return candidate
        if not parts:
            raise ValueError(f"unknown type {name!r} used in {scope}")
        parts.pop()


class _Block:
    """Walks the token list once, filling ``schema``."""

    def __init__(self, tokens: list[str], schema: Schema, scopes: dict[str, str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.schema = schema
        self.scopes = scopes

    def next(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def skip_statement(self) -> None:
        depth = 0
        while True:
            token = self.next()
            if token in ("{", "[", "("):
                depth += 1
            elif token in ("}", "]", ")"):
                depth -= 1
                if depth == 0 and token == "}":
                    return
            elif token == ";" and depth == 0:
                return

    def run(self) -> None:
        while self.pos < len(self.tokens):
            token = self.next()
            if token == "message":
                self.message("")
            elif token == "enum":
                self.enum("")
            else:
                self.pos -= 1
                self.skip_statement()

    def message(self, scope: str) -> None:
        name = self.next()
        full = f"{scope}.{name}" if scope else name
        self.schema.messages[full] = {}
        assert self.next() == "{"
        self.body(full, full)

    def body(self, full: str, scope: str) -> None:
        fields = self.schema.messages[full]
        while True:
            token = self.next()
            if token == "}":
                return
            if token == "message":
                self.message(scope)
            elif token == "enum":
                self.enum(scope)
            elif token == "oneof":
                self.next()
                assert self.next() == "{"
                self.body(full, scope)
            elif token in ("option", "reserved", "extensions"):
                self.pos -= 1
                self.skip_statement()
            else:
                self.pos -= 1
                f = self.field()
                fields[f.number] = f

    def field(self) -> Field:
        token = self.next()
        repeated = token == "repeated"
        map_key = None
        if token in ("optional", "repeated", "required"):
            token = self.next()
        if token == "map":
            assert self.next() == "<"
            map_key = self.next()
            assert self.next() == ","
            token = self.next()
            assert self.next() == ">"
            repeated = True
        type_name, name = token, self.next()
        assert self.next() == "="
        number = int(self.next())
        self.pos -= 1
        self.skip_statement()
        return Field(name, number, type_name, repeated, map_key)

    def enum(self, scope: str) -> None:
        name = self.next()
        full = f"{scope}.{name}" if scope else name
        values: dict[str, int] = {}
        assert self.next() == "{"
        while True:
            token = self.next()
            if token == "}":
                break
            if token in ("option", "reserved"):
                self.pos -= 1
                self.skip_statement()
                continue
            assert self.next() == "="
            values[token] = int(self.next())
            self.pos -= 1
            self.skip_statement()
        self.schema.enums[full] = values
