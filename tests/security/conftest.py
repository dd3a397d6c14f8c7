"""What the security tests share: a scripted API server and a second server that captures whatever reaches it."""

import pytest
from scripted_server import ScriptedServer


@pytest.fixture
def servers():
    api, capture = ScriptedServer(), ScriptedServer()
    yield api, capture
    api.stop()
    capture.stop()
