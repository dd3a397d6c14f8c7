"""Sessions of the core's clients can be cut short from another thread (plugin/core/transport.py)."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests
from sentinelhub_batch.plugin.core.errors import TaskCancelledError
from sentinelhub_batch.plugin.core.transport import new_session


@pytest.fixture
def silent_server():
    """A loopback server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join(2)
    for connection in accepted:
        connection.close()
    server.close()


def test_abort_cuts_a_request_in_flight_and_refuses_the_next(silent_server):
    url, accepted = silent_server
    session = new_session()
    outcome = {}

    def call():
        started = time.monotonic()
        try:
            session.get(url, timeout=30)
        except Exception as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=call)
    worker.start()
    deadline = time.monotonic() + 5
    while not accepted and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)  # the worker is now blocked reading the answer
    session.abort("Stopped by the test.")
    worker.join(5)
    assert isinstance(outcome["error"], TaskCancelledError) and str(outcome["error"]) == "Stopped by the test."
    assert outcome["seconds"] < 2
    with pytest.raises(TaskCancelledError):
        session.get(url, timeout=30)


def test_an_unaborted_session_reports_network_errors_as_requests_does(silent_server):
    url, _accepted = silent_server
    with pytest.raises(requests.Timeout):
        new_session().get(url, timeout=0.3)
