from waproto.proto import wa_common_pb2 as _wa_common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CallLogRecord(_message.Message):
    __slots__ = ("callResult", "isDndMode", "silenceReason", "duration", "startTime", "isIncoming", "isVideo", "isCallLink", "callLinkToken", "scheduledCallId", "callId", "callCreatorJid", "groupJid", "participants", "callType")
    class CallResult(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        CONNECTED: _ClassVar[CallLogRecord.CallResult]
        REJECTED: _ClassVar[CallLogRecord.CallResult]
        CANCELLED: _ClassVar[CallLogRecord.CallResult]
        ACCEPTEDELSEWHERE: _ClassVar[CallLogRecord.CallResult]
        MISSED: _ClassVar[CallLogRecord.CallResult]
        INVALID: _ClassVar[CallLogRecord.CallResult]
        UNAVAILABLE: _ClassVar[CallLogRecord.CallResult]
        UPCOMING: _ClassVar[CallLogRecord.CallResult]
        FAILED: _ClassVar[CallLogRecord.CallResult]
        ABANDONED: _ClassVar[CallLogRecord.CallResult]
        ONGOING: _ClassVar[CallLogRecord.CallResult]
    CONNECTED: CallLogRecord.CallResult
    REJECTED: CallLogRecord.CallResult
    CANCELLED: CallLogRecord.CallResult
    ACCEPTEDELSEWHERE: CallLogRecord.CallResult
    MISSED: CallLogRecord.CallResult
    INVALID: CallLogRecord.CallResult
    UNAVAILABLE: CallLogRecord.CallResult
    UPCOMING: CallLogRecord.CallResult
    FAILED: CallLogRecord.CallResult
    ABANDONED: CallLogRecord.CallResult
    ONGOING: CallLogRecord.CallResult
    class CallType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REGULAR: _ClassVar[CallLogRecord.CallType]
        SCHEDULED_CALL: _ClassVar[CallLogRecord.CallType]
        VOICE_CHAT: _ClassVar[CallLogRecord.CallType]
    REGULAR: CallLogRecord.CallType
    SCHEDULED_CALL: CallLogRecord.CallType
    VOICE_CHAT: CallLogRecord.CallType
    class SilenceReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NONE: _ClassVar[CallLogRecord.SilenceReason]
        SCHEDULED: _ClassVar[CallLogRecord.SilenceReason]
        PRIVACY: _ClassVar[CallLogRecord.SilenceReason]
        LIGHTWEIGHT: _ClassVar[CallLogRecord.SilenceReason]
    NONE: CallLogRecord.SilenceReason
    SCHEDULED: CallLogRecord.SilenceReason
    PRIVACY: CallLogRecord.SilenceReason
    LIGHTWEIGHT: CallLogRecord.SilenceReason
    class ParticipantInfo(_message.Message):
        __slots__ = ("userJid", "callResult")
        USERJID_FIELD_NUMBER: _ClassVar[int]
        CALLRESULT_FIELD_NUMBER: _ClassVar[int]
        userJid: str
        callResult: CallLogRecord.CallResult
        def __init__(self, userJid: _Optional[str] = ..., callResult: _Optional[_Union[CallLogRecord.CallResult, str]] = ...) -> None: ...
    CALLRESULT_FIELD_NUMBER: _ClassVar[int]
    ISDNDMODE_FIELD_NUMBER: _ClassVar[int]
    SILENCEREASON_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    STARTTIME_FIELD_NUMBER: _ClassVar[int]
    ISINCOMING_FIELD_NUMBER: _ClassVar[int]
    ISVIDEO_FIELD_NUMBER: _ClassVar[int]
    ISCALLLINK_FIELD_NUMBER: _ClassVar[int]
    CALLLINKTOKEN_FIELD_NUMBER: _ClassVar[int]
    SCHEDULEDCALLID_FIELD_NUMBER: _ClassVar[int]
    CALLID_FIELD_NUMBER: _ClassVar[int]
    CALLCREATORJID_FIELD_NUMBER: _ClassVar[int]
    GROUPJID_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    CALLTYPE_FIELD_NUMBER: _ClassVar[int]
    callResult: CallLogRecord.CallResult
    isDndMode: bool
    silenceReason: CallLogRecord.SilenceReason
    duration: int
    startTime: int
    isIncoming: bool
    isVideo: bool
    isCallLink: bool
    callLinkToken: str
    scheduledCallId: str
    callId: str
    callCreatorJid: str
    groupJid: str
    participants: _containers.RepeatedCompositeFieldContainer[CallLogRecord.ParticipantInfo]
    callType: CallLogRecord.CallType
    def __init__(self, callResult: _Optional[_Union[CallLogRecord.CallResult, str]] = ..., isDndMode: _Optional[bool] = ..., silenceReason: _Optional[_Union[CallLogRecord.SilenceReason, str]] = ..., duration: _Optional[int] = ..., startTime: _Optional[int] = ..., isIncoming: _Optional[bool] = ..., isVideo: _Optional[bool] = ..., isCallLink: _Optional[bool] = ..., callLinkToken: _Optional[str] = ..., scheduledCallId: _Optional[str] = ..., callId: _Optional[str] = ..., callCreatorJid: _Optional[str] = ..., groupJid: _Optional[str] = ..., participants: _Optional[_Iterable[_Union[CallLogRecord.ParticipantInfo, _Mapping]]] = ..., callType: _Optional[_Union[CallLogRecord.CallType, str]] = ...) -> None: ...

class ChatLockSettings(_message.Message):
    __slots__ = ("hideLockedChats", "secretCode")
    HIDELOCKEDCHATS_FIELD_NUMBER: _ClassVar[int]
    SECRETCODE_FIELD_NUMBER: _ClassVar[int]
    hideLockedChats: bool
    secretCode: UserPassword
    def __init__(self, hideLockedChats: _Optional[bool] = ..., secretCode: _Optional[_Union[UserPassword, _Mapping]] = ...) -> None: ...

class DeviceCapabilities(_message.Message):
    __slots__ = ("chatLockSupportLevel", "lidMigration", "businessBroadcast", "userHasAvatar", "memberNameTagPrimarySupport")
    class ChatLockSupportLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NONE: _ClassVar[DeviceCapabilities.ChatLockSupportLevel]
        MINIMAL: _ClassVar[DeviceCapabilities.ChatLockSupportLevel]
        FULL: _ClassVar[DeviceCapabilities.ChatLockSupportLevel]
    NONE: DeviceCapabilities.ChatLockSupportLevel
    MINIMAL: DeviceCapabilities.ChatLockSupportLevel
    FULL: DeviceCapabilities.ChatLockSupportLevel
    class MemberNameTagPrimarySupport(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        DISABLED: _ClassVar[DeviceCapabilities.MemberNameTagPrimarySupport]
        RECEIVER_ENABLED: _ClassVar[DeviceCapabilities.MemberNameTagPrimarySupport]
        SENDER_ENABLED: _ClassVar[DeviceCapabilities.MemberNameTagPrimarySupport]
    DISABLED: DeviceCapabilities.MemberNameTagPrimarySupport
    RECEIVER_ENABLED: DeviceCapabilities.MemberNameTagPrimarySupport
    SENDER_ENABLED: DeviceCapabilities.MemberNameTagPrimarySupport
    class BusinessBroadcast(_message.Message):
        __slots__ = ("importListEnabled", "companionSupportEnabled", "campaignSyncEnabled", "insightsSyncEnabled", "recipientLimit")
        IMPORTLISTENABLED_FIELD_NUMBER: _ClassVar[int]
        COMPANIONSUPPORTENABLED_FIELD_NUMBER: _ClassVar[int]
        CAMPAIGNSYNCENABLED_FIELD_NUMBER: _ClassVar[int]
        INSIGHTSSYNCENABLED_FIELD_NUMBER: _ClassVar[int]
        RECIPIENTLIMIT_FIELD_NUMBER: _ClassVar[int]
        importListEnabled: bool
        companionSupportEnabled: bool
        campaignSyncEnabled: bool
        insightsSyncEnabled: bool
        recipientLimit: int
        def __init__(self, importListEnabled: _Optional[bool] = ..., companionSupportEnabled: _Optional[bool] = ..., campaignSyncEnabled: _Optional[bool] = ..., insightsSyncEnabled: _Optional[bool] = ..., recipientLimit: _Optional[int] = ...) -> None: ...
    class LIDMigration(_message.Message):
        __slots__ = ("chatDbMigrationTimestamp",)
        CHATDBMIGRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        chatDbMigrationTimestamp: int
        def __init__(self, chatDbMigrationTimestamp: _Optional[int] = ...) -> None: ...
    class UserHasAvatar(_message.Message):
        __slots__ = ("userHasAvatar",)
        USERHASAVATAR_FIELD_NUMBER: _ClassVar[int]
        userHasAvatar: bool
        def __init__(self, userHasAvatar: _Optional[bool] = ...) -> None: ...
    CHATLOCKSUPPORTLEVEL_FIELD_NUMBER: _ClassVar[int]
    LIDMIGRATION_FIELD_NUMBER: _ClassVar[int]
    BUSINESSBROADCAST_FIELD_NUMBER: _ClassVar[int]
    USERHASAVATAR_FIELD_NUMBER: _ClassVar[int]
    MEMBERNAMETAGPRIMARYSUPPORT_FIELD_NUMBER: _ClassVar[int]
    chatLockSupportLevel: DeviceCapabilities.ChatLockSupportLevel
    lidMigration: DeviceCapabilities.LIDMigration
    businessBroadcast: DeviceCapabilities.BusinessBroadcast
    userHasAvatar: DeviceCapabilities.UserHasAvatar
    memberNameTagPrimarySupport: DeviceCapabilities.MemberNameTagPrimarySupport
    def __init__(self, chatLockSupportLevel: _Optional[_Union[DeviceCapabilities.ChatLockSupportLevel, str]] = ..., lidMigration: _Optional[_Union[DeviceCapabilities.LIDMigration, _Mapping]] = ..., businessBroadcast: _Optional[_Union[DeviceCapabilities.BusinessBroadcast, _Mapping]] = ..., userHasAvatar: _Optional[_Union[DeviceCapabilities.UserHasAvatar, _Mapping]] = ..., memberNameTagPrimarySupport: _Optional[_Union[DeviceCapabilities.MemberNameTagPrimarySupport, str]] = ...) -> None: ...

class ExitCode(_message.Message):
    __slots__ = ("code", "text")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    code: int
    text: str
    def __init__(self, code: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class ExternalBlobReference(_message.Message):
    __slots__ = ("mediaKey", "directPath", "handle", "fileSizeBytes", "fileSha256", "fileEncSha256")
    MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    HANDLE_FIELD_NUMBER: _ClassVar[int]
    FILESIZEBYTES_FIELD_NUMBER: _ClassVar[int]
    FILESHA256_FIELD_NUMBER: _ClassVar[int]
    FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
    mediaKey: bytes
    directPath: str
    handle: str
    fileSizeBytes: int
    fileSha256: bytes
    fileEncSha256: bytes
    def __init__(self, mediaKey: _Optional[bytes] = ..., directPath: _Optional[str] = ..., handle: _Optional[str] = ..., fileSizeBytes: _Optional[int] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ...) -> None: ...

class KeyId(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: bytes
    def __init__(self, id: _Optional[bytes] = ...) -> None: ...

class RecentEmojiWeight(_message.Message):
    __slots__ = ("emoji", "weight")
    EMOJI_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    emoji: str
    weight: float
    def __init__(self, emoji: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class SyncActionData(_message.Message):
    __slots__ = ("index", "value", "padding", "version")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    PADDING_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    index: bytes
    value: SyncActionValue
    padding: bytes
    version: int
    def __init__(self, index: _Optional[bytes] = ..., value: _Optional[_Union[SyncActionValue, _Mapping]] = ..., padding: _Optional[bytes] = ..., version: _Optional[int] = ...) -> None: ...

class SyncActionValue(_message.Message):
    __slots__ = ("timestamp", "starAction", "contactAction", "muteAction", "pinAction", "pushNameSetting", "quickReplyAction", "recentEmojiWeightsAction", "labelEditAction", "labelAssociationAction", "localeSetting", "archiveChatAction", "deleteMessageForMeAction", "keyExpiration", "markChatAsReadAction", "clearChatAction", "deleteChatAction", "unarchiveChatsSetting", "primaryFeature", "androidUnsupportedActions", "agentAction", "subscriptionAction", "userStatusMuteAction", "timeFormatAction", "nuxAction", "primaryVersionAction", "stickerAction", "removeRecentStickerAction", "chatAssignment", "chatAssignmentOpenedStatus", "pnForLidChatAction", "marketingMessageAction", "marketingMessageBroadcastAction", "externalWebBetaAction", "privacySettingRelayAllCalls", "callLogAction", "ugcBot", "statusPrivacy", "botWelcomeRequestAction", "deleteIndividualCallLog", "labelReorderingAction", "paymentInfoAction", "customPaymentMethodsAction", "lockChatAction", "chatLockSettings", "wamoUserIdentifierAction", "privacySettingDisableLinkPreviewsAction", "deviceCapabilities", "noteEditAction", "favoritesAction", "merchantPaymentPartnerAction", "waffleAccountLinkStateAction", "usernameChatStartMode", "notificationActivitySettingAction", "lidContactAction", "ctwaPerCustomerDataSharingAction", "paymentTosAction", "privacySettingChannelsPersonalisedRecommendationAction", "businessBroadcastAssociationAction", "detectedOutcomesStatusAction", "maibaAiFeaturesControlAction", "businessBroadcastListAction", "musicUserIdAction", "statusPostOptInNotificationPreferencesAction", "avatarUpdatedAction", "privateProcessingSettingAction", "newsletterSavedInterestsAction", "aiThreadRenameAction", "interactiveMessageAction", "nctSaltSyncAction", "deviceCapabilitiesV2")
    class AgentAction(_message.Message):
        __slots__ = ("name", "deviceID", "isDeleted")
        NAME_FIELD_NUMBER: _ClassVar[int]
        DEVICEID_FIELD_NUMBER: _ClassVar[int]
        ISDELETED_FIELD_NUMBER: _ClassVar[int]
        name: str
        deviceID: int
        isDeleted: bool
        def __init__(self, name: _Optional[str] = ..., deviceID: _Optional[int] = ..., isDeleted: _Optional[bool] = ...) -> None: ...
    class AiThreadRenameAction(_message.Message):
        __slots__ = ("newTitle",)
        NEWTITLE_FIELD_NUMBER: _ClassVar[int]
        newTitle: str
        def __init__(self, newTitle: _Optional[str] = ...) -> None: ...
    class AndroidUnsupportedActions(_message.Message):
        __slots__ = ("allowed",)
        ALLOWED_FIELD_NUMBER: _ClassVar[int]
        allowed: bool
        def __init__(self, allowed: _Optional[bool] = ...) -> None: ...
    class ArchiveChatAction(_message.Message):
        __slots__ = ("archived", "messageRange")
        ARCHIVED_FIELD_NUMBER: _ClassVar[int]
        MESSAGERANGE_FIELD_NUMBER: _ClassVar[int]
        archived: bool
        messageRange: SyncActionValue.SyncActionMessageRange
        def __init__(self, archived: _Optional[bool] = ..., messageRange: _Optional[_Union[SyncActionValue.SyncActionMessageRange, _Mapping]] = ...) -> None: ...
    class AvatarUpdatedAction(_message.Message):
        __slots__ = ("eventType", "recentAvatarStickers")
        class AvatarEventType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UPDATED: _ClassVar[SyncActionValue.AvatarUpdatedAction.AvatarEventType]
            CREATED: _ClassVar[SyncActionValue.AvatarUpdatedAction.AvatarEventType]
            DELETED: _ClassVar[SyncActionValue.AvatarUpdatedAction.AvatarEventType]
        UPDATED: SyncActionValue.AvatarUpdatedAction.AvatarEventType
        CREATED: SyncActionValue.AvatarUpdatedAction.AvatarEventType
        DELETED: SyncActionValue.AvatarUpdatedAction.AvatarEventType
        EVENTTYPE_FIELD_NUMBER: _ClassVar[int]
        RECENTAVATARSTICKERS_FIELD_NUMBER: _ClassVar[int]
        eventType: SyncActionValue.AvatarUpdatedAction.AvatarEventType
        recentAvatarStickers: _containers.RepeatedCompositeFieldContainer[SyncActionValue.StickerAction]
        def __init__(self, eventType: _Optional[_Union[SyncActionValue.AvatarUpdatedAction.AvatarEventType, str]] = ..., recentAvatarStickers: _Optional[_Iterable[_Union[SyncActionValue.StickerAction, _Mapping]]] = ...) -> None: ...
    class BotWelcomeRequestAction(_message.Message):
        __slots__ = ("isSent",)
        ISSENT_FIELD_NUMBER: _ClassVar[int]
        isSent: bool
        def __init__(self, isSent: _Optional[bool] = ...) -> None: ...
    class BroadcastListParticipant(_message.Message):
        __slots__ = ("lidJid", "pnJid")
        LIDJID_FIELD_NUMBER: _ClassVar[int]
        PNJID_FIELD_NUMBER: _ClassVar[int]
        lidJid: str
        pnJid: str
        def __init__(self, lidJid: _Optional[str] = ..., pnJid: _Optional[str] = ...) -> None: ...
    class BusinessBroadcastAssociationAction(_message.Message):
        __slots__ = ("deleted",)
        DELETED_FIELD_NUMBER: _ClassVar[int]
        deleted: bool
        def __init__(self, deleted: _Optional[bool] = ...) -> None: ...
    class BusinessBroadcastListAction(_message.Message):
        __slots__ = ("deleted", "participants", "listName")
        DELETED_FIELD_NUMBER: _ClassVar[int]
        PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
        LISTNAME_FIELD_NUMBER: _ClassVar[int]
        deleted: bool
        participants: _containers.RepeatedCompositeFieldContainer[SyncActionValue.BroadcastListParticipant]
        listName: str
        def __init__(self, deleted: _Optional[bool] = ..., participants: _Optional[_Iterable[_Union[SyncActionValue.BroadcastListParticipant, _Mapping]]] = ..., listName: _Optional[str] = ...) -> None: ...
    class CallLogAction(_message.Message):
        __slots__ = ("callLogRecord",)
        CALLLOGRECORD_FIELD_NUMBER: _ClassVar[int]
        callLogRecord: CallLogRecord
        def __init__(self, callLogRecord: _Optional[_Union[CallLogRecord, _Mapping]] = ...) -> None: ...
    class ChatAssignmentAction(_message.Message):
        __slots__ = ("deviceAgentID",)
        DEVICEAGENTID_FIELD_NUMBER: _ClassVar[int]
        deviceAgentID: str
        def __init__(self, deviceAgentID: _Optional[str] = ...) -> None: ...
    class ChatAssignmentOpenedStatusAction(_message.Message):
        __slots__ = ("chatOpened",)
        CHATOPENED_FIELD_NUMBER: _ClassVar[int]
        chatOpened: bool
        def __init__(self, chatOpened: _Optional[bool] = ...) -> None: ...
    class ClearChatAction(_message.Message):
        __slots__ = ("messageRange",)
        MESSAGERANGE_FIELD_NUMBER: _ClassVar[int]
        messageRange: SyncActionValue.SyncActionMessageRange
        def __init__(self, messageRange: _Optional[_Union[SyncActionValue.SyncActionMessageRange, _Mapping]] = ...) -> None: ...
    class ContactAction(_message.Message):
        __slots__ = ("fullName", "firstName", "lidJid", "saveOnPrimaryAddressbook", "pnJid", "username")
        FULLNAME_FIELD_NUMBER: _ClassVar[int]
        FIRSTNAME_FIELD_NUMBER: _ClassVar[int]
        LIDJID_FIELD_NUMBER: _ClassVar[int]
        SAVEONPRIMARYADDRESSBOOK_FIELD_NUMBER: _ClassVar[int]
        PNJID_FIELD_NUMBER: _ClassVar[int]
        USERNAME_FIELD_NUMBER: _ClassVar[int]
        fullName: str
        firstName: str
        lidJid: str
        saveOnPrimaryAddressbook: bool
        pnJid: str
        username: str
        def __init__(self, fullName: _Optional[str] = ..., firstName: _Optional[str] = ..., lidJid: _Optional[str] = ..., saveOnPrimaryAddressbook: _Optional[bool] = ..., pnJid: _Optional[str] = ..., username: _Optional[str] = ...) -> None: ...
    class CtwaPerCustomerDataSharingAction(_message.Message):
        __slots__ = ("isCtwaPerCustomerDataSharingEnabled",)
        ISCTWAPERCUSTOMERDATASHARINGENABLED_FIELD_NUMBER: _ClassVar[int]
        isCtwaPerCustomerDataSharingEnabled: bool
        def __init__(self, isCtwaPerCustomerDataSharingEnabled: _Optional[bool] = ...) -> None: ...
    class CustomPaymentMethod(_message.Message):
        __slots__ = ("credentialId", "country", "type", "metadata")
        CREDENTIALID_FIELD_NUMBER: _ClassVar[int]
        COUNTRY_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        METADATA_FIELD_NUMBER: _ClassVar[int]
        credentialId: str
        country: str
        type: str
        metadata: _containers.RepeatedCompositeFieldContainer[SyncActionValue.CustomPaymentMethodMetadata]
        def __init__(self, credentialId: _Optional[str] = ..., country: _Optional[str] = ..., type: _Optional[str] = ..., metadata: _Optional[_Iterable[_Union[SyncActionValue.CustomPaymentMethodMetadata, _Mapping]]] = ...) -> None: ...
    class CustomPaymentMethodMetadata(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class CustomPaymentMethodsAction(_message.Message):
        __slots__ = ("customPaymentMethods",)
        CUSTOMPAYMENTMETHODS_FIELD_NUMBER: _ClassVar[int]
        customPaymentMethods: _containers.RepeatedCompositeFieldContainer[SyncActionValue.CustomPaymentMethod]
        def __init__(self, customPaymentMethods: _Optional[_Iterable[_Union[SyncActionValue.CustomPaymentMethod, _Mapping]]] = ...) -> None: ...
    class DeleteChatAction(_message.Message):
        __slots__ = ("messageRange",)
        MESSAGERANGE_FIELD_NUMBER: _ClassVar[int]
        messageRange: SyncActionValue.SyncActionMessageRange
        def __init__(self, messageRange: _Optional[_Union[SyncActionValue.SyncActionMessageRange, _Mapping]] = ...) -> None: ...
    class DeleteIndividualCallLogAction(_message.Message):
        __slots__ = ("peerJid", "isIncoming")
        PEERJID_FIELD_NUMBER: _ClassVar[int]
        ISINCOMING_FIELD_NUMBER: _ClassVar[int]
        peerJid: str
        isIncoming: bool
        def __init__(self, peerJid: _Optional[str] = ..., isIncoming: _Optional[bool] = ...) -> None: ...
    class DeleteMessageForMeAction(_message.Message):
        __slots__ = ("deleteMedia", "messageTimestamp")
        DELETEMEDIA_FIELD_NUMBER: _ClassVar[int]
        MESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        deleteMedia: bool
        messageTimestamp: int
        def __init__(self, deleteMedia: _Optional[bool] = ..., messageTimestamp: _Optional[int] = ...) -> None: ...
    class DetectedOutcomesStatusAction(_message.Message):
        __slots__ = ("isEnabled",)
        ISENABLED_FIELD_NUMBER: _ClassVar[int]
        isEnabled: bool
        def __init__(self, isEnabled: _Optional[bool] = ...) -> None: ...
    class ExternalWebBetaAction(_message.Message):
        __slots__ = ("isOptIn",)
        ISOPTIN_FIELD_NUMBER: _ClassVar[int]
        isOptIn: bool
        def __init__(self, isOptIn: _Optional[bool] = ...) -> None: ...
    class FavoritesAction(_message.Message):
        __slots__ = ("favorites",)
        class Favorite(_message.Message):
            __slots__ = ("id",)
            ID_FIELD_NUMBER: _ClassVar[int]
            id: str
            def __init__(self, id: _Optional[str] = ...) -> None: ...
        FAVORITES_FIELD_NUMBER: _ClassVar[int]
        favorites: _containers.RepeatedCompositeFieldContainer[SyncActionValue.FavoritesAction.Favorite]
        def __init__(self, favorites: _Optional[_Iterable[_Union[SyncActionValue.FavoritesAction.Favorite, _Mapping]]] = ...) -> None: ...
    class InteractiveMessageAction(_message.Message):
        __slots__ = ("type",)
        class InteractiveMessageActionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            DISABLE_CTA: _ClassVar[SyncActionValue.InteractiveMessageAction.InteractiveMessageActionMode]
        DISABLE_CTA: SyncActionValue.InteractiveMessageAction.InteractiveMessageActionMode
        TYPE_FIELD_NUMBER: _ClassVar[int]
        type: SyncActionValue.InteractiveMessageAction.InteractiveMessageActionMode
        def __init__(self, type: _Optional[_Union[SyncActionValue.InteractiveMessageAction.InteractiveMessageActionMode, str]] = ...) -> None: ...
    class KeyExpiration(_message.Message):
        __slots__ = ("expiredKeyEpoch",)
        EXPIREDKEYEPOCH_FIELD_NUMBER: _ClassVar[int]
        expiredKeyEpoch: int
        def __init__(self, expiredKeyEpoch: _Optional[int] = ...) -> None: ...
    class LabelAssociationAction(_message.Message):
        __slots__ = ("labeled",)
        LABELED_FIELD_NUMBER: _ClassVar[int]
        labeled: bool
        def __init__(self, labeled: _Optional[bool] = ...) -> None: ...
    class LabelEditAction(_message.Message):
        __slots__ = ("name", "color", "predefinedId", "deleted", "orderIndex", "isActive", "type", "isImmutable", "muteEndTimeMs")
        class ListType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            NONE: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            UNREAD: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            GROUPS: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            FAVORITES: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            PREDEFINED: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            CUSTOM: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            COMMUNITY: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            SERVER_ASSIGNED: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            DRAFTED: _ClassVar[SyncActionValue.LabelEditAction.ListType]
            AI_HANDOFF: _ClassVar[SyncActionValue.LabelEditAction.ListType]
        NONE: SyncActionValue.LabelEditAction.ListType
        UNREAD: SyncActionValue.LabelEditAction.ListType
        GROUPS: SyncActionValue.LabelEditAction.ListType
        FAVORITES: SyncActionValue.LabelEditAction.ListType
        PREDEFINED: SyncActionValue.LabelEditAction.ListType
        CUSTOM: SyncActionValue.LabelEditAction.ListType
        COMMUNITY: SyncActionValue.LabelEditAction.ListType
        SERVER_ASSIGNED: SyncActionValue.LabelEditAction.ListType
        DRAFTED: SyncActionValue.LabelEditAction.ListType
        AI_HANDOFF: SyncActionValue.LabelEditAction.ListType
        NAME_FIELD_NUMBER: _ClassVar[int]
        COLOR_FIELD_NUMBER: _ClassVar[int]
        PREDEFINEDID_FIELD_NUMBER: _ClassVar[int]
        DELETED_FIELD_NUMBER: _ClassVar[int]
        ORDERINDEX_FIELD_NUMBER: _ClassVar[int]
        ISACTIVE_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        ISIMMUTABLE_FIELD_NUMBER: _ClassVar[int]
        MUTEENDTIMEMS_FIELD_NUMBER: _ClassVar[int]
        name: str
        color: int
        predefinedId: int
        deleted: bool
        orderIndex: int
        isActive: bool
        type: SyncActionValue.LabelEditAction.ListType
        isImmutable: bool
        muteEndTimeMs: int
        def __init__(self, name: _Optional[str] = ..., color: _Optional[int] = ..., predefinedId: _Optional[int] = ..., deleted: _Optional[bool] = ..., orderIndex: _Optional[int] = ..., isActive: _Optional[bool] = ..., type: _Optional[_Union[SyncActionValue.LabelEditAction.ListType, str]] = ..., isImmutable: _Optional[bool] = ..., muteEndTimeMs: _Optional[int] = ...) -> None: ...
    class LabelReorderingAction(_message.Message):
        __slots__ = ("sortedLabelIds",)
        SORTEDLABELIDS_FIELD_NUMBER: _ClassVar[int]
        sortedLabelIds: _containers.RepeatedScalarFieldContainer[int]
        def __init__(self, sortedLabelIds: _Optional[_Iterable[int]] = ...) -> None: ...
    class LidContactAction(_message.Message):
        __slots__ = ("fullName", "firstName", "username")
        FULLNAME_FIELD_NUMBER: _ClassVar[int]
        FIRSTNAME_FIELD_NUMBER: _ClassVar[int]
        USERNAME_FIELD_NUMBER: _ClassVar[int]
        fullName: str
        firstName: str
        username: str
        def __init__(self, fullName: _Optional[str] = ..., firstName: _Optional[str] = ..., username: _Optional[str] = ...) -> None: ...
    class LocaleSetting(_message.Message):
        __slots__ = ("locale",)
        LOCALE_FIELD_NUMBER: _ClassVar[int]
        locale: str
        def __init__(self, locale: _Optional[str] = ...) -> None: ...
    class LockChatAction(_message.Message):
        __slots__ = ("locked",)
        LOCKED_FIELD_NUMBER: _ClassVar[int]
        locked: bool
        def __init__(self, locked: _Optional[bool] = ...) -> None: ...
    class MaibaAIFeaturesControlAction(_message.Message):
        __slots__ = ("aiFeatureStatus",)
        class MaibaAIFeatureStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            ENABLED: _ClassVar[SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus]
            ENABLED_HAS_LEARNING: _ClassVar[SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus]
            DISABLED: _ClassVar[SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus]
        ENABLED: SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus
        ENABLED_HAS_LEARNING: SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus
        DISABLED: SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus
        AIFEATURESTATUS_FIELD_NUMBER: _ClassVar[int]
        aiFeatureStatus: SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus
        def __init__(self, aiFeatureStatus: _Optional[_Union[SyncActionValue.MaibaAIFeaturesControlAction.MaibaAIFeatureStatus, str]] = ...) -> None: ...
    class MarkChatAsReadAction(_message.Message):
        __slots__ = ("read", "messageRange")
        READ_FIELD_NUMBER: _ClassVar[int]
        MESSAGERANGE_FIELD_NUMBER: _ClassVar[int]
        read: bool
        messageRange: SyncActionValue.SyncActionMessageRange
        def __init__(self, read: _Optional[bool] = ..., messageRange: _Optional[_Union[SyncActionValue.SyncActionMessageRange, _Mapping]] = ...) -> None: ...
    class MarketingMessageAction(_message.Message):
        __slots__ = ("name", "message", "type", "createdAt", "lastSentAt", "isDeleted", "mediaId")
        class MarketingMessagePrototypeType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            PERSONALIZED: _ClassVar[SyncActionValue.MarketingMessageAction.MarketingMessagePrototypeType]
        PERSONALIZED: SyncActionValue.MarketingMessageAction.MarketingMessagePrototypeType
        NAME_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        TYPE_FIELD_NUMBER: _ClassVar[int]
        CREATEDAT_FIELD_NUMBER: _ClassVar[int]
        LASTSENTAT_FIELD_NUMBER: _ClassVar[int]
        ISDELETED_FIELD_NUMBER: _ClassVar[int]
        MEDIAID_FIELD_NUMBER: _ClassVar[int]
        name: str
        message: str
        type: SyncActionValue.MarketingMessageAction.MarketingMessagePrototypeType
        createdAt: int
        lastSentAt: int
        isDeleted: bool
        mediaId: str
        def __init__(self, name: _Optional[str] = ..., message: _Optional[str] = ..., type: _Optional[_Union[SyncActionValue.MarketingMessageAction.MarketingMessagePrototypeType, str]] = ..., createdAt: _Optional[int] = ..., lastSentAt: _Optional[int] = ..., isDeleted: _Optional[bool] = ..., mediaId: _Optional[str] = ...) -> None: ...
    class MarketingMessageBroadcastAction(_message.Message):
        __slots__ = ("repliedCount",)
        REPLIEDCOUNT_FIELD_NUMBER: _ClassVar[int]
        repliedCount: int
        def __init__(self, repliedCount: _Optional[int] = ...) -> None: ...
    class MerchantPaymentPartnerAction(_message.Message):
        __slots__ = ("status", "country", "gatewayName", "credentialId")
        class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            ACTIVE: _ClassVar[SyncActionValue.MerchantPaymentPartnerAction.Status]
            INACTIVE: _ClassVar[SyncActionValue.MerchantPaymentPartnerAction.Status]
        ACTIVE: SyncActionValue.MerchantPaymentPartnerAction.Status
        INACTIVE: SyncActionValue.MerchantPaymentPartnerAction.Status
        STATUS_FIELD_NUMBER: _ClassVar[int]
        COUNTRY_FIELD_NUMBER: _ClassVar[int]
        GATEWAYNAME_FIELD_NUMBER: _ClassVar[int]
        CREDENTIALID_FIELD_NUMBER: _ClassVar[int]
        status: SyncActionValue.MerchantPaymentPartnerAction.Status
        country: str
        gatewayName: str
        credentialId: str
        def __init__(self, status: _Optional[_Union[SyncActionValue.MerchantPaymentPartnerAction.Status, str]] = ..., country: _Optional[str] = ..., gatewayName: _Optional[str] = ..., credentialId: _Optional[str] = ...) -> None: ...
    class MusicUserIdAction(_message.Message):
        __slots__ = ("musicUserId", "music_user_id_map")
        class MusicUserIdMapEntry(_message.Message):
            __slots__ = ("key", "value")
            KEY_FIELD_NUMBER: _ClassVar[int]
            VALUE_FIELD_NUMBER: _ClassVar[int]
            key: str
            value: str
            def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
        MUSICUSERID_FIELD_NUMBER: _ClassVar[int]
        MUSIC_USER_ID_MAP_FIELD_NUMBER: _ClassVar[int]
        musicUserId: str
        music_user_id_map: _containers.ScalarMap[str, str]
        def __init__(self, musicUserId: _Optional[str] = ..., music_user_id_map: _Optional[_Mapping[str, str]] = ...) -> None: ...
    class MuteAction(_message.Message):
        __slots__ = ("muted", "muteEndTimestamp", "autoMuted")
        MUTED_FIELD_NUMBER: _ClassVar[int]
        MUTEENDTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        AUTOMUTED_FIELD_NUMBER: _ClassVar[int]
        muted: bool
        muteEndTimestamp: int
        autoMuted: bool
        def __init__(self, muted: _Optional[bool] = ..., muteEndTimestamp: _Optional[int] = ..., autoMuted: _Optional[bool] = ...) -> None: ...
    class NewsletterSavedInterestsAction(_message.Message):
        __slots__ = ("newsletterSavedInterests",)
        NEWSLETTERSAVEDINTERESTS_FIELD_NUMBER: _ClassVar[int]
        newsletterSavedInterests: str
        def __init__(self, newsletterSavedInterests: _Optional[str] = ...) -> None: ...
    class NoteEditAction(_message.Message):
        __slots__ = ("type", "chatJid", "createdAt", "deleted", "unstructuredContent")
        class NoteType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNSTRUCTURED: _ClassVar[SyncActionValue.NoteEditAction.NoteType]
            STRUCTURED: _ClassVar[SyncActionValue.NoteEditAction.NoteType]
        UNSTRUCTURED: SyncActionValue.NoteEditAction.NoteType
        STRUCTURED: SyncActionValue.NoteEditAction.NoteType
        TYPE_FIELD_NUMBER: _ClassVar[int]
        CHATJID_FIELD_NUMBER: _ClassVar[int]
        CREATEDAT_FIELD_NUMBER: _ClassVar[int]
        DELETED_FIELD_NUMBER: _ClassVar[int]
        UNSTRUCTUREDCONTENT_FIELD_NUMBER: _ClassVar[int]
        type: SyncActionValue.NoteEditAction.NoteType
        chatJid: str
        createdAt: int
        deleted: bool
        unstructuredContent: str
        def __init__(self, type: _Optional[_Union[SyncActionValue.NoteEditAction.NoteType, str]] = ..., chatJid: _Optional[str] = ..., createdAt: _Optional[int] = ..., deleted: _Optional[bool] = ..., unstructuredContent: _Optional[str] = ...) -> None: ...
    class NotificationActivitySettingAction(_message.Message):
        __slots__ = ("notificationActivitySetting",)
        class NotificationActivitySetting(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            DEFAULT_ALL_MESSAGES: _ClassVar[SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting]
            ALL_MESSAGES: _ClassVar[SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting]
            HIGHLIGHTS: _ClassVar[SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting]
            DEFAULT_HIGHLIGHTS: _ClassVar[SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting]
        DEFAULT_ALL_MESSAGES: SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting
        ALL_MESSAGES: SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting
        HIGHLIGHTS: SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting
        DEFAULT_HIGHLIGHTS: SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting
        NOTIFICATIONACTIVITYSETTING_FIELD_NUMBER: _ClassVar[int]
        notificationActivitySetting: SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting
        def __init__(self, notificationActivitySetting: _Optional[_Union[SyncActionValue.NotificationActivitySettingAction.NotificationActivitySetting, str]] = ...) -> None: ...
    class NctSaltSyncAction(_message.Message):
        __slots__ = ("salt",)
        SALT_FIELD_NUMBER: _ClassVar[int]
        salt: bytes
        def __init__(self, salt: _Optional[bytes] = ...) -> None: ...
    class NuxAction(_message.Message):
        __slots__ = ("acknowledged",)
        ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
        acknowledged: bool
        def __init__(self, acknowledged: _Optional[bool] = ...) -> None: ...
    class PaymentInfoAction(_message.Message):
        __slots__ = ("cpi",)
        CPI_FIELD_NUMBER: _ClassVar[int]
        cpi: str
        def __init__(self, cpi: _Optional[str] = ...) -> None: ...
    class PaymentTosAction(_message.Message):
        __slots__ = ("paymentNotice", "accepted")
        class PaymentNotice(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            BR_PAY_PRIVACY_POLICY: _ClassVar[SyncActionValue.PaymentTosAction.PaymentNotice]
        BR_PAY_PRIVACY_POLICY: SyncActionValue.PaymentTosAction.PaymentNotice
        PAYMENTNOTICE_FIELD_NUMBER: _ClassVar[int]
        ACCEPTED_FIELD_NUMBER: _ClassVar[int]
        paymentNotice: SyncActionValue.PaymentTosAction.PaymentNotice
        accepted: bool
        def __init__(self, paymentNotice: _Optional[_Union[SyncActionValue.PaymentTosAction.PaymentNotice, str]] = ..., accepted: _Optional[bool] = ...) -> None: ...
    class PinAction(_message.Message):
        __slots__ = ("pinned",)
        PINNED_FIELD_NUMBER: _ClassVar[int]
        pinned: bool
        def __init__(self, pinned: _Optional[bool] = ...) -> None: ...
    class PnForLidChatAction(_message.Message):
        __slots__ = ("pnJid",)
        PNJID_FIELD_NUMBER: _ClassVar[int]
        pnJid: str
        def __init__(self, pnJid: _Optional[str] = ...) -> None: ...
    class PrimaryFeature(_message.Message):
        __slots__ = ("flags",)
        FLAGS_FIELD_NUMBER: _ClassVar[int]
        flags: _containers.RepeatedScalarFieldContainer[str]
        def __init__(self, flags: _Optional[_Iterable[str]] = ...) -> None: ...
    class PrimaryVersionAction(_message.Message):
        __slots__ = ("version",)
        VERSION_FIELD_NUMBER: _ClassVar[int]
        version: str
        def __init__(self, version: _Optional[str] = ...) -> None: ...
    class PrivacySettingChannelsPersonalisedRecommendationAction(_message.Message):
        __slots__ = ("isUserOptedOut",)
        ISUSEROPTEDOUT_FIELD_NUMBER: _ClassVar[int]
        isUserOptedOut: bool
        def __init__(self, isUserOptedOut: _Optional[bool] = ...) -> None: ...
    class PrivacySettingDisableLinkPreviewsAction(_message.Message):
        __slots__ = ("isPreviewsDisabled",)
        ISPREVIEWSDISABLED_FIELD_NUMBER: _ClassVar[int]
        isPreviewsDisabled: bool
        def __init__(self, isPreviewsDisabled: _Optional[bool] = ...) -> None: ...
    class PrivacySettingRelayAllCalls(_message.Message):
        __slots__ = ("isEnabled",)
        ISENABLED_FIELD_NUMBER: _ClassVar[int]
        isEnabled: bool
        def __init__(self, isEnabled: _Optional[bool] = ...) -> None: ...
    class PrivateProcessingSettingAction(_message.Message):
        __slots__ = ("privateProcessingStatus",)
        class PrivateProcessingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            UNDEFINED: _ClassVar[SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus]
            ENABLED: _ClassVar[SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus]
            DISABLED: _ClassVar[SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus]
        UNDEFINED: SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus
        ENABLED: SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus
        DISABLED: SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus
        PRIVATEPROCESSINGSTATUS_FIELD_NUMBER: _ClassVar[int]
        privateProcessingStatus: SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus
        def __init__(self, privateProcessingStatus: _Optional[_Union[SyncActionValue.PrivateProcessingSettingAction.PrivateProcessingStatus, str]] = ...) -> None: ...
    class PushNameSetting(_message.Message):
        __slots__ = ("name",)
        NAME_FIELD_NUMBER: _ClassVar[int]
        name: str
        def __init__(self, name: _Optional[str] = ...) -> None: ...
    class QuickReplyAction(_message.Message):
        __slots__ = ("shortcut", "message", "keywords", "count", "deleted")
        SHORTCUT_FIELD_NUMBER: _ClassVar[int]
        MESSAGE_FIELD_NUMBER: _ClassVar[int]
        KEYWORDS_FIELD_NUMBER: _ClassVar[int]
        COUNT_FIELD_NUMBER: _ClassVar[int]
        DELETED_FIELD_NUMBER: _ClassVar[int]
        shortcut: str
        message: str
        keywords: _containers.RepeatedScalarFieldContainer[str]
        count: int
        deleted: bool
        def __init__(self, shortcut: _Optional[str] = ..., message: _Optional[str] = ..., keywords: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ..., deleted: _Optional[bool] = ...) -> None: ...
    class RecentEmojiWeightsAction(_message.Message):
        __slots__ = ("weights",)
        WEIGHTS_FIELD_NUMBER: _ClassVar[int]
        weights: _containers.RepeatedCompositeFieldContainer[RecentEmojiWeight]
        def __init__(self, weights: _Optional[_Iterable[_Union[RecentEmojiWeight, _Mapping]]] = ...) -> None: ...
    class RemoveRecentStickerAction(_message.Message):
        __slots__ = ("lastStickerSentTs",)
        LASTSTICKERSENTTS_FIELD_NUMBER: _ClassVar[int]
        lastStickerSentTs: int
        def __init__(self, lastStickerSentTs: _Optional[int] = ...) -> None: ...
    class StarAction(_message.Message):
        __slots__ = ("starred",)
        STARRED_FIELD_NUMBER: _ClassVar[int]
        starred: bool
        def __init__(self, starred: _Optional[bool] = ...) -> None: ...
    class StatusPostOptInNotificationPreferencesAction(_message.Message):
        __slots__ = ("enabled",)
        ENABLED_FIELD_NUMBER: _ClassVar[int]
        enabled: bool
        def __init__(self, enabled: _Optional[bool] = ...) -> None: ...
    class StatusPrivacyAction(_message.Message):
        __slots__ = ("mode", "userJid")
        class StatusDistributionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            ALLOW_LIST: _ClassVar[SyncActionValue.StatusPrivacyAction.StatusDistributionMode]
            DENY_LIST: _ClassVar[SyncActionValue.StatusPrivacyAction.StatusDistributionMode]
            CONTACTS: _ClassVar[SyncActionValue.StatusPrivacyAction.StatusDistributionMode]
            CLOSE_FRIENDS: _ClassVar[SyncActionValue.StatusPrivacyAction.StatusDistributionMode]
        ALLOW_LIST: SyncActionValue.StatusPrivacyAction.StatusDistributionMode
        DENY_LIST: SyncActionValue.StatusPrivacyAction.StatusDistributionMode
        CONTACTS: SyncActionValue.StatusPrivacyAction.StatusDistributionMode
        CLOSE_FRIENDS: SyncActionValue.StatusPrivacyAction.StatusDistributionMode
        MODE_FIELD_NUMBER: _ClassVar[int]
        USERJID_FIELD_NUMBER: _ClassVar[int]
        mode: SyncActionValue.StatusPrivacyAction.StatusDistributionMode
        userJid: _containers.RepeatedScalarFieldContainer[str]
        def __init__(self, mode: _Optional[_Union[SyncActionValue.StatusPrivacyAction.StatusDistributionMode, str]] = ..., userJid: _Optional[_Iterable[str]] = ...) -> None: ...
    class StickerAction(_message.Message):
        __slots__ = ("url", "fileEncSha256", "mediaKey", "mimetype", "height", "width", "directPath", "fileLength", "isFavorite", "deviceIdHint", "isLottie", "imageHash", "isAvatarSticker")
        URL_FIELD_NUMBER: _ClassVar[int]
        FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
        MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
        MIMETYPE_FIELD_NUMBER: _ClassVar[int]
        HEIGHT_FIELD_NUMBER: _ClassVar[int]
        WIDTH_FIELD_NUMBER: _ClassVar[int]
        DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
        FILELENGTH_FIELD_NUMBER: _ClassVar[int]
        ISFAVORITE_FIELD_NUMBER: _ClassVar[int]
        DEVICEIDHINT_FIELD_NUMBER: _ClassVar[int]
        ISLOTTIE_FIELD_NUMBER: _ClassVar[int]
        IMAGEHASH_FIELD_NUMBER: _ClassVar[int]
        ISAVATARSTICKER_FIELD_NUMBER: _ClassVar[int]
        url: str
        fileEncSha256: bytes
        mediaKey: bytes
        mimetype: str
        height: int
        width: int
        directPath: str
        fileLength: int
        isFavorite: bool
        deviceIdHint: int
        isLottie: bool
        imageHash: str
        isAvatarSticker: bool
        def __init__(self, url: _Optional[str] = ..., fileEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mimetype: _Optional[str] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., directPath: _Optional[str] = ..., fileLength: _Optional[int] = ..., isFavorite: _Optional[bool] = ..., deviceIdHint: _Optional[int] = ..., isLottie: _Optional[bool] = ..., imageHash: _Optional[str] = ..., isAvatarSticker: _Optional[bool] = ...) -> None: ...
    class SubscriptionAction(_message.Message):
        __slots__ = ("isDeactivated", "isAutoRenewing", "expirationDate")
        ISDEACTIVATED_FIELD_NUMBER: _ClassVar[int]
        ISAUTORENEWING_FIELD_NUMBER: _ClassVar[int]
        EXPIRATIONDATE_FIELD_NUMBER: _ClassVar[int]
        isDeactivated: bool
        isAutoRenewing: bool
        expirationDate: int
        def __init__(self, isDeactivated: _Optional[bool] = ..., isAutoRenewing: _Optional[bool] = ..., expirationDate: _Optional[int] = ...) -> None: ...
    class SyncActionMessage(_message.Message):
        __slots__ = ("key", "timestamp")
        KEY_FIELD_NUMBER: _ClassVar[int]
        TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        key: _wa_common_pb2.MessageKey
        timestamp: int
        def __init__(self, key: _Optional[_Union[_wa_common_pb2.MessageKey, _Mapping]] = ..., timestamp: _Optional[int] = ...) -> None: ...
    class SyncActionMessageRange(_message.Message):
        __slots__ = ("lastMessageTimestamp", "lastSystemMessageTimestamp", "messages")
        LASTMESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        LASTSYSTEMMESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
        MESSAGES_FIELD_NUMBER: _ClassVar[int]
        lastMessageTimestamp: int
        lastSystemMessageTimestamp: int
        messages: _containers.RepeatedCompositeFieldContainer[SyncActionValue.SyncActionMessage]
        def __init__(self, lastMessageTimestamp: _Optional[int] = ..., lastSystemMessageTimestamp: _Optional[int] = ..., messages: _Optional[_Iterable[_Union[SyncActionValue.SyncActionMessage, _Mapping]]] = ...) -> None: ...
    class TimeFormatAction(_message.Message):
        __slots__ = ("isTwentyFourHourFormatEnabled",)
        ISTWENTYFOURHOURFORMATENABLED_FIELD_NUMBER: _ClassVar[int]
        isTwentyFourHourFormatEnabled: bool
        def __init__(self, isTwentyFourHourFormatEnabled: _Optional[bool] = ...) -> None: ...
    class UGCBot(_message.Message):
        __slots__ = ("definition",)
        DEFINITION_FIELD_NUMBER: _ClassVar[int]
        definition: bytes
        def __init__(self, definition: _Optional[bytes] = ...) -> None: ...
    class UnarchiveChatsSetting(_message.Message):
        __slots__ = ("unarchiveChats",)
        UNARCHIVECHATS_FIELD_NUMBER: _ClassVar[int]
        unarchiveChats: bool
        def __init__(self, unarchiveChats: _Optional[bool] = ...) -> None: ...
    class UserStatusMuteAction(_message.Message):
        __slots__ = ("muted",)
        MUTED_FIELD_NUMBER: _ClassVar[int]
        muted: bool
        def __init__(self, muted: _Optional[bool] = ...) -> None: ...
    class UsernameChatStartModeAction(_message.Message):
        __slots__ = ("chatStartMode",)
        class ChatStartMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            LID: _ClassVar[SyncActionValue.UsernameChatStartModeAction.ChatStartMode]
            PN: _ClassVar[SyncActionValue.UsernameChatStartModeAction.ChatStartMode]
        LID: SyncActionValue.UsernameChatStartModeAction.ChatStartMode
        PN: SyncActionValue.UsernameChatStartModeAction.ChatStartMode
        CHATSTARTMODE_FIELD_NUMBER: _ClassVar[int]
        chatStartMode: SyncActionValue.UsernameChatStartModeAction.ChatStartMode
        def __init__(self, chatStartMode: _Optional[_Union[SyncActionValue.UsernameChatStartModeAction.ChatStartMode, str]] = ...) -> None: ...
    class WaffleAccountLinkStateAction(_message.Message):
        __slots__ = ("linkState",)
        class AccountLinkState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
            __slots__ = ()
            ACTIVE: _ClassVar[SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState]
            PAUSED: _ClassVar[SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState]
            UNLINKED: _ClassVar[SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState]
        ACTIVE: SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState
        PAUSED: SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState
        UNLINKED: SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState
        LINKSTATE_FIELD_NUMBER: _ClassVar[int]
        linkState: SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState
        def __init__(self, linkState: _Optional[_Union[SyncActionValue.WaffleAccountLinkStateAction.AccountLinkState, str]] = ...) -> None: ...
    class WamoUserIdentifierAction(_message.Message):
        __slots__ = ("identifier",)
        IDENTIFIER_FIELD_NUMBER: _ClassVar[int]
        identifier: str
        def __init__(self, identifier: _Optional[str] = ...) -> None: ...
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    STARACTION_FIELD_NUMBER: _ClassVar[int]
    CONTACTACTION_FIELD_NUMBER: _ClassVar[int]
    MUTEACTION_FIELD_NUMBER: _ClassVar[int]
    PINACTION_FIELD_NUMBER: _ClassVar[int]
    PUSHNAMESETTING_FIELD_NUMBER: _ClassVar[int]
    QUICKREPLYACTION_FIELD_NUMBER: _ClassVar[int]
    RECENTEMOJIWEIGHTSACTION_FIELD_NUMBER: _ClassVar[int]
    LABELEDITACTION_FIELD_NUMBER: _ClassVar[int]
    LABELASSOCIATIONACTION_FIELD_NUMBER: _ClassVar[int]
    LOCALESETTING_FIELD_NUMBER: _ClassVar[int]
    ARCHIVECHATACTION_FIELD_NUMBER: _ClassVar[int]
    DELETEMESSAGEFORMEACTION_FIELD_NUMBER: _ClassVar[int]
    KEYEXPIRATION_FIELD_NUMBER: _ClassVar[int]
    MARKCHATASREADACTION_FIELD_NUMBER: _ClassVar[int]
    CLEARCHATACTION_FIELD_NUMBER: _ClassVar[int]
    DELETECHATACTION_FIELD_NUMBER: _ClassVar[int]
    UNARCHIVECHATSSETTING_FIELD_NUMBER: _ClassVar[int]
    PRIMARYFEATURE_FIELD_NUMBER: _ClassVar[int]
    ANDROIDUNSUPPORTEDACTIONS_FIELD_NUMBER: _ClassVar[int]
    AGENTACTION_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTIONACTION_FIELD_NUMBER: _ClassVar[int]
    USERSTATUSMUTEACTION_FIELD_NUMBER: _ClassVar[int]
    TIMEFORMATACTION_FIELD_NUMBER: _ClassVar[int]
    NUXACTION_FIELD_NUMBER: _ClassVar[int]
    PRIMARYVERSIONACTION_FIELD_NUMBER: _ClassVar[int]
    STICKERACTION_FIELD_NUMBER: _ClassVar[int]
    REMOVERECENTSTICKERACTION_FIELD_NUMBER: _ClassVar[int]
    CHATASSIGNMENT_FIELD_NUMBER: _ClassVar[int]
    CHATASSIGNMENTOPENEDSTATUS_FIELD_NUMBER: _ClassVar[int]
    PNFORLIDCHATACTION_FIELD_NUMBER: _ClassVar[int]
    MARKETINGMESSAGEACTION_FIELD_NUMBER: _ClassVar[int]
    MARKETINGMESSAGEBROADCASTACTION_FIELD_NUMBER: _ClassVar[int]
    EXTERNALWEBBETAACTION_FIELD_NUMBER: _ClassVar[int]
    PRIVACYSETTINGRELAYALLCALLS_FIELD_NUMBER: _ClassVar[int]
    CALLLOGACTION_FIELD_NUMBER: _ClassVar[int]
    UGCBOT_FIELD_NUMBER: _ClassVar[int]
    STATUSPRIVACY_FIELD_NUMBER: _ClassVar[int]
    BOTWELCOMEREQUESTACTION_FIELD_NUMBER: _ClassVar[int]
    DELETEINDIVIDUALCALLLOG_FIELD_NUMBER: _ClassVar[int]
    LABELREORDERINGACTION_FIELD_NUMBER: _ClassVar[int]
    PAYMENTINFOACTION_FIELD_NUMBER: _ClassVar[int]
    CUSTOMPAYMENTMETHODSACTION_FIELD_NUMBER: _ClassVar[int]
    LOCKCHATACTION_FIELD_NUMBER: _ClassVar[int]
    CHATLOCKSETTINGS_FIELD_NUMBER: _ClassVar[int]
    WAMOUSERIDENTIFIERACTION_FIELD_NUMBER: _ClassVar[int]
    PRIVACYSETTINGDISABLELINKPREVIEWSACTION_FIELD_NUMBER: _ClassVar[int]
    DEVICECAPABILITIES_FIELD_NUMBER: _ClassVar[int]
    NOTEEDITACTION_FIELD_NUMBER: _ClassVar[int]
    FAVORITESACTION_FIELD_NUMBER: _ClassVar[int]
    MERCHANTPAYMENTPARTNERACTION_FIELD_NUMBER: _ClassVar[int]
    WAFFLEACCOUNTLINKSTATEACTION_FIELD_NUMBER: _ClassVar[int]
    USERNAMECHATSTARTMODE_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATIONACTIVITYSETTINGACTION_FIELD_NUMBER: _ClassVar[int]
    LIDCONTACTACTION_FIELD_NUMBER: _ClassVar[int]
    CTWAPERCUSTOMERDATASHARINGACTION_FIELD_NUMBER: _ClassVar[int]
    PAYMENTTOSACTION_FIELD_NUMBER: _ClassVar[int]
    PRIVACYSETTINGCHANNELSPERSONALISEDRECOMMENDATIONACTION_FIELD_NUMBER: _ClassVar[int]
    BUSINESSBROADCASTASSOCIATIONACTION_FIELD_NUMBER: _ClassVar[int]
    DETECTEDOUTCOMESSTATUSACTION_FIELD_NUMBER: _ClassVar[int]
    MAIBAAIFEATURESCONTROLACTION_FIELD_NUMBER: _ClassVar[int]
    BUSINESSBROADCASTLISTACTION_FIELD_NUMBER: _ClassVar[int]
    MUSICUSERIDACTION_FIELD_NUMBER: _ClassVar[int]
    STATUSPOSTOPTINNOTIFICATIONPREFERENCESACTION_FIELD_NUMBER: _ClassVar[int]
    AVATARUPDATEDACTION_FIELD_NUMBER: _ClassVar[int]
    PRIVATEPROCESSINGSETTINGACTION_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERSAVEDINTERESTSACTION_FIELD_NUMBER: _ClassVar[int]
    AITHREADRENAMEACTION_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVEMESSAGEACTION_FIELD_NUMBER: _ClassVar[int]
    NCTSALTSYNCACTION_FIELD_NUMBER: _ClassVar[int]
    DEVICECAPABILITIESV2_FIELD_NUMBER: _ClassVar[int]
    timestamp: int
    starAction: SyncActionValue.StarAction
    contactAction: SyncActionValue.ContactAction
    muteAction: SyncActionValue.MuteAction
    pinAction: SyncActionValue.PinAction
    pushNameSetting: SyncActionValue.PushNameSetting
    quickReplyAction: SyncActionValue.QuickReplyAction
    recentEmojiWeightsAction: SyncActionValue.RecentEmojiWeightsAction
    labelEditAction: SyncActionValue.LabelEditAction
    labelAssociationAction: SyncActionValue.LabelAssociationAction
    localeSetting: SyncActionValue.LocaleSetting
    archiveChatAction: SyncActionValue.ArchiveChatAction
    deleteMessageForMeAction: SyncActionValue.DeleteMessageForMeAction
    keyExpiration: SyncActionValue.KeyExpiration
    markChatAsReadAction: SyncActionValue.MarkChatAsReadAction
    clearChatAction: SyncActionValue.ClearChatAction
    deleteChatAction: SyncActionValue.DeleteChatAction
    unarchiveChatsSetting: SyncActionValue.UnarchiveChatsSetting
    primaryFeature: SyncActionValue.PrimaryFeature
    androidUnsupportedActions: SyncActionValue.AndroidUnsupportedActions
    agentAction: SyncActionValue.AgentAction
    subscriptionAction: SyncActionValue.SubscriptionAction
    userStatusMuteAction: SyncActionValue.UserStatusMuteAction
    timeFormatAction: SyncActionValue.TimeFormatAction
    nuxAction: SyncActionValue.NuxAction
    primaryVersionAction: SyncActionValue.PrimaryVersionAction
    stickerAction: SyncActionValue.StickerAction
    removeRecentStickerAction: SyncActionValue.RemoveRecentStickerAction
    chatAssignment: SyncActionValue.ChatAssignmentAction
    chatAssignmentOpenedStatus: SyncActionValue.ChatAssignmentOpenedStatusAction
    pnForLidChatAction: SyncActionValue.PnForLidChatAction
    marketingMessageAction: SyncActionValue.MarketingMessageAction
    marketingMessageBroadcastAction: SyncActionValue.MarketingMessageBroadcastAction
    externalWebBetaAction: SyncActionValue.ExternalWebBetaAction
    privacySettingRelayAllCalls: SyncActionValue.PrivacySettingRelayAllCalls
    callLogAction: SyncActionValue.CallLogAction
    ugcBot: SyncActionValue.UGCBot
    statusPrivacy: SyncActionValue.StatusPrivacyAction
    botWelcomeRequestAction: SyncActionValue.BotWelcomeRequestAction
    deleteIndividualCallLog: SyncActionValue.DeleteIndividualCallLogAction
    labelReorderingAction: SyncActionValue.LabelReorderingAction
    paymentInfoAction: SyncActionValue.PaymentInfoAction
    customPaymentMethodsAction: SyncActionValue.CustomPaymentMethodsAction
    lockChatAction: SyncActionValue.LockChatAction
    chatLockSettings: ChatLockSettings
    wamoUserIdentifierAction: SyncActionValue.WamoUserIdentifierAction
    privacySettingDisableLinkPreviewsAction: SyncActionValue.PrivacySettingDisableLinkPreviewsAction
    deviceCapabilities: DeviceCapabilities
    noteEditAction: SyncActionValue.NoteEditAction
    favoritesAction: SyncActionValue.FavoritesAction
    merchantPaymentPartnerAction: SyncActionValue.MerchantPaymentPartnerAction
    waffleAccountLinkStateAction: SyncActionValue.WaffleAccountLinkStateAction
    usernameChatStartMode: SyncActionValue.UsernameChatStartModeAction
    notificationActivitySettingAction: SyncActionValue.NotificationActivitySettingAction
    lidContactAction: SyncActionValue.LidContactAction
    ctwaPerCustomerDataSharingAction: SyncActionValue.CtwaPerCustomerDataSharingAction
    paymentTosAction: SyncActionValue.PaymentTosAction
    privacySettingChannelsPersonalisedRecommendationAction: SyncActionValue.PrivacySettingChannelsPersonalisedRecommendationAction
    businessBroadcastAssociationAction: SyncActionValue.BusinessBroadcastAssociationAction
    detectedOutcomesStatusAction: SyncActionValue.DetectedOutcomesStatusAction
    maibaAiFeaturesControlAction: SyncActionValue.MaibaAIFeaturesControlAction
    businessBroadcastListAction: SyncActionValue.BusinessBroadcastListAction
    musicUserIdAction: SyncActionValue.MusicUserIdAction
    statusPostOptInNotificationPreferencesAction: SyncActionValue.StatusPostOptInNotificationPreferencesAction
    avatarUpdatedAction: SyncActionValue.AvatarUpdatedAction
    privateProcessingSettingAction: SyncActionValue.PrivateProcessingSettingAction
    newsletterSavedInterestsAction: SyncActionValue.NewsletterSavedInterestsAction
    aiThreadRenameAction: SyncActionValue.AiThreadRenameAction
    interactiveMessageAction: SyncActionValue.InteractiveMessageAction
    nctSaltSyncAction: SyncActionValue.NctSaltSyncAction
    deviceCapabilitiesV2: DeviceCapabilities
    def __init__(self, timestamp: _Optional[int] = ..., starAction: _Optional[_Union[SyncActionValue.StarAction, _Mapping]] = ..., contactAction: _Optional[_Union[SyncActionValue.ContactAction, _Mapping]] = ..., muteAction: _Optional[_Union[SyncActionValue.MuteAction, _Mapping]] = ..., pinAction: _Optional[_Union[SyncActionValue.PinAction, _Mapping]] = ..., pushNameSetting: _Optional[_Union[SyncActionValue.PushNameSetting, _Mapping]] = ..., quickReplyAction: _Optional[_Union[SyncActionValue.QuickReplyAction, _Mapping]] = ..., recentEmojiWeightsAction: _Optional[_Union[SyncActionValue.RecentEmojiWeightsAction, _Mapping]] = ..., labelEditAction: _Optional[_Union[SyncActionValue.LabelEditAction, _Mapping]] = ..., labelAssociationAction: _Optional[_Union[SyncActionValue.LabelAssociationAction, _Mapping]] = ..., localeSetting: _Optional[_Union[SyncActionValue.LocaleSetting, _Mapping]] = ..., archiveChatAction: _Optional[_Union[SyncActionValue.ArchiveChatAction, _Mapping]] = ..., deleteMessageForMeAction: _Optional[_Union[SyncActionValue.DeleteMessageForMeAction, _Mapping]] = ..., keyExpiration: _Optional[_Union[SyncActionValue.KeyExpiration, _Mapping]] = ..., markChatAsReadAction: _Optional[_Union[SyncActionValue.MarkChatAsReadAction, _Mapping]] = ..., clearChatAction: _Optional[_Union[SyncActionValue.ClearChatAction, _Mapping]] = ..., deleteChatAction: _Optional[_Union[SyncActionValue.DeleteChatAction, _Mapping]] = ..., unarchiveChatsSetting: _Optional[_Union[SyncActionValue.UnarchiveChatsSetting, _Mapping]] = ..., primaryFeature: _Optional[_Union[SyncActionValue.PrimaryFeature, _Mapping]] = ..., androidUnsupportedActions: _Optional[_Union[SyncActionValue.AndroidUnsupportedActions, _Mapping]] = ..., agentAction: _Optional[_Union[SyncActionValue.AgentAction, _Mapping]] = ..., subscriptionAction: _Optional[_Union[SyncActionValue.SubscriptionAction, _Mapping]] = ..., userStatusMuteAction: _Optional[_Union[SyncActionValue.UserStatusMuteAction, _Mapping]] = ..., timeFormatAction: _Optional[_Union[SyncActionValue.TimeFormatAction, _Mapping]] = ..., nuxAction: _Optional[_Union[SyncActionValue.NuxAction, _Mapping]] = ..., primaryVersionAction: _Optional[_Union[SyncActionValue.PrimaryVersionAction, _Mapping]] = ..., stickerAction: _Optional[_Union[SyncActionValue.StickerAction, _Mapping]] = ..., removeRecentStickerAction: _Optional[_Union[SyncActionValue.RemoveRecentStickerAction, _Mapping]] = ..., chatAssignment: _Optional[_Union[SyncActionValue.ChatAssignmentAction, _Mapping]] = ..., chatAssignmentOpenedStatus: _Optional[_Union[SyncActionValue.ChatAssignmentOpenedStatusAction, _Mapping]] = ..., pnForLidChatAction: _Optional[_Union[SyncActionValue.PnForLidChatAction, _Mapping]] = ..., marketingMessageAction: _Optional[_Union[SyncActionValue.MarketingMessageAction, _Mapping]] = ..., marketingMessageBroadcastAction: _Optional[_Union[SyncActionValue.MarketingMessageBroadcastAction, _Mapping]] = ..., externalWebBetaAction: _Optional[_Union[SyncActionValue.ExternalWebBetaAction, _Mapping]] = ..., privacySettingRelayAllCalls: _Optional[_Union[SyncActionValue.PrivacySettingRelayAllCalls, _Mapping]] = ..., callLogAction: _Optional[_Union[SyncActionValue.CallLogAction, _Mapping]] = ..., ugcBot: _Optional[_Union[SyncActionValue.UGCBot, _Mapping]] = ..., statusPrivacy: _Optional[_Union[SyncActionValue.StatusPrivacyAction, _Mapping]] = ..., botWelcomeRequestAction: _Optional[_Union[SyncActionValue.BotWelcomeRequestAction, _Mapping]] = ..., deleteIndividualCallLog: _Optional[_Union[SyncActionValue.DeleteIndividualCallLogAction, _Mapping]] = ..., labelReorderingAction: _Optional[_Union[SyncActionValue.LabelReorderingAction, _Mapping]] = ..., paymentInfoAction: _Optional[_Union[SyncActionValue.PaymentInfoAction, _Mapping]] = ..., customPaymentMethodsAction: _Optional[_Union[SyncActionValue.CustomPaymentMethodsAction, _Mapping]] = ..., lockChatAction: _Optional[_Union[SyncActionValue.LockChatAction, _Mapping]] = ..., chatLockSettings: _Optional[_Union[ChatLockSettings, _Mapping]] = ..., wamoUserIdentifierAction: _Optional[_Union[SyncActionValue.WamoUserIdentifierAction, _Mapping]] = ..., privacySettingDisableLinkPreviewsAction: _Optional[_Union[SyncActionValue.PrivacySettingDisableLinkPreviewsAction, _Mapping]] = ..., deviceCapabilities: _Optional[_Union[DeviceCapabilities, _Mapping]] = ..., noteEditAction: _Optional[_Union[SyncActionValue.NoteEditAction, _Mapping]] = ..., favoritesAction: _Optional[_Union[SyncActionValue.FavoritesAction, _Mapping]] = ..., merchantPaymentPartnerAction: _Optional[_Union[SyncActionValue.MerchantPaymentPartnerAction, _Mapping]] = ..., waffleAccountLinkStateAction: _Optional[_Union[SyncActionValue.WaffleAccountLinkStateAction, _Mapping]] = ..., usernameChatStartMode: _Optional[_Union[SyncActionValue.UsernameChatStartModeAction, _Mapping]] = ..., notificationActivitySettingAction: _Optional[_Union[SyncActionValue.NotificationActivitySettingAction, _Mapping]] = ..., lidContactAction: _Optional[_Union[SyncActionValue.LidContactAction, _Mapping]] = ..., ctwaPerCustomerDataSharingAction: _Optional[_Union[SyncActionValue.CtwaPerCustomerDataSharingAction, _Mapping]] = ..., paymentTosAction: _Optional[_Union[SyncActionValue.PaymentTosAction, _Mapping]] = ..., privacySettingChannelsPersonalisedRecommendationAction: _Optional[_Union[SyncActionValue.PrivacySettingChannelsPersonalisedRecommendationAction, _Mapping]] = ..., businessBroadcastAssociationAction: _Optional[_Union[SyncActionValue.BusinessBroadcastAssociationAction, _Mapping]] = ..., detectedOutcomesStatusAction: _Optional[_Union[SyncActionValue.DetectedOutcomesStatusAction, _Mapping]] = ..., maibaAiFeaturesControlAction: _Optional[_Union[SyncActionValue.MaibaAIFeaturesControlAction, _Mapping]] = ..., businessBroadcastListAction: _Optional[_Union[SyncActionValue.BusinessBroadcastListAction, _Mapping]] = ..., musicUserIdAction: _Optional[_Union[SyncActionValue.MusicUserIdAction, _Mapping]] = ..., statusPostOptInNotificationPreferencesAction: _Optional[_Union[SyncActionValue.StatusPostOptInNotificationPreferencesAction, _Mapping]] = ..., avatarUpdatedAction: _Optional[_Union[SyncActionValue.AvatarUpdatedAction, _Mapping]] = ..., privateProcessingSettingAction: _Optional[_Union[SyncActionValue.PrivateProcessingSettingAction, _Mapping]] = ..., newsletterSavedInterestsAction: _Optional[_Union[SyncActionValue.NewsletterSavedInterestsAction, _Mapping]] = ..., aiThreadRenameAction: _Optional[_Union[SyncActionValue.AiThreadRenameAction, _Mapping]] = ..., interactiveMessageAction: _Optional[_Union[SyncActionValue.InteractiveMessageAction, _Mapping]] = ..., nctSaltSyncAction: _Optional[_Union[SyncActionValue.NctSaltSyncAction, _Mapping]] = ..., deviceCapabilitiesV2: _Optional[_Union[DeviceCapabilities, _Mapping]] = ...) -> None: ...

class SyncdIndex(_message.Message):
    __slots__ = ("blob",)
    BLOB_FIELD_NUMBER: _ClassVar[int]
    blob: bytes
    def __init__(self, blob: _Optional[bytes] = ...) -> None: ...

class SyncdMutation(_message.Message):
    __slots__ = ("operation", "record")
    class SyncdOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SET: _ClassVar[SyncdMutation.SyncdOperation]
        REMOVE: _ClassVar[SyncdMutation.SyncdOperation]
    SET: SyncdMutation.SyncdOperation
    REMOVE: SyncdMutation.SyncdOperation
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    RECORD_FIELD_NUMBER: _ClassVar[int]
    operation: SyncdMutation.SyncdOperation
    record: SyncdRecord
    def __init__(self, operation: _Optional[_Union[SyncdMutation.SyncdOperation, str]] = ..., record: _Optional[_Union[SyncdRecord, _Mapping]] = ...) -> None: ...

class SyncdMutations(_message.Message):
    __slots__ = ("mutations",)
    MUTATIONS_FIELD_NUMBER: _ClassVar[int]
    mutations: _containers.RepeatedCompositeFieldContainer[SyncdMutation]
    def __init__(self, mutations: _Optional[_Iterable[_Union[SyncdMutation, _Mapping]]] = ...) -> None: ...

class SyncdPatch(_message.Message):
    __slots__ = ("version", "mutations", "externalMutations", "snapshotMac", "patchMac", "keyId", "exitCode", "deviceIndex", "clientDebugData")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MUTATIONS_FIELD_NUMBER: _ClassVar[int]
    EXTERNALMUTATIONS_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOTMAC_FIELD_NUMBER: _ClassVar[int]
    PATCHMAC_FIELD_NUMBER: _ClassVar[int]
    KEYID_FIELD_NUMBER: _ClassVar[int]
    EXITCODE_FIELD_NUMBER: _ClassVar[int]
    DEVICEINDEX_FIELD_NUMBER: _ClassVar[int]
    CLIENTDEBUGDATA_FIELD_NUMBER: _ClassVar[int]
    version: SyncdVersion
    mutations: _containers.RepeatedCompositeFieldContainer[SyncdMutation]
    externalMutations: ExternalBlobReference
    snapshotMac: bytes
    patchMac: bytes
    keyId: KeyId
    exitCode: ExitCode
    deviceIndex: int
    clientDebugData: bytes
    def __init__(self, version: _Optional[_Union[SyncdVersion, _Mapping]] = ..., mutations: _Optional[_Iterable[_Union[SyncdMutation, _Mapping]]] = ..., externalMutations: _Optional[_Union[ExternalBlobReference, _Mapping]] = ..., snapshotMac: _Optional[bytes] = ..., patchMac: _Optional[bytes] = ..., keyId: _Optional[_Union[KeyId, _Mapping]] = ..., exitCode: _Optional[_Union[ExitCode, _Mapping]] = ..., deviceIndex: _Optional[int] = ..., clientDebugData: _Optional[bytes] = ...) -> None: ...

class SyncdRecord(_message.Message):
    __slots__ = ("index", "value", "keyId")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    KEYID_FIELD_NUMBER: _ClassVar[int]
    index: SyncdIndex
    value: SyncdValue
    keyId: KeyId
    def __init__(self, index: _Optional[_Union[SyncdIndex, _Mapping]] = ..., value: _Optional[_Union[SyncdValue, _Mapping]] = ..., keyId: _Optional[_Union[KeyId, _Mapping]] = ...) -> None: ...

class SyncdSnapshot(_message.Message):
    __slots__ = ("version", "records", "mac", "keyId")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    MAC_FIELD_NUMBER: _ClassVar[int]
    KEYID_FIELD_NUMBER: _ClassVar[int]
    version: SyncdVersion
    records: _containers.RepeatedCompositeFieldContainer[SyncdRecord]
    mac: bytes
    keyId: KeyId
    def __init__(self, version: _Optional[_Union[SyncdVersion, _Mapping]] = ..., records: _Optional[_Iterable[_Union[SyncdRecord, _Mapping]]] = ..., mac: _Optional[bytes] = ..., keyId: _Optional[_Union[KeyId, _Mapping]] = ...) -> None: ...

class SyncdValue(_message.Message):
    __slots__ = ("blob",)
    BLOB_FIELD_NUMBER: _ClassVar[int]
    blob: bytes
    def __init__(self, blob: _Optional[bytes] = ...) -> None: ...

class SyncdVersion(_message.Message):
    __slots__ = ("version",)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: int
    def __init__(self, version: _Optional[int] = ...) -> None: ...

class UserPassword(_message.Message):
    __slots__ = ("encoding", "transformer", "transformerArg", "transformedData")
    class Encoding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UTF8: _ClassVar[UserPassword.Encoding]
        UTF8_BROKEN: _ClassVar[UserPassword.Encoding]
    UTF8: UserPassword.Encoding
    UTF8_BROKEN: UserPassword.Encoding
    class Transformer(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NONE: _ClassVar[UserPassword.Transformer]
        PBKDF2_HMAC_SHA512: _ClassVar[UserPassword.Transformer]
        PBKDF2_HMAC_SHA384: _ClassVar[UserPassword.Transformer]
    NONE: UserPassword.Transformer
    PBKDF2_HMAC_SHA512: UserPassword.Transformer
    PBKDF2_HMAC_SHA384: UserPassword.Transformer
    class TransformerArg(_message.Message):
        __slots__ = ("key", "value")
        class Value(_message.Message):
            __slots__ = ("asBlob", "asUnsignedInteger")
            ASBLOB_FIELD_NUMBER: _ClassVar[int]
            ASUNSIGNEDINTEGER_FIELD_NUMBER: _ClassVar[int]
            asBlob: bytes
            asUnsignedInteger: int
            def __init__(self, asBlob: _Optional[bytes] = ..., asUnsignedInteger: _Optional[int] = ...) -> None: ...
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: UserPassword.TransformerArg.Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[UserPassword.TransformerArg.Value, _Mapping]] = ...) -> None: ...
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    TRANSFORMER_FIELD_NUMBER: _ClassVar[int]
    TRANSFORMERARG_FIELD_NUMBER: _ClassVar[int]
    TRANSFORMEDDATA_FIELD_NUMBER: _ClassVar[int]
    encoding: UserPassword.Encoding
    transformer: UserPassword.Transformer
    transformerArg: _containers.RepeatedCompositeFieldContainer[UserPassword.TransformerArg]
    transformedData: bytes
    def __init__(self, encoding: _Optional[_Union[UserPassword.Encoding, str]] = ..., transformer: _Optional[_Union[UserPassword.Transformer, str]] = ..., transformerArg: _Optional[_Iterable[_Union[UserPassword.TransformerArg, _Mapping]]] = ..., transformedData: _Optional[bytes] = ...) -> None: ...
