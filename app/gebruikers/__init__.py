"""Users, their roles and departments, and their bearer tokens."""
