"""``python -m ui``: the same as the ``scribe`` console script (``python -m ui app``)."""

from ui.cli import main

raise SystemExit(main())
