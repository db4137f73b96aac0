"""Retour uit Word: a department's edited afstemmingsversie read back into tekstvoorstellen."""
