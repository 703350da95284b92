"""Imports point downwards: only the layers above the client may import it."""

from __future__ import annotations

import ast
from pathlib import Path

import waproto

PACKAGE = Path(waproto.__file__).parent
#: Modules that sit above (or are) the client: they may import it.
ABOVE_CLIENT = ("client", "manager", "cli.py", "demo.py", "__init__.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_nothing_below_the_client_imports_it() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ABOVE_CLIENT:
            continue
        if any(name == "waproto.client" or name.startswith("waproto.client.") for name in _imports(path)):
            offenders.append(str(relative))
    assert offenders == []


def test_services_see_the_session_not_the_client() -> None:
    for name in ("auth/pairing_service.py", "auth/prekey_service.py", "messaging/service.py"):
        assert "waproto.session" in _imports(PACKAGE / name)
