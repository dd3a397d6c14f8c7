"""Clients a test opens, closed after it (the suite fails on unclosed sockets): ``opened(client)`` registers one, the
autouse fixture ``close_opened_clients`` of ``tests/conftest.py`` closes them."""

from __future__ import annotations

from typing import Any, List, TypeVar

Closable = TypeVar("Closable")
_OPEN: List[Any] = []


def opened(client: Closable) -> Closable:
    _OPEN.append(client)
    return client


def close_opened() -> None:
    while _OPEN:
        _OPEN.pop().close()
