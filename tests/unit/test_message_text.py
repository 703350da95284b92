"""``Message.text`` covers every text-bearing content type, through WA's wrappers."""

from __future__ import annotations

import pytest

from waproto import JID, Message, MessageInfo
from waproto.proto import wa_e2e_pb2 as pb

PEER = JID.parse("15550001@s.whatsapp.net")
INFO = MessageInfo(id="m", chat=PEER, sender=PEER, is_from_me=False, is_group=False, timestamp=1)


def _wrap(message: pb.Message) -> pb.Message.FutureProofMessage:
    return pb.Message.FutureProofMessage(message=message)


@pytest.mark.parametrize(
    ("message", "text"),
    [
        (pb.Message(conversation="plain"), "plain"),
        (pb.Message(extendedTextMessage=pb.Message.ExtendedTextMessage(text="extended")), "extended"),
        (pb.Message(imageMessage=pb.Message.ImageMessage(caption="image")), "image"),
        (pb.Message(videoMessage=pb.Message.VideoMessage(caption="video")), "video"),
        (pb.Message(ptvMessage=pb.Message.VideoMessage(caption="ptv")), "ptv"),
        (pb.Message(documentMessage=pb.Message.DocumentMessage(caption="document")), "document"),
        (pb.Message(imageMessage=pb.Message.ImageMessage()), None),
        (pb.Message(audioMessage=pb.Message.AudioMessage()), None),
        (pb.Message(ephemeralMessage=_wrap(pb.Message(conversation="disappearing"))), "disappearing"),
        (
            pb.Message(
                ephemeralMessage=_wrap(
                    pb.Message(
                        viewOnceMessageV2=_wrap(
                            pb.Message(imageMessage=pb.Message.ImageMessage(caption="once"))
                        )
                    )
                )
            ),
            "once",
        ),
        (
            pb.Message(
                documentWithCaptionMessage=_wrap(
                    pb.Message(documentMessage=pb.Message.DocumentMessage(caption="with caption"))
                )
            ),
            "with caption",
        ),
        (pb.Message(reactionMessage=pb.Message.ReactionMessage(text="👍")), None),
    ],
)
def test_text(message: pb.Message, text: str | None) -> None:
    assert Message(info=INFO, message=message).text == text


def test_wrapping_is_bounded() -> None:
    message = pb.Message(conversation="deep")
    for _ in range(50):
        message = pb.Message(ephemeralMessage=_wrap(message))
    assert Message(info=INFO, message=message).text is None
