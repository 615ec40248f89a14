"""A content folder in which every free-text field, file name and Markdown body carries script,
markup and template payloads. Every payload that runs calls ``pwn(tag)`` (or alert), so a test
can see which field leaked. The site is valid: it must build, and show the payloads as text.
(The raw HTML in the bodies is warned about, as the sanitiser removes it: it builds without
``--strict``; its images have alt text, which every build requires.)"""
from __future__ import annotations

from pathlib import Path

from image_files import png
import yaml

TEMPLATE_MARK = "{{ 7*191 }}"  # evaluated it would show 1337
EVALUATED = "1337"


def payload(tag: str) -> str:
    """One line that escapes attributes, elements, scripts and templates, if anything lets it."""
    return (f"\"'><script>pwn('{tag}')</script><img src=x onerror=\"pwn('{tag}')\">"
            f"<svg onload=pwn('{tag}')></svg></script><!-- ]]> {TEMPLATE_MARK} {{% print 1 %}} "
            f"${{pwn('{tag}')}} \u2028 {tag}")


BODY = """Text {tag} med [en länk](https://www.example.se/"onmouseover="pwn('{tag}-md-link')) och
<script>pwn('{tag}-raw-script')</script> <img src=x alt="" onerror="pwn('{tag}-raw-img')">
<svg><script>pwn('{tag}-svg')</script></svg> <iframe srcdoc="<script>parent.pwn('{tag}-iframe')</script>"></iframe>
<details open ontoggle="pwn('{tag}-details')"><summary>x</summary></details>
<style>body{{background:url("javascript:pwn('{tag}-css')")}}</style>
<form action="https://evil.example"><button formaction="https://evil.example">x</button></form>
<object data="bild.png"></object><embed src="bild.png"><base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=https://evil.example">
<math><mtext><table><mglyph><style><img src=x alt="" onerror="pwn('{tag}-mxss')">
<noscript><p title="</noscript><img src=x alt=x onerror=pwn('{tag}-noscript')>"></noscript>

Stycke med attribut {{: onclick="pwn('{tag}-attr')" }}

<div class="x" onmouseover="pwn('{tag}-div')" style="position:fixed;inset:0">täcker allt</div>

`<script>pwn('{tag}-code')</script>` och {TEMPLATE_MARK} och {{% raw %}}{{{{ x }}}}{{% endraw %}}

```html
<script>pwn('{tag}-fence')</script>
```

![bild <img src=x alt=x onerror=pwn('{tag}-alt')>](bild.png "titel\\" onerror=\\"pwn('{tag}-title')")
"""

ASSET = "dokument\"><img src=x onerror=pwn('filename')>.pdf"


def write_payload_site(content: Path) -> None:
    """Write the payload site into ``content`` (which must not exist)."""
    content.mkdir(parents=True)
    (content / "bild.png").write_bytes(png())
    (content / ASSET).write_bytes(b"%PDF-1.4\n%%EOF\n")
    p = payload

    def dump(name: str, data) -> None:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")

    def page(name: str, front: dict, tag: str) -> None:
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(f"---\n{text}---\n{BODY.format(tag=tag, TEMPLATE_MARK=TEMPLATE_MARK)}"
                                    "\n::: contact kundcenter\n\n::: hours kundcenter\n",
                                    encoding="utf-8")

    dump("site.yaml", {
        "title": p("site.title"), "description": p("site.description"),
        "base_url": "https://naringsliv.example.se/", "language": "sv",
        "organisation": {"name": p("organisation.name"), "url": "https://www.example.se/?a=\"'><script>pwn('org-url')</script>"},
        "footer": {"contacts": ["kundcenter"], "hours": ["kundcenter"]},
        "more_sites": [{"title": p("more_sites.title"), "url": "https://www.example.se/\"onclick=\"pwn('more')"}],
    })
    dump("contacts.yaml", {
        "kundcenter": {"name": p("contact.name"), "title": p("contact.title"), "kind": "office",
                       "phone": "0220-24000", "email": "kundcenter@example.se",
                       "visiting_address": p("contact.visiting"), "postal_address": p("contact.postal"),
                       "url": "https://www.example.se/'onmouseover='pwn(1)'", "hours": "kundcenter"},
        "anna": {"name": p("person.name"), "title": p("person.title"), "kind": "person",
                 "email": "anna@example.se"},
    })
    dump("hours.yaml", {"kundcenter": {
        "title": p("hours.title"),
        "seasons": [{"name": p("season.name"), "from": "01-01", "to": "12-31",
                     "week": {"mån-fre": "08.00-16.00"}}],
        "closed_on_holidays": True,
        "exceptions": [{"date": "2026-12-23", "hours": "08.00-12.00", "note": p("exception.note")}],
        "notes": [p("hours.note")],
    }})
    common = {"summary": p("summary"), "date": "2026-01-15", "tags": [p("tag")],
              "image": {"src": "bild.png", "alt": p("image.alt"), "caption": p("image.caption"),
                        "credit": p("image.credit")},
              "contacts": ["kundcenter", "anna"], "hours": ["kundcenter"],
              "related": [{"title": p("related.title"), "url": "https://www.example.se/\"><script>pwn('rel')</script>"}],
              "reviewed": {"date": "2026-01-20", "by": p("reviewed.by")},
              "quotes": [{"text": p("quote.text"), "name": p("quote.name"), "role": p("quote.role"),
                          "organisation": p("quote.organisation")}]}
    page("index.md", {"title": p("home.title"), **common}, "home")
    page("strategi.md", {"kind": "strategy", "title": p("strategy.title"), **common,
                         "period": {"start": 2024, "end": 2028}, "status": "adopted",
                         "adopted": {"date": "2025-03-15", "by": p("adopted.by")},
                         "focus_areas": [{"title": p("focus.title"), "text": p("focus.text")}],
                         "documents": [{"title": p("document.title"), "src": ASSET}]}, "strategy")
    page("workshop.md", {"kind": "workshop", "title": p("workshop.title"), **common,
                         "event": {"start": "2027-03-02T08:00", "end": "2027-03-02T10:00",
                                   "location": p("event.location"), "attendance": "offline"},
                         "topics": [p("topic")], "organisations": [p("organisation")],
                         "attendees": {"count": 40, "approximate": True},
                         "next_steps": p("next_steps"),
                         "documents": [{"title": p("workshop.document"), "src": ASSET}]}, "workshop")
    page("sprint.md", {"kind": "sprint", "title": p("sprint.title"), **common,
                       "event": {"start": "2027-05-18", "location": p("sprint.location"),
                                 "attendance": "offline"},
                       "visits": {"planned": 30, "completed": 28},
                       "signup": {"url": "https://www.example.se/anmalan?x=</script><script>pwn('signup')</script>",
                                  "deadline": "2027-05-01"},
                       "participants": {"title": p("participants.title"),
                                        "people": ["anna", {"name": p("participant.name"),
                                                            "title": p("participant.title")}]}},
         "sprint")
    page("tillganglighet.md", {"kind": "accessibility", "title": p("a11y.title"),
                               "summary": p("a11y.summary"), "compliance": "partial",
                               "non_compliant": [{"what": p("nc.what"), "reason": p("nc.reason"),
                                                  "alternative": p("nc.alternative")}],
                               "assessed": {"date": "2026-01-10", "method": p("assessed.method")},
                               "updated": "2026-01-12",
                               "feedback": {"email": "kundcenter@example.se", "phone": "0220-24000",
                                            "url": "https://www.example.se/\"onclick=\"pwn('fb')"}},
         "a11y")
