"""Structured logs for a headless node: one JSON object per line on stderr, which systemd's
journal keeps (`journalctl -u zhijiu-node -o cat | jq`). Chosen with ``serve --log-json`` or
``ZHIJIU_LOG=json``; the post's rotating text log in ``logs/`` is written either way."""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

# attributes every LogRecord has; anything else was passed with ``extra=`` and is kept
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, **context: Any) -> None:
        super().__init__()
        self.context = context  # e.g. the post's name and id, on every line

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **self.context,
        }
        doc.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            doc["exc"] = self.formatException(record.exc_info)
        return json.dumps(doc, ensure_ascii=False, default=str)


def log_json_to_stderr(level: int = logging.INFO, **context: Any) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(**context))
    root = logging.getLogger()
    for h in list(root.handlers):  # the plain stderr handler of basicConfig: JSON replaces it
        if type(h) is logging.StreamHandler and getattr(h, "stream", None) is sys.stderr:
            root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(min(root.level, level) if root.level else level)
