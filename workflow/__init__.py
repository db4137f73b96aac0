"""The domain core of Paraaf: pure Python, no FastAPI and no database.

State machines as transition tables, proposal rules, diff/merge, hashing, Woo redaction.
"""
