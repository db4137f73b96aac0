"""Paraaf: the FastAPI service (routes, auth, persistence, rendering, CLI)."""

API_VERSION = "1.0.0"
