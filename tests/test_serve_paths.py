"""The dev server serves only files whose real path is inside the output folder (no ``..``, no
encoded ``%2e%2e``, no link leading out), listens on 127.0.0.1 unless ``--host`` says otherwise,
answers only requests addressed to it (a foreign ``Host``, as DNS rebinding sends, gets 403),
and loads its live-reload client as a file (the site's CSP refuses inline scripts)."""
from __future__ import annotations

import http.client
import os
from pathlib import Path
import shutil
import socket
import subprocess
import sys
import time

import pytest

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOPSECRET-beside-the-output"
ESCAPES = [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt", "/static/../../secret.txt", "/static/%2e%2e/%2e%2e/secret.txt",
    "/..%5csecret.txt", "/./../secret.txt", "//../secret.txt", "/%252e%252e/secret.txt",
    "/ut-link.txt", "/ut-mapp/secret.txt", "/ut-mapp/", "/etc-link/hostname",
    "/" + str(Path("/etc/hostname")), "/..", "/../",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(host: str, port: int, path: str) -> tuple[int, bytes]:
    """The path sent exactly as written (no client-side normalisation)."""
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _request_as(host: str, port: int, path: str, host_header: str) -> tuple[int, dict, bytes]:
    """A GET sent to ``host:port`` carrying ``Host: host_header``."""
    conn = http.client.HTTPConnection(host, port, timeout=5)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host_header)
        conn.putheader("Origin", "http://evil.example")
        conn.endheaders()
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _listening(port: int) -> set[str]:
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def _start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen, int, str]:
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", tmp_path / "content")
    port = _free_port()
    host = extra[extra.index("--host") + 1] if "--host" in extra else "127.0.0.1"
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--content", "content",
                             "--output", "site", "--port", str(port), "--date", "2024-06-01", *extra],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # bounded wait for the first build and the listener
        try:
            if _request(host, port, "/")[0] == 200:
                return proc, port, host
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("the dev server did not start: " + proc.communicate()[0])


@pytest.fixture()
def server(tmp_path):
    proc, port, host = _start(tmp_path)
    yield tmp_path, port, host
    proc.terminate()
    proc.communicate(timeout=10)


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_only_files_inside_the_output_are_served(server):
    tmp_path, port, host = server
    (tmp_path / "secret.txt").write_text(SECRET)
    (tmp_path / "ute").mkdir()
    (tmp_path / "ute" / "secret.txt").write_text(SECRET)
    site = tmp_path / "site"
    os.symlink(tmp_path / "secret.txt", site / "ut-link.txt")
    os.symlink(tmp_path / "ute", site / "ut-mapp")
    os.symlink("/etc", site / "etc-link")
    os.symlink("index.html", site / "inne-link.html")  # a link inside the output is fine

    assert _listening(port) == {"0100007F"}
    assert _request(host, port, "/")[0] == 200
    assert _request(host, port, "/inne-link.html")[0] == 200
    for path in ESCAPES:
        status, body = _request(host, port, path)
        assert SECRET.encode() not in body and b"root:" not in body, path
        assert 400 <= status < 500, (path, status)


def test_live_reload_client_is_a_file_not_an_inline_script(server):
    _, port, host = server
    status, body = _request(host, port, "/")
    html = body.decode("utf-8")
    assert status == 200
    assert '<script src="/__civicsite/reload.js" data-generation=' in html
    assert html.count("<script") == html.count("<script src=") + html.count('<script type="application/')
    status, js = _request(host, port, "/__civicsite/reload.js")
    assert status == 200 and b"EventSource" in js


FOREIGN = ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}", "127.0.0.1",
           "127.0.0.1:{other}", "localhost", "", "127.0.0.1:{port}.evil.example"]


def test_only_requests_addressed_to_the_preview_are_answered(server):
    _, port, host = server
    for name in FOREIGN:
        header = name.format(port=port, other=port + 1)
        for path in ("/", "/__civicsite/events", "/__civicsite/reload.js", "/static/", "/x/",
                     "/sitemap.xml"):
            status, headers, body = _request_as(host, port, path, header)
            assert status == 403, (header, path, status)
            assert b"Hallstahammar" not in body and b"<html" not in body.lower()
            assert "access-control-allow-origin" not in headers
    for header in (f"127.0.0.1:{port}", f"localhost:{port}", f"LocalHost:{port}"):
        status, headers, body = _request_as(host, port, "/", header)
        assert status == 200, header
        assert "access-control-allow-origin" not in headers


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_host_option_chooses_the_address(tmp_path):
    proc, port, host = _start(tmp_path, "--host", "127.0.0.2")
    try:
        assert _listening(port) == {"0200007F"}
        assert _request("127.0.0.2", port, "/")[0] == 200
        assert _request_as("127.0.0.2", port, "/", f"127.0.0.2:{port}")[0] == 200
        assert _request_as("127.0.0.2", port, "/", f"evil.example:{port}")[0] == 403
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
