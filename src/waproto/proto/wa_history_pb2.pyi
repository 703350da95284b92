from waproto.proto import wa_common_pb2 as _wa_common_pb2
from waproto.proto import wa_e2e_pb2 as _wa_e2e_pb2
from waproto.proto import wa_common_pb2 as _wa_common_pb2_1
from waproto.proto import wa_sync_pb2 as _wa_sync_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MediaVisibility(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEFAULT: _ClassVar[MediaVisibility]
    OFF: _ClassVar[MediaVisibility]
    ON: _ClassVar[MediaVisibility]

class PrivacySystemMessage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    E2EE_MSG: _ClassVar[PrivacySystemMessage]
    NE2EE_SELF: _ClassVar[PrivacySystemMessage]
    NE2EE_OTHER: _ClassVar[PrivacySystemMessage]
DEFAULT: MediaVisibility
OFF: MediaVisibility
ON: MediaVisibility
E2EE_MSG: PrivacySystemMessage
NE2EE_SELF: PrivacySystemMessage
NE2EE_OTHER: PrivacySystemMessage

class Account(_message.Message):
    __slots__ = ("lid", "username", "countryCode", "isUsernameDeleted")
    LID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    COUNTRYCODE_FIELD_NUMBER: _ClassVar[int]
    ISUSERNAMEDELETED_FIELD_NUMBER: _ClassVar[int]
    lid: str
    username: str
    countryCode: str
    isUsernameDeleted: bool
    def __init__(self, lid: _Optional[str] = ..., username: _Optional[str] = ..., countryCode: _Optional[str] = ..., isUsernameDeleted: _Optional[bool] = ...) -> None: ...

class AutoDownloadSettings(_message.Message):
    __slots__ = ("downloadImages", "downloadAudio", "downloadVideo", "downloadDocuments")
    DOWNLOADIMAGES_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADAUDIO_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADVIDEO_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADDOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    downloadImages: bool
    downloadAudio: bool
    downloadVideo: bool
    downloadDocuments: bool
    def __init__(self, downloadImages: _Optional[bool] = ..., downloadAudio: _Optional[bool] = ..., downloadVideo: _Optional[bool] = ..., downloadDocuments: _Optional[bool] = ...) -> None: ...

class AvatarUserSettings(_message.Message):
    __slots__ = ("fbid", "password")
    FBID_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    fbid: str
    password: str
    def __init__(self, fbid: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class Citation(_message.Message):
    __slots__ = ("title", "subtitle", "cmsId", "imageUrl")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUBTITLE_FIELD_NUMBER: _ClassVar[int]
    CMSID_FIELD_NUMBER: _ClassVar[int]
    IMAGEURL_FIELD_NUMBER: _ClassVar[int]
    title: str
    subtitle: str
    cmsId: str
    imageUrl: str
    def __init__(self, title: _Optional[str] = ..., subtitle: _Optional[str] = ..., cmsId: _Optional[str] = ..., imageUrl: _Optional[str] = ...) -> None: ...

class CommentMetadata(_message.Message):
    __slots__ = ("commentParentKey", "replyCount")
    COMMENTPARENTKEY_FIELD_NUMBER: _ClassVar[int]
    REPLYCOUNT_FIELD_NUMBER: _ClassVar[int]
    commentParentKey: _wa_common_pb2_1.MessageKey
    replyCount: int
    def __init__(self, commentParentKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., replyCount: _Optional[int] = ...) -> None: ...

class Conversation(_message.Message):
    __slots__ = ("id", "messages", "newJid", "oldJid", "lastMsgTimestamp", "unreadCount", "readOnly", "endOfHistoryTransfer", "ephemeralExpiration", "ephemeralSettingTimestamp", "endOfHistoryTransferType", "conversationTimestamp", "name", "pHash", "notSpam", "archived", "disappearingMode", "unreadMentionCount", "markedAsUnread", "participant", "tcToken", "tcTokenTimestamp", "contactPrimaryIdentityKey", "pinned", "muteEndTime", "wallpaper", "mediaVisibility", "tcTokenSenderTimestamp", "suspended", "terminated", "createdAt", "createdBy", "description", "support", "isParentGroup", "parentGroupId", "isDefaultSubgroup", "displayName", "pnJid", "shareOwnPn", "pnhDuplicateLidThread", "lidJid", "username", "lidOriginType", "commentsCount", "locked", "systemMessageToInsert", "capiCreatedGroup", "accountLid", "limitSharing", "limitSharingSettingTimestamp", "limitSharingTrigger", "limitSharingInitiatedByMe", "maibaAiThreadEnabled", "isMarketingMessageThread", "isSenderNewAccount", "afterReadDuration", "isSenderSuspicious", "appealUpdateTime", "authAgentParentCompanyName", "authAgentObaPhoneNumber")
    class EndOfHistoryTransferType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        COMPLETE_BUT_MORE_MESSAGES_REMAIN_ON_PRIMARY: _ClassVar[Conversation.EndOfHistoryTransferType]
        COMPLETE_AND_NO_MORE_MESSAGE_REMAIN_ON_PRIMARY: _ClassVar[Conversation.EndOfHistoryTransferType]
        COMPLETE_ON_DEMAND_SYNC_BUT_MORE_MSG_REMAIN_ON_PRIMARY: _ClassVar[Conversation.EndOfHistoryTransferType]
        COMPLETE_ON_DEMAND_SYNC_WITH_MORE_MSG_ON_PRIMARY_BUT_NO_ACCESS: _ClassVar[Conversation.EndOfHistoryTransferType]
    COMPLETE_BUT_MORE_MESSAGES_REMAIN_ON_PRIMARY: Conversation.EndOfHistoryTransferType
    COMPLETE_AND_NO_MORE_MESSAGE_REMAIN_ON_PRIMARY: Conversation.EndOfHistoryTransferType
    COMPLETE_ON_DEMAND_SYNC_BUT_MORE_MSG_REMAIN_ON_PRIMARY: Conversation.EndOfHistoryTransferType
    COMPLETE_ON_DEMAND_SYNC_WITH_MORE_MSG_ON_PRIMARY_BUT_NO_ACCESS: Conversation.EndOfHistoryTransferType
    ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NEWJID_FIELD_NUMBER: _ClassVar[int]
    OLDJID_FIELD_NUMBER: _ClassVar[int]
    LASTMSGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    UNREADCOUNT_FIELD_NUMBER: _ClassVar[int]
    READONLY_FIELD_NUMBER: _ClassVar[int]
    ENDOFHISTORYTRANSFER_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALEXPIRATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    ENDOFHISTORYTRANSFERTYPE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHASH_FIELD_NUMBER: _ClassVar[int]
    NOTSPAM_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    DISAPPEARINGMODE_FIELD_NUMBER: _ClassVar[int]
    UNREADMENTIONCOUNT_FIELD_NUMBER: _ClassVar[int]
    MARKEDASUNREAD_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    TCTOKEN_FIELD_NUMBER: _ClassVar[int]
    TCTOKENTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    CONTACTPRIMARYIDENTITYKEY_FIELD_NUMBER: _ClassVar[int]
    PINNED_FIELD_NUMBER: _ClassVar[int]
    MUTEENDTIME_FIELD_NUMBER: _ClassVar[int]
    WALLPAPER_FIELD_NUMBER: _ClassVar[int]
    MEDIAVISIBILITY_FIELD_NUMBER: _ClassVar[int]
    TCTOKENSENDERTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    SUSPENDED_FIELD_NUMBER: _ClassVar[int]
    TERMINATED_FIELD_NUMBER: _ClassVar[int]
    CREATEDAT_FIELD_NUMBER: _ClassVar[int]
    CREATEDBY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_FIELD_NUMBER: _ClassVar[int]
    ISPARENTGROUP_FIELD_NUMBER: _ClassVar[int]
    PARENTGROUPID_FIELD_NUMBER: _ClassVar[int]
    ISDEFAULTSUBGROUP_FIELD_NUMBER: _ClassVar[int]
    DISPLAYNAME_FIELD_NUMBER: _ClassVar[int]
    PNJID_FIELD_NUMBER: _ClassVar[int]
    SHAREOWNPN_FIELD_NUMBER: _ClassVar[int]
    PNHDUPLICATELIDTHREAD_FIELD_NUMBER: _ClassVar[int]
    LIDJID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    LIDORIGINTYPE_FIELD_NUMBER: _ClassVar[int]
    COMMENTSCOUNT_FIELD_NUMBER: _ClassVar[int]
    LOCKED_FIELD_NUMBER: _ClassVar[int]
    SYSTEMMESSAGETOINSERT_FIELD_NUMBER: _ClassVar[int]
    CAPICREATEDGROUP_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTLID_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARING_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGSETTINGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGTRIGGER_FIELD_NUMBER: _ClassVar[int]
    LIMITSHARINGINITIATEDBYME_FIELD_NUMBER: _ClassVar[int]
    MAIBAAITHREADENABLED_FIELD_NUMBER: _ClassVar[int]
    ISMARKETINGMESSAGETHREAD_FIELD_NUMBER: _ClassVar[int]
    ISSENDERNEWACCOUNT_FIELD_NUMBER: _ClassVar[int]
    AFTERREADDURATION_FIELD_NUMBER: _ClassVar[int]
    ISSENDERSUSPICIOUS_FIELD_NUMBER: _ClassVar[int]
    APPEALUPDATETIME_FIELD_NUMBER: _ClassVar[int]
    AUTHAGENTPARENTCOMPANYNAME_FIELD_NUMBER: _ClassVar[int]
    AUTHAGENTOBAPHONENUMBER_FIELD_NUMBER: _ClassVar[int]
    id: str
    messages: _containers.RepeatedCompositeFieldContainer[HistorySyncMsg]
    newJid: str
    oldJid: str
    lastMsgTimestamp: int
    unreadCount: int
    readOnly: bool
    endOfHistoryTransfer: bool
    ephemeralExpiration: int
    ephemeralSettingTimestamp: int
    endOfHistoryTransferType: Conversation.EndOfHistoryTransferType
    conversationTimestamp: int
    name: str
    pHash: str
    notSpam: bool
    archived: bool
    disappearingMode: _wa_e2e_pb2.DisappearingMode
    unreadMentionCount: int
    markedAsUnread: bool
    participant: _containers.RepeatedCompositeFieldContainer[GroupParticipant]
    tcToken: bytes
    tcTokenTimestamp: int
    contactPrimaryIdentityKey: bytes
    pinned: int
    muteEndTime: int
    wallpaper: WallpaperSettings
    mediaVisibility: MediaVisibility
    tcTokenSenderTimestamp: int
    suspended: bool
    terminated: bool
    createdAt: int
    createdBy: str
    description: str
    support: bool
    isParentGroup: bool
    parentGroupId: str
    isDefaultSubgroup: bool
    displayName: str
    pnJid: str
    shareOwnPn: bool
    pnhDuplicateLidThread: bool
    lidJid: str
    username: str
    lidOriginType: str
    commentsCount: int
    locked: bool
    systemMessageToInsert: PrivacySystemMessage
    capiCreatedGroup: bool
    accountLid: str
    limitSharing: bool
    limitSharingSettingTimestamp: int
    limitSharingTrigger: _wa_e2e_pb2.LimitSharing.TriggerType
    limitSharingInitiatedByMe: bool
    maibaAiThreadEnabled: bool
    isMarketingMessageThread: bool
    isSenderNewAccount: bool
    afterReadDuration: int
    isSenderSuspicious: bool
    appealUpdateTime: int
    authAgentParentCompanyName: str
    authAgentObaPhoneNumber: str
    def __init__(self, id: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[HistorySyncMsg, _Mapping]]] = ..., newJid: _Optional[str] = ..., oldJid: _Optional[str] = ..., lastMsgTimestamp: _Optional[int] = ..., unreadCount: _Optional[int] = ..., readOnly: _Optional[bool] = ..., endOfHistoryTransfer: _Optional[bool] = ..., ephemeralExpiration: _Optional[int] = ..., ephemeralSettingTimestamp: _Optional[int] = ..., endOfHistoryTransferType: _Optional[_Union[Conversation.EndOfHistoryTransferType, str]] = ..., conversationTimestamp: _Optional[int] = ..., name: _Optional[str] = ..., pHash: _Optional[str] = ..., notSpam: _Optional[bool] = ..., archived: _Optional[bool] = ..., disappearingMode: _Optional[_Union[_wa_e2e_pb2.DisappearingMode, _Mapping]] = ..., unreadMentionCount: _Optional[int] = ..., markedAsUnread: _Optional[bool] = ..., participant: _Optional[_Iterable[_Union[GroupParticipant, _Mapping]]] = ..., tcToken: _Optional[bytes] = ..., tcTokenTimestamp: _Optional[int] = ..., contactPrimaryIdentityKey: _Optional[bytes] = ..., pinned: _Optional[int] = ..., muteEndTime: _Optional[int] = ..., wallpaper: _Optional[_Union[WallpaperSettings, _Mapping]] = ..., mediaVisibility: _Optional[_Union[MediaVisibility, str]] = ..., tcTokenSenderTimestamp: _Optional[int] = ..., suspended: _Optional[bool] = ..., terminated: _Optional[bool] = ..., createdAt: _Optional[int] = ..., createdBy: _Optional[str] = ..., description: _Optional[str] = ..., support: _Optional[bool] = ..., isParentGroup: _Optional[bool] = ..., parentGroupId: _Optional[str] = ..., isDefaultSubgroup: _Optional[bool] = ..., displayName: _Optional[str] = ..., pnJid: _Optional[str] = ..., shareOwnPn: _Optional[bool] = ..., pnhDuplicateLidThread: _Optional[bool] = ..., lidJid: _Optional[str] = ..., username: _Optional[str] = ..., lidOriginType: _Optional[str] = ..., commentsCount: _Optional[int] = ..., locked: _Optional[bool] = ..., systemMessageToInsert: _Optional[_Union[PrivacySystemMessage, str]] = ..., capiCreatedGroup: _Optional[bool] = ..., accountLid: _Optional[str] = ..., limitSharing: _Optional[bool] = ..., limitSharingSettingTimestamp: _Optional[int] = ..., limitSharingTrigger: _Optional[_Union[_wa_e2e_pb2.LimitSharing.TriggerType, str]] = ..., limitSharingInitiatedByMe: _Optional[bool] = ..., maibaAiThreadEnabled: _Optional[bool] = ..., isMarketingMessageThread: _Optional[bool] = ..., isSenderNewAccount: _Optional[bool] = ..., afterReadDuration: _Optional[int] = ..., isSenderSuspicious: _Optional[bool] = ..., appealUpdateTime: _Optional[int] = ..., authAgentParentCompanyName: _Optional[str] = ..., authAgentObaPhoneNumber: _Optional[str] = ...) -> None: ...

class EventAdditionalMetadata(_message.Message):
    __slots__ = ("isStale",)
    ISSTALE_FIELD_NUMBER: _ClassVar[int]
    isStale: bool
    def __init__(self, isStale: _Optional[bool] = ...) -> None: ...

class EventResponse(_message.Message):
    __slots__ = ("eventResponseMessageKey", "timestampMs", "eventResponseMessage", "unread")
    EVENTRESPONSEMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    EVENTRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    UNREAD_FIELD_NUMBER: _ClassVar[int]
    eventResponseMessageKey: _wa_common_pb2_1.MessageKey
    timestampMs: int
    eventResponseMessage: _wa_e2e_pb2.Message.EventResponseMessage
    unread: bool
    def __init__(self, eventResponseMessageKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., timestampMs: _Optional[int] = ..., eventResponseMessage: _Optional[_Union[_wa_e2e_pb2.Message.EventResponseMessage, _Mapping]] = ..., unread: _Optional[bool] = ...) -> None: ...

class GlobalSettings(_message.Message):
    __slots__ = ("lightThemeWallpaper", "mediaVisibility", "darkThemeWallpaper", "autoDownloadWiFi", "autoDownloadCellular", "autoDownloadRoaming", "showIndividualNotificationsPreview", "showGroupNotificationsPreview", "disappearingModeDuration", "disappearingModeTimestamp", "avatarUserSettings", "fontSize", "securityNotifications", "autoUnarchiveChats", "videoQualityMode", "photoQualityMode", "individualNotificationSettings", "groupNotificationSettings", "chatLockSettings", "chatDbLidMigrationTimestamp")
    LIGHTTHEMEWALLPAPER_FIELD_NUMBER: _ClassVar[int]
    MEDIAVISIBILITY_FIELD_NUMBER: _ClassVar[int]
    DARKTHEMEWALLPAPER_FIELD_NUMBER: _ClassVar[int]
    AUTODOWNLOADWIFI_FIELD_NUMBER: _ClassVar[int]
    AUTODOWNLOADCELLULAR_FIELD_NUMBER: _ClassVar[int]
    AUTODOWNLOADROAMING_FIELD_NUMBER: _ClassVar[int]
    SHOWINDIVIDUALNOTIFICATIONSPREVIEW_FIELD_NUMBER: _ClassVar[int]
    SHOWGROUPNOTIFICATIONSPREVIEW_FIELD_NUMBER: _ClassVar[int]
    DISAPPEARINGMODEDURATION_FIELD_NUMBER: _ClassVar[int]
    DISAPPEARINGMODETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    AVATARUSERSETTINGS_FIELD_NUMBER: _ClassVar[int]
    FONTSIZE_FIELD_NUMBER: _ClassVar[int]
    SECURITYNOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    AUTOUNARCHIVECHATS_FIELD_NUMBER: _ClassVar[int]
    VIDEOQUALITYMODE_FIELD_NUMBER: _ClassVar[int]
    PHOTOQUALITYMODE_FIELD_NUMBER: _ClassVar[int]
    INDIVIDUALNOTIFICATIONSETTINGS_FIELD_NUMBER: _ClassVar[int]
    GROUPNOTIFICATIONSETTINGS_FIELD_NUMBER: _ClassVar[int]
    CHATLOCKSETTINGS_FIELD_NUMBER: _ClassVar[int]
    CHATDBLIDMIGRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    lightThemeWallpaper: WallpaperSettings
    mediaVisibility: MediaVisibility
    darkThemeWallpaper: WallpaperSettings
    autoDownloadWiFi: AutoDownloadSettings
    autoDownloadCellular: AutoDownloadSettings
    autoDownloadRoaming: AutoDownloadSettings
    showIndividualNotificationsPreview: bool
    showGroupNotificationsPreview: bool
    disappearingModeDuration: int
    disappearingModeTimestamp: int
    avatarUserSettings: AvatarUserSettings
    fontSize: int
    securityNotifications: bool
    autoUnarchiveChats: bool
    videoQualityMode: int
    photoQualityMode: int
    individualNotificationSettings: NotificationSettings
    groupNotificationSettings: NotificationSettings
    chatLockSettings: _wa_sync_pb2.ChatLockSettings
    chatDbLidMigrationTimestamp: int
    def __init__(self, lightThemeWallpaper: _Optional[_Union[WallpaperSettings, _Mapping]] = ..., mediaVisibility: _Optional[_Union[MediaVisibility, str]] = ..., darkThemeWallpaper: _Optional[_Union[WallpaperSettings, _Mapping]] = ..., autoDownloadWiFi: _Optional[_Union[AutoDownloadSettings, _Mapping]] = ..., autoDownloadCellular: _Optional[_Union[AutoDownloadSettings, _Mapping]] = ..., autoDownloadRoaming: _Optional[_Union[AutoDownloadSettings, _Mapping]] = ..., showIndividualNotificationsPreview: _Optional[bool] = ..., showGroupNotificationsPreview: _Optional[bool] = ..., disappearingModeDuration: _Optional[int] = ..., disappearingModeTimestamp: _Optional[int] = ..., avatarUserSettings: _Optional[_Union[AvatarUserSettings, _Mapping]] = ..., fontSize: _Optional[int] = ..., securityNotifications: _Optional[bool] = ..., autoUnarchiveChats: _Optional[bool] = ..., videoQualityMode: _Optional[int] = ..., photoQualityMode: _Optional[int] = ..., individualNotificationSettings: _Optional[_Union[NotificationSettings, _Mapping]] = ..., groupNotificationSettings: _Optional[_Union[NotificationSettings, _Mapping]] = ..., chatLockSettings: _Optional[_Union[_wa_sync_pb2.ChatLockSettings, _Mapping]] = ..., chatDbLidMigrationTimestamp: _Optional[int] = ...) -> None: ...

class GroupHistoryBundleInfo(_message.Message):
    __slots__ = ("deprecatedMessageHistoryBundle", "processState")
    class ProcessState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        NOT_INJECTED: _ClassVar[GroupHistoryBundleInfo.ProcessState]
        INJECTED: _ClassVar[GroupHistoryBundleInfo.ProcessState]
        INJECTED_PARTIAL: _ClassVar[GroupHistoryBundleInfo.ProcessState]
        INJECTION_FAILED: _ClassVar[GroupHistoryBundleInfo.ProcessState]
        INJECTION_FAILED_NO_RETRY: _ClassVar[GroupHistoryBundleInfo.ProcessState]
        DEDUPED: _ClassVar[GroupHistoryBundleInfo.ProcessState]
    NOT_INJECTED: GroupHistoryBundleInfo.ProcessState
    INJECTED: GroupHistoryBundleInfo.ProcessState
    INJECTED_PARTIAL: GroupHistoryBundleInfo.ProcessState
    INJECTION_FAILED: GroupHistoryBundleInfo.ProcessState
    INJECTION_FAILED_NO_RETRY: GroupHistoryBundleInfo.ProcessState
    DEDUPED: GroupHistoryBundleInfo.ProcessState
    DEPRECATEDMESSAGEHISTORYBUNDLE_FIELD_NUMBER: _ClassVar[int]
    PROCESSSTATE_FIELD_NUMBER: _ClassVar[int]
    deprecatedMessageHistoryBundle: _wa_e2e_pb2.Message.MessageHistoryBundle
    processState: GroupHistoryBundleInfo.ProcessState
    def __init__(self, deprecatedMessageHistoryBundle: _Optional[_Union[_wa_e2e_pb2.Message.MessageHistoryBundle, _Mapping]] = ..., processState: _Optional[_Union[GroupHistoryBundleInfo.ProcessState, str]] = ...) -> None: ...

class GroupHistoryIndividualMessageInfo(_message.Message):
    __slots__ = ("bundleMessageKey", "editedAfterReceivedAsHistory")
    BUNDLEMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    EDITEDAFTERRECEIVEDASHISTORY_FIELD_NUMBER: _ClassVar[int]
    bundleMessageKey: _wa_common_pb2_1.MessageKey
    editedAfterReceivedAsHistory: bool
    def __init__(self, bundleMessageKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., editedAfterReceivedAsHistory: _Optional[bool] = ...) -> None: ...

class GroupParticipant(_message.Message):
    __slots__ = ("userJid", "rank", "memberLabel")
    class Rank(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REGULAR: _ClassVar[GroupParticipant.Rank]
        ADMIN: _ClassVar[GroupParticipant.Rank]
        SUPERADMIN: _ClassVar[GroupParticipant.Rank]
    REGULAR: GroupParticipant.Rank
    ADMIN: GroupParticipant.Rank
    SUPERADMIN: GroupParticipant.Rank
    USERJID_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    MEMBERLABEL_FIELD_NUMBER: _ClassVar[int]
    userJid: str
    rank: GroupParticipant.Rank
    memberLabel: _wa_e2e_pb2.MemberLabel
    def __init__(self, userJid: _Optional[str] = ..., rank: _Optional[_Union[GroupParticipant.Rank, str]] = ..., memberLabel: _Optional[_Union[_wa_e2e_pb2.MemberLabel, _Mapping]] = ...) -> None: ...

class HistorySync(_message.Message):
    __slots__ = ("syncType", "conversations", "statusV3Messages", "chunkOrder", "progress", "pushnames", "globalSettings", "threadIdUserSecret", "threadDsTimeframeOffset", "recentStickers", "pastParticipants", "callLogRecords", "aiWaitListState", "phoneNumberToLidMappings", "companionMetaNonce", "shareableChatIdentifierEncryptionKey", "accounts", "nctSalt", "inlineContactsProvided")
    class BotAIWaitListState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        IN_WAITLIST: _ClassVar[HistorySync.BotAIWaitListState]
        AI_AVAILABLE: _ClassVar[HistorySync.BotAIWaitListState]
    IN_WAITLIST: HistorySync.BotAIWaitListState
    AI_AVAILABLE: HistorySync.BotAIWaitListState
    class HistorySyncType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        INITIAL_BOOTSTRAP: _ClassVar[HistorySync.HistorySyncType]
        INITIAL_STATUS_V3: _ClassVar[HistorySync.HistorySyncType]
        FULL: _ClassVar[HistorySync.HistorySyncType]
        RECENT: _ClassVar[HistorySync.HistorySyncType]
        PUSH_NAME: _ClassVar[HistorySync.HistorySyncType]
        NON_BLOCKING_DATA: _ClassVar[HistorySync.HistorySyncType]
        ON_DEMAND: _ClassVar[HistorySync.HistorySyncType]
    INITIAL_BOOTSTRAP: HistorySync.HistorySyncType
    INITIAL_STATUS_V3: HistorySync.HistorySyncType
    FULL: HistorySync.HistorySyncType
    RECENT: HistorySync.HistorySyncType
    PUSH_NAME: HistorySync.HistorySyncType
    NON_BLOCKING_DATA: HistorySync.HistorySyncType
    ON_DEMAND: HistorySync.HistorySyncType
    SYNCTYPE_FIELD_NUMBER: _ClassVar[int]
    CONVERSATIONS_FIELD_NUMBER: _ClassVar[int]
    STATUSV3MESSAGES_FIELD_NUMBER: _ClassVar[int]
    CHUNKORDER_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    PUSHNAMES_FIELD_NUMBER: _ClassVar[int]
    GLOBALSETTINGS_FIELD_NUMBER: _ClassVar[int]
    THREADIDUSERSECRET_FIELD_NUMBER: _ClassVar[int]
    THREADDSTIMEFRAMEOFFSET_FIELD_NUMBER: _ClassVar[int]
    RECENTSTICKERS_FIELD_NUMBER: _ClassVar[int]
    PASTPARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    CALLLOGRECORDS_FIELD_NUMBER: _ClassVar[int]
    AIWAITLISTSTATE_FIELD_NUMBER: _ClassVar[int]
    PHONENUMBERTOLIDMAPPINGS_FIELD_NUMBER: _ClassVar[int]
    COMPANIONMETANONCE_FIELD_NUMBER: _ClassVar[int]
    SHAREABLECHATIDENTIFIERENCRYPTIONKEY_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    NCTSALT_FIELD_NUMBER: _ClassVar[int]
    INLINECONTACTSPROVIDED_FIELD_NUMBER: _ClassVar[int]
    syncType: HistorySync.HistorySyncType
    conversations: _containers.RepeatedCompositeFieldContainer[Conversation]
    statusV3Messages: _containers.RepeatedCompositeFieldContainer[WebMessageInfo]
    chunkOrder: int
    progress: int
    pushnames: _containers.RepeatedCompositeFieldContainer[Pushname]
    globalSettings: GlobalSettings
    threadIdUserSecret: bytes
    threadDsTimeframeOffset: int
    recentStickers: _containers.RepeatedCompositeFieldContainer[StickerMetadata]
    pastParticipants: _containers.RepeatedCompositeFieldContainer[PastParticipants]
    callLogRecords: _containers.RepeatedCompositeFieldContainer[_wa_sync_pb2.CallLogRecord]
    aiWaitListState: HistorySync.BotAIWaitListState
    phoneNumberToLidMappings: _containers.RepeatedCompositeFieldContainer[PhoneNumberToLIDMapping]
    companionMetaNonce: str
    shareableChatIdentifierEncryptionKey: bytes
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    nctSalt: bytes
    inlineContactsProvided: bool
    def __init__(self, syncType: _Optional[_Union[HistorySync.HistorySyncType, str]] = ..., conversations: _Optional[_Iterable[_Union[Conversation, _Mapping]]] = ..., statusV3Messages: _Optional[_Iterable[_Union[WebMessageInfo, _Mapping]]] = ..., chunkOrder: _Optional[int] = ..., progress: _Optional[int] = ..., pushnames: _Optional[_Iterable[_Union[Pushname, _Mapping]]] = ..., globalSettings: _Optional[_Union[GlobalSettings, _Mapping]] = ..., threadIdUserSecret: _Optional[bytes] = ..., threadDsTimeframeOffset: _Optional[int] = ..., recentStickers: _Optional[_Iterable[_Union[StickerMetadata, _Mapping]]] = ..., pastParticipants: _Optional[_Iterable[_Union[PastParticipants, _Mapping]]] = ..., callLogRecords: _Optional[_Iterable[_Union[_wa_sync_pb2.CallLogRecord, _Mapping]]] = ..., aiWaitListState: _Optional[_Union[HistorySync.BotAIWaitListState, str]] = ..., phoneNumberToLidMappings: _Optional[_Iterable[_Union[PhoneNumberToLIDMapping, _Mapping]]] = ..., companionMetaNonce: _Optional[str] = ..., shareableChatIdentifierEncryptionKey: _Optional[bytes] = ..., accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ..., nctSalt: _Optional[bytes] = ..., inlineContactsProvided: _Optional[bool] = ...) -> None: ...

class HistorySyncMsg(_message.Message):
    __slots__ = ("message", "msgOrderId")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MSGORDERID_FIELD_NUMBER: _ClassVar[int]
    message: WebMessageInfo
    msgOrderId: int
    def __init__(self, message: _Optional[_Union[WebMessageInfo, _Mapping]] = ..., msgOrderId: _Optional[int] = ...) -> None: ...

class InteractiveMessageAdditionalMetadata(_message.Message):
    __slots__ = ("isGalaxyFlowCompleted",)
    ISGALAXYFLOWCOMPLETED_FIELD_NUMBER: _ClassVar[int]
    isGalaxyFlowCompleted: bool
    def __init__(self, isGalaxyFlowCompleted: _Optional[bool] = ...) -> None: ...

class KeepInChat(_message.Message):
    __slots__ = ("keepType", "serverTimestamp", "key", "deviceJid", "clientTimestampMs", "serverTimestampMs")
    KEEPTYPE_FIELD_NUMBER: _ClassVar[int]
    SERVERTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    DEVICEJID_FIELD_NUMBER: _ClassVar[int]
    CLIENTTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    SERVERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    keepType: _wa_e2e_pb2.KeepType
    serverTimestamp: int
    key: _wa_common_pb2_1.MessageKey
    deviceJid: str
    clientTimestampMs: int
    serverTimestampMs: int
    def __init__(self, keepType: _Optional[_Union[_wa_e2e_pb2.KeepType, str]] = ..., serverTimestamp: _Optional[int] = ..., key: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., deviceJid: _Optional[str] = ..., clientTimestampMs: _Optional[int] = ..., serverTimestampMs: _Optional[int] = ...) -> None: ...

class LegacyMessage(_message.Message):
    __slots__ = ("eventResponseMessage", "pollVote")
    EVENTRESPONSEMESSAGE_FIELD_NUMBER: _ClassVar[int]
    POLLVOTE_FIELD_NUMBER: _ClassVar[int]
    eventResponseMessage: _wa_e2e_pb2.Message.EventResponseMessage
    pollVote: _wa_e2e_pb2.Message.PollVoteMessage
    def __init__(self, eventResponseMessage: _Optional[_Union[_wa_e2e_pb2.Message.EventResponseMessage, _Mapping]] = ..., pollVote: _Optional[_Union[_wa_e2e_pb2.Message.PollVoteMessage, _Mapping]] = ...) -> None: ...

class MediaData(_message.Message):
    __slots__ = ("localPath",)
    LOCALPATH_FIELD_NUMBER: _ClassVar[int]
    localPath: str
    def __init__(self, localPath: _Optional[str] = ...) -> None: ...

class MessageAddOn(_message.Message):
    __slots__ = ("messageAddOnType", "messageAddOn", "senderTimestampMs", "serverTimestampMs", "status", "addOnContextInfo", "messageAddOnKey", "legacyMessage")
    class MessageAddOnType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNDEFINED: _ClassVar[MessageAddOn.MessageAddOnType]
        REACTION: _ClassVar[MessageAddOn.MessageAddOnType]
        EVENT_RESPONSE: _ClassVar[MessageAddOn.MessageAddOnType]
        POLL_UPDATE: _ClassVar[MessageAddOn.MessageAddOnType]
        PIN_IN_CHAT: _ClassVar[MessageAddOn.MessageAddOnType]
    UNDEFINED: MessageAddOn.MessageAddOnType
    REACTION: MessageAddOn.MessageAddOnType
    EVENT_RESPONSE: MessageAddOn.MessageAddOnType
    POLL_UPDATE: MessageAddOn.MessageAddOnType
    PIN_IN_CHAT: MessageAddOn.MessageAddOnType
    MESSAGEADDONTYPE_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDON_FIELD_NUMBER: _ClassVar[int]
    SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    SERVERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ADDONCONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONKEY_FIELD_NUMBER: _ClassVar[int]
    LEGACYMESSAGE_FIELD_NUMBER: _ClassVar[int]
    messageAddOnType: MessageAddOn.MessageAddOnType
    messageAddOn: _wa_e2e_pb2.Message
    senderTimestampMs: int
    serverTimestampMs: int
    status: WebMessageInfo.Status
    addOnContextInfo: MessageAddOnContextInfo
    messageAddOnKey: _wa_common_pb2_1.MessageKey
    legacyMessage: LegacyMessage
    def __init__(self, messageAddOnType: _Optional[_Union[MessageAddOn.MessageAddOnType, str]] = ..., messageAddOn: _Optional[_Union[_wa_e2e_pb2.Message, _Mapping]] = ..., senderTimestampMs: _Optional[int] = ..., serverTimestampMs: _Optional[int] = ..., status: _Optional[_Union[WebMessageInfo.Status, str]] = ..., addOnContextInfo: _Optional[_Union[MessageAddOnContextInfo, _Mapping]] = ..., messageAddOnKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., legacyMessage: _Optional[_Union[LegacyMessage, _Mapping]] = ...) -> None: ...

class MessageAddOnContextInfo(_message.Message):
    __slots__ = ("messageAddOnDurationInSecs", "messageAddOnExpiryType")
    MESSAGEADDONDURATIONINSECS_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONEXPIRYTYPE_FIELD_NUMBER: _ClassVar[int]
    messageAddOnDurationInSecs: int
    messageAddOnExpiryType: _wa_e2e_pb2.MessageContextInfo.MessageAddonExpiryType
    def __init__(self, messageAddOnDurationInSecs: _Optional[int] = ..., messageAddOnExpiryType: _Optional[_Union[_wa_e2e_pb2.MessageContextInfo.MessageAddonExpiryType, str]] = ...) -> None: ...

class MessageSecretMessage(_message.Message):
    __slots__ = ("version", "encIv", "encPayload")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ENCIV_FIELD_NUMBER: _ClassVar[int]
    ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
    version: int
    encIv: bytes
    encPayload: bytes
    def __init__(self, version: _Optional[int] = ..., encIv: _Optional[bytes] = ..., encPayload: _Optional[bytes] = ...) -> None: ...

class NotificationSettings(_message.Message):
    __slots__ = ("messageVibrate", "messagePopup", "messageLight", "lowPriorityNotifications", "reactionsMuted", "callVibrate")
    MESSAGEVIBRATE_FIELD_NUMBER: _ClassVar[int]
    MESSAGEPOPUP_FIELD_NUMBER: _ClassVar[int]
    MESSAGELIGHT_FIELD_NUMBER: _ClassVar[int]
    LOWPRIORITYNOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    REACTIONSMUTED_FIELD_NUMBER: _ClassVar[int]
    CALLVIBRATE_FIELD_NUMBER: _ClassVar[int]
    messageVibrate: str
    messagePopup: str
    messageLight: str
    lowPriorityNotifications: bool
    reactionsMuted: bool
    callVibrate: str
    def __init__(self, messageVibrate: _Optional[str] = ..., messagePopup: _Optional[str] = ..., messageLight: _Optional[str] = ..., lowPriorityNotifications: _Optional[bool] = ..., reactionsMuted: _Optional[bool] = ..., callVibrate: _Optional[str] = ...) -> None: ...

class PastParticipant(_message.Message):
    __slots__ = ("userJid", "leaveReason", "leaveTs")
    class LeaveReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        LEFT: _ClassVar[PastParticipant.LeaveReason]
        REMOVED: _ClassVar[PastParticipant.LeaveReason]
    LEFT: PastParticipant.LeaveReason
    REMOVED: PastParticipant.LeaveReason
    USERJID_FIELD_NUMBER: _ClassVar[int]
    LEAVEREASON_FIELD_NUMBER: _ClassVar[int]
    LEAVETS_FIELD_NUMBER: _ClassVar[int]
    userJid: str
    leaveReason: PastParticipant.LeaveReason
    leaveTs: int
    def __init__(self, userJid: _Optional[str] = ..., leaveReason: _Optional[_Union[PastParticipant.LeaveReason, str]] = ..., leaveTs: _Optional[int] = ...) -> None: ...

class PastParticipants(_message.Message):
    __slots__ = ("groupJid", "pastParticipants")
    GROUPJID_FIELD_NUMBER: _ClassVar[int]
    PASTPARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    groupJid: str
    pastParticipants: _containers.RepeatedCompositeFieldContainer[PastParticipant]
    def __init__(self, groupJid: _Optional[str] = ..., pastParticipants: _Optional[_Iterable[_Union[PastParticipant, _Mapping]]] = ...) -> None: ...

class PaymentInfo(_message.Message):
    __slots__ = ("currencyDeprecated", "amount1000", "receiverJid", "status", "transactionTimestamp", "requestMessageKey", "expiryTimestamp", "futureproofed", "currency", "txnStatus", "useNoviFiatFormat", "primaryAmount", "exchangeAmount")
    class Currency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_CURRENCY: _ClassVar[PaymentInfo.Currency]
        INR: _ClassVar[PaymentInfo.Currency]
    UNKNOWN_CURRENCY: PaymentInfo.Currency
    INR: PaymentInfo.Currency
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_STATUS: _ClassVar[PaymentInfo.Status]
        PROCESSING: _ClassVar[PaymentInfo.Status]
        SENT: _ClassVar[PaymentInfo.Status]
        NEED_TO_ACCEPT: _ClassVar[PaymentInfo.Status]
        COMPLETE: _ClassVar[PaymentInfo.Status]
        COULD_NOT_COMPLETE: _ClassVar[PaymentInfo.Status]
        REFUNDED: _ClassVar[PaymentInfo.Status]
        EXPIRED: _ClassVar[PaymentInfo.Status]
        REJECTED: _ClassVar[PaymentInfo.Status]
        CANCELLED: _ClassVar[PaymentInfo.Status]
        WAITING_FOR_PAYER: _ClassVar[PaymentInfo.Status]
        WAITING: _ClassVar[PaymentInfo.Status]
    UNKNOWN_STATUS: PaymentInfo.Status
    PROCESSING: PaymentInfo.Status
    SENT: PaymentInfo.Status
    NEED_TO_ACCEPT: PaymentInfo.Status
    COMPLETE: PaymentInfo.Status
    COULD_NOT_COMPLETE: PaymentInfo.Status
    REFUNDED: PaymentInfo.Status
    EXPIRED: PaymentInfo.Status
    REJECTED: PaymentInfo.Status
    CANCELLED: PaymentInfo.Status
    WAITING_FOR_PAYER: PaymentInfo.Status
    WAITING: PaymentInfo.Status
    class TxnStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[PaymentInfo.TxnStatus]
        PENDING_SETUP: _ClassVar[PaymentInfo.TxnStatus]
        PENDING_RECEIVER_SETUP: _ClassVar[PaymentInfo.TxnStatus]
        INIT: _ClassVar[PaymentInfo.TxnStatus]
        SUCCESS: _ClassVar[PaymentInfo.TxnStatus]
        COMPLETED: _ClassVar[PaymentInfo.TxnStatus]
        FAILED: _ClassVar[PaymentInfo.TxnStatus]
        FAILED_RISK: _ClassVar[PaymentInfo.TxnStatus]
        FAILED_PROCESSING: _ClassVar[PaymentInfo.TxnStatus]
        FAILED_RECEIVER_PROCESSING: _ClassVar[PaymentInfo.TxnStatus]
        FAILED_DA: _ClassVar[PaymentInfo.TxnStatus]
        FAILED_DA_FINAL: _ClassVar[PaymentInfo.TxnStatus]
        REFUNDED_TXN: _ClassVar[PaymentInfo.TxnStatus]
        REFUND_FAILED: _ClassVar[PaymentInfo.TxnStatus]
        REFUND_FAILED_PROCESSING: _ClassVar[PaymentInfo.TxnStatus]
        REFUND_FAILED_DA: _ClassVar[PaymentInfo.TxnStatus]
        EXPIRED_TXN: _ClassVar[PaymentInfo.TxnStatus]
        AUTH_CANCELED: _ClassVar[PaymentInfo.TxnStatus]
        AUTH_CANCEL_FAILED_PROCESSING: _ClassVar[PaymentInfo.TxnStatus]
        AUTH_CANCEL_FAILED: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_INIT: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_SUCCESS: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_FAILED: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_FAILED_RISK: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_REJECTED: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_EXPIRED: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_CANCELED: _ClassVar[PaymentInfo.TxnStatus]
        COLLECT_CANCELLING: _ClassVar[PaymentInfo.TxnStatus]
        IN_REVIEW: _ClassVar[PaymentInfo.TxnStatus]
        REVERSAL_SUCCESS: _ClassVar[PaymentInfo.TxnStatus]
        REVERSAL_PENDING: _ClassVar[PaymentInfo.TxnStatus]
        REFUND_PENDING: _ClassVar[PaymentInfo.TxnStatus]
    UNKNOWN: PaymentInfo.TxnStatus
    PENDING_SETUP: PaymentInfo.TxnStatus
    PENDING_RECEIVER_SETUP: PaymentInfo.TxnStatus
    INIT: PaymentInfo.TxnStatus
    SUCCESS: PaymentInfo.TxnStatus
    COMPLETED: PaymentInfo.TxnStatus
    FAILED: PaymentInfo.TxnStatus
    FAILED_RISK: PaymentInfo.TxnStatus
    FAILED_PROCESSING: PaymentInfo.TxnStatus
    FAILED_RECEIVER_PROCESSING: PaymentInfo.TxnStatus
    FAILED_DA: PaymentInfo.TxnStatus
    FAILED_DA_FINAL: PaymentInfo.TxnStatus
    REFUNDED_TXN: PaymentInfo.TxnStatus
    REFUND_FAILED: PaymentInfo.TxnStatus
    REFUND_FAILED_PROCESSING: PaymentInfo.TxnStatus
    REFUND_FAILED_DA: PaymentInfo.TxnStatus
    EXPIRED_TXN: PaymentInfo.TxnStatus
    AUTH_CANCELED: PaymentInfo.TxnStatus
    AUTH_CANCEL_FAILED_PROCESSING: PaymentInfo.TxnStatus
    AUTH_CANCEL_FAILED: PaymentInfo.TxnStatus
    COLLECT_INIT: PaymentInfo.TxnStatus
    COLLECT_SUCCESS: PaymentInfo.TxnStatus
    COLLECT_FAILED: PaymentInfo.TxnStatus
    COLLECT_FAILED_RISK: PaymentInfo.TxnStatus
    COLLECT_REJECTED: PaymentInfo.TxnStatus
    COLLECT_EXPIRED: PaymentInfo.TxnStatus
    COLLECT_CANCELED: PaymentInfo.TxnStatus
    COLLECT_CANCELLING: PaymentInfo.TxnStatus
    IN_REVIEW: PaymentInfo.TxnStatus
    REVERSAL_SUCCESS: PaymentInfo.TxnStatus
    REVERSAL_PENDING: PaymentInfo.TxnStatus
    REFUND_PENDING: PaymentInfo.TxnStatus
    CURRENCYDEPRECATED_FIELD_NUMBER: _ClassVar[int]
    AMOUNT1000_FIELD_NUMBER: _ClassVar[int]
    RECEIVERJID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    REQUESTMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    EXPIRYTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    FUTUREPROOFED_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    TXNSTATUS_FIELD_NUMBER: _ClassVar[int]
    USENOVIFIATFORMAT_FIELD_NUMBER: _ClassVar[int]
    PRIMARYAMOUNT_FIELD_NUMBER: _ClassVar[int]
    EXCHANGEAMOUNT_FIELD_NUMBER: _ClassVar[int]
    currencyDeprecated: PaymentInfo.Currency
    amount1000: int
    receiverJid: str
    status: PaymentInfo.Status
    transactionTimestamp: int
    requestMessageKey: _wa_common_pb2_1.MessageKey
    expiryTimestamp: int
    futureproofed: bool
    currency: str
    txnStatus: PaymentInfo.TxnStatus
    useNoviFiatFormat: bool
    primaryAmount: _wa_e2e_pb2.Money
    exchangeAmount: _wa_e2e_pb2.Money
    def __init__(self, currencyDeprecated: _Optional[_Union[PaymentInfo.Currency, str]] = ..., amount1000: _Optional[int] = ..., receiverJid: _Optional[str] = ..., status: _Optional[_Union[PaymentInfo.Status, str]] = ..., transactionTimestamp: _Optional[int] = ..., requestMessageKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., expiryTimestamp: _Optional[int] = ..., futureproofed: _Optional[bool] = ..., currency: _Optional[str] = ..., txnStatus: _Optional[_Union[PaymentInfo.TxnStatus, str]] = ..., useNoviFiatFormat: _Optional[bool] = ..., primaryAmount: _Optional[_Union[_wa_e2e_pb2.Money, _Mapping]] = ..., exchangeAmount: _Optional[_Union[_wa_e2e_pb2.Money, _Mapping]] = ...) -> None: ...

class PhoneNumberToLIDMapping(_message.Message):
    __slots__ = ("pnJid", "lidJid")
    PNJID_FIELD_NUMBER: _ClassVar[int]
    LIDJID_FIELD_NUMBER: _ClassVar[int]
    pnJid: str
    lidJid: str
    def __init__(self, pnJid: _Optional[str] = ..., lidJid: _Optional[str] = ...) -> None: ...

class PhotoChange(_message.Message):
    __slots__ = ("oldPhoto", "newPhoto", "newPhotoId")
    OLDPHOTO_FIELD_NUMBER: _ClassVar[int]
    NEWPHOTO_FIELD_NUMBER: _ClassVar[int]
    NEWPHOTOID_FIELD_NUMBER: _ClassVar[int]
    oldPhoto: bytes
    newPhoto: bytes
    newPhotoId: int
    def __init__(self, oldPhoto: _Optional[bytes] = ..., newPhoto: _Optional[bytes] = ..., newPhotoId: _Optional[int] = ...) -> None: ...

class PinInChat(_message.Message):
    __slots__ = ("type", "key", "senderTimestampMs", "serverTimestampMs", "messageAddOnContextInfo")
    class Type(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN_TYPE: _ClassVar[PinInChat.Type]
        PIN_FOR_ALL: _ClassVar[PinInChat.Type]
        UNPIN_FOR_ALL: _ClassVar[PinInChat.Type]
    UNKNOWN_TYPE: PinInChat.Type
    PIN_FOR_ALL: PinInChat.Type
    UNPIN_FOR_ALL: PinInChat.Type
    TYPE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    SERVERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONCONTEXTINFO_FIELD_NUMBER: _ClassVar[int]
    type: PinInChat.Type
    key: _wa_common_pb2_1.MessageKey
    senderTimestampMs: int
    serverTimestampMs: int
    messageAddOnContextInfo: MessageAddOnContextInfo
    def __init__(self, type: _Optional[_Union[PinInChat.Type, str]] = ..., key: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., senderTimestampMs: _Optional[int] = ..., serverTimestampMs: _Optional[int] = ..., messageAddOnContextInfo: _Optional[_Union[MessageAddOnContextInfo, _Mapping]] = ...) -> None: ...

class PollAdditionalMetadata(_message.Message):
    __slots__ = ("pollInvalidated",)
    POLLINVALIDATED_FIELD_NUMBER: _ClassVar[int]
    pollInvalidated: bool
    def __init__(self, pollInvalidated: _Optional[bool] = ...) -> None: ...

class PollEncValue(_message.Message):
    __slots__ = ("encPayload", "encIv")
    ENCPAYLOAD_FIELD_NUMBER: _ClassVar[int]
    ENCIV_FIELD_NUMBER: _ClassVar[int]
    encPayload: bytes
    encIv: bytes
    def __init__(self, encPayload: _Optional[bytes] = ..., encIv: _Optional[bytes] = ...) -> None: ...

class PollUpdate(_message.Message):
    __slots__ = ("pollUpdateMessageKey", "vote", "senderTimestampMs", "serverTimestampMs", "unread", "metadata")
    POLLUPDATEMESSAGEKEY_FIELD_NUMBER: _ClassVar[int]
    VOTE_FIELD_NUMBER: _ClassVar[int]
    SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    SERVERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    UNREAD_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    pollUpdateMessageKey: _wa_common_pb2_1.MessageKey
    vote: _wa_e2e_pb2.Message.PollVoteMessage
    senderTimestampMs: int
    serverTimestampMs: int
    unread: bool
    metadata: _wa_e2e_pb2.Message.PollUpdateMessageMetadata
    def __init__(self, pollUpdateMessageKey: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., vote: _Optional[_Union[_wa_e2e_pb2.Message.PollVoteMessage, _Mapping]] = ..., senderTimestampMs: _Optional[int] = ..., serverTimestampMs: _Optional[int] = ..., unread: _Optional[bool] = ..., metadata: _Optional[_Union[_wa_e2e_pb2.Message.PollUpdateMessageMetadata, _Mapping]] = ...) -> None: ...

class PremiumMessageInfo(_message.Message):
    __slots__ = ("serverCampaignId",)
    SERVERCAMPAIGNID_FIELD_NUMBER: _ClassVar[int]
    serverCampaignId: str
    def __init__(self, serverCampaignId: _Optional[str] = ...) -> None: ...

class Pushname(_message.Message):
    __slots__ = ("id", "pushname")
    ID_FIELD_NUMBER: _ClassVar[int]
    PUSHNAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    pushname: str
    def __init__(self, id: _Optional[str] = ..., pushname: _Optional[str] = ...) -> None: ...

class QuarantinedMessage(_message.Message):
    __slots__ = ("originalData", "extractedText")
    ORIGINALDATA_FIELD_NUMBER: _ClassVar[int]
    EXTRACTEDTEXT_FIELD_NUMBER: _ClassVar[int]
    originalData: bytes
    extractedText: str
    def __init__(self, originalData: _Optional[bytes] = ..., extractedText: _Optional[str] = ...) -> None: ...

class Reaction(_message.Message):
    __slots__ = ("key", "text", "groupingKey", "senderTimestampMs", "unread")
    KEY_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    GROUPINGKEY_FIELD_NUMBER: _ClassVar[int]
    SENDERTIMESTAMPMS_FIELD_NUMBER: _ClassVar[int]
    UNREAD_FIELD_NUMBER: _ClassVar[int]
    key: _wa_common_pb2_1.MessageKey
    text: str
    groupingKey: str
    senderTimestampMs: int
    unread: bool
    def __init__(self, key: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., text: _Optional[str] = ..., groupingKey: _Optional[str] = ..., senderTimestampMs: _Optional[int] = ..., unread: _Optional[bool] = ...) -> None: ...

class ReportingTokenInfo(_message.Message):
    __slots__ = ("reportingTag", "reportingTagTimestamp")
    REPORTINGTAG_FIELD_NUMBER: _ClassVar[int]
    REPORTINGTAGTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    reportingTag: bytes
    reportingTagTimestamp: int
    def __init__(self, reportingTag: _Optional[bytes] = ..., reportingTagTimestamp: _Optional[int] = ...) -> None: ...

class ServerErrorReceipt(_message.Message):
    __slots__ = ("stanzaId",)
    STANZAID_FIELD_NUMBER: _ClassVar[int]
    stanzaId: str
    def __init__(self, stanzaId: _Optional[str] = ...) -> None: ...

class StatusMentionMessage(_message.Message):
    __slots__ = ("quotedStatus",)
    QUOTEDSTATUS_FIELD_NUMBER: _ClassVar[int]
    quotedStatus: _wa_e2e_pb2.Message
    def __init__(self, quotedStatus: _Optional[_Union[_wa_e2e_pb2.Message, _Mapping]] = ...) -> None: ...

class StatusPSA(_message.Message):
    __slots__ = ("campaignId", "campaignExpirationTimestamp")
    CAMPAIGNID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGNEXPIRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    campaignId: int
    campaignExpirationTimestamp: int
    def __init__(self, campaignId: _Optional[int] = ..., campaignExpirationTimestamp: _Optional[int] = ...) -> None: ...

class StickerMetadata(_message.Message):
    __slots__ = ("url", "fileSha256", "fileEncSha256", "mediaKey", "mimetype", "height", "width", "directPath", "fileLength", "weight", "lastStickerSentTs", "isLottie", "imageHash", "isAvatarSticker")
    URL_FIELD_NUMBER: _ClassVar[int]
    FILESHA256_FIELD_NUMBER: _ClassVar[int]
    FILEENCSHA256_FIELD_NUMBER: _ClassVar[int]
    MEDIAKEY_FIELD_NUMBER: _ClassVar[int]
    MIMETYPE_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    DIRECTPATH_FIELD_NUMBER: _ClassVar[int]
    FILELENGTH_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    LASTSTICKERSENTTS_FIELD_NUMBER: _ClassVar[int]
    ISLOTTIE_FIELD_NUMBER: _ClassVar[int]
    IMAGEHASH_FIELD_NUMBER: _ClassVar[int]
    ISAVATARSTICKER_FIELD_NUMBER: _ClassVar[int]
    url: str
    fileSha256: bytes
    fileEncSha256: bytes
    mediaKey: bytes
    mimetype: str
    height: int
    width: int
    directPath: str
    fileLength: int
    weight: float
    lastStickerSentTs: int
    isLottie: bool
    imageHash: str
    isAvatarSticker: bool
    def __init__(self, url: _Optional[str] = ..., fileSha256: _Optional[bytes] = ..., fileEncSha256: _Optional[bytes] = ..., mediaKey: _Optional[bytes] = ..., mimetype: _Optional[str] = ..., height: _Optional[int] = ..., width: _Optional[int] = ..., directPath: _Optional[str] = ..., fileLength: _Optional[int] = ..., weight: _Optional[float] = ..., lastStickerSentTs: _Optional[int] = ..., isLottie: _Optional[bool] = ..., imageHash: _Optional[str] = ..., isAvatarSticker: _Optional[bool] = ...) -> None: ...

class UserReceipt(_message.Message):
    __slots__ = ("userJid", "receiptTimestamp", "readTimestamp", "playedTimestamp", "pendingDeviceJid", "deliveredDeviceJid")
    USERJID_FIELD_NUMBER: _ClassVar[int]
    RECEIPTTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    READTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    PLAYEDTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    PENDINGDEVICEJID_FIELD_NUMBER: _ClassVar[int]
    DELIVEREDDEVICEJID_FIELD_NUMBER: _ClassVar[int]
    userJid: str
    receiptTimestamp: int
    readTimestamp: int
    playedTimestamp: int
    pendingDeviceJid: _containers.RepeatedScalarFieldContainer[str]
    deliveredDeviceJid: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, userJid: _Optional[str] = ..., receiptTimestamp: _Optional[int] = ..., readTimestamp: _Optional[int] = ..., playedTimestamp: _Optional[int] = ..., pendingDeviceJid: _Optional[_Iterable[str]] = ..., deliveredDeviceJid: _Optional[_Iterable[str]] = ...) -> None: ...

class WallpaperSettings(_message.Message):
    __slots__ = ("filename", "opacity", "isGenAi")
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    OPACITY_FIELD_NUMBER: _ClassVar[int]
    ISGENAI_FIELD_NUMBER: _ClassVar[int]
    filename: str
    opacity: int
    isGenAi: bool
    def __init__(self, filename: _Optional[str] = ..., opacity: _Optional[int] = ..., isGenAi: _Optional[bool] = ...) -> None: ...

class WebMessageInfo(_message.Message):
    __slots__ = ("key", "message", "messageTimestamp", "status", "participant", "messageC2STimestamp", "ignore", "starred", "broadcast", "pushName", "mediaCiphertextSha256", "multicast", "urlText", "urlNumber", "messageStubType", "clearMedia", "messageStubParameters", "duration", "labels", "paymentInfo", "finalLiveLocation", "quotedPaymentInfo", "ephemeralStartTimestamp", "ephemeralDuration", "ephemeralOffToOn", "ephemeralOutOfSync", "bizPrivacyStatus", "verifiedBizName", "mediaData", "photoChange", "userReceipt", "reactions", "quotedStickerData", "futureproofData", "statusPsa", "pollUpdates", "pollAdditionalMetadata", "agentId", "statusAlreadyViewed", "messageSecret", "keepInChat", "originalSelfAuthorUserJidString", "revokeMessageTimestamp", "pinInChat", "premiumMessageInfo", "is1PBizBotMessage", "isGroupHistoryMessage", "botMessageInvokerJid", "commentMetadata", "eventResponses", "reportingTokenInfo", "newsletterServerId", "eventAdditionalMetadata", "isMentionedInStatus", "statusMentions", "targetMessageId", "messageAddOns", "statusMentionMessageInfo", "isSupportAiMessage", "statusMentionSources", "supportAiCitations", "botTargetId", "groupHistoryIndividualMessageInfo", "groupHistoryBundleInfo", "interactiveMessageAdditionalMetadata", "quarantinedMessage", "nonJIDMentions", "hsmTag", "ephemeralExpirationTimestamp", "decisionID", "decisionSources")
    class BizPrivacyStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        E2EE: _ClassVar[WebMessageInfo.BizPrivacyStatus]
        FB: _ClassVar[WebMessageInfo.BizPrivacyStatus]
        BSP: _ClassVar[WebMessageInfo.BizPrivacyStatus]
        BSP_AND_FB: _ClassVar[WebMessageInfo.BizPrivacyStatus]
    E2EE: WebMessageInfo.BizPrivacyStatus
    FB: WebMessageInfo.BizPrivacyStatus
    BSP: WebMessageInfo.BizPrivacyStatus
    BSP_AND_FB: WebMessageInfo.BizPrivacyStatus
    class Status(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ERROR: _ClassVar[WebMessageInfo.Status]
        PENDING: _ClassVar[WebMessageInfo.Status]
        SERVER_ACK: _ClassVar[WebMessageInfo.Status]
        DELIVERY_ACK: _ClassVar[WebMessageInfo.Status]
        READ: _ClassVar[WebMessageInfo.Status]
        PLAYED: _ClassVar[WebMessageInfo.Status]
    ERROR: WebMessageInfo.Status
    PENDING: WebMessageInfo.Status
    SERVER_ACK: WebMessageInfo.Status
    DELIVERY_ACK: WebMessageInfo.Status
    READ: WebMessageInfo.Status
    PLAYED: WebMessageInfo.Status
    class StubType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        REVOKE: _ClassVar[WebMessageInfo.StubType]
        CIPHERTEXT: _ClassVar[WebMessageInfo.StubType]
        FUTUREPROOF: _ClassVar[WebMessageInfo.StubType]
        NON_VERIFIED_TRANSITION: _ClassVar[WebMessageInfo.StubType]
        UNVERIFIED_TRANSITION: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_LOW_UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_HIGH: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_INITIAL_UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_INITIAL_LOW: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_INITIAL_HIGH: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_ANY_TO_NONE: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_ANY_TO_HIGH: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_HIGH_TO_LOW: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_HIGH_TO_UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_UNKNOWN_TO_LOW: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_LOW_TO_UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_NONE_TO_LOW: _ClassVar[WebMessageInfo.StubType]
        VERIFIED_TRANSITION_NONE_TO_UNKNOWN: _ClassVar[WebMessageInfo.StubType]
        GROUP_CREATE: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_SUBJECT: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_ICON: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_INVITE_LINK: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_DESCRIPTION: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_RESTRICT: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_ANNOUNCE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_ADD: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_REMOVE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_PROMOTE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_DEMOTE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_INVITE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_LEAVE: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_CHANGE_NUMBER: _ClassVar[WebMessageInfo.StubType]
        BROADCAST_CREATE: _ClassVar[WebMessageInfo.StubType]
        BROADCAST_ADD: _ClassVar[WebMessageInfo.StubType]
        BROADCAST_REMOVE: _ClassVar[WebMessageInfo.StubType]
        GENERIC_NOTIFICATION: _ClassVar[WebMessageInfo.StubType]
        E2E_IDENTITY_CHANGED: _ClassVar[WebMessageInfo.StubType]
        E2E_ENCRYPTED: _ClassVar[WebMessageInfo.StubType]
        CALL_MISSED_VOICE: _ClassVar[WebMessageInfo.StubType]
        CALL_MISSED_VIDEO: _ClassVar[WebMessageInfo.StubType]
        INDIVIDUAL_CHANGE_NUMBER: _ClassVar[WebMessageInfo.StubType]
        GROUP_DELETE: _ClassVar[WebMessageInfo.StubType]
        GROUP_ANNOUNCE_MODE_MESSAGE_BOUNCE: _ClassVar[WebMessageInfo.StubType]
        CALL_MISSED_GROUP_VOICE: _ClassVar[WebMessageInfo.StubType]
        CALL_MISSED_GROUP_VIDEO: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_CIPHERTEXT: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_FUTUREPROOF: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_TRANSACTION_STATUS_UPDATE_FAILED: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_TRANSACTION_STATUS_UPDATE_REFUNDED: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_TRANSACTION_STATUS_UPDATE_REFUND_FAILED: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_TRANSACTION_STATUS_RECEIVER_PENDING_SETUP: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_TRANSACTION_STATUS_RECEIVER_SUCCESS_AFTER_HICCUP: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_ACCOUNT_SETUP_REMINDER: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_SEND_PAYMENT_REMINDER: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_SEND_PAYMENT_INVITATION: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_REQUEST_DECLINED: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_REQUEST_EXPIRED: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_ACTION_REQUEST_CANCELLED: _ClassVar[WebMessageInfo.StubType]
        BIZ_VERIFIED_TRANSITION_TOP_TO_BOTTOM: _ClassVar[WebMessageInfo.StubType]
        BIZ_VERIFIED_TRANSITION_BOTTOM_TO_TOP: _ClassVar[WebMessageInfo.StubType]
        BIZ_INTRO_TOP: _ClassVar[WebMessageInfo.StubType]
        BIZ_INTRO_BOTTOM: _ClassVar[WebMessageInfo.StubType]
        BIZ_NAME_CHANGE: _ClassVar[WebMessageInfo.StubType]
        BIZ_MOVE_TO_CONSUMER_APP: _ClassVar[WebMessageInfo.StubType]
        BIZ_TWO_TIER_MIGRATION_TOP: _ClassVar[WebMessageInfo.StubType]
        BIZ_TWO_TIER_MIGRATION_BOTTOM: _ClassVar[WebMessageInfo.StubType]
        OVERSIZED: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_NO_FREQUENTLY_FORWARDED: _ClassVar[WebMessageInfo.StubType]
        GROUP_V4_ADD_INVITE_SENT: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_ADD_REQUEST_JOIN: _ClassVar[WebMessageInfo.StubType]
        CHANGE_EPHEMERAL_SETTING: _ClassVar[WebMessageInfo.StubType]
        E2E_DEVICE_CHANGED: _ClassVar[WebMessageInfo.StubType]
        VIEWED_ONCE: _ClassVar[WebMessageInfo.StubType]
        E2E_ENCRYPTED_NOW: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_TO_BSP_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_TO_SELF_FB: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_TO_SELF_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_PREMISE_TO_SELF_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_PREMISE_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_PREMISE_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_CONSUMER_TO_BSP_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_CONSUMER_TO_BSP_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_CONSUMER_TO_SELF_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_CONSUMER_TO_SELF_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_TO_BSP_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_TO_SELF_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_PREMISE_TO_BSP_PREMISE: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_TO_BSP_FB: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_TO_CONSUMER: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_TO_SELF_FB: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_UNVERIFIED_TO_BSP_FB_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_UNVERIFIED_TO_SELF_FB_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_UNVERIFIED_TO_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_VERIFIED_TO_BSP_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_VERIFIED_TO_SELF_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_VERIFIED_TO_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_UNVERIFIED_TO_SELF_FB_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_BSP_FB_VERIFIED_TO_SELF_FB_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: _ClassVar[WebMessageInfo.StubType]
        BLUE_MSG_SELF_FB_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: _ClassVar[WebMessageInfo.StubType]
        E2E_IDENTITY_UNAVAILABLE: _ClassVar[WebMessageInfo.StubType]
        GROUP_CREATING: _ClassVar[WebMessageInfo.StubType]
        GROUP_CREATE_FAILED: _ClassVar[WebMessageInfo.StubType]
        GROUP_BOUNCED: _ClassVar[WebMessageInfo.StubType]
        BLOCK_CONTACT: _ClassVar[WebMessageInfo.StubType]
        EPHEMERAL_SETTING_NOT_APPLIED: _ClassVar[WebMessageInfo.StubType]
        SYNC_FAILED: _ClassVar[WebMessageInfo.StubType]
        SYNCING: _ClassVar[WebMessageInfo.StubType]
        BIZ_PRIVACY_MODE_INIT_FB: _ClassVar[WebMessageInfo.StubType]
        BIZ_PRIVACY_MODE_INIT_BSP: _ClassVar[WebMessageInfo.StubType]
        BIZ_PRIVACY_MODE_TO_FB: _ClassVar[WebMessageInfo.StubType]
        BIZ_PRIVACY_MODE_TO_BSP: _ClassVar[WebMessageInfo.StubType]
        DISAPPEARING_MODE: _ClassVar[WebMessageInfo.StubType]
        E2E_DEVICE_FETCH_FAILED: _ClassVar[WebMessageInfo.StubType]
        ADMIN_REVOKE: _ClassVar[WebMessageInfo.StubType]
        GROUP_INVITE_LINK_GROWTH_LOCKED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_LINK_PARENT_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_LINK_SIBLING_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_LINK_SUB_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_UNLINK_PARENT_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_UNLINK_SIBLING_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_UNLINK_SUB_GROUP: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_ACCEPT: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_LINKED_GROUP_JOIN: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_CREATE: _ClassVar[WebMessageInfo.StubType]
        EPHEMERAL_KEEP_IN_CHAT: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBERSHIP_JOIN_APPROVAL_MODE: _ClassVar[WebMessageInfo.StubType]
        INTEGRITY_UNLINK_PARENT_GROUP: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_PARTICIPANT_PROMOTE: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_PARTICIPANT_DEMOTE: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_PARENT_GROUP_DELETED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_LINK_PARENT_GROUP_MEMBERSHIP_APPROVAL: _ClassVar[WebMessageInfo.StubType]
        GROUP_PARTICIPANT_JOINED_GROUP_AND_PARENT_GROUP: _ClassVar[WebMessageInfo.StubType]
        MASKED_THREAD_CREATED: _ClassVar[WebMessageInfo.StubType]
        MASKED_THREAD_UNMASKED: _ClassVar[WebMessageInfo.StubType]
        BIZ_CHAT_ASSIGNMENT: _ClassVar[WebMessageInfo.StubType]
        CHAT_PSA: _ClassVar[WebMessageInfo.StubType]
        CHAT_POLL_CREATION_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        CAG_MASKED_THREAD_CREATED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_PARENT_GROUP_SUBJECT_CHANGED: _ClassVar[WebMessageInfo.StubType]
        CAG_INVITE_AUTO_ADD: _ClassVar[WebMessageInfo.StubType]
        BIZ_CHAT_ASSIGNMENT_UNASSIGN: _ClassVar[WebMessageInfo.StubType]
        CAG_INVITE_AUTO_JOINED: _ClassVar[WebMessageInfo.StubType]
        SCHEDULED_CALL_START_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_INVITE_RICH: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_INVITE_AUTO_ADD_RICH: _ClassVar[WebMessageInfo.StubType]
        SUB_GROUP_INVITE_RICH: _ClassVar[WebMessageInfo.StubType]
        SUB_GROUP_PARTICIPANT_ADD_RICH: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_LINK_PARENT_GROUP_RICH: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_PARTICIPANT_ADD_RICH: _ClassVar[WebMessageInfo.StubType]
        SILENCED_UNKNOWN_CALLER_AUDIO: _ClassVar[WebMessageInfo.StubType]
        SILENCED_UNKNOWN_CALLER_VIDEO: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBER_ADD_MODE: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_CHANGE_DESCRIPTION: _ClassVar[WebMessageInfo.StubType]
        SENDER_INVITE: _ClassVar[WebMessageInfo.StubType]
        RECEIVER_INVITE: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_ALLOW_MEMBER_ADDED_GROUPS: _ClassVar[WebMessageInfo.StubType]
        PINNED_MESSAGE_IN_CHAT: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_INVITE_SETUP_INVITER: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_INVITE_SETUP_INVITEE_RECEIVE_ONLY: _ClassVar[WebMessageInfo.StubType]
        PAYMENT_INVITE_SETUP_INVITEE_SEND_AND_RECEIVE: _ClassVar[WebMessageInfo.StubType]
        LINKED_GROUP_CALL_START: _ClassVar[WebMessageInfo.StubType]
        REPORT_TO_ADMIN_ENABLED_STATUS: _ClassVar[WebMessageInfo.StubType]
        EMPTY_SUBGROUP_CREATE: _ClassVar[WebMessageInfo.StubType]
        SCHEDULED_CALL_CANCEL: _ClassVar[WebMessageInfo.StubType]
        SUBGROUP_ADMIN_TRIGGERED_AUTO_ADD_RICH: _ClassVar[WebMessageInfo.StubType]
        GROUP_CHANGE_RECENT_HISTORY_SHARING: _ClassVar[WebMessageInfo.StubType]
        PAID_MESSAGE_SERVER_CAMPAIGN_ID: _ClassVar[WebMessageInfo.StubType]
        GENERAL_CHAT_CREATE: _ClassVar[WebMessageInfo.StubType]
        GENERAL_CHAT_ADD: _ClassVar[WebMessageInfo.StubType]
        GENERAL_CHAT_AUTO_ADD_DISABLED: _ClassVar[WebMessageInfo.StubType]
        SUGGESTED_SUBGROUP_ANNOUNCE: _ClassVar[WebMessageInfo.StubType]
        BIZ_BOT_1P_MESSAGING_ENABLED: _ClassVar[WebMessageInfo.StubType]
        CHANGE_USERNAME: _ClassVar[WebMessageInfo.StubType]
        BIZ_COEX_PRIVACY_INIT_SELF: _ClassVar[WebMessageInfo.StubType]
        BIZ_COEX_PRIVACY_TRANSITION_SELF: _ClassVar[WebMessageInfo.StubType]
        SUPPORT_AI_EDUCATION: _ClassVar[WebMessageInfo.StubType]
        BIZ_BOT_3P_MESSAGING_ENABLED: _ClassVar[WebMessageInfo.StubType]
        REMINDER_SETUP_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        REMINDER_SENT_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        REMINDER_CANCEL_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        BIZ_COEX_PRIVACY_INIT: _ClassVar[WebMessageInfo.StubType]
        BIZ_COEX_PRIVACY_TRANSITION: _ClassVar[WebMessageInfo.StubType]
        GROUP_DEACTIVATED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_DEACTIVATE_SIBLING_GROUP: _ClassVar[WebMessageInfo.StubType]
        EVENT_UPDATED: _ClassVar[WebMessageInfo.StubType]
        EVENT_CANCELED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_OWNER_UPDATED: _ClassVar[WebMessageInfo.StubType]
        COMMUNITY_SUB_GROUP_VISIBILITY_HIDDEN: _ClassVar[WebMessageInfo.StubType]
        CAPI_GROUP_NE2EE_SYSTEM_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        STATUS_MENTION: _ClassVar[WebMessageInfo.StubType]
        USER_CONTROLS_SYSTEM_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        SUPPORT_SYSTEM_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        CHANGE_LID: _ClassVar[WebMessageInfo.StubType]
        BIZ_CUSTOMER_3PD_DATA_SHARING_OPT_IN_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        BIZ_CUSTOMER_3PD_DATA_SHARING_OPT_OUT_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        CHANGE_LIMIT_SHARING: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBER_LINK_MODE: _ClassVar[WebMessageInfo.StubType]
        BIZ_AUTOMATICALLY_LABELED_CHAT_SYSTEM_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        PHONE_NUMBER_HIDING_CHAT_DEPRECATED_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        QUARANTINED_MESSAGE: _ClassVar[WebMessageInfo.StubType]
        GROUP_MEMBER_SHARE_GROUP_HISTORY_MODE: _ClassVar[WebMessageInfo.StubType]
        GROUP_OPEN_BOT_ADDED: _ClassVar[WebMessageInfo.StubType]
        GROUP_TEE_BOT_ADDED: _ClassVar[WebMessageInfo.StubType]
        CONTACT_INFO: _ClassVar[WebMessageInfo.StubType]
        SCHEDULED_MESSAGE_CREATED: _ClassVar[WebMessageInfo.StubType]
        IDENTITY_TRUST_MARKED: _ClassVar[WebMessageInfo.StubType]
        IDENTITY_TRUST_UNMARKED: _ClassVar[WebMessageInfo.StubType]
        IDENTITY_TRUST_REVOKED: _ClassVar[WebMessageInfo.StubType]
        CTWA_CONSUMER_DISCLOSURE: _ClassVar[WebMessageInfo.StubType]
    UNKNOWN: WebMessageInfo.StubType
    REVOKE: WebMessageInfo.StubType
    CIPHERTEXT: WebMessageInfo.StubType
    FUTUREPROOF: WebMessageInfo.StubType
    NON_VERIFIED_TRANSITION: WebMessageInfo.StubType
    UNVERIFIED_TRANSITION: WebMessageInfo.StubType
    VERIFIED_TRANSITION: WebMessageInfo.StubType
    VERIFIED_LOW_UNKNOWN: WebMessageInfo.StubType
    VERIFIED_HIGH: WebMessageInfo.StubType
    VERIFIED_INITIAL_UNKNOWN: WebMessageInfo.StubType
    VERIFIED_INITIAL_LOW: WebMessageInfo.StubType
    VERIFIED_INITIAL_HIGH: WebMessageInfo.StubType
    VERIFIED_TRANSITION_ANY_TO_NONE: WebMessageInfo.StubType
    VERIFIED_TRANSITION_ANY_TO_HIGH: WebMessageInfo.StubType
    VERIFIED_TRANSITION_HIGH_TO_LOW: WebMessageInfo.StubType
    VERIFIED_TRANSITION_HIGH_TO_UNKNOWN: WebMessageInfo.StubType
    VERIFIED_TRANSITION_UNKNOWN_TO_LOW: WebMessageInfo.StubType
    VERIFIED_TRANSITION_LOW_TO_UNKNOWN: WebMessageInfo.StubType
    VERIFIED_TRANSITION_NONE_TO_LOW: WebMessageInfo.StubType
    VERIFIED_TRANSITION_NONE_TO_UNKNOWN: WebMessageInfo.StubType
    GROUP_CREATE: WebMessageInfo.StubType
    GROUP_CHANGE_SUBJECT: WebMessageInfo.StubType
    GROUP_CHANGE_ICON: WebMessageInfo.StubType
    GROUP_CHANGE_INVITE_LINK: WebMessageInfo.StubType
    GROUP_CHANGE_DESCRIPTION: WebMessageInfo.StubType
    GROUP_CHANGE_RESTRICT: WebMessageInfo.StubType
    GROUP_CHANGE_ANNOUNCE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_ADD: WebMessageInfo.StubType
    GROUP_PARTICIPANT_REMOVE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_PROMOTE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_DEMOTE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_INVITE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_LEAVE: WebMessageInfo.StubType
    GROUP_PARTICIPANT_CHANGE_NUMBER: WebMessageInfo.StubType
    BROADCAST_CREATE: WebMessageInfo.StubType
    BROADCAST_ADD: WebMessageInfo.StubType
    BROADCAST_REMOVE: WebMessageInfo.StubType
    GENERIC_NOTIFICATION: WebMessageInfo.StubType
    E2E_IDENTITY_CHANGED: WebMessageInfo.StubType
    E2E_ENCRYPTED: WebMessageInfo.StubType
    CALL_MISSED_VOICE: WebMessageInfo.StubType
    CALL_MISSED_VIDEO: WebMessageInfo.StubType
    INDIVIDUAL_CHANGE_NUMBER: WebMessageInfo.StubType
    GROUP_DELETE: WebMessageInfo.StubType
    GROUP_ANNOUNCE_MODE_MESSAGE_BOUNCE: WebMessageInfo.StubType
    CALL_MISSED_GROUP_VOICE: WebMessageInfo.StubType
    CALL_MISSED_GROUP_VIDEO: WebMessageInfo.StubType
    PAYMENT_CIPHERTEXT: WebMessageInfo.StubType
    PAYMENT_FUTUREPROOF: WebMessageInfo.StubType
    PAYMENT_TRANSACTION_STATUS_UPDATE_FAILED: WebMessageInfo.StubType
    PAYMENT_TRANSACTION_STATUS_UPDATE_REFUNDED: WebMessageInfo.StubType
    PAYMENT_TRANSACTION_STATUS_UPDATE_REFUND_FAILED: WebMessageInfo.StubType
    PAYMENT_TRANSACTION_STATUS_RECEIVER_PENDING_SETUP: WebMessageInfo.StubType
    PAYMENT_TRANSACTION_STATUS_RECEIVER_SUCCESS_AFTER_HICCUP: WebMessageInfo.StubType
    PAYMENT_ACTION_ACCOUNT_SETUP_REMINDER: WebMessageInfo.StubType
    PAYMENT_ACTION_SEND_PAYMENT_REMINDER: WebMessageInfo.StubType
    PAYMENT_ACTION_SEND_PAYMENT_INVITATION: WebMessageInfo.StubType
    PAYMENT_ACTION_REQUEST_DECLINED: WebMessageInfo.StubType
    PAYMENT_ACTION_REQUEST_EXPIRED: WebMessageInfo.StubType
    PAYMENT_ACTION_REQUEST_CANCELLED: WebMessageInfo.StubType
    BIZ_VERIFIED_TRANSITION_TOP_TO_BOTTOM: WebMessageInfo.StubType
    BIZ_VERIFIED_TRANSITION_BOTTOM_TO_TOP: WebMessageInfo.StubType
    BIZ_INTRO_TOP: WebMessageInfo.StubType
    BIZ_INTRO_BOTTOM: WebMessageInfo.StubType
    BIZ_NAME_CHANGE: WebMessageInfo.StubType
    BIZ_MOVE_TO_CONSUMER_APP: WebMessageInfo.StubType
    BIZ_TWO_TIER_MIGRATION_TOP: WebMessageInfo.StubType
    BIZ_TWO_TIER_MIGRATION_BOTTOM: WebMessageInfo.StubType
    OVERSIZED: WebMessageInfo.StubType
    GROUP_CHANGE_NO_FREQUENTLY_FORWARDED: WebMessageInfo.StubType
    GROUP_V4_ADD_INVITE_SENT: WebMessageInfo.StubType
    GROUP_PARTICIPANT_ADD_REQUEST_JOIN: WebMessageInfo.StubType
    CHANGE_EPHEMERAL_SETTING: WebMessageInfo.StubType
    E2E_DEVICE_CHANGED: WebMessageInfo.StubType
    VIEWED_ONCE: WebMessageInfo.StubType
    E2E_ENCRYPTED_NOW: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_TO_BSP_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_TO_SELF_FB: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_TO_SELF_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_PREMISE_TO_SELF_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_BSP_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_PREMISE_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_PREMISE_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_CONSUMER_TO_BSP_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_CONSUMER_TO_BSP_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_CONSUMER_TO_SELF_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_CONSUMER_TO_SELF_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_TO_BSP_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_TO_SELF_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_UNVERIFIED_TO_SELF_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_VERIFIED_TO_SELF_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_PREMISE_TO_BSP_PREMISE: WebMessageInfo.StubType
    BLUE_MSG_SELF_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_TO_BSP_FB: WebMessageInfo.StubType
    BLUE_MSG_TO_CONSUMER: WebMessageInfo.StubType
    BLUE_MSG_TO_SELF_FB: WebMessageInfo.StubType
    BLUE_MSG_UNVERIFIED_TO_BSP_FB_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_UNVERIFIED_TO_SELF_FB_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_UNVERIFIED_TO_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_VERIFIED_TO_BSP_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_VERIFIED_TO_SELF_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_VERIFIED_TO_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_UNVERIFIED_TO_SELF_FB_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_BSP_FB_VERIFIED_TO_SELF_FB_UNVERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_UNVERIFIED_TO_BSP_PREMISE_VERIFIED: WebMessageInfo.StubType
    BLUE_MSG_SELF_FB_VERIFIED_TO_BSP_PREMISE_UNVERIFIED: WebMessageInfo.StubType
    E2E_IDENTITY_UNAVAILABLE: WebMessageInfo.StubType
    GROUP_CREATING: WebMessageInfo.StubType
    GROUP_CREATE_FAILED: WebMessageInfo.StubType
    GROUP_BOUNCED: WebMessageInfo.StubType
    BLOCK_CONTACT: WebMessageInfo.StubType
    EPHEMERAL_SETTING_NOT_APPLIED: WebMessageInfo.StubType
    SYNC_FAILED: WebMessageInfo.StubType
    SYNCING: WebMessageInfo.StubType
    BIZ_PRIVACY_MODE_INIT_FB: WebMessageInfo.StubType
    BIZ_PRIVACY_MODE_INIT_BSP: WebMessageInfo.StubType
    BIZ_PRIVACY_MODE_TO_FB: WebMessageInfo.StubType
    BIZ_PRIVACY_MODE_TO_BSP: WebMessageInfo.StubType
    DISAPPEARING_MODE: WebMessageInfo.StubType
    E2E_DEVICE_FETCH_FAILED: WebMessageInfo.StubType
    ADMIN_REVOKE: WebMessageInfo.StubType
    GROUP_INVITE_LINK_GROWTH_LOCKED: WebMessageInfo.StubType
    COMMUNITY_LINK_PARENT_GROUP: WebMessageInfo.StubType
    COMMUNITY_LINK_SIBLING_GROUP: WebMessageInfo.StubType
    COMMUNITY_LINK_SUB_GROUP: WebMessageInfo.StubType
    COMMUNITY_UNLINK_PARENT_GROUP: WebMessageInfo.StubType
    COMMUNITY_UNLINK_SIBLING_GROUP: WebMessageInfo.StubType
    COMMUNITY_UNLINK_SUB_GROUP: WebMessageInfo.StubType
    GROUP_PARTICIPANT_ACCEPT: WebMessageInfo.StubType
    GROUP_PARTICIPANT_LINKED_GROUP_JOIN: WebMessageInfo.StubType
    COMMUNITY_CREATE: WebMessageInfo.StubType
    EPHEMERAL_KEEP_IN_CHAT: WebMessageInfo.StubType
    GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST: WebMessageInfo.StubType
    GROUP_MEMBERSHIP_JOIN_APPROVAL_MODE: WebMessageInfo.StubType
    INTEGRITY_UNLINK_PARENT_GROUP: WebMessageInfo.StubType
    COMMUNITY_PARTICIPANT_PROMOTE: WebMessageInfo.StubType
    COMMUNITY_PARTICIPANT_DEMOTE: WebMessageInfo.StubType
    COMMUNITY_PARENT_GROUP_DELETED: WebMessageInfo.StubType
    COMMUNITY_LINK_PARENT_GROUP_MEMBERSHIP_APPROVAL: WebMessageInfo.StubType
    GROUP_PARTICIPANT_JOINED_GROUP_AND_PARENT_GROUP: WebMessageInfo.StubType
    MASKED_THREAD_CREATED: WebMessageInfo.StubType
    MASKED_THREAD_UNMASKED: WebMessageInfo.StubType
    BIZ_CHAT_ASSIGNMENT: WebMessageInfo.StubType
    CHAT_PSA: WebMessageInfo.StubType
    CHAT_POLL_CREATION_MESSAGE: WebMessageInfo.StubType
    CAG_MASKED_THREAD_CREATED: WebMessageInfo.StubType
    COMMUNITY_PARENT_GROUP_SUBJECT_CHANGED: WebMessageInfo.StubType
    CAG_INVITE_AUTO_ADD: WebMessageInfo.StubType
    BIZ_CHAT_ASSIGNMENT_UNASSIGN: WebMessageInfo.StubType
    CAG_INVITE_AUTO_JOINED: WebMessageInfo.StubType
    SCHEDULED_CALL_START_MESSAGE: WebMessageInfo.StubType
    COMMUNITY_INVITE_RICH: WebMessageInfo.StubType
    COMMUNITY_INVITE_AUTO_ADD_RICH: WebMessageInfo.StubType
    SUB_GROUP_INVITE_RICH: WebMessageInfo.StubType
    SUB_GROUP_PARTICIPANT_ADD_RICH: WebMessageInfo.StubType
    COMMUNITY_LINK_PARENT_GROUP_RICH: WebMessageInfo.StubType
    COMMUNITY_PARTICIPANT_ADD_RICH: WebMessageInfo.StubType
    SILENCED_UNKNOWN_CALLER_AUDIO: WebMessageInfo.StubType
    SILENCED_UNKNOWN_CALLER_VIDEO: WebMessageInfo.StubType
    GROUP_MEMBER_ADD_MODE: WebMessageInfo.StubType
    GROUP_MEMBERSHIP_JOIN_APPROVAL_REQUEST_NON_ADMIN_ADD: WebMessageInfo.StubType
    COMMUNITY_CHANGE_DESCRIPTION: WebMessageInfo.StubType
    SENDER_INVITE: WebMessageInfo.StubType
    RECEIVER_INVITE: WebMessageInfo.StubType
    COMMUNITY_ALLOW_MEMBER_ADDED_GROUPS: WebMessageInfo.StubType
    PINNED_MESSAGE_IN_CHAT: WebMessageInfo.StubType
    PAYMENT_INVITE_SETUP_INVITER: WebMessageInfo.StubType
    PAYMENT_INVITE_SETUP_INVITEE_RECEIVE_ONLY: WebMessageInfo.StubType
    PAYMENT_INVITE_SETUP_INVITEE_SEND_AND_RECEIVE: WebMessageInfo.StubType
    LINKED_GROUP_CALL_START: WebMessageInfo.StubType
    REPORT_TO_ADMIN_ENABLED_STATUS: WebMessageInfo.StubType
    EMPTY_SUBGROUP_CREATE: WebMessageInfo.StubType
    SCHEDULED_CALL_CANCEL: WebMessageInfo.StubType
    SUBGROUP_ADMIN_TRIGGERED_AUTO_ADD_RICH: WebMessageInfo.StubType
    GROUP_CHANGE_RECENT_HISTORY_SHARING: WebMessageInfo.StubType
    PAID_MESSAGE_SERVER_CAMPAIGN_ID: WebMessageInfo.StubType
    GENERAL_CHAT_CREATE: WebMessageInfo.StubType
    GENERAL_CHAT_ADD: WebMessageInfo.StubType
    GENERAL_CHAT_AUTO_ADD_DISABLED: WebMessageInfo.StubType
    SUGGESTED_SUBGROUP_ANNOUNCE: WebMessageInfo.StubType
    BIZ_BOT_1P_MESSAGING_ENABLED: WebMessageInfo.StubType
    CHANGE_USERNAME: WebMessageInfo.StubType
    BIZ_COEX_PRIVACY_INIT_SELF: WebMessageInfo.StubType
    BIZ_COEX_PRIVACY_TRANSITION_SELF: WebMessageInfo.StubType
    SUPPORT_AI_EDUCATION: WebMessageInfo.StubType
    BIZ_BOT_3P_MESSAGING_ENABLED: WebMessageInfo.StubType
    REMINDER_SETUP_MESSAGE: WebMessageInfo.StubType
    REMINDER_SENT_MESSAGE: WebMessageInfo.StubType
    REMINDER_CANCEL_MESSAGE: WebMessageInfo.StubType
    BIZ_COEX_PRIVACY_INIT: WebMessageInfo.StubType
    BIZ_COEX_PRIVACY_TRANSITION: WebMessageInfo.StubType
    GROUP_DEACTIVATED: WebMessageInfo.StubType
    COMMUNITY_DEACTIVATE_SIBLING_GROUP: WebMessageInfo.StubType
    EVENT_UPDATED: WebMessageInfo.StubType
    EVENT_CANCELED: WebMessageInfo.StubType
    COMMUNITY_OWNER_UPDATED: WebMessageInfo.StubType
    COMMUNITY_SUB_GROUP_VISIBILITY_HIDDEN: WebMessageInfo.StubType
    CAPI_GROUP_NE2EE_SYSTEM_MESSAGE: WebMessageInfo.StubType
    STATUS_MENTION: WebMessageInfo.StubType
    USER_CONTROLS_SYSTEM_MESSAGE: WebMessageInfo.StubType
    SUPPORT_SYSTEM_MESSAGE: WebMessageInfo.StubType
    CHANGE_LID: WebMessageInfo.StubType
    BIZ_CUSTOMER_3PD_DATA_SHARING_OPT_IN_MESSAGE: WebMessageInfo.StubType
    BIZ_CUSTOMER_3PD_DATA_SHARING_OPT_OUT_MESSAGE: WebMessageInfo.StubType
    CHANGE_LIMIT_SHARING: WebMessageInfo.StubType
    GROUP_MEMBER_LINK_MODE: WebMessageInfo.StubType
    BIZ_AUTOMATICALLY_LABELED_CHAT_SYSTEM_MESSAGE: WebMessageInfo.StubType
    PHONE_NUMBER_HIDING_CHAT_DEPRECATED_MESSAGE: WebMessageInfo.StubType
    QUARANTINED_MESSAGE: WebMessageInfo.StubType
    GROUP_MEMBER_SHARE_GROUP_HISTORY_MODE: WebMessageInfo.StubType
    GROUP_OPEN_BOT_ADDED: WebMessageInfo.StubType
    GROUP_TEE_BOT_ADDED: WebMessageInfo.StubType
    CONTACT_INFO: WebMessageInfo.StubType
    SCHEDULED_MESSAGE_CREATED: WebMessageInfo.StubType
    IDENTITY_TRUST_MARKED: WebMessageInfo.StubType
    IDENTITY_TRUST_UNMARKED: WebMessageInfo.StubType
    IDENTITY_TRUST_REVOKED: WebMessageInfo.StubType
    CTWA_CONSUMER_DISCLOSURE: WebMessageInfo.StubType
    KEY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PARTICIPANT_FIELD_NUMBER: _ClassVar[int]
    MESSAGEC2STIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    IGNORE_FIELD_NUMBER: _ClassVar[int]
    STARRED_FIELD_NUMBER: _ClassVar[int]
    BROADCAST_FIELD_NUMBER: _ClassVar[int]
    PUSHNAME_FIELD_NUMBER: _ClassVar[int]
    MEDIACIPHERTEXTSHA256_FIELD_NUMBER: _ClassVar[int]
    MULTICAST_FIELD_NUMBER: _ClassVar[int]
    URLTEXT_FIELD_NUMBER: _ClassVar[int]
    URLNUMBER_FIELD_NUMBER: _ClassVar[int]
    MESSAGESTUBTYPE_FIELD_NUMBER: _ClassVar[int]
    CLEARMEDIA_FIELD_NUMBER: _ClassVar[int]
    MESSAGESTUBPARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DURATION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    PAYMENTINFO_FIELD_NUMBER: _ClassVar[int]
    FINALLIVELOCATION_FIELD_NUMBER: _ClassVar[int]
    QUOTEDPAYMENTINFO_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALSTARTTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALDURATION_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALOFFTOON_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALOUTOFSYNC_FIELD_NUMBER: _ClassVar[int]
    BIZPRIVACYSTATUS_FIELD_NUMBER: _ClassVar[int]
    VERIFIEDBIZNAME_FIELD_NUMBER: _ClassVar[int]
    MEDIADATA_FIELD_NUMBER: _ClassVar[int]
    PHOTOCHANGE_FIELD_NUMBER: _ClassVar[int]
    USERRECEIPT_FIELD_NUMBER: _ClassVar[int]
    REACTIONS_FIELD_NUMBER: _ClassVar[int]
    QUOTEDSTICKERDATA_FIELD_NUMBER: _ClassVar[int]
    FUTUREPROOFDATA_FIELD_NUMBER: _ClassVar[int]
    STATUSPSA_FIELD_NUMBER: _ClassVar[int]
    POLLUPDATES_FIELD_NUMBER: _ClassVar[int]
    POLLADDITIONALMETADATA_FIELD_NUMBER: _ClassVar[int]
    AGENTID_FIELD_NUMBER: _ClassVar[int]
    STATUSALREADYVIEWED_FIELD_NUMBER: _ClassVar[int]
    MESSAGESECRET_FIELD_NUMBER: _ClassVar[int]
    KEEPINCHAT_FIELD_NUMBER: _ClassVar[int]
    ORIGINALSELFAUTHORUSERJIDSTRING_FIELD_NUMBER: _ClassVar[int]
    REVOKEMESSAGETIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    PININCHAT_FIELD_NUMBER: _ClassVar[int]
    PREMIUMMESSAGEINFO_FIELD_NUMBER: _ClassVar[int]
    IS1PBIZBOTMESSAGE_FIELD_NUMBER: _ClassVar[int]
    ISGROUPHISTORYMESSAGE_FIELD_NUMBER: _ClassVar[int]
    BOTMESSAGEINVOKERJID_FIELD_NUMBER: _ClassVar[int]
    COMMENTMETADATA_FIELD_NUMBER: _ClassVar[int]
    EVENTRESPONSES_FIELD_NUMBER: _ClassVar[int]
    REPORTINGTOKENINFO_FIELD_NUMBER: _ClassVar[int]
    NEWSLETTERSERVERID_FIELD_NUMBER: _ClassVar[int]
    EVENTADDITIONALMETADATA_FIELD_NUMBER: _ClassVar[int]
    ISMENTIONEDINSTATUS_FIELD_NUMBER: _ClassVar[int]
    STATUSMENTIONS_FIELD_NUMBER: _ClassVar[int]
    TARGETMESSAGEID_FIELD_NUMBER: _ClassVar[int]
    MESSAGEADDONS_FIELD_NUMBER: _ClassVar[int]
    STATUSMENTIONMESSAGEINFO_FIELD_NUMBER: _ClassVar[int]
    ISSUPPORTAIMESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUSMENTIONSOURCES_FIELD_NUMBER: _ClassVar[int]
    SUPPORTAICITATIONS_FIELD_NUMBER: _ClassVar[int]
    BOTTARGETID_FIELD_NUMBER: _ClassVar[int]
    GROUPHISTORYINDIVIDUALMESSAGEINFO_FIELD_NUMBER: _ClassVar[int]
    GROUPHISTORYBUNDLEINFO_FIELD_NUMBER: _ClassVar[int]
    INTERACTIVEMESSAGEADDITIONALMETADATA_FIELD_NUMBER: _ClassVar[int]
    QUARANTINEDMESSAGE_FIELD_NUMBER: _ClassVar[int]
    NONJIDMENTIONS_FIELD_NUMBER: _ClassVar[int]
    HSMTAG_FIELD_NUMBER: _ClassVar[int]
    EPHEMERALEXPIRATIONTIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    DECISIONID_FIELD_NUMBER: _ClassVar[int]
    DECISIONSOURCES_FIELD_NUMBER: _ClassVar[int]
    key: _wa_common_pb2_1.MessageKey
    message: _wa_e2e_pb2.Message
    messageTimestamp: int
    status: WebMessageInfo.Status
    participant: str
    messageC2STimestamp: int
    ignore: bool
    starred: bool
    broadcast: bool
    pushName: str
    mediaCiphertextSha256: bytes
    multicast: bool
    urlText: bool
    urlNumber: bool
    messageStubType: WebMessageInfo.StubType
    clearMedia: bool
    messageStubParameters: _containers.RepeatedScalarFieldContainer[str]
    duration: int
    labels: _containers.RepeatedScalarFieldContainer[str]
    paymentInfo: PaymentInfo
    finalLiveLocation: _wa_e2e_pb2.Message.LiveLocationMessage
    quotedPaymentInfo: PaymentInfo
    ephemeralStartTimestamp: int
    ephemeralDuration: int
    ephemeralOffToOn: bool
    ephemeralOutOfSync: bool
    bizPrivacyStatus: WebMessageInfo.BizPrivacyStatus
    verifiedBizName: str
    mediaData: MediaData
    photoChange: PhotoChange
    userReceipt: _containers.RepeatedCompositeFieldContainer[UserReceipt]
    reactions: _containers.RepeatedCompositeFieldContainer[Reaction]
    quotedStickerData: MediaData
    futureproofData: bytes
    statusPsa: StatusPSA
    pollUpdates: _containers.RepeatedCompositeFieldContainer[PollUpdate]
    pollAdditionalMetadata: PollAdditionalMetadata
    agentId: str
    statusAlreadyViewed: bool
    messageSecret: bytes
    keepInChat: KeepInChat
    originalSelfAuthorUserJidString: str
    revokeMessageTimestamp: int
    pinInChat: PinInChat
    premiumMessageInfo: PremiumMessageInfo
    is1PBizBotMessage: bool
    isGroupHistoryMessage: bool
    botMessageInvokerJid: str
    commentMetadata: CommentMetadata
    eventResponses: _containers.RepeatedCompositeFieldContainer[EventResponse]
    reportingTokenInfo: ReportingTokenInfo
    newsletterServerId: int
    eventAdditionalMetadata: EventAdditionalMetadata
    isMentionedInStatus: bool
    statusMentions: _containers.RepeatedScalarFieldContainer[str]
    targetMessageId: _wa_common_pb2_1.MessageKey
    messageAddOns: _containers.RepeatedCompositeFieldContainer[MessageAddOn]
    statusMentionMessageInfo: StatusMentionMessage
    isSupportAiMessage: bool
    statusMentionSources: _containers.RepeatedScalarFieldContainer[str]
    supportAiCitations: _containers.RepeatedCompositeFieldContainer[Citation]
    botTargetId: str
    groupHistoryIndividualMessageInfo: GroupHistoryIndividualMessageInfo
    groupHistoryBundleInfo: GroupHistoryBundleInfo
    interactiveMessageAdditionalMetadata: InteractiveMessageAdditionalMetadata
    quarantinedMessage: QuarantinedMessage
    nonJIDMentions: int
    hsmTag: str
    ephemeralExpirationTimestamp: int
    decisionID: str
    decisionSources: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, key: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., message: _Optional[_Union[_wa_e2e_pb2.Message, _Mapping]] = ..., messageTimestamp: _Optional[int] = ..., status: _Optional[_Union[WebMessageInfo.Status, str]] = ..., participant: _Optional[str] = ..., messageC2STimestamp: _Optional[int] = ..., ignore: _Optional[bool] = ..., starred: _Optional[bool] = ..., broadcast: _Optional[bool] = ..., pushName: _Optional[str] = ..., mediaCiphertextSha256: _Optional[bytes] = ..., multicast: _Optional[bool] = ..., urlText: _Optional[bool] = ..., urlNumber: _Optional[bool] = ..., messageStubType: _Optional[_Union[WebMessageInfo.StubType, str]] = ..., clearMedia: _Optional[bool] = ..., messageStubParameters: _Optional[_Iterable[str]] = ..., duration: _Optional[int] = ..., labels: _Optional[_Iterable[str]] = ..., paymentInfo: _Optional[_Union[PaymentInfo, _Mapping]] = ..., finalLiveLocation: _Optional[_Union[_wa_e2e_pb2.Message.LiveLocationMessage, _Mapping]] = ..., quotedPaymentInfo: _Optional[_Union[PaymentInfo, _Mapping]] = ..., ephemeralStartTimestamp: _Optional[int] = ..., ephemeralDuration: _Optional[int] = ..., ephemeralOffToOn: _Optional[bool] = ..., ephemeralOutOfSync: _Optional[bool] = ..., bizPrivacyStatus: _Optional[_Union[WebMessageInfo.BizPrivacyStatus, str]] = ..., verifiedBizName: _Optional[str] = ..., mediaData: _Optional[_Union[MediaData, _Mapping]] = ..., photoChange: _Optional[_Union[PhotoChange, _Mapping]] = ..., userReceipt: _Optional[_Iterable[_Union[UserReceipt, _Mapping]]] = ..., reactions: _Optional[_Iterable[_Union[Reaction, _Mapping]]] = ..., quotedStickerData: _Optional[_Union[MediaData, _Mapping]] = ..., futureproofData: _Optional[bytes] = ..., statusPsa: _Optional[_Union[StatusPSA, _Mapping]] = ..., pollUpdates: _Optional[_Iterable[_Union[PollUpdate, _Mapping]]] = ..., pollAdditionalMetadata: _Optional[_Union[PollAdditionalMetadata, _Mapping]] = ..., agentId: _Optional[str] = ..., statusAlreadyViewed: _Optional[bool] = ..., messageSecret: _Optional[bytes] = ..., keepInChat: _Optional[_Union[KeepInChat, _Mapping]] = ..., originalSelfAuthorUserJidString: _Optional[str] = ..., revokeMessageTimestamp: _Optional[int] = ..., pinInChat: _Optional[_Union[PinInChat, _Mapping]] = ..., premiumMessageInfo: _Optional[_Union[PremiumMessageInfo, _Mapping]] = ..., is1PBizBotMessage: _Optional[bool] = ..., isGroupHistoryMessage: _Optional[bool] = ..., botMessageInvokerJid: _Optional[str] = ..., commentMetadata: _Optional[_Union[CommentMetadata, _Mapping]] = ..., eventResponses: _Optional[_Iterable[_Union[EventResponse, _Mapping]]] = ..., reportingTokenInfo: _Optional[_Union[ReportingTokenInfo, _Mapping]] = ..., newsletterServerId: _Optional[int] = ..., eventAdditionalMetadata: _Optional[_Union[EventAdditionalMetadata, _Mapping]] = ..., isMentionedInStatus: _Optional[bool] = ..., statusMentions: _Optional[_Iterable[str]] = ..., targetMessageId: _Optional[_Union[_wa_common_pb2_1.MessageKey, _Mapping]] = ..., messageAddOns: _Optional[_Iterable[_Union[MessageAddOn, _Mapping]]] = ..., statusMentionMessageInfo: _Optional[_Union[StatusMentionMessage, _Mapping]] = ..., isSupportAiMessage: _Optional[bool] = ..., statusMentionSources: _Optional[_Iterable[str]] = ..., supportAiCitations: _Optional[_Iterable[_Union[Citation, _Mapping]]] = ..., botTargetId: _Optional[str] = ..., groupHistoryIndividualMessageInfo: _Optional[_Union[GroupHistoryIndividualMessageInfo, _Mapping]] = ..., groupHistoryBundleInfo: _Optional[_Union[GroupHistoryBundleInfo, _Mapping]] = ..., interactiveMessageAdditionalMetadata: _Optional[_Union[InteractiveMessageAdditionalMetadata, _Mapping]] = ..., quarantinedMessage: _Optional[_Union[QuarantinedMessage, _Mapping]] = ..., nonJIDMentions: _Optional[int] = ..., hsmTag: _Optional[str] = ..., ephemeralExpirationTimestamp: _Optional[int] = ..., decisionID: _Optional[str] = ..., decisionSources: _Optional[_Iterable[str]] = ...) -> None: ...
