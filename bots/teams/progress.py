"""Long work (roster generation) run after the acknowledgement, with progress in one message.

The job runs in a worker thread. Its progress reports are shown by editing a
single message: the acknowledgement, when there was one, else the first report.
Reports closer together than `MIN_SECONDS_BETWEEN_UPDATES` are skipped, so a
fast solver does not flood the Bot Connector, which throttles bots that send
several messages a second.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time

from microsoft_agents.activity import ConversationReference

from bots.teams.cards import render_reply
from bots.teams.proactive import DeliveryFailed, ProactiveMessenger
from core.jobs import run_job
from core.messages import BackgroundJob, ProgressSink, Reply

logger = logging.getLogger(__name__)

MIN_SECONDS_BETWEEN_UPDATES = 2.0


class ProgressMessage(ProgressSink):
    """Shows a job's progress by editing one message in the conversation."""

    def __init__(
        self,
        messenger: ProactiveMessenger,
        reference: ConversationReference,
        loop: asyncio.AbstractEventLoop,
        *,
        message_id: str | None = None,
        as_card: bool = False,
    ) -> None:
        """`as_card` renders every report as a card, for editing a message that is one."""
        self._messenger = messenger
        self._as_card = as_card
        self._reference = reference
        self._loop = loop
        self._message_id = message_id
        self._lock = asyncio.Lock()
        self._pending: list[concurrent.futures.Future[None]] = []
        self._last_text: str | None = None
        self._last_shown = float("-inf")

    def report(self, reply: Reply) -> None:
        """Queue `reply` for display; called from the job's thread."""
        now = time.monotonic()
        if reply.text == self._last_text or now - self._last_shown < MIN_SECONDS_BETWEEN_UPDATES:
            return
        self._last_text, self._last_shown = reply.text, now
        self._pending.append(asyncio.run_coroutine_threadsafe(self._show(reply), self._loop))

    async def flush(self) -> None:
        """Wait until every queued report has been sent or has failed."""
        await asyncio.gather(
            *(asyncio.wrap_future(f) for f in self._pending), return_exceptions=True
        )

    async def _show(self, reply: Reply) -> None:
        async with self._lock:
            activity = render_reply(reply, as_card=self._as_card)
            try:
                if self._message_id is None:
                    self._message_id = await self._messenger.send(self._reference, activity)
                else:
                    await self._messenger.update(self._reference, self._message_id, activity)
            except DeliveryFailed as error:
                logger.warning("progress message not shown: %s", error)


async def run_with_progress(
    job: BackgroundJob, progress: ProgressMessage, locale: str | None
) -> tuple[Reply, ...]:
    """Run `job` in a worker thread and return its replies once its progress is shown."""
    started = time.monotonic()
    replies = await asyncio.to_thread(run_job, job, progress, locale)
    await progress.flush()
    logger.info("background job %s finished in %.1f s", job.name, time.monotonic() - started)
    return replies
