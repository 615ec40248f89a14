"""Shared pytest options."""
from __future__ import annotations


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from tests/sites/golden/ instead of comparing")
