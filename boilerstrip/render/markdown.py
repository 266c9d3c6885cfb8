"""``Article.to_markdown()``: the kept blocks as CommonMark, with GFM pipe tables.

Headings ``#``, lists ``-`` and ``1.`` (nested by indenting), quotes ``>``, fenced code with
the language the page names, tables as pipe tables (the first row is the header), ``*`` and
``**`` emphasis, inline code, and links ``[text](url)`` resolved against the page's URL. Text is
escaped wherever a character would otherwise be read as Markdown, so the rendered words are
the words of ``Article.text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import pairwise

from ..article import ArticleData, BlockMarkup
from .layout import Box, inline, leaves, markup_of, nest

__all__ = ["render_markdown"]

#: Characters escaped wherever they are in text.
_ALWAYS = re.compile(r"([\\`*\[\]<>|~])")
#: ``_`` opens or closes emphasis unless it sits between two letters or digits.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: Line openings read as block syntax: headings, quotes, list markers, thematic breaks and
#: setext underlines, fences.
_LINE_START = re.compile(r"^(?:(#{1,6}|[-+])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|([-=]))")
_URL_UNSAFE = re.compile(r"[\s()<>\\]")
#: A "!" that text leaves just before a link would make it an image.
_BANG_LINK = re.compile(r"(?<!\\)((?:\\\\)*)!\[")
#: Lists and quotes nested deeper are written at this depth: renderers cap nesting (the
#: CommonMark preset of markdown-it at 20 levels) and drop what lies below.
MAX_DEPTH = 6

_Chunk = tuple[bool, list[str]]
"""Lines of one block-level piece, and whether the piece is a list."""


#: Stand-ins for emphasis delimiters until :func:`_delimit` sees where they land
#: (noncharacters: never in a page's text that reaches here, see ``_Writer.inline``).
_EM, _STRONG = ("\ufdd0", "\ufdd1"), ("\ufdd2", "\ufdd3")
_OPENS, _CLOSES = frozenset((_EM[0], _STRONG[0])), frozenset((_EM[1], _STRONG[1]))
_STAND_IN = re.compile("[\ufdd0-\ufdd3]")
_DELIMITERS = str.maketrans({_EM[0]: "*", _EM[1]: "*", _STRONG[0]: "**", _STRONG[1]: "**"})


def _kind(ch: str) -> str:
    """How CommonMark's flanking rules see a character: space, punctuation or other."""
    if not ch or ch.isspace():
        return "space"
    if ch in _OPENS or ch in _CLOSES or unicodedata.category(ch)[0] in "PS":
        return "punct"
    return "other"


def _flanks(text: str, opening: int, closing: int) -> bool:
    """Whether ``*`` at ``opening`` can open emphasis and at ``closing`` close it."""
    before = _kind(text[opening - 1] if opening else "")
    after = _kind(text[opening + 1])
    opens = after != "space" and (after != "punct" or before != "other")
    before = _kind(text[closing - 1])
    after = _kind(text[closing + 1 : closing + 2])
    closes = before != "space" and (before != "punct" or after != "other")
    return opens and closes


def _delimit(text: str) -> str:
    """The stand-ins of emphasis as ``*`` and ``**``. Two runs of one style side by side
    become one; a pair that CommonMark would read as literal asterisks (``x**_y_**``: a letter
    outside, punctuation inside; or an opening just after a closing, one run of ``*``) is left
    out, its text kept plain."""
    if not _STAND_IN.search(text):
        return text
    text = text.replace(_EM[1] + _EM[0], "").replace(_STRONG[1] + _STRONG[0], "")
    while True:
        stack: list[tuple[int, bool]] = []
        wrong: list[int] = []
        for match in _STAND_IN.finditer(text):
            i = match.start()
            if text[i] in _OPENS:
                stack.append((i, i > 0 and text[i - 1] in _CLOSES))
                continue
            opening, glued = stack.pop()
            if glued or not _flanks(text, opening, i):
                wrong += (opening, i)
        if not wrong:
            return text.translate(_DELIMITERS)
        wrong.sort()
        ends = [*wrong, len(text)]
        text = text[: wrong[0]] + "".join(text[a + 1 : b] for a, b in pairwise(ends))


class _Markdown:
    """The inline dialect (see :class:`boilerstrip.layout.Dialect`)."""

    def __init__(self, heading: bool = False, cell: bool = False) -> None:
        self.heading, self.cell = heading, cell

    def text(self, text: str) -> str:
        text = _ALWAYS.sub(r"\\\1", text)
        text = _UNDERSCORE.sub(r"\\_", text)
        text = _ENTITY.sub(r"\\&", text)
        return text.replace("#", "\\#") if self.heading else text

    def code(self, text: str) -> str:
        if self.cell:
            text = text.replace("|", "\\|")
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * (longest + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        if text.startswith(" ") and text.endswith(" ") and text.strip():
            pad = " "
        return f"{fence}{pad}{text}{pad}{fence}"

    def emphasis(self, inner: str) -> str:
        return f"{_EM[0]}{inner}{_EM[1]}"

    def strong(self, inner: str) -> str:
        return f"{_STRONG[0]}{inner}{_STRONG[1]}"

    def link(self, inner: str, url: str) -> str:
        return f"[{inner}]({_URL_UNSAFE.sub(lambda m: f'%{ord(m.group()):02X}', url)})"

    def br(self) -> str:
        return "\n"


def _line_start(line: str) -> str:
    """``line`` with an opening that Markdown would read as block syntax escaped."""
    match = _LINE_START.match(line)
    if match is None:
        if line.startswith("    ") or line.startswith("\t"):
            return line.lstrip()
        return line
    if match.group(2):  # "1." or "1)"
        return f"{match.group(2)}\\{line[match.end(2) :]}"
    return "\\" + line


class _Writer:
    def __init__(self, base: str | None, links: bool) -> None:
        self.base, self.links = base, links

    def inline(self, item: BlockMarkup, *, heading: bool = False, cell: bool = False) -> str:
        spans = item.spans
        if any(_STAND_IN.search(s.text) for s in spans):
            spans = tuple(replace(s, emphasis=False, strong=False) for s in spans)
        text = _delimit(inline(spans, _Markdown(heading, cell), self.base, self.links))
        return _BANG_LINK.sub(r"\1\\![", text) if "![" in text else text

    def leaf(self, item: BlockMarkup) -> list[str]:
        if item.role == "pre":
            text = "".join(s.text for s in item.spans)
            longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
            fence = "`" * (longest + 1)
            return [fence + (item.language or ""), *text.split("\n"), fence]
        if item.role.startswith("h") and item.role[1:].isdigit():
            text = self.inline(item, heading=True).replace("\n", " ")
            return [f"{'#' * int(item.role[1:])} {text}"]
        lines = [_line_start(line) for line in self.inline(item).split("\n")]
        return [line + "\\" for line in lines[:-1]] + lines[-1:]

    def chunks(self, children: list[Box | BlockMarkup], depth: int = 0) -> list[_Chunk]:
        """The chunks of ``children``, ``depth`` lists and quotes deep."""
        out: list[_Chunk] = []
        for child in children:
            if isinstance(child, BlockMarkup):
                out.append((False, self.leaf(child)))
                continue
            role = _role(child)
            if role in ("ul", "ol", "li", "blockquote") and depth >= MAX_DEPTH:
                out.extend(self.chunks(child.children, depth))
            elif role in ("ul", "ol"):
                out.append((True, self.items(child.children, role == "ol", depth + 1)))
            elif role == "li":
                out.append((True, self.items([child], False, depth + 1)))
            elif role == "blockquote":
                lines = _joined(self.chunks(child.children, depth + 1))
                out.append((False, [f"> {line}" if line else ">" for line in lines]))
            elif role == "table":
                out.extend(self.table(child))
            else:
                out.extend(self.chunks(child.children, depth))
        return out

    def items(self, children: list[Box | BlockMarkup], ordered: bool, depth: int) -> list[str]:
        lines: list[str] = []
        for number, child in enumerate(children, 1):
            inside = child.children if isinstance(child, Box) and _role(child) == "li" else [child]
            body = _joined(self.chunks(inside, depth), tight=True)
            marker = f"{number}." if ordered else "-"
            indent = " " * (len(marker) + 1)
            lines.append(f"{marker} {body[0]}" if body else marker)
            lines.extend(indent + line if line else "" for line in body[1:])
        return lines

    def table(self, box: Box) -> list[_Chunk]:
        rows: list[dict[int, str]] = []
        outside: list[_Chunk] = []
        todo: list[Box | BlockMarkup] = list(box.children)
        while todo:
            child = todo.pop(0)
            role = _role(child)
            if role in ("thead", "tbody"):
                assert isinstance(child, Box)
                todo[:0] = child.children
            elif role == "tr":
                assert isinstance(child, Box)
                rows.append(self.row(child.children))
            elif role in ("th", "td"):
                rows.append(self.row([child]))
            else:
                outside.extend(self.chunks([child]))
        if not rows:
            return outside
        width = max(max(row) + 1 for row in rows if row)
        lines = [_pipe_row([row.get(c, "") for c in range(width)]) for row in rows]
        lines.insert(1, _pipe_row(["---"] * width))
        return [*outside, (False, lines)]

    def row(self, cells: list[Box | BlockMarkup]) -> dict[int, str]:
        row: dict[int, str] = {}
        for cell in cells:
            column = cell.frame.column if isinstance(cell, Box) and cell.frame else -1
            if column < 0 or column in row:
                column = max(row, default=-1) + 1
            items = leaves(cell) if isinstance(cell, Box) else iter([cell])
            row[column] = " ".join(self.cell_text(item) for item in items)
        return row

    def cell_text(self, item: BlockMarkup) -> str:
        if item.role == "pre":
            text = " ".join("".join(s.text for s in item.spans).split())
            return _Markdown(cell=True).code(text)
        return self.inline(item, cell=True).replace("\n", " ")


def _role(item: Box | BlockMarkup) -> str:
    return item.frame.role if isinstance(item, Box) and item.frame else ""


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _joined(chunks: list[_Chunk], tight: bool = False) -> list[str]:
    """The lines of ``chunks``, a blank line between two (none before a list in a list item,
    when ``tight``)."""
    lines: list[str] = []
    for is_list, chunk in chunks:
        if lines and not (tight and is_list):
            lines.append("")
        lines.extend(chunk)
    return lines


def render_markdown(article: ArticleData, *, links: bool = True) -> str:
    """The kept blocks of ``article`` as Markdown (no trailing newline; ``""`` when there are
    none). ``links=False`` writes links as their text."""
    writer = _Writer(article.url, links)
    return "\n".join(_joined(writer.chunks(nest(markup_of(article)).children)))
