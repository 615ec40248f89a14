"""site.yaml ``admin:``: where the admin at /admin/ (``build --admin``) saves what editors write —
the repository, its branch and how editors sign in. Set up once by the kommun's IT."""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional

import yaml

from civicsite.core import fields as F
from civicsite.core.fields import Ctx, Field, Fields, Record, with_schema
from civicsite.core.messages import N_, _

BACKENDS = ("github", "gitlab")
REPO = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")  # OWNER/REPO, or group/subgroup/project


@dataclass(frozen=True)
class AdminSettings:
    """Where the CMS commits and how editors sign in (docs/deploy.md, "Redigera i webbläsaren")."""

    backend: str                    # github | gitlab
    repo: str                       # OWNER/REPO (GitHub) or group/project (GitLab)
    branch: str = "main"
    auth_url: Optional[str] = None  # GitHub: the OAuth client's address; GitLab: its server
    app_id: Optional[str] = None    # GitLab: the OAuth application's id (PKCE, no secret)
    api_root: Optional[str] = None  # GitHub Enterprise or a self-managed GitLab: its API
    review: bool = True             # editorial workflow: publish through a pull/merge request


@with_schema({"type": "string", "pattern": "^" + REPO.pattern + "$",
              "examples": ["kommun/naringsliv"]})
def repository(node: yaml.Node, ctx: Ctx) -> Optional[str]:
    value = F.text(node, ctx)
    if value is not None and not REPO.fullmatch(value):
        ctx.error(_('"{value}" is not a repository; write it as owner/name, for example '
                    "kommun/naringsliv", value=value))
        return None
    return value


ADMIN = Record("admin", {
    "backend": Field(F.one_of(*BACKENDS), required=True, description="Var innehållet finns: "
                     "github eller gitlab", hint=N_("github or gitlab")),
    "repo": Field(repository, required=True, description="Repositoriet, t.ex. kommun/naringsliv",
                  hint=N_("for example `repo: kommun/naringsliv`")),
    "branch": Field(F.text, description="Grenen som publiceras (standard: main)"),
    "auth_url": Field(F.url, description="GitHub: adressen till inloggningstjänsten (OAuth-klienten); "
                      "GitLab: GitLab-serverns adress om den inte är gitlab.com"),
    "app_id": Field(F.text, description="GitLab: applikationens id (Application ID) för inloggning "
                    "med PKCE"),
    "api_root": Field(F.url, description="GitHub Enterprise eller egen GitLab: API-adressen, t.ex. "
                      "https://gitlab.kommun.se/api/v4"),
    "review": Field(F.boolean, description="true (standard): ändringar granskas och publiceras "
                    "som en pull/merge request; false: sparas direkt"),
}, description="Redigering i webbläsaren (/admin/): repositoriet och inloggningen")


@with_schema(ADMIN)
def admin_settings(node: yaml.Node, ctx: Ctx) -> Optional[AdminSettings]:
    """``admin:`` in site.yaml; GitLab needs ``app_id`` (editors sign in with PKCE)."""
    f = Fields.of(node, ctx, ADMIN)
    if f is None:
        return None
    backend, repo = f.get("backend"), f.get("repo")
    app_id = f.get("app_id")
    if backend == "gitlab" and app_id is None and "app_id" not in f.misspelt:
        ctx.key("app_id").error(_("GitLab sign-in needs the id of the OAuth application; add "
                                  "`app_id:` (docs/deploy.md, \"Redigera i webbläsaren\")"))
        return None
    if backend is None or repo is None:
        return None
    return AdminSettings(backend, repo, f.get("branch", default="main"), f.get("auth_url"),
                         app_id, f.get("api_root"), f.get("review", default=True))
