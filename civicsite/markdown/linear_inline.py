"""Python-Markdown's inline step without copying the whole text for every match.

For every match of an inline pattern the stock step builds the text again (the part before, a
placeholder, the part after) and searches the new text from just past the placeholder; the
tree step then adds the pieces of text between placeholders to an element one by one
(``text += piece``). Both copy the whole text per match, so a paragraph of many matches (20,000
``&#106;``) takes time growing with the square of its length. Here a pattern's matches are
searched in the text as it was, the pieces kept in a list and joined once, and the pieces
between placeholders are joined once too: linear, with the same HTML.

That is the same only for a pattern that reads nothing of the text before its match: its
``handleMatch`` is one of Python-Markdown's own that read from the match on (``LINEAR``), and
what its regex reads before the place it is tried (a look-behind, ``\\b``) is checked after each
placeholder: where the placeholder would answer otherwise than the text it replaces, the text
is built as the stock step builds it. Any other pattern (emphasis, whose ``handleMatch`` keeps
positions between calls; an extension's) goes through the stock method. Nothing here is used
unless the stock methods have the shape this was written against (``fits``).
"""
from __future__ import annotations

from functools import lru_cache
import re
from types import SimpleNamespace
from typing import Optional

from markdown import inlinepatterns as ip
from markdown import util
from markdown.extensions import footnotes
from markdown.treeprocessors import InlineProcessor

from civicsite.markdown.regex_chars import looking_back

# Pattern classes whose handleMatch reads the text only from the match on, keeps nothing between
# calls and returns the match's own start: their matches may be searched in the text as it was.
LINEAR: frozenset[type] = frozenset({
    ip.SimpleTextInlineProcessor, ip.EscapeInlineProcessor, ip.SimpleTagInlineProcessor,
    ip.SubstituteTagInlineProcessor, ip.DoubleTagInlineProcessor, ip.BacktickInlineProcessor,
    ip.HtmlInlineProcessor, ip.LinkInlineProcessor, ip.ImageInlineProcessor,
    ip.ReferenceInlineProcessor, ip.ShortReferenceInlineProcessor,
    ip.ImageReferenceInlineProcessor, ip.ShortImageReferenceInlineProcessor,
    ip.AutolinkInlineProcessor, ip.AutomailInlineProcessor, footnotes.FootnoteInlineProcessor,
})
# The names the stock methods this module stands in for use (Python-Markdown 3.6 to 3.11): another
# shape means another behaviour, and the stock methods are used as they are.
APPLY_NAMES = (
    "isinstance", "inlinepatterns", "InlineProcessor", "ANCESTOR_EXCLUDES", "lower", "ancestors",
    "getCompiledRegExp", "finditer", "handleMatch", "end", "match", "start", "str", "text",
    "util", "AtomicString", "list", "isString", "append", "tag", "_InlineProcessor__handleInline",
    "pop", "tail", "_InlineProcessor__stashNode", "type", "format", "len", "group", "groups")
PLACEHOLDERS_NAMES = (
    "find", "_InlineProcessor__placeholder_prefix", "_InlineProcessor__findPlaceholder",
    "stashed_nodes", "get", "isinstance", "str", "list", "tail", "strip",
    "_InlineProcessor__processElementText", "text", "append", "ancestors", "len", "util",
    "AtomicString")
Backward = tuple[int, tuple["re.Pattern[str]", ...]]  # (characters read before, the tests)


@lru_cache(maxsize=1)
def fits() -> bool:
    """Whether the stock inline step is the one this module was written against: its methods'
    names, and a search that goes on just past the placeholder of the match before (older
    Python-Markdown searches from the start again, which the linear pass would not repeat)."""
    apply = getattr(InlineProcessor, "_InlineProcessor__applyPattern", None)
    place = getattr(InlineProcessor, "_InlineProcessor__processPlaceholders", None)
    if apply is None or place is None or apply.__code__.co_names != APPLY_NAMES \
            or place.__code__.co_names != PLACEHOLDERS_NAMES:
        return False
    step = InlineProcessor(SimpleNamespace(inlinePatterns=None))  # needs no Markdown
    step.stashed_nodes, step.ancestors = {}, []
    data, matched, index = apply(step, ip.SimpleTextInlineProcessor(r"(x)"), "axb", 0, 0)
    return matched and index == data.index("b")


def linear(pattern) -> Optional[Backward]:
    """What the regex of a pattern of a ``LINEAR`` class reads before where it is tried; None
    for a pattern whose matches must be found the stock way."""
    if type(pattern) not in LINEAR or "handleMatch" in vars(pattern):
        return None
    return looking_back(pattern.getCompiledRegExp())


class LinearInlineProcessor(InlineProcessor):
    """The stock inline step with the linear pass for one pattern and the linear linking of
    the text between placeholders (see the module's docstring)."""

    def _linear_pass(self, pattern, index: int, data: str, back: Backward) -> tuple[str, bool]:
        """Every match of ``pattern`` in ``data``, as the stock step's calls of __applyPattern
        from the start until one fails: (the new text, whether any matched)."""
        for exclude in pattern.ANCESTOR_EXCLUDES:
            if exclude.lower() in self.ancestors:
                return data, False
        regex, pieces, done, pos, matched = pattern.getCompiledRegExp(), [], 0, 0, False
        while True:  # data[:done] is in pieces, with the placeholders the stock text has there
            for m in regex.finditer(data, pos):
                node, start, end = pattern.handleMatch(m, data)
                if start is not None and end is not None:
                    break
            else:
                break
            matched = True
            if not done <= start <= end:  # not a span of the text ahead (a link's end of -1):
                data, start, end = _as_stock(pieces, data, done, start, end)  # stock from here
                pieces, done = [], 0
            if node is None:
                pos = end
                continue
            self._inline_children(node, index)
            placeholder = self._InlineProcessor__stashNode(node, pattern.type())
            if start > end:  # the stock text, cut where the stock step cuts it
                data, pos = data[:start] + placeholder + data[end:], start + len(placeholder)
                continue
            pieces += (data[done:start], placeholder)
            done = pos = end
            if back[0] and not _reads_alike(back, pieces, data, done):
                data, _, pos = _as_stock(pieces, data, done, done, done)  # searched from here
                pieces, done = [], 0
        if not pieces:
            return data, matched
        pieces.append(data[done:])
        return "".join(pieces), True

    def _inline_children(self, node, index: int) -> None:
        """The stock step's work on a matched element's own text and tails."""
        if isinstance(node, str) or isinstance(node.text, util.AtomicString):
            return
        for child in [node] + list(node):
            if child.text:
                self.ancestors.append(child.tag.lower())
                child.text = self._InlineProcessor__handleInline(child.text, index + 1)
                self.ancestors.pop()
            if child.tail:
                child.tail = self._InlineProcessor__handleInline(child.tail, index)

    def _InlineProcessor__processPlaceholders(self, data, parent, isText=True):
        """The stock method, with the text between placeholders joined once where it goes
        (the stock one adds each piece to the element's text or tail, copying it each time)."""
        if not fits():
            return super()._InlineProcessor__processPlaceholders(data, parent, isText)
        result: list = []
        pending: list[str] = []

        def link_pending() -> None:
            if not pending:
                return
            text = pending[0] if len(pending) == 1 else "".join(pending)
            pending.clear()
            if result:
                result[-1][0].tail = result[-1][0].tail + text if result[-1][0].tail else text
            elif not isText:
                parent.tail = parent.tail + text if parent.tail else text
            else:
                parent.text = parent.text + text if parent.text else text

        prefix = util.INLINE_PLACEHOLDER_PREFIX
        start = 0
        while data:
            index = data.find(prefix, start)
            if index == -1:
                text = data[start:]
                if isinstance(data, util.AtomicString):
                    text = util.AtomicString(text)  # kept as it is when it is all there is
                if text:
                    pending.append(text)
                break
            id, end = self._InlineProcessor__findPlaceholder(data, index)
            if id not in self.stashed_nodes:  # not a placeholder after all
                end = index + len(prefix)
                if data[start:end]:
                    pending.append(data[start:end])
                start = end
                continue
            node = self.stashed_nodes.get(id)
            if index > 0 and data[start:index]:
                pending.append(data[start:index])
            if isinstance(node, str):
                if node:
                    pending.append(node)
                start = end
                continue
            link_pending()  # before the element's own text is worked on, as the stock order
            for child in [node] + list(node):
                if child.tail and child.tail.strip():
                    self._InlineProcessor__processElementText(node, child, False)
                if child.text and child.text.strip():
                    self._InlineProcessor__processElementText(child, child)
            start = end
            result.append((node, self.ancestors[:]))
        link_pending()
        return result


def _as_stock(pieces: list[str], data: str, done: int, start: int, end: int) -> tuple[str, int, int]:
    """The text as the stock step has it (``pieces`` then ``data[done:]``), with ``start`` and
    ``end`` moved to it (an index below 0 counts from the end, which both texts share)."""
    head = "".join(pieces)
    shift = len(head) - done
    return head + data[done:], start + shift if start >= done else start, \
        end + shift if end >= done else end


def _reads_alike(back: Backward, pieces: list[str], data: str, done: int) -> bool:
    """Whether each backward test of the pattern answers alike, at the first places after the
    match just replaced, in the text as it was and in the text with the placeholder."""
    reach, tests = back
    before = ""
    for piece in reversed(pieces):  # the last ``reach`` characters of the stock text so far
        before = piece[-(reach - len(before)):] + before
        if len(before) >= reach:
            break
    after = data[done:done + reach]
    stock, ours = before + after, data[max(0, done - reach):done + reach]
    shift = len(ours) - len(stock)
    for k in range(len(before), len(before) + min(reach, len(after) + 1)):
        for test in tests:
            if (test.match(stock, k) is None) != (test.match(ours, k + shift) is None):
                return False
    return True
