"""The Python floor: the least a Python static-site generator must do for our content.

    python bench/floor.py --content CONTENT --output OUT

One process: for every ``*.md`` under CONTENT, split the YAML front matter (PyYAML, its C loader
when installed), convert the body with Python-Markdown (the extensions civicsite uses), fill one
Jinja2 template and write ``OUT/<path>/index.html``. No validation, no blocks, no listings, no
sanitising: what is left is the cost of the three libraries every Python tool here builds on.
Directive lines (``::: contact x``) are dropped.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path
import shutil
import sys

import jinja2
import markdown
import markupsafe
import yaml

EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list", "footnotes"]
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TEMPLATE = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ site }}</title>
{% if summary %}<meta name="description" content="{{ summary }}">{% endif %}
</head>
<body>
<header><a href="/">{{ site }}</a></header>
<main><article>
<h1>{{ title }}</h1>
{% if date %}<p>Publicerad <time datetime="{{ date }}">{{ date }}</time>
{% for tag in tags %}{{ ", " if not loop.first }}{{ tag }}{% endfor %}</p>{% endif %}
{% if summary %}<p class="lead">{{ summary }}</p>{% endif %}
{{ body }}
</article></main>
<footer><p>Hallstahammars kommun</p></footer>
</body>
</html>
"""


def split(text: str) -> tuple[dict, str]:
    """(front matter, body) of a page."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.load(text[4:end], Loader=Loader) or {}, text[end + 5:]
    return {}, text


def build(content: Path, output: Path) -> int:
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    site = "Näringsliv i Hallstahammar"
    n = 0
    if output.exists():
        shutil.rmtree(output)
    for dirpath, _dirs, files in os.walk(content):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(dirpath, name)
            rel = path.relative_to(content).with_suffix("")
            meta, body = split(path.read_text(encoding="utf-8"))
            body = "\n".join(line for line in body.split("\n") if not line.startswith(":::"))
            html = md.reset().convert(body)
            target = output / ("" if rel.name == "index" and rel.parent == Path(".") else rel) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(
                site=site, title=meta.get("title", ""), summary=meta.get("summary"),
                date=meta.get("date"), tags=meta.get("tags") or [], body=markupsafe.Markup(html)),
                encoding="utf-8")
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--content", type=Path, required=True)
    ap.add_argument("--output", type=Path, required=True)
    args = ap.parse_args()
    n = build(args.content, args.output)
    print(f"floor: {n} pages into {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
