from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class MessageKey(_message.Message):
    __slots__ = ("remoteJid", "fromMe", "id", "participant")
    REMOTEJID_FIELD_NUMBER: _ClassVar[int]
    FROMME_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    remoteJid: str
    fromMe: bool
    id: str
    participant: str
    def __init__(self, remoteJid: _Optional[str] = ..., fromMe: _Optional[bool] = ..., id: _Optional[str] = ..., participant: _Optional[str] = ...) -> None: ...
