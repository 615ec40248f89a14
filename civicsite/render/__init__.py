"""Step 4: pure rendering of a loaded Site into HTML, feeds, calendars, JSON-LD and host files.
May import core, the domains and content; never writes to disk."""
