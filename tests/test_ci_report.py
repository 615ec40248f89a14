"""check --format json turned into CI annotations: GitHub workflow commands and a GitLab Code
Quality report, with the messages as check writes them."""
from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

from civicsite.editor.ci_report import github, gitlab

ROOT = Path(__file__).resolve().parents[1]
PROBLEMS = [
    {"path": "content/a.md", "line": 4, "field": "image", "level": "error",
     "message": "en bild behöver `alt:`, 50% klart"},
    {"path": "content/b, c.md", "line": 1, "field": "", "level": "warning",
     "message": "rad ett\nrad två"},
]


def test_github_workflow_commands():
    assert github(PROBLEMS).splitlines() == [
        "::error file=content/a.md,line=4,title=image::en bild behöver `alt:`, 50%25 klart",
        "::error file=content/b%2C c.md,line=1,title=civicsite::rad ett%0Arad två",
    ]
    assert github(PROBLEMS, strict=False).splitlines()[1].startswith("::warning ")
    assert github([]) == ""


def test_gitlab_code_quality_report():
    report = json.loads(gitlab(PROBLEMS))
    assert [(r["location"], r["severity"], r["description"]) for r in report] == [
        ({"path": "content/a.md", "lines": {"begin": 4}}, "major",
         "image: en bild behöver `alt:`, 50% klart"),
        ({"path": "content/b, c.md", "lines": {"begin": 1}}, "major", "rad ett\nrad två")]
    assert len({r["fingerprint"] for r in report}) == 2


def test_from_check_on_the_command_line(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: T\norganisation: {name: K}\n", encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: Hem\nimage: {src: x.png}\n---\nText\n",
                                      encoding="utf-8")
    check = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", str(content),
                            "--format", "json", "--strict"], capture_output=True, text=True)
    out = subprocess.run([sys.executable, "-m", "civicsite.editor.ci_report", "github"],
                         input=check.stdout, capture_output=True, text=True)
    assert out.returncode == 0
    assert any(line.startswith("::error file=") and ",line=3,title=image" in line
               for line in out.stdout.splitlines()), out.stdout
