"""Bylines and datelines: whether a short line (its :func:`.phrases.phrase`) names the author or
the date of what it stands by. The byline filter drops such lines; the headline stage looks for
one beside a heading."""

from __future__ import annotations

import re

from ..config import BYLINE_PREFIXES, MAX_BYLINE_CHARS, MAX_DATELINE_OTHER_WORDS
from .phrases import TRIM, WORD_RE

__all__ = ["is_byline", "is_dateline", "names_a_date", "opens_like_a_byline"]

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
)
#: Whole words that may stand in a dateline besides numbers.
_DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS}|a\.?m|p\.?m|et|est|edt|gmt|utc|bst|cet|cest|pst|pdt|updated"
    r"|published|posted|last|modified|on|at|min|mins|read|ago|hours?|minutes?|days?)\b\.?"
    r"|\d+(?:st|nd|rd|th)?",
    re.I,
)

#: A date proper is one of three things (:func:`is_dateline`), each tested cheaply:
#: a month name as a whole word (a set of words, not a case-blind alternation tried at every
#: character), numbers joined like 2025-03-04, 4/3/2025 or 14:20, or a relative time ("3 hours
#: ago", "9 min read").
# fmt: off
_MONTH_WORDS = frozenset((
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
))
# fmt: on
#: The three letters every month name opens with, any of them: a line with none of them
#: names no month, and its words need not be split (none holds an "i": see names_a_date).
_MONTH_HEADS = re.compile("|".join(sorted({word[:3] for word in _MONTH_WORDS})))
_JOINED_NUMBERS = re.compile(r"\d[-/.:]\d")
_RELATIVE_TIME = re.compile(
    # A number starts at the first digit of its run and never gives digits back: tried from
    # every digit of a long run, "\d+" made the search quadratic in the run's length.
    r"(?<!\d)\d++\s*(?:min|mins|minutes?|hours?|days?)\s+(?:read|ago)\b",
    re.I,
)


def is_byline(text: str, p: str) -> bool:
    """Whether a short line (``text``, and ``p`` its :func:`phrase`) reads as a byline or a
    dateline."""
    return opens_like_a_byline(text, p) or is_dateline(p)


#: What a sentence ends with, before any closing quotes or brackets.
_SENTENCE_END = (".", "!", "?", "。", "！", "？")
_CLOSERS = " \"'”’»)]"


def opens_like_a_byline(text: str, p: str) -> bool:
    """Whether a line opens with a byline's prefix ("By", "par", "von"...) and names someone
    ("By Jane Doe", "von Anna Schmidt"), not a sentence of the article that opens so: the word
    after the prefix in lower case and a sentence's end ("By noon the school was a shelter.",
    "Par exemple, ...")."""
    if not p.startswith(BYLINE_PREFIXES):  # one test in C for the lines that open otherwise
        return False
    prefix = next(pre for pre in BYLINE_PREFIXES if p.startswith(pre))
    if not text.rstrip(_CLOSERS).endswith(_SENTENCE_END):
        return True
    words = text.lstrip(TRIM).split()  # as the phrase starts: after any opening punctuation
    after = len(prefix.split())
    return not (len(words) > after and words[after][:1].islower())


def is_dateline(p: str) -> bool:
    """A line (its casefolded :func:`phrase`) made of a date or time, the words that go
    with them, and at most a place name ("London, 5 March 2024")."""
    if len(p) > MAX_BYLINE_CHARS or not any(map(str.isdigit, p)):
        return False
    if not names_a_date(p):
        return False
    return len(WORD_RE.findall(_DATE_WORDS.sub(" ", p))) <= MAX_DATELINE_OTHER_WORDS


def names_a_date(p: str) -> bool:
    """Whether a casefolded line holds a date proper: a month name, joined numbers or a
    relative time (see :data:`_MONTH_WORDS`)."""
    return bool(
        _JOINED_NUMBERS.search(p)
        # "ı": the one letter a case-blind pattern would take for "i" that casefolding
        # leaves as it is (a word character as "i" is, so the words split alike).
        or (
            _MONTH_HEADS.search(p) is not None
            and not _MONTH_WORDS.isdisjoint(WORD_RE.findall(p.replace("ı", "i")))
        )
        or (("ago" in p or "read" in p) and _RELATIVE_TIME.search(p))
    )
