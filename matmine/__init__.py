"""matmine: a patent and literature mining pipeline for materials discovery."""

from __future__ import annotations

__version__ = "0.1.0"
