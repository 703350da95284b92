from waproto.proto import wa_common_pb2 as _wa_common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AIRichResponseMessageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AI_RICH_RESPONSE_TYPE_UNKNOWN: _ClassVar[AIRichResponseMessageType]
    AI_RICH_RESPONSE_TYPE_STANDARD: _ClassVar[AIRichResponseMessageType]

class AIRichResponseSubMessageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AI_RICH_RESPONSE_UNKNOWN: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_GRID_IMAGE: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_TEXT: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_INLINE_IMAGE: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_TABLE: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_CODE: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_DYNAMIC: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_MAP: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_LATEX: _ClassVar[AIRichResponseSubMessageType]
    AI_RICH_RESPONSE_CONTENT_ITEMS: _ClassVar[AIRichResponseSubMessageType]

class BotMetricsEntryPoint(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNDEFINED_ENTRY_POINT: _ClassVar[BotMetricsEntryPoint]
    FAVICON: _ClassVar[BotMetricsEntryPoint]
    CHATLIST: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_NULL_STATE_PAPER_PLANE: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_NULL_STATE_SUGGESTION: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_TYPE_AHEAD_SUGGESTION: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_TYPE_AHEAD_PAPER_PLANE: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_TYPE_AHEAD_RESULT_CHATLIST: _ClassVar[BotMetricsEntryPoint]
    AISEARCH_TYPE_AHEAD_RESULT_MESSAGES: _ClassVar[BotMetricsEntryPoint]
    AIVOICE_SEARCH_BAR: _ClassVar[BotMetricsEntryPoint]
    AIVOICE_FAVICON: _ClassVar[BotMetricsEntryPoint]
    AISTUDIO: _ClassVar[BotMetricsEntryPoint]
    DEEPLINK: _ClassVar[BotMetricsEntryPoint]
    NOTIFICATION: _ClassVar[BotMetricsEntryPoint]
    PROFILE_MESSAGE_BUTTON: _ClassVar[BotMetricsEntryPoint]
    FORWARD: _ClassVar[BotMetricsEntryPoint]
    APP_SHORTCUT: _ClassVar[BotMetricsEntryPoint]
    FF_FAMILY: _ClassVar[BotMetricsEntryPoint]
    AI_TAB: _ClassVar[BotMetricsEntryPoint]
    AI_HOME: _ClassVar[BotMetricsEntryPoint]
    AI_DEEPLINK_IMMERSIVE: _ClassVar[BotMetricsEntryPoint]
    AI_DEEPLINK: _ClassVar[BotMetricsEntryPoint]
    META_AI_CHAT_SHORTCUT_AI_STUDIO: _ClassVar[BotMetricsEntryPoint]
    UGC_CHAT_SHORTCUT_AI_STUDIO: _ClassVar[BotMetricsEntryPoint]
    NEW_CHAT_AI_STUDIO: _ClassVar[BotMetricsEntryPoint]
    AIVOICE_FAVICON_CALL_HISTORY: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_CONTEXT_MENU: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_CONTEXT_MENU_1ON1: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_CONTEXT_MENU_GROUP: _ClassVar[BotMetricsEntryPoint]
    INVOKE_META_AI_1ON1: _ClassVar[BotMetricsEntryPoint]
    INVOKE_META_AI_GROUP: _ClassVar[BotMetricsEntryPoint]
    META_AI_FORWARD: _ClassVar[BotMetricsEntryPoint]
    NEW_CHAT_AI_CONTACT: _ClassVar[BotMetricsEntryPoint]
    MESSAGE_QUICK_ACTION_1_ON_1_CHAT: _ClassVar[BotMetricsEntryPoint]
    MESSAGE_QUICK_ACTION_GROUP_CHAT: _ClassVar[BotMetricsEntryPoint]
    ATTACHMENT_TRAY_1_ON_1_CHAT: _ClassVar[BotMetricsEntryPoint]
    ATTACHMENT_TRAY_GROUP_CHAT: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_MEDIA_VIEWER_1ON1: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_MEDIA_VIEWER_GROUP: _ClassVar[BotMetricsEntryPoint]
    MEDIA_PICKER_1_ON_1_CHAT: _ClassVar[BotMetricsEntryPoint]
    MEDIA_PICKER_GROUP_CHAT: _ClassVar[BotMetricsEntryPoint]
    ASK_META_AI_NO_SEARCH_RESULTS: _ClassVar[BotMetricsEntryPoint]
    META_AI_SETTINGS: _ClassVar[BotMetricsEntryPoint]
    WEB_INTRO_PANEL: _ClassVar[BotMetricsEntryPoint]
    WEB_NAVIGATION_BAR: _ClassVar[BotMetricsEntryPoint]
    GROUP_MEMBER: _ClassVar[BotMetricsEntryPoint]
    CHATLIST_SEARCH: _ClassVar[BotMetricsEntryPoint]
    NEW_CHAT_LIST: _ClassVar[BotMetricsEntryPoint]
    CONTACTS_TAB: _ClassVar[BotMetricsEntryPoint]

class BotMetricsThreadEntryPoint(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AI_TAB_THREAD: _ClassVar[BotMetricsThreadEntryPoint]
    AI_HOME_THREAD: _ClassVar[BotMetricsThreadEntryPoint]
    AI_DEEPLINK_IMMERSIVE_THREAD: _ClassVar[BotMetricsThreadEntryPoint]
    AI_DEEPLINK_THREAD: _ClassVar[BotMetricsThreadEntryPoint]
    ASK_META_AI_CONTEXT_MENU_THREAD: _ClassVar[BotMetricsThreadEntryPoint]

class BotSessionSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NONE: _ClassVar[BotSessionSource]
    NULL_STATE: _ClassVar[BotSessionSource]
    TYPEAHEAD: _ClassVar[BotSessionSource]
    USER_INPUT: _ClassVar[BotSessionSource]
    EMU_FLASH: _ClassVar[BotSessionSource]
    EMU_FLASH_FOLLOWUP: _ClassVar[BotSessionSource]
    VOICE: _ClassVar[BotSessionSource]
    AI_HOME_SESSION: _ClassVar[BotSessionSource]

class SessionTransparencyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UNKNOWN_TYPE: _ClassVar[SessionTransparencyType]
    NY_AI_SAFETY_DISCLAIMER: _ClassVar[SessionTransparencyType]
AI_RICH_RESPONSE_TYPE_UNKNOWN: AIRichResponseMessageType
AI_RICH_RESPONSE_TYPE_STANDARD: AIRichResponseMessageType
AI_RICH_RESPONSE_UNKNOWN: AIRichResponseSubMessageType
AI_RICH_RESPONSE_GRID_IMAGE: AIRichResponseSubMessageType
AI_RICH_RESPONSE_TEXT: AIRichResponseSubMessageType
AI_RICH_RESPONSE_INLINE_IMAGE: AIRichResponseSubMessageType
AI_RICH_RESPONSE_TABLE: AIRichResponseSubMessageType
AI_RICH_RESPONSE_CODE: AIRichResponseSubMessageType
AI_RICH_RESPONSE_DYNAMIC: AIRichResponseSubMessageType
AI_RICH_RESPONSE_MAP: AIRichResponseSubMessageType
AI_RICH_RESPONSE_LATEX: AIRichResponseSubMessageType
AI_RICH_RESPONSE_CONTENT_ITEMS: AIRichResponseSubMessageType
UNDEFINED_ENTRY_POINT: BotMetricsEntryPoint
FAVICON: BotMetricsEntryPoint
CHATLIST: BotMetricsEntryPoint
AISEARCH_NULL_STATE_PAPER_PLANE: BotMetricsEntryPoint
AISEARCH_NULL_STATE_SUGGESTION: BotMetricsEntryPoint
AISEARCH_TYPE_AHEAD_SUGGESTION: BotMetricsEntryPoint
AISEARCH_TYPE_AHEAD_PAPER_PLANE: BotMetricsEntryPoint
AISEARCH_TYPE_AHEAD_RESULT_CHATLIST: BotMetricsEntryPoint
AISEARCH_TYPE_AHEAD_RESULT_MESSAGES: BotMetricsEntryPoint
AIVOICE_SEARCH_BAR: BotMetricsEntryPoint
AIVOICE_FAVICON: BotMetricsEntryPoint
AISTUDIO: BotMetricsEntryPoint
DEEPLINK: BotMetricsEntryPoint
NOTIFICATION: BotMetricsEntryPoint
PROFILE_MESSAGE_BUTTON: BotMetricsEntryPoint
FORWARD: BotMetricsEntryPoint
APP_SHORTCUT: BotMetricsEntryPoint
FF_FAMILY: BotMetricsEntryPoint
AI_TAB: BotMetricsEntryPoint
AI_HOME: BotMetricsEntryPoint
AI_DEEPLINK_IMMERSIVE: BotMetricsEntryPoint
AI_DEEPLINK: BotMetricsEntryPoint
META_AI_CHAT_SHORTCUT_AI_STUDIO: BotMetricsEntryPoint
UGC_CHAT_SHORTCUT_AI_STUDIO: BotMetricsEntryPoint
NEW_CHAT_AI_STUDIO: BotMetricsEntryPoint
AIVOICE_FAVICON_CALL_HISTORY: BotMetricsEntryPoint
ASK_META_AI_CONTEXT_MENU: BotMetricsEntryPoint
ASK_META_AI_CONTEXT_MENU_1ON1: BotMetricsEntryPoint
ASK_META_AI_CONTEXT_MENU_GROUP: BotMetricsEntryPoint
INVOKE_META_AI_1ON1: BotMetricsEntryPoint
INVOKE_META_AI_GROUP: BotMetricsEntryPoint
META_AI_FORWARD: BotMetricsEntryPoint
NEW_CHAT_AI_CONTACT: BotMetricsEntryPoint
MESSAGE_QUICK_ACTION_1_ON_1_CHAT: BotMetricsEntryPoint
MESSAGE_QUICK_ACTION_GROUP_CHAT: BotMetricsEntryPoint
ATTACHMENT_TRAY_1_ON_1_CHAT: BotMetricsEntryPoint
ATTACHMENT_TRAY_GROUP_CHAT: BotMetricsEntryPoint
ASK_META_AI_MEDIA_VIEWER_1ON1: BotMetricsEntryPoint
ASK_META_AI_MEDIA_VIEWER_GROUP: BotMetricsEntryPoint
MEDIA_PICKER_1_ON_1_CHAT: BotMetricsEntryPoint
MEDIA_PICKER_GROUP_CHAT: BotMetricsEntryPoint
ASK_META_AI_NO_SEARCH_RESULTS: BotMetricsEntryPoint
META_AI_SETTINGS: BotMetricsEntryPoint
WEB_INTRO_PANEL: BotMetricsEntryPoint
WEB_NAVIGATION_BAR: BotMetricsEntryPoint
GROUP_MEMBER: BotMetricsEntryPoint
CHATLIST_SEARCH: BotMetricsEntryPoint
NEW_CHAT_LIST: BotMetricsEntryPoint
CONTACTS_TAB: BotMetricsEntryPoint
AI_TAB_THREAD: BotMetricsThreadEntryPoint
AI_HOME_THREAD: BotMetricsThreadEntryPoint
AI_DEEPLINK_IMMERSIVE_THREAD: BotMetricsThreadEntryPoint
AI_DEEPLINK_THREAD: BotMetricsThreadEntryPoint
ASK_META_AI_CONTEXT_MENU_THREAD: BotMetricsThreadEntryPoint
NONE: BotSessionSource
NULL_STATE: BotSessionSource
TYPEAHEAD: BotSessionSource
USER_INPUT: BotSessionSource
EMU_FLASH: BotSessionSource
EMU_FLASH_FOLLOWUP: BotSessionSource
VOICE: BotSessionSource
AI_HOME_SESSION: BotSessionSource
UNKNOWN_TYPE: SessionTransparencyType
NY_AI_SAFETY_DISCLAIMER: SessionTransparencyType

class AIRegenerateMetadata(_message.Message):
    __slots__ = ("messageKey", "responseTimestampMs")
    MESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    RESPONSETIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    messageKey: _wa_common_pb2.MessageKey
    responseTimestampMs: int
    def __init__(self, messageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., responseTimestampMs: _Optional[int] = ...) -> None: ...

class AIRichResponseCodeMetadata(_message.Message):
    __slots__ = ("codeLanguage", "codeBlocks")
    class AIRichResponseCodeHighlightType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_DEFAULT: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_KEYWORD: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_METHOD: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_STRING: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_NUMBER: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
        AI_RICH_RESPONSE_CODE_HIGHLIGHT_COMMENT: _ClassVar[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType]
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_DEFAULT: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_KEYWORD: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_METHOD: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_STRING: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_NUMBER: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    AI_RICH_RESPONSE_CODE_HIGHLIGHT_COMMENT: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
    class AIRichResponseCodeBlock(_message.Message):
        __slots__ = ("highlightType", "codeContent")
        HIGHLIGHTTYPE_FIELD_NUMBER: _ClassVar[int]
        CODECONTENT_FIELD_NUMBER: _ClassVar[int]
        highlightType: AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType
        codeContent: str
        def __init__(self, highlightType: _Optional[_Union[AIRichResponseCodeMetadata.AIRichResponseCodeHighlightType, str]] = ..., codeContent: _Optional[str] = ...) -> None: ...
    CODELANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CODEBLOCKS_FIELD_NUMBER: _ClassVar[int]
    codeLanguage: str
    codeBlocks: _containers.RepeatedCompositeFieldContainer[AIRichResponseCodeMetadata.AIRichResponseCodeBlock]
    def __init__(self, codeLanguage: _Optional[str] = ..., codeBlocks: _Optional[_Iterable[_Union[AIRichResponseCodeMetadata.AIRichResponseCodeBlock, _Mapping]]] = ...) -> None: ...

class AIRichResponseContentItemsMetadata(_message.Message):
    __slots__ = ("itemsMetadata", "contentType")
    class ContentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        DEFAULT: _ClassVar[AIRichResponseContentItemsMetadata.ContentType]
        CAROUSEL: _ClassVar[AIRichResponseContentItemsMetadata.ContentType]
    DEFAULT: AIRichResponseContentItemsMetadata.ContentType
    CAROUSEL: AIRichResponseContentItemsMetadata.ContentType
    class AIRichResponseContentItemMetadata(_message.Message):
        __slots__ = ("reelItem",)
        REELITEM_FIELD_NUMBER: _ClassVar[int]
        reelItem: AIRichResponseContentItemsMetadata.AIRichResponseReelItem
        def __init__(self, reelItem: _Optional[_Union[AIRichResponseContentItemsMetadata.AIRichResponseReelItem, _Mapping]] = ...) -> None: ...
    class AIRichResponseReelItem(_message.Message):
        __slots__ = ("title", "profileIconUrl", "thumbnailUrl", "videoUrl")
        TITLE_FIELD_NUMBER: _ClassVar[int]
        PROFILEICONURL_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILURL_FIELD_NUMBER: _ClassVar[int]
        VIDEOURL_FIELD_NUMBER: _ClassVar[int]
        title: str
        profileIconUrl: str
        thumbnailUrl: str
        videoUrl: str
        def __init__(self, title: _Optional[str] = ..., profileIconUrl: _Optional[str] = ..., thumbnailUrl: _Optional[str] = ..., videoUrl: _Optional[str] = ...) -> None: ...
    ITEMSMETADATA_FIELD_NUMBER: _ClassVar[int]
    CONTENTTYPE_FIELD_NUMBER: _ClassVar[int]
    itemsMetadata: _containers.RepeatedCompositeFieldContainer[AIRichResponseContentItemsMetadata.AIRichResponseContentItemMetadata]
    contentType: AIRichResponseContentItemsMetadata.ContentType
    def __init__(self, itemsMetadata: _Optional[_Iterable[_Union[AIRichResponseContentItemsMetadata.AIRichResponseContentItemMetadata, _Mapping]]] = ..., contentType: _Optional[_Union[AIRichResponseContentItemsMetadata.ContentType, str]] = ...) -> None: ...

class AIRichResponseDynamicMetadata(_message.Message):
    __slots__ = ("type", "version", "url", "loopCount")
    class AIRichResponseDynamicMetadataType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_UNKNOWN: _ClassVar[AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType]
        AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_IMAGE: _ClassVar[AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType]
        AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_GIF: _ClassVar[AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType]
    AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_UNKNOWN: AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType
    AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_IMAGE: AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType
    AI_RICH_RESPONSE_DYNAMIC_METADATA_TYPE_GIF: AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    LOOPCOUNT_FIELD_NUMBER: _ClassVar[int]
    type: AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType
    version: int
    url: str
    loopCount: int
    def __init__(self, type: _Optional[_Union[AIRichResponseDynamicMetadata.AIRichResponseDynamicMetadataType, str]] = ..., version: _Optional[int] = ..., url: _Optional[str] = ..., loopCount: _Optional[int] = ...) -> None: ...

class AIRichResponseGridImageMetadata(_message.Message):
    __slots__ = ("gridImageUrl", "imageUrls")
    GRIDIMAGEURL_FIELD_NUMBER: _ClassVar[int]
    IMAGEURLS_FIELD_NUMBER: _ClassVar[int]
    gridImageUrl: AIRichResponseImageURL
    imageUrls: _containers.RepeatedCompositeFieldContainer[AIRichResponseImageURL]
    def __init__(self, gridImageUrl: _Optional[_Union[AIRichResponseImageURL, _Mapping]] = ..., imageUrls: _Optional[_Iterable[_Union[AIRichResponseImageURL, _Mapping]]] = ...) -> None: ...

class AIRichResponseImageURL(_message.Message):
    __slots__ = ("imagePreviewUrl", "imageHighResUrl", "sourceUrl")
    IMAGEPREVIEWURL_FIELD_NUMBER: _ClassVar[int]
    IMAGEHIGHRESURL_FIELD_NUMBER: _ClassVar[int]
    SOURCEURL_FIELD_NUMBER: _ClassVar[int]
    imagePreviewUrl: str
    imageHighResUrl: str
    sourceUrl: str
    def __init__(self, imagePreviewUrl: _Optional[str] = ..., imageHighResUrl: _Optional[str] = ..., sourceUrl: _Optional[str] = ...) -> None: ...

class AIRichResponseInlineImageMetadata(_message.Message):
    __slots__ = ("imageUrl", "imageText", "alignment", "tapLinkUrl")
    class AIRichResponseImageAlignment(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        AI_RICH_RESPONSE_IMAGE_LAYOUT_LEADING_ALIGNED: _ClassVar[AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment]
        AI_RICH_RESPONSE_IMAGE_LAYOUT_TRAILING_ALIGNED: _ClassVar[AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment]
        AI_RICH_RESPONSE_IMAGE_LAYOUT_CENTER_ALIGNED: _ClassVar[AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment]
    AI_RICH_RESPONSE_IMAGE_LAYOUT_LEADING_ALIGNED: AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment
    AI_RICH_RESPONSE_IMAGE_LAYOUT_TRAILING_ALIGNED: AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment
    AI_RICH_RESPONSE_IMAGE_LAYOUT_CENTER_ALIGNED: AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment
    IMAGEURL_FIELD_NUMBER: _ClassVar[int]
    IMAGETEXT_FIELD_NUMBER: _ClassVar[int]
    ALIGNMENT_FIELD_NUMBER: _ClassVar[int]
    TAPLINKURL_FIELD_NUMBER: _ClassVar[int]
    imageUrl: AIRichResponseImageURL
    imageText: str
    alignment: AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment
    tapLinkUrl: str
    def __init__(self, imageUrl: _Optional[_Union[AIRichResponseImageURL, _Mapping]] = ..., imageText: _Optional[str] = ..., alignment: _Optional[_Union[AIRichResponseInlineImageMetadata.AIRichResponseImageAlignment, str]] = ..., tapLinkUrl: _Optional[str] = ...) -> None: ...

class AIRichResponseLatexMetadata(_message.Message):
    __slots__ = ("text", "expressions")
    class AIRichResponseLatexExpression(_message.Message):
        __slots__ = ("latexExpression", "url", "width", "height", "fontHeight", "imageTopPadding", "imageLeadingPadding", "imageBottomPadding", "imageTrailingPadding")
        LATEXEXPRESSION_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        FONTHEIGHT_FIELD_NUMBER: _ClassVar[int]
        IMAGETOPPADDING_FIELD_NUMBER: _ClassVar[int]
        IMAGELEADINGPADDING_FIELD_NUMBER: _ClassVar[int]
        IMAGEBOTTOMPADDING_FIELD_NUMBER: _ClassVar[int]
        IMAGETRAILINGPADDING_FIELD_NUMBER: _ClassVar[int]
        latexExpression: str
        url: str
        width: float
        height: float
        fontHeight: float
        imageTopPadding: float
        imageLeadingPadding: float
        imageBottomPadding: float
        imageTrailingPadding: float
        def __init__(self, latexExpression: _Optional[str] = ..., url: _Optional[str] = ..., width: _Optional[float] = ..., height: _Optional[float] = ..., fontHeight: _Optional[float] = ..., imageTopPadding: _Optional[float] = ..., imageLeadingPadding: _Optional[float] = ..., imageBottomPadding: _Optional[float] = ..., imageTrailingPadding: _Optional[float] = ...) -> None: ...
    TEXT_FIELD_NUMBER: _ClassVar[int]
    EXPRESSIONS_FIELD_NUMBER: _ClassVar[int]
    text: str
    expressions: _containers.RepeatedCompositeFieldContainer[AIRichResponseLatexMetadata.AIRichResponseLatexExpression]
    def __init__(self, text: _Optional[str] = ..., expressions: _Optional[_Iterable[_Union[AIRichResponseLatexMetadata.AIRichResponseLatexExpression, _Mapping]]] = ...) -> None: ...

class AIRichResponseMapMetadata(_message.Message):
    __slots__ = ("centerLatitude", "centerLongitude", "latitudeDelta", "longitudeDelta", "annotations", "showInfoList")
    class AIRichResponseMapAnnotation(_message.Message):
        __slots__ = ("annotationNumber", "latitude", "longitude", "title", "body")
        ANNOTATIONNUMBER_FIELD_NUMBER: _ClassVar[int]
        LATITUDE_FIELD_NUMBER: _ClassVar[int]
        LONGITUDE_FIELD_NUMBER: _ClassVar[int]
        TITLE_FIELD_NUMBER: _ClassVar[int]
        BODY_FIELD_NUMBER: _ClassVar[int]
        annotationNumber: int
        latitude: float
        longitude: float
        title: str
        body: str
        def __init__(self, annotationNumber: _Optional[int] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., title: _Optional[str] = ..., body: _Optional[str] = ...) -> None: ...
    CENTERLATITUDE_FIELD_NUMBER: _ClassVar[int]
    CENTERLONGITUDE_FIELD_NUMBER: _ClassVar[int]
    LATITUDEDELTA_FIELD_NUMBER: _ClassVar[int]
    LONGITUDEDELTA_FIELD_NUMBER: _ClassVar[int]
    ANNOTATIONS_FIELD_NUMBER: _ClassVar[int]
    SHOWINFOLIST_FIELD_NUMBER: _ClassVar[int]
    centerLatitude: float
    centerLongitude: float
    latitudeDelta: float
    longitudeDelta: float
    annotations: _containers.RepeatedCompositeFieldContainer[AIRichResponseMapMetadata.AIRichResponseMapAnnotation]
    showInfoList: bool
    def __init__(self, centerLatitude: _Optional[float] = ..., centerLongitude: _Optional[float] = ..., latitudeDelta: _Optional[float] = ..., longitudeDelta: _Optional[float] = ..., annotations: _Optional[_Iterable[_Union[AIRichResponseMapMetadata.AIRichResponseMapAnnotation, _Mapping]]] = ..., showInfoList: _Optional[bool] = ...) -> None: ...

class AIRichResponseSubMessage(_message.Message):
    __slots__ = ("messageType", "gridImageMetadata", "messageText", "imageMetadata", "codeMetadata", "tableMetadata", "dynamicMetadata", "latexMetadata", "mapMetadata", "contentItemsMetadata")
    MESSAGETYPE_FIELD_NUMBER: _ClassVar[int]
    GRIDIMAGEMETADATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGETEXT_FIELD_NUMBER: _ClassVar[int]
    IMAGEMETADATA_FIELD_NUMBER: _ClassVar[int]
    CODEMETADATA_FIELD_NUMBER: _ClassVar[int]
    TABLEMETADATA_FIELD_NUMBER: _ClassVar[int]
    DYNAMICMETADATA_FIELD_NUMBER: _ClassVar[int]
    LATEXMETADATA_FIELD_NUMBER: _ClassVar[int]
    MAPMETADATA_FIELD_NUMBER: _ClassVar[int]
    CONTENTITEMSMETADATA_FIELD_NUMBER: _ClassVar[int]
    messageType: AIRichResponseSubMessageType
    gridImageMetadata: AIRichResponseGridImageMetadata
    messageText: str
    imageMetadata: AIRichResponseInlineImageMetadata
    codeMetadata: AIRichResponseCodeMetadata
    tableMetadata: AIRichResponseTableMetadata
    dynamicMetadata: AIRichResponseDynamicMetadata
    latexMetadata: AIRichResponseLatexMetadata
    mapMetadata: AIRichResponseMapMetadata
    contentItemsMetadata: AIRichResponseContentItemsMetadata
    def __init__(self, messageType: _Optional[_Union[AIRichResponseSubMessageType, str]] = ..., gridImageMetadata: _Optional[_Union[AIRichResponseGridImageMetadata, _Mapping]] = ..., messageText: _Optional[str] = ..., imageMetadata: _Optional[_Union[AIRichResponseInlineImageMetadata, _Mapping]] = ..., codeMetadata: _Optional[_Union[AIRichResponseCodeMetadata, _Mapping]] = ..., tableMetadata: _Optional[_Union[AIRichResponseTableMetadata, _Mapping]] = ..., dynamicMetadata: _Optional[_Union[AIRichResponseDynamicMetadata, _Mapping]] = ..., latexMetadata: _Optional[_Union[AIRichResponseLatexMetadata, _Mapping]] = ..., mapMetadata: _Optional[_Union[AIRichResponseMapMetadata, _Mapping]] = ..., contentItemsMetadata: _Optional[_Union[AIRichResponseContentItemsMetadata, _Mapping]] = ...) -> None: ...

class AIRichResponseTableMetadata(_message.Message):
    __slots__ = ("rows", "title")
    class AIRichResponseTableRow(_message.Message):
        __slots__ = ("items", "isHeading")
        ITEMS_FIELD_NUMBER: _ClassVar[int]
        ISHEADING_FIELD_NUMBER: _ClassVar[int]
        items: _containers.RepeatedScalarFieldContainer[str]
        isHeading: bool
        def __init__(self, items: _Optional[_Iterable[str]] = ..., isHeading: _Optional[bool] = ...) -> None: ...
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[AIRichResponseTableMetadata.AIRichResponseTableRow]
    title: str
    def __init__(self, rows: _Optional[_Iterable[_Union[AIRichResponseTableMetadata.AIRichResponseTableRow, _Mapping]]] = ..., title: _Optional[str] = ...) -> None: ...

class AIRichResponseUnifiedResponse(_message.Message):
    __slots__ = ("data",)
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class AIThreadInfo(_message.Message):
    __slots__ = ("serverInfo", "clientInfo")
    class AIThreadClientInfo(_message.Message):
        __slots__ = ("type", "sourceChatJID")
        class AIThreadType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[AIThreadInfo.AIThreadClientInfo.AIThreadType]
            DEFAULT: _ClassVar[AIThreadInfo.AIThreadClientInfo.AIThreadType]
            INCOGNITO: _ClassVar[AIThreadInfo.AIThreadClientInfo.AIThreadType]
            SIDE_CHAT: _ClassVar[AIThreadInfo.AIThreadClientInfo.AIThreadType]
        UNKNOWN: AIThreadInfo.AIThreadClientInfo.AIThreadType
        DEFAULT: AIThreadInfo.AIThreadClientInfo.AIThreadType
        INCOGNITO: AIThreadInfo.AIThreadClientInfo.AIThreadType
        SIDE_CHAT: AIThreadInfo.AIThreadClientInfo.AIThreadType
        TYPE_FIELD_NUMBER: _ClassVar[int]
        SOURCECHATJID_FIELD_NUMBER: _ClassVar[int]
        type: AIThreadInfo.AIThreadClientInfo.AIThreadType
        sourceChatJID: str
        def __init__(self, type: _Optional[_Union[AIThreadInfo.AIThreadClientInfo.AIThreadType, str]] = ..., sourceChatJID: _Optional[str] = ...) -> None: ...
    class AIThreadServerInfo(_message.Message):
        __slots__ = ("title",)
        TITLE_FIELD_NUMBER: _ClassVar[int]
        title: str
        def __init__(self, title: _Optional[str] = ...) -> None: ...
    SERVERINFO_FIELD_NUMBER: _ClassVar[int]
    CLIENTINFO_FIELD_NUMBER: _ClassVar[int]
    serverInfo: AIThreadInfo.AIThreadServerInfo
    clientInfo: AIThreadInfo.AIThreadClientInfo
    def __init__(self, serverInfo: _Optional[_Union[AIThreadInfo.AIThreadServerInfo, _Mapping]] = ..., clientInfo: _Optional[_Union[AIThreadInfo.AIThreadClientInfo, _Mapping]] = ...) -> None: ...

class BotAgeCollectionMetadata(_message.Message):
    __slots__ = ("ageCollectionEligible", "shouldTriggerAgeCollectionOnClient", "ageCollectionType")
    class AgeCollectionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        O18_BINARY: _ClassVar[BotAgeCollectionMetadata.AgeCollectionType]
        WAFFLE: _ClassVar[BotAgeCollectionMetadata.AgeCollectionType]
    O18_BINARY: BotAgeCollectionMetadata.AgeCollectionType
    WAFFLE: BotAgeCollectionMetadata.AgeCollectionType
    AGECOLLECTIONELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    SHOULDTRIGGERAGECOLLECTIONONCLIENT_FIELD_NUMBER: _ClassVar[int]
    AGECOLLECTIONTYPE_FIELD_NUMBER: _ClassVar[int]
    ageCollectionEligible: bool
    shouldTriggerAgeCollectionOnClient: bool
    ageCollectionType: BotAgeCollectionMetadata.AgeCollectionType
    def __init__(self, ageCollectionEligible: _Optional[bool] = ..., shouldTriggerAgeCollectionOnClient: _Optional[bool] = ..., ageCollectionType: _Optional[_Union[BotAgeCollectionMetadata.AgeCollectionType, str]] = ...) -> None: ...

class BotAvatarMetadata(_message.Message):
    __slots__ = ("sentiment", "behaviorGraph", "action", "intensity", "wordCount")
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    BEHAVIORGRAPH_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    INTENSITY_FIELD_NUMBER: _ClassVar[int]
    WORDCOUNT_FIELD_NUMBER: _ClassVar[int]
    sentiment: int
    behaviorGraph: str
    action: int
    intensity: int
    wordCount: int
    def __init__(self, sentiment: _Optional[int] = ..., behaviorGraph: _Optional[str] = ..., action: _Optional[int] = ..., intensity: _Optional[int] = ..., wordCount: _Optional[int] = ...) -> None: ...

class BotCapabilityMetadata(_message.Message):
    __slots__ = ("capabilities",)
    class BotCapabilityType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        PROGRESS_INDICATOR: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_HEADING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_NESTED_LIST: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_MEMORY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_THREAD_SURFING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_TABLE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_CODE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_STRUCTURED_RESPONSE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_INLINE_IMAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_CONTROL: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_1: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_2: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_3: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_4: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_5: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_6: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_7: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_8: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_9: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        WA_IG_1P_PLUGIN_RANKING_UPDATE_10: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_SUB_HEADING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_GRID_IMAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_STUDIO_UGC_MEMORY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_LATEX: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_MAPS: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_INLINE_REELS: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AGENTIC_PLANNING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        ACCOUNT_LINKING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        STREAMING_DISAGGREGATION: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_GRID_IMAGE_3P: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_LATEX_INLINE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        QUERY_PLAN: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        PROACTIVE_MESSAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UNIFIED_RESPONSE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        PROMOTION_MESSAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        SIMPLIFIED_PROFILE_PAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_SOURCES_IN_MESSAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_SIDE_BY_SIDE_SURVEY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UNIFIED_TEXT_COMPONENT: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_SHARED_MEMORY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UNIFIED_SOURCES: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UNIFIED_DOMAIN_CITATIONS: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_INLINE_REELS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_MEDIA_GRID_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_TIMESTAMP_PLACEHOLDER: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_IN_APP_SURVEY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_RESPONSE_MODEL_BRANDING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        SESSION_TRANSPARENCY_SYSTEM_MESSAGE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_REASONING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_ZEITGEIST_CITATIONS: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_ZEITGEIST_CAROUSEL: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_IMAGINE_LOADING_INDICATOR: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_IMAGINE: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_IMAGINE_UR_TO_NATIVE_LOADING_INDICATOR: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_BLOKS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_INLINE_LINKS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_UR_IMAGINE_VIDEO: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        JSON_PATCH_STREAMING: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_TAB_FORCE_CLIPPY: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        UNIFIED_RESPONSE_EMBEDDED_SCREENS: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_SUBSCRIPTION_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        UNIFIED_RESPONSE_AI_CONTENT_SEARCH_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        UNIFIED_RESPONSE_MARKDOWN_LINKS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_RICH_RESPONSE_MAPS_V2_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_SUBSCRIPTION_METERING_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        RICH_RESPONSE_SPORTS_WIDGET_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_RICH_RESPONSE_ARTIFACTS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_RICH_RESPONSE_EMAIL_CALENDAR_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
        AI_RICH_RESPONSE_REMINDERS_ENABLED: _ClassVar[BotCapabilityMetadata.BotCapabilityType]
    UNKNOWN: BotCapabilityMetadata.BotCapabilityType
    PROGRESS_INDICATOR: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_HEADING: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_NESTED_LIST: BotCapabilityMetadata.BotCapabilityType
    AI_MEMORY: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_THREAD_SURFING: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_TABLE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_CODE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_STRUCTURED_RESPONSE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_INLINE_IMAGE: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_CONTROL: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_1: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_2: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_3: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_4: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_5: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_6: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_7: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_8: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_9: BotCapabilityMetadata.BotCapabilityType
    WA_IG_1P_PLUGIN_RANKING_UPDATE_10: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_SUB_HEADING: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_GRID_IMAGE: BotCapabilityMetadata.BotCapabilityType
    AI_STUDIO_UGC_MEMORY: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_LATEX: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_MAPS: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_INLINE_REELS: BotCapabilityMetadata.BotCapabilityType
    AGENTIC_PLANNING: BotCapabilityMetadata.BotCapabilityType
    ACCOUNT_LINKING: BotCapabilityMetadata.BotCapabilityType
    STREAMING_DISAGGREGATION: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_GRID_IMAGE_3P: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_LATEX_INLINE: BotCapabilityMetadata.BotCapabilityType
    QUERY_PLAN: BotCapabilityMetadata.BotCapabilityType
    PROACTIVE_MESSAGE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UNIFIED_RESPONSE: BotCapabilityMetadata.BotCapabilityType
    PROMOTION_MESSAGE: BotCapabilityMetadata.BotCapabilityType
    SIMPLIFIED_PROFILE_PAGE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_SOURCES_IN_MESSAGE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_SIDE_BY_SIDE_SURVEY: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UNIFIED_TEXT_COMPONENT: BotCapabilityMetadata.BotCapabilityType
    AI_SHARED_MEMORY: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UNIFIED_SOURCES: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UNIFIED_DOMAIN_CITATIONS: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_INLINE_REELS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_MEDIA_GRID_ENABLED: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_TIMESTAMP_PLACEHOLDER: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_IN_APP_SURVEY: BotCapabilityMetadata.BotCapabilityType
    AI_RESPONSE_MODEL_BRANDING: BotCapabilityMetadata.BotCapabilityType
    SESSION_TRANSPARENCY_SYSTEM_MESSAGE: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_REASONING: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_ZEITGEIST_CITATIONS: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_ZEITGEIST_CAROUSEL: BotCapabilityMetadata.BotCapabilityType
    AI_IMAGINE_LOADING_INDICATOR: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_IMAGINE: BotCapabilityMetadata.BotCapabilityType
    AI_IMAGINE_UR_TO_NATIVE_LOADING_INDICATOR: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_BLOKS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_INLINE_LINKS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_UR_IMAGINE_VIDEO: BotCapabilityMetadata.BotCapabilityType
    JSON_PATCH_STREAMING: BotCapabilityMetadata.BotCapabilityType
    AI_TAB_FORCE_CLIPPY: BotCapabilityMetadata.BotCapabilityType
    UNIFIED_RESPONSE_EMBEDDED_SCREENS: BotCapabilityMetadata.BotCapabilityType
    AI_SUBSCRIPTION_ENABLED: BotCapabilityMetadata.BotCapabilityType
    UNIFIED_RESPONSE_AI_CONTENT_SEARCH_ENABLED: BotCapabilityMetadata.BotCapabilityType
    UNIFIED_RESPONSE_MARKDOWN_LINKS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    AI_RICH_RESPONSE_MAPS_V2_ENABLED: BotCapabilityMetadata.BotCapabilityType
    AI_SUBSCRIPTION_METERING_ENABLED: BotCapabilityMetadata.BotCapabilityType
    RICH_RESPONSE_SPORTS_WIDGET_ENABLED: BotCapabilityMetadata.BotCapabilityType
    AI_RICH_RESPONSE_ARTIFACTS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    AI_RICH_RESPONSE_EMAIL_CALENDAR_ENABLED: BotCapabilityMetadata.BotCapabilityType
    AI_RICH_RESPONSE_REMINDERS_ENABLED: BotCapabilityMetadata.BotCapabilityType
    CAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    capabilities: _containers.RepeatedScalarFieldContainer[BotCapabilityMetadata.BotCapabilityType]
    def __init__(self, capabilities: _Optional[_Iterable[_Union[BotCapabilityMetadata.BotCapabilityType, str]]] = ...) -> None: ...

class BotFeedbackMessage(_message.Message):
    __slots__ = ("messageKey", "kind", "text", "kindNegative", "kindPositive", "kindReport", "sideBySideSurveyMetadata")
    class BotFeedbackKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        BOT_FEEDBACK_POSITIVE: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_GENERIC: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_HELPFUL: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_INTERESTING: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_ACCURATE: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_SAFE: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_OTHER: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_REFUSED: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_NOT_VISUALLY_APPEALING: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_NOT_RELEVANT_TO_TEXT: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_PERSONALIZED: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_CLARITY: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_DOESNT_LOOK_LIKE_THE_PERSON: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE_HALLUCINATION_INTERNAL_ONLY: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
        BOT_FEEDBACK_NEGATIVE: _ClassVar[BotFeedbackMessage.BotFeedbackKind]
    BOT_FEEDBACK_POSITIVE: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_GENERIC: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_HELPFUL: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_INTERESTING: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_ACCURATE: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_SAFE: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_OTHER: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_REFUSED: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_NOT_VISUALLY_APPEALING: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_NOT_RELEVANT_TO_TEXT: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_PERSONALIZED: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_CLARITY: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_DOESNT_LOOK_LIKE_THE_PERSON: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE_HALLUCINATION_INTERNAL_ONLY: BotFeedbackMessage.BotFeedbackKind
    BOT_FEEDBACK_NEGATIVE: BotFeedbackMessage.BotFeedbackKind
    class BotFeedbackKindMultipleNegative(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_GENERIC: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_HELPFUL: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_INTERESTING: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_ACCURATE: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_SAFE: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_OTHER: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_REFUSED: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_NOT_VISUALLY_APPEALING: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
        BOT_FEEDBACK_MULTIPLE_NEGATIVE_NOT_RELEVANT_TO_TEXT: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultipleNegative]
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_GENERIC: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_HELPFUL: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_INTERESTING: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_ACCURATE: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_SAFE: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_OTHER: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_REFUSED: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_NOT_VISUALLY_APPEALING: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    BOT_FEEDBACK_MULTIPLE_NEGATIVE_NOT_RELEVANT_TO_TEXT: BotFeedbackMessage.BotFeedbackKindMultipleNegative
    class BotFeedbackKindMultiplePositive(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        BOT_FEEDBACK_MULTIPLE_POSITIVE_GENERIC: _ClassVar[BotFeedbackMessage.BotFeedbackKindMultiplePositive]
    BOT_FEEDBACK_MULTIPLE_POSITIVE_GENERIC: BotFeedbackMessage.BotFeedbackKindMultiplePositive
    class ReportKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NONE: _ClassVar[BotFeedbackMessage.ReportKind]
        GENERIC: _ClassVar[BotFeedbackMessage.ReportKind]
    NONE: BotFeedbackMessage.ReportKind
    GENERIC: BotFeedbackMessage.ReportKind
    class SideBySideSurveyMetadata(_message.Message):
        __slots__ = ("selectedRequestId", "surveyId", "simonSessionFbid", "responseOtid", "responseTimestampMsString", "isSelectedResponsePrimary", "messageIdToEdit", "analyticsData", "metaAiAnalyticsData")
        class SideBySideSurveyAnalyticsData(_message.Message):
            __slots__ = ("tessaEvent", "tessaSessionFbid", "simonSessionFbid")
            TESSAEVENT_FIELD_NUMBER: _ClassVar[int]
            TESSASESSIONFBID_FIELD_NUMBER: _ClassVar[int]
            SIMONSESSIONFBID_FIELD_NUMBER: _ClassVar[int]
            tessaEvent: str
            tessaSessionFbid: str
            simonSessionFbid: str
            def __init__(self, tessaEvent: _Optional[str] = ..., tessaSessionFbid: _Optional[str] = ..., simonSessionFbid: _Optional[str] = ...) -> None: ...
        class SidebySideSurveyMetaAiAnalyticsData(_message.Message):
            __slots__ = ("surveyId", "primaryResponseId", "testArmName", "timestampMsString", "ctaImpressionEvent", "ctaClickEvent", "cardImpressionEvent", "responseEvent", "abandonEvent")
            class SideBySideSurveyAbandonEventData(_message.Message):
                __slots__ = ("abandonDwellTimeMsString",)
                ABANDONDWELLTIMEMSSTRING_FIELD_NUMBER: _ClassVar[int]
                abandonDwellTimeMsString: str
                def __init__(self, abandonDwellTimeMsString: _Optional[str] = ...) -> None: ...
            class SideBySideSurveyCTAClickEventData(_message.Message):
                __slots__ = ("isSurveyExpired", "clickDwellTimeMsString")
                ISSURVEYEXPIRED_FIELD_NUMBER: _ClassVar[int]
                CLICKDWELLTIMEMSSTRING_FIELD_NUMBER: _ClassVar[int]
                isSurveyExpired: bool
                clickDwellTimeMsString: str
                def __init__(self, isSurveyExpired: _Optional[bool] = ..., clickDwellTimeMsString: _Optional[str] = ...) -> None: ...
            class SideBySideSurveyCTAImpressionEventData(_message.Message):
                __slots__ = ("isSurveyExpired",)
                ISSURVEYEXPIRED_FIELD_NUMBER: _ClassVar[int]
                isSurveyExpired: bool
                def __init__(self, isSurveyExpired: _Optional[bool] = ...) -> None: ...
            class SideBySideSurveyCardImpressionEventData(_message.Message):
                __slots__ = ()
                def __init__(self) -> None: ...
            class SideBySideSurveyResponseEventData(_message.Message):
                __slots__ = ("responseDwellTimeMsString", "selectedResponseId")
                RESPONSEDWELLTIMEMSSTRING_FIELD_NUMBER: _ClassVar[int]
                SELECTEDRESPONSEID_FIELD_NUMBER: _ClassVar[int]
                responseDwellTimeMsString: str
                selectedResponseId: str
                def __init__(self, responseDwellTimeMsString: _Optional[str] = ..., selectedResponseId: _Optional[str] = ...) -> None: ...
            SURVEYID_FIELD_NUMBER: _ClassVar[int]
            PRIMARYRESPONSEID_FIELD_NUMBER: _ClassVar[int]
            TESTARMNAME_FIELD_NUMBER: _ClassVar[int]
            TIMESTAMPMSSTRING_FIELD_NUMBER: _ClassVar[int]
            CTAIMPRESSIONEVENT_FIELD_NUMBER: _ClassVar[int]
            CTACLICKEVENT_FIELD_NUMBER: _ClassVar[int]
            CARDIMPRESSIONEVENT_FIELD_NUMBER: _ClassVar[int]
            RESPONSEEVENT_FIELD_NUMBER: _ClassVar[int]
            ABANDONEVENT_FIELD_NUMBER: _ClassVar[int]
            surveyId: int
            primaryResponseId: str
            testArmName: str
            timestampMsString: str
            ctaImpressionEvent: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCTAImpressionEventData
            ctaClickEvent: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCTAClickEventData
            cardImpressionEvent: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCardImpressionEventData
            responseEvent: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyResponseEventData
            abandonEvent: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyAbandonEventData
            def __init__(self, surveyId: _Optional[int] = ..., primaryResponseId: _Optional[str] = ..., testArmName: _Optional[str] = ..., timestampMsString: _Optional[str] = ..., ctaImpressionEvent: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCTAImpressionEventData, _Mapping]] = ..., ctaClickEvent: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCTAClickEventData, _Mapping]] = ..., cardImpressionEvent: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyCardImpressionEventData, _Mapping]] = ..., responseEvent: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyResponseEventData, _Mapping]] = ..., abandonEvent: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData.SideBySideSurveyAbandonEventData, _Mapping]] = ...) -> None: ...
        SELECTEDREQUESTID_FIELD_NUMBER: _ClassVar[int]
        SURVEYID_FIELD_NUMBER: _ClassVar[int]
        SIMONSESSIONFBID_FIELD_NUMBER: _ClassVar[int]
        RESPONSEOTID_FIELD_NUMBER: _ClassVar[int]
        RESPONSETIMESTAMPMSSTRING_FIELD_NUMBER: _ClassVar[int]
        ISSELECTEDRESPONSEPRIMARY_FIELD_NUMBER: _ClassVar[int]
        MESSAGEIDTOEDIT_FIELD_NUMBER: _ClassVar[int]
        ANALYTICSDATA_FIELD_NUMBER: _ClassVar[int]
        METAAIANALYTICSDATA_FIELD_NUMBER: _ClassVar[int]
        selectedRequestId: str
        surveyId: int
        simonSessionFbid: str
        responseOtid: str
        responseTimestampMsString: str
        isSelectedResponsePrimary: bool
        messageIdToEdit: str
        analyticsData: BotFeedbackMessage.SideBySideSurveyMetadata.SideBySideSurveyAnalyticsData
        metaAiAnalyticsData: BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData
        def __init__(self, selectedRequestId: _Optional[str] = ..., surveyId: _Optional[int] = ..., simonSessionFbid: _Optional[str] = ..., responseOtid: _Optional[str] = ..., responseTimestampMsString: _Optional[str] = ..., isSelectedResponsePrimary: _Optional[bool] = ..., messageIdToEdit: _Optional[str] = ..., analyticsData: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SideBySideSurveyAnalyticsData, _Mapping]] = ..., metaAiAnalyticsData: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata.SidebySideSurveyMetaAiAnalyticsData, _Mapping]] = ...) -> None: ...
    MESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    KINDNEGATIVE_FIELD_NUMBER: _ClassVar[int]
    KINDPOSITIVE_FIELD_NUMBER: _ClassVar[int]
    KINDREPORT_FIELD_NUMBER: _ClassVar[int]
    SIDEBYSIDESURVEYMETADATA_FIELD_NUMBER: _ClassVar[int]
    messageKey: _wa_common_pb2.MessageKey
    kind: BotFeedbackMessage.BotFeedbackKind
    text: str
    kindNegative: int
    kindPositive: int
    kindReport: BotFeedbackMessage.ReportKind
    sideBySideSurveyMetadata: BotFeedbackMessage.SideBySideSurveyMetadata
    def __init__(self, messageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., kind: _Optional[_Union[BotFeedbackMessage.BotFeedbackKind, str]] = ..., text: _Optional[str] = ..., kindNegative: _Optional[int] = ..., kindPositive: _Optional[int] = ..., kindReport: _Optional[_Union[BotFeedbackMessage.ReportKind, str]] = ..., sideBySideSurveyMetadata: _Optional[_Union[BotFeedbackMessage.SideBySideSurveyMetadata, _Mapping]] = ...) -> None: ...

class BotImagineMetadata(_message.Message):
    __slots__ = ("imagineType", "shortPrompt")
    class ImagineType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[BotImagineMetadata.ImagineType]
        IMAGINE: _ClassVar[BotImagineMetadata.ImagineType]
        MEMU: _ClassVar[BotImagineMetadata.ImagineType]
        FLASH: _ClassVar[BotImagineMetadata.ImagineType]
        EDIT: _ClassVar[BotImagineMetadata.ImagineType]
    UNKNOWN: BotImagineMetadata.ImagineType
    IMAGINE: BotImagineMetadata.ImagineType
    MEMU: BotImagineMetadata.ImagineType
    FLASH: BotImagineMetadata.ImagineType
    EDIT: BotImagineMetadata.ImagineType
    IMAGINETYPE_FIELD_NUMBER: _ClassVar[int]
    SHORTPROMPT_FIELD_NUMBER: _ClassVar[int]
    imagineType: BotImagineMetadata.ImagineType
    shortPrompt: str
    def __init__(self, imagineType: _Optional[_Union[BotImagineMetadata.ImagineType, str]] = ..., shortPrompt: _Optional[str] = ...) -> None: ...

class BotLinkedAccount(_message.Message):
    __slots__ = ("type",)
    class BotLinkedAccountType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        BOT_LINKED_ACCOUNT_TYPE_1P: _ClassVar[BotLinkedAccount.BotLinkedAccountType]
    BOT_LINKED_ACCOUNT_TYPE_1P: BotLinkedAccount.BotLinkedAccountType
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: BotLinkedAccount.BotLinkedAccountType
    def __init__(self, type: _Optional[_Union[BotLinkedAccount.BotLinkedAccountType, str]] = ...) -> None: ...

class BotLinkedAccountsMetadata(_message.Message):
    __slots__ = ("accounts", "acAuthTokens", "acErrorCode")
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    ACAUTHTOKENS_FIELD_NUMBER: _ClassVar[int]
    ACERRORCODE_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[BotLinkedAccount]
    acAuthTokens: bytes
    acErrorCode: int
    def __init__(self, accounts: _Optional[_Iterable[_Union[BotLinkedAccount, _Mapping]]] = ..., acAuthTokens: _Optional[bytes] = ..., acErrorCode: _Optional[int] = ...) -> None: ...

class BotMediaMetadata(_message.Message):
    __slots__ = ("fileSha256", "mediaKey", "fileEncSha256", "directPath", "mediaKeyTimestamp", "mimetype", "orientationType")
    class OrientationType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CENTER: _ClassVar[BotMediaMetadata.OrientationType]
        LEFT: _ClassVar[BotMediaMetadata.OrientationType]
        RIGHT: _ClassVar[BotMediaMetadata.OrientationType]
    CENTER: BotMediaMetadata.OrientationType
    LEFT: BotMediaMetadata.OrientationType
    RIGHT: BotMediaMetadata.OrientationType
    FILESHA256_FIELD_NUMBER: _ClassVar[int]
    MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
    FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    MEDIAKEYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    MIMETYPE_FIELD_NUMBER: _ClassVar[int]
    ORIENTATIONTYPE_FIELD_NUMBER: _ClassVar[int]
    fileSha256: str
    mediaKey: str
    fileEncSha256: str
    directPath: str
    mediaKeyTimestamp: int
    mimetype: str
    orientationType: BotMediaMetadata.OrientationType
    def __init__(self, fileSha256: _Optional[str] = ..., mediaKey: _Optional[str] = ..., fileEncSha256: _Optional[str] = ..., directPath: _Optional[str] = ..., mediaKeyTimestamp: _Optional[int] = ..., mimetype: _Optional[str] = ..., orientationType: _Optional[_Union[BotMediaMetadata.OrientationType, str]] = ...) -> None: ...

class BotMemoryFact(_message.Message):
    __slots__ = ("fact", "factId")
    FACT_FIELD_NUMBER: _ClassVar[int]
    FACTID_FIELD_NUMBER: _ClassVar[int]
    fact: str
    factId: str
    def __init__(self, fact: _Optional[str] = ..., factId: _Optional[str] = ...) -> None: ...

class BotMemoryMetadata(_message.Message):
    __slots__ = ("addedFacts", "removedFacts", "disclaimer")
    ADDEDFACTS_FIELD_NUMBER: _ClassVar[int]
    REMOVEDFACTS_FIELD_NUMBER: _ClassVar[int]
    DISCLAIMER_FIELD_NUMBER: _ClassVar[int]
    addedFacts: _containers.RepeatedCompositeFieldContainer[BotMemoryFact]
    removedFacts: _containers.RepeatedCompositeFieldContainer[BotMemoryFact]
    disclaimer: str
    def __init__(self, addedFacts: _Optional[_Iterable[_Union[BotMemoryFact, _Mapping]]] = ..., removedFacts: _Optional[_Iterable[_Union[BotMemoryFact, _Mapping]]] = ..., disclaimer: _Optional[str] = ...) -> None: ...

class BotMemuMetadata(_message.Message):
    __slots__ = ("faceImages",)
    FACEIMAGES_FIELD_NUMBER: _ClassVar[int]
    faceImages: _containers.RepeatedCompositeFieldContainer[BotMediaMetadata]
    def __init__(self, faceImages: _Optional[_Iterable[_Union[BotMediaMetadata, _Mapping]]] = ...) -> None: ...

class BotMessageOrigin(_message.Message):
    __slots__ = ("type",)
    class BotMessageOriginType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        BOT_MESSAGE_ORIGIN_TYPE_AI_INITIATED: _ClassVar[BotMessageOrigin.BotMessageOriginType]
    BOT_MESSAGE_ORIGIN_TYPE_AI_INITIATED: BotMessageOrigin.BotMessageOriginType
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: BotMessageOrigin.BotMessageOriginType
    def __init__(self, type: _Optional[_Union[BotMessageOrigin.BotMessageOriginType, str]] = ...) -> None: ...

class BotMessageOriginMetadata(_message.Message):
    __slots__ = ("origins",)
    ORIGINS_FIELD_NUMBER: _ClassVar[int]
    origins: _containers.RepeatedCompositeFieldContainer[BotMessageOrigin]
    def __init__(self, origins: _Optional[_Iterable[_Union[BotMessageOrigin, _Mapping]]] = ...) -> None: ...

class BotMessageSharingInfo(_message.Message):
    __slots__ = ("botEntryPointOrigin", "forwardScore")
    BOTENTRYPOINTORIGIN_FIELD_NUMBER: _ClassVar[int]
    FORWARDSCORE_FIELD_NUMBER: _ClassVar[int]
    botEntryPointOrigin: BotMetricsEntryPoint
    forwardScore: int
    def __init__(self, botEntryPointOrigin: _Optional[_Union[BotMetricsEntryPoint, str]] = ..., forwardScore: _Optional[int] = ...) -> None: ...

class BotMetadata(_message.Message):
    __slots__ = ("avatarMetadata", "personaId", "pluginMetadata", "suggestedPromptMetadata", "invokerJid", "sessionMetadata", "memuMetadata", "timezone", "reminderMetadata", "modelMetadata", "messageDisclaimerText", "progressIndicatorMetadata", "capabilityMetadata", "imagineMetadata", "memoryMetadata", "renderingMetadata", "botMetricsMetadata", "botLinkedAccountsMetadata", "richResponseSourcesMetadata", "aiConversationContext", "botPromotionMessageMetadata", "botModeSelectionMetadata", "botQuotaMetadata", "botAgeCollectionMetadata", "conversationStarterPromptId", "botResponseId", "verificationMetadata", "unifiedResponseMutation", "botMessageOriginMetadata", "inThreadSurveyMetadata", "botThreadInfo", "regenerateMetadata", "sessionTransparencyMetadata", "internalMetadata")
    AVATARMETADATA_FIELD_NUMBER: _ClassVar[int]
    PERSONAID_FIELD_NUMBER: _ClassVar[int]
    PLUGINMETADATA_FIELD_NUMBER: _ClassVar[int]
    SUGGESTEDPROMPTMETADATA_FIELD_NUMBER: _ClassVar[int]
    INVOKERJID_FIELD_NUMBER: _ClassVar[int]
    SESSIONMETADATA_FIELD_NUMBER: _ClassVar[int]
    MEMUMETADATA_FIELD_NUMBER: _ClassVar[int]
    TIMEZONE_FIELD_NUMBER: _ClassVar[int]
    REMINDERMETADATA_FIELD_NUMBER: _ClassVar[int]
    MODELMETADATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGEDISCLAIMERTEXT_FIELD_NUMBER: _ClassVar[int]
    PROGRESSINDICATORMETADATA_FIELD_NUMBER: _ClassVar[int]
    CAPABILITYMETADATA_FIELD_NUMBER: _ClassVar[int]
    IMAGINEMETADATA_FIELD_NUMBER: _ClassVar[int]
    MEMORYMETADATA_FIELD_NUMBER: _ClassVar[int]
    RENDERINGMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTMETRICSMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTLINKEDACCOUNTSMETADATA_FIELD_NUMBER: _ClassVar[int]
    RICHRESPONSESOURCESMETADATA_FIELD_NUMBER: _ClassVar[int]
    AICONVERSATIONCONTEXT_FIELD_NUMBER: _ClassVar[int]
    BOTPROMOTIONMESSAGEMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTMODESELECTIONMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTQUOTAMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTAGECOLLECTIONMETADATA_FIELD_NUMBER: _ClassVar[int]
    CONVERSATIONSTARTERPROMPTID_FIELD_NUMBER: _ClassVar[int]
    BOTRESPONSEID_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONMETADATA_FIELD_NUMBER: _ClassVar[int]
    UNIFIEDRESPONSEMUTATION_FIELD_NUMBER: _ClassVar[int]
    BOTMESSAGEORIGINMETADATA_FIELD_NUMBER: _ClassVar[int]
    INTHREADSURVEYMETADATA_FIELD_NUMBER: _ClassVar[int]
    BOTTHREADINFO_FIELD_NUMBER: _ClassVar[int]
    REGENERATEMETADATA_FIELD_NUMBER: _ClassVar[int]
    SESSIONTRANSPARENCYMETADATA_FIELD_NUMBER: _ClassVar[int]
    INTERNALMETADATA_FIELD_NUMBER: _ClassVar[int]
    avatarMetadata: BotAvatarMetadata
    personaId: str
    pluginMetadata: BotPluginMetadata
    suggestedPromptMetadata: BotSuggestedPromptMetadata
    invokerJid: str
    sessionMetadata: BotSessionMetadata
    memuMetadata: BotMemuMetadata
    timezone: str
    reminderMetadata: BotReminderMetadata
    modelMetadata: BotModelMetadata
    messageDisclaimerText: str
    progressIndicatorMetadata: BotProgressIndicatorMetadata
    capabilityMetadata: BotCapabilityMetadata
    imagineMetadata: BotImagineMetadata
    memoryMetadata: BotMemoryMetadata
    renderingMetadata: BotRenderingMetadata
    botMetricsMetadata: BotMetricsMetadata
    botLinkedAccountsMetadata: BotLinkedAccountsMetadata
    richResponseSourcesMetadata: BotSourcesMetadata
    aiConversationContext: bytes
    botPromotionMessageMetadata: BotPromotionMessageMetadata
    botModeSelectionMetadata: BotModeSelectionMetadata
    botQuotaMetadata: BotQuotaMetadata
    botAgeCollectionMetadata: BotAgeCollectionMetadata
    conversationStarterPromptId: str
    botResponseId: str
    verificationMetadata: BotSignatureVerificationMetadata
    unifiedResponseMutation: BotUnifiedResponseMutation
    botMessageOriginMetadata: BotMessageOriginMetadata
    inThreadSurveyMetadata: InThreadSurveyMetadata
    botThreadInfo: AIThreadInfo
    regenerateMetadata: AIRegenerateMetadata
    sessionTransparencyMetadata: SessionTransparencyMetadata
    internalMetadata: bytes
    def __init__(self, avatarMetadata: _Optional[_Union[BotAvatarMetadata, _Mapping]] = ..., personaId: _Optional[str] = ..., pluginMetadata: _Optional[_Union[BotPluginMetadata, _Mapping]] = ..., suggestedPromptMetadata: _Optional[_Union[BotSuggestedPromptMetadata, _Mapping]] = ..., invokerJid: _Optional[str] = ..., sessionMetadata: _Optional[_Union[BotSessionMetadata, _Mapping]] = ..., memuMetadata: _Optional[_Union[BotMemuMetadata, _Mapping]] = ..., timezone: _Optional[str] = ..., reminderMetadata: _Optional[_Union[BotReminderMetadata, _Mapping]] = ..., modelMetadata: _Optional[_Union[BotModelMetadata, _Mapping]] = ..., messageDisclaimerText: _Optional[str] = ..., progressIndicatorMetadata: _Optional[_Union[BotProgressIndicatorMetadata, _Mapping]] = ..., capabilityMetadata: _Optional[_Union[BotCapabilityMetadata, _Mapping]] = ..., imagineMetadata: _Optional[_Union[BotImagineMetadata, _Mapping]] = ..., memoryMetadata: _Optional[_Union[BotMemoryMetadata, _Mapping]] = ..., renderingMetadata: _Optional[_Union[BotRenderingMetadata, _Mapping]] = ..., botMetricsMetadata: _Optional[_Union[BotMetricsMetadata, _Mapping]] = ..., botLinkedAccountsMetadata: _Optional[_Union[BotLinkedAccountsMetadata, _Mapping]] = ..., richResponseSourcesMetadata: _Optional[_Union[BotSourcesMetadata, _Mapping]] = ..., aiConversationContext: _Optional[bytes] = ..., botPromotionMessageMetadata: _Optional[_Union[BotPromotionMessageMetadata, _Mapping]] = ..., botModeSelectionMetadata: _Optional[_Union[BotModeSelectionMetadata, _Mapping]] = ..., botQuotaMetadata: _Optional[_Union[BotQuotaMetadata, _Mapping]] = ..., botAgeCollectionMetadata: _Optional[_Union[BotAgeCollectionMetadata, _Mapping]] = ..., conversationStarterPromptId: _Optional[str] = ..., botResponseId: _Optional[str] = ..., verificationMetadata: _Optional[_Union[BotSignatureVerificationMetadata, _Mapping]] = ..., unifiedResponseMutation: _Optional[_Union[BotUnifiedResponseMutation, _Mapping]] = ..., botMessageOriginMetadata: _Optional[_Union[BotMessageOriginMetadata, _Mapping]] = ..., inThreadSurveyMetadata: _Optional[_Union[InThreadSurveyMetadata, _Mapping]] = ..., botThreadInfo: _Optional[_Union[AIThreadInfo, _Mapping]] = ..., regenerateMetadata: _Optional[_Union[AIRegenerateMetadata, _Mapping]] = ..., sessionTransparencyMetadata: _Optional[_Union[SessionTransparencyMetadata, _Mapping]] = ..., internalMetadata: _Optional[bytes] = ...) -> None: ...

class BotMetricsMetadata(_message.Message):
    __slots__ = ("destinationId", "destinationEntryPoint", "threadOrigin")
    DESTINATIONID_FIELD_NUMBER: _ClassVar[int]
    DESTINATIONENTRYPOINT_FIELD_NUMBER: _ClassVar[int]
    THREADORIGIN_FIELD_NUMBER: _ClassVar[int]
    destinationId: str
    destinationEntryPoint: BotMetricsEntryPoint
    threadOrigin: BotMetricsThreadEntryPoint
    def __init__(self, destinationId: _Optional[str] = ..., destinationEntryPoint: _Optional[_Union[BotMetricsEntryPoint, str]] = ..., threadOrigin: _Optional[_Union[BotMetricsThreadEntryPoint, str]] = ...) -> None: ...

class BotModeSelectionMetadata(_message.Message):
    __slots__ = ("mode", "overrideMode")
    class BotUserSelectionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_MODE: _ClassVar[BotModeSelectionMetadata.BotUserSelectionMode]
        REASONING_MODE: _ClassVar[BotModeSelectionMetadata.BotUserSelectionMode]
    UNKNOWN_MODE: BotModeSelectionMetadata.BotUserSelectionMode
    REASONING_MODE: BotModeSelectionMetadata.BotUserSelectionMode
    MODE_FIELD_NUMBER: _ClassVar[int]
    OVERRIDEMODE_FIELD_NUMBER: _ClassVar[int]
    mode: _containers.RepeatedScalarFieldContainer[BotModeSelectionMetadata.BotUserSelectionMode]
    overrideMode: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, mode: _Optional[_Iterable[_Union[BotModeSelectionMetadata.BotUserSelectionMode, str]]] = ..., overrideMode: _Optional[_Iterable[int]] = ...) -> None: ...

class BotModelMetadata(_message.Message):
    __slots__ = ("modelType", "premiumModelStatus", "modelNameOverride")
    class ModelType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_TYPE: _ClassVar[BotModelMetadata.ModelType]
        LLAMA_PROD: _ClassVar[BotModelMetadata.ModelType]
        LLAMA_PROD_PREMIUM: _ClassVar[BotModelMetadata.ModelType]
    UNKNOWN_TYPE: BotModelMetadata.ModelType
    LLAMA_PROD: BotModelMetadata.ModelType
    LLAMA_PROD_PREMIUM: BotModelMetadata.ModelType
    class PremiumModelStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_STATUS: _ClassVar[BotModelMetadata.PremiumModelStatus]
        AVAILABLE: _ClassVar[BotModelMetadata.PremiumModelStatus]
        QUOTA_EXCEED_LIMIT: _ClassVar[BotModelMetadata.PremiumModelStatus]
    UNKNOWN_STATUS: BotModelMetadata.PremiumModelStatus
    AVAILABLE: BotModelMetadata.PremiumModelStatus
    QUOTA_EXCEED_LIMIT: BotModelMetadata.PremiumModelStatus
    MODELTYPE_FIELD_NUMBER: _ClassVar[int]
    PREMIUMMODELSTATUS_FIELD_NUMBER: _ClassVar[int]
    MODELNAMEOVERRIDE_FIELD_NUMBER: _ClassVar[int]
    modelType: BotModelMetadata.ModelType
    premiumModelStatus: BotModelMetadata.PremiumModelStatus
    modelNameOverride: str
    def __init__(self, modelType: _Optional[_Union[BotModelMetadata.ModelType, str]] = ..., premiumModelStatus: _Optional[_Union[BotModelMetadata.PremiumModelStatus, str]] = ..., modelNameOverride: _Optional[str] = ...) -> None: ...

class BotPluginMetadata(_message.Message):
    __slots__ = ("provider", "pluginType", "thumbnailCdnUrl", "profilePhotoCdnUrl", "searchProviderUrl", "referenceIndex", "expectedLinksCount", "searchQuery", "parentPluginMessageKey", "deprecatedField", "parentPluginType", "faviconCdnUrl")
    class PluginType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_PLUGIN: _ClassVar[BotPluginMetadata.PluginType]
        REELS: _ClassVar[BotPluginMetadata.PluginType]
        SEARCH: _ClassVar[BotPluginMetadata.PluginType]
    UNKNOWN_PLUGIN: BotPluginMetadata.PluginType
    REELS: BotPluginMetadata.PluginType
    SEARCH: BotPluginMetadata.PluginType
    class SearchProvider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[BotPluginMetadata.SearchProvider]
        BING: _ClassVar[BotPluginMetadata.SearchProvider]
        GOOGLE: _ClassVar[BotPluginMetadata.SearchProvider]
        SUPPORT: _ClassVar[BotPluginMetadata.SearchProvider]
    UNKNOWN: BotPluginMetadata.SearchProvider
    BING: BotPluginMetadata.SearchProvider
    GOOGLE: BotPluginMetadata.SearchProvider
    SUPPORT: BotPluginMetadata.SearchProvider
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PLUGINTYPE_FIELD_NUMBER: _ClassVar[int]
    THUMBNAILCDNURL_FIELD_NUMBER: _ClassVar[int]
    PROFILEPHOTOCDNURL_FIELD_NUMBER: _ClassVar[int]
    SEARCHPROVIDERURL_FIELD_NUMBER: _ClassVar[int]
    REFERENCEINDEX_FIELD_NUMBER: _ClassVar[int]
    EXPECTEDLINKSCOUNT_FIELD_NUMBER: _ClassVar[int]
    SEARCHQUERY_FIELD_NUMBER: _ClassVar[int]
    PARENTPLUGINMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    DEPRECATEDFIELD_FIELD_NUMBER: _ClassVar[int]
    PARENTPLUGINTYPE_FIELD_NUMBER: _ClassVar[int]
    FAVICONCDNURL_FIELD_NUMBER: _ClassVar[int]
    provider: BotPluginMetadata.SearchProvider
    pluginType: BotPluginMetadata.PluginType
    thumbnailCdnUrl: str
    profilePhotoCdnUrl: str
    searchProviderUrl: str
    referenceIndex: int
    expectedLinksCount: int
    searchQuery: str
    parentPluginMessageKey: _wa_common_pb2.MessageKey
    deprecatedField: BotPluginMetadata.PluginType
    parentPluginType: BotPluginMetadata.PluginType
    faviconCdnUrl: str
    def __init__(self, provider: _Optional[_Union[BotPluginMetadata.SearchProvider, str]] = ..., pluginType: _Optional[_Union[BotPluginMetadata.PluginType, str]] = ..., thumbnailCdnUrl: _Optional[str] = ..., profilePhotoCdnUrl: _Optional[str] = ..., searchProviderUrl: _Optional[str] = ..., referenceIndex: _Optional[int] = ..., expectedLinksCount: _Optional[int] = ..., searchQuery: _Optional[str] = ..., parentPluginMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., deprecatedField: _Optional[_Union[BotPluginMetadata.PluginType, str]] = ..., parentPluginType: _Optional[_Union[BotPluginMetadata.PluginType, str]] = ..., faviconCdnUrl: _Optional[str] = ...) -> None: ...

class BotProgressIndicatorMetadata(_message.Message):
    __slots__ = ("progressDescription", "stepsMetadata", "estimatedCompletionTime")
    class BotPlanningStepMetadata(_message.Message):
        __slots__ = ("statusTitle", "statusBody", "sourcesMetadata", "status", "isReasoning", "isEnhancedSearch", "sections")
        class BotSearchSourceProvider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN_PROVIDER: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider]
            OTHER: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider]
            GOOGLE: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider]
            BING: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider]
        UNKNOWN_PROVIDER: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider
        OTHER: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider
        GOOGLE: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider
        BING: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider
        class PlanningStepStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus]
            PLANNED: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus]
            EXECUTING: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus]
            FINISHED: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus]
        UNKNOWN: BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus
        PLANNED: BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus
        EXECUTING: BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus
        FINISHED: BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus
        class BotPlanningSearchSourceMetadata(_message.Message):
            __slots__ = ("title", "provider", "sourceUrl", "favIconUrl")
            TITLE_FIELD_NUMBER: _ClassVar[int]
            PROVIDER_FIELD_NUMBER: _ClassVar[int]
            SOURCEURL_FIELD_NUMBER: _ClassVar[int]
            FAVICONURL_FIELD_NUMBER: _ClassVar[int]
            title: str
            provider: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider
            sourceUrl: str
            favIconUrl: str
            def __init__(self, title: _Optional[str] = ..., provider: _Optional[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotSearchSourceProvider, str]] = ..., sourceUrl: _Optional[str] = ..., favIconUrl: _Optional[str] = ...) -> None: ...
        class BotPlanningSearchSourcesMetadata(_message.Message):
            __slots__ = ("sourceTitle", "provider", "sourceUrl")
            class BotPlanningSearchSourceProvider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
                __slots__ = ()
                UNKNOWN: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider]
                OTHER: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider]
                GOOGLE: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider]
                BING: _ClassVar[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider]
            UNKNOWN: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider
            OTHER: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider
            GOOGLE: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider
            BING: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider
            SOURCETITLE_FIELD_NUMBER: _ClassVar[int]
            PROVIDER_FIELD_NUMBER: _ClassVar[int]
            SOURCEURL_FIELD_NUMBER: _ClassVar[int]
            sourceTitle: str
            provider: BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider
            sourceUrl: str
            def __init__(self, sourceTitle: _Optional[str] = ..., provider: _Optional[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata.BotPlanningSearchSourceProvider, str]] = ..., sourceUrl: _Optional[str] = ...) -> None: ...
        class BotPlanningStepSectionMetadata(_message.Message):
            __slots__ = ("sectionTitle", "sectionBody", "sourcesMetadata")
            SECTIONTITLE_FIELD_NUMBER: _ClassVar[int]
            SECTIONBODY_FIELD_NUMBER: _ClassVar[int]
            SOURCESMETADATA_FIELD_NUMBER: _ClassVar[int]
            sectionTitle: str
            sectionBody: str
            sourcesMetadata: _containers.RepeatedCompositeFieldContainer[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourceMetadata]
            def __init__(self, sectionTitle: _Optional[str] = ..., sectionBody: _Optional[str] = ..., sourcesMetadata: _Optional[_Iterable[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourceMetadata, _Mapping]]] = ...) -> None: ...
        STATUSTITLE_FIELD_NUMBER: _ClassVar[int]
        STATUSBODY_FIELD_NUMBER: _ClassVar[int]
        SOURCESMETADATA_FIELD_NUMBER: _ClassVar[int]
        STATUS_FIELD_NUMBER: _ClassVar[int]
        ISREASONING_FIELD_NUMBER: _ClassVar[int]
        ISENHANCEDSEARCH_FIELD_NUMBER: _ClassVar[int]
        SECTIONS_FIELD_NUMBER: _ClassVar[int]
        statusTitle: str
        statusBody: str
        sourcesMetadata: _containers.RepeatedCompositeFieldContainer[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata]
        status: BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus
        isReasoning: bool
        isEnhancedSearch: bool
        sections: _containers.RepeatedCompositeFieldContainer[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningStepSectionMetadata]
        def __init__(self, statusTitle: _Optional[str] = ..., statusBody: _Optional[str] = ..., sourcesMetadata: _Optional[_Iterable[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningSearchSourcesMetadata, _Mapping]]] = ..., status: _Optional[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.PlanningStepStatus, str]] = ..., isReasoning: _Optional[bool] = ..., isEnhancedSearch: _Optional[bool] = ..., sections: _Optional[_Iterable[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata.BotPlanningStepSectionMetadata, _Mapping]]] = ...) -> None: ...
    PROGRESSDESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STEPSMETADATA_FIELD_NUMBER: _ClassVar[int]
    ESTIMATEDCOMPLETIONTIME_FIELD_NUMBER: _ClassVar[int]
    progressDescription: str
    stepsMetadata: _containers.RepeatedCompositeFieldContainer[BotProgressIndicatorMetadata.BotPlanningStepMetadata]
    estimatedCompletionTime: int
    def __init__(self, progressDescription: _Optional[str] = ..., stepsMetadata: _Optional[_Iterable[_Union[BotProgressIndicatorMetadata.BotPlanningStepMetadata, _Mapping]]] = ..., estimatedCompletionTime: _Optional[int] = ...) -> None: ...

class BotPromotionMessageMetadata(_message.Message):
    __slots__ = ("promotionType", "buttonTitle")
    class BotPromotionType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_TYPE: _ClassVar[BotPromotionMessageMetadata.BotPromotionType]
        C50: _ClassVar[BotPromotionMessageMetadata.BotPromotionType]
        SURVEY_PLATFORM: _ClassVar[BotPromotionMessageMetadata.BotPromotionType]
    UNKNOWN_TYPE: BotPromotionMessageMetadata.BotPromotionType
    C50: BotPromotionMessageMetadata.BotPromotionType
    SURVEY_PLATFORM: BotPromotionMessageMetadata.BotPromotionType
    PROMOTIONTYPE_FIELD_NUMBER: _ClassVar[int]
    BUTTONTITLE_FIELD_NUMBER: _ClassVar[int]
    promotionType: BotPromotionMessageMetadata.BotPromotionType
    buttonTitle: str
    def __init__(self, promotionType: _Optional[_Union[BotPromotionMessageMetadata.BotPromotionType, str]] = ..., buttonTitle: _Optional[str] = ...) -> None: ...

class BotPromptSuggestion(_message.Message):
    __slots__ = ("prompt", "promptId")
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    PROMPTID_FIELD_NUMBER: _ClassVar[int]
    prompt: str
    promptId: str
    def __init__(self, prompt: _Optional[str] = ..., promptId: _Optional[str] = ...) -> None: ...

class BotPromptSuggestions(_message.Message):
    __slots__ = ("suggestions",)
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    suggestions: _containers.RepeatedCompositeFieldContainer[BotPromptSuggestion]
    def __init__(self, suggestions: _Optional[_Iterable[_Union[BotPromptSuggestion, _Mapping]]] = ...) -> None: ...

class BotQuotaMetadata(_message.Message):
    __slots__ = ("botFeatureQuotaMetadata",)
    class BotFeatureQuotaMetadata(_message.Message):
        __slots__ = ("featureType", "remainingQuota", "expirationTimestamp")
        class BotFeatureType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN_FEATURE: _ClassVar[BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType]
            REASONING_FEATURE: _ClassVar[BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType]
        UNKNOWN_FEATURE: BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType
        REASONING_FEATURE: BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType
        FEATURETYPE_FIELD_NUMBER: _ClassVar[int]
        REMAININGQUOTA_FIELD_NUMBER: _ClassVar[int]
        EXPIRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        featureType: BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType
        remainingQuota: int
        expirationTimestamp: int
        def __init__(self, featureType: _Optional[_Union[BotQuotaMetadata.BotFeatureQuotaMetadata.BotFeatureType, str]] = ..., remainingQuota: _Optional[int] = ..., expirationTimestamp: _Optional[int] = ...) -> None: ...
    BOTFEATUREQUOTAMETADATA_FIELD_NUMBER: _ClassVar[int]
    botFeatureQuotaMetadata: _containers.RepeatedCompositeFieldContainer[BotQuotaMetadata.BotFeatureQuotaMetadata]
    def __init__(self, botFeatureQuotaMetadata: _Optional[_Iterable[_Union[BotQuotaMetadata.BotFeatureQuotaMetadata, _Mapping]]] = ...) -> None: ...

class BotReminderMetadata(_message.Message):
    __slots__ = ("requestMessageKey", "action", "name", "nextTriggerTimestamp", "frequency")
    class ReminderAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NOTIFY: _ClassVar[BotReminderMetadata.ReminderAction]
        CREATE: _ClassVar[BotReminderMetadata.ReminderAction]
        DELETE: _ClassVar[BotReminderMetadata.ReminderAction]
        UPDATE: _ClassVar[BotReminderMetadata.ReminderAction]
    NOTIFY: BotReminderMetadata.ReminderAction
    CREATE: BotReminderMetadata.ReminderAction
    DELETE: BotReminderMetadata.ReminderAction
    UPDATE: BotReminderMetadata.ReminderAction
    class ReminderFrequency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ONCE: _ClassVar[BotReminderMetadata.ReminderFrequency]
        DAILY: _ClassVar[BotReminderMetadata.ReminderFrequency]
        WEEKLY: _ClassVar[BotReminderMetadata.ReminderFrequency]
        BIWEEKLY: _ClassVar[BotReminderMetadata.ReminderFrequency]
        MONTHLY: _ClassVar[BotReminderMetadata.ReminderFrequency]
    ONCE: BotReminderMetadata.ReminderFrequency
    DAILY: BotReminderMetadata.ReminderFrequency
    WEEKLY: BotReminderMetadata.ReminderFrequency
    BIWEEKLY: BotReminderMetadata.ReminderFrequency
    MONTHLY: BotReminderMetadata.ReminderFrequency
    REQUESTMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NEXTTRIGGERTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    requestMessageKey: _wa_common_pb2.MessageKey
    action: BotReminderMetadata.ReminderAction
    name: str
    nextTriggerTimestamp: int
    frequency: BotReminderMetadata.ReminderFrequency
    def __init__(self, requestMessageKey: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., action: _Optional[_Union[BotReminderMetadata.ReminderAction, str]] = ..., name: _Optional[str] = ..., nextTriggerTimestamp: _Optional[int] = ..., frequency: _Optional[_Union[BotReminderMetadata.ReminderFrequency, str]] = ...) -> None: ...

class BotRenderingMetadata(_message.Message):
    __slots__ = ("keywords",)
    class Keyword(_message.Message):
        __slots__ = ("value", "associatedPrompts")
        VALUE_FIELD_NUMBER: _ClassVar[int]
        ASSOCIATEDPROMPTS_FIELD_NUMBER: _ClassVar[int]
        value: str
        associatedPrompts: _containers.RepeatedScalarFieldContainer[str]
        def __init__(self, value: _Optional[str] = ..., associatedPrompts: _Optional[_Iterable[str]] = ...) -> None: ...
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    keywords: _containers.RepeatedCompositeFieldContainer[BotRenderingMetadata.Keyword]
    def __init__(self, keywords: _Optional[_Iterable[_Union[BotRenderingMetadata.Keyword, _Mapping]]] = ...) -> None: ...

class BotSessionMetadata(_message.Message):
    __slots__ = ("sessionId", "sessionSource")
    SESSIONID_FIELD_NUMBER: _ClassVar[int]
    SESSIONSOURCE_FIELD_NUMBER: _ClassVar[int]
    sessionId: str
    sessionSource: BotSessionSource
    def __init__(self, sessionId: _Optional[str] = ..., sessionSource: _Optional[_Union[BotSessionSource, str]] = ...) -> None: ...

class BotSignatureVerificationMetadata(_message.Message):
    __slots__ = ("proofs",)
    PROOFS_FIELD_NUMBER: _ClassVar[int]
    proofs: _containers.RepeatedCompositeFieldContainer[BotSignatureVerificationUseCaseProof]
    def __init__(self, proofs: _Optional[_Iterable[_Union[BotSignatureVerificationUseCaseProof, _Mapping]]] = ...) -> None: ...

class BotSignatureVerificationUseCaseProof(_message.Message):
    __slots__ = ("version", "useCase", "signature", "certificateChain")
    class BotSignatureUseCase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNSPECIFIED: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
        WA_BOT_MSG: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
        WA_TEE_BOT_MSG: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
        P2P_PILLS: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
        WA_WAFFLE: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
        WA_FEATURE_PKI: _ClassVar[BotSignatureVerificationUseCaseProof.BotSignatureUseCase]
    UNSPECIFIED: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    WA_BOT_MSG: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    WA_TEE_BOT_MSG: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    P2P_PILLS: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    WA_WAFFLE: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    WA_FEATURE_PKI: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    VERSION_FIELD_NUMBER: _ClassVar[int]
    USECASE_FIELD_NUMBER: _ClassVar[int]
    SIGNATURE_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATECHAIN_FIELD_NUMBER: _ClassVar[int]
    version: int
    useCase: BotSignatureVerificationUseCaseProof.BotSignatureUseCase
    signature: bytes
    certificateChain: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, version: _Optional[int] = ..., useCase: _Optional[_Union[BotSignatureVerificationUseCaseProof.BotSignatureUseCase, str]] = ..., signature: _Optional[bytes] = ..., certificateChain: _Optional[_Iterable[bytes]] = ...) -> None: ...

class BotSourcesMetadata(_message.Message):
    __slots__ = ("sources",)
    class BotSourceItem(_message.Message):
        __slots__ = ("provider", "thumbnailCdnUrl", "sourceProviderUrl", "sourceQuery", "faviconCdnUrl", "citationNumber", "sourceTitle")
        class SourceProvider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNKNOWN: _ClassVar[BotSourcesMetadata.BotSourceItem.SourceProvider]
            BING: _ClassVar[BotSourcesMetadata.BotSourceItem.SourceProvider]
            GOOGLE: _ClassVar[BotSourcesMetadata.BotSourceItem.SourceProvider]
            SUPPORT: _ClassVar[BotSourcesMetadata.BotSourceItem.SourceProvider]
            OTHER: _ClassVar[BotSourcesMetadata.BotSourceItem.SourceProvider]
        UNKNOWN: BotSourcesMetadata.BotSourceItem.SourceProvider
        BING: BotSourcesMetadata.BotSourceItem.SourceProvider
        GOOGLE: BotSourcesMetadata.BotSourceItem.SourceProvider
        SUPPORT: BotSourcesMetadata.BotSourceItem.SourceProvider
        OTHER: BotSourcesMetadata.BotSourceItem.SourceProvider
        PROVIDER_FIELD_NUMBER: _ClassVar[int]
        THUMBNAILCDNURL_FIELD_NUMBER: _ClassVar[int]
        SOURCEPROVIDERURL_FIELD_NUMBER: _ClassVar[int]
        SOURCEQUERY_FIELD_NUMBER: _ClassVar[int]
        FAVICONCDNURL_FIELD_NUMBER: _ClassVar[int]
        CITATIONNUMBER_FIELD_NUMBER: _ClassVar[int]
        SOURCETITLE_FIELD_NUMBER: _ClassVar[int]
        provider: BotSourcesMetadata.BotSourceItem.SourceProvider
        thumbnailCdnUrl: str
        sourceProviderUrl: str
        sourceQuery: str
        faviconCdnUrl: str
        citationNumber: int
        sourceTitle: str
        def __init__(self, provider: _Optional[_Union[BotSourcesMetadata.BotSourceItem.SourceProvider, str]] = ..., thumbnailCdnUrl: _Optional[str] = ..., sourceProviderUrl: _Optional[str] = ..., sourceQuery: _Optional[str] = ..., faviconCdnUrl: _Optional[str] = ..., citationNumber: _Optional[int] = ..., sourceTitle: _Optional[str] = ...) -> None: ...
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    sources: _containers.RepeatedCompositeFieldContainer[BotSourcesMetadata.BotSourceItem]
    def __init__(self, sources: _Optional[_Iterable[_Union[BotSourcesMetadata.BotSourceItem, _Mapping]]] = ...) -> None: ...

class BotSuggestedPromptMetadata(_message.Message):
    __slots__ = ("suggestedPrompts", "selectedPromptIndex", "promptSuggestions", "selectedPromptId")
    SUGGESTEDPROMPTS_FIELD_NUMBER: _ClassVar[int]
    SELECTEDPROMPTINDEX_FIELD_NUMBER: _ClassVar[int]
    PROMPTSUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    SELECTEDPROMPTID_FIELD_NUMBER: _ClassVar[int]
    suggestedPrompts: _containers.RepeatedScalarFieldContainer[str]
    selectedPromptIndex: int
    promptSuggestions: BotPromptSuggestions
    selectedPromptId: str
    def __init__(self, suggestedPrompts: _Optional[_Iterable[str]] = ..., selectedPromptIndex: _Optional[int] = ..., promptSuggestions: _Optional[_Union[BotPromptSuggestions, _Mapping]] = ..., selectedPromptId: _Optional[str] = ...) -> None: ...

class BotUnifiedResponseMutation(_message.Message):
    __slots__ = ("sbsMetadata", "mediaDetailsMetadataList")
    class MediaDetailsMetadata(_message.Message):
        __slots__ = ("id", "highResMedia", "previewMedia")
        ID_FIELD_NUMBER: _ClassVar[int]
        HIGHRESMEDIA_FIELD_NUMBER: _ClassVar[int]
        PREVIEWMEDIA_FIELD_NUMBER: _ClassVar[int]
        id: str
        highResMedia: BotMediaMetadata
        previewMedia: BotMediaMetadata
        def __init__(self, id: _Optional[str] = ..., highResMedia: _Optional[_Union[BotMediaMetadata, _Mapping]] = ..., previewMedia: _Optional[_Union[BotMediaMetadata, _Mapping]] = ...) -> None: ...
    class SideBySideMetadata(_message.Message):
        __slots__ = ("primaryResponseId", "surveyCtaHasRendered")
        PRIMARYRESPONSEID_FIELD_NUMBER: _ClassVar[int]
        SURVEYCTAHASRENDERED_FIELD_NUMBER: _ClassVar[int]
        primaryResponseId: str
        surveyCtaHasRendered: bool
        def __init__(self, primaryResponseId: _Optional[str] = ..., surveyCtaHasRendered: _Optional[bool] = ...) -> None: ...
    SBSMETADATA_FIELD_NUMBER: _ClassVar[int]
    MEDIADETAILSMETADATALIST_FIELD_NUMBER: _ClassVar[int]
    sbsMetadata: BotUnifiedResponseMutation.SideBySideMetadata
    mediaDetailsMetadataList: _containers.RepeatedCompositeFieldContainer[BotUnifiedResponseMutation.MediaDetailsMetadata]
    def __init__(self, sbsMetadata: _Optional[_Union[BotUnifiedResponseMutation.SideBySideMetadata, _Mapping]] = ..., mediaDetailsMetadataList: _Optional[_Iterable[_Union[BotUnifiedResponseMutation.MediaDetailsMetadata, _Mapping]]] = ...) -> None: ...

class InThreadSurveyMetadata(_message.Message):
    __slots__ = ("tessaSessionId", "simonSessionId", "simonSurveyId", "tessaRootId", "requestId", "tessaEvent", "invitationHeaderText", "invitationBodyText", "invitationCtaText", "invitationCtaUrl", "surveyTitle", "questions", "surveyContinueButtonText", "surveySubmitButtonText", "privacyStatementFull", "privacyStatementParts", "feedbackToastText", "startQuestionIndex")
    class InThreadSurveyOption(_message.Message):
        __slots__ = ("stringValue", "numericValue", "textTranslated")
        STRINGVALUE_FIELD_NUMBER: _ClassVar[int]
        NUMERICVALUE_FIELD_NUMBER: _ClassVar[int]
        TEXTTRANSLATED_FIELD_NUMBER: _ClassVar[int]
        stringValue: str
        numericValue: int
        textTranslated: str
        def __init__(self, stringValue: _Optional[str] = ..., numericValue: _Optional[int] = ..., textTranslated: _Optional[str] = ...) -> None: ...
    class InThreadSurveyPrivacyStatementPart(_message.Message):
        __slots__ = ("text", "url")
        TEXT_FIELD_NUMBER: _ClassVar[int]
        URL_FIELD_NUMBER: _ClassVar[int]
        text: str
        url: str
        def __init__(self, text: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...
    class InThreadSurveyQuestion(_message.Message):
        __slots__ = ("questionText", "questionId", "questionOptions")
        QUESTIONTEXT_FIELD_NUMBER: _ClassVar[int]
        QUESTIONID_FIELD_NUMBER: _ClassVar[int]
        QUESTIONOPTIONS_FIELD_NUMBER: _ClassVar[int]
        questionText: str
        questionId: str
        questionOptions: _containers.RepeatedCompositeFieldContainer[InThreadSurveyMetadata.InThreadSurveyOption]
        def __init__(self, questionText: _Optional[str] = ..., questionId: _Optional[str] = ..., questionOptions: _Optional[_Iterable[_Union[InThreadSurveyMetadata.InThreadSurveyOption, _Mapping]]] = ...) -> None: ...
    TESSASESSIONID_FIELD_NUMBER: _ClassVar[int]
    SIMONSESSIONID_FIELD_NUMBER: _ClassVar[int]
    SIMONSURVEYID_FIELD_NUMBER: _ClassVar[int]
    TESSAROOTID_FIELD_NUMBER: _ClassVar[int]
    REQUESTID_FIELD_NUMBER: _ClassVar[int]
    TESSAEVENT_FIELD_NUMBER: _ClassVar[int]
    INVITATIONHEADERTEXT_FIELD_NUMBER: _ClassVar[int]
    INVITATIONBODYTEXT_FIELD_NUMBER: _ClassVar[int]
    INVITATIONCTATEXT_FIELD_NUMBER: _ClassVar[int]
    INVITATIONCTAURL_FIELD_NUMBER: _ClassVar[int]
    SURVEYTITLE_FIELD_NUMBER: _ClassVar[int]
    QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    SURVEYCONTINUEBUTTONTEXT_FIELD_NUMBER: _ClassVar[int]
    SURVEYSUBMITBUTTONTEXT_FIELD_NUMBER: _ClassVar[int]
    PRIVACYSTATEMENTFULL_FIELD_NUMBER: _ClassVar[int]
    PRIVACYSTATEMENTPARTS_FIELD_NUMBER: _ClassVar[int]
    FEEDBACKTOASTTEXT_FIELD_NUMBER: _ClassVar[int]
    STARTQUESTIONINDEX_FIELD_NUMBER: _ClassVar[int]
    tessaSessionId: str
    simonSessionId: str
    simonSurveyId: str
    tessaRootId: str
    requestId: str
    tessaEvent: str
    invitationHeaderText: str
    invitationBodyText: str
    invitationCtaText: str
    invitationCtaUrl: str
    surveyTitle: str
    questions: _containers.RepeatedCompositeFieldContainer[InThreadSurveyMetadata.InThreadSurveyQuestion]
    surveyContinueButtonText: str
    surveySubmitButtonText: str
    privacyStatementFull: str
    privacyStatementParts: _containers.RepeatedCompositeFieldContainer[InThreadSurveyMetadata.InThreadSurveyPrivacyStatementPart]
    feedbackToastText: str
    startQuestionIndex: int
    def __init__(self, tessaSessionId: _Optional[str] = ..., simonSessionId: _Optional[str] = ..., simonSurveyId: _Optional[str] = ..., tessaRootId: _Optional[str] = ..., requestId: _Optional[str] = ..., tessaEvent: _Optional[str] = ..., invitationHeaderText: _Optional[str] = ..., invitationBodyText: _Optional[str] = ..., invitationCtaText: _Optional[str] = ..., invitationCtaUrl: _Optional[str] = ..., surveyTitle: _Optional[str] = ..., questions: _Optional[_Iterable[_Union[InThreadSurveyMetadata.InThreadSurveyQuestion, _Mapping]]] = ..., surveyContinueButtonText: _Optional[str] = ..., surveySubmitButtonText: _Optional[str] = ..., privacyStatementFull: _Optional[str] = ..., privacyStatementParts: _Optional[_Iterable[_Union[InThreadSurveyMetadata.InThreadSurveyPrivacyStatementPart, _Mapping]]] = ..., feedbackToastText: _Optional[str] = ..., startQuestionIndex: _Optional[int] = ...) -> None: ...

class SessionTransparencyMetadata(_message.Message):
    __slots__ = ("disclaimerText", "hcaId", "sessionTransparencyType")
    DISCLAIMERTEXT_FIELD_NUMBER: _ClassVar[int]
    HCAID_FIELD_NUMBER: _ClassVar[int]
    SESSIONTRANSPARENCYTYPE_FIELD_NUMBER: _ClassVar[int]
    disclaimerText: str
    hcaId: str
    sessionTransparencyType: SessionTransparencyType
    def __init__(self, disclaimerText: _Optional[str] = ..., hcaId: _Optional[str] = ..., sessionTransparencyType: _Optional[_Union[SessionTransparencyType, str]] = ...) -> None: ...
