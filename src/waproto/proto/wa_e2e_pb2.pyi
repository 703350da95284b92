from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ADVEncryptionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    E2EE: _ClassVar[ADVEncryptionType]
    HOSTED: _ClassVar[ADVEncryptionType]
E2EE: ADVEncryptionType
HOSTED: ADVEncryptionType

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

class DisappearingMode(_message.Message):
    __slots__ = ("initiator", "trigger", "initiatorDeviceJid", "initiatedByMe")
    class Initiator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CHANGED_IN_CHAT: _ClassVar[DisappearingMode.Initiator]
        INITIATED_BY_ME: _ClassVar[DisappearingMode.Initiator]
        INITIATED_BY_OTHER: _ClassVar[DisappearingMode.Initiator]
        BIZ_UPGRADE_FB_HOSTING: _ClassVar[DisappearingMode.Initiator]
    CHANGED_IN_CHAT: DisappearingMode.Initiator
    INITIATED_BY_ME: DisappearingMode.Initiator
    INITIATED_BY_OTHER: DisappearingMode.Initiator
    BIZ_UPGRADE_FB_HOSTING: DisappearingMode.Initiator
    class Trigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[DisappearingMode.Trigger]
        CHAT_SETTING: _ClassVar[DisappearingMode.Trigger]
        ACCOUNT_SETTING: _ClassVar[DisappearingMode.Trigger]
        BULK_CHANGE: _ClassVar[DisappearingMode.Trigger]
        BIZ_SUPPORTS_FB_HOSTING: _ClassVar[DisappearingMode.Trigger]
    UNKNOWN: DisappearingMode.Trigger
    CHAT_SETTING: DisappearingMode.Trigger
    ACCOUNT_SETTING: DisappearingMode.Trigger
    BULK_CHANGE: DisappearingMode.Trigger
    BIZ_SUPPORTS_FB_HOSTING: DisappearingMode.Trigger
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    INITIATORDEVICEJID_FIELD_NUMBER: _ClassVar[int]
    INITIATEDBYME_FIELD_NUMBER: _ClassVar[int]
    initiator: DisappearingMode.Initiator
    trigger: DisappearingMode.Trigger
    initiatorDeviceJid: str
    initiatedByMe: bool
    def __init__(self, initiator: _Optional[_Union[DisappearingMode.Initiator, str]] = ..., trigger: _Optional[_Union[DisappearingMode.Trigger, str]] = ..., initiatorDeviceJid: _Optional[str] = ..., initiatedByMe: _Optional[bool] = ...) -> None: ...

class ContextInfo(_message.Message):
    __slots__ = ("stanzaId", "participant", "quotedMessage", "remoteJid", "mentionedJid", "forwardingScore", "isForwarded", "placeholderKey", "expiration", "ephemeralSettingTimestamp", "ephemeralSharedSecret", "disappearingMode")
    STANZAID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    QUOTEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REMOTEJID_FIELD_NUMBER: _ClassVar[int]
    MENTIONEDJID_FIELD_NUMBER: _ClassVar[int]
    FORWARDINGSCORE_FIELD_NUMBER: _ClassVar[int]
    ISFORWARDED_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERKEY_FIELD_NUMBER: _ClassVar[int]
    EXPIRATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSHAREDSECRET_FIELD_NUMBER: _ClassVar[int]
    DISAPPEARINGMODE_FIELD_NUMBER: _ClassVar[int]
    stanzaId: str
    participant: str
    quotedMessage: Message
    remoteJid: str
    mentionedJid: _containers.RepeatedScalarFieldContainer[str]
    forwardingScore: int
    isForwarded: bool
    placeholderKey: MessageKey
    expiration: int
    ephemeralSettingTimestamp: int
    ephemeralSharedSecret: bytes
    disappearingMode: DisappearingMode
    def __init__(self, stanzaId: _Optional[str] = ..., participant: _Optional[str] = ..., quotedMessage: _Optional[_Union[Message, _Mapping]] = ..., remoteJid: _Optional[str] = ..., mentionedJid: _Optional[_Iterable[str]] = ..., forwardingScore: _Optional[int] = ..., isForwarded: _Optional[bool] = ..., placeholderKey: _Optional[_Union[MessageKey, _Mapping]] = ..., expiration: _Optional[int] = ..., ephemeralSettingTimestamp: _Optional[int] = ..., ephemeralSharedSecret: _Optional[bytes] = ..., disappearingMode: _Optional[_Union[DisappearingMode, _Mapping]] = ...) -> None: ...

class DeviceListMetadata(_message.Message):
    __slots__ = ("senderKeyHash", "senderTimestamp", "senderKeyIndexes", "senderAccountType", "receiverAccountType", "recipientKeyHash", "recipientTimestamp", "recipientKeyIndexes")
    SENDERKEYHASH_FIELD_NUMBER: _ClassVar[int]
    SENDERTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    SENDERKEYINDEXES_FIELD_NUMBER: _ClassVar[int]
    SENDERACCOUNTTYPE_FIELD_NUMBER: _ClassVar[int]
    RECEIVERACCOUNTTYPE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTKEYHASH_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTKEYINDEXES_FIELD_NUMBER: _ClassVar[int]
    senderKeyHash: bytes
    senderTimestamp: int
    senderKeyIndexes: _containers.RepeatedScalarFieldContainer[int]
    senderAccountType: ADVEncryptionType
    receiverAccountType: ADVEncryptionType
    recipientKeyHash: bytes
    recipientTimestamp: int
    recipientKeyIndexes: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, senderKeyHash: _Optional[bytes] = ..., senderTimestamp: _Optional[int] = ..., senderKeyIndexes: _Optional[_Iterable[int]] = ..., senderAccountType: _Optional[_Union[ADVEncryptionType, str]] = ..., receiverAccountType: _Optional[_Union[ADVEncryptionType, str]] = ..., recipientKeyHash: _Optional[bytes] = ..., recipientTimestamp: _Optional[int] = ..., recipientKeyIndexes: _Optional[_Iterable[int]] = ...) -> None: ...

class MessageContextInfo(_message.Message):
    __slots__ = ("deviceListMetadata", "deviceListMetadataVersion", "messageSecret", "paddingBytes", "messageAddOnDurationInSecs", "botMessageSecret", "reportingTokenVersion")
    DEVICELISTMETADATA_FIELD_NUMBER: _ClassVar[int]
    DEVICELISTMETADATAVERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    PADDINGBYTES_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONDURATIONINSECS_FIELD_NUMBER: _ClassVar[int]
    BOTMESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    REPORTINGTOKENVERSION_FIELD_NUMBER: _ClassVar[int]
    deviceListMetadata: DeviceListMetadata
    deviceListMetadataVersion: int
    messageSecret: bytes
    paddingBytes: bytes
    messageAddOnDurationInSecs: int
    botMessageSecret: bytes
    reportingTokenVersion: int
    def __init__(self, deviceListMetadata: _Optional[_Union[DeviceListMetadata, _Mapping]] = ..., deviceListMetadataVersion: _Optional[int] = ..., messageSecret: _Optional[bytes] = ..., paddingBytes: _Optional[bytes] = ..., messageAddOnDurationInSecs: _Optional[int] = ..., botMessageSecret: _Optional[bytes] = ..., reportingTokenVersion: _Optional[int] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("conversation", "senderKeyDistributionMessage", "imageMessage", "contactMessage", "locationMessage", "extendedTextMessage", "documentMessage", "audioMessage", "videoMessage", "protocolMessage", "fastRatchetKeySenderKeyDistributionMessage", "stickerMessage", "deviceSentMessage", "messageContextInfo", "viewOnceMessage", "ephemeralMessage", "reactionMessage", "documentWithCaptionMessage", "viewOnceMessageV2", "editedMessage", "viewOnceMessageV2Extension", "ptvMessage")
    class SenderKeyDistributionMessage(_message.Message):
        __slots__ = ("groupId", "axolotlSenderKeyDistributionMessage")
        GROUPID_FIELD_NUMBER: _ClassVar[int]
        AXOLOTLSENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
        groupId: str
        axolotlSenderKeyDistributionMessage: bytes
        def __init__(self, groupId: _Optional[str] = ..., axolotlSenderKeyDistributionMessage: _Optional[bytes] = ...) -> None: ...
    class ExtendedTextMessage(_message.Message):
        __slots__ = ("text", "matchedText", "canonicalUrl", "description", "title", "textArgb", "backgroundArgb", "jpegThumbnail", "contextInfo")
        TEXT_FIELD_NUMBER: _ClassVar[int]
        MATCHEDTEXT_FIELD_NUMBER: _ClassVar[int]
        CANONICALURL_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        TEXTARGB_FIELD_NUMBER: _ClassVar[int]
        BACKGROUNDARGB_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        text: str
        matchedText: str
        canonicalUrl: str
        description: str
        title: str
        textArgb: int
        backgroundArgb: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        def __init__(self, text: _Optional[str] = ..., matchedText: _Optional[str] = ..., canonicalUrl: _Optional[str] = ..., description: _Optional[str] = ..., title: _Optional[str] = ..., textArgb: _Optional[int] = ..., backgroundArgb: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class ImageMessage(_message.Message):
        __slots__ = ("url", "mimetype", "caption", "fileSha256", "fileLength", "height", "width", "mediaKey", "fileEncSha256", "directPath", "mediaKeyTimestamp", "jpegThumbnail", "contextInfo", "viewOnce")
        URL_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        url: str
        mimetype: str
        caption: str
        fileSha256: bytes
        fileLength: int
        height: int
        width: int
        mediaKey: bytes
        fileEncSha256: bytes
        directPath: str
        mediaKeyTimestamp: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        viewOnce: bool
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., caption: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., viewOnce: _Optional[bool] = ...) -> None: ...
    class VideoMessage(_message.Message):
        __slots__ = ("url", "mimetype", "fileSha256", "fileLength", "seconds", "mediaKey", "caption", "gifPlayback", "height", "width", "fileEncSha256", "directPath", "mediaKeyTimestamp", "jpegThumbnail", "contextInfo", "streamingSidecar", "viewOnce")
        URL_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        SECONDS_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        GIFPLAYBACK_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        STREAMINGSIDECAR_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        url: str
        mimetype: str
        fileSha256: bytes
        fileLength: int
        seconds: int
        mediaKey: bytes
        caption: str
        gifPlayback: bool
        height: int
        width: int
        fileEncSha256: bytes
        directPath: str
        mediaKeyTimestamp: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        streamingSidecar: bytes
        viewOnce: bool
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., seconds: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., caption: _Optional[str] = ..., gifPlayback: _Optional[bool] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., streamingSidecar: _Optional[bytes] = ..., viewOnce: _Optional[bool] = ...) -> None: ...
    class AudioMessage(_message.Message):
        __slots__ = ("url", "mimetype", "fileSha256", "fileLength", "seconds", "ptt", "mediaKey", "fileEncSha256", "directPath", "mediaKeyTimestamp", "contextInfo", "streamingSidecar", "waveform", "viewOnce")
        URL_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        SECONDS_FIELD_NUMBER: _ClassVar[int]
        PTT_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        STREAMINGSIDECAR_FIELD_NUMBER: _ClassVar[int]
        WAVEFORM_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        url: str
        mimetype: str
        fileSha256: bytes
        fileLength: int
        seconds: int
        ptt: bool
        mediaKey: bytes
        fileEncSha256: bytes
        directPath: str
        mediaKeyTimestamp: int
        contextInfo: ContextInfo
        streamingSidecar: bytes
        waveform: bytes
        viewOnce: bool
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., seconds: _Optional[int] = ..., ptt: _Optional[bool] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., streamingSidecar: _Optional[bytes] = ..., waveform: _Optional[bytes] = ..., viewOnce: _Optional[bool] = ...) -> None: ...
    class DocumentMessage(_message.Message):
        __slots__ = ("url", "mimetype", "title", "fileSha256", "fileLength", "pageCount", "mediaKey", "fileName", "fileEncSha256", "directPath", "mediaKeyTimestamp", "jpegThumbnail", "contextInfo", "caption")
        URL_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        PAGECOUNT_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILENAME_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        url: str
        mimetype: str
        title: str
        fileSha256: bytes
        fileLength: int
        pageCount: int
        mediaKey: bytes
        fileName: str
        fileEncSha256: bytes
        directPath: str
        mediaKeyTimestamp: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        caption: str
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., title: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., pageCount: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileName: _Optional[str] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., caption: _Optional[str] = ...) -> None: ...
    class StickerMessage(_message.Message):
        __slots__ = ("url", "fileSha256", "fileEncSha256", "mediaKey", "mimetype", "height", "width", "directPath", "fileLength", "mediaKeyTimestamp", "isAnimated", "pngThumbnail", "contextInfo")
        URL_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        ISANIMATED_FIELD_NUMBER: _ClassVar[int]
        PNGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        url: str
        fileSha256: bytes
        fileEncSha256: bytes
        mediaKey: bytes
        mimetype: str
        height: int
        width: int
        directPath: str
        fileLength: int
        mediaKeyTimestamp: int
        isAnimated: bool
        pngThumbnail: bytes
        contextInfo: ContextInfo
        def __init__(self, url: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mimetype: _Optional[str] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., directPath: _Optional[str] = ..., fileLength: _Optional[int] = ..., mediaKeyTimestamp: _Optional[int] = ..., isAnimated: _Optional[bool] = ..., pngThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class LocationMessage(_message.Message):
        __slots__ = ("degreesLatitude", "degreesLongitude", "name", "address", "url", "isLive", "accuracyInMeters", "comment", "jpegThumbnail", "contextInfo")
        DEGREESLATITUDE_FIELD_NUMBER: _ClassVar[int]
        DEGREESLONGITUDE_FIELD_NUMBER: _ClassVar[int]
        NAME_FIELD_NUMBER: _ClassVar[int]
        ADDRESS_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        ISLIVE_FIELD_NUMBER: _ClassVar[int]
        ACCURACYINMETERS_FIELD_NUMBER: _ClassVar[int]
        COMMENT_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        degreesLatitude: float
        degreesLongitude: float
        name: str
        address: str
        url: str
        isLive: bool
        accuracyInMeters: int
        comment: str
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        def __init__(self, degreesLatitude: _Optional[float] = ..., degreesLongitude: _Optional[float] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., url: _Optional[str] = ..., isLive: _Optional[bool] = ..., accuracyInMeters: _Optional[int] = ..., comment: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class ContactMessage(_message.Message):
        __slots__ = ("displayName", "vcard", "contextInfo")
        DISPLAYNAME_FIELD_NUMBER: _ClassVar[int]
        VCARD_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        displayName: str
        vcard: str
        contextInfo: ContextInfo
        def __init__(self, displayName: _Optional[str] = ..., vcard: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class ReactionMessage(_message.Message):
        __slots__ = ("key", "text", "groupingKey", "senderTimestampMs")
        KEY_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        GROUPINGKEY_FIELD_NUMBER: _ClassVar[int]
        SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        key: MessageKey
        text: str
        groupingKey: str
        senderTimestampMs: int
        def __init__(self, key: _Optional[_Union[MessageKey, _Mapping]] = ..., text: _Optional[str] = ..., groupingKey: _Optional[str] = ..., senderTimestampMs: _Optional[int] = ...) -> None: ...
    class DeviceSentMessage(_message.Message):
        __slots__ = ("destinationJid", "message", "phash")
        DESTINATIONJID_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        PHASH_FIELD_NUMBER: _ClassVar[int]
        destinationJid: str
        message: Message
        phash: str
        def __init__(self, destinationJid: _Optional[str] = ..., message: _Optional[_Union[Message, _Mapping]] = ..., phash: _Optional[str] = ...) -> None: ...
    class FutureProofMessage(_message.Message):
        __slots__ = ("message",)
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        message: Message
        def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...
    class AppStateSyncKeyId(_message.Message):
        __slots__ = ("keyId",)
        KEYID_FIELD_NUMBER: _ClassVar[int]
        keyId: bytes
        def __init__(self, keyId: _Optional[bytes] = ...) -> None: ...
    class AppStateSyncKeyFingerprint(_message.Message):
        __slots__ = ("rawId", "currentIndex", "deviceIndexes")
        RAWID_FIELD_NUMBER: _ClassVar[int]
        CURRENTINDEX_FIELD_NUMBER: _ClassVar[int]
        DEVICEINDEXES_FIELD_NUMBER: _ClassVar[int]
        rawId: int
        currentIndex: int
        deviceIndexes: _containers.RepeatedScalarFieldContainer[int]
        def __init__(self, rawId: _Optional[int] = ..., currentIndex: _Optional[int] = ..., deviceIndexes: _Optional[_Iterable[int]] = ...) -> None: ...
    class AppStateSyncKeyData(_message.Message):
        __slots__ = ("keyData", "fingerprint", "timestamp")
        KEYDATA_FIELD_NUMBER: _ClassVar[int]
        FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        keyData: bytes
        fingerprint: Message.AppStateSyncKeyFingerprint
        timestamp: int
        def __init__(self, keyData: _Optional[bytes] = ..., fingerprint: _Optional[_Union[Message.AppStateSyncKeyFingerprint, _Mapping]] = ..., timestamp: _Optional[int] = ...) -> None: ...
    class AppStateSyncKey(_message.Message):
        __slots__ = ("keyId", "keyData")
        KEYID_FIELD_NUMBER: _ClassVar[int]
        KEYDATA_FIELD_NUMBER: _ClassVar[int]
        keyId: Message.AppStateSyncKeyId
        keyData: Message.AppStateSyncKeyData
        def __init__(self, keyId: _Optional[_Union[Message.AppStateSyncKeyId, _Mapping]] = ..., keyData: _Optional[_Union[Message.AppStateSyncKeyData, _Mapping]] = ...) -> None: ...
    class AppStateSyncKeyShare(_message.Message):
        __slots__ = ("keys",)
        KEYS_FIELD_NUMBER: _ClassVar[int]
        keys: _containers.RepeatedCompositeFieldContainer[Message.AppStateSyncKey]
        def __init__(self, keys: _Optional[_Iterable[_Union[Message.AppStateSyncKey, _Mapping]]] = ...) -> None: ...
    class AppStateSyncKeyRequest(_message.Message):
        __slots__ = ("keyIds",)
        KEYIDS_FIELD_NUMBER: _ClassVar[int]
        keyIds: _containers.RepeatedCompositeFieldContainer[Message.AppStateSyncKeyId]
        def __init__(self, keyIds: _Optional[_Iterable[_Union[Message.AppStateSyncKeyId, _Mapping]]] = ...) -> None: ...
    class HistorySyncNotification(_message.Message):
        __slots__ = ("fileSha256", "fileLength", "mediaKey", "fileEncSha256", "directPath", "syncType", "chunkOrder", "originalMessageId", "progress", "oldestMsgInChunkTimestampSec", "initialHistBootstrapInlinePayload", "peerDataRequestSessionId")
        class HistorySyncType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            INITIAL_BOOTSTRAP: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            INITIAL_STATUS_V3: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            FULL: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            RECENT: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            PUSH_NAME: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            NON_BLOCKING_DATA: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
            ON_DEMAND: _ClassVar[Message.HistorySyncNotification.HistorySyncType]
        INITIAL_BOOTSTRAP: Message.HistorySyncNotification.HistorySyncType
        INITIAL_STATUS_V3: Message.HistorySyncNotification.HistorySyncType
        FULL: Message.HistorySyncNotification.HistorySyncType
        RECENT: Message.HistorySyncNotification.HistorySyncType
        PUSH_NAME: Message.HistorySyncNotification.HistorySyncType
        NON_BLOCKING_DATA: Message.HistorySyncNotification.HistorySyncType
        ON_DEMAND: Message.HistorySyncNotification.HistorySyncType
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        SYNCTYPE_FIELD_NUMBER: _ClassVar[int]
        CHUNKORDER_FIELD_NUMBER: _ClassVar[int]
        ORIGINALMESSAGEID_FIELD_NUMBER: _ClassVar[int]
        PROGRESS_FIELD_NUMBER: _ClassVar[int]
        OLDESTMSGINCHUNKTIMESTAMPSEC_FIELD_NUMBER: _ClassVar[int]
        INITIALHISTBOOTSTRAPINLINEPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        PEERDATAREQUESTSESSIONID_FIELD_NUMBER: _ClassVar[int]
        fileSha256: bytes
        fileLength: int
        mediaKey: bytes
        fileEncSha256: bytes
        directPath: str
        syncType: Message.HistorySyncNotification.HistorySyncType
        chunkOrder: int
        originalMessageId: str
        progress: int
        oldestMsgInChunkTimestampSec: int
        initialHistBootstrapInlinePayload: bytes
        peerDataRequestSessionId: str
        def __init__(self, fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., syncType: _Optional[_Union[Message.HistorySyncNotification.HistorySyncType, str]] = ..., chunkOrder: _Optional[int] = ..., originalMessageId: _Optional[str] = ..., progress: _Optional[int] = ..., oldestMsgInChunkTimestampSec: _Optional[int] = ..., initialHistBootstrapInlinePayload: _Optional[bytes] = ..., peerDataRequestSessionId: _Optional[str] = ...) -> None: ...
    class ProtocolMessage(_message.Message):
        __slots__ = ("key", "type", "ephemeralExpiration", "ephemeralSettingTimestamp", "historySyncNotification", "appStateSyncKeyShare", "appStateSyncKeyRequest", "disappearingMode", "editedMessage", "timestampMs")
        class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            REVOKE: _ClassVar[Message.ProtocolMessage.Type]
            EPHEMERAL_SETTING: _ClassVar[Message.ProtocolMessage.Type]
            EPHEMERAL_SYNC_RESPONSE: _ClassVar[Message.ProtocolMessage.Type]
            HISTORY_SYNC_NOTIFICATION: _ClassVar[Message.ProtocolMessage.Type]
            APP_STATE_SYNC_KEY_SHARE: _ClassVar[Message.ProtocolMessage.Type]
            APP_STATE_SYNC_KEY_REQUEST: _ClassVar[Message.ProtocolMessage.Type]
            MSG_FANOUT_BACKFILL_REQUEST: _ClassVar[Message.ProtocolMessage.Type]
            INITIAL_SECURITY_NOTIFICATION_SETTING_SYNC: _ClassVar[Message.ProtocolMessage.Type]
            APP_STATE_FATAL_EXCEPTION_NOTIFICATION: _ClassVar[Message.ProtocolMessage.Type]
            SHARE_PHONE_NUMBER: _ClassVar[Message.ProtocolMessage.Type]
            MESSAGE_EDIT: _ClassVar[Message.ProtocolMessage.Type]
            PEER_DATA_OPERATION_REQUEST_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            PEER_DATA_OPERATION_REQUEST_RESPONSE_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            REQUEST_WELCOME_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            BOT_FEEDBACK_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            MEDIA_NOTIFY_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
        REVOKE: Message.ProtocolMessage.Type
        EPHEMERAL_SETTING: Message.ProtocolMessage.Type
        EPHEMERAL_SYNC_RESPONSE: Message.ProtocolMessage.Type
        HISTORY_SYNC_NOTIFICATION: Message.ProtocolMessage.Type
        APP_STATE_SYNC_KEY_SHARE: Message.ProtocolMessage.Type
        APP_STATE_SYNC_KEY_REQUEST: Message.ProtocolMessage.Type
        MSG_FANOUT_BACKFILL_REQUEST: Message.ProtocolMessage.Type
        INITIAL_SECURITY_NOTIFICATION_SETTING_SYNC: Message.ProtocolMessage.Type
        APP_STATE_FATAL_EXCEPTION_NOTIFICATION: Message.ProtocolMessage.Type
        SHARE_PHONE_NUMBER: Message.ProtocolMessage.Type
        MESSAGE_EDIT: Message.ProtocolMessage.Type
        PEER_DATA_OPERATION_REQUEST_MESSAGE: Message.ProtocolMessage.Type
        PEER_DATA_OPERATION_REQUEST_RESPONSE_MESSAGE: Message.ProtocolMessage.Type
        REQUEST_WELCOME_MESSAGE: Message.ProtocolMessage.Type
        BOT_FEEDBACK_MESSAGE: Message.ProtocolMessage.Type
        MEDIA_NOTIFY_MESSAGE: Message.ProtocolMessage.Type
        KEY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        EPHEMERALEXPIRATION_FIELD_NUMBER: _ClassVar[int]
        EPHEMERALSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        HISTORYSYNCNOTIFICATION_FIELD_NUMBER: _ClassVar[int]
        APPSTATESYNCKEYSHARE_FIELD_NUMBER: _ClassVar[int]
        APPSTATESYNCKEYREQUEST_FIELD_NUMBER: _ClassVar[int]
        DISAPPEARINGMODE_FIELD_NUMBER: _ClassVar[int]
        EDITEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        key: MessageKey
        type: Message.ProtocolMessage.Type
        ephemeralExpiration: int
        ephemeralSettingTimestamp: int
        historySyncNotification: Message.HistorySyncNotification
        appStateSyncKeyShare: Message.AppStateSyncKeyShare
        appStateSyncKeyRequest: Message.AppStateSyncKeyRequest
        disappearingMode: DisappearingMode
        editedMessage: Message
        timestampMs: int
        def __init__(self, key: _Optional[_Union[MessageKey, _Mapping]] = ..., type: _Optional[_Union[Message.ProtocolMessage.Type, str]] = ..., ephemeralExpiration: _Optional[int] = ..., ephemeralSettingTimestamp: _Optional[int] = ..., historySyncNotification: _Optional[_Union[Message.HistorySyncNotification, _Mapping]] = ..., appStateSyncKeyShare: _Optional[_Union[Message.AppStateSyncKeyShare, _Mapping]] = ..., appStateSyncKeyRequest: _Optional[_Union[Message.AppStateSyncKeyRequest, _Mapping]] = ..., disappearingMode: _Optional[_Union[DisappearingMode, _Mapping]] = ..., editedMessage: _Optional[_Union[Message, _Mapping]] = ..., timestampMs: _Optional[int] = ...) -> None: ...
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    SENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CONTACTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EXTENDEDTEXTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    AUDIOMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PROTOCOLMESSAGE_FIELD_NUMBER: _ClassVar[int]
    FASTRATCHETKEYSENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STICKERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DEVICESENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGECONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REACTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTWITHCAPTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGEV2_FIELD_NUMBER: _ClassVar[int]
    EDITEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGEV2EXTENSION_FIELD_NUMBER: _ClassVar[int]
    PTVMESSAGE_FIELD_NUMBER: _ClassVar[int]
    conversation: str
    senderKeyDistributionMessage: Message.SenderKeyDistributionMessage
    imageMessage: Message.ImageMessage
    contactMessage: Message.ContactMessage
    locationMessage: Message.LocationMessage
    extendedTextMessage: Message.ExtendedTextMessage
    documentMessage: Message.DocumentMessage
    audioMessage: Message.AudioMessage
    videoMessage: Message.VideoMessage
    protocolMessage: Message.ProtocolMessage
    fastRatchetKeySenderKeyDistributionMessage: Message.SenderKeyDistributionMessage
    stickerMessage: Message.StickerMessage
    deviceSentMessage: Message.DeviceSentMessage
    messageContextInfo: MessageContextInfo
    viewOnceMessage: Message.FutureProofMessage
    ephemeralMessage: Message.FutureProofMessage
    reactionMessage: Message.ReactionMessage
    documentWithCaptionMessage: Message.FutureProofMessage
    viewOnceMessageV2: Message.FutureProofMessage
    editedMessage: Message.FutureProofMessage
    viewOnceMessageV2Extension: Message.FutureProofMessage
    ptvMessage: Message.VideoMessage
    def __init__(self, conversation: _Optional[str] = ..., senderKeyDistributionMessage: _Optional[_Union[Message.SenderKeyDistributionMessage, _Mapping]] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., contactMessage: _Optional[_Union[Message.ContactMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ..., extendedTextMessage: _Optional[_Union[Message.ExtendedTextMessage, _Mapping]] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., audioMessage: _Optional[_Union[Message.AudioMessage, _Mapping]] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., protocolMessage: _Optional[_Union[Message.ProtocolMessage, _Mapping]] = ..., fastRatchetKeySenderKeyDistributionMessage: _Optional[_Union[Message.SenderKeyDistributionMessage, _Mapping]] = ..., stickerMessage: _Optional[_Union[Message.StickerMessage, _Mapping]] = ..., deviceSentMessage: _Optional[_Union[Message.DeviceSentMessage, _Mapping]] = ..., messageContextInfo: _Optional[_Union[MessageContextInfo, _Mapping]] = ..., viewOnceMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., ephemeralMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., reactionMessage: _Optional[_Union[Message.ReactionMessage, _Mapping]] = ..., documentWithCaptionMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., viewOnceMessageV2: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., editedMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., viewOnceMessageV2Extension: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., ptvMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ...) -> None: ...
