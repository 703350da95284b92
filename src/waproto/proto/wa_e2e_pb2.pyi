from waproto.proto import wa_bot_pb2 as _wa_bot_pb2
from waproto.proto import wa_client_payload_pb2 as _wa_client_payload_pb2
from waproto.proto import wa_common_pb2 as _wa_common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union
from waproto.proto.wa_common_pb2 import MessageKey as MessageKey

DESCRIPTOR: _descriptor.FileDescriptor

class ADVEncryptionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    E2EE: _ClassVar[ADVEncryptionType]
    HOSTED: _ClassVar[ADVEncryptionType]

class KeepType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNKNOWN: _ClassVar[KeepType]
    KEEP_FOR_ALL: _ClassVar[KeepType]
    UNDO_KEEP_FOR_ALL: _ClassVar[KeepType]

class WebLinkRenderConfig(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEBVIEW: _ClassVar[WebLinkRenderConfig]
    SYSTEM: _ClassVar[WebLinkRenderConfig]
E2EE: ADVEncryptionType
HOSTED: ADVEncryptionType
UNKNOWN: KeepType
KEEP_FOR_ALL: KeepType
UNDO_KEEP_FOR_ALL: KeepType
WEBVIEW: WebLinkRenderConfig
SYSTEM: WebLinkRenderConfig

class AIQueryFanout(_message.Message):
    __slots__ = ("messageKey", "message", "timestamp")
    MESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    messageKey: _wa_common_pb2.MessageKey
    message: Message
    timestamp: int
    def __init__(self, messageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., message: _Optional[_Union[Message, _Mapping]] = ..., timestamp: _Optional[int] = ...) -> None: ...

class AIRichResponseMessage(_message.Message):
    __slots__ = ("messageType", "submessages", "unifiedResponse", "contextInfo")
    MESSAGETYPE_FIELD_NUMBER: _ClassVar[int]
    SUBMESSAGES_FIELD_NUMBER: _ClassVar[int]
    UNIFIEDRESPONSE_FIELD_NUMBER: _ClassVar[int]
    CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
    messageType: _wa_bot_pb2.AIRichResponseMessageType
    submessages: _containers.RepeatedCompositeFieldContainer[_wa_bot_pb2.AIRichResponseSubMessage]
    unifiedResponse: _wa_bot_pb2.AIRichResponseUnifiedResponse
    contextInfo: ContextInfo
    def __init__(self, messageType: _Optional[_Union[_wa_bot_pb2.AIRichResponseMessageType, str]] = ..., submessages: _Optional[_Iterable[_Union[_wa_bot_pb2.AIRichResponseSubMessage, _Mapping]]] = ..., unifiedResponse: _Optional[_Union[_wa_bot_pb2.AIRichResponseUnifiedResponse, _Mapping]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...

class ActionLink(_message.Message):
    __slots__ = ("url", "buttonTitle")
    URL_FIELD_NUMBER: _ClassVar[int]
    BUTTONTITLE_FIELD_NUMBER: _ClassVar[int]
    url: str
    buttonTitle: str
    def __init__(self, url: _Optional[str] = ..., buttonTitle: _Optional[str] = ...) -> None: ...

class ContextInfo(_message.Message):
    __slots__ = ("stanzaId", "participant", "quotedMessage", "remoteJid", "mentionedJid", "conversionSource", "conversionData", "conversionDelaySeconds", "forwardingScore", "isForwarded", "quotedAd", "placeholderKey", "expiration", "ephemeralSettingTimestamp", "ephemeralSharedSecret", "externalAdReply", "entryPointConversionSource", "entryPointConversionApp", "entryPointConversionDelaySeconds", "disappearingMode", "actionLink", "groupSubject", "parentGroupJid", "trustBannerType", "trustBannerAction", "isSampled", "groupMentions", "utm", "forwardedNewsletterMessageInfo", "businessMessageForwardInfo", "smbClientCampaignId", "smbServerCampaignId", "dataSharingContext", "alwaysShowAdAttribution", "featureEligibilities", "entryPointConversionExternalSource", "entryPointConversionExternalMedium", "ctwaSignals", "ctwaPayload", "forwardedAiBotMessageInfo", "statusAttributionType", "urlTrackingMap", "pairedMediaType", "rankingVersion", "memberLabel", "isQuestion", "statusSourceType", "statusAttributions", "isGroupStatus", "forwardOrigin", "questionReplyQuotedMessage", "statusAudienceMetadata", "nonJidMentions", "quotedType", "botMessageSharingInfo", "isSpoiler", "afterReadDuration", "posterStatusID")
    class ForwardOrigin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[ContextInfo.ForwardOrigin]
        CHAT: _ClassVar[ContextInfo.ForwardOrigin]
        STATUS: _ClassVar[ContextInfo.ForwardOrigin]
        CHANNELS: _ClassVar[ContextInfo.ForwardOrigin]
        META_AI: _ClassVar[ContextInfo.ForwardOrigin]
        UGC: _ClassVar[ContextInfo.ForwardOrigin]
    UNKNOWN: ContextInfo.ForwardOrigin
    CHAT: ContextInfo.ForwardOrigin
    STATUS: ContextInfo.ForwardOrigin
    CHANNELS: ContextInfo.ForwardOrigin
    META_AI: ContextInfo.ForwardOrigin
    UGC: ContextInfo.ForwardOrigin
    class PairedMediaType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NOT_PAIRED_MEDIA: _ClassVar[ContextInfo.PairedMediaType]
        SD_VIDEO_PARENT: _ClassVar[ContextInfo.PairedMediaType]
        HD_VIDEO_CHILD: _ClassVar[ContextInfo.PairedMediaType]
        SD_IMAGE_PARENT: _ClassVar[ContextInfo.PairedMediaType]
        HD_IMAGE_CHILD: _ClassVar[ContextInfo.PairedMediaType]
        MOTION_PHOTO_PARENT: _ClassVar[ContextInfo.PairedMediaType]
        MOTION_PHOTO_CHILD: _ClassVar[ContextInfo.PairedMediaType]
        HEVC_VIDEO_PARENT: _ClassVar[ContextInfo.PairedMediaType]
        HEVC_VIDEO_CHILD: _ClassVar[ContextInfo.PairedMediaType]
    NOT_PAIRED_MEDIA: ContextInfo.PairedMediaType
    SD_VIDEO_PARENT: ContextInfo.PairedMediaType
    HD_VIDEO_CHILD: ContextInfo.PairedMediaType
    SD_IMAGE_PARENT: ContextInfo.PairedMediaType
    HD_IMAGE_CHILD: ContextInfo.PairedMediaType
    MOTION_PHOTO_PARENT: ContextInfo.PairedMediaType
    MOTION_PHOTO_CHILD: ContextInfo.PairedMediaType
    HEVC_VIDEO_PARENT: ContextInfo.PairedMediaType
    HEVC_VIDEO_CHILD: ContextInfo.PairedMediaType
    class QuotedType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        EXPLICIT: _ClassVar[ContextInfo.QuotedType]
        AUTO: _ClassVar[ContextInfo.QuotedType]
    EXPLICIT: ContextInfo.QuotedType
    AUTO: ContextInfo.QuotedType
    class StatusAttributionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NONE: _ClassVar[ContextInfo.StatusAttributionType]
        RESHARED_FROM_MENTION: _ClassVar[ContextInfo.StatusAttributionType]
        RESHARED_FROM_POST: _ClassVar[ContextInfo.StatusAttributionType]
        RESHARED_FROM_POST_MANY_TIMES: _ClassVar[ContextInfo.StatusAttributionType]
        FORWARDED_FROM_STATUS: _ClassVar[ContextInfo.StatusAttributionType]
    NONE: ContextInfo.StatusAttributionType
    RESHARED_FROM_MENTION: ContextInfo.StatusAttributionType
    RESHARED_FROM_POST: ContextInfo.StatusAttributionType
    RESHARED_FROM_POST_MANY_TIMES: ContextInfo.StatusAttributionType
    FORWARDED_FROM_STATUS: ContextInfo.StatusAttributionType
    class StatusSourceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        IMAGE: _ClassVar[ContextInfo.StatusSourceType]
        VIDEO: _ClassVar[ContextInfo.StatusSourceType]
        GIF: _ClassVar[ContextInfo.StatusSourceType]
        AUDIO: _ClassVar[ContextInfo.StatusSourceType]
        TEXT: _ClassVar[ContextInfo.StatusSourceType]
        MUSIC_STANDALONE: _ClassVar[ContextInfo.StatusSourceType]
    IMAGE: ContextInfo.StatusSourceType
    VIDEO: ContextInfo.StatusSourceType
    GIF: ContextInfo.StatusSourceType
    AUDIO: ContextInfo.StatusSourceType
    TEXT: ContextInfo.StatusSourceType
    MUSIC_STANDALONE: ContextInfo.StatusSourceType
    class AdReplyInfo(_message.Message):
        __slots__ = ("advertiserName", "mediaType", "jpegThumbnail", "caption")
        class MediaType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[ContextInfo.AdReplyInfo.MediaType]
            IMAGE: _ClassVar[ContextInfo.AdReplyInfo.MediaType]
            VIDEO: _ClassVar[ContextInfo.AdReplyInfo.MediaType]
        NONE: ContextInfo.AdReplyInfo.MediaType
        IMAGE: ContextInfo.AdReplyInfo.MediaType
        VIDEO: ContextInfo.AdReplyInfo.MediaType
        ADVERTISERNAME_FIELD_NUMBER: _ClassVar[int]
        MEDIATYPE_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        advertiserName: str
        mediaType: ContextInfo.AdReplyInfo.MediaType
        jpegThumbnail: bytes
        caption: str
        def __init__(self, advertiserName: _Optional[str] = ..., mediaType: _Optional[_Union[ContextInfo.AdReplyInfo.MediaType, str]] = ..., jpegThumbnail: _Optional[bytes] = ..., caption: _Optional[str] = ...) -> None: ...
    class BusinessMessageForwardInfo(_message.Message):
        __slots__ = ("businessOwnerJid",)
        BUSINESSOWNERJID_FIELD_NUMBER: _ClassVar[int]
        businessOwnerJid: str
        def __init__(self, businessOwnerJid: _Optional[str] = ...) -> None: ...
    class DataSharingContext(_message.Message):
        __slots__ = ("showMmDisclosure", "encryptedSignalTokenConsented", "parameters", "dataSharingFlags")
        class DataSharingFlags(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            SHOW_MM_DISCLOSURE_ON_CLICK: _ClassVar[ContextInfo.DataSharingContext.DataSharingFlags]
            SHOW_MM_DISCLOSURE_ON_READ: _ClassVar[ContextInfo.DataSharingContext.DataSharingFlags]
        SHOW_MM_DISCLOSURE_ON_CLICK: ContextInfo.DataSharingContext.DataSharingFlags
        SHOW_MM_DISCLOSURE_ON_READ: ContextInfo.DataSharingContext.DataSharingFlags
        class Parameters(_message.Message):
            __slots__ = ("key", "stringData", "intData", "floatData", "contents")
            KEY_FIELD_NUMBER: _ClassVar[int]
            STRINGDATA_FIELD_NUMBER: _ClassVar[int]
            INTDATA_FIELD_NUMBER: _ClassVar[int]
            FLOATDATA_FIELD_NUMBER: _ClassVar[int]
            CONTENTS_FIELD_NUMBER: _ClassVar[int]
            key: str
            stringData: str
            intData: int
            floatData: float
            contents: ContextInfo.DataSharingContext.Parameters
            def __init__(self, key: _Optional[str] = ..., stringData: _Optional[str] = ..., intData: _Optional[int] = ..., floatData: _Optional[float] = ..., contents: _Optional[_Union[ContextInfo.DataSharingContext.Parameters, _Mapping]] = ...) -> None: ...
        SHOWMMDISCLOSURE_FIELD_NUMBER: _ClassVar[int]
        ENCRYPTEDSIGNALTOKENCONSENTED_FIELD_NUMBER: _ClassVar[int]
        PARAMETERS_FIELD_NUMBER: _ClassVar[int]
        DATASHARINGFLAGS_FIELD_NUMBER: _ClassVar[int]
        showMmDisclosure: bool
        encryptedSignalTokenConsented: str
        parameters: _containers.RepeatedCompositeFieldContainer[ContextInfo.DataSharingContext.Parameters]
        dataSharingFlags: int
        def __init__(self, showMmDisclosure: _Optional[bool] = ..., encryptedSignalTokenConsented: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[ContextInfo.DataSharingContext.Parameters, _Mapping]]] = ..., dataSharingFlags: _Optional[int] = ...) -> None: ...
    class ExternalAdReplyInfo(_message.Message):
        __slots__ = ("title", "body", "mediaType", "thumbnailUrl", "mediaUrl", "thumbnail", "sourceType", "sourceId", "sourceUrl", "containsAutoReply", "renderLargerThumbnail", "showAdAttribution", "ctwaClid", "ref", "clickToWhatsappCall", "adContextPreviewDismissed", "sourceApp", "automatedGreetingMessageShown", "greetingMessageBody", "ctaPayload", "disableNudge", "originalImageUrl", "automatedGreetingMessageCtaType", "wtwaAdFormat", "adType", "wtwaWebsiteUrl", "adPreviewUrl", "containsCtwaFlowsAutoReply", "agmThumbnailStrategy", "agmTitleStrategy", "agmSubtitleStrategy", "agmHeaderInteractionStrategy")
        class AdType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            CTWA: _ClassVar[ContextInfo.ExternalAdReplyInfo.AdType]
            CAWC: _ClassVar[ContextInfo.ExternalAdReplyInfo.AdType]
        CTWA: ContextInfo.ExternalAdReplyInfo.AdType
        CAWC: ContextInfo.ExternalAdReplyInfo.AdType
        class MediaType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[ContextInfo.ExternalAdReplyInfo.MediaType]
            IMAGE: _ClassVar[ContextInfo.ExternalAdReplyInfo.MediaType]
            VIDEO: _ClassVar[ContextInfo.ExternalAdReplyInfo.MediaType]
        NONE: ContextInfo.ExternalAdReplyInfo.MediaType
        IMAGE: ContextInfo.ExternalAdReplyInfo.MediaType
        VIDEO: ContextInfo.ExternalAdReplyInfo.MediaType
        TITLE_FIELD_NUMBER: _ClassVar[int]
        BODY_FIELD_NUMBER: _ClassVar[int]
        MEDIATYPE_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILURL_FIELD_NUMBER: _ClassVar[int]
        MEDIAURL_FIELD_NUMBER: _ClassVar[int]
        THUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        SOURCETYPE_FIELD_NUMBER: _ClassVar[int]
        SOURCEID_FIELD_NUMBER: _ClassVar[int]
        SOURCEURL_FIELD_NUMBER: _ClassVar[int]
        CONTAINSAUTOREPLY_FIELD_NUMBER: _ClassVar[int]
        RENDERLARGERTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        SHOWADATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
        CTWACLID_FIELD_NUMBER: _ClassVar[int]
        REF_FIELD_NUMBER: _ClassVar[int]
        CLICKTOWHATSAPPCALL_FIELD_NUMBER: _ClassVar[int]
        ADCONTEXTPREVIEWDISMISSED_FIELD_NUMBER: _ClassVar[int]
        SOURCEAPP_FIELD_NUMBER: _ClassVar[int]
        AUTOMATEDGREETINGMESSAGESHOWN_FIELD_NUMBER: _ClassVar[int]
        GREETINGMESSAGEBODY_FIELD_NUMBER: _ClassVar[int]
        CTAPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        DISABLENUDGE_FIELD_NUMBER: _ClassVar[int]
        ORIGINALIMAGEURL_FIELD_NUMBER: _ClassVar[int]
        AUTOMATEDGREETINGMESSAGECTATYPE_FIELD_NUMBER: _ClassVar[int]
        WTWAADFORMAT_FIELD_NUMBER: _ClassVar[int]
        ADTYPE_FIELD_NUMBER: _ClassVar[int]
        WTWAWEBSITEURL_FIELD_NUMBER: _ClassVar[int]
        ADPREVIEWURL_FIELD_NUMBER: _ClassVar[int]
        CONTAINSCTWAFLOWSAUTOREPLY_FIELD_NUMBER: _ClassVar[int]
        AGMTHUMBNAILSTRATEGY_FIELD_NUMBER: _ClassVar[int]
        AGMTITLESTRATEGY_FIELD_NUMBER: _ClassVar[int]
        AGMSUBTITLESTRATEGY_FIELD_NUMBER: _ClassVar[int]
        AGMHEADERINTERACTIONSTRATEGY_FIELD_NUMBER: _ClassVar[int]
        title: str
        body: str
        mediaType: ContextInfo.ExternalAdReplyInfo.MediaType
        thumbnailUrl: str
        mediaUrl: str
        thumbnail: bytes
        sourceType: str
        sourceId: str
        sourceUrl: str
        containsAutoReply: bool
        renderLargerThumbnail: bool
        showAdAttribution: bool
        ctwaClid: str
        ref: str
        clickToWhatsappCall: bool
        adContextPreviewDismissed: bool
        sourceApp: str
        automatedGreetingMessageShown: bool
        greetingMessageBody: str
        ctaPayload: str
        disableNudge: bool
        originalImageUrl: str
        automatedGreetingMessageCtaType: str
        wtwaAdFormat: bool
        adType: ContextInfo.ExternalAdReplyInfo.AdType
        wtwaWebsiteUrl: str
        adPreviewUrl: str
        containsCtwaFlowsAutoReply: bool
        agmThumbnailStrategy: int
        agmTitleStrategy: int
        agmSubtitleStrategy: int
        agmHeaderInteractionStrategy: int
        def __init__(self, title: _Optional[str] = ..., body: _Optional[str] = ..., mediaType: _Optional[_Union[ContextInfo.ExternalAdReplyInfo.MediaType, str]] = ..., thumbnailUrl: _Optional[str] = ..., mediaUrl: _Optional[str] = ..., thumbnail: _Optional[bytes] = ..., sourceType: _Optional[str] = ..., sourceId: _Optional[str] = ..., sourceUrl: _Optional[str] = ..., containsAutoReply: _Optional[bool] = ..., renderLargerThumbnail: _Optional[bool] = ..., showAdAttribution: _Optional[bool] = ..., ctwaClid: _Optional[str] = ..., ref: _Optional[str] = ..., clickToWhatsappCall: _Optional[bool] = ..., adContextPreviewDismissed: _Optional[bool] = ..., sourceApp: _Optional[str] = ..., automatedGreetingMessageShown: _Optional[bool] = ..., greetingMessageBody: _Optional[str] = ..., ctaPayload: _Optional[str] = ..., disableNudge: _Optional[bool] = ..., originalImageUrl: _Optional[str] = ..., automatedGreetingMessageCtaType: _Optional[str] = ..., wtwaAdFormat: _Optional[bool] = ..., adType: _Optional[_Union[ContextInfo.ExternalAdReplyInfo.AdType, str]] = ..., wtwaWebsiteUrl: _Optional[str] = ..., adPreviewUrl: _Optional[str] = ..., containsCtwaFlowsAutoReply: _Optional[bool] = ..., agmThumbnailStrategy: _Optional[int] = ..., agmTitleStrategy: _Optional[int] = ..., agmSubtitleStrategy: _Optional[int] = ..., agmHeaderInteractionStrategy: _Optional[int] = ...) -> None: ...
    class FeatureEligibilities(_message.Message):
        __slots__ = ("cannotBeReactedTo", "cannotBeRanked", "canRequestFeedback", "canBeReshared", "canReceiveMultiReact")
        CANNOTBEREACTEDTO_FIELD_NUMBER: _ClassVar[int]
        CANNOTBERANKED_FIELD_NUMBER: _ClassVar[int]
        CANREQUESTFEEDBACK_FIELD_NUMBER: _ClassVar[int]
        CANBERESHARED_FIELD_NUMBER: _ClassVar[int]
        CANRECEIVEMULTIREACT_FIELD_NUMBER: _ClassVar[int]
        cannotBeReactedTo: bool
        cannotBeRanked: bool
        canRequestFeedback: bool
        canBeReshared: bool
        canReceiveMultiReact: bool
        def __init__(self, cannotBeReactedTo: _Optional[bool] = ..., cannotBeRanked: _Optional[bool] = ..., canRequestFeedback: _Optional[bool] = ..., canBeReshared: _Optional[bool] = ..., canReceiveMultiReact: _Optional[bool] = ...) -> None: ...
    class ForwardedNewsletterMessageInfo(_message.Message):
        __slots__ = ("newsletterJid", "serverMessageId", "newsletterName", "contentType", "accessibilityText", "profileName")
        class ContentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UPDATE: _ClassVar[ContextInfo.ForwardedNewsletterMessageInfo.ContentType]
            UPDATE_CARD: _ClassVar[ContextInfo.ForwardedNewsletterMessageInfo.ContentType]
            LINK_CARD: _ClassVar[ContextInfo.ForwardedNewsletterMessageInfo.ContentType]
        UPDATE: ContextInfo.ForwardedNewsletterMessageInfo.ContentType
        UPDATE_CARD: ContextInfo.ForwardedNewsletterMessageInfo.ContentType
        LINK_CARD: ContextInfo.ForwardedNewsletterMessageInfo.ContentType
        NEWSLETTERJID_FIELD_NUMBER: _ClassVar[int]
        SERVERMESSAGEID_FIELD_NUMBER: _ClassVar[int]
        NEWSLETTERNAME_FIELD_NUMBER: _ClassVar[int]
        CONTENTTYPE_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYTEXT_FIELD_NUMBER: _ClassVar[int]
        PROFILENAME_FIELD_NUMBER: _ClassVar[int]
        newsletterJid: str
        serverMessageId: int
        newsletterName: str
        contentType: ContextInfo.ForwardedNewsletterMessageInfo.ContentType
        accessibilityText: str
        profileName: str
        def __init__(self, newsletterJid: _Optional[str] = ..., serverMessageId: _Optional[int] = ..., newsletterName: _Optional[str] = ..., contentType: _Optional[_Union[ContextInfo.ForwardedNewsletterMessageInfo.ContentType, str]] = ..., accessibilityText: _Optional[str] = ..., profileName: _Optional[str] = ...) -> None: ...
    class QuestionReplyQuotedMessage(_message.Message):
        __slots__ = ("serverQuestionId", "quotedQuestion", "quotedResponse")
        SERVERQUESTIONID_FIELD_NUMBER: _ClassVar[int]
        QUOTEDQUESTION_FIELD_NUMBER: _ClassVar[int]
        QUOTEDRESPONSE_FIELD_NUMBER: _ClassVar[int]
        serverQuestionId: int
        quotedQuestion: Message
        quotedResponse: Message
        def __init__(self, serverQuestionId: _Optional[int] = ..., quotedQuestion: _Optional[_Union[Message, _Mapping]] = ..., quotedResponse: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...
    class StatusAudienceMetadata(_message.Message):
        __slots__ = ("audienceType", "listName", "listEmoji")
        class AudienceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[ContextInfo.StatusAudienceMetadata.AudienceType]
            CLOSE_FRIENDS: _ClassVar[ContextInfo.StatusAudienceMetadata.AudienceType]
        UNKNOWN: ContextInfo.StatusAudienceMetadata.AudienceType
        CLOSE_FRIENDS: ContextInfo.StatusAudienceMetadata.AudienceType
        AUDIENCETYPE_FIELD_NUMBER: _ClassVar[int]
        LISTNAME_FIELD_NUMBER: _ClassVar[int]
        LISTEMOJI_FIELD_NUMBER: _ClassVar[int]
        audienceType: ContextInfo.StatusAudienceMetadata.AudienceType
        listName: str
        listEmoji: str
        def __init__(self, audienceType: _Optional[_Union[ContextInfo.StatusAudienceMetadata.AudienceType, str]] = ..., listName: _Optional[str] = ..., listEmoji: _Optional[str] = ...) -> None: ...
    class UTMInfo(_message.Message):
        __slots__ = ("utmSource", "utmCampaign")
        UTMSOURCE_FIELD_NUMBER: _ClassVar[int]
        UTMCAMPAIGN_FIELD_NUMBER: _ClassVar[int]
        utmSource: str
        utmCampaign: str
        def __init__(self, utmSource: _Optional[str] = ..., utmCampaign: _Optional[str] = ...) -> None: ...
    STANZAID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    QUOTEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REMOTEJID_FIELD_NUMBER: _ClassVar[int]
    MENTIONEDJID_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONSOURCE_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONDATA_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONDELAYSECONDS_FIELD_NUMBER: _ClassVar[int]
    FORWARDINGSCORE_FIELD_NUMBER: _ClassVar[int]
    ISFORWARDED_FIELD_NUMBER: _ClassVar[int]
    QUOTEDAD_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERKEY_FIELD_NUMBER: _ClassVar[int]
    EXPIRATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSHAREDSECRET_FIELD_NUMBER: _ClassVar[int]
    EXTERNALADREPLY_FIELD_NUMBER: _ClassVar[int]
    ENTRYPOINTCONVERSIONSOURCE_FIELD_NUMBER: _ClassVar[int]
    ENTRYPOINTCONVERSIONAPP_FIELD_NUMBER: _ClassVar[int]
    ENTRYPOINTCONVERSIONDELAYSECONDS_FIELD_NUMBER: _ClassVar[int]
    DISAPPEARINGMODE_FIELD_NUMBER: _ClassVar[int]
    ACTIONLINK_FIELD_NUMBER: _ClassVar[int]
    GROUPSUBJECT_FIELD_NUMBER: _ClassVar[int]
    PARENTGROUPJID_FIELD_NUMBER: _ClassVar[int]
    TRUSTBANNERTYPE_FIELD_NUMBER: _ClassVar[int]
    TRUSTBANNERACTION_FIELD_NUMBER: _ClassVar[int]
    ISSAMPLED_FIELD_NUMBER: _ClassVar[int]
    GROUPMENTIONS_FIELD_NUMBER: _ClassVar[int]
    UTM_FIELD_NUMBER: _ClassVar[int]
    FORWARDEDNEWSLETTERMESSAGEINFO_FIELD_NUMBER: _ClassVar[int]
    BUSINESSMESSAGEFORWARDINFO_FIELD_NUMBER: _ClassVar[int]
    SMBCLIENTCAMPAIGNID_FIELD_NUMBER: _ClassVar[int]
    SMBSERVERCAMPAIGNID_FIELD_NUMBER: _ClassVar[int]
    DATASHARINGCONTEXT_FIELD_NUMBER: _ClassVar[int]
    ALWAYSSHOWADATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    FEATUREELIGIBILITIES_FIELD_NUMBER: _ClassVar[int]
    ENTRYPOINTCONVERSIONEXTERNALSOURCE_FIELD_NUMBER: _ClassVar[int]
    ENTRYPOINTCONVERSIONEXTERNALMEDIUM_FIELD_NUMBER: _ClassVar[int]
    CTWASIGNALS_FIELD_NUMBER: _ClassVar[int]
    CTWAPAYLOAD_FIELD_NUMBER: _ClassVar[int]
    FORWARDEDAIBOTMESSAGEINFO_FIELD_NUMBER: _ClassVar[int]
    STATUSATTRIBUTIONTYPE_FIELD_NUMBER: _ClassVar[int]
    URLTRACKINGMAP_FIELD_NUMBER: _ClassVar[int]
    PAIREDMEDIATYPE_FIELD_NUMBER: _ClassVar[int]
    RANKINGVERSION_FIELD_NUMBER: _ClassVar[int]
    MEMBERLABEL_FIELD_NUMBER: _ClassVar[int]
    ISQUESTION_FIELD_NUMBER: _ClassVar[int]
    STATUSSOURCETYPE_FIELD_NUMBER: _ClassVar[int]
    STATUSATTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    ISGROUPSTATUS_FIELD_NUMBER: _ClassVar[int]
    FORWARDORIGIN_FIELD_NUMBER: _ClassVar[int]
    QUESTIONREPLYQUOTEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSAUDIENCEMETADATA_FIELD_NUMBER: _ClassVar[int]
    NONJIDMENTIONS_FIELD_NUMBER: _ClassVar[int]
    QUOTEDTYPE_FIELD_NUMBER: _ClassVar[int]
    BOTMESSAGESHARINGINFO_FIELD_NUMBER: _ClassVar[int]
    ISSPOILER_FIELD_NUMBER: _ClassVar[int]
    AFTERREADDURATION_FIELD_NUMBER: _ClassVar[int]
    POSTERSTATUSID_FIELD_NUMBER: _ClassVar[int]
    stanzaId: str
    participant: str
    quotedMessage: Message
    remoteJid: str
    mentionedJid: _containers.RepeatedScalarFieldContainer[str]
    conversionSource: str
    conversionData: bytes
    conversionDelaySeconds: int
    forwardingScore: int
    isForwarded: bool
    quotedAd: ContextInfo.AdReplyInfo
    placeholderKey: _wa_common_pb2.MessageKey
    expiration: int
    ephemeralSettingTimestamp: int
    ephemeralSharedSecret: bytes
    externalAdReply: ContextInfo.ExternalAdReplyInfo
    entryPointConversionSource: str
    entryPointConversionApp: str
    entryPointConversionDelaySeconds: int
    disappearingMode: DisappearingMode
    actionLink: ActionLink
    groupSubject: str
    parentGroupJid: str
    trustBannerType: str
    trustBannerAction: int
    isSampled: bool
    groupMentions: _containers.RepeatedCompositeFieldContainer[GroupMention]
    utm: ContextInfo.UTMInfo
    forwardedNewsletterMessageInfo: ContextInfo.ForwardedNewsletterMessageInfo
    businessMessageForwardInfo: ContextInfo.BusinessMessageForwardInfo
    smbClientCampaignId: str
    smbServerCampaignId: str
    dataSharingContext: ContextInfo.DataSharingContext
    alwaysShowAdAttribution: bool
    featureEligibilities: ContextInfo.FeatureEligibilities
    entryPointConversionExternalSource: str
    entryPointConversionExternalMedium: str
    ctwaSignals: str
    ctwaPayload: bytes
    forwardedAiBotMessageInfo: ForwardedAIBotMessageInfo
    statusAttributionType: ContextInfo.StatusAttributionType
    urlTrackingMap: UrlTrackingMap
    pairedMediaType: ContextInfo.PairedMediaType
    rankingVersion: int
    memberLabel: MemberLabel
    isQuestion: bool
    statusSourceType: ContextInfo.StatusSourceType
    statusAttributions: _containers.RepeatedCompositeFieldContainer[StatusAttribution]
    isGroupStatus: bool
    forwardOrigin: ContextInfo.ForwardOrigin
    questionReplyQuotedMessage: ContextInfo.QuestionReplyQuotedMessage
    statusAudienceMetadata: ContextInfo.StatusAudienceMetadata
    nonJidMentions: int
    quotedType: ContextInfo.QuotedType
    botMessageSharingInfo: _wa_bot_pb2.BotMessageSharingInfo
    isSpoiler: bool
    afterReadDuration: int
    posterStatusID: str
    def __init__(self, stanzaId: _Optional[str] = ..., participant: _Optional[str] = ..., quotedMessage: _Optional[_Union[Message, _Mapping]] = ..., remoteJid: _Optional[str] = ..., mentionedJid: _Optional[_Iterable[str]] = ..., conversionSource: _Optional[str] = ..., conversionData: _Optional[bytes] = ..., conversionDelaySeconds: _Optional[int] = ..., forwardingScore: _Optional[int] = ..., isForwarded: _Optional[bool] = ..., quotedAd: _Optional[_Union[ContextInfo.AdReplyInfo, _Mapping]] = ..., placeholderKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., expiration: _Optional[int] = ..., ephemeralSettingTimestamp: _Optional[int] = ..., ephemeralSharedSecret: _Optional[bytes] = ..., externalAdReply: _Optional[_Union[ContextInfo.ExternalAdReplyInfo, _Mapping]] = ..., entryPointConversionSource: _Optional[str] = ..., entryPointConversionApp: _Optional[str] = ..., entryPointConversionDelaySeconds: _Optional[int] = ..., disappearingMode: _Optional[_Union[DisappearingMode, _Mapping]] = ..., actionLink: _Optional[_Union[ActionLink, _Mapping]] = ..., groupSubject: _Optional[str] = ..., parentGroupJid: _Optional[str] = ..., trustBannerType: _Optional[str] = ..., trustBannerAction: _Optional[int] = ..., isSampled: _Optional[bool] = ..., groupMentions: _Optional[_Iterable[_Union[GroupMention, _Mapping]]] = ..., utm: _Optional[_Union[ContextInfo.UTMInfo, _Mapping]] = ..., forwardedNewsletterMessageInfo: _Optional[_Union[ContextInfo.ForwardedNewsletterMessageInfo, _Mapping]] = ..., businessMessageForwardInfo: _Optional[_Union[ContextInfo.BusinessMessageForwardInfo, _Mapping]] = ..., smbClientCampaignId: _Optional[str] = ..., smbServerCampaignId: _Optional[str] = ..., dataSharingContext: _Optional[_Union[ContextInfo.DataSharingContext, _Mapping]] = ..., alwaysShowAdAttribution: _Optional[bool] = ..., featureEligibilities: _Optional[_Union[ContextInfo.FeatureEligibilities, _Mapping]] = ..., entryPointConversionExternalSource: _Optional[str] = ..., entryPointConversionExternalMedium: _Optional[str] = ..., ctwaSignals: _Optional[str] = ..., ctwaPayload: _Optional[bytes] = ..., forwardedAiBotMessageInfo: _Optional[_Union[ForwardedAIBotMessageInfo, _Mapping]] = ..., statusAttributionType: _Optional[_Union[ContextInfo.StatusAttributionType, str]] = ..., urlTrackingMap: _Optional[_Union[UrlTrackingMap, _Mapping]] = ..., pairedMediaType: _Optional[_Union[ContextInfo.PairedMediaType, str]] = ..., rankingVersion: _Optional[int] = ..., memberLabel: _Optional[_Union[MemberLabel, _Mapping]] = ..., isQuestion: _Optional[bool] = ..., statusSourceType: _Optional[_Union[ContextInfo.StatusSourceType, str]] = ..., statusAttributions: _Optional[_Iterable[_Union[StatusAttribution, _Mapping]]] = ..., isGroupStatus: _Optional[bool] = ..., forwardOrigin: _Optional[_Union[ContextInfo.ForwardOrigin, str]] = ..., questionReplyQuotedMessage: _Optional[_Union[ContextInfo.QuestionReplyQuotedMessage, _Mapping]] = ..., statusAudienceMetadata: _Optional[_Union[ContextInfo.StatusAudienceMetadata, _Mapping]] = ..., nonJidMentions: _Optional[int] = ..., quotedType: _Optional[_Union[ContextInfo.QuotedType, str]] = ..., botMessageSharingInfo: _Optional[_Union[_wa_bot_pb2.BotMessageSharingInfo, _Mapping]] = ..., isSpoiler: _Optional[bool] = ..., afterReadDuration: _Optional[int] = ..., posterStatusID: _Optional[str] = ...) -> None: ...

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
        UNKNOWN_GROUPS: _ClassVar[DisappearingMode.Trigger]
    UNKNOWN: DisappearingMode.Trigger
    CHAT_SETTING: DisappearingMode.Trigger
    ACCOUNT_SETTING: DisappearingMode.Trigger
    BULK_CHANGE: DisappearingMode.Trigger
    BIZ_SUPPORTS_FB_HOSTING: DisappearingMode.Trigger
    UNKNOWN_GROUPS: DisappearingMode.Trigger
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    INITIATORDEVICEJID_FIELD_NUMBER: _ClassVar[int]
    INITIATEDBYME_FIELD_NUMBER: _ClassVar[int]
    initiator: DisappearingMode.Initiator
    trigger: DisappearingMode.Trigger
    initiatorDeviceJid: str
    initiatedByMe: bool
    def __init__(self, initiator: _Optional[_Union[DisappearingMode.Initiator, str]] = ..., trigger: _Optional[_Union[DisappearingMode.Trigger, str]] = ..., initiatorDeviceJid: _Optional[str] = ..., initiatedByMe: _Optional[bool] = ...) -> None: ...

class EmbeddedContent(_message.Message):
    __slots__ = ("embeddedMessage", "embeddedMusic")
    EMBEDDEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EMBEDDEDMUSIC_FIELD_NUMBER: _ClassVar[int]
    embeddedMessage: EmbeddedMessage
    embeddedMusic: EmbeddedMusic
    def __init__(self, embeddedMessage: _Optional[_Union[EmbeddedMessage, _Mapping]] = ..., embeddedMusic: _Optional[_Union[EmbeddedMusic, _Mapping]] = ...) -> None: ...

class EmbeddedMessage(_message.Message):
    __slots__ = ("stanzaId", "message")
    STANZAID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    stanzaId: str
    message: Message
    def __init__(self, stanzaId: _Optional[str] = ..., message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class EmbeddedMusic(_message.Message):
    __slots__ = ("musicContentMediaId", "songId", "author", "title", "artworkDirectPath", "artworkSha256", "artworkEncSha256", "artistAttribution", "countryBlocklist", "isExplicit", "artworkMediaKey", "musicSongStartTimeInMs", "derivedContentStartTimeInMs", "overlapDurationInMs")
    MUSICCONTENTMEDIAID_FIELD_NUMBER: _ClassVar[int]
    SONGID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ARTWORKDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    ARTWORKSHA256_FIELD_NUMBER: _ClassVar[int]
    ARTWORKENCSHA256_FIELD_NUMBER: _ClassVar[int]
    ARTISTATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    COUNTRYBLOCKLIST_FIELD_NUMBER: _ClassVar[int]
    ISEXPLICIT_FIELD_NUMBER: _ClassVar[int]
    ARTWORKMEDIAKEY_FIELD_NUMBER: _ClassVar[int]
    MUSICSONGSTARTTIMEINMS_FIELD_NUMBER: _ClassVar[int]
    DERIVEDCONTENTSTARTTIMEINMS_FIELD_NUMBER: _ClassVar[int]
    OVERLAPDURATIONINMS_FIELD_NUMBER: _ClassVar[int]
    musicContentMediaId: str
    songId: str
    author: str
    title: str
    artworkDirectPath: str
    artworkSha256: bytes
    artworkEncSha256: bytes
    artistAttribution: str
    countryBlocklist: bytes
    isExplicit: bool
    artworkMediaKey: bytes
    musicSongStartTimeInMs: int
    derivedContentStartTimeInMs: int
    overlapDurationInMs: int
    def __init__(self, musicContentMediaId: _Optional[str] = ..., songId: _Optional[str] = ..., author: _Optional[str] = ..., title: _Optional[str] = ..., artworkDirectPath: _Optional[str] = ..., artworkSha256: _Optional[bytes] = ..., artworkEncSha256: _Optional[bytes] = ..., artistAttribution: _Optional[str] = ..., countryBlocklist: _Optional[bytes] = ..., isExplicit: _Optional[bool] = ..., artworkMediaKey: _Optional[bytes] = ..., musicSongStartTimeInMs: _Optional[int] = ..., derivedContentStartTimeInMs: _Optional[int] = ..., overlapDurationInMs: _Optional[int] = ...) -> None: ...

class ForwardedAIBotMessageInfo(_message.Message):
    __slots__ = ("botName", "botJid", "creatorName")
    BOTNAME_FIELD_NUMBER: _ClassVar[int]
    BOTJID_FIELD_NUMBER: _ClassVar[int]
    CREATORNAME_FIELD_NUMBER: _ClassVar[int]
    botName: str
    botJid: str
    creatorName: str
    def __init__(self, botName: _Optional[str] = ..., botJid: _Optional[str] = ..., creatorName: _Optional[str] = ...) -> None: ...

class GroupMention(_message.Message):
    __slots__ = ("groupJid", "groupSubject")
    GROUPJID_FIELD_NUMBER: _ClassVar[int]
    GROUPSUBJECT_FIELD_NUMBER: _ClassVar[int]
    groupJid: str
    groupSubject: str
    def __init__(self, groupJid: _Optional[str] = ..., groupSubject: _Optional[str] = ...) -> None: ...

class HydratedTemplateButton(_message.Message):
    __slots__ = ("index", "quickReplyButton", "urlButton", "callButton")
    class HydratedCallButton(_message.Message):
        __slots__ = ("displayText", "phoneNumber")
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        PHONENUMBER_FIELD_NUMBER: _ClassVar[int]
        displayText: str
        phoneNumber: str
        def __init__(self, displayText: _Optional[str] = ..., phoneNumber: _Optional[str] = ...) -> None: ...
    class HydratedQuickReplyButton(_message.Message):
        __slots__ = ("displayText", "id")
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        ID_FIELD_NUMBER: _ClassVar[int]
        displayText: str
        id: str
        def __init__(self, displayText: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...
    class HydratedURLButton(_message.Message):
        __slots__ = ("displayText", "url", "consentedUsersUrl", "webviewPresentation")
        class WebviewPresentationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            FULL: _ClassVar[HydratedTemplateButton.HydratedURLButton.WebviewPresentationType]
            TALL: _ClassVar[HydratedTemplateButton.HydratedURLButton.WebviewPresentationType]
            COMPACT: _ClassVar[HydratedTemplateButton.HydratedURLButton.WebviewPresentationType]
        FULL: HydratedTemplateButton.HydratedURLButton.WebviewPresentationType
        TALL: HydratedTemplateButton.HydratedURLButton.WebviewPresentationType
        COMPACT: HydratedTemplateButton.HydratedURLButton.WebviewPresentationType
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        CONSENTEDUSERSURL_FIELD_NUMBER: _ClassVar[int]
        WEBVIEWPRESENTATION_FIELD_NUMBER: _ClassVar[int]
        displayText: str
        url: str
        consentedUsersUrl: str
        webviewPresentation: HydratedTemplateButton.HydratedURLButton.WebviewPresentationType
        def __init__(self, displayText: _Optional[str] = ..., url: _Optional[str] = ..., consentedUsersUrl: _Optional[str] = ..., webviewPresentation: _Optional[_Union[HydratedTemplateButton.HydratedURLButton.WebviewPresentationType, str]] = ...) -> None: ...
    INDEX_FIELD_NUMBER: _ClassVar[int]
    QUICKREPLYBUTTON_FIELD_NUMBER: _ClassVar[int]
    URLBUTTON_FIELD_NUMBER: _ClassVar[int]
    CALLBUTTON_FIELD_NUMBER: _ClassVar[int]
    index: int
    quickReplyButton: HydratedTemplateButton.HydratedQuickReplyButton
    urlButton: HydratedTemplateButton.HydratedURLButton
    callButton: HydratedTemplateButton.HydratedCallButton
    def __init__(self, index: _Optional[int] = ..., quickReplyButton: _Optional[_Union[HydratedTemplateButton.HydratedQuickReplyButton, _Mapping]] = ..., urlButton: _Optional[_Union[HydratedTemplateButton.HydratedURLButton, _Mapping]] = ..., callButton: _Optional[_Union[HydratedTemplateButton.HydratedCallButton, _Mapping]] = ...) -> None: ...

class InteractiveAnnotation(_message.Message):
    __slots__ = ("polygonVertices", "shouldSkipConfirmation", "embeddedContent", "statusLinkType", "location", "newsletter", "embeddedAction", "tapAction")
    class StatusLinkType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        RASTERIZED_LINK_PREVIEW: _ClassVar[InteractiveAnnotation.StatusLinkType]
        RASTERIZED_LINK_TRUNCATED: _ClassVar[InteractiveAnnotation.StatusLinkType]
        RASTERIZED_LINK_FULL_URL: _ClassVar[InteractiveAnnotation.StatusLinkType]
    RASTERIZED_LINK_PREVIEW: InteractiveAnnotation.StatusLinkType
    RASTERIZED_LINK_TRUNCATED: InteractiveAnnotation.StatusLinkType
    RASTERIZED_LINK_FULL_URL: InteractiveAnnotation.StatusLinkType
    POLYGONVERTICES_FIELD_NUMBER: _ClassVar[int]
    SHOULDSKIPCONFIRMATION_FIELD_NUMBER: _ClassVar[int]
    EMBEDDEDCONTENT_FIELD_NUMBER: _ClassVar[int]
    STATUSLINKTYPE_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTER_FIELD_NUMBER: _ClassVar[int]
    EMBEDDEDACTION_FIELD_NUMBER: _ClassVar[int]
    TAPACTION_FIELD_NUMBER: _ClassVar[int]
    polygonVertices: _containers.RepeatedCompositeFieldContainer[Point]
    shouldSkipConfirmation: bool
    embeddedContent: EmbeddedContent
    statusLinkType: InteractiveAnnotation.StatusLinkType
    location: Location
    newsletter: ContextInfo.ForwardedNewsletterMessageInfo
    embeddedAction: bool
    tapAction: TapLinkAction
    def __init__(self, polygonVertices: _Optional[_Iterable[_Union[Point, _Mapping]]] = ..., shouldSkipConfirmation: _Optional[bool] = ..., embeddedContent: _Optional[_Union[EmbeddedContent, _Mapping]] = ..., statusLinkType: _Optional[_Union[InteractiveAnnotation.StatusLinkType, str]] = ..., location: _Optional[_Union[Location, _Mapping]] = ..., newsletter: _Optional[_Union[ContextInfo.ForwardedNewsletterMessageInfo, _Mapping]] = ..., embeddedAction: _Optional[bool] = ..., tapAction: _Optional[_Union[TapLinkAction, _Mapping]] = ...) -> None: ...

class LIDMigrationMappingSyncMessage(_message.Message):
    __slots__ = ("encodedMappingPayload",)
    ENCODEDMAPPINGPAYLOAD_FIELD_NUMBER: _ClassVar[int]
    encodedMappingPayload: bytes
    def __init__(self, encodedMappingPayload: _Optional[bytes] = ...) -> None: ...

class LIDMigrationMappingSyncPayload(_message.Message):
    __slots__ = ("pnToLidMappings", "chatDbMigrationTimestamp")
    PNTOLIDMAPPINGS_FIELD_NUMBER: _ClassVar[int]
    CHATDBMIGRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    pnToLidMappings: _containers.RepeatedCompositeFieldContainer[LIDMigrationMapping]
    chatDbMigrationTimestamp: int
    def __init__(self, pnToLidMappings: _Optional[_Iterable[_Union[LIDMigrationMapping, _Mapping]]] = ..., chatDbMigrationTimestamp: _Optional[int] = ...) -> None: ...

class LIDMigrationMapping(_message.Message):
    __slots__ = ("pn", "assignedLid", "latestLid")
    PN_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEDLID_FIELD_NUMBER: _ClassVar[int]
    LATESTLID_FIELD_NUMBER: _ClassVar[int]
    pn: int
    assignedLid: int
    latestLid: int
    def __init__(self, pn: _Optional[int] = ..., assignedLid: _Optional[int] = ..., latestLid: _Optional[int] = ...) -> None: ...

class LimitSharing(_message.Message):
    __slots__ = ("sharingLimited", "trigger", "limitSharingSettingTimestamp", "initiatedByMe")
    class TriggerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[LimitSharing.TriggerType]
        CHAT_SETTING: _ClassVar[LimitSharing.TriggerType]
        BIZ_SUPPORTS_FB_HOSTING: _ClassVar[LimitSharing.TriggerType]
        UNKNOWN_GROUP: _ClassVar[LimitSharing.TriggerType]
    UNKNOWN: LimitSharing.TriggerType
    CHAT_SETTING: LimitSharing.TriggerType
    BIZ_SUPPORTS_FB_HOSTING: LimitSharing.TriggerType
    UNKNOWN_GROUP: LimitSharing.TriggerType
    SHARINGLIMITED_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    INITIATEDBYME_FIELD_NUMBER: _ClassVar[int]
    sharingLimited: bool
    trigger: LimitSharing.TriggerType
    limitSharingSettingTimestamp: int
    initiatedByMe: bool
    def __init__(self, sharingLimited: _Optional[bool] = ..., trigger: _Optional[_Union[LimitSharing.TriggerType, str]] = ..., limitSharingSettingTimestamp: _Optional[int] = ..., initiatedByMe: _Optional[bool] = ...) -> None: ...

class Location(_message.Message):
    __slots__ = ("degreesLatitude", "degreesLongitude", "name")
    DEGREESLATITUDE_FIELD_NUMBER: _ClassVar[int]
    DEGREESLONGITUDE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    degreesLatitude: float
    degreesLongitude: float
    name: str
    def __init__(self, degreesLatitude: _Optional[float] = ..., degreesLongitude: _Optional[float] = ..., name: _Optional[str] = ...) -> None: ...

class MediaNotifyMessage(_message.Message):
    __slots__ = ("expressPathUrl", "fileEncSha256", "fileLength")
    EXPRESSPATHURL_FIELD_NUMBER: _ClassVar[int]
    FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
    FILELENGTH_FIELD_NUMBER: _ClassVar[int]
    expressPathUrl: str
    fileEncSha256: bytes
    fileLength: int
    def __init__(self, expressPathUrl: _Optional[str] = ..., fileEncSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ...) -> None: ...

class MediaRetryNotification(_message.Message):
    __slots__ = ("stanzaId", "directPath", "result", "messageSecret")
    class ResultType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        GENERAL_ERROR: _ClassVar[MediaRetryNotification.ResultType]
        SUCCESS: _ClassVar[MediaRetryNotification.ResultType]
        NOT_FOUND: _ClassVar[MediaRetryNotification.ResultType]
        DECRYPTION_ERROR: _ClassVar[MediaRetryNotification.ResultType]
    GENERAL_ERROR: MediaRetryNotification.ResultType
    SUCCESS: MediaRetryNotification.ResultType
    NOT_FOUND: MediaRetryNotification.ResultType
    DECRYPTION_ERROR: MediaRetryNotification.ResultType
    STANZAID_FIELD_NUMBER: _ClassVar[int]
    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    MESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    stanzaId: str
    directPath: str
    result: MediaRetryNotification.ResultType
    messageSecret: bytes
    def __init__(self, stanzaId: _Optional[str] = ..., directPath: _Optional[str] = ..., result: _Optional[_Union[MediaRetryNotification.ResultType, str]] = ..., messageSecret: _Optional[bytes] = ...) -> None: ...

class MemberLabel(_message.Message):
    __slots__ = ("label", "labelTimestamp")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    LABELTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    label: str
    labelTimestamp: int
    def __init__(self, label: _Optional[str] = ..., labelTimestamp: _Optional[int] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("conversation", "senderKeyDistributionMessage", "imageMessage", "contactMessage", "locationMessage", "extendedTextMessage", "documentMessage", "audioMessage", "videoMessage", "call", "chat", "protocolMessage", "contactsArrayMessage", "highlyStructuredMessage", "fastRatchetKeySenderKeyDistributionMessage", "sendPaymentMessage", "liveLocationMessage", "requestPaymentMessage", "declinePaymentRequestMessage", "cancelPaymentRequestMessage", "templateMessage", "stickerMessage", "groupInviteMessage", "templateButtonReplyMessage", "productMessage", "deviceSentMessage", "messageContextInfo", "listMessage", "viewOnceMessage", "orderMessage", "listResponseMessage", "ephemeralMessage", "invoiceMessage", "buttonsMessage", "buttonsResponseMessage", "paymentInviteMessage", "interactiveMessage", "reactionMessage", "stickerSyncRmrMessage", "interactiveResponseMessage", "pollCreationMessage", "pollUpdateMessage", "keepInChatMessage", "documentWithCaptionMessage", "requestPhoneNumberMessage", "viewOnceMessageV2", "encReactionMessage", "editedMessage", "viewOnceMessageV2Extension", "pollCreationMessageV2", "scheduledCallCreationMessage", "groupMentionedMessage", "pinInChatMessage", "pollCreationMessageV3", "scheduledCallEditMessage", "ptvMessage", "botInvokeMessage", "callLogMesssage", "messageHistoryBundle", "encCommentMessage", "bcallMessage", "lottieStickerMessage", "eventMessage", "encEventResponseMessage", "commentMessage", "newsletterAdminInviteMessage", "placeholderMessage", "secretEncryptedMessage", "albumMessage", "eventCoverImage", "stickerPackMessage", "statusMentionMessage", "pollResultSnapshotMessage", "pollCreationOptionImageMessage", "associatedChildMessage", "groupStatusMentionMessage", "pollCreationMessageV4", "statusAddYours", "groupStatusMessage", "richResponseMessage", "statusNotificationMessage", "limitSharingMessage", "botTaskMessage", "questionMessage", "messageHistoryNotice", "groupStatusMessageV2", "botForwardedMessage", "statusQuestionAnswerMessage", "questionReplyMessage", "questionResponseMessage", "statusQuotedMessage", "statusStickerInteractionMessage", "pollCreationMessageV5", "newsletterFollowerInviteMessageV2", "pollResultSnapshotMessageV3", "newsletterAdminProfileMessage", "spoilerMessage", "pollCreationMessageV6", "newsletterAdminProfileStatusMessage", "botPlatformRegistrationSuccessMessage")
    class HistorySyncType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        INITIAL_BOOTSTRAP: _ClassVar[Message.HistorySyncType]
        INITIAL_STATUS_V3: _ClassVar[Message.HistorySyncType]
        FULL: _ClassVar[Message.HistorySyncType]
        RECENT: _ClassVar[Message.HistorySyncType]
        PUSH_NAME: _ClassVar[Message.HistorySyncType]
        NON_BLOCKING_DATA: _ClassVar[Message.HistorySyncType]
        ON_DEMAND: _ClassVar[Message.HistorySyncType]
        NO_HISTORY: _ClassVar[Message.HistorySyncType]
        MESSAGE_ACCESS_STATUS: _ClassVar[Message.HistorySyncType]
    INITIAL_BOOTSTRAP: Message.HistorySyncType
    INITIAL_STATUS_V3: Message.HistorySyncType
    FULL: Message.HistorySyncType
    RECENT: Message.HistorySyncType
    PUSH_NAME: Message.HistorySyncType
    NON_BLOCKING_DATA: Message.HistorySyncType
    ON_DEMAND: Message.HistorySyncType
    NO_HISTORY: Message.HistorySyncType
    MESSAGE_ACCESS_STATUS: Message.HistorySyncType
    class MediaKeyDomain(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNSET: _ClassVar[Message.MediaKeyDomain]
        E2EE_CHAT: _ClassVar[Message.MediaKeyDomain]
        STATUS: _ClassVar[Message.MediaKeyDomain]
        CAPI: _ClassVar[Message.MediaKeyDomain]
        BOT: _ClassVar[Message.MediaKeyDomain]
    UNSET: Message.MediaKeyDomain
    E2EE_CHAT: Message.MediaKeyDomain
    STATUS: Message.MediaKeyDomain
    CAPI: Message.MediaKeyDomain
    BOT: Message.MediaKeyDomain
    class PeerDataOperationRequestType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UPLOAD_STICKER: _ClassVar[Message.PeerDataOperationRequestType]
        SEND_RECENT_STICKER_BOOTSTRAP: _ClassVar[Message.PeerDataOperationRequestType]
        GENERATE_LINK_PREVIEW: _ClassVar[Message.PeerDataOperationRequestType]
        HISTORY_SYNC_ON_DEMAND: _ClassVar[Message.PeerDataOperationRequestType]
        PLACEHOLDER_MESSAGE_RESEND: _ClassVar[Message.PeerDataOperationRequestType]
        WAFFLE_LINKING_NONCE_FETCH: _ClassVar[Message.PeerDataOperationRequestType]
        FULL_HISTORY_SYNC_ON_DEMAND: _ClassVar[Message.PeerDataOperationRequestType]
        COMPANION_META_NONCE_FETCH: _ClassVar[Message.PeerDataOperationRequestType]
        COMPANION_SYNCD_SNAPSHOT_FATAL_RECOVERY: _ClassVar[Message.PeerDataOperationRequestType]
        COMPANION_CANONICAL_USER_NONCE_FETCH: _ClassVar[Message.PeerDataOperationRequestType]
        HISTORY_SYNC_CHUNK_RETRY: _ClassVar[Message.PeerDataOperationRequestType]
        GALAXY_FLOW_ACTION: _ClassVar[Message.PeerDataOperationRequestType]
        BUSINESS_BROADCAST_INSIGHTS_DELIVERED_TO: _ClassVar[Message.PeerDataOperationRequestType]
        BUSINESS_BROADCAST_INSIGHTS_REFRESH: _ClassVar[Message.PeerDataOperationRequestType]
        CONTACT_REFRESH_REQUEST: _ClassVar[Message.PeerDataOperationRequestType]
    UPLOAD_STICKER: Message.PeerDataOperationRequestType
    SEND_RECENT_STICKER_BOOTSTRAP: Message.PeerDataOperationRequestType
    GENERATE_LINK_PREVIEW: Message.PeerDataOperationRequestType
    HISTORY_SYNC_ON_DEMAND: Message.PeerDataOperationRequestType
    PLACEHOLDER_MESSAGE_RESEND: Message.PeerDataOperationRequestType
    WAFFLE_LINKING_NONCE_FETCH: Message.PeerDataOperationRequestType
    FULL_HISTORY_SYNC_ON_DEMAND: Message.PeerDataOperationRequestType
    COMPANION_META_NONCE_FETCH: Message.PeerDataOperationRequestType
    COMPANION_SYNCD_SNAPSHOT_FATAL_RECOVERY: Message.PeerDataOperationRequestType
    COMPANION_CANONICAL_USER_NONCE_FETCH: Message.PeerDataOperationRequestType
    HISTORY_SYNC_CHUNK_RETRY: Message.PeerDataOperationRequestType
    GALAXY_FLOW_ACTION: Message.PeerDataOperationRequestType
    BUSINESS_BROADCAST_INSIGHTS_DELIVERED_TO: Message.PeerDataOperationRequestType
    BUSINESS_BROADCAST_INSIGHTS_REFRESH: Message.PeerDataOperationRequestType
    CONTACT_REFRESH_REQUEST: Message.PeerDataOperationRequestType
    class PollContentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[Message.PollContentType]
        TEXT: _ClassVar[Message.PollContentType]
        IMAGE: _ClassVar[Message.PollContentType]
    UNKNOWN: Message.PollContentType
    TEXT: Message.PollContentType
    IMAGE: Message.PollContentType
    class PollType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        POLL: _ClassVar[Message.PollType]
        QUIZ: _ClassVar[Message.PollType]
    POLL: Message.PollType
    QUIZ: Message.PollType
    class AlbumMessage(_message.Message):
        __slots__ = ("expectedImageCount", "expectedVideoCount", "contextInfo")
        EXPECTEDIMAGECOUNT_FIELD_NUMBER: _ClassVar[int]
        EXPECTEDVIDEOCOUNT_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        expectedImageCount: int
        expectedVideoCount: int
        contextInfo: ContextInfo
        def __init__(self, expectedImageCount: _Optional[int] = ..., expectedVideoCount: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class AppStateFatalExceptionNotification(_message.Message):
        __slots__ = ("collectionNames", "timestamp")
        COLLECTIONNAMES_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        collectionNames: _containers.RepeatedScalarFieldContainer[str]
        timestamp: int
        def __init__(self, collectionNames: _Optional[_Iterable[str]] = ..., timestamp: _Optional[int] = ...) -> None: ...
    class AppStateSyncKey(_message.Message):
        __slots__ = ("keyId", "keyData")
        KEYID_FIELD_NUMBER: _ClassVar[int]
        KEYDATA_FIELD_NUMBER: _ClassVar[int]
        keyId: Message.AppStateSyncKeyId
        keyData: Message.AppStateSyncKeyData
        def __init__(self, keyId: _Optional[_Union[Message.AppStateSyncKeyId, _Mapping]] = ..., keyData: _Optional[_Union[Message.AppStateSyncKeyData, _Mapping]] = ...) -> None: ...
    class AppStateSyncKeyData(_message.Message):
        __slots__ = ("keyData", "fingerprint", "timestamp")
        KEYDATA_FIELD_NUMBER: _ClassVar[int]
        FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        keyData: bytes
        fingerprint: Message.AppStateSyncKeyFingerprint
        timestamp: int
        def __init__(self, keyData: _Optional[bytes] = ..., fingerprint: _Optional[_Union[Message.AppStateSyncKeyFingerprint, _Mapping]] = ..., timestamp: _Optional[int] = ...) -> None: ...
    class AppStateSyncKeyFingerprint(_message.Message):
        __slots__ = ("rawId", "currentIndex", "deviceIndexes")
        RAWID_FIELD_NUMBER: _ClassVar[int]
        CURRENTINDEX_FIELD_NUMBER: _ClassVar[int]
        DEVICEINDEXES_FIELD_NUMBER: _ClassVar[int]
        rawId: int
        currentIndex: int
        deviceIndexes: _containers.RepeatedScalarFieldContainer[int]
        def __init__(self, rawId: _Optional[int] = ..., currentIndex: _Optional[int] = ..., deviceIndexes: _Optional[_Iterable[int]] = ...) -> None: ...
    class AppStateSyncKeyId(_message.Message):
        __slots__ = ("keyId",)
        KEYID_FIELD_NUMBER: _ClassVar[int]
        keyId: bytes
        def __init__(self, keyId: _Optional[bytes] = ...) -> None: ...
    class AppStateSyncKeyRequest(_message.Message):
        __slots__ = ("keyIds",)
        KEYIDS_FIELD_NUMBER: _ClassVar[int]
        keyIds: _containers.RepeatedCompositeFieldContainer[Message.AppStateSyncKeyId]
        def __init__(self, keyIds: _Optional[_Iterable[_Union[Message.AppStateSyncKeyId, _Mapping]]] = ...) -> None: ...
    class AppStateSyncKeyShare(_message.Message):
        __slots__ = ("keys",)
        KEYS_FIELD_NUMBER: _ClassVar[int]
        keys: _containers.RepeatedCompositeFieldContainer[Message.AppStateSyncKey]
        def __init__(self, keys: _Optional[_Iterable[_Union[Message.AppStateSyncKey, _Mapping]]] = ...) -> None: ...
    class AudioMessage(_message.Message):
        __slots__ = ("url", "mimetype", "fileSha256", "fileLength", "seconds", "ptt", "mediaKey", "fileEncSha256", "directPath", "mediaKeyTimestamp", "contextInfo", "streamingSidecar", "waveform", "backgroundArgb", "viewOnce", "accessibilityLabel", "mediaKeyDomain")
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
        BACKGROUNDARGB_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
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
        backgroundArgb: int
        viewOnce: bool
        accessibilityLabel: str
        mediaKeyDomain: Message.MediaKeyDomain
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., seconds: _Optional[int] = ..., ptt: _Optional[bool] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., streamingSidecar: _Optional[bytes] = ..., waveform: _Optional[bytes] = ..., backgroundArgb: _Optional[int] = ..., viewOnce: _Optional[bool] = ..., accessibilityLabel: _Optional[str] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ...) -> None: ...
    class BCallMessage(_message.Message):
        __slots__ = ("sessionId", "mediaType", "masterKey", "caption")
        class MediaType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.BCallMessage.MediaType]
            AUDIO: _ClassVar[Message.BCallMessage.MediaType]
            VIDEO: _ClassVar[Message.BCallMessage.MediaType]
        UNKNOWN: Message.BCallMessage.MediaType
        AUDIO: Message.BCallMessage.MediaType
        VIDEO: Message.BCallMessage.MediaType
        SESSIONID_FIELD_NUMBER: _ClassVar[int]
        MEDIATYPE_FIELD_NUMBER: _ClassVar[int]
        MASTERKEY_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        sessionId: str
        mediaType: Message.BCallMessage.MediaType
        masterKey: bytes
        caption: str
        def __init__(self, sessionId: _Optional[str] = ..., mediaType: _Optional[_Union[Message.BCallMessage.MediaType, str]] = ..., masterKey: _Optional[bytes] = ..., caption: _Optional[str] = ...) -> None: ...
    class ButtonsMessage(_message.Message):
        __slots__ = ("contentText", "footerText", "contextInfo", "buttons", "headerType", "text", "documentMessage", "imageMessage", "videoMessage", "locationMessage")
        class HeaderType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ButtonsMessage.HeaderType]
            EMPTY: _ClassVar[Message.ButtonsMessage.HeaderType]
            TEXT: _ClassVar[Message.ButtonsMessage.HeaderType]
            DOCUMENT: _ClassVar[Message.ButtonsMessage.HeaderType]
            IMAGE: _ClassVar[Message.ButtonsMessage.HeaderType]
            VIDEO: _ClassVar[Message.ButtonsMessage.HeaderType]
            LOCATION: _ClassVar[Message.ButtonsMessage.HeaderType]
        UNKNOWN: Message.ButtonsMessage.HeaderType
        EMPTY: Message.ButtonsMessage.HeaderType
        TEXT: Message.ButtonsMessage.HeaderType
        DOCUMENT: Message.ButtonsMessage.HeaderType
        IMAGE: Message.ButtonsMessage.HeaderType
        VIDEO: Message.ButtonsMessage.HeaderType
        LOCATION: Message.ButtonsMessage.HeaderType
        class Button(_message.Message):
            __slots__ = ("buttonId", "buttonText", "type", "nativeFlowInfo")
            class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                UNKNOWN: _ClassVar[Message.ButtonsMessage.Button.Type]
                RESPONSE: _ClassVar[Message.ButtonsMessage.Button.Type]
                NATIVE_FLOW: _ClassVar[Message.ButtonsMessage.Button.Type]
            UNKNOWN: Message.ButtonsMessage.Button.Type
            RESPONSE: Message.ButtonsMessage.Button.Type
            NATIVE_FLOW: Message.ButtonsMessage.Button.Type
            class ButtonText(_message.Message):
                __slots__ = ("displayText",)
                DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
                displayText: str
                def __init__(self, displayText: _Optional[str] = ...) -> None: ...
            class NativeFlowInfo(_message.Message):
                __slots__ = ("name", "paramsJson")
                NAME_FIELD_NUMBER: _ClassVar[int]
                PARAMSJSON_FIELD_NUMBER: _ClassVar[int]
                name: str
                paramsJson: str
                def __init__(self, name: _Optional[str] = ..., paramsJson: _Optional[str] = ...) -> None: ...
            BUTTONID_FIELD_NUMBER: _ClassVar[int]
            BUTTONTEXT_FIELD_NUMBER: _ClassVar[int]
            TYPE_FIELD_NUMBER: _ClassVar[int]
            NATIVEFLOWINFO_FIELD_NUMBER: _ClassVar[int]
            buttonId: str
            buttonText: Message.ButtonsMessage.Button.ButtonText
            type: Message.ButtonsMessage.Button.Type
            nativeFlowInfo: Message.ButtonsMessage.Button.NativeFlowInfo
            def __init__(self, buttonId: _Optional[str] = ..., buttonText: _Optional[_Union[Message.ButtonsMessage.Button.ButtonText, _Mapping]] = ..., type: _Optional[_Union[Message.ButtonsMessage.Button.Type, str]] = ..., nativeFlowInfo: _Optional[_Union[Message.ButtonsMessage.Button.NativeFlowInfo, _Mapping]] = ...) -> None: ...
        CONTENTTEXT_FIELD_NUMBER: _ClassVar[int]
        FOOTERTEXT_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        BUTTONS_FIELD_NUMBER: _ClassVar[int]
        HEADERTYPE_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
        IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
        VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
        LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
        contentText: str
        footerText: str
        contextInfo: ContextInfo
        buttons: _containers.RepeatedCompositeFieldContainer[Message.ButtonsMessage.Button]
        headerType: Message.ButtonsMessage.HeaderType
        text: str
        documentMessage: Message.DocumentMessage
        imageMessage: Message.ImageMessage
        videoMessage: Message.VideoMessage
        locationMessage: Message.LocationMessage
        def __init__(self, contentText: _Optional[str] = ..., footerText: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., buttons: _Optional[_Iterable[_Union[Message.ButtonsMessage.Button, _Mapping]]] = ..., headerType: _Optional[_Union[Message.ButtonsMessage.HeaderType, str]] = ..., text: _Optional[str] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ...) -> None: ...
    class ButtonsResponseMessage(_message.Message):
        __slots__ = ("selectedButtonId", "contextInfo", "type", "selectedDisplayText")
        class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ButtonsResponseMessage.Type]
            DISPLAY_TEXT: _ClassVar[Message.ButtonsResponseMessage.Type]
        UNKNOWN: Message.ButtonsResponseMessage.Type
        DISPLAY_TEXT: Message.ButtonsResponseMessage.Type
        SELECTEDBUTTONID_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        SELECTEDDISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        selectedButtonId: str
        contextInfo: ContextInfo
        type: Message.ButtonsResponseMessage.Type
        selectedDisplayText: str
        def __init__(self, selectedButtonId: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., type: _Optional[_Union[Message.ButtonsResponseMessage.Type, str]] = ..., selectedDisplayText: _Optional[str] = ...) -> None: ...
    class Call(_message.Message):
        __slots__ = ("callKey", "conversionSource", "conversionData", "conversionDelaySeconds", "ctwaSignals", "ctwaPayload", "contextInfo", "nativeFlowCallButtonPayload", "deeplinkPayload", "messageContextInfo", "callEntryPoint", "callReason")
        CALLKEY_FIELD_NUMBER: _ClassVar[int]
        CONVERSIONSOURCE_FIELD_NUMBER: _ClassVar[int]
        CONVERSIONDATA_FIELD_NUMBER: _ClassVar[int]
        CONVERSIONDELAYSECONDS_FIELD_NUMBER: _ClassVar[int]
        CTWASIGNALS_FIELD_NUMBER: _ClassVar[int]
        CTWAPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        NATIVEFLOWCALLBUTTONPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        DEEPLINKPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        MESSAGECONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        CALLENTRYPOINT_FIELD_NUMBER: _ClassVar[int]
        CALLREASON_FIELD_NUMBER: _ClassVar[int]
        callKey: bytes
        conversionSource: str
        conversionData: bytes
        conversionDelaySeconds: int
        ctwaSignals: str
        ctwaPayload: bytes
        contextInfo: ContextInfo
        nativeFlowCallButtonPayload: str
        deeplinkPayload: str
        messageContextInfo: MessageContextInfo
        callEntryPoint: int
        callReason: str
        def __init__(self, callKey: _Optional[bytes] = ..., conversionSource: _Optional[str] = ..., conversionData: _Optional[bytes] = ..., conversionDelaySeconds: _Optional[int] = ..., ctwaSignals: _Optional[str] = ..., ctwaPayload: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., nativeFlowCallButtonPayload: _Optional[str] = ..., deeplinkPayload: _Optional[str] = ..., messageContextInfo: _Optional[_Union[MessageContextInfo, _Mapping]] = ..., callEntryPoint: _Optional[int] = ..., callReason: _Optional[str] = ...) -> None: ...
    class CallLogMessage(_message.Message):
        __slots__ = ("isVideo", "callOutcome", "durationSecs", "callType", "participants")
        class CallOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            CONNECTED: _ClassVar[Message.CallLogMessage.CallOutcome]
            MISSED: _ClassVar[Message.CallLogMessage.CallOutcome]
            FAILED: _ClassVar[Message.CallLogMessage.CallOutcome]
            REJECTED: _ClassVar[Message.CallLogMessage.CallOutcome]
            ACCEPTED_ELSEWHERE: _ClassVar[Message.CallLogMessage.CallOutcome]
            ONGOING: _ClassVar[Message.CallLogMessage.CallOutcome]
            SILENCED_BY_DND: _ClassVar[Message.CallLogMessage.CallOutcome]
            SILENCED_UNKNOWN_CALLER: _ClassVar[Message.CallLogMessage.CallOutcome]
        CONNECTED: Message.CallLogMessage.CallOutcome
        MISSED: Message.CallLogMessage.CallOutcome
        FAILED: Message.CallLogMessage.CallOutcome
        REJECTED: Message.CallLogMessage.CallOutcome
        ACCEPTED_ELSEWHERE: Message.CallLogMessage.CallOutcome
        ONGOING: Message.CallLogMessage.CallOutcome
        SILENCED_BY_DND: Message.CallLogMessage.CallOutcome
        SILENCED_UNKNOWN_CALLER: Message.CallLogMessage.CallOutcome
        class CallType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            REGULAR: _ClassVar[Message.CallLogMessage.CallType]
            SCHEDULED_CALL: _ClassVar[Message.CallLogMessage.CallType]
            VOICE_CHAT: _ClassVar[Message.CallLogMessage.CallType]
        REGULAR: Message.CallLogMessage.CallType
        SCHEDULED_CALL: Message.CallLogMessage.CallType
        VOICE_CHAT: Message.CallLogMessage.CallType
        class CallParticipant(_message.Message):
            __slots__ = ("jid", "callOutcome")
            JID_FIELD_NUMBER: _ClassVar[int]
            CALLOUTCOME_FIELD_NUMBER: _ClassVar[int]
            jid: str
            callOutcome: Message.CallLogMessage.CallOutcome
            def __init__(self, jid: _Optional[str] = ..., callOutcome: _Optional[_Union[Message.CallLogMessage.CallOutcome, str]] = ...) -> None: ...
        ISVIDEO_FIELD_NUMBER: _ClassVar[int]
        CALLOUTCOME_FIELD_NUMBER: _ClassVar[int]
        DURATIONSECS_FIELD_NUMBER: _ClassVar[int]
        CALLTYPE_FIELD_NUMBER: _ClassVar[int]
        PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
        isVideo: bool
        callOutcome: Message.CallLogMessage.CallOutcome
        durationSecs: int
        callType: Message.CallLogMessage.CallType
        participants: _containers.RepeatedCompositeFieldContainer[Message.CallLogMessage.CallParticipant]
        def __init__(self, isVideo: _Optional[bool] = ..., callOutcome: _Optional[_Union[Message.CallLogMessage.CallOutcome, str]] = ..., durationSecs: _Optional[int] = ..., callType: _Optional[_Union[Message.CallLogMessage.CallType, str]] = ..., participants: _Optional[_Iterable[_Union[Message.CallLogMessage.CallParticipant, _Mapping]]] = ...) -> None: ...
    class CancelPaymentRequestMessage(_message.Message):
        __slots__ = ("key",)
        KEY_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...
    class Chat(_message.Message):
        __slots__ = ("displayName", "id")
        DISPLAYNAME_FIELD_NUMBER: _ClassVar[int]
        ID_FIELD_NUMBER: _ClassVar[int]
        displayName: str
        id: str
        def __init__(self, displayName: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...
    class CloudAPIThreadControlNotification(_message.Message):
        __slots__ = ("status", "senderNotificationTimestampMs", "consumerLid", "consumerPhoneNumber", "notificationContent", "shouldSuppressNotification")
        class CloudAPIThreadControl(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.CloudAPIThreadControlNotification.CloudAPIThreadControl]
            CONTROL_PASSED: _ClassVar[Message.CloudAPIThreadControlNotification.CloudAPIThreadControl]
            CONTROL_TAKEN: _ClassVar[Message.CloudAPIThreadControlNotification.CloudAPIThreadControl]
            INFO: _ClassVar[Message.CloudAPIThreadControlNotification.CloudAPIThreadControl]
        UNKNOWN: Message.CloudAPIThreadControlNotification.CloudAPIThreadControl
        CONTROL_PASSED: Message.CloudAPIThreadControlNotification.CloudAPIThreadControl
        CONTROL_TAKEN: Message.CloudAPIThreadControlNotification.CloudAPIThreadControl
        INFO: Message.CloudAPIThreadControlNotification.CloudAPIThreadControl
        class CloudAPIThreadControlNotificationContent(_message.Message):
            __slots__ = ("handoffNotificationText", "extraJson")
            HANDOFFNOTIFICATIONTEXT_FIELD_NUMBER: _ClassVar[int]
            EXTRAJSON_FIELD_NUMBER: _ClassVar[int]
            handoffNotificationText: str
            extraJson: str
            def __init__(self, handoffNotificationText: _Optional[str] = ..., extraJson: _Optional[str] = ...) -> None: ...
        STATUS_FIELD_NUMBER: _ClassVar[int]
        SENDERNOTIFICATIONTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        CONSUMERLID_FIELD_NUMBER: _ClassVar[int]
        CONSUMERPHONENUMBER_FIELD_NUMBER: _ClassVar[int]
        NOTIFICATIONCONTENT_FIELD_NUMBER: _ClassVar[int]
        SHOULDSUPPRESSNOTIFICATION_FIELD_NUMBER: _ClassVar[int]
        status: Message.CloudAPIThreadControlNotification.CloudAPIThreadControl
        senderNotificationTimestampMs: int
        consumerLid: str
        consumerPhoneNumber: str
        notificationContent: Message.CloudAPIThreadControlNotification.CloudAPIThreadControlNotificationContent
        shouldSuppressNotification: bool
        def __init__(self, status: _Optional[_Union[Message.CloudAPIThreadControlNotification.CloudAPIThreadControl, str]] = ..., senderNotificationTimestampMs: _Optional[int] = ..., consumerLid: _Optional[str] = ..., consumerPhoneNumber: _Optional[str] = ..., notificationContent: _Optional[_Union[Message.CloudAPIThreadControlNotification.CloudAPIThreadControlNotificationContent, _Mapping]] = ..., shouldSuppressNotification: _Optional[bool] = ...) -> None: ...
    class CommentMessage(_message.Message):
        __slots__ = ("message", "targetMessageKey")
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        TARGETMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        message: Message
        targetMessageKey: _wa_common_pb2.MessageKey
        def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., targetMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...
    class ContactMessage(_message.Message):
        __slots__ = ("displayName", "vcard", "contextInfo", "isSelfContact")
        DISPLAYNAME_FIELD_NUMBER: _ClassVar[int]
        VCARD_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        ISSELFCONTACT_FIELD_NUMBER: _ClassVar[int]
        displayName: str
        vcard: str
        contextInfo: ContextInfo
        isSelfContact: bool
        def __init__(self, displayName: _Optional[str] = ..., vcard: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., isSelfContact: _Optional[bool] = ...) -> None: ...
    class ContactsArrayMessage(_message.Message):
        __slots__ = ("displayName", "contacts", "contextInfo")
        DISPLAYNAME_FIELD_NUMBER: _ClassVar[int]
        CONTACTS_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        displayName: str
        contacts: _containers.RepeatedCompositeFieldContainer[Message.ContactMessage]
        contextInfo: ContextInfo
        def __init__(self, displayName: _Optional[str] = ..., contacts: _Optional[_Iterable[_Union[Message.ContactMessage, _Mapping]]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class DeclinePaymentRequestMessage(_message.Message):
        __slots__ = ("key",)
        KEY_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...
    class DeviceSentMessage(_message.Message):
        __slots__ = ("destinationJid", "message", "phash")
        DESTINATIONJID_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        PHASH_FIELD_NUMBER: _ClassVar[int]
        destinationJid: str
        message: Message
        phash: str
        def __init__(self, destinationJid: _Optional[str] = ..., message: _Optional[_Union[Message, _Mapping]] = ..., phash: _Optional[str] = ...) -> None: ...
    class DocumentMessage(_message.Message):
        __slots__ = ("url", "mimetype", "title", "fileSha256", "fileLength", "pageCount", "mediaKey", "fileName", "fileEncSha256", "directPath", "mediaKeyTimestamp", "contactVcard", "thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "jpegThumbnail", "contextInfo", "thumbnailHeight", "thumbnailWidth", "caption", "accessibilityLabel", "mediaKeyDomain")
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
        CONTACTVCARD_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILHEIGHT_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILWIDTH_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
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
        contactVcard: bool
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        thumbnailHeight: int
        thumbnailWidth: int
        caption: str
        accessibilityLabel: str
        mediaKeyDomain: Message.MediaKeyDomain
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., title: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., pageCount: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileName: _Optional[str] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., contactVcard: _Optional[bool] = ..., thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., thumbnailHeight: _Optional[int] = ..., thumbnailWidth: _Optional[int] = ..., caption: _Optional[str] = ..., accessibilityLabel: _Optional[str] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ...) -> None: ...
    class EncCommentMessage(_message.Message):
        __slots__ = ("targetMessageKey", "encPayload", "encIv")
        TARGETMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        ENCIV_FIELD_NUMBER: _ClassVar[int]
        targetMessageKey: _wa_common_pb2.MessageKey
        encPayload: bytes
        encIv: bytes
        def __init__(self, targetMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ...) -> None: ...
    class EncEventResponseMessage(_message.Message):
        __slots__ = ("eventCreationMessageKey", "encPayload", "encIv")
        EVENTCREATIONMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        ENCIV_FIELD_NUMBER: _ClassVar[int]
        eventCreationMessageKey: _wa_common_pb2.MessageKey
        encPayload: bytes
        encIv: bytes
        def __init__(self, eventCreationMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ...) -> None: ...
    class EncReactionMessage(_message.Message):
        __slots__ = ("targetMessageKey", "encPayload", "encIv")
        TARGETMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        ENCIV_FIELD_NUMBER: _ClassVar[int]
        targetMessageKey: _wa_common_pb2.MessageKey
        encPayload: bytes
        encIv: bytes
        def __init__(self, targetMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ...) -> None: ...
    class EventMessage(_message.Message):
        __slots__ = ("contextInfo", "isCanceled", "name", "description", "location", "joinLink", "startTime", "endTime", "extraGuestsAllowed", "isScheduleCall", "hasReminder", "reminderOffsetSec")
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        ISCANCELED_FIELD_NUMBER: _ClassVar[int]
        NAME_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        LOCATION_FIELD_NUMBER: _ClassVar[int]
        JOINLINK_FIELD_NUMBER: _ClassVar[int]
        STARTTIME_FIELD_NUMBER: _ClassVar[int]
        ENDTIME_FIELD_NUMBER: _ClassVar[int]
        EXTRAGUESTSALLOWED_FIELD_NUMBER: _ClassVar[int]
        ISSCHEDULECALL_FIELD_NUMBER: _ClassVar[int]
        HASREMINDER_FIELD_NUMBER: _ClassVar[int]
        REMINDEROFFSETSEC_FIELD_NUMBER: _ClassVar[int]
        contextInfo: ContextInfo
        isCanceled: bool
        name: str
        description: str
        location: Message.LocationMessage
        joinLink: str
        startTime: int
        endTime: int
        extraGuestsAllowed: bool
        isScheduleCall: bool
        hasReminder: bool
        reminderOffsetSec: int
        def __init__(self, contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., isCanceled: _Optional[bool] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., location: _Optional[_Union[Message.LocationMessage, _Mapping]] = ..., joinLink: _Optional[str] = ..., startTime: _Optional[int] = ..., endTime: _Optional[int] = ..., extraGuestsAllowed: _Optional[bool] = ..., isScheduleCall: _Optional[bool] = ..., hasReminder: _Optional[bool] = ..., reminderOffsetSec: _Optional[int] = ...) -> None: ...
    class EventResponseMessage(_message.Message):
        __slots__ = ("response", "timestampMs", "extraGuestCount")
        class EventResponseType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.EventResponseMessage.EventResponseType]
            GOING: _ClassVar[Message.EventResponseMessage.EventResponseType]
            NOT_GOING: _ClassVar[Message.EventResponseMessage.EventResponseType]
            MAYBE: _ClassVar[Message.EventResponseMessage.EventResponseType]
        UNKNOWN: Message.EventResponseMessage.EventResponseType
        GOING: Message.EventResponseMessage.EventResponseType
        NOT_GOING: Message.EventResponseMessage.EventResponseType
        MAYBE: Message.EventResponseMessage.EventResponseType
        RESPONSE_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        EXTRAGUESTCOUNT_FIELD_NUMBER: _ClassVar[int]
        response: Message.EventResponseMessage.EventResponseType
        timestampMs: int
        extraGuestCount: int
        def __init__(self, response: _Optional[_Union[Message.EventResponseMessage.EventResponseType, str]] = ..., timestampMs: _Optional[int] = ..., extraGuestCount: _Optional[int] = ...) -> None: ...
    class ExtendedTextMessage(_message.Message):
        __slots__ = ("text", "matchedText", "description", "title", "textArgb", "backgroundArgb", "font", "previewType", "jpegThumbnail", "contextInfo", "doNotPlayInline", "thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "mediaKey", "mediaKeyTimestamp", "thumbnailHeight", "thumbnailWidth", "inviteLinkGroupType", "inviteLinkParentGroupSubjectV2", "inviteLinkParentGroupThumbnailV2", "inviteLinkGroupTypeV2", "viewOnce", "videoHeight", "videoWidth", "faviconMMSMetadata", "linkPreviewMetadata", "paymentLinkMetadata", "endCardTiles", "videoContentUrl", "musicMetadata", "paymentExtendedMetadata")
        class FontType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            SYSTEM: _ClassVar[Message.ExtendedTextMessage.FontType]
            SYSTEM_TEXT: _ClassVar[Message.ExtendedTextMessage.FontType]
            FB_SCRIPT: _ClassVar[Message.ExtendedTextMessage.FontType]
            SYSTEM_BOLD: _ClassVar[Message.ExtendedTextMessage.FontType]
            MORNINGBREEZE_REGULAR: _ClassVar[Message.ExtendedTextMessage.FontType]
            CALISTOGA_REGULAR: _ClassVar[Message.ExtendedTextMessage.FontType]
            EXO2_EXTRABOLD: _ClassVar[Message.ExtendedTextMessage.FontType]
            COURIERPRIME_BOLD: _ClassVar[Message.ExtendedTextMessage.FontType]
        SYSTEM: Message.ExtendedTextMessage.FontType
        SYSTEM_TEXT: Message.ExtendedTextMessage.FontType
        FB_SCRIPT: Message.ExtendedTextMessage.FontType
        SYSTEM_BOLD: Message.ExtendedTextMessage.FontType
        MORNINGBREEZE_REGULAR: Message.ExtendedTextMessage.FontType
        CALISTOGA_REGULAR: Message.ExtendedTextMessage.FontType
        EXO2_EXTRABOLD: Message.ExtendedTextMessage.FontType
        COURIERPRIME_BOLD: Message.ExtendedTextMessage.FontType
        class InviteLinkGroupType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            DEFAULT: _ClassVar[Message.ExtendedTextMessage.InviteLinkGroupType]
            PARENT: _ClassVar[Message.ExtendedTextMessage.InviteLinkGroupType]
            SUB: _ClassVar[Message.ExtendedTextMessage.InviteLinkGroupType]
            DEFAULT_SUB: _ClassVar[Message.ExtendedTextMessage.InviteLinkGroupType]
        DEFAULT: Message.ExtendedTextMessage.InviteLinkGroupType
        PARENT: Message.ExtendedTextMessage.InviteLinkGroupType
        SUB: Message.ExtendedTextMessage.InviteLinkGroupType
        DEFAULT_SUB: Message.ExtendedTextMessage.InviteLinkGroupType
        class PreviewType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[Message.ExtendedTextMessage.PreviewType]
            VIDEO: _ClassVar[Message.ExtendedTextMessage.PreviewType]
            PLACEHOLDER: _ClassVar[Message.ExtendedTextMessage.PreviewType]
            IMAGE: _ClassVar[Message.ExtendedTextMessage.PreviewType]
            PAYMENT_LINKS: _ClassVar[Message.ExtendedTextMessage.PreviewType]
            PROFILE: _ClassVar[Message.ExtendedTextMessage.PreviewType]
        NONE: Message.ExtendedTextMessage.PreviewType
        VIDEO: Message.ExtendedTextMessage.PreviewType
        PLACEHOLDER: Message.ExtendedTextMessage.PreviewType
        IMAGE: Message.ExtendedTextMessage.PreviewType
        PAYMENT_LINKS: Message.ExtendedTextMessage.PreviewType
        PROFILE: Message.ExtendedTextMessage.PreviewType
        TEXT_FIELD_NUMBER: _ClassVar[int]
        MATCHEDTEXT_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        TEXTARGB_FIELD_NUMBER: _ClassVar[int]
        BACKGROUNDARGB_FIELD_NUMBER: _ClassVar[int]
        FONT_FIELD_NUMBER: _ClassVar[int]
        PREVIEWTYPE_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        DONOTPLAYINLINE_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILHEIGHT_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILWIDTH_FIELD_NUMBER: _ClassVar[int]
        INVITELINKGROUPTYPE_FIELD_NUMBER: _ClassVar[int]
        INVITELINKPARENTGROUPSUBJECTV2_FIELD_NUMBER: _ClassVar[int]
        INVITELINKPARENTGROUPTHUMBNAILV2_FIELD_NUMBER: _ClassVar[int]
        INVITELINKGROUPTYPEV2_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        VIDEOHEIGHT_FIELD_NUMBER: _ClassVar[int]
        VIDEOWIDTH_FIELD_NUMBER: _ClassVar[int]
        FAVICONMMSMETADATA_FIELD_NUMBER: _ClassVar[int]
        LINKPREVIEWMETADATA_FIELD_NUMBER: _ClassVar[int]
        PAYMENTLINKMETADATA_FIELD_NUMBER: _ClassVar[int]
        ENDCARDTILES_FIELD_NUMBER: _ClassVar[int]
        VIDEOCONTENTURL_FIELD_NUMBER: _ClassVar[int]
        MUSICMETADATA_FIELD_NUMBER: _ClassVar[int]
        PAYMENTEXTENDEDMETADATA_FIELD_NUMBER: _ClassVar[int]
        text: str
        matchedText: str
        description: str
        title: str
        textArgb: int
        backgroundArgb: int
        font: Message.ExtendedTextMessage.FontType
        previewType: Message.ExtendedTextMessage.PreviewType
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        doNotPlayInline: bool
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        mediaKey: bytes
        mediaKeyTimestamp: int
        thumbnailHeight: int
        thumbnailWidth: int
        inviteLinkGroupType: Message.ExtendedTextMessage.InviteLinkGroupType
        inviteLinkParentGroupSubjectV2: str
        inviteLinkParentGroupThumbnailV2: bytes
        inviteLinkGroupTypeV2: Message.ExtendedTextMessage.InviteLinkGroupType
        viewOnce: bool
        videoHeight: int
        videoWidth: int
        faviconMMSMetadata: Message.MMSThumbnailMetadata
        linkPreviewMetadata: Message.LinkPreviewMetadata
        paymentLinkMetadata: Message.PaymentLinkMetadata
        endCardTiles: _containers.RepeatedCompositeFieldContainer[Message.VideoEndCard]
        videoContentUrl: str
        musicMetadata: EmbeddedMusic
        paymentExtendedMetadata: Message.PaymentExtendedMetadata
        def __init__(self, text: _Optional[str] = ..., matchedText: _Optional[str] = ..., description: _Optional[str] = ..., title: _Optional[str] = ..., textArgb: _Optional[int] = ..., backgroundArgb: _Optional[int] = ..., font: _Optional[_Union[Message.ExtendedTextMessage.FontType, str]] = ..., previewType: _Optional[_Union[Message.ExtendedTextMessage.PreviewType, str]] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., doNotPlayInline: _Optional[bool] = ..., thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mediaKeyTimestamp: _Optional[int] = ..., thumbnailHeight: _Optional[int] = ..., thumbnailWidth: _Optional[int] = ..., inviteLinkGroupType: _Optional[_Union[Message.ExtendedTextMessage.InviteLinkGroupType, str]] = ..., inviteLinkParentGroupSubjectV2: _Optional[str] = ..., inviteLinkParentGroupThumbnailV2: _Optional[bytes] = ..., inviteLinkGroupTypeV2: _Optional[_Union[Message.ExtendedTextMessage.InviteLinkGroupType, str]] = ..., viewOnce: _Optional[bool] = ..., videoHeight: _Optional[int] = ..., videoWidth: _Optional[int] = ..., faviconMMSMetadata: _Optional[_Union[Message.MMSThumbnailMetadata, _Mapping]] = ..., linkPreviewMetadata: _Optional[_Union[Message.LinkPreviewMetadata, _Mapping]] = ..., paymentLinkMetadata: _Optional[_Union[Message.PaymentLinkMetadata, _Mapping]] = ..., endCardTiles: _Optional[_Iterable[_Union[Message.VideoEndCard, _Mapping]]] = ..., videoContentUrl: _Optional[str] = ..., musicMetadata: _Optional[_Union[EmbeddedMusic, _Mapping]] = ..., paymentExtendedMetadata: _Optional[_Union[Message.PaymentExtendedMetadata, _Mapping]] = ...) -> None: ...
    class FullHistorySyncOnDemandRequestMetadata(_message.Message):
        __slots__ = ("requestId", "businessProduct", "opaqueClientData")
        REQUESTID_FIELD_NUMBER: _ClassVar[int]
        BUSINESSPRODUCT_FIELD_NUMBER: _ClassVar[int]
        OPAQUECLIENTDATA_FIELD_NUMBER: _ClassVar[int]
        requestId: str
        businessProduct: str
        opaqueClientData: bytes
        def __init__(self, requestId: _Optional[str] = ..., businessProduct: _Optional[str] = ..., opaqueClientData: _Optional[bytes] = ...) -> None: ...
    class FutureProofMessage(_message.Message):
        __slots__ = ("message",)
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        message: Message
        def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...
    class GroupInviteMessage(_message.Message):
        __slots__ = ("groupJid", "inviteCode", "inviteExpiration", "groupName", "jpegThumbnail", "caption", "contextInfo", "groupType")
        class GroupType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            DEFAULT: _ClassVar[Message.GroupInviteMessage.GroupType]
            PARENT: _ClassVar[Message.GroupInviteMessage.GroupType]
        DEFAULT: Message.GroupInviteMessage.GroupType
        PARENT: Message.GroupInviteMessage.GroupType
        GROUPJID_FIELD_NUMBER: _ClassVar[int]
        INVITECODE_FIELD_NUMBER: _ClassVar[int]
        INVITEEXPIRATION_FIELD_NUMBER: _ClassVar[int]
        GROUPNAME_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        GROUPTYPE_FIELD_NUMBER: _ClassVar[int]
        groupJid: str
        inviteCode: str
        inviteExpiration: int
        groupName: str
        jpegThumbnail: bytes
        caption: str
        contextInfo: ContextInfo
        groupType: Message.GroupInviteMessage.GroupType
        def __init__(self, groupJid: _Optional[str] = ..., inviteCode: _Optional[str] = ..., inviteExpiration: _Optional[int] = ..., groupName: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ..., caption: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., groupType: _Optional[_Union[Message.GroupInviteMessage.GroupType, str]] = ...) -> None: ...
    class HighlyStructuredMessage(_message.Message):
        __slots__ = ("namespace", "elementName", "params", "fallbackLg", "fallbackLc", "localizableParams", "deterministicLg", "deterministicLc", "hydratedHsm")
        class HSMLocalizableParameter(_message.Message):
            __slots__ = ("default", "currency", "dateTime")
            class HSMCurrency(_message.Message):
                __slots__ = ("currencyCode", "amount1000")
                CURRENCYCODE_FIELD_NUMBER: _ClassVar[int]
                AMOUNT1000_FIELD_NUMBER: _ClassVar[int]
                currencyCode: str
                amount1000: int
                def __init__(self, currencyCode: _Optional[str] = ..., amount1000: _Optional[int] = ...) -> None: ...
            class HSMDateTime(_message.Message):
                __slots__ = ("component", "unixEpoch")
                class HSMDateTimeComponent(_message.Message):
                    __slots__ = ("dayOfWeek", "year", "month", "dayOfMonth", "hour", "minute", "calendar")
                    class CalendarType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                        __slots__ = ()
                        GREGORIAN: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType]
                        SOLAR_HIJRI: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType]
                    GREGORIAN: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType
                    SOLAR_HIJRI: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType
                    class DayOfWeekType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                        __slots__ = ()
                        MONDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        TUESDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        WEDNESDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        THURSDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        FRIDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        SATURDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                        SUNDAY: _ClassVar[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType]
                    MONDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    TUESDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    WEDNESDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    THURSDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    FRIDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    SATURDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    SUNDAY: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    DAYOFWEEK_FIELD_NUMBER: _ClassVar[int]
                    YEAR_FIELD_NUMBER: _ClassVar[int]
                    MONTH_FIELD_NUMBER: _ClassVar[int]
                    DAYOFMONTH_FIELD_NUMBER: _ClassVar[int]
                    HOUR_FIELD_NUMBER: _ClassVar[int]
                    MINUTE_FIELD_NUMBER: _ClassVar[int]
                    CALENDAR_FIELD_NUMBER: _ClassVar[int]
                    dayOfWeek: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType
                    year: int
                    month: int
                    dayOfMonth: int
                    hour: int
                    minute: int
                    calendar: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType
                    def __init__(self, dayOfWeek: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.DayOfWeekType, str]] = ..., year: _Optional[int] = ..., month: _Optional[int] = ..., dayOfMonth: _Optional[int] = ..., hour: _Optional[int] = ..., minute: _Optional[int] = ..., calendar: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent.CalendarType, str]] = ...) -> None: ...
                class HSMDateTimeUnixEpoch(_message.Message):
                    __slots__ = ("timestamp",)
                    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
                    timestamp: int
                    def __init__(self, timestamp: _Optional[int] = ...) -> None: ...
                COMPONENT_FIELD_NUMBER: _ClassVar[int]
                UNIXEPOCH_FIELD_NUMBER: _ClassVar[int]
                component: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent
                unixEpoch: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeUnixEpoch
                def __init__(self, component: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeComponent, _Mapping]] = ..., unixEpoch: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime.HSMDateTimeUnixEpoch, _Mapping]] = ...) -> None: ...
            DEFAULT_FIELD_NUMBER: _ClassVar[int]
            CURRENCY_FIELD_NUMBER: _ClassVar[int]
            DATETIME_FIELD_NUMBER: _ClassVar[int]
            default: str
            currency: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMCurrency
            dateTime: Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime
            def __init__(self, default: _Optional[str] = ..., currency: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMCurrency, _Mapping]] = ..., dateTime: _Optional[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter.HSMDateTime, _Mapping]] = ...) -> None: ...
        NAMESPACE_FIELD_NUMBER: _ClassVar[int]
        ELEMENTNAME_FIELD_NUMBER: _ClassVar[int]
        PARAMS_FIELD_NUMBER: _ClassVar[int]
        FALLBACKLG_FIELD_NUMBER: _ClassVar[int]
        FALLBACKLC_FIELD_NUMBER: _ClassVar[int]
        LOCALIZABLEPARAMS_FIELD_NUMBER: _ClassVar[int]
        DETERMINISTICLG_FIELD_NUMBER: _ClassVar[int]
        DETERMINISTICLC_FIELD_NUMBER: _ClassVar[int]
        HYDRATEDHSM_FIELD_NUMBER: _ClassVar[int]
        namespace: str
        elementName: str
        params: _containers.RepeatedScalarFieldContainer[str]
        fallbackLg: str
        fallbackLc: str
        localizableParams: _containers.RepeatedCompositeFieldContainer[Message.HighlyStructuredMessage.HSMLocalizableParameter]
        deterministicLg: str
        deterministicLc: str
        hydratedHsm: Message.TemplateMessage
        def __init__(self, namespace: _Optional[str] = ..., elementName: _Optional[str] = ..., params: _Optional[_Iterable[str]] = ..., fallbackLg: _Optional[str] = ..., fallbackLc: _Optional[str] = ..., localizableParams: _Optional[_Iterable[_Union[Message.HighlyStructuredMessage.HSMLocalizableParameter, _Mapping]]] = ..., deterministicLg: _Optional[str] = ..., deterministicLc: _Optional[str] = ..., hydratedHsm: _Optional[_Union[Message.TemplateMessage, _Mapping]] = ...) -> None: ...
    class HistorySyncMessageAccessStatus(_message.Message):
        __slots__ = ("completeAccessGranted",)
        COMPLETEACCESSGRANTED_FIELD_NUMBER: _ClassVar[int]
        completeAccessGranted: bool
        def __init__(self, completeAccessGranted: _Optional[bool] = ...) -> None: ...
    class HistorySyncNotification(_message.Message):
        __slots__ = ("fileSha256", "fileLength", "mediaKey", "fileEncSha256", "directPath", "syncType", "chunkOrder", "originalMessageId", "progress", "oldestMsgInChunkTimestampSec", "initialHistBootstrapInlinePayload", "peerDataRequestSessionId", "fullHistorySyncOnDemandRequestMetadata", "encHandle", "messageAccessStatus")
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
        FULLHISTORYSYNCONDEMANDREQUESTMETADATA_FIELD_NUMBER: _ClassVar[int]
        ENCHANDLE_FIELD_NUMBER: _ClassVar[int]
        MESSAGEACCESSSTATUS_FIELD_NUMBER: _ClassVar[int]
        fileSha256: bytes
        fileLength: int
        mediaKey: bytes
        fileEncSha256: bytes
        directPath: str
        syncType: Message.HistorySyncType
        chunkOrder: int
        originalMessageId: str
        progress: int
        oldestMsgInChunkTimestampSec: int
        initialHistBootstrapInlinePayload: bytes
        peerDataRequestSessionId: str
        fullHistorySyncOnDemandRequestMetadata: Message.FullHistorySyncOnDemandRequestMetadata
        encHandle: str
        messageAccessStatus: Message.HistorySyncMessageAccessStatus
        def __init__(self, fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., syncType: _Optional[_Union[Message.HistorySyncType, str]] = ..., chunkOrder: _Optional[int] = ..., originalMessageId: _Optional[str] = ..., progress: _Optional[int] = ..., oldestMsgInChunkTimestampSec: _Optional[int] = ..., initialHistBootstrapInlinePayload: _Optional[bytes] = ..., peerDataRequestSessionId: _Optional[str] = ..., fullHistorySyncOnDemandRequestMetadata: _Optional[_Union[Message.FullHistorySyncOnDemandRequestMetadata, _Mapping]] = ..., encHandle: _Optional[str] = ..., messageAccessStatus: _Optional[_Union[Message.HistorySyncMessageAccessStatus, _Mapping]] = ...) -> None: ...
    class ImageMessage(_message.Message):
        __slots__ = ("url", "mimetype", "caption", "fileSha256", "fileLength", "height", "width", "mediaKey", "fileEncSha256", "interactiveAnnotations", "directPath", "mediaKeyTimestamp", "jpegThumbnail", "contextInfo", "firstScanSidecar", "firstScanLength", "experimentGroupId", "scansSidecar", "scanLengths", "midQualityFileSha256", "midQualityFileEncSha256", "viewOnce", "thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "staticUrl", "annotations", "imageSourceType", "accessibilityLabel", "mediaKeyDomain", "qrUrl")
        class ImageSourceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            USER_IMAGE: _ClassVar[Message.ImageMessage.ImageSourceType]
            AI_GENERATED: _ClassVar[Message.ImageMessage.ImageSourceType]
            AI_MODIFIED: _ClassVar[Message.ImageMessage.ImageSourceType]
            RASTERIZED_TEXT_STATUS: _ClassVar[Message.ImageMessage.ImageSourceType]
        USER_IMAGE: Message.ImageMessage.ImageSourceType
        AI_GENERATED: Message.ImageMessage.ImageSourceType
        AI_MODIFIED: Message.ImageMessage.ImageSourceType
        RASTERIZED_TEXT_STATUS: Message.ImageMessage.ImageSourceType
        URL_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        INTERACTIVEANNOTATIONS_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        FIRSTSCANSIDECAR_FIELD_NUMBER: _ClassVar[int]
        FIRSTSCANLENGTH_FIELD_NUMBER: _ClassVar[int]
        EXPERIMENTGROUPID_FIELD_NUMBER: _ClassVar[int]
        SCANSSIDECAR_FIELD_NUMBER: _ClassVar[int]
        SCANLENGTHS_FIELD_NUMBER: _ClassVar[int]
        MIDQUALITYFILESHA256_FIELD_NUMBER: _ClassVar[int]
        MIDQUALITYFILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        STATICURL_FIELD_NUMBER: _ClassVar[int]
        ANNOTATIONS_FIELD_NUMBER: _ClassVar[int]
        IMAGESOURCETYPE_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
        QRURL_FIELD_NUMBER: _ClassVar[int]
        url: str
        mimetype: str
        caption: str
        fileSha256: bytes
        fileLength: int
        height: int
        width: int
        mediaKey: bytes
        fileEncSha256: bytes
        interactiveAnnotations: _containers.RepeatedCompositeFieldContainer[InteractiveAnnotation]
        directPath: str
        mediaKeyTimestamp: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        firstScanSidecar: bytes
        firstScanLength: int
        experimentGroupId: int
        scansSidecar: bytes
        scanLengths: _containers.RepeatedScalarFieldContainer[int]
        midQualityFileSha256: bytes
        midQualityFileEncSha256: bytes
        viewOnce: bool
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        staticUrl: str
        annotations: _containers.RepeatedCompositeFieldContainer[InteractiveAnnotation]
        imageSourceType: Message.ImageMessage.ImageSourceType
        accessibilityLabel: str
        mediaKeyDomain: Message.MediaKeyDomain
        qrUrl: str
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., caption: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., interactiveAnnotations: _Optional[_Iterable[_Union[InteractiveAnnotation, _Mapping]]] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., firstScanSidecar: _Optional[bytes] = ..., firstScanLength: _Optional[int] = ..., experimentGroupId: _Optional[int] = ..., scansSidecar: _Optional[bytes] = ..., scanLengths: _Optional[_Iterable[int]] = ..., midQualityFileSha256: _Optional[bytes] = ..., midQualityFileEncSha256: _Optional[bytes] = ..., viewOnce: _Optional[bool] = ..., thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., staticUrl: _Optional[str] = ..., annotations: _Optional[_Iterable[_Union[InteractiveAnnotation, _Mapping]]] = ..., imageSourceType: _Optional[_Union[Message.ImageMessage.ImageSourceType, str]] = ..., accessibilityLabel: _Optional[str] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ..., qrUrl: _Optional[str] = ...) -> None: ...
    class InitialSecurityNotificationSettingSync(_message.Message):
        __slots__ = ("securityNotificationEnabled",)
        SECURITYNOTIFICATIONENABLED_FIELD_NUMBER: _ClassVar[int]
        securityNotificationEnabled: bool
        def __init__(self, securityNotificationEnabled: _Optional[bool] = ...) -> None: ...
    class InteractiveMessage(_message.Message):
        __slots__ = ("header", "body", "footer", "contextInfo", "urlTrackingMap", "shopStorefrontMessage", "collectionMessage", "nativeFlowMessage", "carouselMessage")
        class Body(_message.Message):
            __slots__ = ("text",)
            TEXT_FIELD_NUMBER: _ClassVar[int]
            text: str
            def __init__(self, text: _Optional[str] = ...) -> None: ...
        class CarouselMessage(_message.Message):
            __slots__ = ("cards", "messageVersion", "carouselCardType")
            class CarouselCardType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                UNKNOWN: _ClassVar[Message.InteractiveMessage.CarouselMessage.CarouselCardType]
                HSCROLL_CARDS: _ClassVar[Message.InteractiveMessage.CarouselMessage.CarouselCardType]
                ALBUM_IMAGE: _ClassVar[Message.InteractiveMessage.CarouselMessage.CarouselCardType]
            UNKNOWN: Message.InteractiveMessage.CarouselMessage.CarouselCardType
            HSCROLL_CARDS: Message.InteractiveMessage.CarouselMessage.CarouselCardType
            ALBUM_IMAGE: Message.InteractiveMessage.CarouselMessage.CarouselCardType
            CARDS_FIELD_NUMBER: _ClassVar[int]
            MESSAGEVERSION_FIELD_NUMBER: _ClassVar[int]
            CAROUSELCARDTYPE_FIELD_NUMBER: _ClassVar[int]
            cards: _containers.RepeatedCompositeFieldContainer[Message.InteractiveMessage]
            messageVersion: int
            carouselCardType: Message.InteractiveMessage.CarouselMessage.CarouselCardType
            def __init__(self, cards: _Optional[_Iterable[_Union[Message.InteractiveMessage, _Mapping]]] = ..., messageVersion: _Optional[int] = ..., carouselCardType: _Optional[_Union[Message.InteractiveMessage.CarouselMessage.CarouselCardType, str]] = ...) -> None: ...
        class CollectionMessage(_message.Message):
            __slots__ = ("bizJid", "id", "messageVersion")
            BIZJID_FIELD_NUMBER: _ClassVar[int]
            ID_FIELD_NUMBER: _ClassVar[int]
            MESSAGEVERSION_FIELD_NUMBER: _ClassVar[int]
            bizJid: str
            id: str
            messageVersion: int
            def __init__(self, bizJid: _Optional[str] = ..., id: _Optional[str] = ..., messageVersion: _Optional[int] = ...) -> None: ...
        class Footer(_message.Message):
            __slots__ = ("text", "hasMediaAttachment", "audioMessage")
            TEXT_FIELD_NUMBER: _ClassVar[int]
            HASMEDIAATTACHMENT_FIELD_NUMBER: _ClassVar[int]
            AUDIOMESSAGE_FIELD_NUMBER: _ClassVar[int]
            text: str
            hasMediaAttachment: bool
            audioMessage: Message.AudioMessage
            def __init__(self, text: _Optional[str] = ..., hasMediaAttachment: _Optional[bool] = ..., audioMessage: _Optional[_Union[Message.AudioMessage, _Mapping]] = ...) -> None: ...
        class Header(_message.Message):
            __slots__ = ("title", "subtitle", "hasMediaAttachment", "documentMessage", "imageMessage", "jpegThumbnail", "videoMessage", "locationMessage", "productMessage")
            TITLE_FIELD_NUMBER: _ClassVar[int]
            SUBTITLE_FIELD_NUMBER: _ClassVar[int]
            HASMEDIAATTACHMENT_FIELD_NUMBER: _ClassVar[int]
            DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
            IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
            JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
            VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
            LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
            PRODUCTMESSAGE_FIELD_NUMBER: _ClassVar[int]
            title: str
            subtitle: str
            hasMediaAttachment: bool
            documentMessage: Message.DocumentMessage
            imageMessage: Message.ImageMessage
            jpegThumbnail: bytes
            videoMessage: Message.VideoMessage
            locationMessage: Message.LocationMessage
            productMessage: Message.ProductMessage
            def __init__(self, title: _Optional[str] = ..., subtitle: _Optional[str] = ..., hasMediaAttachment: _Optional[bool] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., jpegThumbnail: _Optional[bytes] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ..., productMessage: _Optional[_Union[Message.ProductMessage, _Mapping]] = ...) -> None: ...
        class NativeFlowMessage(_message.Message):
            __slots__ = ("buttons", "messageParamsJson", "messageVersion")
            class NativeFlowButton(_message.Message):
                __slots__ = ("name", "buttonParamsJson")
                NAME_FIELD_NUMBER: _ClassVar[int]
                BUTTONPARAMSJSON_FIELD_NUMBER: _ClassVar[int]
                name: str
                buttonParamsJson: str
                def __init__(self, name: _Optional[str] = ..., buttonParamsJson: _Optional[str] = ...) -> None: ...
            BUTTONS_FIELD_NUMBER: _ClassVar[int]
            MESSAGEPARAMSJSON_FIELD_NUMBER: _ClassVar[int]
            MESSAGEVERSION_FIELD_NUMBER: _ClassVar[int]
            buttons: _containers.RepeatedCompositeFieldContainer[Message.InteractiveMessage.NativeFlowMessage.NativeFlowButton]
            messageParamsJson: str
            messageVersion: int
            def __init__(self, buttons: _Optional[_Iterable[_Union[Message.InteractiveMessage.NativeFlowMessage.NativeFlowButton, _Mapping]]] = ..., messageParamsJson: _Optional[str] = ..., messageVersion: _Optional[int] = ...) -> None: ...
        class ShopMessage(_message.Message):
            __slots__ = ("id", "surface", "messageVersion")
            class Surface(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                UNKNOWN_SURFACE: _ClassVar[Message.InteractiveMessage.ShopMessage.Surface]
                FB: _ClassVar[Message.InteractiveMessage.ShopMessage.Surface]
                IG: _ClassVar[Message.InteractiveMessage.ShopMessage.Surface]
                WA: _ClassVar[Message.InteractiveMessage.ShopMessage.Surface]
            UNKNOWN_SURFACE: Message.InteractiveMessage.ShopMessage.Surface
            FB: Message.InteractiveMessage.ShopMessage.Surface
            IG: Message.InteractiveMessage.ShopMessage.Surface
            WA: Message.InteractiveMessage.ShopMessage.Surface
            ID_FIELD_NUMBER: _ClassVar[int]
            SURFACE_FIELD_NUMBER: _ClassVar[int]
            MESSAGEVERSION_FIELD_NUMBER: _ClassVar[int]
            id: str
            surface: Message.InteractiveMessage.ShopMessage.Surface
            messageVersion: int
            def __init__(self, id: _Optional[str] = ..., surface: _Optional[_Union[Message.InteractiveMessage.ShopMessage.Surface, str]] = ..., messageVersion: _Optional[int] = ...) -> None: ...
        HEADER_FIELD_NUMBER: _ClassVar[int]
        BODY_FIELD_NUMBER: _ClassVar[int]
        FOOTER_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        URLTRACKINGMAP_FIELD_NUMBER: _ClassVar[int]
        SHOPSTOREFRONTMESSAGE_FIELD_NUMBER: _ClassVar[int]
        COLLECTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
        NATIVEFLOWMESSAGE_FIELD_NUMBER: _ClassVar[int]
        CAROUSELMESSAGE_FIELD_NUMBER: _ClassVar[int]
        header: Message.InteractiveMessage.Header
        body: Message.InteractiveMessage.Body
        footer: Message.InteractiveMessage.Footer
        contextInfo: ContextInfo
        urlTrackingMap: UrlTrackingMap
        shopStorefrontMessage: Message.InteractiveMessage.ShopMessage
        collectionMessage: Message.InteractiveMessage.CollectionMessage
        nativeFlowMessage: Message.InteractiveMessage.NativeFlowMessage
        carouselMessage: Message.InteractiveMessage.CarouselMessage
        def __init__(self, header: _Optional[_Union[Message.InteractiveMessage.Header, _Mapping]] = ..., body: _Optional[_Union[Message.InteractiveMessage.Body, _Mapping]] = ..., footer: _Optional[_Union[Message.InteractiveMessage.Footer, _Mapping]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., urlTrackingMap: _Optional[_Union[UrlTrackingMap, _Mapping]] = ..., shopStorefrontMessage: _Optional[_Union[Message.InteractiveMessage.ShopMessage, _Mapping]] = ..., collectionMessage: _Optional[_Union[Message.InteractiveMessage.CollectionMessage, _Mapping]] = ..., nativeFlowMessage: _Optional[_Union[Message.InteractiveMessage.NativeFlowMessage, _Mapping]] = ..., carouselMessage: _Optional[_Union[Message.InteractiveMessage.CarouselMessage, _Mapping]] = ...) -> None: ...
    class InteractiveResponseMessage(_message.Message):
        __slots__ = ("body", "contextInfo", "nativeFlowResponseMessage")
        class Body(_message.Message):
            __slots__ = ("text", "format")
            class Format(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                DEFAULT: _ClassVar[Message.InteractiveResponseMessage.Body.Format]
                EXTENSIONS_1: _ClassVar[Message.InteractiveResponseMessage.Body.Format]
            DEFAULT: Message.InteractiveResponseMessage.Body.Format
            EXTENSIONS_1: Message.InteractiveResponseMessage.Body.Format
            TEXT_FIELD_NUMBER: _ClassVar[int]
            FORMAT_FIELD_NUMBER: _ClassVar[int]
            text: str
            format: Message.InteractiveResponseMessage.Body.Format
            def __init__(self, text: _Optional[str] = ..., format: _Optional[_Union[Message.InteractiveResponseMessage.Body.Format, str]] = ...) -> None: ...
        class NativeFlowResponseMessage(_message.Message):
            __slots__ = ("name", "paramsJson", "version")
            NAME_FIELD_NUMBER: _ClassVar[int]
            PARAMSJSON_FIELD_NUMBER: _ClassVar[int]
            VERSION_FIELD_NUMBER: _ClassVar[int]
            name: str
            paramsJson: str
            version: int
            def __init__(self, name: _Optional[str] = ..., paramsJson: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...
        BODY_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        NATIVEFLOWRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
        body: Message.InteractiveResponseMessage.Body
        contextInfo: ContextInfo
        nativeFlowResponseMessage: Message.InteractiveResponseMessage.NativeFlowResponseMessage
        def __init__(self, body: _Optional[_Union[Message.InteractiveResponseMessage.Body, _Mapping]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., nativeFlowResponseMessage: _Optional[_Union[Message.InteractiveResponseMessage.NativeFlowResponseMessage, _Mapping]] = ...) -> None: ...
    class InvoiceMessage(_message.Message):
        __slots__ = ("note", "token", "attachmentType", "attachmentMimetype", "attachmentMediaKey", "attachmentMediaKeyTimestamp", "attachmentFileSha256", "attachmentFileEncSha256", "attachmentDirectPath", "attachmentJpegThumbnail")
        class AttachmentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            IMAGE: _ClassVar[Message.InvoiceMessage.AttachmentType]
            PDF: _ClassVar[Message.InvoiceMessage.AttachmentType]
        IMAGE: Message.InvoiceMessage.AttachmentType
        PDF: Message.InvoiceMessage.AttachmentType
        NOTE_FIELD_NUMBER: _ClassVar[int]
        TOKEN_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTTYPE_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTMIMETYPE_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTMEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTMEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTFILESHA256_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTFILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        ATTACHMENTJPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        note: str
        token: str
        attachmentType: Message.InvoiceMessage.AttachmentType
        attachmentMimetype: str
        attachmentMediaKey: bytes
        attachmentMediaKeyTimestamp: int
        attachmentFileSha256: bytes
        attachmentFileEncSha256: bytes
        attachmentDirectPath: str
        attachmentJpegThumbnail: bytes
        def __init__(self, note: _Optional[str] = ..., token: _Optional[str] = ..., attachmentType: _Optional[_Union[Message.InvoiceMessage.AttachmentType, str]] = ..., attachmentMimetype: _Optional[str] = ..., attachmentMediaKey: _Optional[bytes] = ..., attachmentMediaKeyTimestamp: _Optional[int] = ..., attachmentFileSha256: _Optional[bytes] = ..., attachmentFileEncSha256: _Optional[bytes] = ..., attachmentDirectPath: _Optional[str] = ..., attachmentJpegThumbnail: _Optional[bytes] = ...) -> None: ...
    class KeepInChatMessage(_message.Message):
        __slots__ = ("key", "keepType", "timestampMs")
        KEY_FIELD_NUMBER: _ClassVar[int]
        KEEPTYPE_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        keepType: KeepType
        timestampMs: int
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., keepType: _Optional[_Union[KeepType, str]] = ..., timestampMs: _Optional[int] = ...) -> None: ...
    class LinkPreviewMetadata(_message.Message):
        __slots__ = ("paymentLinkMetadata", "urlMetadata", "fbExperimentId", "linkMediaDuration", "socialMediaPostType", "linkInlineVideoMuted", "videoContentUrl", "musicMetadata", "videoContentCaption")
        class SocialMediaPostType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
            REEL: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
            LIVE_VIDEO: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
            LONG_VIDEO: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
            SINGLE_IMAGE: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
            CAROUSEL: _ClassVar[Message.LinkPreviewMetadata.SocialMediaPostType]
        NONE: Message.LinkPreviewMetadata.SocialMediaPostType
        REEL: Message.LinkPreviewMetadata.SocialMediaPostType
        LIVE_VIDEO: Message.LinkPreviewMetadata.SocialMediaPostType
        LONG_VIDEO: Message.LinkPreviewMetadata.SocialMediaPostType
        SINGLE_IMAGE: Message.LinkPreviewMetadata.SocialMediaPostType
        CAROUSEL: Message.LinkPreviewMetadata.SocialMediaPostType
        PAYMENTLINKMETADATA_FIELD_NUMBER: _ClassVar[int]
        URLMETADATA_FIELD_NUMBER: _ClassVar[int]
        FBEXPERIMENTID_FIELD_NUMBER: _ClassVar[int]
        LINKMEDIADURATION_FIELD_NUMBER: _ClassVar[int]
        SOCIALMEDIAPOSTTYPE_FIELD_NUMBER: _ClassVar[int]
        LINKINLINEVIDEOMUTED_FIELD_NUMBER: _ClassVar[int]
        VIDEOCONTENTURL_FIELD_NUMBER: _ClassVar[int]
        MUSICMETADATA_FIELD_NUMBER: _ClassVar[int]
        VIDEOCONTENTCAPTION_FIELD_NUMBER: _ClassVar[int]
        paymentLinkMetadata: Message.PaymentLinkMetadata
        urlMetadata: Message.URLMetadata
        fbExperimentId: int
        linkMediaDuration: int
        socialMediaPostType: Message.LinkPreviewMetadata.SocialMediaPostType
        linkInlineVideoMuted: bool
        videoContentUrl: str
        musicMetadata: EmbeddedMusic
        videoContentCaption: str
        def __init__(self, paymentLinkMetadata: _Optional[_Union[Message.PaymentLinkMetadata, _Mapping]] = ..., urlMetadata: _Optional[_Union[Message.URLMetadata, _Mapping]] = ..., fbExperimentId: _Optional[int] = ..., linkMediaDuration: _Optional[int] = ..., socialMediaPostType: _Optional[_Union[Message.LinkPreviewMetadata.SocialMediaPostType, str]] = ..., linkInlineVideoMuted: _Optional[bool] = ..., videoContentUrl: _Optional[str] = ..., musicMetadata: _Optional[_Union[EmbeddedMusic, _Mapping]] = ..., videoContentCaption: _Optional[str] = ...) -> None: ...
    class ListMessage(_message.Message):
        __slots__ = ("title", "description", "buttonText", "listType", "sections", "productListInfo", "footerText", "contextInfo")
        class ListType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ListMessage.ListType]
            SINGLE_SELECT: _ClassVar[Message.ListMessage.ListType]
            PRODUCT_LIST: _ClassVar[Message.ListMessage.ListType]
        UNKNOWN: Message.ListMessage.ListType
        SINGLE_SELECT: Message.ListMessage.ListType
        PRODUCT_LIST: Message.ListMessage.ListType
        class Product(_message.Message):
            __slots__ = ("productId",)
            PRODUCTID_FIELD_NUMBER: _ClassVar[int]
            productId: str
            def __init__(self, productId: _Optional[str] = ...) -> None: ...
        class ProductListHeaderImage(_message.Message):
            __slots__ = ("productId", "jpegThumbnail")
            PRODUCTID_FIELD_NUMBER: _ClassVar[int]
            JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
            productId: str
            jpegThumbnail: bytes
            def __init__(self, productId: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ...) -> None: ...
        class ProductListInfo(_message.Message):
            __slots__ = ("productSections", "headerImage", "businessOwnerJid")
            PRODUCTSECTIONS_FIELD_NUMBER: _ClassVar[int]
            HEADERIMAGE_FIELD_NUMBER: _ClassVar[int]
            BUSINESSOWNERJID_FIELD_NUMBER: _ClassVar[int]
            productSections: _containers.RepeatedCompositeFieldContainer[Message.ListMessage.ProductSection]
            headerImage: Message.ListMessage.ProductListHeaderImage
            businessOwnerJid: str
            def __init__(self, productSections: _Optional[_Iterable[_Union[Message.ListMessage.ProductSection, _Mapping]]] = ..., headerImage: _Optional[_Union[Message.ListMessage.ProductListHeaderImage, _Mapping]] = ..., businessOwnerJid: _Optional[str] = ...) -> None: ...
        class ProductSection(_message.Message):
            __slots__ = ("title", "products")
            TITLE_FIELD_NUMBER: _ClassVar[int]
            PRODUCTS_FIELD_NUMBER: _ClassVar[int]
            title: str
            products: _containers.RepeatedCompositeFieldContainer[Message.ListMessage.Product]
            def __init__(self, title: _Optional[str] = ..., products: _Optional[_Iterable[_Union[Message.ListMessage.Product, _Mapping]]] = ...) -> None: ...
        class Row(_message.Message):
            __slots__ = ("title", "description", "rowId")
            TITLE_FIELD_NUMBER: _ClassVar[int]
            DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
            ROWID_FIELD_NUMBER: _ClassVar[int]
            title: str
            description: str
            rowId: str
            def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ..., rowId: _Optional[str] = ...) -> None: ...
        class Section(_message.Message):
            __slots__ = ("title", "rows")
            TITLE_FIELD_NUMBER: _ClassVar[int]
            ROWS_FIELD_NUMBER: _ClassVar[int]
            title: str
            rows: _containers.RepeatedCompositeFieldContainer[Message.ListMessage.Row]
            def __init__(self, title: _Optional[str] = ..., rows: _Optional[_Iterable[_Union[Message.ListMessage.Row, _Mapping]]] = ...) -> None: ...
        TITLE_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        BUTTONTEXT_FIELD_NUMBER: _ClassVar[int]
        LISTTYPE_FIELD_NUMBER: _ClassVar[int]
        SECTIONS_FIELD_NUMBER: _ClassVar[int]
        PRODUCTLISTINFO_FIELD_NUMBER: _ClassVar[int]
        FOOTERTEXT_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        title: str
        description: str
        buttonText: str
        listType: Message.ListMessage.ListType
        sections: _containers.RepeatedCompositeFieldContainer[Message.ListMessage.Section]
        productListInfo: Message.ListMessage.ProductListInfo
        footerText: str
        contextInfo: ContextInfo
        def __init__(self, title: _Optional[str] = ..., description: _Optional[str] = ..., buttonText: _Optional[str] = ..., listType: _Optional[_Union[Message.ListMessage.ListType, str]] = ..., sections: _Optional[_Iterable[_Union[Message.ListMessage.Section, _Mapping]]] = ..., productListInfo: _Optional[_Union[Message.ListMessage.ProductListInfo, _Mapping]] = ..., footerText: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class ListResponseMessage(_message.Message):
        __slots__ = ("title", "listType", "singleSelectReply", "contextInfo", "description")
        class ListType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ListResponseMessage.ListType]
            SINGLE_SELECT: _ClassVar[Message.ListResponseMessage.ListType]
        UNKNOWN: Message.ListResponseMessage.ListType
        SINGLE_SELECT: Message.ListResponseMessage.ListType
        class SingleSelectReply(_message.Message):
            __slots__ = ("selectedRowId",)
            SELECTEDROWID_FIELD_NUMBER: _ClassVar[int]
            selectedRowId: str
            def __init__(self, selectedRowId: _Optional[str] = ...) -> None: ...
        TITLE_FIELD_NUMBER: _ClassVar[int]
        LISTTYPE_FIELD_NUMBER: _ClassVar[int]
        SINGLESELECTREPLY_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        title: str
        listType: Message.ListResponseMessage.ListType
        singleSelectReply: Message.ListResponseMessage.SingleSelectReply
        contextInfo: ContextInfo
        description: str
        def __init__(self, title: _Optional[str] = ..., listType: _Optional[_Union[Message.ListResponseMessage.ListType, str]] = ..., singleSelectReply: _Optional[_Union[Message.ListResponseMessage.SingleSelectReply, _Mapping]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., description: _Optional[str] = ...) -> None: ...
    class LiveLocationMessage(_message.Message):
        __slots__ = ("degreesLatitude", "degreesLongitude", "accuracyInMeters", "speedInMps", "degreesClockwiseFromMagneticNorth", "caption", "sequenceNumber", "timeOffset", "jpegThumbnail", "contextInfo")
        DEGREESLATITUDE_FIELD_NUMBER: _ClassVar[int]
        DEGREESLONGITUDE_FIELD_NUMBER: _ClassVar[int]
        ACCURACYINMETERS_FIELD_NUMBER: _ClassVar[int]
        SPEEDINMPS_FIELD_NUMBER: _ClassVar[int]
        DEGREESCLOCKWISEFROMMAGNETICNORTH_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        SEQUENCENUMBER_FIELD_NUMBER: _ClassVar[int]
        TIMEOFFSET_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        degreesLatitude: float
        degreesLongitude: float
        accuracyInMeters: int
        speedInMps: float
        degreesClockwiseFromMagneticNorth: int
        caption: str
        sequenceNumber: int
        timeOffset: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        def __init__(self, degreesLatitude: _Optional[float] = ..., degreesLongitude: _Optional[float] = ..., accuracyInMeters: _Optional[int] = ..., speedInMps: _Optional[float] = ..., degreesClockwiseFromMagneticNorth: _Optional[int] = ..., caption: _Optional[str] = ..., sequenceNumber: _Optional[int] = ..., timeOffset: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class LocationMessage(_message.Message):
        __slots__ = ("degreesLatitude", "degreesLongitude", "name", "address", "url", "isLive", "accuracyInMeters", "speedInMps", "degreesClockwiseFromMagneticNorth", "comment", "jpegThumbnail", "contextInfo")
        DEGREESLATITUDE_FIELD_NUMBER: _ClassVar[int]
        DEGREESLONGITUDE_FIELD_NUMBER: _ClassVar[int]
        NAME_FIELD_NUMBER: _ClassVar[int]
        ADDRESS_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        ISLIVE_FIELD_NUMBER: _ClassVar[int]
        ACCURACYINMETERS_FIELD_NUMBER: _ClassVar[int]
        SPEEDINMPS_FIELD_NUMBER: _ClassVar[int]
        DEGREESCLOCKWISEFROMMAGNETICNORTH_FIELD_NUMBER: _ClassVar[int]
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
        speedInMps: float
        degreesClockwiseFromMagneticNorth: int
        comment: str
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        def __init__(self, degreesLatitude: _Optional[float] = ..., degreesLongitude: _Optional[float] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., url: _Optional[str] = ..., isLive: _Optional[bool] = ..., accuracyInMeters: _Optional[int] = ..., speedInMps: _Optional[float] = ..., degreesClockwiseFromMagneticNorth: _Optional[int] = ..., comment: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class MMSThumbnailMetadata(_message.Message):
        __slots__ = ("thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "mediaKey", "mediaKeyTimestamp", "thumbnailHeight", "thumbnailWidth", "mediaKeyDomain")
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILHEIGHT_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILWIDTH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        mediaKey: bytes
        mediaKeyTimestamp: int
        thumbnailHeight: int
        thumbnailWidth: int
        mediaKeyDomain: Message.MediaKeyDomain
        def __init__(self, thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mediaKeyTimestamp: _Optional[int] = ..., thumbnailHeight: _Optional[int] = ..., thumbnailWidth: _Optional[int] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ...) -> None: ...
    class MessageHistoryBundle(_message.Message):
        __slots__ = ("mimetype", "fileSha256", "mediaKey", "fileEncSha256", "directPath", "mediaKeyTimestamp", "contextInfo", "messageHistoryMetadata")
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        MESSAGEHISTORYMETADATA_FIELD_NUMBER: _ClassVar[int]
        mimetype: str
        fileSha256: bytes
        mediaKey: bytes
        fileEncSha256: bytes
        directPath: str
        mediaKeyTimestamp: int
        contextInfo: ContextInfo
        messageHistoryMetadata: Message.MessageHistoryMetadata
        def __init__(self, mimetype: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., messageHistoryMetadata: _Optional[_Union[Message.MessageHistoryMetadata, _Mapping]] = ...) -> None: ...
    class MessageHistoryMetadata(_message.Message):
        __slots__ = ("historyReceivers", "oldestMessageTimestamp", "messageCount", "nonHistoryReceivers", "oldestMessageTimestampInBundle")
        HISTORYRECEIVERS_FIELD_NUMBER: _ClassVar[int]
        OLDESTMESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        MESSAGECOUNT_FIELD_NUMBER: _ClassVar[int]
        NONHISTORYRECEIVERS_FIELD_NUMBER: _ClassVar[int]
        OLDESTMESSAGETIMESTAMPINBUNDLE_FIELD_NUMBER: _ClassVar[int]
        historyReceivers: _containers.RepeatedScalarFieldContainer[str]
        oldestMessageTimestamp: int
        messageCount: int
        nonHistoryReceivers: _containers.RepeatedScalarFieldContainer[str]
        oldestMessageTimestampInBundle: int
        def __init__(self, historyReceivers: _Optional[_Iterable[str]] = ..., oldestMessageTimestamp: _Optional[int] = ..., messageCount: _Optional[int] = ..., nonHistoryReceivers: _Optional[_Iterable[str]] = ..., oldestMessageTimestampInBundle: _Optional[int] = ...) -> None: ...
    class MessageHistoryNotice(_message.Message):
        __slots__ = ("contextInfo", "messageHistoryMetadata")
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        MESSAGEHISTORYMETADATA_FIELD_NUMBER: _ClassVar[int]
        contextInfo: ContextInfo
        messageHistoryMetadata: Message.MessageHistoryMetadata
        def __init__(self, contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., messageHistoryMetadata: _Optional[_Union[Message.MessageHistoryMetadata, _Mapping]] = ...) -> None: ...
    class NewsletterAdminInviteMessage(_message.Message):
        __slots__ = ("newsletterJid", "newsletterName", "jpegThumbnail", "caption", "inviteExpiration", "contextInfo")
        NEWSLETTERJID_FIELD_NUMBER: _ClassVar[int]
        NEWSLETTERNAME_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        INVITEEXPIRATION_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        newsletterJid: str
        newsletterName: str
        jpegThumbnail: bytes
        caption: str
        inviteExpiration: int
        contextInfo: ContextInfo
        def __init__(self, newsletterJid: _Optional[str] = ..., newsletterName: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ..., caption: _Optional[str] = ..., inviteExpiration: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class NewsletterFollowerInviteMessage(_message.Message):
        __slots__ = ("newsletterJid", "newsletterName", "jpegThumbnail", "caption", "contextInfo")
        NEWSLETTERJID_FIELD_NUMBER: _ClassVar[int]
        NEWSLETTERNAME_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        newsletterJid: str
        newsletterName: str
        jpegThumbnail: bytes
        caption: str
        contextInfo: ContextInfo
        def __init__(self, newsletterJid: _Optional[str] = ..., newsletterName: _Optional[str] = ..., jpegThumbnail: _Optional[bytes] = ..., caption: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class OrderMessage(_message.Message):
        __slots__ = ("orderId", "thumbnail", "itemCount", "status", "surface", "message", "orderTitle", "sellerJid", "token", "totalAmount1000", "totalCurrencyCode", "contextInfo", "messageVersion", "orderRequestMessageId", "catalogType")
        class OrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            INQUIRY: _ClassVar[Message.OrderMessage.OrderStatus]
            ACCEPTED: _ClassVar[Message.OrderMessage.OrderStatus]
            DECLINED: _ClassVar[Message.OrderMessage.OrderStatus]
        INQUIRY: Message.OrderMessage.OrderStatus
        ACCEPTED: Message.OrderMessage.OrderStatus
        DECLINED: Message.OrderMessage.OrderStatus
        class OrderSurface(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            CATALOG: _ClassVar[Message.OrderMessage.OrderSurface]
        CATALOG: Message.OrderMessage.OrderSurface
        ORDERID_FIELD_NUMBER: _ClassVar[int]
        THUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        ITEMCOUNT_FIELD_NUMBER: _ClassVar[int]
        STATUS_FIELD_NUMBER: _ClassVar[int]
        SURFACE_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        ORDERTITLE_FIELD_NUMBER: _ClassVar[int]
        SELLERJID_FIELD_NUMBER: _ClassVar[int]
        TOKEN_FIELD_NUMBER: _ClassVar[int]
        TOTALAMOUNT1000_FIELD_NUMBER: _ClassVar[int]
        TOTALCURRENCYCODE_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        MESSAGEVERSION_FIELD_NUMBER: _ClassVar[int]
        ORDERREQUESTMESSAGEID_FIELD_NUMBER: _ClassVar[int]
        CATALOGTYPE_FIELD_NUMBER: _ClassVar[int]
        orderId: str
        thumbnail: bytes
        itemCount: int
        status: Message.OrderMessage.OrderStatus
        surface: Message.OrderMessage.OrderSurface
        message: str
        orderTitle: str
        sellerJid: str
        token: str
        totalAmount1000: int
        totalCurrencyCode: str
        contextInfo: ContextInfo
        messageVersion: int
        orderRequestMessageId: _wa_common_pb2.MessageKey
        catalogType: str
        def __init__(self, orderId: _Optional[str] = ..., thumbnail: _Optional[bytes] = ..., itemCount: _Optional[int] = ..., status: _Optional[_Union[Message.OrderMessage.OrderStatus, str]] = ..., surface: _Optional[_Union[Message.OrderMessage.OrderSurface, str]] = ..., message: _Optional[str] = ..., orderTitle: _Optional[str] = ..., sellerJid: _Optional[str] = ..., token: _Optional[str] = ..., totalAmount1000: _Optional[int] = ..., totalCurrencyCode: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., messageVersion: _Optional[int] = ..., orderRequestMessageId: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., catalogType: _Optional[str] = ...) -> None: ...
    class PaymentExtendedMetadata(_message.Message):
        __slots__ = ("type", "platform", "messageParamsJson")
        TYPE_FIELD_NUMBER: _ClassVar[int]
        PLATFORM_FIELD_NUMBER: _ClassVar[int]
        MESSAGEPARAMSJSON_FIELD_NUMBER: _ClassVar[int]
        type: int
        platform: str
        messageParamsJson: str
        def __init__(self, type: _Optional[int] = ..., platform: _Optional[str] = ..., messageParamsJson: _Optional[str] = ...) -> None: ...
    class PaymentInviteMessage(_message.Message):
        __slots__ = ("serviceType", "expiryTimestamp", "incentiveEligible", "referralID")
        class ServiceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.PaymentInviteMessage.ServiceType]
            FBPAY: _ClassVar[Message.PaymentInviteMessage.ServiceType]
            NOVI: _ClassVar[Message.PaymentInviteMessage.ServiceType]
            UPI: _ClassVar[Message.PaymentInviteMessage.ServiceType]
            PIX: _ClassVar[Message.PaymentInviteMessage.ServiceType]
        UNKNOWN: Message.PaymentInviteMessage.ServiceType
        FBPAY: Message.PaymentInviteMessage.ServiceType
        NOVI: Message.PaymentInviteMessage.ServiceType
        UPI: Message.PaymentInviteMessage.ServiceType
        PIX: Message.PaymentInviteMessage.ServiceType
        SERVICETYPE_FIELD_NUMBER: _ClassVar[int]
        EXPIRYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        INCENTIVEELIGIBLE_FIELD_NUMBER: _ClassVar[int]
        REFERRALID_FIELD_NUMBER: _ClassVar[int]
        serviceType: Message.PaymentInviteMessage.ServiceType
        expiryTimestamp: int
        incentiveEligible: bool
        referralID: str
        def __init__(self, serviceType: _Optional[_Union[Message.PaymentInviteMessage.ServiceType, str]] = ..., expiryTimestamp: _Optional[int] = ..., incentiveEligible: _Optional[bool] = ..., referralID: _Optional[str] = ...) -> None: ...
    class PaymentLinkMetadata(_message.Message):
        __slots__ = ("button", "header", "provider")
        class PaymentLinkButton(_message.Message):
            __slots__ = ("displayText",)
            DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
            displayText: str
            def __init__(self, displayText: _Optional[str] = ...) -> None: ...
        class PaymentLinkHeader(_message.Message):
            __slots__ = ("headerType",)
            class PaymentLinkHeaderType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                LINK_PREVIEW: _ClassVar[Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType]
                ORDER: _ClassVar[Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType]
            LINK_PREVIEW: Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType
            ORDER: Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType
            HEADERTYPE_FIELD_NUMBER: _ClassVar[int]
            headerType: Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType
            def __init__(self, headerType: _Optional[_Union[Message.PaymentLinkMetadata.PaymentLinkHeader.PaymentLinkHeaderType, str]] = ...) -> None: ...
        class PaymentLinkProvider(_message.Message):
            __slots__ = ("paramsJson",)
            PARAMSJSON_FIELD_NUMBER: _ClassVar[int]
            paramsJson: str
            def __init__(self, paramsJson: _Optional[str] = ...) -> None: ...
        BUTTON_FIELD_NUMBER: _ClassVar[int]
        HEADER_FIELD_NUMBER: _ClassVar[int]
        PROVIDER_FIELD_NUMBER: _ClassVar[int]
        button: Message.PaymentLinkMetadata.PaymentLinkButton
        header: Message.PaymentLinkMetadata.PaymentLinkHeader
        provider: Message.PaymentLinkMetadata.PaymentLinkProvider
        def __init__(self, button: _Optional[_Union[Message.PaymentLinkMetadata.PaymentLinkButton, _Mapping]] = ..., header: _Optional[_Union[Message.PaymentLinkMetadata.PaymentLinkHeader, _Mapping]] = ..., provider: _Optional[_Union[Message.PaymentLinkMetadata.PaymentLinkProvider, _Mapping]] = ...) -> None: ...
    class PeerDataOperationRequestMessage(_message.Message):
        __slots__ = ("peerDataOperationRequestType", "requestStickerReupload", "requestUrlPreview", "historySyncOnDemandRequest", "placeholderMessageResendRequest", "fullHistorySyncOnDemandRequest", "syncdCollectionFatalRecoveryRequest", "historySyncChunkRetryRequest", "galaxyFlowAction")
        class FullHistorySyncOnDemandRequest(_message.Message):
            __slots__ = ("requestMetadata", "historySyncConfig")
            REQUESTMETADATA_FIELD_NUMBER: _ClassVar[int]
            HISTORYSYNCCONFIG_FIELD_NUMBER: _ClassVar[int]
            requestMetadata: Message.FullHistorySyncOnDemandRequestMetadata
            historySyncConfig: _wa_client_payload_pb2.DeviceProps.HistorySyncConfig
            def __init__(self, requestMetadata: _Optional[_Union[Message.FullHistorySyncOnDemandRequestMetadata, _Mapping]] = ..., historySyncConfig: _Optional[_Union[_wa_client_payload_pb2.DeviceProps.HistorySyncConfig, _Mapping]] = ...) -> None: ...
        class GalaxyFlowAction(_message.Message):
            __slots__ = ("type", "flowId", "stanzaId", "galaxyFlowDownloadRequestID", "agmID")
            class GalaxyFlowActionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                NOTIFY_LAUNCH: _ClassVar[Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType]
                DOWNLOAD_RESPONSES: _ClassVar[Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType]
            NOTIFY_LAUNCH: Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType
            DOWNLOAD_RESPONSES: Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType
            TYPE_FIELD_NUMBER: _ClassVar[int]
            FLOWID_FIELD_NUMBER: _ClassVar[int]
            STANZAID_FIELD_NUMBER: _ClassVar[int]
            GALAXYFLOWDOWNLOADREQUESTID_FIELD_NUMBER: _ClassVar[int]
            AGMID_FIELD_NUMBER: _ClassVar[int]
            type: Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType
            flowId: str
            stanzaId: str
            galaxyFlowDownloadRequestID: str
            agmID: str
            def __init__(self, type: _Optional[_Union[Message.PeerDataOperationRequestMessage.GalaxyFlowAction.GalaxyFlowActionType, str]] = ..., flowId: _Optional[str] = ..., stanzaId: _Optional[str] = ..., galaxyFlowDownloadRequestID: _Optional[str] = ..., agmID: _Optional[str] = ...) -> None: ...
        class HistorySyncChunkRetryRequest(_message.Message):
            __slots__ = ("syncType", "chunkOrder", "chunkNotificationId", "regenerateChunk")
            SYNCTYPE_FIELD_NUMBER: _ClassVar[int]
            CHUNKORDER_FIELD_NUMBER: _ClassVar[int]
            CHUNKNOTIFICATIONID_FIELD_NUMBER: _ClassVar[int]
            REGENERATECHUNK_FIELD_NUMBER: _ClassVar[int]
            syncType: Message.HistorySyncType
            chunkOrder: int
            chunkNotificationId: str
            regenerateChunk: bool
            def __init__(self, syncType: _Optional[_Union[Message.HistorySyncType, str]] = ..., chunkOrder: _Optional[int] = ..., chunkNotificationId: _Optional[str] = ..., regenerateChunk: _Optional[bool] = ...) -> None: ...
        class HistorySyncOnDemandRequest(_message.Message):
            __slots__ = ("chatJid", "oldestMsgId", "oldestMsgFromMe", "onDemandMsgCount", "oldestMsgTimestampMs", "accountLid", "supportInlineResponse")
            CHATJID_FIELD_NUMBER: _ClassVar[int]
            OLDESTMSGID_FIELD_NUMBER: _ClassVar[int]
            OLDESTMSGFROMME_FIELD_NUMBER: _ClassVar[int]
            ONDEMANDMSGCOUNT_FIELD_NUMBER: _ClassVar[int]
            OLDESTMSGTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
            ACCOUNTLID_FIELD_NUMBER: _ClassVar[int]
            SUPPORTINLINERESPONSE_FIELD_NUMBER: _ClassVar[int]
            chatJid: str
            oldestMsgId: str
            oldestMsgFromMe: bool
            onDemandMsgCount: int
            oldestMsgTimestampMs: int
            accountLid: str
            supportInlineResponse: bool
            def __init__(self, chatJid: _Optional[str] = ..., oldestMsgId: _Optional[str] = ..., oldestMsgFromMe: _Optional[bool] = ..., onDemandMsgCount: _Optional[int] = ..., oldestMsgTimestampMs: _Optional[int] = ..., accountLid: _Optional[str] = ..., supportInlineResponse: _Optional[bool] = ...) -> None: ...
        class PlaceholderMessageResendRequest(_message.Message):
            __slots__ = ("messageKey",)
            MESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
            messageKey: _wa_common_pb2.MessageKey
            def __init__(self, messageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...
        class RequestStickerReupload(_message.Message):
            __slots__ = ("fileSha256",)
            FILESHA256_FIELD_NUMBER: _ClassVar[int]
            fileSha256: str
            def __init__(self, fileSha256: _Optional[str] = ...) -> None: ...
        class RequestUrlPreview(_message.Message):
            __slots__ = ("url", "includeHqThumbnail")
            URL_FIELD_NUMBER: _ClassVar[int]
            INCLUDEHQTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
            url: str
            includeHqThumbnail: bool
            def __init__(self, url: _Optional[str] = ..., includeHqThumbnail: _Optional[bool] = ...) -> None: ...
        class SyncDCollectionFatalRecoveryRequest(_message.Message):
            __slots__ = ("collectionName", "timestamp")
            COLLECTIONNAME_FIELD_NUMBER: _ClassVar[int]
            TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
            collectionName: str
            timestamp: int
            def __init__(self, collectionName: _Optional[str] = ..., timestamp: _Optional[int] = ...) -> None: ...
        PEERDATAOPERATIONREQUESTTYPE_FIELD_NUMBER: _ClassVar[int]
        REQUESTSTICKERREUPLOAD_FIELD_NUMBER: _ClassVar[int]
        REQUESTURLPREVIEW_FIELD_NUMBER: _ClassVar[int]
        HISTORYSYNCONDEMANDREQUEST_FIELD_NUMBER: _ClassVar[int]
        PLACEHOLDERMESSAGERESENDREQUEST_FIELD_NUMBER: _ClassVar[int]
        FULLHISTORYSYNCONDEMANDREQUEST_FIELD_NUMBER: _ClassVar[int]
        SYNCDCOLLECTIONFATALRECOVERYREQUEST_FIELD_NUMBER: _ClassVar[int]
        HISTORYSYNCCHUNKRETRYREQUEST_FIELD_NUMBER: _ClassVar[int]
        GALAXYFLOWACTION_FIELD_NUMBER: _ClassVar[int]
        peerDataOperationRequestType: Message.PeerDataOperationRequestType
        requestStickerReupload: _containers.RepeatedCompositeFieldContainer[Message.PeerDataOperationRequestMessage.RequestStickerReupload]
        requestUrlPreview: _containers.RepeatedCompositeFieldContainer[Message.PeerDataOperationRequestMessage.RequestUrlPreview]
        historySyncOnDemandRequest: Message.PeerDataOperationRequestMessage.HistorySyncOnDemandRequest
        placeholderMessageResendRequest: _containers.RepeatedCompositeFieldContainer[Message.PeerDataOperationRequestMessage.PlaceholderMessageResendRequest]
        fullHistorySyncOnDemandRequest: Message.PeerDataOperationRequestMessage.FullHistorySyncOnDemandRequest
        syncdCollectionFatalRecoveryRequest: Message.PeerDataOperationRequestMessage.SyncDCollectionFatalRecoveryRequest
        historySyncChunkRetryRequest: Message.PeerDataOperationRequestMessage.HistorySyncChunkRetryRequest
        galaxyFlowAction: Message.PeerDataOperationRequestMessage.GalaxyFlowAction
        def __init__(self, peerDataOperationRequestType: _Optional[_Union[Message.PeerDataOperationRequestType, str]] = ..., requestStickerReupload: _Optional[_Iterable[_Union[Message.PeerDataOperationRequestMessage.RequestStickerReupload, _Mapping]]] = ..., requestUrlPreview: _Optional[_Iterable[_Union[Message.PeerDataOperationRequestMessage.RequestUrlPreview, _Mapping]]] = ..., historySyncOnDemandRequest: _Optional[_Union[Message.PeerDataOperationRequestMessage.HistorySyncOnDemandRequest, _Mapping]] = ..., placeholderMessageResendRequest: _Optional[_Iterable[_Union[Message.PeerDataOperationRequestMessage.PlaceholderMessageResendRequest, _Mapping]]] = ..., fullHistorySyncOnDemandRequest: _Optional[_Union[Message.PeerDataOperationRequestMessage.FullHistorySyncOnDemandRequest, _Mapping]] = ..., syncdCollectionFatalRecoveryRequest: _Optional[_Union[Message.PeerDataOperationRequestMessage.SyncDCollectionFatalRecoveryRequest, _Mapping]] = ..., historySyncChunkRetryRequest: _Optional[_Union[Message.PeerDataOperationRequestMessage.HistorySyncChunkRetryRequest, _Mapping]] = ..., galaxyFlowAction: _Optional[_Union[Message.PeerDataOperationRequestMessage.GalaxyFlowAction, _Mapping]] = ...) -> None: ...
    class PeerDataOperationRequestResponseMessage(_message.Message):
        __slots__ = ("peerDataOperationRequestType", "stanzaId", "peerDataOperationResult")
        class PeerDataOperationResult(_message.Message):
            __slots__ = ("mediaUploadResult", "stickerMessage", "linkPreviewResponse", "placeholderMessageResendResponse", "waffleNonceFetchRequestResponse", "fullHistorySyncOnDemandRequestResponse", "companionMetaNonceFetchRequestResponse", "syncdSnapshotFatalRecoveryResponse", "companionCanonicalUserNonceFetchRequestResponse", "historySyncChunkRetryResponse")
            class FullHistorySyncOnDemandResponseCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                REQUEST_SUCCESS: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                REQUEST_TIME_EXPIRED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                DECLINED_SHARING_HISTORY: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                GENERIC_ERROR: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                ERROR_REQUEST_ON_NON_SMB_PRIMARY: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                ERROR_HOSTED_DEVICE_NOT_CONNECTED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                ERROR_HOSTED_DEVICE_LOGIN_TIME_NOT_SET: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
                ERROR_MULTI_PROVIDER_NOT_CONFIGURED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode]
            REQUEST_SUCCESS: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            REQUEST_TIME_EXPIRED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            DECLINED_SHARING_HISTORY: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            GENERIC_ERROR: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            ERROR_REQUEST_ON_NON_SMB_PRIMARY: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            ERROR_HOSTED_DEVICE_NOT_CONNECTED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            ERROR_HOSTED_DEVICE_LOGIN_TIME_NOT_SET: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            ERROR_MULTI_PROVIDER_NOT_CONFIGURED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
            class HistorySyncChunkRetryResponseCode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                GENERATION_ERROR: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
                CHUNK_CONSUMED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
                TIMEOUT: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
                SESSION_EXHAUSTED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
                CHUNK_EXHAUSTED: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
                DUPLICATED_REQUEST: _ClassVar[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode]
            GENERATION_ERROR: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            CHUNK_CONSUMED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            TIMEOUT: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            SESSION_EXHAUSTED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            CHUNK_EXHAUSTED: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            DUPLICATED_REQUEST: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
            class CompanionCanonicalUserNonceFetchResponse(_message.Message):
                __slots__ = ("nonce", "waFbid", "forceRefresh")
                NONCE_FIELD_NUMBER: _ClassVar[int]
                WAFBID_FIELD_NUMBER: _ClassVar[int]
                FORCEREFRESH_FIELD_NUMBER: _ClassVar[int]
                nonce: str
                waFbid: str
                forceRefresh: bool
                def __init__(self, nonce: _Optional[str] = ..., waFbid: _Optional[str] = ..., forceRefresh: _Optional[bool] = ...) -> None: ...
            class CompanionMetaNonceFetchResponse(_message.Message):
                __slots__ = ("nonce",)
                NONCE_FIELD_NUMBER: _ClassVar[int]
                nonce: str
                def __init__(self, nonce: _Optional[str] = ...) -> None: ...
            class FullHistorySyncOnDemandRequestResponse(_message.Message):
                __slots__ = ("requestMetadata", "responseCode")
                REQUESTMETADATA_FIELD_NUMBER: _ClassVar[int]
                RESPONSECODE_FIELD_NUMBER: _ClassVar[int]
                requestMetadata: Message.FullHistorySyncOnDemandRequestMetadata
                responseCode: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode
                def __init__(self, requestMetadata: _Optional[_Union[Message.FullHistorySyncOnDemandRequestMetadata, _Mapping]] = ..., responseCode: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandResponseCode, str]] = ...) -> None: ...
            class HistorySyncChunkRetryResponse(_message.Message):
                __slots__ = ("syncType", "chunkOrder", "requestId", "responseCode", "canRecover")
                SYNCTYPE_FIELD_NUMBER: _ClassVar[int]
                CHUNKORDER_FIELD_NUMBER: _ClassVar[int]
                REQUESTID_FIELD_NUMBER: _ClassVar[int]
                RESPONSECODE_FIELD_NUMBER: _ClassVar[int]
                CANRECOVER_FIELD_NUMBER: _ClassVar[int]
                syncType: Message.HistorySyncType
                chunkOrder: int
                requestId: str
                responseCode: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode
                canRecover: bool
                def __init__(self, syncType: _Optional[_Union[Message.HistorySyncType, str]] = ..., chunkOrder: _Optional[int] = ..., requestId: _Optional[str] = ..., responseCode: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponseCode, str]] = ..., canRecover: _Optional[bool] = ...) -> None: ...
            class LinkPreviewResponse(_message.Message):
                __slots__ = ("url", "title", "description", "thumbData", "matchText", "previewType", "hqThumbnail", "previewMetadata")
                class LinkPreviewHighQualityThumbnail(_message.Message):
                    __slots__ = ("directPath", "thumbHash", "encThumbHash", "mediaKey", "mediaKeyTimestampMs", "thumbWidth", "thumbHeight")
                    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
                    THUMBHASH_FIELD_NUMBER: _ClassVar[int]
                    ENCTHUMBHASH_FIELD_NUMBER: _ClassVar[int]
                    MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
                    MEDIAKEYTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
                    THUMBWIDTH_FIELD_NUMBER: _ClassVar[int]
                    THUMBHEIGHT_FIELD_NUMBER: _ClassVar[int]
                    directPath: str
                    thumbHash: str
                    encThumbHash: str
                    mediaKey: bytes
                    mediaKeyTimestampMs: int
                    thumbWidth: int
                    thumbHeight: int
                    def __init__(self, directPath: _Optional[str] = ..., thumbHash: _Optional[str] = ..., encThumbHash: _Optional[str] = ..., mediaKey: _Optional[bytes] = ..., mediaKeyTimestampMs: _Optional[int] = ..., thumbWidth: _Optional[int] = ..., thumbHeight: _Optional[int] = ...) -> None: ...
                class PaymentLinkPreviewMetadata(_message.Message):
                    __slots__ = ("isBusinessVerified", "providerName", "amount", "offset", "currency")
                    ISBUSINESSVERIFIED_FIELD_NUMBER: _ClassVar[int]
                    PROVIDERNAME_FIELD_NUMBER: _ClassVar[int]
                    AMOUNT_FIELD_NUMBER: _ClassVar[int]
                    OFFSET_FIELD_NUMBER: _ClassVar[int]
                    CURRENCY_FIELD_NUMBER: _ClassVar[int]
                    isBusinessVerified: bool
                    providerName: str
                    amount: str
                    offset: str
                    currency: str
                    def __init__(self, isBusinessVerified: _Optional[bool] = ..., providerName: _Optional[str] = ..., amount: _Optional[str] = ..., offset: _Optional[str] = ..., currency: _Optional[str] = ...) -> None: ...
                URL_FIELD_NUMBER: _ClassVar[int]
                TITLE_FIELD_NUMBER: _ClassVar[int]
                DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
                THUMBDATA_FIELD_NUMBER: _ClassVar[int]
                MATCHTEXT_FIELD_NUMBER: _ClassVar[int]
                PREVIEWTYPE_FIELD_NUMBER: _ClassVar[int]
                HQTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
                PREVIEWMETADATA_FIELD_NUMBER: _ClassVar[int]
                url: str
                title: str
                description: str
                thumbData: bytes
                matchText: str
                previewType: str
                hqThumbnail: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse.LinkPreviewHighQualityThumbnail
                previewMetadata: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse.PaymentLinkPreviewMetadata
                def __init__(self, url: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., thumbData: _Optional[bytes] = ..., matchText: _Optional[str] = ..., previewType: _Optional[str] = ..., hqThumbnail: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse.LinkPreviewHighQualityThumbnail, _Mapping]] = ..., previewMetadata: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse.PaymentLinkPreviewMetadata, _Mapping]] = ...) -> None: ...
            class PlaceholderMessageResendResponse(_message.Message):
                __slots__ = ("webMessageInfoBytes",)
                WEBMESSAGEINFOBYTES_FIELD_NUMBER: _ClassVar[int]
                webMessageInfoBytes: bytes
                def __init__(self, webMessageInfoBytes: _Optional[bytes] = ...) -> None: ...
            class SyncDSnapshotFatalRecoveryResponse(_message.Message):
                __slots__ = ("collectionSnapshot", "isCompressed")
                COLLECTIONSNAPSHOT_FIELD_NUMBER: _ClassVar[int]
                ISCOMPRESSED_FIELD_NUMBER: _ClassVar[int]
                collectionSnapshot: bytes
                isCompressed: bool
                def __init__(self, collectionSnapshot: _Optional[bytes] = ..., isCompressed: _Optional[bool] = ...) -> None: ...
            class WaffleNonceFetchResponse(_message.Message):
                __slots__ = ("nonce", "waEntFbid")
                NONCE_FIELD_NUMBER: _ClassVar[int]
                WAENTFBID_FIELD_NUMBER: _ClassVar[int]
                nonce: str
                waEntFbid: str
                def __init__(self, nonce: _Optional[str] = ..., waEntFbid: _Optional[str] = ...) -> None: ...
            MEDIAUPLOADRESULT_FIELD_NUMBER: _ClassVar[int]
            STICKERMESSAGE_FIELD_NUMBER: _ClassVar[int]
            LINKPREVIEWRESPONSE_FIELD_NUMBER: _ClassVar[int]
            PLACEHOLDERMESSAGERESENDRESPONSE_FIELD_NUMBER: _ClassVar[int]
            WAFFLENONCEFETCHREQUESTRESPONSE_FIELD_NUMBER: _ClassVar[int]
            FULLHISTORYSYNCONDEMANDREQUESTRESPONSE_FIELD_NUMBER: _ClassVar[int]
            COMPANIONMETANONCEFETCHREQUESTRESPONSE_FIELD_NUMBER: _ClassVar[int]
            SYNCDSNAPSHOTFATALRECOVERYRESPONSE_FIELD_NUMBER: _ClassVar[int]
            COMPANIONCANONICALUSERNONCEFETCHREQUESTRESPONSE_FIELD_NUMBER: _ClassVar[int]
            HISTORYSYNCCHUNKRETRYRESPONSE_FIELD_NUMBER: _ClassVar[int]
            mediaUploadResult: MediaRetryNotification.ResultType
            stickerMessage: Message.StickerMessage
            linkPreviewResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse
            placeholderMessageResendResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.PlaceholderMessageResendResponse
            waffleNonceFetchRequestResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.WaffleNonceFetchResponse
            fullHistorySyncOnDemandRequestResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandRequestResponse
            companionMetaNonceFetchRequestResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.CompanionMetaNonceFetchResponse
            syncdSnapshotFatalRecoveryResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.SyncDSnapshotFatalRecoveryResponse
            companionCanonicalUserNonceFetchRequestResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.CompanionCanonicalUserNonceFetchResponse
            historySyncChunkRetryResponse: Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponse
            def __init__(self, mediaUploadResult: _Optional[_Union[MediaRetryNotification.ResultType, str]] = ..., stickerMessage: _Optional[_Union[Message.StickerMessage, _Mapping]] = ..., linkPreviewResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.LinkPreviewResponse, _Mapping]] = ..., placeholderMessageResendResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.PlaceholderMessageResendResponse, _Mapping]] = ..., waffleNonceFetchRequestResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.WaffleNonceFetchResponse, _Mapping]] = ..., fullHistorySyncOnDemandRequestResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.FullHistorySyncOnDemandRequestResponse, _Mapping]] = ..., companionMetaNonceFetchRequestResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.CompanionMetaNonceFetchResponse, _Mapping]] = ..., syncdSnapshotFatalRecoveryResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.SyncDSnapshotFatalRecoveryResponse, _Mapping]] = ..., companionCanonicalUserNonceFetchRequestResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.CompanionCanonicalUserNonceFetchResponse, _Mapping]] = ..., historySyncChunkRetryResponse: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult.HistorySyncChunkRetryResponse, _Mapping]] = ...) -> None: ...
        PEERDATAOPERATIONREQUESTTYPE_FIELD_NUMBER: _ClassVar[int]
        STANZAID_FIELD_NUMBER: _ClassVar[int]
        PEERDATAOPERATIONRESULT_FIELD_NUMBER: _ClassVar[int]
        peerDataOperationRequestType: Message.PeerDataOperationRequestType
        stanzaId: str
        peerDataOperationResult: _containers.RepeatedCompositeFieldContainer[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult]
        def __init__(self, peerDataOperationRequestType: _Optional[_Union[Message.PeerDataOperationRequestType, str]] = ..., stanzaId: _Optional[str] = ..., peerDataOperationResult: _Optional[_Iterable[_Union[Message.PeerDataOperationRequestResponseMessage.PeerDataOperationResult, _Mapping]]] = ...) -> None: ...
    class PinInChatMessage(_message.Message):
        __slots__ = ("key", "type", "senderTimestampMs")
        class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN_TYPE: _ClassVar[Message.PinInChatMessage.Type]
            PIN_FOR_ALL: _ClassVar[Message.PinInChatMessage.Type]
            UNPIN_FOR_ALL: _ClassVar[Message.PinInChatMessage.Type]
        UNKNOWN_TYPE: Message.PinInChatMessage.Type
        PIN_FOR_ALL: Message.PinInChatMessage.Type
        UNPIN_FOR_ALL: Message.PinInChatMessage.Type
        KEY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        type: Message.PinInChatMessage.Type
        senderTimestampMs: int
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., type: _Optional[_Union[Message.PinInChatMessage.Type, str]] = ..., senderTimestampMs: _Optional[int] = ...) -> None: ...
    class PlaceholderMessage(_message.Message):
        __slots__ = ("type",)
        class PlaceholderType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            MASK_LINKED_DEVICES: _ClassVar[Message.PlaceholderMessage.PlaceholderType]
        MASK_LINKED_DEVICES: Message.PlaceholderMessage.PlaceholderType
        TYPE_FIELD_NUMBER: _ClassVar[int]
        type: Message.PlaceholderMessage.PlaceholderType
        def __init__(self, type: _Optional[_Union[Message.PlaceholderMessage.PlaceholderType, str]] = ...) -> None: ...
    class PollCreationMessage(_message.Message):
        __slots__ = ("encKey", "name", "options", "selectableOptionsCount", "contextInfo", "pollContentType", "pollType", "correctAnswer", "endTime", "hideParticipantName", "allowAddOption")
        class Option(_message.Message):
            __slots__ = ("optionName", "optionHash")
            OPTIONNAME_FIELD_NUMBER: _ClassVar[int]
            OPTIONHASH_FIELD_NUMBER: _ClassVar[int]
            optionName: str
            optionHash: str
            def __init__(self, optionName: _Optional[str] = ..., optionHash: _Optional[str] = ...) -> None: ...
        ENCKEY_FIELD_NUMBER: _ClassVar[int]
        NAME_FIELD_NUMBER: _ClassVar[int]
        OPTIONS_FIELD_NUMBER: _ClassVar[int]
        SELECTABLEOPTIONSCOUNT_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        POLLCONTENTTYPE_FIELD_NUMBER: _ClassVar[int]
        POLLTYPE_FIELD_NUMBER: _ClassVar[int]
        CORRECTANSWER_FIELD_NUMBER: _ClassVar[int]
        ENDTIME_FIELD_NUMBER: _ClassVar[int]
        HIDEPARTICIPANTNAME_FIELD_NUMBER: _ClassVar[int]
        ALLOWADDOPTION_FIELD_NUMBER: _ClassVar[int]
        encKey: bytes
        name: str
        options: _containers.RepeatedCompositeFieldContainer[Message.PollCreationMessage.Option]
        selectableOptionsCount: int
        contextInfo: ContextInfo
        pollContentType: Message.PollContentType
        pollType: Message.PollType
        correctAnswer: Message.PollCreationMessage.Option
        endTime: int
        hideParticipantName: bool
        allowAddOption: bool
        def __init__(self, encKey: _Optional[bytes] = ..., name: _Optional[str] = ..., options: _Optional[_Iterable[_Union[Message.PollCreationMessage.Option, _Mapping]]] = ..., selectableOptionsCount: _Optional[int] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., pollContentType: _Optional[_Union[Message.PollContentType, str]] = ..., pollType: _Optional[_Union[Message.PollType, str]] = ..., correctAnswer: _Optional[_Union[Message.PollCreationMessage.Option, _Mapping]] = ..., endTime: _Optional[int] = ..., hideParticipantName: _Optional[bool] = ..., allowAddOption: _Optional[bool] = ...) -> None: ...
    class PollEncValue(_message.Message):
        __slots__ = ("encPayload", "encIv")
        ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        ENCIV_FIELD_NUMBER: _ClassVar[int]
        encPayload: bytes
        encIv: bytes
        def __init__(self, encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ...) -> None: ...
    class PollResultSnapshotMessage(_message.Message):
        __slots__ = ("name", "pollVotes", "contextInfo", "pollType")
        class PollVote(_message.Message):
            __slots__ = ("optionName", "optionVoteCount")
            OPTIONNAME_FIELD_NUMBER: _ClassVar[int]
            OPTIONVOTECOUNT_FIELD_NUMBER: _ClassVar[int]
            optionName: str
            optionVoteCount: int
            def __init__(self, optionName: _Optional[str] = ..., optionVoteCount: _Optional[int] = ...) -> None: ...
        NAME_FIELD_NUMBER: _ClassVar[int]
        POLLVOTES_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        POLLTYPE_FIELD_NUMBER: _ClassVar[int]
        name: str
        pollVotes: _containers.RepeatedCompositeFieldContainer[Message.PollResultSnapshotMessage.PollVote]
        contextInfo: ContextInfo
        pollType: Message.PollType
        def __init__(self, name: _Optional[str] = ..., pollVotes: _Optional[_Iterable[_Union[Message.PollResultSnapshotMessage.PollVote, _Mapping]]] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., pollType: _Optional[_Union[Message.PollType, str]] = ...) -> None: ...
    class PollUpdateMessage(_message.Message):
        __slots__ = ("pollCreationMessageKey", "vote", "metadata", "senderTimestampMs")
        POLLCREATIONMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        VOTE_FIELD_NUMBER: _ClassVar[int]
        METADATA_FIELD_NUMBER: _ClassVar[int]
        SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        pollCreationMessageKey: _wa_common_pb2.MessageKey
        vote: Message.PollEncValue
        metadata: Message.PollUpdateMessageMetadata
        senderTimestampMs: int
        def __init__(self, pollCreationMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., vote: _Optional[_Union[Message.PollEncValue, _Mapping]] = ..., metadata: _Optional[_Union[Message.PollUpdateMessageMetadata, _Mapping]] = ..., senderTimestampMs: _Optional[int] = ...) -> None: ...
    class PollUpdateMessageMetadata(_message.Message):
        __slots__ = ("pollNameHash", "lastEditStanzaID")
        POLLNAMEHASH_FIELD_NUMBER: _ClassVar[int]
        LASTEDITSTANZAID_FIELD_NUMBER: _ClassVar[int]
        pollNameHash: bytes
        lastEditStanzaID: str
        def __init__(self, pollNameHash: _Optional[bytes] = ..., lastEditStanzaID: _Optional[str] = ...) -> None: ...
    class PollVoteMessage(_message.Message):
        __slots__ = ("selectedOptions",)
        SELECTEDOPTIONS_FIELD_NUMBER: _ClassVar[int]
        selectedOptions: _containers.RepeatedScalarFieldContainer[bytes]
        def __init__(self, selectedOptions: _Optional[_Iterable[bytes]] = ...) -> None: ...
    class ProductMessage(_message.Message):
        __slots__ = ("product", "businessOwnerJid", "catalog", "body", "footer", "contextInfo")
        class CatalogSnapshot(_message.Message):
            __slots__ = ("catalogImage", "title", "description")
            CATALOGIMAGE_FIELD_NUMBER: _ClassVar[int]
            TITLE_FIELD_NUMBER: _ClassVar[int]
            DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
            catalogImage: Message.ImageMessage
            title: str
            description: str
            def __init__(self, catalogImage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., title: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...
        class ProductSnapshot(_message.Message):
            __slots__ = ("productImage", "productId", "title", "description", "currencyCode", "priceAmount1000", "retailerId", "url", "productImageCount", "firstImageId", "salePriceAmount1000", "signedUrl")
            PRODUCTIMAGE_FIELD_NUMBER: _ClassVar[int]
            PRODUCTID_FIELD_NUMBER: _ClassVar[int]
            TITLE_FIELD_NUMBER: _ClassVar[int]
            DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
            CURRENCYCODE_FIELD_NUMBER: _ClassVar[int]
            PRICEAMOUNT1000_FIELD_NUMBER: _ClassVar[int]
            RETAILERID_FIELD_NUMBER: _ClassVar[int]
            URL_FIELD_NUMBER: _ClassVar[int]
            PRODUCTIMAGECOUNT_FIELD_NUMBER: _ClassVar[int]
            FIRSTIMAGEID_FIELD_NUMBER: _ClassVar[int]
            SALEPRICEAMOUNT1000_FIELD_NUMBER: _ClassVar[int]
            SIGNEDURL_FIELD_NUMBER: _ClassVar[int]
            productImage: Message.ImageMessage
            productId: str
            title: str
            description: str
            currencyCode: str
            priceAmount1000: int
            retailerId: str
            url: str
            productImageCount: int
            firstImageId: str
            salePriceAmount1000: int
            signedUrl: str
            def __init__(self, productImage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., productId: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., currencyCode: _Optional[str] = ..., priceAmount1000: _Optional[int] = ..., retailerId: _Optional[str] = ..., url: _Optional[str] = ..., productImageCount: _Optional[int] = ..., firstImageId: _Optional[str] = ..., salePriceAmount1000: _Optional[int] = ..., signedUrl: _Optional[str] = ...) -> None: ...
        PRODUCT_FIELD_NUMBER: _ClassVar[int]
        BUSINESSOWNERJID_FIELD_NUMBER: _ClassVar[int]
        CATALOG_FIELD_NUMBER: _ClassVar[int]
        BODY_FIELD_NUMBER: _ClassVar[int]
        FOOTER_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        product: Message.ProductMessage.ProductSnapshot
        businessOwnerJid: str
        catalog: Message.ProductMessage.CatalogSnapshot
        body: str
        footer: str
        contextInfo: ContextInfo
        def __init__(self, product: _Optional[_Union[Message.ProductMessage.ProductSnapshot, _Mapping]] = ..., businessOwnerJid: _Optional[str] = ..., catalog: _Optional[_Union[Message.ProductMessage.CatalogSnapshot, _Mapping]] = ..., body: _Optional[str] = ..., footer: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class ProtocolMessage(_message.Message):
        __slots__ = ("key", "type", "ephemeralExpiration", "ephemeralSettingTimestamp", "historySyncNotification", "appStateSyncKeyShare", "appStateSyncKeyRequest", "initialSecurityNotificationSettingSync", "appStateFatalExceptionNotification", "disappearingMode", "editedMessage", "timestampMs", "peerDataOperationRequestMessage", "peerDataOperationRequestResponseMessage", "botFeedbackMessage", "invokerJid", "requestWelcomeMessageMetadata", "mediaNotifyMessage", "cloudApiThreadControlNotification", "lidMigrationMappingSyncMessage", "limitSharing", "aiPsiMetadata", "aiQueryFanout", "memberLabel", "afterReadDuration")
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
            CLOUD_API_THREAD_CONTROL_NOTIFICATION: _ClassVar[Message.ProtocolMessage.Type]
            LID_MIGRATION_MAPPING_SYNC: _ClassVar[Message.ProtocolMessage.Type]
            REMINDER_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            BOT_MEMU_ONBOARDING_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            STATUS_MENTION_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            STOP_GENERATION_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            LIMIT_SHARING: _ClassVar[Message.ProtocolMessage.Type]
            AI_PSI_METADATA: _ClassVar[Message.ProtocolMessage.Type]
            AI_QUERY_FANOUT: _ClassVar[Message.ProtocolMessage.Type]
            GROUP_MEMBER_LABEL_CHANGE: _ClassVar[Message.ProtocolMessage.Type]
            AI_MEDIA_COLLECTION_MESSAGE: _ClassVar[Message.ProtocolMessage.Type]
            MESSAGE_UNSCHEDULE: _ClassVar[Message.ProtocolMessage.Type]
            CHAT_THEME_SETTING: _ClassVar[Message.ProtocolMessage.Type]
            AI_METADATA_OPERATION: _ClassVar[Message.ProtocolMessage.Type]
            MARK_AS_VERIFIED_ACTION: _ClassVar[Message.ProtocolMessage.Type]
            COEX_STATE_SYNC: _ClassVar[Message.ProtocolMessage.Type]
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
        CLOUD_API_THREAD_CONTROL_NOTIFICATION: Message.ProtocolMessage.Type
        LID_MIGRATION_MAPPING_SYNC: Message.ProtocolMessage.Type
        REMINDER_MESSAGE: Message.ProtocolMessage.Type
        BOT_MEMU_ONBOARDING_MESSAGE: Message.ProtocolMessage.Type
        STATUS_MENTION_MESSAGE: Message.ProtocolMessage.Type
        STOP_GENERATION_MESSAGE: Message.ProtocolMessage.Type
        LIMIT_SHARING: Message.ProtocolMessage.Type
        AI_PSI_METADATA: Message.ProtocolMessage.Type
        AI_QUERY_FANOUT: Message.ProtocolMessage.Type
        GROUP_MEMBER_LABEL_CHANGE: Message.ProtocolMessage.Type
        AI_MEDIA_COLLECTION_MESSAGE: Message.ProtocolMessage.Type
        MESSAGE_UNSCHEDULE: Message.ProtocolMessage.Type
        CHAT_THEME_SETTING: Message.ProtocolMessage.Type
        AI_METADATA_OPERATION: Message.ProtocolMessage.Type
        MARK_AS_VERIFIED_ACTION: Message.ProtocolMessage.Type
        COEX_STATE_SYNC: Message.ProtocolMessage.Type
        KEY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        EPHEMERALEXPIRATION_FIELD_NUMBER: _ClassVar[int]
        EPHEMERALSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        HISTORYSYNCNOTIFICATION_FIELD_NUMBER: _ClassVar[int]
        APPSTATESYNCKEYSHARE_FIELD_NUMBER: _ClassVar[int]
        APPSTATESYNCKEYREQUEST_FIELD_NUMBER: _ClassVar[int]
        INITIALSECURITYNOTIFICATIONSETTINGSYNC_FIELD_NUMBER: _ClassVar[int]
        APPSTATEFATALEXCEPTIONNOTIFICATION_FIELD_NUMBER: _ClassVar[int]
        DISAPPEARINGMODE_FIELD_NUMBER: _ClassVar[int]
        EDITEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        PEERDATAOPERATIONREQUESTMESSAGE_FIELD_NUMBER: _ClassVar[int]
        PEERDATAOPERATIONREQUESTRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
        BOTFEEDBACKMESSAGE_FIELD_NUMBER: _ClassVar[int]
        INVOKERJID_FIELD_NUMBER: _ClassVar[int]
        REQUESTWELCOMEMESSAGEMETADATA_FIELD_NUMBER: _ClassVar[int]
        MEDIANOTIFYMESSAGE_FIELD_NUMBER: _ClassVar[int]
        CLOUDAPITHREADCONTROLNOTIFICATION_FIELD_NUMBER: _ClassVar[int]
        LIDMIGRATIONMAPPINGSYNCMESSAGE_FIELD_NUMBER: _ClassVar[int]
        LIMITSHARING_FIELD_NUMBER: _ClassVar[int]
        AIPSIMETADATA_FIELD_NUMBER: _ClassVar[int]
        AIQUERYFANOUT_FIELD_NUMBER: _ClassVar[int]
        MEMBERLABEL_FIELD_NUMBER: _ClassVar[int]
        AFTERREADDURATION_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        type: Message.ProtocolMessage.Type
        ephemeralExpiration: int
        ephemeralSettingTimestamp: int
        historySyncNotification: Message.HistorySyncNotification
        appStateSyncKeyShare: Message.AppStateSyncKeyShare
        appStateSyncKeyRequest: Message.AppStateSyncKeyRequest
        initialSecurityNotificationSettingSync: Message.InitialSecurityNotificationSettingSync
        appStateFatalExceptionNotification: Message.AppStateFatalExceptionNotification
        disappearingMode: DisappearingMode
        editedMessage: Message
        timestampMs: int
        peerDataOperationRequestMessage: Message.PeerDataOperationRequestMessage
        peerDataOperationRequestResponseMessage: Message.PeerDataOperationRequestResponseMessage
        botFeedbackMessage: _wa_bot_pb2.BotFeedbackMessage
        invokerJid: str
        requestWelcomeMessageMetadata: Message.RequestWelcomeMessageMetadata
        mediaNotifyMessage: MediaNotifyMessage
        cloudApiThreadControlNotification: Message.CloudAPIThreadControlNotification
        lidMigrationMappingSyncMessage: LIDMigrationMappingSyncMessage
        limitSharing: LimitSharing
        aiPsiMetadata: bytes
        aiQueryFanout: AIQueryFanout
        memberLabel: MemberLabel
        afterReadDuration: int
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., type: _Optional[_Union[Message.ProtocolMessage.Type, str]] = ..., ephemeralExpiration: _Optional[int] = ..., ephemeralSettingTimestamp: _Optional[int] = ..., historySyncNotification: _Optional[_Union[Message.HistorySyncNotification, _Mapping]] = ..., appStateSyncKeyShare: _Optional[_Union[Message.AppStateSyncKeyShare, _Mapping]] = ..., appStateSyncKeyRequest: _Optional[_Union[Message.AppStateSyncKeyRequest, _Mapping]] = ..., initialSecurityNotificationSettingSync: _Optional[_Union[Message.InitialSecurityNotificationSettingSync, _Mapping]] = ..., appStateFatalExceptionNotification: _Optional[_Union[Message.AppStateFatalExceptionNotification, _Mapping]] = ..., disappearingMode: _Optional[_Union[DisappearingMode, _Mapping]] = ..., editedMessage: _Optional[_Union[Message, _Mapping]] = ..., timestampMs: _Optional[int] = ..., peerDataOperationRequestMessage: _Optional[_Union[Message.PeerDataOperationRequestMessage, _Mapping]] = ..., peerDataOperationRequestResponseMessage: _Optional[_Union[Message.PeerDataOperationRequestResponseMessage, _Mapping]] = ..., botFeedbackMessage: _Optional[_Union[_wa_bot_pb2.BotFeedbackMessage, _Mapping]] = ..., invokerJid: _Optional[str] = ..., requestWelcomeMessageMetadata: _Optional[_Union[Message.RequestWelcomeMessageMetadata, _Mapping]] = ..., mediaNotifyMessage: _Optional[_Union[MediaNotifyMessage, _Mapping]] = ..., cloudApiThreadControlNotification: _Optional[_Union[Message.CloudAPIThreadControlNotification, _Mapping]] = ..., lidMigrationMappingSyncMessage: _Optional[_Union[LIDMigrationMappingSyncMessage, _Mapping]] = ..., limitSharing: _Optional[_Union[LimitSharing, _Mapping]] = ..., aiPsiMetadata: _Optional[bytes] = ..., aiQueryFanout: _Optional[_Union[AIQueryFanout, _Mapping]] = ..., memberLabel: _Optional[_Union[MemberLabel, _Mapping]] = ..., afterReadDuration: _Optional[int] = ...) -> None: ...
    class QuestionResponseMessage(_message.Message):
        __slots__ = ("key", "text")
        KEY_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        text: str
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., text: _Optional[str] = ...) -> None: ...
    class ReactionMessage(_message.Message):
        __slots__ = ("key", "text", "groupingKey", "senderTimestampMs")
        KEY_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        GROUPINGKEY_FIELD_NUMBER: _ClassVar[int]
        SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        text: str
        groupingKey: str
        senderTimestampMs: int
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., text: _Optional[str] = ..., groupingKey: _Optional[str] = ..., senderTimestampMs: _Optional[int] = ...) -> None: ...
    class RequestPaymentMessage(_message.Message):
        __slots__ = ("noteMessage", "currencyCodeIso4217", "amount1000", "requestFrom", "expiryTimestamp", "amount", "background")
        NOTEMESSAGE_FIELD_NUMBER: _ClassVar[int]
        CURRENCYCODEISO4217_FIELD_NUMBER: _ClassVar[int]
        AMOUNT1000_FIELD_NUMBER: _ClassVar[int]
        REQUESTFROM_FIELD_NUMBER: _ClassVar[int]
        EXPIRYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        AMOUNT_FIELD_NUMBER: _ClassVar[int]
        BACKGROUND_FIELD_NUMBER: _ClassVar[int]
        noteMessage: Message
        currencyCodeIso4217: str
        amount1000: int
        requestFrom: str
        expiryTimestamp: int
        amount: Money
        background: PaymentBackground
        def __init__(self, noteMessage: _Optional[_Union[Message, _Mapping]] = ..., currencyCodeIso4217: _Optional[str] = ..., amount1000: _Optional[int] = ..., requestFrom: _Optional[str] = ..., expiryTimestamp: _Optional[int] = ..., amount: _Optional[_Union[Money, _Mapping]] = ..., background: _Optional[_Union[PaymentBackground, _Mapping]] = ...) -> None: ...
    class RequestPhoneNumberMessage(_message.Message):
        __slots__ = ("contextInfo",)
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        contextInfo: ContextInfo
        def __init__(self, contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ...) -> None: ...
    class RequestWelcomeMessageMetadata(_message.Message):
        __slots__ = ("localChatState",)
        class LocalChatState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            EMPTY: _ClassVar[Message.RequestWelcomeMessageMetadata.LocalChatState]
            NON_EMPTY: _ClassVar[Message.RequestWelcomeMessageMetadata.LocalChatState]
        EMPTY: Message.RequestWelcomeMessageMetadata.LocalChatState
        NON_EMPTY: Message.RequestWelcomeMessageMetadata.LocalChatState
        LOCALCHATSTATE_FIELD_NUMBER: _ClassVar[int]
        localChatState: Message.RequestWelcomeMessageMetadata.LocalChatState
        def __init__(self, localChatState: _Optional[_Union[Message.RequestWelcomeMessageMetadata.LocalChatState, str]] = ...) -> None: ...
    class ScheduledCallCreationMessage(_message.Message):
        __slots__ = ("scheduledTimestampMs", "callType", "title")
        class CallType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ScheduledCallCreationMessage.CallType]
            VOICE: _ClassVar[Message.ScheduledCallCreationMessage.CallType]
            VIDEO: _ClassVar[Message.ScheduledCallCreationMessage.CallType]
        UNKNOWN: Message.ScheduledCallCreationMessage.CallType
        VOICE: Message.ScheduledCallCreationMessage.CallType
        VIDEO: Message.ScheduledCallCreationMessage.CallType
        SCHEDULEDTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
        CALLTYPE_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        scheduledTimestampMs: int
        callType: Message.ScheduledCallCreationMessage.CallType
        title: str
        def __init__(self, scheduledTimestampMs: _Optional[int] = ..., callType: _Optional[_Union[Message.ScheduledCallCreationMessage.CallType, str]] = ..., title: _Optional[str] = ...) -> None: ...
    class ScheduledCallEditMessage(_message.Message):
        __slots__ = ("key", "editType")
        class EditType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.ScheduledCallEditMessage.EditType]
            CANCEL: _ClassVar[Message.ScheduledCallEditMessage.EditType]
        UNKNOWN: Message.ScheduledCallEditMessage.EditType
        CANCEL: Message.ScheduledCallEditMessage.EditType
        KEY_FIELD_NUMBER: _ClassVar[int]
        EDITTYPE_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        editType: Message.ScheduledCallEditMessage.EditType
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., editType: _Optional[_Union[Message.ScheduledCallEditMessage.EditType, str]] = ...) -> None: ...
    class SecretEncryptedMessage(_message.Message):
        __slots__ = ("targetMessageKey", "encPayload", "encIv", "secretEncType", "remoteKeyID")
        class SecretEncType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
            EVENT_EDIT: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
            MESSAGE_EDIT: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
            MESSAGE_SCHEDULE: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
            POLL_EDIT: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
            POLL_ADD_OPTION: _ClassVar[Message.SecretEncryptedMessage.SecretEncType]
        UNKNOWN: Message.SecretEncryptedMessage.SecretEncType
        EVENT_EDIT: Message.SecretEncryptedMessage.SecretEncType
        MESSAGE_EDIT: Message.SecretEncryptedMessage.SecretEncType
        MESSAGE_SCHEDULE: Message.SecretEncryptedMessage.SecretEncType
        POLL_EDIT: Message.SecretEncryptedMessage.SecretEncType
        POLL_ADD_OPTION: Message.SecretEncryptedMessage.SecretEncType
        TARGETMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
        ENCIV_FIELD_NUMBER: _ClassVar[int]
        SECRETENCTYPE_FIELD_NUMBER: _ClassVar[int]
        REMOTEKEYID_FIELD_NUMBER: _ClassVar[int]
        targetMessageKey: _wa_common_pb2.MessageKey
        encPayload: bytes
        encIv: bytes
        secretEncType: Message.SecretEncryptedMessage.SecretEncType
        remoteKeyID: str
        def __init__(self, targetMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ..., secretEncType: _Optional[_Union[Message.SecretEncryptedMessage.SecretEncType, str]] = ..., remoteKeyID: _Optional[str] = ...) -> None: ...
    class SendPaymentMessage(_message.Message):
        __slots__ = ("noteMessage", "requestMessageKey", "background", "transactionData")
        NOTEMESSAGE_FIELD_NUMBER: _ClassVar[int]
        REQUESTMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        BACKGROUND_FIELD_NUMBER: _ClassVar[int]
        TRANSACTIONDATA_FIELD_NUMBER: _ClassVar[int]
        noteMessage: Message
        requestMessageKey: _wa_common_pb2.MessageKey
        background: PaymentBackground
        transactionData: str
        def __init__(self, noteMessage: _Optional[_Union[Message, _Mapping]] = ..., requestMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., background: _Optional[_Union[PaymentBackground, _Mapping]] = ..., transactionData: _Optional[str] = ...) -> None: ...
    class SenderKeyDistributionMessage(_message.Message):
        __slots__ = ("groupId", "axolotlSenderKeyDistributionMessage")
        GROUPID_FIELD_NUMBER: _ClassVar[int]
        AXOLOTLSENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
        groupId: str
        axolotlSenderKeyDistributionMessage: bytes
        def __init__(self, groupId: _Optional[str] = ..., axolotlSenderKeyDistributionMessage: _Optional[bytes] = ...) -> None: ...
    class StatusNotificationMessage(_message.Message):
        __slots__ = ("responseMessageKey", "originalMessageKey", "type")
        class StatusNotificationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.StatusNotificationMessage.StatusNotificationType]
            STATUS_ADD_YOURS: _ClassVar[Message.StatusNotificationMessage.StatusNotificationType]
            STATUS_RESHARE: _ClassVar[Message.StatusNotificationMessage.StatusNotificationType]
            STATUS_QUESTION_ANSWER_RESHARE: _ClassVar[Message.StatusNotificationMessage.StatusNotificationType]
            STATUS_GROUP_STATUS_REPLY: _ClassVar[Message.StatusNotificationMessage.StatusNotificationType]
        UNKNOWN: Message.StatusNotificationMessage.StatusNotificationType
        STATUS_ADD_YOURS: Message.StatusNotificationMessage.StatusNotificationType
        STATUS_RESHARE: Message.StatusNotificationMessage.StatusNotificationType
        STATUS_QUESTION_ANSWER_RESHARE: Message.StatusNotificationMessage.StatusNotificationType
        STATUS_GROUP_STATUS_REPLY: Message.StatusNotificationMessage.StatusNotificationType
        RESPONSEMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        ORIGINALMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        responseMessageKey: _wa_common_pb2.MessageKey
        originalMessageKey: _wa_common_pb2.MessageKey
        type: Message.StatusNotificationMessage.StatusNotificationType
        def __init__(self, responseMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., originalMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., type: _Optional[_Union[Message.StatusNotificationMessage.StatusNotificationType, str]] = ...) -> None: ...
    class StatusQuestionAnswerMessage(_message.Message):
        __slots__ = ("key", "text")
        KEY_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        text: str
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., text: _Optional[str] = ...) -> None: ...
    class StatusQuotedMessage(_message.Message):
        __slots__ = ("type", "text", "thumbnail", "originalStatusId")
        class StatusQuotedMessageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            QUESTION_ANSWER: _ClassVar[Message.StatusQuotedMessage.StatusQuotedMessageType]
        QUESTION_ANSWER: Message.StatusQuotedMessage.StatusQuotedMessageType
        TYPE_FIELD_NUMBER: _ClassVar[int]
        TEXT_FIELD_NUMBER: _ClassVar[int]
        THUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        ORIGINALSTATUSID_FIELD_NUMBER: _ClassVar[int]
        type: Message.StatusQuotedMessage.StatusQuotedMessageType
        text: str
        thumbnail: bytes
        originalStatusId: _wa_common_pb2.MessageKey
        def __init__(self, type: _Optional[_Union[Message.StatusQuotedMessage.StatusQuotedMessageType, str]] = ..., text: _Optional[str] = ..., thumbnail: _Optional[bytes] = ..., originalStatusId: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...
    class StatusStickerInteractionMessage(_message.Message):
        __slots__ = ("key", "stickerKey", "type")
        class StatusStickerType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[Message.StatusStickerInteractionMessage.StatusStickerType]
            REACTION: _ClassVar[Message.StatusStickerInteractionMessage.StatusStickerType]
        UNKNOWN: Message.StatusStickerInteractionMessage.StatusStickerType
        REACTION: Message.StatusStickerInteractionMessage.StatusStickerType
        KEY_FIELD_NUMBER: _ClassVar[int]
        STICKERKEY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        stickerKey: str
        type: Message.StatusStickerInteractionMessage.StatusStickerType
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., stickerKey: _Optional[str] = ..., type: _Optional[_Union[Message.StatusStickerInteractionMessage.StatusStickerType, str]] = ...) -> None: ...
    class StickerMessage(_message.Message):
        __slots__ = ("url", "fileSha256", "fileEncSha256", "mediaKey", "mimetype", "height", "width", "directPath", "fileLength", "mediaKeyTimestamp", "firstFrameLength", "firstFrameSidecar", "isAnimated", "pngThumbnail", "contextInfo", "stickerSentTs", "isAvatar", "isAiSticker", "isLottie", "accessibilityLabel", "mediaKeyDomain", "premium", "emojis")
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
        FIRSTFRAMELENGTH_FIELD_NUMBER: _ClassVar[int]
        FIRSTFRAMESIDECAR_FIELD_NUMBER: _ClassVar[int]
        ISANIMATED_FIELD_NUMBER: _ClassVar[int]
        PNGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        STICKERSENTTS_FIELD_NUMBER: _ClassVar[int]
        ISAVATAR_FIELD_NUMBER: _ClassVar[int]
        ISAISTICKER_FIELD_NUMBER: _ClassVar[int]
        ISLOTTIE_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
        PREMIUM_FIELD_NUMBER: _ClassVar[int]
        EMOJIS_FIELD_NUMBER: _ClassVar[int]
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
        firstFrameLength: int
        firstFrameSidecar: bytes
        isAnimated: bool
        pngThumbnail: bytes
        contextInfo: ContextInfo
        stickerSentTs: int
        isAvatar: bool
        isAiSticker: bool
        isLottie: bool
        accessibilityLabel: str
        mediaKeyDomain: Message.MediaKeyDomain
        premium: int
        emojis: str
        def __init__(self, url: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mimetype: _Optional[str] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., directPath: _Optional[str] = ..., fileLength: _Optional[int] = ..., mediaKeyTimestamp: _Optional[int] = ..., firstFrameLength: _Optional[int] = ..., firstFrameSidecar: _Optional[bytes] = ..., isAnimated: _Optional[bool] = ..., pngThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., stickerSentTs: _Optional[int] = ..., isAvatar: _Optional[bool] = ..., isAiSticker: _Optional[bool] = ..., isLottie: _Optional[bool] = ..., accessibilityLabel: _Optional[str] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ..., premium: _Optional[int] = ..., emojis: _Optional[str] = ...) -> None: ...
    class StickerPackMessage(_message.Message):
        __slots__ = ("stickerPackId", "name", "publisher", "stickers", "fileLength", "fileSha256", "fileEncSha256", "mediaKey", "directPath", "caption", "contextInfo", "packDescription", "mediaKeyTimestamp", "trayIconFileName", "thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "thumbnailHeight", "thumbnailWidth", "imageDataHash", "stickerPackSize", "stickerPackOrigin")
        class StickerPackOrigin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            FIRST_PARTY: _ClassVar[Message.StickerPackMessage.StickerPackOrigin]
            THIRD_PARTY: _ClassVar[Message.StickerPackMessage.StickerPackOrigin]
            USER_CREATED: _ClassVar[Message.StickerPackMessage.StickerPackOrigin]
        FIRST_PARTY: Message.StickerPackMessage.StickerPackOrigin
        THIRD_PARTY: Message.StickerPackMessage.StickerPackOrigin
        USER_CREATED: Message.StickerPackMessage.StickerPackOrigin
        class Sticker(_message.Message):
            __slots__ = ("fileName", "isAnimated", "emojis", "accessibilityLabel", "isLottie", "mimetype", "premium")
            FILENAME_FIELD_NUMBER: _ClassVar[int]
            ISANIMATED_FIELD_NUMBER: _ClassVar[int]
            EMOJIS_FIELD_NUMBER: _ClassVar[int]
            ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
            ISLOTTIE_FIELD_NUMBER: _ClassVar[int]
            MIMETYPE_FIELD_NUMBER: _ClassVar[int]
            PREMIUM_FIELD_NUMBER: _ClassVar[int]
            fileName: str
            isAnimated: bool
            emojis: _containers.RepeatedScalarFieldContainer[str]
            accessibilityLabel: str
            isLottie: bool
            mimetype: str
            premium: int
            def __init__(self, fileName: _Optional[str] = ..., isAnimated: _Optional[bool] = ..., emojis: _Optional[_Iterable[str]] = ..., accessibilityLabel: _Optional[str] = ..., isLottie: _Optional[bool] = ..., mimetype: _Optional[str] = ..., premium: _Optional[int] = ...) -> None: ...
        STICKERPACKID_FIELD_NUMBER: _ClassVar[int]
        NAME_FIELD_NUMBER: _ClassVar[int]
        PUBLISHER_FIELD_NUMBER: _ClassVar[int]
        STICKERS_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        PACKDESCRIPTION_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        TRAYICONFILENAME_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILHEIGHT_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILWIDTH_FIELD_NUMBER: _ClassVar[int]
        IMAGEDATAHASH_FIELD_NUMBER: _ClassVar[int]
        STICKERPACKSIZE_FIELD_NUMBER: _ClassVar[int]
        STICKERPACKORIGIN_FIELD_NUMBER: _ClassVar[int]
        stickerPackId: str
        name: str
        publisher: str
        stickers: _containers.RepeatedCompositeFieldContainer[Message.StickerPackMessage.Sticker]
        fileLength: int
        fileSha256: bytes
        fileEncSha256: bytes
        mediaKey: bytes
        directPath: str
        caption: str
        contextInfo: ContextInfo
        packDescription: str
        mediaKeyTimestamp: int
        trayIconFileName: str
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        thumbnailHeight: int
        thumbnailWidth: int
        imageDataHash: str
        stickerPackSize: int
        stickerPackOrigin: Message.StickerPackMessage.StickerPackOrigin
        def __init__(self, stickerPackId: _Optional[str] = ..., name: _Optional[str] = ..., publisher: _Optional[str] = ..., stickers: _Optional[_Iterable[_Union[Message.StickerPackMessage.Sticker, _Mapping]]] = ..., fileLength: _Optional[int] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., directPath: _Optional[str] = ..., caption: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., packDescription: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., trayIconFileName: _Optional[str] = ..., thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., thumbnailHeight: _Optional[int] = ..., thumbnailWidth: _Optional[int] = ..., imageDataHash: _Optional[str] = ..., stickerPackSize: _Optional[int] = ..., stickerPackOrigin: _Optional[_Union[Message.StickerPackMessage.StickerPackOrigin, str]] = ...) -> None: ...
    class StickerSyncRMRMessage(_message.Message):
        __slots__ = ("filehash", "rmrSource", "requestTimestamp")
        FILEHASH_FIELD_NUMBER: _ClassVar[int]
        RMRSOURCE_FIELD_NUMBER: _ClassVar[int]
        REQUESTTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        filehash: _containers.RepeatedScalarFieldContainer[str]
        rmrSource: str
        requestTimestamp: int
        def __init__(self, filehash: _Optional[_Iterable[str]] = ..., rmrSource: _Optional[str] = ..., requestTimestamp: _Optional[int] = ...) -> None: ...
    class TemplateButtonReplyMessage(_message.Message):
        __slots__ = ("selectedId", "selectedDisplayText", "contextInfo", "selectedIndex", "selectedCarouselCardIndex")
        SELECTEDID_FIELD_NUMBER: _ClassVar[int]
        SELECTEDDISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        SELECTEDINDEX_FIELD_NUMBER: _ClassVar[int]
        SELECTEDCAROUSELCARDINDEX_FIELD_NUMBER: _ClassVar[int]
        selectedId: str
        selectedDisplayText: str
        contextInfo: ContextInfo
        selectedIndex: int
        selectedCarouselCardIndex: int
        def __init__(self, selectedId: _Optional[str] = ..., selectedDisplayText: _Optional[str] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., selectedIndex: _Optional[int] = ..., selectedCarouselCardIndex: _Optional[int] = ...) -> None: ...
    class TemplateMessage(_message.Message):
        __slots__ = ("contextInfo", "hydratedTemplate", "templateId", "fourRowTemplate", "hydratedFourRowTemplate", "interactiveMessageTemplate")
        class FourRowTemplate(_message.Message):
            __slots__ = ("content", "footer", "buttons", "documentMessage", "highlyStructuredMessage", "imageMessage", "videoMessage", "locationMessage")
            CONTENT_FIELD_NUMBER: _ClassVar[int]
            FOOTER_FIELD_NUMBER: _ClassVar[int]
            BUTTONS_FIELD_NUMBER: _ClassVar[int]
            DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
            HIGHLYSTRUCTUREDMESSAGE_FIELD_NUMBER: _ClassVar[int]
            IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
            VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
            LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
            content: Message.HighlyStructuredMessage
            footer: Message.HighlyStructuredMessage
            buttons: _containers.RepeatedCompositeFieldContainer[TemplateButton]
            documentMessage: Message.DocumentMessage
            highlyStructuredMessage: Message.HighlyStructuredMessage
            imageMessage: Message.ImageMessage
            videoMessage: Message.VideoMessage
            locationMessage: Message.LocationMessage
            def __init__(self, content: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., footer: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., buttons: _Optional[_Iterable[_Union[TemplateButton, _Mapping]]] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., highlyStructuredMessage: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ...) -> None: ...
        class HydratedFourRowTemplate(_message.Message):
            __slots__ = ("hydratedContentText", "hydratedFooterText", "hydratedButtons", "templateId", "maskLinkedDevices", "documentMessage", "hydratedTitleText", "imageMessage", "videoMessage", "locationMessage")
            HYDRATEDCONTENTTEXT_FIELD_NUMBER: _ClassVar[int]
            HYDRATEDFOOTERTEXT_FIELD_NUMBER: _ClassVar[int]
            HYDRATEDBUTTONS_FIELD_NUMBER: _ClassVar[int]
            TEMPLATEID_FIELD_NUMBER: _ClassVar[int]
            MASKLINKEDDEVICES_FIELD_NUMBER: _ClassVar[int]
            DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
            HYDRATEDTITLETEXT_FIELD_NUMBER: _ClassVar[int]
            IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
            VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
            LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
            hydratedContentText: str
            hydratedFooterText: str
            hydratedButtons: _containers.RepeatedCompositeFieldContainer[HydratedTemplateButton]
            templateId: str
            maskLinkedDevices: bool
            documentMessage: Message.DocumentMessage
            hydratedTitleText: str
            imageMessage: Message.ImageMessage
            videoMessage: Message.VideoMessage
            locationMessage: Message.LocationMessage
            def __init__(self, hydratedContentText: _Optional[str] = ..., hydratedFooterText: _Optional[str] = ..., hydratedButtons: _Optional[_Iterable[_Union[HydratedTemplateButton, _Mapping]]] = ..., templateId: _Optional[str] = ..., maskLinkedDevices: _Optional[bool] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., hydratedTitleText: _Optional[str] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ...) -> None: ...
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        HYDRATEDTEMPLATE_FIELD_NUMBER: _ClassVar[int]
        TEMPLATEID_FIELD_NUMBER: _ClassVar[int]
        FOURROWTEMPLATE_FIELD_NUMBER: _ClassVar[int]
        HYDRATEDFOURROWTEMPLATE_FIELD_NUMBER: _ClassVar[int]
        INTERACTIVEMESSAGETEMPLATE_FIELD_NUMBER: _ClassVar[int]
        contextInfo: ContextInfo
        hydratedTemplate: Message.TemplateMessage.HydratedFourRowTemplate
        templateId: str
        fourRowTemplate: Message.TemplateMessage.FourRowTemplate
        hydratedFourRowTemplate: Message.TemplateMessage.HydratedFourRowTemplate
        interactiveMessageTemplate: Message.InteractiveMessage
        def __init__(self, contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., hydratedTemplate: _Optional[_Union[Message.TemplateMessage.HydratedFourRowTemplate, _Mapping]] = ..., templateId: _Optional[str] = ..., fourRowTemplate: _Optional[_Union[Message.TemplateMessage.FourRowTemplate, _Mapping]] = ..., hydratedFourRowTemplate: _Optional[_Union[Message.TemplateMessage.HydratedFourRowTemplate, _Mapping]] = ..., interactiveMessageTemplate: _Optional[_Union[Message.InteractiveMessage, _Mapping]] = ...) -> None: ...
    class URLMetadata(_message.Message):
        __slots__ = ("fbExperimentId",)
        FBEXPERIMENTID_FIELD_NUMBER: _ClassVar[int]
        fbExperimentId: int
        def __init__(self, fbExperimentId: _Optional[int] = ...) -> None: ...
    class VideoEndCard(_message.Message):
        __slots__ = ("username", "caption", "thumbnailImageUrl", "profilePictureUrl")
        USERNAME_FIELD_NUMBER: _ClassVar[int]
        CAPTION_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILIMAGEURL_FIELD_NUMBER: _ClassVar[int]
        PROFILEPICTUREURL_FIELD_NUMBER: _ClassVar[int]
        username: str
        caption: str
        thumbnailImageUrl: str
        profilePictureUrl: str
        def __init__(self, username: _Optional[str] = ..., caption: _Optional[str] = ..., thumbnailImageUrl: _Optional[str] = ..., profilePictureUrl: _Optional[str] = ...) -> None: ...
    class VideoMessage(_message.Message):
        __slots__ = ("url", "mimetype", "fileSha256", "fileLength", "seconds", "mediaKey", "caption", "gifPlayback", "height", "width", "fileEncSha256", "interactiveAnnotations", "directPath", "mediaKeyTimestamp", "jpegThumbnail", "contextInfo", "streamingSidecar", "gifAttribution", "viewOnce", "thumbnailDirectPath", "thumbnailSha256", "thumbnailEncSha256", "staticUrl", "annotations", "accessibilityLabel", "processedVideos", "externalShareFullVideoDurationInSeconds", "motionPhotoPresentationOffsetMs", "metadataUrl", "videoSourceType", "mediaKeyDomain")
        class Attribution(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[Message.VideoMessage.Attribution]
            GIPHY: _ClassVar[Message.VideoMessage.Attribution]
            TENOR: _ClassVar[Message.VideoMessage.Attribution]
            KLIPY: _ClassVar[Message.VideoMessage.Attribution]
        NONE: Message.VideoMessage.Attribution
        GIPHY: Message.VideoMessage.Attribution
        TENOR: Message.VideoMessage.Attribution
        KLIPY: Message.VideoMessage.Attribution
        class VideoSourceType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            USER_VIDEO: _ClassVar[Message.VideoMessage.VideoSourceType]
            AI_GENERATED: _ClassVar[Message.VideoMessage.VideoSourceType]
        USER_VIDEO: Message.VideoMessage.VideoSourceType
        AI_GENERATED: Message.VideoMessage.VideoSourceType
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
        INTERACTIVEANNOTATIONS_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        JPEGTHUMBNAIL_FIELD_NUMBER: _ClassVar[int]
        CONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
        STREAMINGSIDECAR_FIELD_NUMBER: _ClassVar[int]
        GIFATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
        VIEWONCE_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILDIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILSHA256_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILENCSHA256_FIELD_NUMBER: _ClassVar[int]
        STATICURL_FIELD_NUMBER: _ClassVar[int]
        ANNOTATIONS_FIELD_NUMBER: _ClassVar[int]
        ACCESSIBILITYLABEL_FIELD_NUMBER: _ClassVar[int]
        PROCESSEDVIDEOS_FIELD_NUMBER: _ClassVar[int]
        EXTERNALSHAREFULLVIDEODURATIONINSECONDS_FIELD_NUMBER: _ClassVar[int]
        MOTIONPHOTOPRESENTATIONOFFSETMS_FIELD_NUMBER: _ClassVar[int]
        METADATAURL_FIELD_NUMBER: _ClassVar[int]
        VIDEOSOURCETYPE_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYDOMAIN_FIELD_NUMBER: _ClassVar[int]
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
        interactiveAnnotations: _containers.RepeatedCompositeFieldContainer[InteractiveAnnotation]
        directPath: str
        mediaKeyTimestamp: int
        jpegThumbnail: bytes
        contextInfo: ContextInfo
        streamingSidecar: bytes
        gifAttribution: Message.VideoMessage.Attribution
        viewOnce: bool
        thumbnailDirectPath: str
        thumbnailSha256: bytes
        thumbnailEncSha256: bytes
        staticUrl: str
        annotations: _containers.RepeatedCompositeFieldContainer[InteractiveAnnotation]
        accessibilityLabel: str
        processedVideos: _containers.RepeatedCompositeFieldContainer[ProcessedVideo]
        externalShareFullVideoDurationInSeconds: int
        motionPhotoPresentationOffsetMs: int
        metadataUrl: str
        videoSourceType: Message.VideoMessage.VideoSourceType
        mediaKeyDomain: Message.MediaKeyDomain
        def __init__(self, url: _Optional[str] = ..., mimetype: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileLength: _Optional[int] = ..., seconds: _Optional[int] = ..., mediaKey: _Optional[bytes] = ..., caption: _Optional[str] = ..., gifPlayback: _Optional[bool] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., fileEncSha256: _Optional[bytes] = ..., interactiveAnnotations: _Optional[_Iterable[_Union[InteractiveAnnotation, _Mapping]]] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., jpegThumbnail: _Optional[bytes] = ..., contextInfo: _Optional[_Union[ContextInfo, _Mapping]] = ..., streamingSidecar: _Optional[bytes] = ..., gifAttribution: _Optional[_Union[Message.VideoMessage.Attribution, str]] = ..., viewOnce: _Optional[bool] = ..., thumbnailDirectPath: _Optional[str] = ..., thumbnailSha256: _Optional[bytes] = ..., thumbnailEncSha256: _Optional[bytes] = ..., staticUrl: _Optional[str] = ..., annotations: _Optional[_Iterable[_Union[InteractiveAnnotation, _Mapping]]] = ..., accessibilityLabel: _Optional[str] = ..., processedVideos: _Optional[_Iterable[_Union[ProcessedVideo, _Mapping]]] = ..., externalShareFullVideoDurationInSeconds: _Optional[int] = ..., motionPhotoPresentationOffsetMs: _Optional[int] = ..., metadataUrl: _Optional[str] = ..., videoSourceType: _Optional[_Union[Message.VideoMessage.VideoSourceType, str]] = ..., mediaKeyDomain: _Optional[_Union[Message.MediaKeyDomain, str]] = ...) -> None: ...
    CONVERSATION_FIELD_NUMBER: _ClassVar[int]
    SENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    IMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CONTACTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EXTENDEDTEXTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    AUDIOMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIDEOMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CALL_FIELD_NUMBER: _ClassVar[int]
    CHAT_FIELD_NUMBER: _ClassVar[int]
    PROTOCOLMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CONTACTSARRAYMESSAGE_FIELD_NUMBER: _ClassVar[int]
    HIGHLYSTRUCTUREDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    FASTRATCHETKEYSENDERKEYDISTRIBUTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    SENDPAYMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LIVELOCATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REQUESTPAYMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DECLINEPAYMENTREQUESTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CANCELPAYMENTREQUESTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    TEMPLATEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STICKERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    GROUPINVITEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    TEMPLATEBUTTONREPLYMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PRODUCTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DEVICESENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGECONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
    LISTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    ORDERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LISTRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALMESSAGE_FIELD_NUMBER: _ClassVar[int]
    INVOICEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BUTTONSMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BUTTONSRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PAYMENTINVITEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REACTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STICKERSYNCRMRMESSAGE_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVERESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLUPDATEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    KEEPINCHATMESSAGE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTWITHCAPTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    REQUESTPHONENUMBERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGEV2_FIELD_NUMBER: _ClassVar[int]
    ENCREACTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EDITEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    VIEWONCEMESSAGEV2EXTENSION_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGEV2_FIELD_NUMBER: _ClassVar[int]
    SCHEDULEDCALLCREATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    GROUPMENTIONEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PININCHATMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGEV3_FIELD_NUMBER: _ClassVar[int]
    SCHEDULEDCALLEDITMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PTVMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BOTINVOKEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    CALLLOGMESSSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGEHISTORYBUNDLE_FIELD_NUMBER: _ClassVar[int]
    ENCCOMMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BCALLMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LOTTIESTICKERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EVENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    ENCEVENTRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    COMMENTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERADMININVITEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    SECRETENCRYPTEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    ALBUMMESSAGE_FIELD_NUMBER: _ClassVar[int]
    EVENTCOVERIMAGE_FIELD_NUMBER: _ClassVar[int]
    STICKERPACKMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSMENTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLRESULTSNAPSHOTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONOPTIONIMAGEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATEDCHILDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    GROUPSTATUSMENTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGEV4_FIELD_NUMBER: _ClassVar[int]
    STATUSADDYOURS_FIELD_NUMBER: _ClassVar[int]
    GROUPSTATUSMESSAGE_FIELD_NUMBER: _ClassVar[int]
    RICHRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSNOTIFICATIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BOTTASKMESSAGE_FIELD_NUMBER: _ClassVar[int]
    QUESTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGEHISTORYNOTICE_FIELD_NUMBER: _ClassVar[int]
    GROUPSTATUSMESSAGEV2_FIELD_NUMBER: _ClassVar[int]
    BOTFORWARDEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSQUESTIONANSWERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    QUESTIONREPLYMESSAGE_FIELD_NUMBER: _ClassVar[int]
    QUESTIONRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSQUOTEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSSTICKERINTERACTIONMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGEV5_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERFOLLOWERINVITEMESSAGEV2_FIELD_NUMBER: _ClassVar[int]
    POLLRESULTSNAPSHOTMESSAGEV3_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERADMINPROFILEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    SPOILERMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLCREATIONMESSAGEV6_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERADMINPROFILESTATUSMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BOTPLATFORMREGISTRATIONSUCCESSMESSAGE_FIELD_NUMBER: _ClassVar[int]
    conversation: str
    senderKeyDistributionMessage: Message.SenderKeyDistributionMessage
    imageMessage: Message.ImageMessage
    contactMessage: Message.ContactMessage
    locationMessage: Message.LocationMessage
    extendedTextMessage: Message.ExtendedTextMessage
    documentMessage: Message.DocumentMessage
    audioMessage: Message.AudioMessage
    videoMessage: Message.VideoMessage
    call: Message.Call
    chat: Message.Chat
    protocolMessage: Message.ProtocolMessage
    contactsArrayMessage: Message.ContactsArrayMessage
    highlyStructuredMessage: Message.HighlyStructuredMessage
    fastRatchetKeySenderKeyDistributionMessage: Message.SenderKeyDistributionMessage
    sendPaymentMessage: Message.SendPaymentMessage
    liveLocationMessage: Message.LiveLocationMessage
    requestPaymentMessage: Message.RequestPaymentMessage
    declinePaymentRequestMessage: Message.DeclinePaymentRequestMessage
    cancelPaymentRequestMessage: Message.CancelPaymentRequestMessage
    templateMessage: Message.TemplateMessage
    stickerMessage: Message.StickerMessage
    groupInviteMessage: Message.GroupInviteMessage
    templateButtonReplyMessage: Message.TemplateButtonReplyMessage
    productMessage: Message.ProductMessage
    deviceSentMessage: Message.DeviceSentMessage
    messageContextInfo: MessageContextInfo
    listMessage: Message.ListMessage
    viewOnceMessage: Message.FutureProofMessage
    orderMessage: Message.OrderMessage
    listResponseMessage: Message.ListResponseMessage
    ephemeralMessage: Message.FutureProofMessage
    invoiceMessage: Message.InvoiceMessage
    buttonsMessage: Message.ButtonsMessage
    buttonsResponseMessage: Message.ButtonsResponseMessage
    paymentInviteMessage: Message.PaymentInviteMessage
    interactiveMessage: Message.InteractiveMessage
    reactionMessage: Message.ReactionMessage
    stickerSyncRmrMessage: Message.StickerSyncRMRMessage
    interactiveResponseMessage: Message.InteractiveResponseMessage
    pollCreationMessage: Message.PollCreationMessage
    pollUpdateMessage: Message.PollUpdateMessage
    keepInChatMessage: Message.KeepInChatMessage
    documentWithCaptionMessage: Message.FutureProofMessage
    requestPhoneNumberMessage: Message.RequestPhoneNumberMessage
    viewOnceMessageV2: Message.FutureProofMessage
    encReactionMessage: Message.EncReactionMessage
    editedMessage: Message.FutureProofMessage
    viewOnceMessageV2Extension: Message.FutureProofMessage
    pollCreationMessageV2: Message.PollCreationMessage
    scheduledCallCreationMessage: Message.ScheduledCallCreationMessage
    groupMentionedMessage: Message.FutureProofMessage
    pinInChatMessage: Message.PinInChatMessage
    pollCreationMessageV3: Message.PollCreationMessage
    scheduledCallEditMessage: Message.ScheduledCallEditMessage
    ptvMessage: Message.VideoMessage
    botInvokeMessage: Message.FutureProofMessage
    callLogMesssage: Message.CallLogMessage
    messageHistoryBundle: Message.MessageHistoryBundle
    encCommentMessage: Message.EncCommentMessage
    bcallMessage: Message.BCallMessage
    lottieStickerMessage: Message.FutureProofMessage
    eventMessage: Message.EventMessage
    encEventResponseMessage: Message.EncEventResponseMessage
    commentMessage: Message.CommentMessage
    newsletterAdminInviteMessage: Message.NewsletterAdminInviteMessage
    placeholderMessage: Message.PlaceholderMessage
    secretEncryptedMessage: Message.SecretEncryptedMessage
    albumMessage: Message.AlbumMessage
    eventCoverImage: Message.FutureProofMessage
    stickerPackMessage: Message.StickerPackMessage
    statusMentionMessage: Message.FutureProofMessage
    pollResultSnapshotMessage: Message.PollResultSnapshotMessage
    pollCreationOptionImageMessage: Message.FutureProofMessage
    associatedChildMessage: Message.FutureProofMessage
    groupStatusMentionMessage: Message.FutureProofMessage
    pollCreationMessageV4: Message.FutureProofMessage
    statusAddYours: Message.FutureProofMessage
    groupStatusMessage: Message.FutureProofMessage
    richResponseMessage: AIRichResponseMessage
    statusNotificationMessage: Message.StatusNotificationMessage
    limitSharingMessage: Message.FutureProofMessage
    botTaskMessage: Message.FutureProofMessage
    questionMessage: Message.FutureProofMessage
    messageHistoryNotice: Message.MessageHistoryNotice
    groupStatusMessageV2: Message.FutureProofMessage
    botForwardedMessage: Message.FutureProofMessage
    statusQuestionAnswerMessage: Message.StatusQuestionAnswerMessage
    questionReplyMessage: Message.FutureProofMessage
    questionResponseMessage: Message.QuestionResponseMessage
    statusQuotedMessage: Message.StatusQuotedMessage
    statusStickerInteractionMessage: Message.StatusStickerInteractionMessage
    pollCreationMessageV5: Message.PollCreationMessage
    newsletterFollowerInviteMessageV2: Message.NewsletterFollowerInviteMessage
    pollResultSnapshotMessageV3: Message.PollResultSnapshotMessage
    newsletterAdminProfileMessage: Message.FutureProofMessage
    spoilerMessage: Message.FutureProofMessage
    pollCreationMessageV6: Message.PollCreationMessage
    newsletterAdminProfileStatusMessage: Message.FutureProofMessage
    botPlatformRegistrationSuccessMessage: Message.FutureProofMessage
    def __init__(self, conversation: _Optional[str] = ..., senderKeyDistributionMessage: _Optional[_Union[Message.SenderKeyDistributionMessage, _Mapping]] = ..., imageMessage: _Optional[_Union[Message.ImageMessage, _Mapping]] = ..., contactMessage: _Optional[_Union[Message.ContactMessage, _Mapping]] = ..., locationMessage: _Optional[_Union[Message.LocationMessage, _Mapping]] = ..., extendedTextMessage: _Optional[_Union[Message.ExtendedTextMessage, _Mapping]] = ..., documentMessage: _Optional[_Union[Message.DocumentMessage, _Mapping]] = ..., audioMessage: _Optional[_Union[Message.AudioMessage, _Mapping]] = ..., videoMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., call: _Optional[_Union[Message.Call, _Mapping]] = ..., chat: _Optional[_Union[Message.Chat, _Mapping]] = ..., protocolMessage: _Optional[_Union[Message.ProtocolMessage, _Mapping]] = ..., contactsArrayMessage: _Optional[_Union[Message.ContactsArrayMessage, _Mapping]] = ..., highlyStructuredMessage: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., fastRatchetKeySenderKeyDistributionMessage: _Optional[_Union[Message.SenderKeyDistributionMessage, _Mapping]] = ..., sendPaymentMessage: _Optional[_Union[Message.SendPaymentMessage, _Mapping]] = ..., liveLocationMessage: _Optional[_Union[Message.LiveLocationMessage, _Mapping]] = ..., requestPaymentMessage: _Optional[_Union[Message.RequestPaymentMessage, _Mapping]] = ..., declinePaymentRequestMessage: _Optional[_Union[Message.DeclinePaymentRequestMessage, _Mapping]] = ..., cancelPaymentRequestMessage: _Optional[_Union[Message.CancelPaymentRequestMessage, _Mapping]] = ..., templateMessage: _Optional[_Union[Message.TemplateMessage, _Mapping]] = ..., stickerMessage: _Optional[_Union[Message.StickerMessage, _Mapping]] = ..., groupInviteMessage: _Optional[_Union[Message.GroupInviteMessage, _Mapping]] = ..., templateButtonReplyMessage: _Optional[_Union[Message.TemplateButtonReplyMessage, _Mapping]] = ..., productMessage: _Optional[_Union[Message.ProductMessage, _Mapping]] = ..., deviceSentMessage: _Optional[_Union[Message.DeviceSentMessage, _Mapping]] = ..., messageContextInfo: _Optional[_Union[MessageContextInfo, _Mapping]] = ..., listMessage: _Optional[_Union[Message.ListMessage, _Mapping]] = ..., viewOnceMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., orderMessage: _Optional[_Union[Message.OrderMessage, _Mapping]] = ..., listResponseMessage: _Optional[_Union[Message.ListResponseMessage, _Mapping]] = ..., ephemeralMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., invoiceMessage: _Optional[_Union[Message.InvoiceMessage, _Mapping]] = ..., buttonsMessage: _Optional[_Union[Message.ButtonsMessage, _Mapping]] = ..., buttonsResponseMessage: _Optional[_Union[Message.ButtonsResponseMessage, _Mapping]] = ..., paymentInviteMessage: _Optional[_Union[Message.PaymentInviteMessage, _Mapping]] = ..., interactiveMessage: _Optional[_Union[Message.InteractiveMessage, _Mapping]] = ..., reactionMessage: _Optional[_Union[Message.ReactionMessage, _Mapping]] = ..., stickerSyncRmrMessage: _Optional[_Union[Message.StickerSyncRMRMessage, _Mapping]] = ..., interactiveResponseMessage: _Optional[_Union[Message.InteractiveResponseMessage, _Mapping]] = ..., pollCreationMessage: _Optional[_Union[Message.PollCreationMessage, _Mapping]] = ..., pollUpdateMessage: _Optional[_Union[Message.PollUpdateMessage, _Mapping]] = ..., keepInChatMessage: _Optional[_Union[Message.KeepInChatMessage, _Mapping]] = ..., documentWithCaptionMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., requestPhoneNumberMessage: _Optional[_Union[Message.RequestPhoneNumberMessage, _Mapping]] = ..., viewOnceMessageV2: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., encReactionMessage: _Optional[_Union[Message.EncReactionMessage, _Mapping]] = ..., editedMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., viewOnceMessageV2Extension: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., pollCreationMessageV2: _Optional[_Union[Message.PollCreationMessage, _Mapping]] = ..., scheduledCallCreationMessage: _Optional[_Union[Message.ScheduledCallCreationMessage, _Mapping]] = ..., groupMentionedMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., pinInChatMessage: _Optional[_Union[Message.PinInChatMessage, _Mapping]] = ..., pollCreationMessageV3: _Optional[_Union[Message.PollCreationMessage, _Mapping]] = ..., scheduledCallEditMessage: _Optional[_Union[Message.ScheduledCallEditMessage, _Mapping]] = ..., ptvMessage: _Optional[_Union[Message.VideoMessage, _Mapping]] = ..., botInvokeMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., callLogMesssage: _Optional[_Union[Message.CallLogMessage, _Mapping]] = ..., messageHistoryBundle: _Optional[_Union[Message.MessageHistoryBundle, _Mapping]] = ..., encCommentMessage: _Optional[_Union[Message.EncCommentMessage, _Mapping]] = ..., bcallMessage: _Optional[_Union[Message.BCallMessage, _Mapping]] = ..., lottieStickerMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., eventMessage: _Optional[_Union[Message.EventMessage, _Mapping]] = ..., encEventResponseMessage: _Optional[_Union[Message.EncEventResponseMessage, _Mapping]] = ..., commentMessage: _Optional[_Union[Message.CommentMessage, _Mapping]] = ..., newsletterAdminInviteMessage: _Optional[_Union[Message.NewsletterAdminInviteMessage, _Mapping]] = ..., placeholderMessage: _Optional[_Union[Message.PlaceholderMessage, _Mapping]] = ..., secretEncryptedMessage: _Optional[_Union[Message.SecretEncryptedMessage, _Mapping]] = ..., albumMessage: _Optional[_Union[Message.AlbumMessage, _Mapping]] = ..., eventCoverImage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., stickerPackMessage: _Optional[_Union[Message.StickerPackMessage, _Mapping]] = ..., statusMentionMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., pollResultSnapshotMessage: _Optional[_Union[Message.PollResultSnapshotMessage, _Mapping]] = ..., pollCreationOptionImageMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., associatedChildMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., groupStatusMentionMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., pollCreationMessageV4: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., statusAddYours: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., groupStatusMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., richResponseMessage: _Optional[_Union[AIRichResponseMessage, _Mapping]] = ..., statusNotificationMessage: _Optional[_Union[Message.StatusNotificationMessage, _Mapping]] = ..., limitSharingMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., botTaskMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., questionMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., messageHistoryNotice: _Optional[_Union[Message.MessageHistoryNotice, _Mapping]] = ..., groupStatusMessageV2: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., botForwardedMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., statusQuestionAnswerMessage: _Optional[_Union[Message.StatusQuestionAnswerMessage, _Mapping]] = ..., questionReplyMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., questionResponseMessage: _Optional[_Union[Message.QuestionResponseMessage, _Mapping]] = ..., statusQuotedMessage: _Optional[_Union[Message.StatusQuotedMessage, _Mapping]] = ..., statusStickerInteractionMessage: _Optional[_Union[Message.StatusStickerInteractionMessage, _Mapping]] = ..., pollCreationMessageV5: _Optional[_Union[Message.PollCreationMessage, _Mapping]] = ..., newsletterFollowerInviteMessageV2: _Optional[_Union[Message.NewsletterFollowerInviteMessage, _Mapping]] = ..., pollResultSnapshotMessageV3: _Optional[_Union[Message.PollResultSnapshotMessage, _Mapping]] = ..., newsletterAdminProfileMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., spoilerMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., pollCreationMessageV6: _Optional[_Union[Message.PollCreationMessage, _Mapping]] = ..., newsletterAdminProfileStatusMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ..., botPlatformRegistrationSuccessMessage: _Optional[_Union[Message.FutureProofMessage, _Mapping]] = ...) -> None: ...

class MessageAssociation(_message.Message):
    __slots__ = ("associationType", "parentMessageKey", "messageIndex")
    class AssociationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[MessageAssociation.AssociationType]
        MEDIA_ALBUM: _ClassVar[MessageAssociation.AssociationType]
        BOT_PLUGIN: _ClassVar[MessageAssociation.AssociationType]
        EVENT_COVER_IMAGE: _ClassVar[MessageAssociation.AssociationType]
        STATUS_POLL: _ClassVar[MessageAssociation.AssociationType]
        HD_VIDEO_DUAL_UPLOAD: _ClassVar[MessageAssociation.AssociationType]
        STATUS_EXTERNAL_RESHARE: _ClassVar[MessageAssociation.AssociationType]
        MEDIA_POLL: _ClassVar[MessageAssociation.AssociationType]
        STATUS_ADD_YOURS: _ClassVar[MessageAssociation.AssociationType]
        STATUS_NOTIFICATION: _ClassVar[MessageAssociation.AssociationType]
        HD_IMAGE_DUAL_UPLOAD: _ClassVar[MessageAssociation.AssociationType]
        STICKER_ANNOTATION: _ClassVar[MessageAssociation.AssociationType]
        MOTION_PHOTO: _ClassVar[MessageAssociation.AssociationType]
        STATUS_LINK_ACTION: _ClassVar[MessageAssociation.AssociationType]
        VIEW_ALL_REPLIES: _ClassVar[MessageAssociation.AssociationType]
        STATUS_ADD_YOURS_AI_IMAGINE: _ClassVar[MessageAssociation.AssociationType]
        STATUS_QUESTION: _ClassVar[MessageAssociation.AssociationType]
        STATUS_ADD_YOURS_DIWALI: _ClassVar[MessageAssociation.AssociationType]
        STATUS_REACTION: _ClassVar[MessageAssociation.AssociationType]
        HEVC_VIDEO_DUAL_UPLOAD: _ClassVar[MessageAssociation.AssociationType]
        POLL_ADD_OPTION: _ClassVar[MessageAssociation.AssociationType]
    UNKNOWN: MessageAssociation.AssociationType
    MEDIA_ALBUM: MessageAssociation.AssociationType
    BOT_PLUGIN: MessageAssociation.AssociationType
    EVENT_COVER_IMAGE: MessageAssociation.AssociationType
    STATUS_POLL: MessageAssociation.AssociationType
    HD_VIDEO_DUAL_UPLOAD: MessageAssociation.AssociationType
    STATUS_EXTERNAL_RESHARE: MessageAssociation.AssociationType
    MEDIA_POLL: MessageAssociation.AssociationType
    STATUS_ADD_YOURS: MessageAssociation.AssociationType
    STATUS_NOTIFICATION: MessageAssociation.AssociationType
    HD_IMAGE_DUAL_UPLOAD: MessageAssociation.AssociationType
    STICKER_ANNOTATION: MessageAssociation.AssociationType
    MOTION_PHOTO: MessageAssociation.AssociationType
    STATUS_LINK_ACTION: MessageAssociation.AssociationType
    VIEW_ALL_REPLIES: MessageAssociation.AssociationType
    STATUS_ADD_YOURS_AI_IMAGINE: MessageAssociation.AssociationType
    STATUS_QUESTION: MessageAssociation.AssociationType
    STATUS_ADD_YOURS_DIWALI: MessageAssociation.AssociationType
    STATUS_REACTION: MessageAssociation.AssociationType
    HEVC_VIDEO_DUAL_UPLOAD: MessageAssociation.AssociationType
    POLL_ADD_OPTION: MessageAssociation.AssociationType
    ASSOCIATIONTYPE_FIELD_NUMBER: _ClassVar[int]
    PARENTMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    MESSAGEINDEX_FIELD_NUMBER: _ClassVar[int]
    associationType: MessageAssociation.AssociationType
    parentMessageKey: _wa_common_pb2.MessageKey
    messageIndex: int
    def __init__(self, associationType: _Optional[_Union[MessageAssociation.AssociationType, str]] = ..., parentMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., messageIndex: _Optional[int] = ...) -> None: ...

class MessageContextInfo(_message.Message):
    __slots__ = ("deviceListMetadata", "deviceListMetadataVersion", "messageSecret", "paddingBytes", "messageAddOnDurationInSecs", "botMessageSecret", "botMetadata", "reportingTokenVersion", "messageAddOnExpiryType", "messageAssociation", "capiCreatedGroup", "supportPayload", "limitSharing", "limitSharingV2", "threadId", "weblinkRenderConfig", "teeBotMetadata", "associatedPrimaryIdentityKey")
    class MessageAddonExpiryType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        STATIC: _ClassVar[MessageContextInfo.MessageAddonExpiryType]
        DEPENDENT_ON_PARENT: _ClassVar[MessageContextInfo.MessageAddonExpiryType]
    STATIC: MessageContextInfo.MessageAddonExpiryType
    DEPENDENT_ON_PARENT: MessageContextInfo.MessageAddonExpiryType
    DEVICELISTMETADATA_FIELD_NUMBER: _ClassVar[int]
    DEVICELISTMETADATAVERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    PADDINGBYTES_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONDURATIONINSECS_FIELD_NUMBER: _ClassVar[int]
    BOTMESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    BOTMETADATA_FIELD_NUMBER: _ClassVar[int]
    REPORTINGTOKENVERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONEXPIRYTYPE_FIELD_NUMBER: _ClassVar[int]
    MESSAGEASSOCIATION_FIELD_NUMBER: _ClassVar[int]
    CAPICREATEDGROUP_FIELD_NUMBER: _ClassVar[int]
    SUPPORTPAYLOAD_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARING_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGV2_FIELD_NUMBER: _ClassVar[int]
    THREADID_FIELD_NUMBER: _ClassVar[int]
    WEBLINKRENDERCONFIG_FIELD_NUMBER: _ClassVar[int]
    TEEBOTMETADATA_FIELD_NUMBER: _ClassVar[int]
    ASSOCIATEDPRIMARYIDENTITYKEY_FIELD_NUMBER: _ClassVar[int]
    deviceListMetadata: DeviceListMetadata
    deviceListMetadataVersion: int
    messageSecret: bytes
    paddingBytes: bytes
    messageAddOnDurationInSecs: int
    botMessageSecret: bytes
    botMetadata: _wa_bot_pb2.BotMetadata
    reportingTokenVersion: int
    messageAddOnExpiryType: MessageContextInfo.MessageAddonExpiryType
    messageAssociation: MessageAssociation
    capiCreatedGroup: bool
    supportPayload: str
    limitSharing: LimitSharing
    limitSharingV2: LimitSharing
    threadId: _containers.RepeatedCompositeFieldContainer[ThreadID]
    weblinkRenderConfig: WebLinkRenderConfig
    teeBotMetadata: bytes
    associatedPrimaryIdentityKey: bytes
    def __init__(self, deviceListMetadata: _Optional[_Union[DeviceListMetadata, _Mapping]] = ..., deviceListMetadataVersion: _Optional[int] = ..., messageSecret: _Optional[bytes] = ..., paddingBytes: _Optional[bytes] = ..., messageAddOnDurationInSecs: _Optional[int] = ..., botMessageSecret: _Optional[bytes] = ..., botMetadata: _Optional[_Union[_wa_bot_pb2.BotMetadata, _Mapping]] = ..., reportingTokenVersion: _Optional[int] = ..., messageAddOnExpiryType: _Optional[_Union[MessageContextInfo.MessageAddonExpiryType, str]] = ..., messageAssociation: _Optional[_Union[MessageAssociation, _Mapping]] = ..., capiCreatedGroup: _Optional[bool] = ..., supportPayload: _Optional[str] = ..., limitSharing: _Optional[_Union[LimitSharing, _Mapping]] = ..., limitSharingV2: _Optional[_Union[LimitSharing, _Mapping]] = ..., threadId: _Optional[_Iterable[_Union[ThreadID, _Mapping]]] = ..., weblinkRenderConfig: _Optional[_Union[WebLinkRenderConfig, str]] = ..., teeBotMetadata: _Optional[bytes] = ..., associatedPrimaryIdentityKey: _Optional[bytes] = ...) -> None: ...

class Money(_message.Message):
    __slots__ = ("value", "offset", "currencyCode")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    CURRENCYCODE_FIELD_NUMBER: _ClassVar[int]
    value: int
    offset: int
    currencyCode: str
    def __init__(self, value: _Optional[int] = ..., offset: _Optional[int] = ..., currencyCode: _Optional[str] = ...) -> None: ...

class PaymentBackground(_message.Message):
    __slots__ = ("id", "fileLength", "width", "height", "mimetype", "placeholderArgb", "textArgb", "subtextArgb", "mediaData", "type")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[PaymentBackground.Type]
        DEFAULT: _ClassVar[PaymentBackground.Type]
    UNKNOWN: PaymentBackground.Type
    DEFAULT: PaymentBackground.Type
    class MediaData(_message.Message):
        __slots__ = ("mediaKey", "mediaKeyTimestamp", "fileSha256", "fileEncSha256", "directPath")
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        FILESHA256_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        mediaKey: bytes
        mediaKeyTimestamp: int
        fileSha256: bytes
        fileEncSha256: bytes
        directPath: str
        def __init__(self, mediaKey: _Optional[bytes] = ..., mediaKeyTimestamp: _Optional[int] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., directPath: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    FILELENGTH_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    MIMETYPE_FIELD_NUMBER: _ClassVar[int]
    PLACEHOLDERARGB_FIELD_NUMBER: _ClassVar[int]
    TEXTARGB_FIELD_NUMBER: _ClassVar[int]
    SUBTEXTARGB_FIELD_NUMBER: _ClassVar[int]
    MEDIADATA_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    fileLength: int
    width: int
    height: int
    mimetype: str
    placeholderArgb: int
    textArgb: int
    subtextArgb: int
    mediaData: PaymentBackground.MediaData
    type: PaymentBackground.Type
    def __init__(self, id: _Optional[str] = ..., fileLength: _Optional[int] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., mimetype: _Optional[str] = ..., placeholderArgb: _Optional[int] = ..., textArgb: _Optional[int] = ..., subtextArgb: _Optional[int] = ..., mediaData: _Optional[_Union[PaymentBackground.MediaData, _Mapping]] = ..., type: _Optional[_Union[PaymentBackground.Type, str]] = ...) -> None: ...

class Point(_message.Message):
    __slots__ = ("xDeprecated", "yDeprecated", "x", "y")
    XDEPRECATED_FIELD_NUMBER: _ClassVar[int]
    YDEPRECATED_FIELD_NUMBER: _ClassVar[int]
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    xDeprecated: int
    yDeprecated: int
    x: float
    y: float
    def __init__(self, xDeprecated: _Optional[int] = ..., yDeprecated: _Optional[int] = ..., x: _Optional[float] = ..., y: _Optional[float] = ...) -> None: ...

class ProcessedVideo(_message.Message):
    __slots__ = ("directPath", "fileSha256", "height", "width", "fileLength", "bitrate", "quality", "capabilities")
    class VideoQuality(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNDEFINED: _ClassVar[ProcessedVideo.VideoQuality]
        LOW: _ClassVar[ProcessedVideo.VideoQuality]
        MID: _ClassVar[ProcessedVideo.VideoQuality]
        HIGH: _ClassVar[ProcessedVideo.VideoQuality]
    UNDEFINED: ProcessedVideo.VideoQuality
    LOW: ProcessedVideo.VideoQuality
    MID: ProcessedVideo.VideoQuality
    HIGH: ProcessedVideo.VideoQuality
    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    FILESHA256_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    FILELENGTH_FIELD_NUMBER: _ClassVar[int]
    BITRATE_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    directPath: str
    fileSha256: bytes
    height: int
    width: int
    fileLength: int
    bitrate: int
    quality: ProcessedVideo.VideoQuality
    capabilities: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, directPath: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., fileLength: _Optional[int] = ..., bitrate: _Optional[int] = ..., quality: _Optional[_Union[ProcessedVideo.VideoQuality, str]] = ..., capabilities: _Optional[_Iterable[str]] = ...) -> None: ...

class StatusAttribution(_message.Message):
    __slots__ = ("type", "actionUrl", "statusReshare", "externalShare", "music", "groupStatus", "rlAttribution", "aiCreatedAttribution")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[StatusAttribution.Type]
        RESHARE: _ClassVar[StatusAttribution.Type]
        EXTERNAL_SHARE: _ClassVar[StatusAttribution.Type]
        MUSIC: _ClassVar[StatusAttribution.Type]
        STATUS_MENTION: _ClassVar[StatusAttribution.Type]
        GROUP_STATUS: _ClassVar[StatusAttribution.Type]
        RL_ATTRIBUTION: _ClassVar[StatusAttribution.Type]
        AI_CREATED: _ClassVar[StatusAttribution.Type]
        LAYOUTS: _ClassVar[StatusAttribution.Type]
        NEWSLETTER_STATUS: _ClassVar[StatusAttribution.Type]
        STATUS_CLOSE_SHARING: _ClassVar[StatusAttribution.Type]
    UNKNOWN: StatusAttribution.Type
    RESHARE: StatusAttribution.Type
    EXTERNAL_SHARE: StatusAttribution.Type
    MUSIC: StatusAttribution.Type
    STATUS_MENTION: StatusAttribution.Type
    GROUP_STATUS: StatusAttribution.Type
    RL_ATTRIBUTION: StatusAttribution.Type
    AI_CREATED: StatusAttribution.Type
    LAYOUTS: StatusAttribution.Type
    NEWSLETTER_STATUS: StatusAttribution.Type
    STATUS_CLOSE_SHARING: StatusAttribution.Type
    class AiCreatedAttribution(_message.Message):
        __slots__ = ("source",)
        class Source(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[StatusAttribution.AiCreatedAttribution.Source]
            STATUS_MIMICRY: _ClassVar[StatusAttribution.AiCreatedAttribution.Source]
        UNKNOWN: StatusAttribution.AiCreatedAttribution.Source
        STATUS_MIMICRY: StatusAttribution.AiCreatedAttribution.Source
        SOURCE_FIELD_NUMBER: _ClassVar[int]
        source: StatusAttribution.AiCreatedAttribution.Source
        def __init__(self, source: _Optional[_Union[StatusAttribution.AiCreatedAttribution.Source, str]] = ...) -> None: ...
    class ExternalShare(_message.Message):
        __slots__ = ("actionUrl", "source", "duration", "actionFallbackUrl")
        class Source(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[StatusAttribution.ExternalShare.Source]
            INSTAGRAM: _ClassVar[StatusAttribution.ExternalShare.Source]
            FACEBOOK: _ClassVar[StatusAttribution.ExternalShare.Source]
            MESSENGER: _ClassVar[StatusAttribution.ExternalShare.Source]
            SPOTIFY: _ClassVar[StatusAttribution.ExternalShare.Source]
            YOUTUBE: _ClassVar[StatusAttribution.ExternalShare.Source]
            PINTEREST: _ClassVar[StatusAttribution.ExternalShare.Source]
            THREADS: _ClassVar[StatusAttribution.ExternalShare.Source]
            APPLE_MUSIC: _ClassVar[StatusAttribution.ExternalShare.Source]
            SHARECHAT: _ClassVar[StatusAttribution.ExternalShare.Source]
            GOOGLE_PHOTOS: _ClassVar[StatusAttribution.ExternalShare.Source]
            SOUNDCLOUD: _ClassVar[StatusAttribution.ExternalShare.Source]
        UNKNOWN: StatusAttribution.ExternalShare.Source
        INSTAGRAM: StatusAttribution.ExternalShare.Source
        FACEBOOK: StatusAttribution.ExternalShare.Source
        MESSENGER: StatusAttribution.ExternalShare.Source
        SPOTIFY: StatusAttribution.ExternalShare.Source
        YOUTUBE: StatusAttribution.ExternalShare.Source
        PINTEREST: StatusAttribution.ExternalShare.Source
        THREADS: StatusAttribution.ExternalShare.Source
        APPLE_MUSIC: StatusAttribution.ExternalShare.Source
        SHARECHAT: StatusAttribution.ExternalShare.Source
        GOOGLE_PHOTOS: StatusAttribution.ExternalShare.Source
        SOUNDCLOUD: StatusAttribution.ExternalShare.Source
        ACTIONURL_FIELD_NUMBER: _ClassVar[int]
        SOURCE_FIELD_NUMBER: _ClassVar[int]
        DURATION_FIELD_NUMBER: _ClassVar[int]
        ACTIONFALLBACKURL_FIELD_NUMBER: _ClassVar[int]
        actionUrl: str
        source: StatusAttribution.ExternalShare.Source
        duration: int
        actionFallbackUrl: str
        def __init__(self, actionUrl: _Optional[str] = ..., source: _Optional[_Union[StatusAttribution.ExternalShare.Source, str]] = ..., duration: _Optional[int] = ..., actionFallbackUrl: _Optional[str] = ...) -> None: ...
    class GroupStatus(_message.Message):
        __slots__ = ("authorJid",)
        AUTHORJID_FIELD_NUMBER: _ClassVar[int]
        authorJid: str
        def __init__(self, authorJid: _Optional[str] = ...) -> None: ...
    class Music(_message.Message):
        __slots__ = ("authorName", "songId", "title", "author", "artistAttribution", "isExplicit")
        AUTHORNAME_FIELD_NUMBER: _ClassVar[int]
        SONGID_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        AUTHOR_FIELD_NUMBER: _ClassVar[int]
        ARTISTATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
        ISEXPLICIT_FIELD_NUMBER: _ClassVar[int]
        authorName: str
        songId: str
        title: str
        author: str
        artistAttribution: str
        isExplicit: bool
        def __init__(self, authorName: _Optional[str] = ..., songId: _Optional[str] = ..., title: _Optional[str] = ..., author: _Optional[str] = ..., artistAttribution: _Optional[str] = ..., isExplicit: _Optional[bool] = ...) -> None: ...
    class RLAttribution(_message.Message):
        __slots__ = ("source",)
        class Source(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[StatusAttribution.RLAttribution.Source]
            RAY_BAN_META_GLASSES: _ClassVar[StatusAttribution.RLAttribution.Source]
            OAKLEY_META_GLASSES: _ClassVar[StatusAttribution.RLAttribution.Source]
            HYPERNOVA_GLASSES: _ClassVar[StatusAttribution.RLAttribution.Source]
        UNKNOWN: StatusAttribution.RLAttribution.Source
        RAY_BAN_META_GLASSES: StatusAttribution.RLAttribution.Source
        OAKLEY_META_GLASSES: StatusAttribution.RLAttribution.Source
        HYPERNOVA_GLASSES: StatusAttribution.RLAttribution.Source
        SOURCE_FIELD_NUMBER: _ClassVar[int]
        source: StatusAttribution.RLAttribution.Source
        def __init__(self, source: _Optional[_Union[StatusAttribution.RLAttribution.Source, str]] = ...) -> None: ...
    class StatusReshare(_message.Message):
        __slots__ = ("source", "metadata")
        class Source(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[StatusAttribution.StatusReshare.Source]
            INTERNAL_RESHARE: _ClassVar[StatusAttribution.StatusReshare.Source]
            MENTION_RESHARE: _ClassVar[StatusAttribution.StatusReshare.Source]
            CHANNEL_RESHARE: _ClassVar[StatusAttribution.StatusReshare.Source]
            FORWARD: _ClassVar[StatusAttribution.StatusReshare.Source]
        UNKNOWN: StatusAttribution.StatusReshare.Source
        INTERNAL_RESHARE: StatusAttribution.StatusReshare.Source
        MENTION_RESHARE: StatusAttribution.StatusReshare.Source
        CHANNEL_RESHARE: StatusAttribution.StatusReshare.Source
        FORWARD: StatusAttribution.StatusReshare.Source
        class Metadata(_message.Message):
            __slots__ = ("duration", "channelJid", "channelMessageId", "hasMultipleReshares")
            DURATION_FIELD_NUMBER: _ClassVar[int]
            CHANNELJID_FIELD_NUMBER: _ClassVar[int]
            CHANNELMESSAGEID_FIELD_NUMBER: _ClassVar[int]
            HASMULTIPLERESHARES_FIELD_NUMBER: _ClassVar[int]
            duration: int
            channelJid: str
            channelMessageId: int
            hasMultipleReshares: bool
            def __init__(self, duration: _Optional[int] = ..., channelJid: _Optional[str] = ..., channelMessageId: _Optional[int] = ..., hasMultipleReshares: _Optional[bool] = ...) -> None: ...
        SOURCE_FIELD_NUMBER: _ClassVar[int]
        METADATA_FIELD_NUMBER: _ClassVar[int]
        source: StatusAttribution.StatusReshare.Source
        metadata: StatusAttribution.StatusReshare.Metadata
        def __init__(self, source: _Optional[_Union[StatusAttribution.StatusReshare.Source, str]] = ..., metadata: _Optional[_Union[StatusAttribution.StatusReshare.Metadata, _Mapping]] = ...) -> None: ...
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ACTIONURL_FIELD_NUMBER: _ClassVar[int]
    STATUSRESHARE_FIELD_NUMBER: _ClassVar[int]
    EXTERNALSHARE_FIELD_NUMBER: _ClassVar[int]
    MUSIC_FIELD_NUMBER: _ClassVar[int]
    GROUPSTATUS_FIELD_NUMBER: _ClassVar[int]
    RLATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    AICREATEDATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    type: StatusAttribution.Type
    actionUrl: str
    statusReshare: StatusAttribution.StatusReshare
    externalShare: StatusAttribution.ExternalShare
    music: StatusAttribution.Music
    groupStatus: StatusAttribution.GroupStatus
    rlAttribution: StatusAttribution.RLAttribution
    aiCreatedAttribution: StatusAttribution.AiCreatedAttribution
    def __init__(self, type: _Optional[_Union[StatusAttribution.Type, str]] = ..., actionUrl: _Optional[str] = ..., statusReshare: _Optional[_Union[StatusAttribution.StatusReshare, _Mapping]] = ..., externalShare: _Optional[_Union[StatusAttribution.ExternalShare, _Mapping]] = ..., music: _Optional[_Union[StatusAttribution.Music, _Mapping]] = ..., groupStatus: _Optional[_Union[StatusAttribution.GroupStatus, _Mapping]] = ..., rlAttribution: _Optional[_Union[StatusAttribution.RLAttribution, _Mapping]] = ..., aiCreatedAttribution: _Optional[_Union[StatusAttribution.AiCreatedAttribution, _Mapping]] = ...) -> None: ...

class TapLinkAction(_message.Message):
    __slots__ = ("title", "tapUrl")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TAPURL_FIELD_NUMBER: _ClassVar[int]
    title: str
    tapUrl: str
    def __init__(self, title: _Optional[str] = ..., tapUrl: _Optional[str] = ...) -> None: ...

class TemplateButton(_message.Message):
    __slots__ = ("index", "quickReplyButton", "urlButton", "callButton")
    class CallButton(_message.Message):
        __slots__ = ("displayText", "phoneNumber")
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        PHONENUMBER_FIELD_NUMBER: _ClassVar[int]
        displayText: Message.HighlyStructuredMessage
        phoneNumber: Message.HighlyStructuredMessage
        def __init__(self, displayText: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., phoneNumber: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ...) -> None: ...
    class QuickReplyButton(_message.Message):
        __slots__ = ("displayText", "id")
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        ID_FIELD_NUMBER: _ClassVar[int]
        displayText: Message.HighlyStructuredMessage
        id: str
        def __init__(self, displayText: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., id: _Optional[str] = ...) -> None: ...
    class URLButton(_message.Message):
        __slots__ = ("displayText", "url")
        DISPLAYTEXT_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        displayText: Message.HighlyStructuredMessage
        url: Message.HighlyStructuredMessage
        def __init__(self, displayText: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ..., url: _Optional[_Union[Message.HighlyStructuredMessage, _Mapping]] = ...) -> None: ...
    INDEX_FIELD_NUMBER: _ClassVar[int]
    QUICKREPLYBUTTON_FIELD_NUMBER: _ClassVar[int]
    URLBUTTON_FIELD_NUMBER: _ClassVar[int]
    CALLBUTTON_FIELD_NUMBER: _ClassVar[int]
    index: int
    quickReplyButton: TemplateButton.QuickReplyButton
    urlButton: TemplateButton.URLButton
    callButton: TemplateButton.CallButton
    def __init__(self, index: _Optional[int] = ..., quickReplyButton: _Optional[_Union[TemplateButton.QuickReplyButton, _Mapping]] = ..., urlButton: _Optional[_Union[TemplateButton.URLButton, _Mapping]] = ..., callButton: _Optional[_Union[TemplateButton.CallButton, _Mapping]] = ...) -> None: ...

class ThreadID(_message.Message):
    __slots__ = ("threadType", "threadKey")
    class ThreadType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[ThreadID.ThreadType]
        VIEW_REPLIES: _ClassVar[ThreadID.ThreadType]
        AI_THREAD: _ClassVar[ThreadID.ThreadType]
    UNKNOWN: ThreadID.ThreadType
    VIEW_REPLIES: ThreadID.ThreadType
    AI_THREAD: ThreadID.ThreadType
    THREADTYPE_FIELD_NUMBER: _ClassVar[int]
    THREADKEY_FIELD_NUMBER: _ClassVar[int]
    threadType: ThreadID.ThreadType
    threadKey: _wa_common_pb2.MessageKey
    def __init__(self, threadType: _Optional[_Union[ThreadID.ThreadType, str]] = ..., threadKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ...) -> None: ...

class UrlTrackingMap(_message.Message):
    __slots__ = ("urlTrackingMapElements",)
    class UrlTrackingMapElement(_message.Message):
        __slots__ = ("originalUrl", "unconsentedUsersUrl", "consentedUsersUrl", "cardIndex")
        ORIGINALURL_FIELD_NUMBER: _ClassVar[int]
        UNCONSENTEDUSERSURL_FIELD_NUMBER: _ClassVar[int]
        CONSENTEDUSERSURL_FIELD_NUMBER: _ClassVar[int]
        CARDINDEX_FIELD_NUMBER: _ClassVar[int]
        originalUrl: str
        unconsentedUsersUrl: str
        consentedUsersUrl: str
        cardIndex: int
        def __init__(self, originalUrl: _Optional[str] = ..., unconsentedUsersUrl: _Optional[str] = ..., consentedUsersUrl: _Optional[str] = ..., cardIndex: _Optional[int] = ...) -> None: ...
    URLTRACKINGMAPELEMENTS_FIELD_NUMBER: _ClassVar[int]
    urlTrackingMapElements: _containers.RepeatedCompositeFieldContainer[UrlTrackingMap.UrlTrackingMapElement]
    def __init__(self, urlTrackingMapElements: _Optional[_Iterable[_Union[UrlTrackingMap.UrlTrackingMapElement, _Mapping]]] = ...) -> None: ...
