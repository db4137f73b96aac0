"""Afstemmingsrondes and oordelen, parafen, vaststelling and verzending, and keeping the
document's workflow state in step with time (termijnen) and text changes."""
