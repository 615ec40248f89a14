"""``civicsite serve``: build, serve on 127.0.0.1 only, rebuild and reload the browser on change.
A broken edit prints its errors and keeps serving the last good build."""
from __future__ import annotations

import os
import sys
from dataclasses import replace

from .build import BuildOptions, default_build_date, run
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


def serve(options: BuildOptions, port: int, host: str = HOST) -> int:
    from livereload import Server

    rebuild(options)
    server = Server()
    server.SFH = _output_only_handler()
    _same_origin_reload_script(port)
    for folder in (options.content, str(TEMPLATES)):
        server.watch(f"{folder}/**/*", lambda: rebuild(options), delay=0.3)
    print(f"civicsite: serving http://{host}:{port}/ (Ctrl+C stops)", file=sys.stderr)
    server.serve(host=host, port=port, root=str(options.output), open_url=False)
    return 0


def _output_only_handler():
    """Tornado's static handler checks the path but not where links lead: a file is served only
    when its real path is inside the real output folder."""
    from livereload.handlers import StaticFileHandler
    from tornado.web import HTTPError

    class OutputOnly(StaticFileHandler):
        def validate_absolute_path(self, root: str, absolute_path: str):
            real_root, real = os.path.realpath(root), os.path.realpath(absolute_path)
            if real != real_root and not real.startswith(real_root + os.sep):
                raise HTTPError(404)
            return super().validate_absolute_path(root, absolute_path)
    return OutputOnly


def _same_origin_reload_script(port: int) -> None:
    """livereload puts an inline <script> into every page, which the site's Content-Security-
    Policy refuses; load its client as a same-origin file instead (it reads the port from its URL)."""
    import livereload.server as lr

    class ExternalScript(lr.LiveScriptInjector):
        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            self.script = f'<script src="/livereload.js?port={int(port)}"></script>'.encode()
            return super().transform_first_chunk(status_code, headers, chunk, finishing)
    lr.LiveScriptInjector = ExternalScript
