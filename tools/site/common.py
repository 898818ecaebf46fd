"""Wording shared by the generated pages."""

from __future__ import annotations

GENERATED_NOTE = "*This page is generated from the edition’s source list; every fact on it cites its source.*"
