"""Imported first by each benchmark script, before anything that may import ``signal``.

Run as ``python benchmarks/x.py``, this folder is ``sys.path[0]``, and
``benchmarks/signal.py`` would shadow the standard library's ``signal`` (which
``subprocess`` and ``asyncio`` import). This drops the folder from the path and
puts the repository root there instead, so scripts import ``benchmarks._common``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [str(HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

__all__ = ["HERE"]
