"""Shared fixtures: where the samples and the optional ../shared data live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


# pages/ holds whole HTML pages with a ground-truth article each, scored by
# bench.pages and tests/test_pages.py, not inputs with an expected output
SCORED_PAGES = SAMPLES / "pages"


def sample_inputs(group: str | None = None) -> list[Path]:
    """Sample inputs (not the expected outputs), optionally of one group."""
    base = SAMPLES / group if group else SAMPLES
    return sorted(
        p for p in base.rglob("*.txt") if ".expected." not in p.name and SCORED_PAGES not in p.parents
    )


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data sits beside the repository in CI only")
    return SHARED
