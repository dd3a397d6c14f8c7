"""Pytest fixtures for the local stack (moto S3 + the Sentinel Hub emulator).

Register them in ``tests/conftest.py`` with ``pytest_plugins = ["fixtures_stack"]``.
``local_stack`` is one stack per test session (fast timings); after every test its faults are cleared and its
settings restored, so tests may change both freely.
"""

from __future__ import annotations

import copy
from typing import Iterator

import pytest
from emulator.config import EmulatorConfig
from emulator.stack import LocalStack

__all__ = ["batch_client", "local_stack", "local_stack_session"]


@pytest.fixture(scope="session")
def local_stack_session() -> Iterator[LocalStack]:
    with LocalStack(EmulatorConfig.fast()) as stack:
        yield stack


@pytest.fixture
def local_stack(local_stack_session: LocalStack) -> Iterator[LocalStack]:
    saved = copy.deepcopy(local_stack_session.config.to_dict())
    local_stack_session.faults.clear()
    yield local_stack_session
    local_stack_session.faults.clear()
    local_stack_session.config.update(saved)


@pytest.fixture
def batch_client(local_stack: LocalStack):
    """The plugin's BatchClient pointed at the stack, with short retry waits."""
    from sentinelhub_batch.plugin.core.client import BatchClient
    from sentinelhub_batch.plugin.core.deployments import custom_deployment
    from sentinelhub_batch.plugin.core.retry import RetryPolicy

    client = BatchClient(custom_deployment(local_stack.base_url, local_stack.token_url), local_stack.client_id,
                         local_stack.client_secret,
                         retry=RetryPolicy(backoff_initial=0.01, backoff_max=0.05, server_error_retries=8,
                                           rate_limit_retries=20, not_found_after_create=5.0, timeout=30.0))
    yield client
    client.close()
