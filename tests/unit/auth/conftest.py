"""Fixtures for the auth tests: outputs of Baileys 6.17.16 on pinned inputs (see data/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def baileys() -> dict[str, Any]:
    """The Baileys vectors, keyed by section (login, registration, pair_success, link_code)."""
    with (DATA / "baileys_auth_vectors.json").open() as fh:
        data: dict[str, Any] = json.load(fh)
    return data
