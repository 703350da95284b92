"""Group administration (``w:g2`` requests) and group change notifications (``w:gp2``).

This package's modules are sans-I/O: builders and parsers over nodes.
"""

from waproto.groups.changes import (
    DescriptionChanged,
    EphemeralChanged,
    GroupChange,
    GroupCreated,
    GroupNotification,
    InviteChanged,
    MembershipApprovalChanged,
    ParticipantsChanged,
    SettingChanged,
    SubjectChanged,
    UnknownChange,
    parse_group_notification,
)
from waproto.groups.requests import (
    INVITE_LINK_PREFIX,
    AddRequest,
    GroupSetting,
    ParticipantAction,
    ParticipantResult,
    invite_code_from,
)

__all__ = [
    "INVITE_LINK_PREFIX",
    "AddRequest",
    "DescriptionChanged",
    "EphemeralChanged",
    "GroupChange",
    "GroupCreated",
    "GroupNotification",
    "GroupSetting",
    "InviteChanged",
    "MembershipApprovalChanged",
    "ParticipantAction",
    "ParticipantResult",
    "ParticipantsChanged",
    "SettingChanged",
    "SubjectChanged",
    "UnknownChange",
    "invite_code_from",
    "parse_group_notification",
]
