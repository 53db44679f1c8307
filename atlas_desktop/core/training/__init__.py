"""Filled in by its own issue; kept so the package layout matches the architecture."""
