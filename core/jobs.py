"""Running a background job with the same two kinds of failure as `Assistant.handle`.

A job (roster generation) runs after the adapter has acknowledged the message, so
`Assistant.handle` cannot catch its errors. This wrapper turns a user error into its
translated message and anything else into the apology with an error id, so a chat
never shows a traceback.
"""

from __future__ import annotations

import logging
import secrets

from core.assistant import APOLOGY
from core.errors import UserError
from core.i18n import Translator
from core.messages import BackgroundJob, ProgressSink, Reply, ReplyKind

logger = logging.getLogger(__name__)


def run_job(job: BackgroundJob, progress: ProgressSink, locale: str | None) -> tuple[Reply, ...]:
    """Run `job` and return its replies, or one error reply in the language of `locale`."""
    translator = Translator.for_locale(locale)
    try:
        return job.run(progress)
    except UserError as error:
        logger.info("user error %s in background job %s", type(error).__name__, job.name)
        return (Reply(error.render(translator), kind=ReplyKind.ERROR),)
    except Exception:
        error_id = secrets.token_hex(4)
        logger.exception("unexpected error %s in background job %s", error_id, job.name)
        return (Reply(translator.gettext(APOLOGY, error_id=error_id), kind=ReplyKind.ERROR),)
