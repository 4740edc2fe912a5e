"""Fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real seed articles, read from ../shared/seeds (never vendored)."""
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"seed articles not found at {SEEDS_DIR}; the project expects ../shared beside it")
    return SEEDS_DIR
