"""Shared fixtures: the external test vectors in ``../shared/vectors``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

VECTORS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "vectors"


def load_vectors(relative: str) -> Any:
    """Load one vector file, skipping the test when the shared folder is absent."""
    path = VECTORS_DIR / relative
    if not VECTORS_DIR.is_dir():
        pytest.skip(f"external vectors not present at {VECTORS_DIR}")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, the loop our users run."""
    return "asyncio"
