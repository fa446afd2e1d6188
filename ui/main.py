"""The installed `zhijiu` command: the core's verbs (``app.cli``) with what only the window
layer has lent to them — the window itself, the install's smoke test, printing a PDF.

Nothing here imports Qt until a verb needs it, so `zhijiu serve` on a headless node starts as
fast as ``python -m app`` and never loads a Qt library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from app import cli


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported on the first call (Qt loads only for the verbs that need it)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def main(argv: Sequence[str] | None = None) -> int:
    cli.WINDOW.update(gui=_lazy("ui.app", "run_gui"), smoke=_lazy("ui.smoke", "run_smoke"),
                      print_pdf=_lazy("ui.sitrep_export", "print_pdf"))
    return cli.main(argv)
