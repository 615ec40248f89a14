"""deploy/: the CI workflows are valid for their CI systems (structure asserted here, and the
JSON schemas that check-jsonschema vendors for GitHub workflows and GitLab CI), and the nginx
configuration passes ``nginx -t`` and, run on free ports over the built example site, answers
with the headers, pretty URLs, 404 page, gzip and caching it promises.

nginx comes from Debian (scripts/test.sh installs nginx-light): skipped when missing outside CI,
a failure in CI.
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
GITHUB = DEPLOY / "github" / "pages.yml"
GITLAB = DEPLOY / "gitlab" / "gitlab-ci.yml"
NGINX = DEPLOY / "nginx" / "civicsite.conf"
BIN = Path(sys.executable).parent


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps_run(steps: list[dict]) -> str:
    return "\n".join(s.get("run", "") for s in steps)


# ---- GitHub Actions --------------------------------------------------------------------------

def test_github_workflow_structure():
    wf = load(GITHUB)
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    (nightly,) = on["schedule"]
    minute, hour, day, month, weekday = nightly["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    for action in ("actions/checkout", "actions/setup-python", "actions/configure-pages",
                   "actions/cache", "actions/upload-pages-artifact"):
        assert action in uses
    run = steps_run(build["steps"])
    assert "pip install ." in run
    check = run.index("civicsite check"), run.index("civicsite build")
    assert check[0] < check[1], "check before build"
    assert re.search(r"civicsite check .*--strict", run)
    assert "--base-url \"${{ steps.pages.outputs.base_url }}/\"" in run
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".civicsite-cache"  # never the output or the spare
    # scoped to the branch that deploys: restored only from a cache of the same ref
    assert cache["with"]["key"].startswith("civicsite-${{ runner.os }}-${{ github.ref }}-")
    assert cache["with"]["restore-keys"] == "civicsite-${{ runner.os }}-${{ github.ref }}-"
    step = next(s for s in build["steps"] if "civicsite build" in s.get("run", ""))
    assert step["env"] == {"CIVICSITE_CACHE_KEY": "${{ secrets.CIVICSITE_CACHE_KEY }}"}
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "public" and "--output public" in run
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# ---- GitLab CI -------------------------------------------------------------------------------

def test_gitlab_ci_structure():
    ci = load(GITLAB)
    pages = ci["pages"]
    script = "\n".join(pages["script"])
    assert script.index("pip install .") < script.index("civicsite check") < script.index("civicsite build")
    assert re.search(r"civicsite check .*--strict", script)
    assert "--output public" in script and '--base-url "${SITE_URL:-$CI_PAGES_URL/}"' in script
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["stage"] in ci["stages"] and ci["check"]["stage"] in ci["stages"]
    # caches only in the job of the default branch, under keys of its branch
    assert "cache" not in ci and "cache" not in ci["check"]
    assert [c["paths"] for c in pages["cache"]] == [[".civicsite-cache/"], [".cache/pip"]]
    assert all(c["key"].endswith("-$CI_COMMIT_REF_SLUG") for c in pages["cache"])
    assert "CIVICSITE_CACHE_KEY" in GITLAB.read_text(encoding="utf-8")  # a protected variable
    assert "Pipeline schedules" in GITLAB.read_text(encoding="utf-8")  # nightly: set in the UI


# ---- JSON schemas vendored by check-jsonschema -----------------------------------------------

def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    exe = shutil.which("check-jsonschema", path=str(BIN))
    assert exe, "check-jsonschema is a test dependency (pip install -e '.[test]')"
    return subprocess.run([exe, "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", GITHUB),
                                          ("vendor.gitlab-ci", GITLAB)])
def test_workflow_is_valid_for_its_ci_schema(schema, path):
    r = check_jsonschema(schema, path)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("schema, path, old, new", [
    ("vendor.github-workflows", GITHUB, "runs-on: ubuntu-latest", "runs_on: ubuntu-latest"),
    ("vendor.gitlab-ci", GITLAB, "  artifacts:\n    paths:\n      - public", "  artifacts: public"),
])
def test_schema_check_catches_a_broken_workflow(tmp_path, schema, path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / path.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert check_jsonschema(schema, broken).returncode != 0


# ---- nginx -----------------------------------------------------------------------------------

def nginx_binary() -> str:
    exe = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing (scripts/test.sh installs nginx-light; CI=true: required)")
        pytest.skip("nginx is not installed")
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    """deploy/nginx/civicsite.conf with test ports, a self-signed certificate and the built example
    site as root, inside a minimal nginx.conf; (https base, http base, site folder, config)."""
    exe = nginx_binary()
    work = tmp_path_factory.mktemp("nginx")
    site = work / "site"
    from civicsite.cli import main
    assert main(["build", "--content", str(ROOT / "content"), "--output", str(site),
                 "--date", "2026-11-25", "--base-url", "https://naringsliv.example.se/"]) == 0
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=naringsliv.example.se", "-keyout", str(work / "key.pem"),
                    "-out", str(work / "cert.pem")], check=True, capture_output=True, timeout=60)
    http, https = free_port(), free_port()
    server = NGINX.read_text(encoding="utf-8")
    for old, new in [("listen 80;", f"listen 127.0.0.1:{http};"), ("listen [::]:80;", ""),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
                     ("listen [::]:443 ssl http2;", ""),
                     ("/etc/letsencrypt/live/naringsliv.example.se/fullchain.pem", str(work / "cert.pem")),
                     ("/etc/letsencrypt/live/naringsliv.example.se/privkey.pem", str(work / "key.pem")),
                     ("root /var/www/naringsliv;", f"root {site};")]:
        assert old in server, old
        server = server.replace(old, new)
    (work / "site.conf").write_text(server, encoding="utf-8")
    mime = "/etc/nginx/mime.types"
    conf = work / "nginx.conf"
    conf.write_text(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 64; }}
http {{
    {"include " + mime + ";" if Path(mime).exists() else ""}
    access_log off;
    client_body_temp_path {work}/tmp;
    proxy_temp_path {work}/tmp;
    fastcgi_temp_path {work}/tmp;
    uwsgi_temp_path {work}/tmp;
    scgi_temp_path {work}/tmp;
    include {work}/site.conf;
}}
""", encoding="utf-8")
    (work / "tmp").mkdir()
    test = subprocess.run([exe, "-t", "-p", str(work), "-c", str(conf)], capture_output=True,
                          text=True, timeout=60)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([exe, "-p", str(work), "-c", str(conf)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", https), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}", site, conf
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, headers: dict | None = None):
    """(status, headers, body) without following redirects, trusting the test certificate."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=context))
    request = urllib.request.Request(url, headers={"Host": "naringsliv.example.se", **(headers or {})})
    try:
        with opener.open(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def test_nginx_t_accepts_the_config(nginx):
    *_, conf = nginx
    r = subprocess.run([nginx_binary(), "-t", "-p", str(conf.parent), "-c", str(conf)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "test is successful" in r.stderr, r.stderr


def test_nginx_serves_pretty_urls_with_security_headers(nginx):
    https, http, site, _ = nginx
    status, headers, body = get(https + "/naringslivsstrategi/")
    assert status == 200 and b"<h1>" in body
    assert body == (site / "naringslivsstrategi" / "index.html").read_bytes()
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cache-Control"] == "no-cache"  # HTML: revalidated every time
    status, headers, _ = get(https + "/naringslivsstrategi")
    assert status == 301 and headers["Location"] == "/naringslivsstrategi/"
    status, headers, _ = get(http + "/naringslivsstrategi/")
    assert status == 301 and headers["Location"] == "https://naringsliv.example.se/naringslivsstrategi/"


def test_nginx_sends_the_security_headers_of_the_sites_headers_file(nginx):
    """The same headers, with the same values, as _headers (render/security.py): on pages,
    files, the 404 page and redirects; the policy lets the search compile its WebAssembly."""
    from civicsite.render.security import HEADER_CSP, HEADERS
    https, _, site, _ = nginx
    css = next(p.name for p in (site / "static").iterdir() if p.name.startswith("site."))
    for path in ("/", "/naringslivsstrategi/", f"/static/{css}", "/finns/inte/", "/sok"):
        status, headers, _ = get(https + path)
        for name, value in HEADERS:
            assert headers.get_all(name) == [value], (path, name)
    assert "'wasm-unsafe-eval'" in HEADER_CSP and "frame-ancestors 'none'" in HEADER_CSP
    headers_file = (site / "_headers").read_text(encoding="utf-8")
    assert all(f"  {name}: {value}\n" in headers_file for name, value in HEADERS)


@pytest.mark.browser
def test_search_works_in_chromium_behind_nginx(nginx):
    """The site as nginx serves it, policy and all: a search finds the strategy, and the
    browser reports no policy violation (the worker compiles Pagefind's WebAssembly)."""
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing at /usr/bin/chromium")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import expect, sync_playwright
    https, *_ = nginx
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium)
        try:
            context = browser.new_context(ignore_https_errors=True)
            context.add_init_script("""window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));""")
            page = context.new_page()
            console = []
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            response = page.goto(https + "/sok/?q=n%C3%A4ringslivsstrategi", wait_until="load")
            expect(page.locator("#search-status")).to_contain_text("träff", timeout=20000)
            assert "wasm-unsafe-eval" in response.headers["content-security-policy"]
            hrefs = page.locator("#search-results li h2 a").evaluate_all(
                "els => els.map(a => a.getAttribute('href'))")
            assert "/naringslivsstrategi/" in hrefs, hrefs
            assert page.evaluate("() => window.__violations") == []
            assert [m for m in console if "Content Security Policy" in m or "Refused" in m] == []
        finally:
            browser.close()


def test_nginx_caches_fingerprinted_files_for_a_year(nginx):
    https, _, site, _ = nginx
    hashed = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                    if re.search(r"\.[0-9a-f]{8}\.(css|js|png)$", p.name))
    assert any(h.endswith(".css") for h in hashed) and any(h.endswith(".png") for h in hashed)
    for path in hashed:
        status, headers, _ = get(f"{https}/{path}")
        assert status == 200, path
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", path
        assert "Content-Security-Policy" in headers  # the location does not drop server headers
    for path in ("feed.xml", "kontakt/kundcenter.vcf", "sitemap.xml"):
        status, headers, _ = get(f"{https}/{path}")
        assert status == 200 and headers["Cache-Control"] == "no-cache", path
    assert get(f"{https}/kontakt/kundcenter.vcf")[1]["Content-Type"].startswith("text/vcard")


def test_nginx_404_gzip_and_host_files(nginx):
    https, _, site, _ = nginx
    status, headers, body = get(https + "/finns/inte/")
    assert status == 404 and body == (site / "404.html").read_bytes()
    assert "Content-Security-Policy" in headers
    for hidden in ("/_headers", "/_redirects"):
        assert get(https + hidden)[0] == 404
    css = next(p for p in (site / "static").iterdir() if p.name.startswith("site.") and p.suffix == ".css")
    status, headers, body = get(f"{https}/static/{css.name}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == css.read_bytes()


# ---- the admin (civicsite build --admin) -----------------------------------------------------

def test_workflows_install_the_pinned_admin_and_annotate_problems():
    wf = load(GITHUB)
    build = wf["jobs"]["build"]
    run = steps_run(build["steps"])
    assert run.index("npm ci --prefix admin --omit=dev") < run.index("civicsite build")
    assert re.search(r"civicsite build .*--admin", run)
    assert "--format json > problems.json" in run
    assert "python -m civicsite.editor.ci_report github < problems.json" in run
    on = wf[True] if True in wf else wf["on"]
    assert on["pull_request"]["branches"] == ["main"]  # the admin's reviews are pull requests
    assert wf["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"
    ci = load(GITLAB)
    assert ci["admin"]["image"].startswith("node:")
    assert "npm ci --prefix admin --omit=dev" in " ".join(ci["admin"]["script"])
    assert ci["admin"]["artifacts"]["paths"] == ["admin/node_modules/decap-cms/dist/"]
    assert ci["pages"]["needs"] == ["admin"]
    assert re.search(r"civicsite build .*--admin", "\n".join(ci["pages"]["script"]))
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "ci_report gitlab" in "\n".join(ci["check"]["script"])


def test_nginx_gives_the_admin_its_own_policy():
    from civicsite.render.security import admin_csp

    text = NGINX.read_text(encoding="utf-8")
    block = text[text.index("location /admin/ {"):]
    block = block[:block.index("}")]
    assert f'add_header Content-Security-Policy "{admin_csp()}; frame-ancestors \'none\'" always;' \
        in block
    assert block.count("add_header") == 6 and "try_files $uri $uri/ =404;" in block
