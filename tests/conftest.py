"""Shared pytest options."""
from __future__ import annotations


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from tests/sites/golden/ instead of comparing")


def pytest_configure(config):
    """Until every test states the language it expects, the suite reads messages in English
    (the code's own text); tests of the Swedish messages set the language themselves."""
    import os

    from civicsite.core import messages

    os.environ.setdefault("CIVICSITE_LANG", "en")
    messages.set_language(os.environ["CIVICSITE_LANG"])
