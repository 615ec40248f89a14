"""Page bodies: Markdown to safe HTML (Python-Markdown, then an nh3 allow-list), the ``:::``
block lines, and the accelerations of Python-Markdown. May import civicsite.core only."""
