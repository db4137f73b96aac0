"""The web UI: server-rendered pages (Jinja2 + htmx) on the same service functions, transition
tables and authorisation matrix as the API."""
