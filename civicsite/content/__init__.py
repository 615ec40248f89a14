"""Steps 1–3: discover the content folder, load and validate every file into typed models, and
resolve references and addresses into one Site. May import core and the domains."""
