"""Runs a benchmark script the way its README says, in a child process, and returns its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]


def run_benchmark(script: str, *arguments: str) -> dict[str, Any]:
    """``python benchmarks/<script> <arguments>`` from the repository root; a non-zero exit fails."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return dict(json.loads(result.stdout))
