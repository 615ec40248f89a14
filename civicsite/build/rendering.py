"""Steps 4 and 5 together: the pages are rendered by worker processes that put each one straight
into the folder being written, while this process makes the site-wide files (listings, feeds,
calendars …) and hands everything to the writer, which swaps the folder in when all is there."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Callable, Iterator, Optional

from civicsite.build.cache import BuildCache, NoCache
from civicsite.build.images import ImageStore, Work
from civicsite.build.options import BuildOptions
from civicsite.build.plan import BuildPlan
from civicsite.content.parses import PageParses, with_bodies
from civicsite.content.site import Site
from civicsite.core import progress
from civicsite.core.errors import Diagnostics
from civicsite.core.messages import _
from civicsite.core.parallel import MIN_ITEMS, process_map
from civicsite.editor.admin import admin_outputs, repo_path
from civicsite.output.search import carry_index, index_site
from civicsite.output.write import REUSE, Output, Staging, Written, write_site
from civicsite.render.pages import render_page
from civicsite.render.site import image_work, page_outputs, site_outputs


class ContentChanged(Exception):
    """A content file changed while the site was being built (the error is in the diagnostics)."""


@dataclass(frozen=True)
class _Work:
    """What the workers inherit through the fork: only item numbers travel to them."""
    site: Site
    staging: Staging
    store: ImageStore
    images: tuple[Work, ...]  # the pictures (and icons) whose files this build publishes


def _work_one(state: _Work, item: tuple[str, int]) -> tuple[list[tuple[str, Written]], int]:
    """In a worker: render a page, or make (or take from the cache) the files of an image, and
    hand them to the writer's folder. Returns each file's path and size, and 1 if an image was
    resized (0 if its files were in the cache)."""
    kind, index = item
    if kind == "page":
        page = state.site.pages[index]
        path = page.url + "index.html"
        return [(path, Written(state.staging.put(path, render_page(state.site, page))))], 0
    files, made = state.store.files(state.site, state.images[index])
    return [(path, Written(state.staging.put(path, value)))
            for path, value in sorted(files.items())], int(made)


class Rendering:
    """One build's outputs as the writer takes them, and what it learns on the way: the
    site-wide files made (``site_files``) and the cache's page parses, saved in a thread while
    the workers render (``parses_saved``)."""

    def __init__(self, site: Site, plan: BuildPlan, parses: PageParses,
                 cache: BuildCache | NoCache, jobs: int, diag: Diagnostics):
        self.site, self.plan, self.parses, self.cache = site, plan, parses, cache
        self.jobs, self.diag = jobs, diag
        self.site_files: list[str] = list(plan.site_files or [])
        self.parses_saved: Optional[Future] = None
        self._made_again: dict[str, Output] = {}
        self.admin: Optional[Path] = None  # the content folder, when the admin is written too
        self.store = ImageStore(cache.images)
        self.resized = 0  # images resized by this build (not taken from the cache)

    def write(self, options: BuildOptions) -> Optional[dict[str, tuple[int, int]]]:
        """Render and write into ``options.output``: the manifest of what is published there,
        or None when a content file changed meanwhile (nothing was published)."""
        self.cache.clear()  # the output is about to change: a cache describing the old one is wrong
        self.admin = Path(options.content) if options.admin else None
        try:
            return write_site(self.outputs, options.output, _finalize(options, self.site, self.cache),
                              self.cache.trash, spare=self.plan.spare,
                              key_of=self.plan.key_of, keep_spare=self.cache.enabled,
                              previous=self.plan.previous, remake=self.remake)
        except ContentChanged:  # with_bodies said which file
            return None
        finally:
            if self.parses_saved is not None:
                wait([self.parses_saved])  # never leave a half-written file to os._exit

    def outputs(self, staging: Staging) -> Iterator[tuple[str, Output]]:
        """Reused pages, then — once the workers have started — the site-wide files (made here
        meanwhile), then each page and image as a worker reports it written, so that the build
        ends when the last one is done. Images are the site's files too: made (or copied from
        the cache) only when the site-wide files are made again, first, as they take longest."""
        yield from ((path, REUSE) for path in sorted(self.plan.reuse))
        images = tuple(image_work(self.site)) if self.plan.site_files is None else ()
        items = [("image", i) for i in range(len(images))] + [("page", i) for i in self.plan.todo]
        resizing = any(self.store.kept(item) is None for item in images)
        done = process_map(_work_one, _Work(self.site, staging, self.store, images), items,
                           self.jobs, ordered=False, min_items=2 if resizing else MIN_ITEMS)
        first = next(done, None)
        self._save_parses()  # in a thread: only after the fork
        if self.plan.site_files is not None:
            yield from ((path, REUSE) for path in self.plan.site_files)
        else:
            made = self._site_outputs()
            self.site_files = sorted({*made, *(v.path for item in images for v in item.variants)})
            yield from sorted(made.items())
        rendered = chain([first], done) if first is not None else done
        for count, (files, resized) in enumerate(rendered, 1):
            progress.pages(count, len(items))
            self.resized += resized
            yield from files

    def _site_outputs(self) -> dict[str, Output]:
        """The site-wide files, with the admin's when it is asked for."""
        made = site_outputs(self.site)
        if self.admin is not None:
            made.update(admin_outputs(self.site, self.admin, repo_path(self.admin), made,
                                      [path for path, _ in page_outputs(self.site)]))
        return made

    def _save_parses(self) -> None:
        if not self.cache.enabled:
            return
        saver = ThreadPoolExecutor(max_workers=1)
        self.parses_saved = saver.submit(self.cache.save_parses, self.parses.current)
        saver.shutdown(wait=False)

    def saved_parses(self) -> Optional[tuple]:
        """Where the thread saved the page parses (``BuildCache.save_parses``), if it ran."""
        return self.parses_saved.result() if self.parses_saved is not None else None

    def remake(self, path: str) -> Output:
        """A file to reuse that is no longer as written in the output folder (edited by hand)."""
        index = {p: i for i, (p, _) in enumerate(page_outputs(self.site))}
        if path in index:
            with_body = with_bodies(self.site, [index[path]], self.parses, self.diag)
            if with_body is None:
                raise ContentChanged()
            return render_page(with_body, with_body.pages[index[path]])
        for item in image_work(self.site):
            if any(v.path == path for v in item.variants):
                return self.store.files(self.site, item)[0][path]
        if not self._made_again:
            self._made_again.update(self._site_outputs())
        return self._made_again[path]


def _finalize(options: BuildOptions, site: Site,
              cache: BuildCache | NoCache) -> Optional[Callable[[Path], None]]:
    """What runs on the complete folder before it is swapped in: the search index (``serve``
    carries the last one over and indexes again in the background). A large site's index is
    sharded, and the shards whose pages are unchanged are taken from the published output."""
    if not options.search:
        return None
    if options.search_later:
        return lambda folder: carry_index(folder, options.output)
    last = cache.search_state()  # its shards are checked against the published bundle

    def index(folder: Path) -> None:
        progress.step(_("Building the search index …"))
        cache.save_search_state(index_site(folder, pages=search_pages(site),
                                           previous=options.output, last=last))
    return index


def search_pages(site: Site) -> list[str]:
    """The output paths of the pages the search index holds (the content pages)."""
    return [path for path, _ in page_outputs(site)]
