"""Links in Markdown that cannot run script, decided on Python-Markdown's own parse.

A link may go to an ``http(s):``, ``mailto:`` or ``tel:`` address or to a relative path; anything
else (``javascript:``, ``data:``, ``vbscript:``) is refused, judged as a browser reads the target:
entities decoded, whitespace and control characters dropped, case ignored (:func:`unsafe_target`).

Two guards use that judgement:

* :func:`markdown_safe_links` makes one data text safe to put into a generated page (the render
  stage, through the environment's ``finalize``). The text is parsed on its own by Python-Markdown,
  with each link's brackets marked so that the parse tells which brackets of the text delimit which
  link. An unsafe link keeps its text and loses its target (an unsafe reference definition goes);
  every other bracket that is not part of a safe link is escaped, so that no two values, or a value
  and the template's own text, can make a link together on the page. Whatever cannot be mapped back
  to the text has all its brackets escaped. This happens in the Markdown itself, so a page stays
  safe whatever engine converts it (``handbook export`` builds with plain MkDocs or Zensical).
* :class:`SafeLinks`, a Markdown extension, defuses what a conversion made: every ``href``/``src``
  with an unsafe target, every ``on*`` attribute, raw HTML carrying either. The leaflets' print
  HTML is converted with it; any site may add it to ``markdown_extensions`` as a second guard.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree as etree

import markdown
from markdown import inlinepatterns
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                            "xlink:href", "longdesc", "ping"})
SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# What a browser drops from a URL before reading its scheme, and more: every whitespace and control character.
INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def browser_target(target: str) -> str:
    """A link target as a browser reads its scheme: entities decoded (again and again: a target may
    be decoded once more on its way into an attribute), whitespace and control characters gone, lower case."""
    for _ in range(4):
        decoded = html.unescape(target)
        if decoded == target:
            break
        target = decoded
    return INVISIBLE.sub("", target).lower()


def unsafe_target(target: str) -> bool:
    """Whether a link target would run something: a scheme other than http(s), mailto: and tel:.

    A relative target (no scheme) is safe here; whether it reaches a page is checked at validation.
    """
    scheme = SCHEME.match(browser_target(target))
    return scheme is not None and scheme.group(1) not in SAFE_SCHEMES


def _srcset_unsafe(value: str) -> bool:
    return any(unsafe_target(candidate.split()[0]) for candidate in value.split(",") if candidate.split())


def unsafe_attribute(name: str, value: str | None) -> bool:
    """Whether an HTML attribute could run script: an event handler, or an address with an unsafe target."""
    name = name.lower()
    if name.startswith("on"):
        return True
    if value is None or name not in URL_ATTRIBUTES:
        return False
    return _srcset_unsafe(value) if name == "srcset" else unsafe_target(value)


# --- the extension: on a conversion's tree --------------------------------------------------------


class SafeLinksTreeprocessor(Treeprocessor):
    """Defuse unsafe links, images and attributes in the converted tree, and raw HTML that has any."""

    def run(self, root: etree.Element) -> None:
        defuse(root)
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):
            if isinstance(block, str):
                if raw_html_unsafe(block):
                    stash[index] = html.escape(block, quote=False)
            else:
                defuse(block)


def defuse(root: etree.Element) -> None:
    """An unsafe link becomes its text; an unsafe image, its alt text; event handlers and other unsafe
    addresses are removed."""
    for element in root.iter():
        if element.tag == "a" and unsafe_target(element.get("href") or ""):
            element.tag = "span"
            element.attrib.clear()
        elif element.tag == "img" and (unsafe_target(element.get("src") or "") or _srcset_unsafe(element.get("srcset") or "")):
            alt = element.get("alt") or ""
            element.tag = "span"
            element.attrib.clear()
            element.text = alt
        for name, value in list(element.attrib.items()):
            if unsafe_attribute(name, value):
                del element.attrib[name]


class _AttributeCheck(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.unsafe = self.unsafe or any(unsafe_attribute(name, value) for name, value in attrs)

    handle_startendtag = handle_starttag


def raw_html_unsafe(block: str) -> bool:
    """Whether a piece of raw HTML has an event handler or an unsafe address."""
    check = _AttributeCheck()
    check.feed(block)
    check.close()
    return check.unsafe


class SafeLinks(Extension):
    """Python-Markdown extension: no unsafe ``href``/``src``, no ``on*`` attribute in the output."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After every other tree processor (unescaping gives attributes their final values).
        md.treeprocessors.register(SafeLinksTreeprocessor(md), "safe_links", -100)


def makeExtension(**kwargs: Any) -> SafeLinks:  # the name Python-Markdown looks for
    return SafeLinks(**kwargs)


# --- data text: links found on the parse, mapped back to the text ---------------------------------

# A bracket that Markdown reads as one (not escaped by a backslash before it).
LIVE_BRACKET = re.compile(r"(?<!\\)(?:\\\\)*[\[\]]")
# One private-use character per bracket marks it in the text given to the parser: after "[", before "]".
FIRST_MARK = 0xF0000
LAST_MARK = 0xFFFFD
MARKS = re.compile(f"[{chr(FIRST_MARK)}-{chr(LAST_MARK)}]")
ESCAPED = re.compile("\x02(\\d+)\x03")  # Python-Markdown's form of a backslash escape while it parses inline text
# Extensions that change which links a text has, as the site's do (tables, lists of definitions, notes, code).
ANALYSIS_EXTENSIONS = ("tables", "def_list", "admonition", "fenced_code")
MAX_ROUNDS = 8
DEFINITION = re.compile(r"\[[^\[\]]*\]:[ \t]*(?:\n[ \t]*)?\S+[ \t]*(?:\n[ \t]*)?(?:([\"'])(?:.*)\1[ \t]*|\((?:.*)\)[ \t]*)?$",
                        re.MULTILINE)


class Unmappable(Exception):
    """A link the parse found that cannot be traced back to the text."""


@dataclass(frozen=True)
class FoundLink:
    """A link, image or reference definition the parse found, traced back to the text it came from."""

    element: etree.Element | None  # None for a reference definition
    target: str | None  # a definition's target (a link's is read from its element once the tree is final)
    brackets: tuple[int, ...]  # which brackets of the text (by number) delimit it
    start: int | None  # where it starts and ends in the text, if known
    end: int | None
    label: tuple[int, int] | None  # where its text is in the text

    def unsafe(self) -> bool:
        if self.element is None:
            return unsafe_target(self.target or "")
        return unsafe_target(unmark(self.element.get("href") or self.element.get("src") or ""))


def unmark(text: str) -> str:
    return MARKS.sub("", text)


def _mark_number(char: str) -> int:
    number = ord(char) - FIRST_MARK
    if not 0 <= number <= LAST_MARK - FIRST_MARK:
        raise Unmappable
    return number


class _Session:
    """What one analysing parse is about, and what it found (the parser is reused, one text at a time)."""

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self.found: list[FoundLink] = []
        self.tree: etree.Element | None = None

    def start(self, analysis: Analysis | None) -> None:
        self.analysis, self.found, self.tree = analysis, [], None

    def record(self, processor: inlinepatterns.LinkInlineProcessor, element: etree.Element | str | None, m: re.Match[str],
               data: str, end: int | None, *, image: bool, reference: bool) -> None:
        """Trace a link the parser made back to the text: which brackets delimit it, where it starts and ends."""
        analysis = self.analysis
        if not isinstance(element, etree.Element) or end is None or analysis is None:
            return
        if data[m.end(0) - 1] != "[":
            raise Unmappable
        _, after, _ = processor.getText(data, m.end(0))
        opening, closing = _mark_number(data[m.end(0)]), _mark_number(data[after - 2])
        rest = data[after:end]
        own = [_mark_number(char) for char in MARKS.findall(rest)] if reference else []  # a reference's [id]
        start = analysis.positions[opening] - (1 if image else 0)
        label = (analysis.positions[opening] + 1, analysis.positions[closing])
        end_at: int | None
        if reference:
            end_at = analysis.positions[own[-1]] + 1 if own else analysis.positions[closing] + 1
        else:
            written = ESCAPED.sub(lambda escaped: "\\" + chr(int(escaped.group(1))), unmark(rest))
            end_at = analysis.positions[closing] + 1 + len(written)
            if "\x02" in written or "\x03" in written or analysis.text[analysis.positions[closing] + 1:end_at] != written:
                end_at = None  # the target holds something parsed before it (code, another link): not traced
        if start < 0 or (image and analysis.text[start] != "!"):
            raise Unmappable
        self.found.append(FoundLink(element, None, (opening, closing, *own), start, end_at, label))


def _reference_id(processor: inlinepatterns.ReferenceInlineProcessor, data: str, index: int,
                  text: str) -> tuple[str | None, int, bool]:
    """Python-Markdown's ``evalId`` without the marks: ``[text][id]``, ``[text][]``."""
    m = processor.RE_LINK.match(data, pos=index)
    if not m:
        return None, index, False
    return unmark(m.group(1)).lower() or unmark(text).lower(), m.end(0), True


class _Link(inlinepatterns.LinkInlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str | None, int | None, int | None]:  # type: ignore[override]
        element, start, end = super().handleMatch(m, data)
        self.session.record(self, element, m, data, end, image=False, reference=False)
        return element, start, end


class _Image(inlinepatterns.ImageInlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str | None, int | None, int | None]:  # type: ignore[override]
        element, start, end = super().handleMatch(m, data)
        self.session.record(self, element, m, data, end, image=True, reference=False)
        return element, start, end


class _Reference(inlinepatterns.ReferenceInlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str | None, int | None, int | None]:  # type: ignore[override]
        element, start, end = super().handleMatch(m, data)
        self.session.record(self, element, m, data, end, image=False, reference=True)
        return element, start, end

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        return _reference_id(self, data, index, text)


class _ShortReference(_Reference):
    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        return unmark(text).lower(), index, True


class _ImageReference(inlinepatterns.ImageReferenceInlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(pattern, md)
        self.session = session

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str | None, int | None, int | None]:  # type: ignore[override]
        element, start, end = super().handleMatch(m, data)
        self.session.record(self, element, m, data, end, image=True, reference=True)
        return element, start, end

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        return _reference_id(self, data, index, text)


class _ShortImageReference(_ImageReference):
    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:
        return unmark(text).lower(), index, True


class _Definitions(Treeprocessor):
    """Before inline parsing: reference definitions lose their marks, and are recorded."""

    def __init__(self, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(md)
        self.session = session

    def run(self, root: etree.Element) -> None:
        analysis = self.session.analysis
        assert analysis is not None
        references = {}
        for key, (target, title) in self.md.references.items():
            if len(key) < 2:
                raise Unmappable
            opening, closing = _mark_number(key[0]), _mark_number(key[-1])
            start = analysis.positions[opening]
            written = DEFINITION.match(analysis.text, start)
            self.session.found.append(FoundLink(None, unmark(target), (opening, closing), start,
                                                written.end() if written else None, None))
            references[unmark(key).strip()] = (unmark(target), title)
        self.md.references = references


class _Tree(Treeprocessor):
    """Last: keeps the finished tree, to see every link in it."""

    def __init__(self, md: markdown.Markdown, session: _Session) -> None:
        super().__init__(md)
        self.session = session

    def run(self, root: etree.Element) -> None:
        self.session.tree = root


class _Analysis(Extension):
    def __init__(self, session: _Session) -> None:
        super().__init__()
        self.session = session

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        session = self.session
        for name, processor, priority in (
                ("reference", _Reference(inlinepatterns.REFERENCE_RE, md, session), 170),
                ("link", _Link(inlinepatterns.LINK_RE, md, session), 160),
                ("image_link", _Image(inlinepatterns.IMAGE_LINK_RE, md, session), 150),
                ("image_reference", _ImageReference(inlinepatterns.IMAGE_REFERENCE_RE, md, session), 140),
                ("short_reference", _ShortReference(inlinepatterns.REFERENCE_RE, md, session), 130),
                ("short_image_ref", _ShortImageReference(inlinepatterns.IMAGE_REFERENCE_RE, md, session), 125)):
            md.inlinePatterns.register(processor, name, priority)
        md.treeprocessors.register(_Definitions(md, session), "definitions", 25)
        md.treeprocessors.register(_Tree(md, session), "final_tree", -1000)


_PARSERS = threading.local()


def _parser() -> tuple[markdown.Markdown, _Session]:
    """This thread's analysing parser and its session."""
    made: tuple[markdown.Markdown, _Session] | None = getattr(_PARSERS, "made", None)
    if made is None:
        session = _Session()
        made = _PARSERS.made = (markdown.Markdown(extensions=[*ANALYSIS_EXTENSIONS, _Analysis(session)]), session)
    return made


@dataclass
class Analysis:
    """One text parsed on its own: where its live brackets are, and the links the parse made of them."""

    text: str
    positions: list[int]  # bracket number -> its index in the text
    links: list[FoundLink]

    @classmethod
    def of(cls, text: str) -> Analysis:
        positions = [match.end() - 1 for match in LIVE_BRACKET.finditer(text)]
        if MARKS.search(text) or len(positions) > LAST_MARK - FIRST_MARK:
            raise Unmappable
        pieces, last = [], 0
        for number, position in enumerate(positions):
            after = position + 1 if text[position] == "[" else position
            pieces += [text[last:after], chr(FIRST_MARK + number)]
            last = after
        analysis = cls(text, positions, [])
        parser, session = _parser()
        parser.reset()
        session.start(analysis)
        try:
            parser.convert("".join(pieces) + text[last:])
            found, tree = session.found, session.tree
        except IndexError:  # a mark the text does not have
            raise Unmappable from None
        finally:
            session.start(None)
        in_tree = {id(element) for element in tree.iter()} if tree is not None else set()
        analysis.links = [link for link in found if link.element is None or id(link.element) in in_tree]
        recorded = {id(link.element) for link in analysis.links}
        if tree is None or any(element.tag in ("a", "img") and id(element) not in recorded for element in tree.iter()):
            raise Unmappable  # a link no recording processor made
        return analysis

    def kept_brackets(self) -> set[int]:
        return {number for link in self.links if not link.unsafe() for number in link.brackets}

    def safe_targets(self) -> Iterator[str]:
        for link in self.links:
            if not link.unsafe():
                yield link.target or "" if link.element is None else unmark(link.element.get("href") or link.element.get("src") or "")


def escape_brackets(text: str, keep: set[int] | frozenset[int] = frozenset()) -> str:
    """The text with a backslash before every live bracket but the numbered ones in ``keep``."""
    pieces, last = [], 0
    for number, match in enumerate(LIVE_BRACKET.finditer(text)):
        position = match.end() - 1
        if number not in keep:
            pieces += [text[last:position], "\\"]
            last = position
    return "".join(pieces) + text[last:]


def escape_every_bracket(text: str) -> str:
    """No link at all: every backslash and bracket escaped (the way out when a link cannot be mapped)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _without_unsafe(analysis: Analysis) -> str | None:
    """The text with its outermost unsafe links replaced by their text and unsafe definitions removed;
    None when there were none."""
    unsafe = sorted((link for link in analysis.links if link.unsafe()), key=lambda link: link.start or 0)
    if not unsafe:
        return None
    text, edits, reached = analysis.text, [], -1
    for link in unsafe:
        if link.start is None or link.end is None:
            raise Unmappable
        if link.start < reached:
            continue  # inside one already being replaced: the next round sees what is left of it
        replacement = text[link.label[0]:link.label[1]] if link.label else ""
        edits.append((link.start, link.end, replacement))
        reached = link.end
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


@lru_cache(maxsize=4096)
def markdown_safe_links(text: str) -> str:
    """Data text (already HTML-escaped) with no unsafe link and no bracket that could join another value's.

    Safe links keep their brackets; unsafe ones keep their text; anything else in brackets is escaped.
    """
    if "[" not in text and "]" not in text:
        return text
    try:
        current = text
        for _ in range(MAX_ROUNDS):
            analysis = Analysis.of(current)
            cleaned = _without_unsafe(analysis)
            if cleaned is None:
                result = escape_brackets(current, analysis.kept_brackets())
                check = Analysis.of(result)
                # Every bracket left is a safe link's own; otherwise something was misread: escape them all.
                if any(link.unsafe() for link in check.links) or len(check.kept_brackets()) != len(check.positions):
                    return escape_every_bracket(text)
                return result
            current = cleaned
    except Unmappable:
        pass
    return escape_every_bracket(text)


def link_targets(text: str) -> list[str]:
    """The targets of the safe links a data text (already HTML-escaped) keeps, as the parse reads them."""
    safe = markdown_safe_links(text)
    if "[" not in safe:
        return []
    try:
        return list(Analysis.of(safe).safe_targets())
    except Unmappable:
        return []
