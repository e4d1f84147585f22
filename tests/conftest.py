"""Shared fixtures: where the samples and the optional ../shared data live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def sample_inputs(group: str | None = None) -> list[Path]:
    """Sample inputs (not the expected outputs), optionally of one group."""
    base = SAMPLES / group if group else SAMPLES
    return sorted(p for p in base.rglob("*.txt") if ".expected." not in p.name)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data sits beside the repository in CI only")
    return SHARED
