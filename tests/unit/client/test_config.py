"""ClientConfig refuses settings that can never work when it is built, not at the first login."""

from __future__ import annotations

import pytest

from waproto import ClientConfig
from waproto.errors import ConfigError

_ROOT = bytes(range(32))


def test_trust_root_as_bytes_or_hex() -> None:
    assert ClientConfig(trust_root=_ROOT).trust_root_key == _ROOT
    assert ClientConfig(trust_root=_ROOT.hex()).trust_root == _ROOT
    assert ClientConfig(trust_root=bytearray(_ROOT)).trust_root == _ROOT
    assert ClientConfig().trust_root_key is None


@pytest.mark.parametrize(
    "root",
    [_ROOT[:31], _ROOT + b"\0", "zz" * 32, _ROOT.hex()[:-2], "", 12345, [1, 2, 3]],
)
def test_bad_trust_root_is_refused_at_construction(root: object) -> None:
    with pytest.raises(ConfigError, match="trust_root"):
        ClientConfig(trust_root=root)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "settings",
    [{"url": "http://example.com"}, {"url": "localhost:8080"}, {"connect_timeout": 0}, {"query_timeout": -1}],
)
def test_unusable_settings_are_refused(settings: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        ClientConfig(**settings)  # type: ignore[arg-type]
