"""Foundations every step uses: the problem collector, typed YAML fields, references by id,
slugs, the clock, citizen texts, what text may hold and how values are encoded for other file
formats. Imports nothing else of civicsite."""
