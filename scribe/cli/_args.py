"""Argument types shared by several command modules."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """``ÅÅÅÅ-MM-DD`` for argparse, with a Norwegian message for anything else."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldig dato «{text}» (bruk ÅÅÅÅ-MM-DD)") from None
