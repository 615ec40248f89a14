"""The build: discover → load + validate → resolve → render → write, each step in its package
(civicsite.content, civicsite.render, civicsite.output); with a cache, only what changed since
the last build is parsed and rendered again (civicsite.build.plan)."""
from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import Mapping, Optional

from civicsite.build.cache import (BuildCache, CacheState, NoCache, code_digest_key, fingerprint,
                                   open_cache, schedule_window)
from civicsite.build.scan import ContentScan, code_digest
from civicsite.build.options import BuildOptions, BuildResult, build_moment
from civicsite.build.plan import BuildPlan, Stat, plan_build, render_keys
from civicsite.build.images import ImageStore
from civicsite.build.rendering import Rendering
from civicsite.content.load import load_site
from civicsite.content.parses import PageParses, with_bodies
from civicsite.content.pictures import ImageProbes
from civicsite.content.site import Site
from civicsite.core import progress
from civicsite.core.errors import Diagnostics
from civicsite.editor.admin import bundle_files, check_admin
from civicsite.output.write import output_files, spare_folder
from civicsite.render.site import image_work
from civicsite.render.templates import templates_for_build


def run(options: BuildOptions, diag: Diagnostics) -> Optional[BuildResult]:
    """Load, and when there is an output folder and no error, render and write. None on errors
    (they are in ``diag``; nothing was written)."""
    collecting = gc.isenabled()
    gc.disable()  # until the site is loaded: see _run
    try:
        return _run(options, diag, collecting)
    finally:
        gc.unfreeze()  # `serve` builds again in this process
        if collecting:
            gc.enable()


def _run(options: BuildOptions, diag: Diagnostics, collecting: bool) -> Optional[BuildResult]:
    progress.start()
    build_date, build_time = build_moment(options)
    now = build_time or dt.datetime.combine(build_date, dt.time())
    code_digest.cache_clear()  # once per build: `serve` builds again after a template is edited
    if options.admin and options.output is not None:
        bundle_files()  # AdminBundleMissing (an OSError, one line) before anything is done
    cache = open_cache(options)
    scan = cache.scan(Path(options.content))                        # 1. the content folder
    summary = None if options.preview else cache.unchanged(options, build_date, now, scan)
    if summary is not None:                                         # nothing changed at all
        diag.items.extend(summary.messages)
        return None if diag.failed(options.strict) else \
            BuildResult(summary.pages_built, 0, unchanged=True)
    last = cache.load()
    parses = PageParses(previous=last.parsed, files=scan.digests if scan else {})
    store = ImageStore(cache.images)
    probes = ImageProbes(previous=store.probes())
    site = load_site(options.content, diag, build_date, options.drafts, options.base_url,
                     build_time, parses, options.jobs, probes,      # 2–3. load, validate, resolve
                     upcoming=options.preview)
    # Loading makes a million objects and almost no cyclic garbage: the collector, paused
    # meanwhile (in the parse workers forked meanwhile too), would have walked them all again
    # and again (unpickling a 10,000-page cache: 0.75 s with it, 0.28 s without). The site
    # lives until the build ends: frozen, no collection walks it, nor writes to it in the forked
    # render workers.
    gc.freeze()
    if collecting:
        gc.enable()
    if site is not None and options.admin:
        check_admin(site, diag)
    if site is None or diag.failed(options.strict):
        return None
    if options.output is None:                                      # `check`: nothing to write
        return BuildResult(len(site.pages), site=site)
    if scan is not None:
        scan.complete(Path(options.content), parses.read)
    plan = _plan(site, parses, options, cache, last, scan)          # what to reuse, what to render
    site = with_bodies(site, list(plan.todo), parses, diag)
    if site is None:
        return None
    templates_for_build(cache.template_cache())
    rendering = Rendering(site, plan, parses, cache, options.jobs, diag)
    published = rendering.write(options)                            # 4–5. render and write
    if published is None:
        return None
    if cache.enabled:
        cache.save(_state_after(options, build_date, now, site, parses, plan, rendering,
                                published, scan, diag), parsed_files=rendering.saved_parses())
        store.save(probes.current, image_work(site))
    return BuildResult(len(site.pages), len(plan.todo), resized=rendering.resized, site=site)


def _plan(site: Site, parses: PageParses, options: BuildOptions, cache: BuildCache | NoCache,
          last: CacheState, scan: Optional[ContentScan]) -> BuildPlan:
    """The plan against the output folder as the last build left it. Where a spare folder
    holds the files that stay, the output folder is looked at only for the few files the writer
    links from it (write_site checks those); else it is walked once here."""
    if not cache.enabled:
        return plan_build(site, {}, last, {}, {})
    written: Mapping[str, Stat] = (last.output or {}) if options.output.is_dir() else {}
    spare = last.spare is not None and spare_folder(options.output).is_dir()
    current = None if spare else output_files(options.output) or {}
    keys = render_keys(site, parses, options, scan.digests, code_digest_key())
    return plan_build(site, keys, last, written, current)


def _state_after(options: BuildOptions, build_date: dt.date, now: dt.datetime, site: Site,
                 parses: PageParses, plan: BuildPlan, rendering: Rendering,
                 published: dict[str, Stat], scan: ContentScan, diag: Diagnostics) -> CacheState:
    """What the next build needs to know of this one."""
    window = schedule_window((p.page.schedule for p in parses.by_file.values() if p.page), now)
    return CacheState(inputs=fingerprint(options, build_date, scan.digests), output=published,
                      messages=list(diag.items), pages_built=len(site.pages), window=window,
                      parsed=parses.current, rendered=dict(plan.keys),
                      site_files=rendering.site_files, spare=plan.replaced, scan=scan)
