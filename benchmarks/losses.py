"""Where the recall gap goes: the truth tokens boilerstrip misses, by the rule that dropped them.

For each page the output is the title line and the text (the ``boilerstrip-titled`` row of
:mod:`benchmarks.accuracy`, so that the headline convention is not counted as a loss). The
missed truth tokens are the truth's token multiset minus the output's. Each missed token is
given to a dropped block that holds it: blocks whose tokens are most often missed truth go
first (a block of the article dropped whole claims its words before a menu that shares a few
of them), each block in document order among equals. What no dropped block holds is
``(in page, no block)`` when the page's text has the token (alt text, a script, a node no block
was made of) and ``(not in page)`` when it does not (the truth's own text: a fix by hand, a
caption from elsewhere, a different encoding).

The figure per rule is the mean over pages of its missed tokens over the page's truth tokens:
the points of mean recall it costs. The figures of a set add up to one minus its mean recall.

    python -m benchmarks.losses --sets cleaneval l3s_gn1 dragnet utomo_big9
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from benchmarks.evaldata import iter_pages
from benchmarks.metric import tokenize
from boilerstrip import Block

__all__ = [
    "IN_PAGE",
    "NOT_IN_PAGE",
    "DroppedBlock",
    "attribute",
    "block_shape",
    "main",
    "page_losses",
]

IN_PAGE = "(in page, no block)"
NOT_IN_PAGE = "(not in page)"
#: With ``--by-shape``, a dropped block of at least this many words, a sentence end and few
#: links counts as ``prose`` (the issue's "run of real prose"); any other as ``lines``.
PROSE_WORDS = 20
PROSE_MAX_LINK_DENSITY = 0.3


@dataclass(frozen=True, slots=True)
class DroppedBlock:
    """A block the extractor dropped: the rule it names and its text."""

    rule: str
    text: str


def block_shape(block: Block) -> str:
    """``prose`` or ``lines``: whether a block reads as a paragraph of the article's kind."""
    f = block.features
    prose = (
        f.words >= PROSE_WORDS and f.sentence_ends > 0 and f.link_density < PROSE_MAX_LINK_DENSITY
    )
    return "prose" if prose else "lines"


def _missed_share(tokens: Sequence[str], missed: Counter[str]) -> float:
    if not tokens:
        return 0.0
    return sum(1 for t in tokens if missed[t] > 0) / len(tokens)


def attribute(
    missed: Counter[str], dropped: Iterable[DroppedBlock], page_tokens: Counter[str]
) -> Counter[str]:
    """The missed tokens counted by the rule of the dropped block that holds them, the rest
    by :data:`IN_PAGE` or :data:`NOT_IN_PAGE` (see the module docstring)."""
    left = Counter(missed)
    blocks = [(b.rule, tokenize(b.text)) for b in dropped]
    order = sorted(range(len(blocks)), key=lambda i: (-_missed_share(blocks[i][1], left), i))
    by_rule: Counter[str] = Counter()
    for i in order:
        rule, tokens = blocks[i]
        for token in tokens:
            if left[token] > 0:
                left[token] -= 1
                by_rule[rule] += 1
    for token, n in left.items():
        if n > 0:
            by_rule[IN_PAGE if page_tokens[token] > 0 else NOT_IN_PAGE] += n
    return by_rule


def page_losses(
    html: bytes, url: str | None, truth: str, *, by_shape: bool = False
) -> tuple[int, Counter[str]]:
    """The page's truth token count and its missed tokens by rule (titled output); with
    ``by_shape`` each rule's name is followed by the dropped block's :func:`block_shape`."""
    import lxml.etree
    import lxml.html

    import boilerstrip

    art = boilerstrip.extract(html, url)
    out = f"{art.title}\n{art.text}" if art.title and art.text else art.text
    gold = Counter(tokenize(truth))
    missed = gold - Counter(tokenize(out))
    dropped = [
        DroppedBlock(f"{b.rule} / {block_shape(b)}" if by_shape else str(b.rule), b.text)
        for b in art.blocks
        if not b.kept
    ]
    try:
        page_text = " ".join(str(t) for t in lxml.html.fromstring(html).itertext())
    except (ValueError, TypeError, lxml.etree.ParserError):
        page_text = ""
    return sum(gold.values()), attribute(missed, dropped, Counter(tokenize(page_text)))


def set_losses(
    set_name: str, limit: int | None = None, *, by_shape: bool = False
) -> tuple[int, dict[str, float]]:
    """Pages of a set and, per rule, the sum over pages of its share of the page's truth."""
    shares: dict[str, float] = {}
    pages = 0
    for page in iter_pages(set_name, limit=limit):
        n_gold, by_rule = page_losses(page.html(), page.url, page.truth(), by_shape=by_shape)
        pages += 1
        if n_gold:
            for rule, n in by_rule.items():
                shares[rule] = shares.get(rule, 0.0) + n / n_gold
    return pages, shares


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", required=True)
    parser.add_argument("--limit", type=int, default=None, help="at most this many pages a set")
    parser.add_argument("--top", type=int, default=12, help="rules shown a set")
    parser.add_argument("--by-shape", action="store_true", help="split each rule: prose / lines")
    args = parser.parse_args(argv)
    for set_name in args.sets:
        pages, shares = set_losses(set_name, args.limit, by_shape=args.by_shape)
        gap = sum(shares.values()) / pages if pages else 0.0
        print(f"## {set_name}: {pages} pages, 1 - mean recall (titled) = {gap:.4f}")
        print("| rule | recall points | share of the gap |")
        print("|---|--:|--:|")
        ranked = sorted(shares.items(), key=lambda kv: -kv[1])
        for rule, total in ranked[: args.top]:
            mean = total / pages
            print(f"| {rule} | {mean:.4f} | {mean / gap if gap else 0.0:.1%} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
