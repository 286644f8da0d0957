"""Toll: document the human toll of armed conflict and mass violence."""

__version__ = "0.1.0"
