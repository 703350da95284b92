"""The binary XML node: ``Node(tag, attrs, content)`` and its typed accessors.

Content is ``None``, ``bytes``, a list of child nodes, or ``str``. ``str`` content exists
for encoding only: the encoder writes it the way Baileys writes string content (as a
token, packed digits/hex, a JID, or raw UTF-8), which some stanzas need byte-for-byte.
The decoder always yields ``bytes`` for any string-like content, so readers handle one
type; ``content_bytes()`` covers both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from waproto.errors import DecodeError, JIDError
from waproto.jid import JID

__all__ = ["Content", "Node"]

Content: TypeAlias = "str | bytes | list[Node] | None"


@dataclass(slots=True)
class Node:
    """One element of a stanza.

    Attributes:
        tag: the element name, e.g. ``"message"``.
        attrs: attribute values in wire order; JIDs appear as their string form.
        content: ``None``, raw ``bytes``, child nodes, or (encode only) a ``str``.
    """

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    content: Content = None

    def get_children(self, tag: str | None = None) -> list[Node]:
        """Return the child nodes, or only those with ``tag``; empty when content is not a list."""
        content = self.content
        if not isinstance(content, list):
            return []
        if tag is None:
            return list(content)
        return [child for child in content if child.tag == tag]

    def get_child(self, tag: str) -> Node | None:
        """Return the first child named ``tag``, or ``None``."""
        content = self.content
        if isinstance(content, list):
            for child in content:
                if child.tag == tag:
                    return child
        return None

    def require_child(self, tag: str) -> Node:
        """Return the first child named ``tag``.

        Raises:
            DecodeError: when there is no such child (the peer sent a malformed stanza).
        """
        child = self.get_child(tag)
        if child is None:
            raise DecodeError(f"<{self.tag}> has no <{tag}> child")
        return child

    def attr(self, name: str, default: str | None = None) -> str | None:
        """Return an attribute value, or ``default`` when absent."""
        return self.attrs.get(name, default)

    def require_attr(self, name: str) -> str:
        """Return an attribute value.

        Raises:
            DecodeError: when the attribute is missing.
        """
        try:
            return self.attrs[name]
        except KeyError:
            raise DecodeError(f"<{self.tag}> lacks attribute {name!r}") from None

    def attr_int(self, name: str, default: int | None = None) -> int | None:
        """Return an attribute as an integer, or ``default`` when absent.

        Raises:
            DecodeError: when the value is not a decimal integer.
        """
        value = self.attrs.get(name)
        if value is None:
            return default
        # int() alone would also accept "1_000", " 7" and non-ASCII digits.
        digits = value[1:] if value[:1] == "-" else value
        if not digits.isascii() or not digits.isdigit() or len(digits) > 20:
            raise DecodeError(f"<{self.tag}> attribute {name!r} is not an integer: {value!r}")
        return int(value)

    def attr_jid(self, name: str) -> JID | None:
        """Return an attribute parsed as a JID, or ``None`` when absent.

        Raises:
            DecodeError: when the value is not a valid JID.
        """
        value = self.attrs.get(name)
        if value is None:
            return None
        try:
            return JID.parse(value)
        except JIDError as exc:
            raise DecodeError(f"<{self.tag}> attribute {name!r} is not a JID: {exc}") from None

    def content_bytes(self) -> bytes:
        """Return the content as bytes (``b""`` for none; ``str`` content as UTF-8).

        Raises:
            DecodeError: when the node has child nodes instead of data.
        """
        content = self.content
        if content is None:
            return b""
        if isinstance(content, bytes):
            return content
        if isinstance(content, str):
            return content.encode()
        raise DecodeError(f"<{self.tag}> has child nodes, not data")
