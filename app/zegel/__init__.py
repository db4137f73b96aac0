"""The seal on what leaves the ministry: a sent letter's PDF/A sealed with PAdES (pyHanko)."""
