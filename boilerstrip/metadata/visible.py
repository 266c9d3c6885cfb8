"""After filtering: the byline and date shown by the headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..article import Block
from ..config import (
    AUTHOR_LABELS,
    BLOCKS_AFTER_HEADLINE,
    BLOCKS_BEFORE_HEADLINE,
    BYLINE_SEPARATORS,
    DATE_LEADS,
    MAX_BYLINE_WORDS,
    MAX_HEADER_WORDS,
    MAX_METADATA_CHARS,
    MAX_NAME_WORDS,
    NAME_PARTICLES,
)
from .authors import is_site
from .dates import WEEKDAYS, date_in_text, date_in_url, month_numbers, normalize_date
from .head import Metadata
from .names import PREFIX_RE, collective, split_names, strip_prefix, unique_names, without_roles
from .text import clean, match_key

# --- after filtering: the byline and date shown by the headline --------------------------------


def _headline_index(blocks: Sequence[Block], title: str | None) -> int | None:
    if title and match_key(title):
        key = match_key(title)
        size = len(title)
        # Only blocks of about the title's length are compared (cheaply, by length first).
        low, high = size - size // 2 - 8, size + size // 2 + 8
        near = [b for b in blocks if low <= len(b.text) <= high]
        for block in near:
            if block.kind == "heading" and match_key(block.text) == key:
                return block.index
        for block in near:
            if match_key(block.text) == key:
                return block.index
    found = next((b.index for b in blocks if b.rule == "title"), None)
    if found is None and title and match_key(title):
        # A heading that shows the title after a kicker ("City news: ..."), as og:title omits.
        key = match_key(title)
        found = next(
            (b.index for b in near if b.kind == "heading" and key in match_key(b.text)), None
        )
    return found


def _header(blocks: Sequence[Block], at: int) -> list[Block]:
    """The dropped short blocks around the headline: a few before it, and those after it up to
    the second kept block (the first may be a standfirst) or a linked heading (a teaser)."""
    out = [b for b in blocks[max(0, at - BLOCKS_BEFORE_HEADLINE) : at] if not b.kept]
    kept = 0
    for block in blocks[at + 1 : at + 1 + BLOCKS_AFTER_HEADLINE]:
        if block.kept:
            kept += 1
            if kept > 1:
                break
            continue
        if block.kind == "heading" and block.features.link_density > 0.5:
            break
        out.append(block)
    return [b for b in out if b.features.words <= MAX_HEADER_WORDS]


SPLIT_PARTS = re.compile("\\s*[" + re.escape(BYLINE_SEPARATORS) + "]\\s*|\\s+-\\s+")
_INNER_BY = re.compile(r"(?:^|\s)(by|von|par|por)\s+\S", re.I)


def _before_date(text: str) -> str:
    """``text`` cut where a date starts (its first digit, and the month, weekday or "on" before
    it)."""
    digit = next((i for i, c in enumerate(text) if c.isdigit()), None)
    if digit is None:
        return text
    words = text[:digit].split()
    months = month_numbers()
    while words:
        word = words[-1].strip(",.;:").casefold()
        if word and word not in months and word not in WEEKDAYS and word not in DATE_LEADS:
            break
        words.pop()
    return " ".join(words).rstrip(" ,;:-–—")


def _byline_in(
    text: str, lang: str | None, *, loose: bool = False, capitalised: bool = False
) -> tuple[str, list[str]] | None:
    """The byline part of a line and the names in it. ``loose``: a part with no opening words
    counts when it is made of capitalised names only (a byline shown as "Jane Doe · 5 March");
    ``capitalised``: names in a cased script must be capitalised."""
    for part in SPLIT_PARTS.split(clean(text[:MAX_METADATA_CHARS])):
        if not part:
            continue
        rest, prefixed = strip_prefix(part)
        if not prefixed:
            inner = _INNER_BY.search(part)
            if inner and (inner.start() == 0 or date_in_text(part[: inner.start()], lang)):
                part = part[inner.start(1) :]
                rest, prefixed = strip_prefix(part)
        if prefixed:
            part = _before_date(part)
            names = split_names(_before_date(rest))
            if names and (not capitalised or all(_capitalised(n) for n in names)):
                return part, names
        elif loose and _looks_like_names(part):
            return part, split_names(part)
    return None


def _capitalised(name: str) -> bool:
    """Whether a name's words start with a capital, where the script has capitals."""
    return all(
        w[0].isupper() or not w[0].isalpha() or w[0].lower() == w[0].upper()
        for w in name.split()
        if len(w) > 3
    )


def _looks_like_names(text: str) -> bool:
    """Two to four capitalised words (or several such names joined): a name shown alone."""
    if any(c.isdigit() or c in ":：/!?" for c in text):  # a date, a label, a credit, a cry
        return False
    names = split_names(text)
    if not names:
        return False
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4 or not words[0][0].isupper():
            return False
        if any(not w[0].isupper() and w not in NAME_PARTICLES for w in words if w[0].isalpha()):
            return False
    return True


def _marked_names(text: str) -> tuple[str, list[str]]:
    """The part of an element marked as the author that names most, and its names: of its
    parts before a date ("Jane Doe / Agency / Updated: 5 March 2024" gives Jane Doe). The
    markup says it holds a name, so a lower-case one counts ("by jdoe")."""
    text, _ = strip_prefix(_before_date(clean(text)))
    if ":" in text:  # a label this reader does not know ("Quelle: dpa", "Editor: Jane Doe")
        return text, []
    parts = [(p, split_names(p, structured=True)) for p in _MARKED_PARTS.split(text)]
    return max(parts, key=lambda part: len(part[1]), default=(text, []))


_MARKED_PARTS = re.compile("\\s*[" + re.escape(BYLINE_SEPARATORS) + "/／]\\s*")


def _labelled_name(blocks: Sequence[Block], at: int) -> list[str]:
    """A name an author box shows beside a label ("AFP" over "Written By"), after the
    headline, both lines dropped."""
    for i in range(at + 1, len(blocks)):
        block = blocks[i]
        if block.kept:
            continue
        beside = _LABELLED.match(clean(block.text[:MAX_METADATA_CHARS]))
        if beside:  # the label and the name on one line ("Autorin/Autor Jana Nowak")
            names = _plain_name(beside[1])
            if names:
                return names
            continue
        if block.text.strip().rstrip(":：").strip().lower() not in AUTHOR_LABELS:
            continue
        for j in (i - 1, i + 1):
            if j <= at or j >= len(blocks) or blocks[j].kept:
                continue
            names = _plain_name(clean(blocks[j].text))
            if names:
                return names
    return []


def _plain_name(text: str) -> list[str]:
    """The names of a short line that holds nothing else: capitalised, no digits."""
    words = text.split()
    if 0 < len(words) <= MAX_NAME_WORDS and not text[0].islower() and not _digit(text):
        return split_names(text)
    return []


def _digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


_LABEL = "(?:" + "|".join(re.escape(label) for label in AUTHOR_LABELS) + ")"
#: A label (or several joined by "/": "Autorin/Autor") then a name, on one line.
_LABELLED = re.compile(rf"{_LABEL}(?:\s*/\s*{_LABEL})*\s*[:：]?\s+(\S.*)$", re.I)


def complete(meta: Metadata, blocks: Sequence[Block], url: str | None) -> Metadata:
    """``meta`` with the byline, authors and date that the blocks around the headline show
    (read only where the head gave none), and the date of the URL as a last resort."""
    byline: str | None = None
    names: list[str] = []
    date = meta.date
    at = _headline_index(blocks, meta.title)
    header = _header(blocks, at) if at is not None else []
    header_text = [b.text for b in header]
    # An element marked as the author (class, rel, itemprop) whose text the header shows.
    for marked in meta.marked_authors:
        line = next((i for i, t in enumerate(header_text) if marked in t), None)
        if line is None:
            continue
        # The byline as the line shows it ("di Giulia Ferri" around a marked "Giulia Ferri"),
        # with an opening word that the markup set apart ("By" in the element before).
        around = next((p for p in SPLIT_PARTS.split(header_text[line]) if marked in p), marked)
        if line and header_text[line - 1].strip() and not strip_prefix(header_text[line - 1])[0]:
            around = f"{header_text[line - 1]} {around}"
        got = _byline_in(around, meta.lang)
        if got is None or marked not in got[0]:
            got = _byline_in(marked, meta.lang)
        if got is None:  # no opening words: the part that names most, less a date
            part, names = _marked_names(marked)
            byline = part if names else marked
            names = names or split_names(marked)
        else:
            byline, names = got
        break
    if byline is None and at is not None:
        for i, block in enumerate(header):
            after = block.index > at and block.features.link_density < 0.5
            text = block.text
            if not strip_prefix(text)[0] and i + 1 < len(header):
                text = f"{text} {header[i + 1].text}"  # "By" in one element, the name in the next
            got = _byline_in(text, meta.lang, loose=after)
            if got:
                byline, names = got
                break
    if byline is None and at is not None:
        # A byline the filters dropped after the article ("Автор: ...", "Written by ...").
        for block in blocks[at + 1 :]:
            if block.kept or block.features.words > MAX_BYLINE_WORDS:
                continue
            if not PREFIX_RE.match(block.text.lstrip().lower()):
                continue
            got = _byline_in(block.text, meta.lang, capitalised=True)
            if got:
                byline, names = got
                break
    if not names and at is not None:
        names = _labelled_name(blocks, at)
    authors = meta.authors
    if not meta.structured_authors:
        # Else the names of the first marked element that names anyone (not of them all: the
        # later ones may be teasers' bylines).
        shown = next(filter(lambda g: g[1], map(_marked_names, meta.marked_authors)), None)
        visible = unique_names(names)
        if not visible and shown is not None:
            visible = unique_names(shown[1])
            byline = byline or shown[0]
        people = tuple(n for n in visible if not collective(n) and not is_site(n, meta.sites))
        authors = people or meta.site_authors or visible
    authors = tuple(without_roles(n) for n in authors)
    if date is None:
        for text, stamp in meta.time_texts:
            if text and any(text in t for t in header_text):
                date = normalize_date(stamp, meta.lang)
                if date:
                    break
    if date is None:
        for text in header_text:
            date = date_in_text(text, meta.lang)
            if date:
                break
    if date is None:  # the date an author-marked element shows ("Jane Doe / Oct 9, 2019")
        texts = (*meta.marked_authors, *meta.marked_wrappers)
        date = next(filter(None, (date_in_text(t, meta.lang) for t in texts)), None)
    if date is None:  # a <time> in the box of the byline ("By Jane Doe" over "Dec. 2, 2016")
        date = next(filter(None, (normalize_date(t, meta.lang) for t in meta.byline_times)), None)
    if date is None:
        date = date_in_url(url) or date_in_url(meta.canonical_url)
    return replace(meta, byline=byline, authors=authors, date=date)
