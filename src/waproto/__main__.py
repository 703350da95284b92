"""``python -m waproto`` runs the ``waproto`` command."""

from __future__ import annotations

import sys

from waproto.cli import main

sys.exit(main())
