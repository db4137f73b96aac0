"""Tekstvoorstellen: proposed wording for a passage, reactions, counter-proposal threads,
adoption, escalation and the bewindspersoon's besluit."""
