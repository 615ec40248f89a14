"""Mutated content (lines deleted, duplicated, re-indented, characters replaced) never raises:
every mistake becomes a collected ContentError. Seeded, so a failure is reproducible."""
import datetime as dt
from pathlib import Path
import random
import shutil

import pytest

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent
SITES = [ROOT / "content", ROOT / "examples" / "trollhattan", ROOT / "tests" / "sites" / "golden"]
NOISE = ":-[]{}#&*!|>'\"  x9.\t%@–å"


def _mutate(lines: list[str], rng: random.Random) -> list[str]:
    for _ in range(rng.randint(1, 3)):
        if not lines:
            return [""]
        j, op = rng.randrange(len(lines)), rng.random()
        if op < 0.3:
            del lines[j]
        elif op < 0.5:
            lines.insert(j, lines[rng.randrange(len(lines))])
        elif op < 0.8 and lines[j]:
            k = rng.randrange(len(lines[j]))
            lines[j] = lines[j][:k] + rng.choice(NOISE) + lines[j][k + 1:]
        else:
            lines[j] = "  " + lines[j]
    return lines


@pytest.mark.parametrize("seed", range(300))
def test_mutated_content_gives_errors_not_exceptions(tmp_path, seed):
    rng = random.Random(seed)
    content = tmp_path / "c"
    shutil.copytree(rng.choice(SITES), content)
    files = sorted(p for p in content.rglob("*") if p.suffix in (".md", ".yaml"))
    target = rng.choice(files)
    target.write_text("\n".join(_mutate(target.read_text(encoding="utf-8").split("\n"), rng)),
                      encoding="utf-8")
    diag = Diagnostics()
    site = load_site(str(content), diag, dt.date(2026, 11, 25))  # must not raise
    if site is not None and not diag.errors:
        assert render_site(site)  # a site that loads also renders
    for line in diag.report():
        path, number = line.split(":")[0], line.split(":")[1]
        assert path.startswith(str(content)) and number.isdigit() and "\n" not in line
