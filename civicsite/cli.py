"""The command line: ``civicsite [build|check|serve|new|schema] …``; exit 0 ok, 1 content errors,
2 usage."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from pathlib import Path
import re
import sys
from typing import NoReturn, Optional, Sequence

from civicsite.build.cache import default_cache_folder
from civicsite.build.options import BuildOptions, BuildResult, build_moment
from civicsite.build.pipeline import run
from civicsite.core import messages, progress
from civicsite.core.errors import Diagnostics, did_you_mean, warnings_summary
from civicsite.core.messages import _, n_
from civicsite.core.parallel import default_jobs
from civicsite.output.search import SearchIndexError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
PREVIEW_OUTPUT = Path(".civicsite-preview") / "site"  # serve's own folder, beside site/


def command() -> str:
    """The command as the editor runs it, for the lines that suggest the next one."""
    return "civicsite" if Path(sys.argv[0]).name == "civicsite" else "python3 build.py"


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
    raise argparse.ArgumentTypeError(_('"{value}" is not a date written YYYY-MM-DD (or '
                                       'YYYY-MM-DDTHH:MM)', value=value))


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(_('"{value}" is not a number of processes (1 or more)',
                                           value=value))
    return int(value)


class _Parser(argparse.ArgumentParser):
    """argparse, with its own complaints said again in the editor's language (argparse has
    no Swedish) and without a usage block: one line, and where to find the options."""

    def error(self, message: str) -> NoReturn:
        print(_("civicsite: error: {problem}", problem=_usage_message(message)), file=sys.stderr)
        print(_("civicsite: `{help}` lists the commands and their options",
                help=command() + " --help"), file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _usage_message(message: str) -> str:
    """One of argparse's messages in the editor's language."""
    if m := re.fullmatch(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", message):
        choices = re.findall(r"'([^']*)'", m[3])
        what = {"command": _("the command"), "kind": _("the page kind")}.get(m[1], m[1])
        return _('"{value}" is not one of the choices for {what}: {choices}', value=m[2],
                 what=what, choices=", ".join(choices)) + did_you_mean(m[2], choices)
    if m := re.fullmatch(r"unrecognized arguments: (.*)", message):
        return _("unknown option or argument: {arguments}", arguments=m[1])
    if m := re.fullmatch(r"argument (\S+): expected one argument", message):
        return _("{option} needs a value after it", option=m[1])
    if m := re.fullmatch(r"argument (\S+): invalid int value: '(.*)'", message):
        return _('{option}: "{value}" is not a whole number', option=m[1], value=m[2])
    if m := re.fullmatch(r"the following arguments are required: (.*)", message):
        return _("missing: {arguments}", arguments=m[1])
    if m := re.fullmatch(r"argument (\S+): (.*)", message):  # our own types' messages
        return f"{m[1]}: {m[2]}"
    return message


def _base_url(value: str) -> str:
    """An address on one line: it is written into robots.txt, feeds, calendars and vCards."""
    if re.search(r"[\s\x00-\x1f\x7f-\x9f]", value):
        raise argparse.ArgumentTypeError(_(
            '"{value}" is not an address: it contains a space, a line break or a control '
            "character", value=value.encode("unicode_escape").decode("ascii")))
    return value


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="civicsite", description=_(
        "Build a municipality's business pages from Markdown and YAML. With no command: build "
        "content/ into site/."))
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=messages.LANGUAGES, help=_(
        "language of the messages: sv (default) or en; also CIVICSITE_LANG"))
    p.add_argument("--lang", choices=messages.LANGUAGES, help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command")
    build = sub.add_parser("build", parents=[lang], help=_("validate and build a content folder"))
    check = sub.add_parser("check", parents=[lang],
                           help=_("validate a content folder without writing anything"))
    serve = sub.add_parser("serve", parents=[lang], help=_(
        "preview: build into a folder of its own, serve it on 127.0.0.1 and show every save"))
    for s in (build, check, serve):
        s.add_argument("--content", default="content", help=_("content folder (default: content)"))
        s.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
        s.add_argument("--date", type=_date, help=_("build date YYYY-MM-DD or YYYY-MM-DDTHH:MM "
                                                    "(default: SOURCE_DATE_EPOCH or now)"))
        s.add_argument("--jobs", type=_jobs, default=default_jobs(), help=_(
            "processes for parsing and rendering (default: one per core)"))
    for s in (build, check):
        s.add_argument("--drafts", action="store_true", help=_("also publish pages with draft: true"))
    build.add_argument("--output", default="site", help=_("output folder (default: site)"))
    serve.add_argument("--output", help=_(
        "folder to build the preview into (default: {folder}; never the published site/ unless "
        "given here)", folder=PREVIEW_OUTPUT.as_posix()))
    for s in (build, serve):
        s.add_argument("--base-url", type=_base_url, help=_("override base_url of site.yaml"))
        s.add_argument("--cache", help=_("cache folder for incremental builds (default: "
                                         ".civicsite-cache beside the output folder)"))
        s.add_argument("--no-cache", action="store_true",
                       help=_("build everything from scratch, and keep no cache"))
        s.add_argument("--no-search", dest="search", action="store_false", help=_(
            "do not build the search index (the search page then says search is unavailable)"))
        s.add_argument("--admin", action="store_true", help=_(
            "also write the admin (Decap CMS) at admin/; needs `npm ci --prefix admin --omit=dev`"))
    serve.add_argument("--port", type=int, default=8000, help=_(
        "port to serve on (default: 8000; the next free one when it is taken)"))
    serve.add_argument("--host", default="127.0.0.1", help=_(
        "address to listen on (default: 127.0.0.1, this computer only; the preview shows drafts)"))
    check.add_argument("--format", choices=("text", "json"), default="text", help=_(
        "json: the problems as a JSON array on stdout (path, line, field, message, level)"))
    from civicsite.content.kinds import KINDS
    new = sub.add_parser("new", parents=[lang],
                         help=_("create a page file with a front-matter skeleton to fill in"))
    new.add_argument("kind", choices=KINDS, help=_("the page kind"))
    new.add_argument("title", help=_("the page title; the file name (URL) is made from it"))
    new.add_argument("--content", default="content", help=_("content folder (default: content)"))
    schema = sub.add_parser("schema", parents=[lang], help=_(
        "write JSON Schemas of the front matter and data files (for validation and completion "
        "in editors)"))
    schema.add_argument("--output", default="schemas",
                        help=_("folder to write into (default: schemas)"))
    return p


def _usage_error(message: str) -> int:
    print(_("civicsite: error: {problem}", problem=message), file=sys.stderr)
    return EXIT_USAGE


def _check_folders(content: str, output: Optional[str]) -> Optional[str]:
    c = Path(content)
    if not c.is_dir():
        return _('content folder "{folder}" does not exist or is not a folder', folder=content)
    if output is None:
        return None
    o, cr = Path(output).resolve(), c.resolve()
    if o.exists() and not o.is_dir():
        return _('output "{folder}" exists and is not a folder', folder=output)
    if o == cr or o in cr.parents:
        return _('output folder "{folder}" may not be the content folder or contain it',
                 folder=output)
    if cr in o.parents:
        return _('output folder "{folder}" may not be inside the content folder "{content}"',
                 folder=output, content=content)
    if o == Path(o.anchor) or o == Path.home():
        return _('refusing to use "{folder}" as output folder: the build replaces it completely',
                 folder=output)
    return None


def _check_cache(cache: Path, content: str, output: str) -> Optional[str]:
    c, o, k = Path(content).resolve(), Path(output).resolve(), cache.resolve()
    if k.exists() and not k.is_dir():
        return _('cache "{folder}" exists and is not a folder', folder=cache)
    for folder, problem in (
            (c, _('the cache folder "{folder}" may not be inside the content folder or contain it',
                  folder=cache)),
            (o, _('the cache folder "{folder}" may not be inside the output folder or contain it',
                  folder=cache))):
        if k == folder or folder in k.parents or k in folder.parents:
            return problem
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
        return _usage_error(_('content folder "{folder}" does not exist or is not a folder',
                              folder=args.content))
    path = target(Path(args.content), args.kind, args.title)
    if path is None:
        return _usage_error(_('the title "{title}" gives no file name; use letters or digits in it',
                              title=args.title))
    try:
        create(Path(args.content), args.kind, args.title, default_build_date())
    except FileExistsError:
        print(_("civicsite: error: {path} already exists; nothing was written (choose another "
                "title, or edit the existing file)", path=path), file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:
        print(_("civicsite: error: could not write {path}: {reason}", path=path,
                reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_CONTENT
    print(_("civicsite: created {path}; replace every FYLL I: value, then preview with `{serve}` "
            "and publish by setting `draft: false`", path=path, serve=command() + " serve"),
          file=sys.stderr)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from civicsite.editor.schema import write_schemas

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        return _usage_error(_('output "{folder}" exists and is not a folder', folder=args.output))
    try:
        written = write_schemas(out)
    except OSError as exc:
        print(_("civicsite: error: could not write {path}: {reason}", path=exc.filename or out,
                reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_CONTENT
    print(_("civicsite: wrote {n} schemas into {folder}", n=len(written), folder=out),
          file=sys.stderr)
    return EXIT_OK


def _options(args: argparse.Namespace) -> BuildOptions | int:
    """The build's options, or the exit code of a usage error."""
    output = None
    if args.command == "build":
        output = args.output
    elif args.command == "serve":
        output = args.output or PREVIEW_OUTPUT.as_posix()
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
    return BuildOptions(args.content, Path(output) if output else None,
                        getattr(args, "base_url", None), day, getattr(args, "drafts", False),
                        args.strict, args.jobs, cache, build_time=moment,
                        search=getattr(args, "search", False),
                        admin=getattr(args, "admin", False))


def _serve(args: argparse.Namespace, options: BuildOptions) -> int:
    from civicsite.serve import serve

    if args.output:
        print(_("civicsite: the preview is built into {folder}, with drafts; build the site with "
                "`{build}` before publishing that folder", folder=args.output,
                build=command() + " build"), file=sys.stderr)
    else:
        print(_("civicsite: the preview is built into {folder} (the published site/ is not "
                "touched)", folder=PREVIEW_OUTPUT.as_posix()), file=sys.stderr)
    try:
        return serve(options, args.port, args.host)
    except OSError as exc:  # no free port, an address that is not this computer's
        print(_("civicsite: error: cannot serve on {host}:{port} ({reason})", host=args.host,
                port=args.port, reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_USAGE


def _counts(diag: Diagnostics, strict: bool) -> tuple[int, int]:
    problems = diag.problems(strict)
    errors = sum(1 for p in problems if p.level == "error")
    return errors, sum(1 for p in problems if p.level == "warning")


def _summary(args: argparse.Namespace, options: BuildOptions, result: Optional[BuildResult],
             diag: Diagnostics) -> str:
    """The last line: what was done, or how many problems stopped it."""
    errors, warnings = _counts(diag, args.strict)
    some_warnings = n_("{n} warning", "{n} warnings", warnings)
    if result is None:
        some_errors = n_("{n} error", "{n} errors", errors)
        found = _("{errors} and {warnings}", errors=some_errors, warnings=some_warnings) \
            if warnings else some_errors
        if args.command == "check":
            return _("civicsite: {found} found; fix them and check again", found=found)
        return _("civicsite: {found}; nothing was published, {folder} is as it was",
                 found=found, folder=args.output)
    pages = n_("{n} page", "{n} pages", result.pages)
    if args.command == "check":
        line = _("civicsite: no errors found in {pages}", pages=pages)
    elif result.unchanged:
        line = _("civicsite: nothing changed; {folder} is up to date ({pages})",
                 folder=args.output, pages=pages)
    elif options.cache is not None and result.rendered < result.pages:
        line = _("civicsite: built {pages} into {folder} ({rendered} rendered, {unchanged} "
                 "unchanged)", pages=pages, folder=args.output, rendered=result.rendered,
                 unchanged=result.pages - result.rendered)
    else:
        line = _("civicsite: built {pages} into {folder}", pages=pages, folder=args.output)
    if warnings and args.command == "check":  # a build lists them after this line
        line += _("; {warnings} (see above): fix before publishing; check --strict fails on "
                  "warnings", warnings=some_warnings)
    return line


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    messages.set_language_from(argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")
                    and not argv[0].startswith("--lang")):
        argv = ["build", *argv]  # `python3 build.py [--options]` means build
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args([*argv, "build"])
    if args.command == "new":
        return _new(args)
    if args.command == "schema":
        return _schema(args)
    options = _options(args)
    if isinstance(options, int):
        return options
    if args.command == "serve":
        return _serve(args, options)
    diag = Diagnostics()
    try:
        result = run(options, diag) if args.command != "check" else _check(options, diag)
    except SearchIndexError as exc:  # a setup problem: say what, no traceback
        progress.clear()
        print(_("civicsite: error: search index: {reason}; nothing was written", reason=exc),
              file=sys.stderr)
        return EXIT_CONTENT
    except OSError as exc:  # a disk problem, not a content mistake: say what, no traceback
        progress.clear()
        print(_("civicsite: error: could not read or write {path}: {reason}",
                path=exc.filename or "", reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:  # a bug in civicsite: editors get one line, developers the traceback
        if os.environ.get("CIVICSITE_DEBUG"):
            raise
        progress.clear()
        error = f"{type(exc).__name__}: {exc}"
        print(_("civicsite: internal error ({error}); this is a bug in civicsite, not in your "
                "content. Nothing was written. Run with CIVICSITE_DEBUG=1 for details.",
                error=error), file=sys.stderr)
        return EXIT_CONTENT
    progress.clear()
    if getattr(args, "format", "text") == "json":
        print(json.dumps([{"path": e.path, "line": e.line, "field": e.field, "message": e.message,
                           "level": e.level} for e in diag.problems(args.strict, notes=True)],
                         ensure_ascii=False, indent=2))
    else:  # a build that succeeds prints its warnings last, in warnings_summary
        closing = warnings_summary(diag) if result is not None and options.output else []
        for problem in diag.problems(strict=args.strict, notes=args.command == "check"):
            if not (closing and problem.warning):
                print(problem.format(), file=sys.stderr)
        print(_summary(args, options, result, diag), file=sys.stderr)
        for line in closing:
            print(line, file=sys.stderr)
    return EXIT_OK if result is not None else EXIT_CONTENT


def console_main() -> None:
    """The command line (``civicsite``, ``python build.py``): ``main``, tuned for one run.

    At the end the process leaves without freeing its objects one by one (a second at 10,000
    pages): everything is written and flushed by then (``serve`` has stopped its server), and
    the operating system takes the memory back."""
    progress.enable(sys.stderr)
    code = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
