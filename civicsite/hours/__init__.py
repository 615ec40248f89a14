"""The opening-hours domain: hours.yaml read, the one answer to "hours on D / open at T", and
every view of it (table, deviations, JSON-LD, OSM, browser data). May import civicsite.core only."""
