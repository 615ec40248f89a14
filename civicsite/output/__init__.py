"""Step 5: writing the site atomically (a temporary folder swapped in), and the search index
made over the written folder. May import civicsite.core only."""
