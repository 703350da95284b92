"""LID addressing: which LID belongs to which phone number, and Signal state keyed by the LID.

Since 2025 WhatsApp gives every account a LID (``123@lid``), and both whatsmeow and
Baileys 7 key 1:1 sessions by the LID address once they know the mapping. This
package has a sans-I/O half (:mod:`waproto.lid._pairs`: where pairs and alternate
addresses sit in stanzas), :class:`LIDMap`, which keeps the mapping in the store
and moves PN sessions to the LID in one transaction, and :class:`LIDService`, which
feeds the map from receipts, notifications and our own login. Messages, usync
answers and group metadata feed it on the messaging paths that read them.
Facts: reference section 1.
"""

from __future__ import annotations

from waproto.lid._map import LIDMap
from waproto.lid._pairs import (
    Addressing,
    Pair,
    pair_of,
    pairs_from_device_notification,
    pairs_from_group,
    pairs_from_group_notification,
    pairs_from_history,
    pairs_from_migration_sync,
    pairs_from_stanza,
    pairs_from_sync_actions,
    pairs_from_usync,
    read_addressing,
)
from waproto.lid.service import LIDService

__all__ = [
    "Addressing",
    "LIDMap",
    "LIDService",
    "Pair",
    "pair_of",
    "pairs_from_device_notification",
    "pairs_from_group",
    "pairs_from_group_notification",
    "pairs_from_history",
    "pairs_from_migration_sync",
    "pairs_from_stanza",
    "pairs_from_sync_actions",
    "pairs_from_usync",
    "read_addressing",
]
