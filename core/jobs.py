"""Running a background job with the same two kinds of failure as `Assistant.handle`.

A job (roster generation, a repair proposal) runs after the adapter has
acknowledged the message. `Assistant.handle` already wraps the jobs it returns
(`core.assistant.guarded`); this function is the adapters' single call to run
one, and it guards again so that a job built elsewhere cannot show a traceback.
"""

from __future__ import annotations

from core.assistant import failure_replies
from core.i18n import Translator
from core.messages import BackgroundJob, ProgressSink, Reply


def run_job(job: BackgroundJob, progress: ProgressSink, locale: str | None) -> tuple[Reply, ...]:
    """Run `job` and return its replies, or one error reply in the language of `locale`."""
    try:
        return job.run(progress)
    except Exception as error:  # every failure becomes a reply, never a traceback
        return failure_replies(error, Translator.for_locale(locale), job.name)
