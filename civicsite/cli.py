"""The command line: ``civicsite [build|check|serve|new|schema] …``; exit 0 ok, 1 content errors,
2 usage."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
from pathlib import Path
import sys
from typing import Optional, Sequence

from civicsite.build.cache import default_cache_folder
from civicsite.build.options import BuildOptions, BuildResult, build_moment
from civicsite.build.pipeline import run
from civicsite.core.errors import Diagnostics, warnings_summary
from civicsite.core.parallel import default_jobs
from civicsite.output.search import SearchIndexError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _date(value: str) -> dt.date | dt.datetime:
    """YYYY-MM-DD, or YYYY-MM-DDTHH:MM (Stockholm time) for publish_date/expiry_date times."""
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None and len(value) >= 16 and value[10] in "T ":
            return moment
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f'"{value}" is not a date written YYYY-MM-DD '
                                     "(or YYYY-MM-DDTHH:MM)")


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f'"{value}" is not a number of processes (1 or more)')
    return int(value)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="civicsite", description="Build a municipality's business "
                                "pages from Markdown and YAML. With no command: build content/ into site/.")
    sub = p.add_subparsers(dest="command")
    build = sub.add_parser("build", help="validate and build a content folder")
    check = sub.add_parser("check", help="validate a content folder without writing anything")
    serve = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on every change")
    for s in (build, check, serve):
        s.add_argument("--content", default="content", help="content folder (default: content)")
        s.add_argument("--strict", action="store_true", help="treat warnings as errors")
        s.add_argument("--date", type=_date, help="build date YYYY-MM-DD or YYYY-MM-DDTHH:MM "
                       "(default: SOURCE_DATE_EPOCH or now)")
        s.add_argument("--drafts", action="store_true", help="also publish pages with draft: true")
    for s in (build, check, serve):
        s.add_argument("--jobs", type=_jobs, default=default_jobs(),
                       help="processes for parsing and rendering (default: one per core)")
    for s in (build, serve):
        s.add_argument("--output", default="site", help="output folder (default: site)")
        s.add_argument("--base-url", help="override base_url of site.yaml")
        s.add_argument("--cache", help="cache folder for incremental builds (default: "
                       ".civicsite-cache beside the output folder)")
        s.add_argument("--no-cache", action="store_true",
                       help="build everything from scratch, and keep no cache")
        s.add_argument("--no-search", dest="search", action="store_false",
                       help="do not build the search index (the search page then says search is unavailable)")
    serve.add_argument("--port", type=int, default=8000)
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: a JSON array of {path, line, field, message, level} on stdout")
    from civicsite.content.kinds import KINDS
    new = sub.add_parser("new", help="create a page file with a front-matter skeleton to fill in")
    new.add_argument("kind", choices=KINDS, help="the page kind")
    new.add_argument("title", help="the page title; the file name (URL) is made from it")
    new.add_argument("--content", default="content", help="content folder (default: content)")
    schema = sub.add_parser("schema", help="write JSON Schemas of the front matter and data files "
                            "(for validation and completion in editors)")
    schema.add_argument("--output", default="schemas", help="folder to write into (default: schemas)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                       "127.0.0.1, this computer only; the preview may show drafts)")
    return p


def _usage_error(message: str) -> int:
    print(f"civicsite: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _check_folders(content: str, output: Optional[str]) -> Optional[str]:
    c = Path(content)
    if not c.is_dir():
        return f'content folder "{content}" does not exist or is not a folder'
    if output is None:
        return None
    o, cr = Path(output).resolve(), c.resolve()
    if o.exists() and not o.is_dir():
        return f'output "{output}" exists and is not a folder'
    if o == cr or o in cr.parents:
        return f'output folder "{output}" may not be the content folder or contain it'
    if cr in o.parents:
        return f'output folder "{output}" may not be inside the content folder "{content}"'
    if o == Path(o.anchor) or o == Path.home():
        return f'refusing to use "{output}" as output folder: the build replaces it completely'
    return None


def _check_cache(cache: Path, content: str, output: str) -> Optional[str]:
    c, o, k = Path(content).resolve(), Path(output).resolve(), cache.resolve()
    if k.exists() and not k.is_dir():
        return f'cache "{cache}" exists and is not a folder'
    for folder, name in ((c, "content"), (o, "output")):
        if k == folder or folder in k.parents or k in folder.parents:
            return f'the cache folder "{cache}" may not be inside the {name} folder or contain it'
    return None


def _check(options: BuildOptions, diag: Diagnostics):
    """Validate like build, then the checks for readers (anchors, alt text, headings)."""
    from civicsite.content.load import load_site
    from civicsite.editor.lint import lint_site

    build_date, build_time = build_moment(options)
    site = load_site(options.content, diag, build_date,
                     options.drafts, options.base_url, build_time, jobs=options.jobs)
    if site is not None:
        lint_site(site, diag, anchors=not diag.errors)  # anchors need rendering: valid content
    return None if site is None or diag.failed(options.strict) else BuildResult(len(site.pages))


def _new(args: argparse.Namespace) -> int:
    from civicsite.core.clock import default_build_date
    from civicsite.editor.new_page import create, target

    if not Path(args.content).is_dir():
        return _usage_error(f'content folder "{args.content}" does not exist or is not a folder')
    path = target(Path(args.content), args.kind, args.title)
    if path is None:
        return _usage_error(f'the title "{args.title}" gives no file name; use letters or digits in it')
    try:
        create(Path(args.content), args.kind, args.title, default_build_date())
    except FileExistsError:
        print(f"civicsite: error: {path} already exists; nothing was written (choose another "
              "title, or edit the existing file)", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(f"civicsite: error: could not write {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_CONTENT
    print(f"civicsite: created {path}; replace every FYLL I: value, then preview with "
          f"`python build.py serve` and publish by setting `draft: false`", file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from civicsite.editor.schema import write_schemas

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        return _usage_error(f'output "{args.output}" exists and is not a folder')
    try:
        written = write_schemas(out)
    except OSError as exc:
        print(f"civicsite: error: could not write {exc.filename or out}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_CONTENT
    print(f"civicsite: wrote {len(written)} schemas into {out}", file=sys.stderr)
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--options]` means build
    args = parser().parse_args(argv)
    if args.command == "new":
        return _new(args)
    if args.command == "schema":
        return _schema(args)
    output = getattr(args, "output", None) if args.command != "check" else None
    problem = _check_folders(args.content, output)
    if problem:
        return _usage_error(problem)
    cache = None
    if output and not args.no_cache:
        cache = Path(args.cache) if args.cache else default_cache_folder(Path(output))
        problem = _check_cache(cache, args.content, output)
        if problem:
            return _usage_error(problem)
    moment = args.date if isinstance(args.date, dt.datetime) else None
    day = moment.date() if moment else args.date
    options = BuildOptions(args.content, Path(output) if output else None,
                           getattr(args, "base_url", None), day, args.drafts, args.strict,
                           args.jobs, cache, build_time=moment, search=getattr(args, "search", False))
    if args.command == "serve":
        from civicsite.serve import serve
        return serve(options, args.port, args.host)
    diag = Diagnostics()
    try:
        result = run(options, diag) if args.command != "check" else _check(options, diag)
    except SearchIndexError as exc:  # a setup problem: say what, no traceback
        print(f"civicsite: error: search index: {exc}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:  # a disk problem, not a content mistake: say what, no traceback
        print(f"civicsite: error: could not read or write {exc.filename or ''}: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:  # a bug in civicsite: editors get one line, developers the traceback
        if os.environ.get("CIVICSITE_DEBUG"):
            raise
        print(f"civicsite: internal error ({type(exc).__name__}: {exc}); this is a bug in civicsite, "
              "not in your content. Nothing was written. Run with CIVICSITE_DEBUG=1 for details.",
              file=sys.stderr)
        return EXIT_CONTENT
    if getattr(args, "format", "text") == "json":
        print(json.dumps([{"path": e.path, "line": e.line, "field": e.field, "message": e.message,
                           "level": e.level} for e in diag.problems(args.strict, notes=True)],
                         ensure_ascii=False, indent=2))
    else:  # a build that succeeds prints its warnings last, in warnings_summary
        closing = warnings_summary(diag) if result is not None and output else []
        for problem in diag.problems(strict=args.strict, notes=args.command == "check"):
            if not (closing and problem.warning):
                print(problem.format(), file=sys.stderr)
    if result is None:
        n = len(diag.report(strict=args.strict))
        print(f"civicsite: {n} problem{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    if output:
        n = result.pages
        what = f"{n} page{'s' if n != 1 else ''}"
        if result.unchanged:
            print(f"civicsite: nothing changed; {output} is up to date ({what})", file=sys.stderr)
        elif options.cache is not None and result.rendered < n:
            print(f"civicsite: built {what} into {output} ({result.rendered} rendered, "
                  f"{n - result.rendered} unchanged)", file=sys.stderr)
        else:
            print(f"civicsite: built {what} into {output}", file=sys.stderr)
        for line in closing:
            print(line, file=sys.stderr)
    return EXIT_OK


def console_main() -> None:
    """The command line (``civicsite``, ``python build.py``): ``main``, tuned for one run.

    The collector's default thresholds make it scan the whole site again and again while a
    large site is read (a third of loading a 10,000-page cache); here it runs far less often.
    At the end the process leaves without freeing its objects one by one (a second at 10,000
    pages): everything is written and flushed by then (``serve`` has stopped its server), and
    the operating system takes the memory back."""
    gc.set_threshold(50_000, 50, 100)
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
