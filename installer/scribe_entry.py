"""The desktop bundle's entry point (PyInstaller runs this as ``scribe``).

No arguments: open the desktop window (``scribe app``). ``--self-test``: the installation
check (``scribe self-test``). Anything else is the ordinary ``scribe`` command line.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path


def cli_args(argv: list[str]) -> list[str]:
    """The ``scribe`` command line the bundle's own arguments stand for."""
    if not argv:
        return ["app"]
    if argv[0] == "--self-test":
        return ["self-test", *argv[1:]]
    return argv


def bundled_lexicon() -> Path | None:
    """The drug list shipped inside the bundle (``_internal/lexicon``), if there is one."""
    root = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent))
    folder = root / "lexicon"
    return folder if (folder / "drugs" / "drugs_no.csv").is_file() else None


def main() -> int:
    multiprocessing.freeze_support()
    lexicon = bundled_lexicon()
    if lexicon is not None:  # a practice's own SCRIBE_LEXICON_DIR still wins
        os.environ.setdefault("SCRIBE_LEXICON_DIR", str(lexicon))
    # Windows' scribew.exe has no console: stdout/stderr are None, and print() would fail.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from ui.cli import main as scribe_main

    return scribe_main(cli_args(sys.argv[1:]))


if __name__ == "__main__":
    raise SystemExit(main())
