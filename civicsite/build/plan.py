"""The incremental decision, made before anything is rendered: which output files stay as the
last build wrote them and which pages must be rendered again.

Each page's HTML has a *render key*: a digest of its body and of everything site-wide that any
page may show (site.yaml, the data files, every page's front matter, the content files, the
engine's code and templates, the options and the build date). The site-wide files (listings,
feeds, calendars …) share one key, the site-wide digest alone. A file whose key is the one the
last build recorded, and which is still as that build wrote it, is reused."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

from civicsite.build.cache import CacheState
from civicsite.build.options import BuildOptions
from civicsite.content.parses import PageParses
from civicsite.content.site import Site
from civicsite.core.digest import digest
from civicsite.output.write import Spare
from civicsite.render.site import page_outputs

SITE_OUTPUTS = "site outputs"  # the render key of every file render.site.site_outputs makes
Stat = tuple[int, int]  # (size, modification time) as output.write.output_files gives them


@dataclass(frozen=True)
class BuildPlan:
    """What one build reuses, renders and replaces."""

    keys: Mapping[str, str]            # page output path → render key; SITE_OUTPUTS → site-wide
    reuse: frozenset[str]              # page outputs kept as the last build wrote them
    todo: tuple[int, ...]              # indices in site.pages of the pages to render
    site_files: Optional[tuple[str, ...]]  # the last build's site-wide files, all kept; None: make
    # the output folder as the last build wrote it, where it was not walked for this plan (a
    # spare is updated): a reused file that is no longer so (edited by hand) is made again
    previous: Optional[Mapping[str, Stat]]
    spare: Optional[Spare]             # what the spare folder beside the output holds
    replaced: Optional[Spare]          # what the output this build replaces holds (the next spare)

    def key_of(self, path: str) -> Optional[str]:
        """An output file's render key: a page's own, else the one of every site-wide file."""
        return self.keys.get(path, self.keys.get(SITE_OUTPUTS))


def render_keys(site: Site, parses: PageParses, options: BuildOptions, inputs: Mapping[str, str],
                code: str) -> dict[str, str]:
    """Output path → a digest of everything its HTML may depend on (see the module docstring)."""
    site_wide = digest(code, repr((options.base_url, options.drafts, options.search,
                                   site.build_date.isoformat(), options.admin)),
                       *(p.source.key for p in site.pages),  # drafts, schedules
                       *(f"{rel}={d}" for rel, d in sorted(inputs.items())
                         if not rel.lower().endswith(".md")),
                       *(f"{rel}={parsed.front_matter}"
                         for rel, parsed in sorted(parses.by_file.items())))
    keys = {path: digest(site_wide, page.source.key, parses.by_file[page.source.key].body)
            for path, page in page_outputs(site)}
    keys[SITE_OUTPUTS] = site_wide
    return keys


def plan_build(site: Site, keys: Mapping[str, str], last: CacheState,
               written: Mapping[str, Stat], current: Optional[Mapping[str, Stat]]) -> BuildPlan:
    """The plan from this build's render keys (empty: no cache, render everything), the last
    build's state, what it wrote into the output folder that is there (``written``), and that
    folder as it is now (``current``; None when the spare folder will be updated instead)."""
    def as_written(path: str) -> bool:
        return path in written and (current is None or written[path] == current.get(path))

    pages = [path for path, _ in page_outputs(site)]
    reuse = frozenset(p for p in pages if p in keys and last.rendered.get(p) == keys[p]
                      and as_written(p))
    site_files = None
    if SITE_OUTPUTS in keys and last.site_files and \
            last.rendered.get(SITE_OUTPUTS) == keys[SITE_OUTPUTS] and \
            all(as_written(p) for p in last.site_files):
        site_files = tuple(last.site_files)
    return BuildPlan(keys, reuse, tuple(i for i, p in enumerate(pages) if p not in reuse),
                     site_files, previous=written if current is None else None, spare=last.spare,
                     replaced=Spare(_output_keys(last), written) if written else None)


def _output_keys(state: CacheState) -> dict[str, str]:
    """The render key of every file a build wrote (pages and site-wide files)."""
    site_wide = state.rendered.get(SITE_OUTPUTS)
    keys = {path: key for path, key in state.rendered.items() if path != SITE_OUTPUTS}
    if site_wide is not None:
        keys.update((path, site_wide) for path in state.site_files if path not in keys)
    return keys
