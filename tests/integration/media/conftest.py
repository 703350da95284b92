"""Media tests use the client tests' FakeServer and paired-client fixtures."""

from __future__ import annotations

from tests.integration.client.conftest import paired, server

__all__ = ["paired", "server"]
