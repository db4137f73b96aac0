"""Rendering: Kamerbrief and beslisnota as Word (.docx) and HTML, tracked changes, Woo version."""
