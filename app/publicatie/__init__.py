"""The Woo publication package of a set: Woo PDFs, inventarislijst, DiWoo metadata, manifest."""
