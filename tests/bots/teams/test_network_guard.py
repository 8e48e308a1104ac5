"""The guard that keeps the Teams tests on loopback actually stops other connections."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from tests.bots.teams.teams_fakes import NonLoopbackConnection, guarded_network


def test_guard_blocks_a_public_address() -> None:
    """A TCP connection to a documentation address (192.0.2.1) is refused and recorded."""
    with (
        guarded_network() as guard,
        socket.socket() as client,
        pytest.raises(NonLoopbackConnection),
    ):
        client.connect(("192.0.2.1", 443))

    assert guard.blocked == ["connect '192.0.2.1'"]


async def test_guard_blocks_microsoft_by_name() -> None:
    """An HTTP request to the Bot Framework fails at the name lookup."""
    with guarded_network() as guard:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientError):
                await session.get("https://login.botframework.com/v1/.well-known/keys")

    assert guard.blocked == ["lookup 'login.botframework.com'"]


def test_guard_allows_loopback() -> None:
    """Loopback stays reachable: a listening socket on 127.0.0.1 accepts the connection."""
    with guarded_network() as guard, socket.socket() as server, socket.socket() as client:
        server.bind(("127.0.0.1", 0))
        server.listen()
        client.connect(server.getsockname())

    assert guard.blocked == []
