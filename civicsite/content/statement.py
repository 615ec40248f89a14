"""kind: accessibility — the accessibility statement (tillgänglighetsredogörelse) the law on
accessibility to digital public services (2018:1937, "DOS-lagen") requires of every public-sector
site, in the form Digg's regulations (MDFFS 2019:2) and template give it.

Required, because the law or Digg's regulations require the statement to say it: whether the site
is fully, partially or not compliant (`compliance`), what is not compliant and why when it is not
fully so (`non_compliant`), how and when the site was assessed (`assessed.date`,
`assessed.method`), when the statement was last updated (`updated`), and how to report problems
(`feedback`: e-mail, phone or a form). The link to Digg's reporting form is always shown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import yaml

from civicsite.contacts.model import Phone, email, phone
from civicsite.core import fields as F
from civicsite.core.fields import Ctx, Field, Fields, Record
from civicsite.core.messages import N_, _

COMPLIANCE = ("full", "partial", "none")


@dataclass(frozen=True)
class NonCompliance:
    """One part of the site that does not meet the requirements."""

    what: str
    reason: Optional[str]
    alternative: Optional[str]


@dataclass(frozen=True)
class Accessibility:
    """kind: accessibility (tillgänglighetsredogörelse)."""

    compliance: Optional[str]  # full | partial | none
    non_compliant: tuple[NonCompliance, ...]
    assessed_date: Optional[dt.date]
    assessed_method: Optional[str]
    updated: Optional[dt.date]
    feedback_email: Optional[str]
    feedback_phone: Optional[Phone]
    feedback_url: Optional[str]


ASSESSED = Record("assessed", {
    "date": Field(F.date, required=True, description="Dagen för granskningen",
                  hint=N_("the day the site was assessed, for example `date: 2026-03-20`")),
    "method": Field(F.text, required=True, description="Hur webbplatsen granskades",
                    hint=N_("how the site was assessed, for example `method: Egen granskning "
                            "av webbplatsen` (Digg's template asks for it)")),
})
FEEDBACK = Record("feedback", {"email": Field(email, description="E-post för synpunkter"),
                               "phone": Field(phone, description="Telefon för synpunkter"),
                               "url": Field(F.url, description="Webbformulär för synpunkter")},
                  extra={"anyOf": [{"required": ["email"]}, {"required": ["phone"]},
                                   {"required": ["url"]}]})
NON_COMPLIANCE = Record("non-compliance", {
    "what": Field(F.text, required=True, description="Vad som inte uppfyller kraven"),
    "reason": Field(F.text, description="Varför"),
    "alternative": Field(F.text, description="Hur man får innehållet på annat sätt"),
})
STATEMENT = Record("accessibility", {
    "compliance": Field(F.one_of(*COMPLIANCE), required=True,
                        description="full, partial (delvis) eller none (krävs enligt lag)",
                        hint=N_("the law requires the statement to say whether the site is "
                                "fully, partially or not compliant: `compliance: full`, "
                                "`partial` or `none`")),
    "non_compliant": Field(F.list_of(NON_COMPLIANCE),
                           description="Kända brister: [{what, reason, alternative}]; krävs när "
                           "compliance är partial eller none"),
    "assessed": Field(ASSESSED, required=True, description="Granskningen: {date, method} (krävs)",
                      hint=N_("say how and when the site was assessed: `assessed:` with "
                              "`date:` and `method:` (Digg's template asks for both)")),
    "updated": Field(F.date, required=True,
                     description="Dagen då redogörelsen senast uppdaterades (krävs)",
                     hint=N_("the day the statement was last updated, for example "
                             "`updated: 2026-03-20` (Digg's template asks for it)")),
    "feedback": Field(FEEDBACK, required=True,
                      description="Hur man meddelar brister: {email, phone, url} (krävs)",
                      hint=N_("say how visitors report problems: `feedback:` with `email:`, "
                              "`phone:` or `url:` (the law requires a way to report them)")),
})


def accessibility(f: Fields) -> Accessibility:
    """The statement's own fields; a missing required one is an error naming it (see the
    module docstring for why each is required)."""
    assessed_date = method = fb_email = fb_phone = fb_url = None
    if (a := _sub(f, "assessed", ASSESSED)) is not None:
        assessed_date, method = a.get("date"), a.get("method")
    if (b := _sub(f, "feedback", FEEDBACK)) is not None:
        fb_email, fb_phone, fb_url = b.get("email"), b.get("phone"), b.get("url")
        if not b.names():
            f.sub("feedback").error(_("give at least one way to report problems: `email:`, "
                                      "`phone:` or `url:` (the law requires one)"))
    compliance = f.get("compliance")
    shortcomings = tuple(f.get("non_compliant", F.list_of(_item), default=[]))
    if compliance in ("partial", "none") and "non_compliant" not in f:
        f.sub("compliance").error(_(
            "a site that is {compliance} compliant must list what is not (the law requires it): "
            "add `non_compliant:` with `what:`, `reason:` and, where there is one, "
            "`alternative:`", compliance=_("partially") if compliance == "partial" else _("not")))
    return Accessibility(compliance, shortcomings, assessed_date, method, f.get("updated"),
                         fb_email, fb_phone, fb_url)


def _sub(f: Fields, name: str, record: Record) -> Optional[Fields]:
    """A nested mapping's fields; a required one that is missing is reported with its hint."""
    node = f.get(name, lambda node, ctx: node)
    return Fields.of(node, f.sub(name), record) if node is not None else None


def _item(node: yaml.Node, ctx: Ctx) -> Optional[NonCompliance]:
    x = Fields.of(node, ctx, NON_COMPLIANCE)
    what = x.get("what") if x else None
    return NonCompliance(what, x.get("reason"), x.get("alternative")) if what else None
