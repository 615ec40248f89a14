"""Foundations every step uses: the problem collector, typed YAML fields, references by id,
slugs, the clock, citizen texts. Imports nothing else of civicsite."""
