"""Scoring an extracted text against the truth.

Two metrics live here.

**Token P/R/F1** (the project's own figure, used for every set and by the CI gate).
Tokens are the maximal runs of word characters (``\\w+``, Python ``re`` Unicode rules) of
the lower-cased text, except that every CJK ideograph or kana is a token of its own
(U+3040-30FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+20000-2FA1F), so texts in
scripts written without spaces are compared character by character. Each page is scored
on token multisets: ``overlap = |pred ∩ gold|`` (a token counts as often as it occurs in
both), ``precision = overlap / |pred|``, ``recall = overlap / |gold|``, F1 their harmonic
mean. Empty cases: both empty scores 1, 1, 1; empty truth with a non-empty prediction
scores P 0, R 1, F1 0; an empty prediction for a non-empty truth scores 0, 0, 0.

**The scrapinghub shingle figure** (:func:`shingle_summary`), a re-implementation of
``evaluate.py`` of github.com/scrapinghub/article-extraction-benchmark (read at commit
7d95432d, unchanged through the 4a3bc979 snapshot the data came from), so that our numbers
can be set beside the ones that benchmark publishes. What that script does, and this
module reproduces:

* tokens are ``re.findall(r"\\w+", text)`` on the text as it is: *not* whitespace tokens
  and *not* lower-cased (its ``re.IGNORECASE`` flag has no effect on ``\\w``);
* a text's shingles are the multiset (``Counter``) of its runs of 4 consecutive tokens; a
  text of 1-3 tokens has one shingle made of all its tokens, an empty text none;
* per page, ``tp = Σ min(true, pred)``, ``fp = Σ max(0, pred - true)``,
  ``fn = Σ max(0, true - pred)`` over shingles (the script then divides the three by their
  sum, which changes no ratio);
* page precision: 1 when ``fp == fn == 0`` (identical shingles, including both empty),
  else 0 when ``tp == fp == 0``, else ``tp / (tp + fp)``; page recall likewise with ``fn``;
* the reported precision is the mean of page precisions over the pages whose prediction
  has shingles (``tp + fp > 0``): **pages with an empty prediction are left out of the
  precision mean**; the reported recall is the mean of page recalls over the pages whose
  truth has shingles (``tp + fn > 0``);
* the reported F1 is the harmonic mean of those two means, **not** a mean of per-page F1;
* accuracy is the share of pages whose token sequences are identical.

Where the script would raise (no page with a non-empty prediction, or both means 0) this
module returns 0.0 instead. The bootstrap confidence intervals it also prints are not
reproduced.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "Score",
    "ShingleCounts",
    "ShingleSummary",
    "page_shingle_precision",
    "page_shingle_recall",
    "score",
    "score_tokens",
    "shingle_counts",
    "shingle_summary",
    "shingle_tokenize",
    "shingles",
    "tokenize",
]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# A single CJK ideograph or kana that is a word character (the kana blocks also hold a few
# punctuation marks, e.g. U+30FB, which are not tokens), or a run of other word characters.
_TOKEN_RE = re.compile(f"(?=\\w)[{_CJK}]|[^\\W{_CJK}]+")
_SHINGLE_TOKEN_RE = re.compile(r"\w+")
SHINGLE_SIZE = 4


def tokenize(text: str) -> list[str]:
    """The tokens of ``text`` for the token P/R/F1 (see the module docstring)."""
    return _TOKEN_RE.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


def score_tokens(pred: Counter[str], gold: Counter[str]) -> Score:
    """Token P/R/F1 of two token multisets."""
    n_pred = sum(pred.values())
    n_gold = sum(gold.values())
    if n_pred == 0 and n_gold == 0:
        return Score(1.0, 1.0, 1.0)
    if n_gold == 0:
        return Score(0.0, 1.0, 0.0)
    if n_pred == 0:
        return Score(0.0, 0.0, 0.0)
    overlap = sum((pred & gold).values())
    precision = overlap / n_pred
    recall = overlap / n_gold
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return Score(precision, recall, f1)


def score(pred: str, gold: str) -> Score:
    """Token P/R/F1 of the predicted text ``pred`` against the truth ``gold``."""
    return score_tokens(Counter(tokenize(pred)), Counter(tokenize(gold)))


# --- the scrapinghub shingle figure -------------------------------------------------------


def shingle_tokenize(text: str) -> list[str]:
    """Tokens as the scrapinghub scorer makes them: ``\\w+`` runs, case kept."""
    return _SHINGLE_TOKEN_RE.findall(text)


def shingles(text: str, n: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text`` (one short shingle if it has
    fewer than ``n`` tokens, none if it has no token)."""
    tokens = shingle_tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class ShingleCounts:
    """Shingle matches of one page, counted with multiplicity."""

    tp: int
    fp: int
    fn: int
    exact: bool
    """Whether the two token sequences are identical (the scorer's "accuracy")."""


def shingle_counts(pred: str, gold: str) -> ShingleCounts:
    p = shingles(pred)
    g = shingles(gold)
    tp = sum((p & g).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    return ShingleCounts(tp, fp, fn, shingle_tokenize(pred) == shingle_tokenize(gold))


def page_shingle_precision(c: ShingleCounts) -> float:
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp == 0 and c.fp == 0:
        return 0.0
    return c.tp / (c.tp + c.fp)


def page_shingle_recall(c: ShingleCounts) -> float:
    if c.fp == 0 and c.fn == 0:
        return 1.0
    if c.tp == 0 and c.fn == 0:
        return 0.0
    return c.tp / (c.tp + c.fn)


@dataclass(frozen=True, slots=True)
class ShingleSummary:
    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def shingle_summary(pages: Iterable[ShingleCounts]) -> ShingleSummary:
    """The scrapinghub scorer's corpus figures from per-page shingle counts."""
    counts = list(pages)
    precisions = [page_shingle_precision(c) for c in counts if c.tp + c.fp > 0]
    recalls = [page_shingle_recall(c) for c in counts if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    accuracy = statistics.fmean(c.exact for c in counts) if counts else 0.0
    return ShingleSummary(precision, recall, f1, accuracy, len(counts))
