"""Realistic stanzas shared by the fuzz test (and mirrored by the benchmark)."""

from __future__ import annotations

from waproto.binary import Node


def message_stanza(participants: int = 3) -> Node:
    to_nodes = [
        Node(
            "to",
            {"jid": f"1555123{i:04d}:{i % 5}@s.whatsapp.net"},
            [Node("enc", {"v": "2", "type": "pkmsg" if i % 2 else "msg"}, bytes(range(i, i + 60)))],
        )
        for i in range(participants)
    ]
    return Node(
        "message",
        {
            "id": "3EB0C767D26A8B3C2F1A",
            "to": "120363025246125888@g.us",
            "type": "text",
            "addressing_mode": "pn",
        },
        [
            Node("participants", {}, to_nodes),
            Node("enc", {"v": "2", "type": "skmsg"}, bytes(range(90))),
            Node("device-identity", {}, bytes(range(100, 220))),
        ],
    )


def receipt_stanza() -> Node:
    return Node(
        "receipt",
        {
            "id": "ABCDEF0123456789",
            "to": "15551234567@s.whatsapp.net",
            "participant": "123456789012345:7@lid",
            "type": "read",
            "t": "1712345678",
        },
        [Node("list", {}, [Node("item", {"id": f"3EB0{i:06X}"}) for i in range(3)])],
    )


def iq_result_stanza() -> Node:
    return Node(
        "iq",
        {"from": "s.whatsapp.net", "type": "result", "id": "12345.6789-1"},
        [
            Node(
                "usync",
                {"sid": "1234.5678-9", "mode": "query", "last": "true", "index": "0", "context": "message"},
                [
                    Node(
                        "list",
                        {},
                        [
                            Node(
                                "user",
                                {"jid": f"1555123{i:04d}@s.whatsapp.net"},
                                [
                                    Node(
                                        "devices",
                                        {},
                                        [
                                            Node(
                                                "device-list",
                                                {},
                                                [
                                                    Node("device", {"id": str(d), "key-index": str(d)})
                                                    for d in range(3)
                                                ],
                                            )
                                        ],
                                    )
                                ],
                            )
                            for i in range(4)
                        ],
                    )
                ],
            )
        ],
    )
