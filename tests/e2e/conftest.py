"""The browser tests' shared fixture: pages whose errors and stray dialogs fail the test."""

from __future__ import annotations

import pytest

from .test_conference import Screens


@pytest.fixture
def screens(browser, screenshots):
    s = Screens(browser, screenshots)
    yield s
    s.close()
    assert not s.errors, s.errors
