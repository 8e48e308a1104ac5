"""Editing one progress message: only the newest report, at most once per interval."""

from __future__ import annotations

import asyncio
import threading

from slack_sdk.errors import SlackApiError

from bots.slack.progress import ProgressEditor
from core.messages import Reply, ReplyKind


def progress(text: str) -> Reply:
    return Reply(text, kind=ReplyKind.PROGRESS)


async def test_reports_from_thread_shown_throttled() -> None:
    """Many reports from a worker thread lead to few edits, the last one the newest report."""
    shown: list[str] = []

    async def edit(reply: Reply) -> None:
        shown.append(reply.text)

    editor = ProgressEditor(asyncio.get_running_loop(), edit, interval_seconds=0.2)
    running = asyncio.create_task(editor.run())

    def job() -> None:
        for second in range(50):
            editor.report(progress(f"Planlegger … {second} s"))

    await asyncio.to_thread(job)
    await asyncio.sleep(0.3)
    editor.close()
    await running

    assert 1 <= len(shown) <= 3
    assert shown[-1] == "Planlegger … 49 s"


async def test_same_text_not_edited_twice() -> None:
    """A report with the text already shown causes no edit."""
    shown: list[str] = []

    async def edit(reply: Reply) -> None:
        shown.append(reply.text)

    editor = ProgressEditor(asyncio.get_running_loop(), edit, interval_seconds=0.0)
    running = asyncio.create_task(editor.run())
    for _ in range(3):
        editor.report(progress("Planlegger … 1 s"))
        await asyncio.sleep(0.05)
    editor.close()
    await running

    assert shown == ["Planlegger … 1 s"]


async def test_failed_edit_does_not_stop_editing() -> None:
    """A rate-limited edit is skipped and the next report is shown."""
    shown: list[str] = []
    failures = threading.Event()

    async def edit(reply: Reply) -> None:
        if not failures.is_set():
            failures.set()
            raise SlackApiError("ratelimited", {"ok": False, "error": "ratelimited"})
        shown.append(reply.text)

    editor = ProgressEditor(asyncio.get_running_loop(), edit, interval_seconds=0.0)
    running = asyncio.create_task(editor.run())
    editor.report(progress("først"))
    await asyncio.sleep(0.05)
    editor.report(progress("så"))
    await asyncio.sleep(0.05)
    editor.close()
    await running

    assert shown == ["så"]


async def test_close_without_reports_returns() -> None:
    """Closing an editor that never got a report ends its task at once."""

    async def edit(reply: Reply) -> None:
        raise AssertionError("nothing to edit")

    editor = ProgressEditor(asyncio.get_running_loop(), edit, interval_seconds=10.0)
    running = asyncio.create_task(editor.run())
    editor.close()

    await asyncio.wait_for(running, timeout=1.0)
