"""The command line: ``civicsite [build|check|serve] …``; exit 0 ok, 1 content errors, 2 usage."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from .build import BuildOptions, run
from .errors import Diagnostics

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date written YYYY-MM-DD')


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
        s.add_argument("--date", type=_date, help="build date YYYY-MM-DD (default: "
                       "SOURCE_DATE_EPOCH or today)")
        s.add_argument("--drafts", action="store_true", help="also publish pages with draft: true")
    for s in (build, serve):
        s.add_argument("--output", default="site", help="output folder (default: site)")
        s.add_argument("--base-url", help="override base_url of site.yaml")
    serve.add_argument("--port", type=int, default=8000)
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--options]` means build
    args = parser().parse_args(argv)
    output = getattr(args, "output", None) if args.command != "check" else None
    problem = _check_folders(args.content, output)
    if problem:
        return _usage_error(problem)
    options = BuildOptions(args.content, Path(output) if output else None,
                           getattr(args, "base_url", None), args.date, args.drafts, args.strict)
    if args.command == "serve":
        from .serve import serve
        return serve(options, args.port, args.host)
    diag = Diagnostics()
    try:
        site = run(options, diag)
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
    for line in diag.report(strict=args.strict, notes=args.command == "check"):
        print(line, file=sys.stderr)
    if site is None:
        n = len(diag.report(strict=args.strict))
        print(f"civicsite: {n} problem{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    if output:
        n = len(site.pages)
        print(f"civicsite: built {n} page{'s' if n != 1 else ''} into {output}", file=sys.stderr)
    return EXIT_OK
