"""Documents and their versioned sections."""
