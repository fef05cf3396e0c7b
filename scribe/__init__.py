"""Scribe: a local consultation scribe for Norwegian GPs.

Importing this package loads no Qt and no model engine; those load when first used.
"""

from __future__ import annotations

__version__ = "0.1.0"
