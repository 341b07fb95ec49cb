"""Moved to `bodymap.picture`; kept only until bodymap/handout.py (being split into a package) imports from there."""
from .picture import muscle_overlay  # noqa: F401
