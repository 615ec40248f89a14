"""Where the Jinja templates and the theme's static files are."""
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
