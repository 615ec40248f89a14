"""``civicsite serve``: build, serve on 127.0.0.1 only, rebuild and reload the browser on change.
A broken edit prints its errors and keeps serving the last good build."""
from __future__ import annotations

import sys
from dataclasses import replace

from .build import run
from .options import BuildOptions, default_build_date
from .errors import Diagnostics
from .render import TEMPLATES

HOST = "127.0.0.1"  # never all interfaces: the preview may show drafts


def rebuild(options: BuildOptions) -> bool:
    """One build with its problems printed; True when the output was replaced."""
    diag = Diagnostics()
    site = run(replace(options, build_date=options.build_date or default_build_date()), diag)
    for line in diag.report(strict=options.strict):
        print(line, file=sys.stderr)
    print("civicsite: rebuilt" if site else "civicsite: errors; still serving the last good build",
          file=sys.stderr)
    return site is not None


def serve(options: BuildOptions, port: int) -> int:
    from livereload import Server

    rebuild(options)
    server = Server()
    for folder in (options.content, str(TEMPLATES)):
        server.watch(f"{folder}/**/*", lambda: rebuild(options), delay=0.3)
    print(f"civicsite: serving http://{HOST}:{port}/ (Ctrl+C stops)", file=sys.stderr)
    server.serve(host=HOST, port=port, root=str(options.output), open_url=False)
    return 0
