"""Where the Jinja templates and the theme's static files are."""
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
