"""The web workspace and HTTP API (`toll serve`): pages and JSON over the stages' Python API.

Like the CLI, this layer only parses requests and renders answers; who may see or change what,
and what is written to the audit trail, is decided inside the stages (`toll.store.access`).
"""

from toll.web.app import create_app, served_app

__all__ = ["create_app", "served_app"]
