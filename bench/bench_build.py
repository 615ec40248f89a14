"""Benchmark: build a generated site of N pages and print the time of each pipeline step.

    .venv/bin/python bench/bench_build.py [--pages 1000] [--repeat 3]

Prints figures only; nothing here is asserted (tests never time anything).
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
import shutil
import statistics
import tempfile
import time

from civicsite.content.load import load_site
from civicsite.core.errors import Diagnostics
from civicsite.output.write import write_site
from civicsite.render.site import render_site

ROOT = Path(__file__).resolve().parent.parent

PAGE = """---
kind: sprint
title: Besökssprint {n}
summary: Politiker och tjänstemän besökte företag under en dag ({n}).
date: 2021-05-{day:02d}
tags: [företagsbesök]
event: {{start: 2021-05-{day:02d}, attendance: online}}
visits: {{planned: 30, completed: 30}}
contacts: [kundcenter]
hours: [kundcenter]
participants:
  title: Deltagare
  people:
{people}
quotes:
  - text: Det blev många värdefulla besök.
    name: Helena Kortered
    role: näringslivschef
related:
  - title: Företagsbesök
    url: https://www.example.se/foretagsbesok
---
## Om dagen

Text om dagen med en [länk](https://www.example.se/) och **fetstil**.

::: participants

::: contact madeleine-ahlqvist
"""


def make_site(folder: Path, pages: int) -> None:
    shutil.copytree(ROOT / "content", folder)
    people = "\n".join(f"    - {{name: Person {i}, title: tjänsteperson}}" for i in range(13))
    for n in range(pages):
        target = folder / "sprintar" / f"sprint-{n:05d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(n=n, day=n % 28 + 1, people=people), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content, output = Path(tmp) / "content", Path(tmp) / "site"
        make_site(content, args.pages)
        timings: dict[str, list[float]] = {"load+validate": [], "render": [], "write": []}
        for _ in range(args.repeat):
            diag = Diagnostics()
            t0 = time.perf_counter()
            site = load_site(str(content), diag, dt.date(2026, 11, 25))
            t1 = time.perf_counter()
            outputs = render_site(site)
            t2 = time.perf_counter()
            write_site(outputs, output)
            t3 = time.perf_counter()
            assert site is not None and not diag.errors, diag.report()
            for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2)):
                timings[key].append(value)
        files = sum(1 for p in output.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
        total = sum(statistics.median(v) for v in timings.values())
        print(f"{len(site.pages)} pages, {files} output files, {size / 1e6:.1f} MB, "
              f"median of {args.repeat} runs:")
        for key, values in timings.items():
            med = statistics.median(values)
            print(f"  {key:14s} {med:7.3f} s  ({1000 * med / len(site.pages):.2f} ms/page)")
        print(f"  {'total':14s} {total:7.3f} s  ({len(site.pages) / total:.0f} pages/s)")


if __name__ == "__main__":
    main()
