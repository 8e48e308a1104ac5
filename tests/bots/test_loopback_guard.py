"""The bots tests' network guard: it stops and records any host but loopback."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from tests.bots.conftest import NonLoopbackConnection, is_loopback


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("127.8.9.10", True),
        ("slack.com", False),
        ("169.254.169.254", False),
        ("10.0.0.1", False),
    ],
    ids=["ipv4", "ipv6", "name", "loopback-range", "slack", "metadata", "private"],
)
def test_loopback_hosts(host: str, expected: bool) -> None:
    """Only loopback addresses and the name localhost count as loopback."""
    assert is_loopback(host) is expected


async def test_request_to_slack_is_stopped(loopback_only: list[str]) -> None:
    """A request to slack.com fails before any packet leaves, and is recorded."""
    async with aiohttp.ClientSession() as session:
        with pytest.raises((aiohttp.ClientError, NonLoopbackConnection)):
            await session.get("https://slack.com/api/auth.test")

    assert loopback_only == ["lookup slack.com"]
    loopback_only.clear()


def test_connect_to_metadata_address_is_stopped(loopback_only: list[str]) -> None:
    """A raw connection to a non-loopback address is refused by the guard."""
    with socket.socket() as sock, pytest.raises(NonLoopbackConnection):
        sock.connect(("169.254.169.254", 80))

    assert loopback_only == ["connect 169.254.169.254"]
    loopback_only.clear()
