"""The log file: warnings and errors with their tracebacks, in the user data folder, rotated.

Set up once by each front end (gui/app.py, cli/main.py). Logging must never stop the app: when the
folder cannot be written, the app runs without a log file.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from core.paths import log_dir

LOG_FILE_NAME = "fazhi-nianbao.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3  # fazhi-nianbao.log.1 … .3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log WARNING and above from every module to a rotating file; the file's path, or None.

    Idempotent: a second call (tests run the CLI in-process many times) adds no second handler."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _LogFile):
            return Path(handler.baseFilename)
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = _LogFile(folder / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                           encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return Path(handler.baseFilename)


class _LogFile(logging.handlers.RotatingFileHandler):
    """Our handler, told apart from any other (pytest's capture, a developer's basicConfig)."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a full or read-only disk must not turn one lost log line into a crash or a traceback
