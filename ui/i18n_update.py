"""Refresh the translation files: extract strings from ``ui/`` into the ``.ts``, compile the ``.qm``.

    python -m ui.i18n_update            # lupdate, then lrelease
    python -m ui.i18n_update --release  # only compile the .ts into the .qm

New strings appear in ``resources/translations/zhijiu_zh_CN.ts`` as unfinished; fill them (Qt
Linguist: ``pyside6-linguist``, or edit the XML) before running ``--release``. Both files are
committed. The tools come with PySide6 and are looked up next to the running Python first.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "zhijiu_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--release" not in args:
        sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
        subprocess.run(
            [tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "relative",
             "-ts", str(TS)],
            cwd=ROOT, check=True,
        )
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
