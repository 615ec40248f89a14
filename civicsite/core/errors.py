"""One error type for every content mistake, and the collector that gathers them."""
from __future__ import annotations

from dataclasses import dataclass, field
import difflib
import re
from typing import Iterable

from civicsite.core.messages import _, n_


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem in the content, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str
    level: str = "error"  # error | warning (an error with --strict) | note (never fails)

    @property
    def warning(self) -> bool:
        return self.level == "warning"

    def format(self) -> str:
        kind = {"error": "", "warning": _("warning") + ": ", "note": _("note") + ": "}[self.level]
        fld = (_one_line(self.field) or _("file")) + ": "  # always path:line: field: message
        return f"{self.path}:{self.line}: {kind}{fld}{_one_line(self.message)}"


# Everything str.splitlines() splits on: one problem is one line for any reader.
_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*")


def _one_line(text: str) -> str:
    """``found "a\nb"`` as ``found "a b"``."""
    return _BREAKS.sub(" ", text).strip() if _BREAKS.search(text) else text


def _natural_key(err: ContentError) -> tuple:
    parts = tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", err.path))
    return (parts, err.line, err.field, err.message)


@dataclass(eq=False)  # compared and hashed by identity: models that keep a Ctx stay hashable
class Diagnostics:
    """Collects every error and warning of one build; nothing is raised for content mistakes."""

    items: list[ContentError] = field(default_factory=list)

    def error(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(ContentError(path, max(line, 1), field_name, message))

    def warn(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(ContentError(path, max(line, 1), field_name, message, "warning"))

    def note(self, path: str, line: int, field_name: str, message: str) -> None:
        self.items.append(ContentError(path, max(line, 1), field_name, message, "note"))

    @property
    def errors(self) -> list[ContentError]:
        return sorted({e for e in self.items if e.level == "error"}, key=_natural_key)

    @property
    def warnings(self) -> list[ContentError]:
        return sorted({e for e in self.items if e.level == "warning"}, key=_natural_key)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def problems(self, strict: bool = False, notes: bool = False) -> list[ContentError]:
        """Each problem once, sorted; with ``strict`` warnings are errors; notes only when asked."""
        problems = [e for e in self.items if notes or e.level != "note"]
        if strict:
            problems = [ContentError(e.path, e.line, e.field, e.message,
                                     "error" if e.level == "warning" else e.level) for e in problems]
        return sorted(set(problems), key=_natural_key)

    def report(self, strict: bool = False, notes: bool = False) -> list[str]:
        """Lines to print: :meth:`problems` formatted."""
        return [e.format() for e in self.problems(strict, notes)]


def warnings_summary(diag: Diagnostics) -> list[str]:
    """How a build that succeeded with warnings ends, so that none reaches citizens unseen: the
    count, what to do, then each warning (printed here, not before: it stays the last thing on
    the screen, below any progress)."""
    warnings = diag.warnings
    if not warnings:
        return []
    return [n_("civicsite: {n} warning: the site was built, but fix it before you publish "
               "(`build --strict` stops on warnings):",
               "civicsite: {n} warnings: the site was built, but fix them before you publish "
               "(`build --strict` stops on warnings):", len(warnings))] + \
        [w.format() for w in warnings]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice close enough to ``word`` to be what was meant, if any."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` when a choice is close to ``word``, else an empty string."""
    close = closest(word, choices)
    return _(' (did you mean "{choice}"?)', choice=close) if close else ""
