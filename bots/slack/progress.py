"""Showing a background job's progress by editing one message.

The job runs in a worker thread and reports whenever the solver finds something.
Its reports are handed to the event loop, and one task edits the message with the
newest report at most once per interval, however often the solver reports. At the
default interval of 2 s that is 30 chat.update calls a minute per running job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError

from core.messages import ProgressSink, Reply

logger = logging.getLogger(__name__)

EditFunction = Callable[[Reply], Awaitable[None]]


class ProgressEditor(ProgressSink):
    """A progress sink that any thread may report to; `run` shows the reports in the loop."""

    def __init__(
        self, loop: asyncio.AbstractEventLoop, edit: EditFunction, interval_seconds: float
    ) -> None:
        self._loop = loop
        self._edit = edit
        self._interval_seconds = interval_seconds
        self._latest: Reply | None = None
        self._shown_text: str | None = None
        self._reported = asyncio.Event()
        self._closed = asyncio.Event()

    def report(self, reply: Reply) -> None:
        """Take a report from the job's thread; it is shown later, in the event loop."""
        self._loop.call_soon_threadsafe(self._receive, reply)

    def _receive(self, reply: Reply) -> None:
        self._latest = reply
        self._reported.set()

    async def run(self) -> None:
        """Edit the message with each newest report until `close` is called."""
        while not self._closed.is_set():
            await self._wait_for_report()
            if self._closed.is_set():
                return
            self._reported.clear()
            await self._show_latest()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closed.wait(), self._interval_seconds)

    def close(self) -> None:
        self._closed.set()

    async def _wait_for_report(self) -> None:
        reported = asyncio.ensure_future(self._reported.wait())
        closed = asyncio.ensure_future(self._closed.wait())
        _, pending = await asyncio.wait({reported, closed}, return_when=asyncio.FIRST_COMPLETED)
        for waiter in pending:
            waiter.cancel()

    async def _show_latest(self) -> None:
        reply = self._latest
        if reply is None or reply.text == self._shown_text:
            return
        try:
            await self._edit(reply)
        except SlackApiError as error:
            # A missed progress edit costs nothing: the next one or the result follows.
            logger.warning("editing the progress message failed: %s", error.response.get("error"))
            return
        self._shown_text = reply.text
