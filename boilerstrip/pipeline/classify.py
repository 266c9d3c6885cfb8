"""Stage 4, classify: find the main content region and give every block a first verdict.

The region is found as Readability does: every prose block adds a score to its container and,
diminishing, to the containers above it; the best-scoring container (discounted by its link
density) is the article, and siblings scoring close to it join it. Inside the region a block is
kept unless it is link text or sits in a boilerplate sub-container; outside, only recall mode
keeps prose. When the region holds too little of the page's prose, the whole page is judged
block by block instead (trafilatura's fallback idea).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import accumulate, compress

from ..config import (
    ANCESTOR_SHARES,
    CLIMB_LEVELS,
    CLIMB_MAX_LINK_DENSITY,
    HEADLINE_POINTS,
    LEDE_LOOKBACK,
    MAX_COMMA_POINTS,
    MAX_LEDE_LINK_DENSITY,
    MAX_LENGTH_POINTS,
    MAX_SANDWICH_GAP,
    MAX_SCORED_LINK_DENSITY,
    MAX_SENTENCE_LINK_DENSITY,
    MAX_STANDFIRST_SPAN,
    MIN_BOX_PROSE_SHARE,
    MIN_FLOW_AFTER,
    MIN_LINES_OVER_PROSE,
    MIN_MENU_LINK_DENSITY,
    MIN_RUN_PROSE,
    MIN_SCORED_CHARS,
    MIN_UNDENIABLE_WORDS,
    NEGATIVE_TAGS,
    NEGATIVE_WEIGHT,
    POSITIVE_FACTOR,
    SIBLING_SHARE,
)
from .features import comma_count, container_of, names_standfirst
from .headline import headline
from .page import Labels, Page, is_teaser
from .segment import Node
from .thread import find_thread, is_post_text, thread_blocks

#: Kinds of blocks that are body matter without being sentences.
_MATTER_KINDS = frozenset({"item", "pre"})

OUTSIDE = "outside-main-content"
LINK_TEXT = "link-text"
BOILERPLATE_CONTAINER = "boilerplate-container"


def _shares(nodes: Sequence[Node], box: int) -> list[tuple[int, float]]:
    """Where a block held by ``box`` adds to the scores: ``box`` itself and, in diminishing
    shares, the boxes above it (:data:`ANCESTOR_SHARES`), with their shares."""
    out = []
    at = box
    for share in ANCESTOR_SHARES:
        out.append((at, share))
        at = nodes[at].parent
        if at < 0:
            break
    return out


def node_scores(page: Page, negs: list[int]) -> list[float]:
    """Readability-style content score of every node, discounted by its link density."""
    return _node_scores(page, negs, headline(page))


def _node_scores(page: Page, negs: list[int], top: int | None) -> list[float]:
    """:func:`node_scores`, ``top`` the page's :func:`~.headline.headline` (computed once)."""
    nodes, blocks, feats = page.nodes, page.blocks, page.features
    scores = [0.0] * len(nodes)
    # Per box, where a block's score goes (see _shares): made once per box, as most blocks
    # share theirs with many others.
    above: dict[int, list[tuple[int, float]]] = {}
    for block, f in zip(blocks, feats, strict=True):
        text = block.text
        kind = block.kind
        if (
            len(text) < MIN_SCORED_CHARS
            or f.link_density > MAX_SCORED_LINK_DENSITY
            or kind == "heading"
            # a teaser says nothing of where the article is (and only items are teasers)
            or (kind == "item" and is_teaser(block, f))
        ):
            continue
        # (the bounds as min() takes them, without its call: the first of two equals)
        length = len(text) / 100
        length = MAX_LENGTH_POINTS if length > MAX_LENGTH_POINTS else length
        commas = comma_count(text)
        score = 1.0 + (MAX_COMMA_POINTS if commas > MAX_COMMA_POINTS else commas) + length
        # Prose inside comment threads, sidebars and the like counts for less (a weight to the
        # power 0 is 1.0, which changes no score).
        neg = negs[block.node]
        if neg:
            score *= NEGATIVE_WEIGHT**neg
        box = container_of(nodes, block.node)
        shares = above.get(box)
        if shares is None:
            shares = above[box] = _shares(nodes, box)
        for at, share in shares:
            scores[at] += score * share
    if top is not None:  # the headline's box counts for a little (see HEADLINE_POINTS)
        points = HEADLINE_POINTS * NEGATIVE_WEIGHT ** negs[blocks[top].node]
        box = page.box(top)
        shares = above.get(box)
        if shares is None:
            shares = above[box] = _shares(nodes, box)
        for at, share in shares:
            scores[at] += points * share
    words = [0, *accumulate(f.words for f in feats)]
    linked = [0, *accumulate(f.linked_words for f in feats)]
    hints = page.hints
    # Only the boxes of scored blocks and the few boxes above them have a score.
    for i in {at for shares in above.values() for at, _ in shares}:
        s = scores[i]
        if s:
            nd = nodes[i]
            total = words[nd.end_block] - words[nd.first_block]
            links = linked[nd.end_block] - linked[nd.first_block]
            if hints[i] > 0:  # its class or id reads as content (Readability's bonus)
                s *= POSITIVE_FACTOR
            scores[i] = s * (1 - links / total) if total else 0.0
    return scores


def _prose_words(page: Page) -> list[int]:
    """Prefix sums of the words of prose blocks."""
    words = [f.words if prose else 0 for f, prose in zip(page.features, page.prose, strict=True)]
    return list(accumulate(words, initial=0))


def _climb(page: Page, best: int) -> int:
    """Go up from the best node while it holds too little of the page's prose: threads of
    posts and articles cut into several boxes have their prose spread over siblings. A node
    whose short lines outweigh the prose outside it (:func:`_lines_outweigh`) is not left."""
    nodes = page.nodes
    prose = _prose_words(page)
    total = prose[-1]
    if not total:
        return best
    node = best
    for _ in range(CLIMB_LEVELS):
        first, end = nodes[node].first_block, nodes[node].end_block
        held = prose[end] - prose[first]
        parent = nodes[node].parent
        if held >= total * page.thresholds.min_region_share or parent < 0:
            break
        if _lines_outweigh(page, [first <= i < end for i in range(len(page.blocks))]):
            break
        up = nodes[parent]
        words = sum(f.words for f in page.features[up.first_block : up.end_block])
        links = sum(f.linked_words for f in page.features[up.first_block : up.end_block])
        if words and links / words > CLIMB_MAX_LINK_DENSITY:
            break
        node = parent
    return node


def region_members(page: Page, negs: list[int]) -> list[int]:
    """The nodes that make up the main content region: the best one and its strong siblings."""
    return _region_members(page, negs, headline(page))


def _region_members(page: Page, negs: list[int], top: int | None) -> list[int]:
    """:func:`region_members`, ``top`` the page's :func:`~.headline.headline`."""
    nodes = page.nodes
    if not page.blocks:
        return []
    scores = _node_scores(page, negs, top)
    best = scores.index(max(scores))  # the first best, as max(range, key=...) gives it
    if scores[best] <= 0:
        return []
    best = _climb(page, best)
    members = [best]
    parent = nodes[best].parent
    if parent >= 0:
        floor = max(scores[best] * SIBLING_SHARE, 1.0)
        for sib in _children(nodes, parent):
            if sib != best and (scores[sib] >= floor or _lone_prose(page, sib)):
                members.append(sib)
    return members


def _children(nodes: Sequence[Node], parent: int) -> Iterator[int]:
    """The child nodes of ``parent``, in order: its descendants follow it in node order, up
    to the first node no deeper than itself."""
    depth = nodes[parent].depth
    for i in range(parent + 1, len(nodes)):
        if nodes[i].depth <= depth:
            return
        if nodes[i].parent == parent:
            yield i


def _lone_prose(page: Page, node: int) -> bool:
    """A sibling that is one paragraph of prose (Readability keeps such siblings)."""
    nd = page.nodes[node]
    return nd.end_block - nd.first_block == 1 and page.is_prose(nd.first_block)


def negative_depths(page: Page) -> list[int]:
    """Per node, how many boilerplate-looking elements (itself included) enclose it."""
    # Shifted by one, so that the root's parent (-1) reads the leading 0.
    out = [0]
    for node, own in zip(page.nodes, page.hints, strict=True):
        out.append(out[node.parent + 1] + (own < 0))  # a parent comes first
    del out[0]
    return out


def _share_of_prose(page: Page, region: list[bool], bar: list[int], negs: list[int]) -> float:
    """The share of the page's prose words the region holds. Prose in boilerplate boxes deeper
    than the region's own level (a comment thread) counts for less, as in the scores: a short
    post must not look like a miss because its readers wrote more than its author."""
    blocks, features = page.blocks, page.features
    total = held = 0.0
    lowest = min(compress(bar, region), default=0)
    for i in compress(range(len(blocks)), page.prose):
        deeper = negs[blocks[i].node] - (bar[i] if region[i] else lowest)
        # (a weight to the power 0 is 1.0: the words as a float)
        words = (
            features[i].words * NEGATIVE_WEIGHT**deeper if deeper > 0 else float(features[i].words)
        )
        total += words
        held += words if region[i] else 0
    return held / total if total else 1.0


def _lines_outweigh(page: Page, region: list[bool]) -> bool:
    """Whether the region, though it holds little prose, holds far more unlinked text than
    the prose it leaves out: a page written in short lines (a poem, a diary in one-line
    paragraphs, a Japanese blog) has its body in the region and a blurb or two outside."""
    inside = outside = 0.0
    for f, held, prose in zip(page.features, region, page.prose, strict=True):
        if held:
            inside += f.words - f.linked_words
        elif prose:
            outside += f.words
    return inside >= outside * MIN_LINES_OVER_PROSE


def _page_wide(page: Page) -> list[bool]:
    """Fallback region: prose blocks and the short blocks sandwiched between them."""
    n = len(page.blocks)
    prose = [page.is_prose(i) for i in range(n)]
    inside = list(prose)
    last = -1
    for i in range(n):
        if prose[i]:
            if last >= 0 and i - last <= MAX_SANDWICH_GAP:
                for j in range(last + 1, i):
                    inside[j] = page.features[j].link_density <= page.thresholds.max_link_density
            last = i
    return inside


def _extend_back(page: Page, region: list[bool], bar: list[int], negs: list[int]) -> None:
    """A lede often sits apart, before the body's box: take prose found just before the
    region, passing over short lines (headline, byline, date) on the way."""
    if True not in region:
        return
    start = region.index(True)
    level = bar[start]
    i = start - 1
    while i >= 0 and start - i <= LEDE_LOOKBACK:
        f = page.features[i]
        # A standfirst may lack a full stop: length and no links are enough here.
        lede = f.words >= page.thresholds.long_words and f.link_density < MAX_LEDE_LINK_DENSITY
        if lede and negs[page.blocks[i].node] <= level:
            region[i] = True
            bar[i] = level
            start = i
        elif f.words > page.thresholds.short_words or f.link_density > MAX_SCORED_LINK_DENSITY:
            break
        i -= 1


def _standfirst(
    page: Page, region: list[bool], bar: list[int], negs: list[int], top: int | None
) -> None:
    """Between the headline and the body's box stand the byline, the date, a share bar, the
    lead picture, and the standfirst: a sentence or two under the headline, often without a
    full stop and shorter than a paragraph, which templates name as such. An unlinked line
    there, longer than a short one and so named, is taken for it."""
    if True not in region:
        return
    start = region.index(True)
    if top is None or not 0 < start - top <= MAX_STANDFIRST_SPAN:
        return
    level = bar[start]
    th = page.thresholds
    for i in range(top + 1, start):
        f = page.features[i]
        if (
            names_standfirst(page.nodes, page.blocks[i].node)
            and page.blocks[i].kind != "caption"
            and f.words > th.short_words
            and f.link_density < MAX_LEDE_LINK_DENSITY
        ):
            # Its name outweighs the <header> or "article-meta" box templates put it in.
            region[i] = True
            bar[i] = max(level, negs[page.blocks[i].node])


def _boxes_below_bar(
    page: Page, region: list[bool], bar: list[int], negs: list[int]
) -> dict[int, list[int]]:
    """The region's blocks that sit deeper in boilerplate-looking boxes than the region's own
    level, grouped by the outermost such box."""
    nodes = page.nodes
    boxes: dict[int, list[int]] = {}
    for i in compress(range(len(region)), region):
        at = page.blocks[i].node
        if negs[at] <= bar[i]:
            continue
        while nodes[at].parent >= 0 and negs[nodes[at].parent] > bar[i]:
            at = nodes[at].parent
        boxes.setdefault(at, []).append(i)
    return boxes


def _vindicate(page: Page, region: list[bool], bar: list[int], negs: list[int]) -> None:
    """A box of the region whose name reads as boilerplate ("subscriber-only", "section-and-ad",
    "social-history") but which is mostly prose and sits inside the article's flow is the
    article: prose of the region's own level stands both before and after it, or the region
    has no prose of its own level at all (the names are wrong, not the prose). A comment
    thread comes after the body and does not qualify. Its blocks take the box's level."""
    boxes = _boxes_below_bar(page, region, bar, negs)
    if not boxes:
        return
    # Prefix sums of the words of the region's own prose: before and after a box in O(1).
    own = [0]
    features = page.features
    for i, (block, reads) in enumerate(zip(page.blocks, page.prose, strict=True)):
        mine = reads and region[i] and negs[block.node] <= bar[i]
        own.append(own[-1] + (features[i].words if mine else 0))
    nodes = page.nodes
    for box, members in boxes.items():
        words = sum(page.features[i].words for i in members)
        prose = sum(page.features[i].words for i in members if page.is_prose(i))
        if not prose or prose < words * MIN_BOX_PROSE_SHARE:
            continue
        if nodes[box].tag in NEGATIVE_TAGS:  # a tag's meaning is no naming accident
            continue
        before = own[nodes[box].first_block]
        after = own[-1] - own[nodes[box].end_block]
        if not own[-1] or (before and after >= page.thresholds.long_words * MIN_FLOW_AFTER):
            for i in members:
                bar[i] = negs[box]


def _top_boxes(nodes: Sequence[Node], a: int, b: int) -> tuple[int, int]:
    """The two children of the lowest common ancestor of nodes ``a`` and ``b`` that hold them
    (``a`` or ``b`` itself when it is that child)."""
    while nodes[a].depth > nodes[b].depth + 1:
        a = nodes[a].parent
    while nodes[b].depth > nodes[a].depth + 1:
        b = nodes[b].parent
    while nodes[a].parent != nodes[b].parent or a == b:
        if nodes[a].depth >= nodes[b].depth:
            a = nodes[a].parent
        else:
            b = nodes[b].parent
        if a < 0 or b < 0:
            break
    return a, b


def _alike(page: Page, i: int, edge: int) -> bool:
    """Whether block ``i`` sits in a box of the same make as the region's edge block
    ``edge``: under their common ancestor, both are held by boxes of one tag and first class
    (a feature's components, a how-to's steps, a docs page's sections), or block ``i`` is a
    paragraph of that ancestor's own."""
    nodes = page.nodes
    mine, theirs = _top_boxes(nodes, page.blocks[i].node, page.blocks[edge].node)
    if mine < 0 or theirs < 0:
        return False
    a, b = nodes[mine], nodes[theirs]
    if mine == page.blocks[i].node:
        return a.tag == "p"
    same_make = a.tag == b.tag and a.tokens[:1] == b.tokens[:1]
    return same_make and page.hints[mine] >= page.hints[theirs]


def _sentences(page: Page, i: int) -> bool:
    """Prose, or a paragraph of a short sentence or two: stories, poems, dialogue and FAQs are
    written in short paragraphs, and they run on in the next box as long ones do."""
    if page.is_prose(i):
        return True
    f, th = page.features[i], page.thresholds
    return (
        page.blocks[i].kind == "paragraph"
        and f.sentence_ends > 0
        and f.words > th.short_words
        and f.link_density <= th.max_link_density
    )


def _fill_holes(page: Page, region: list[bool], bar: list[int], negs: list[int]) -> None:
    """Blocks between two parts of the region (a materials list between a how-to's intro and
    its steps) are the article's when, together, they carry few links, sit no deeper in
    boilerplate boxes than the region around them and hold prose, or body matter (two
    sentences or lines of a list or code: :func:`_body_matter`). A teaser box or a share bar
    in between is links; a byline and a date between a standfirst and the body are neither."""
    th = page.thresholds
    last = -1
    for i in compress(range(len(region)), region):  # it grows only behind i
        if 0 <= last < i - 1:
            hole = range(last + 1, i)
            level = min(bar[last], bar[i])
            words = sum(page.features[j].words for j in hole)
            links = sum(page.features[j].linked_words for j in hole)
            if (
                words
                and links <= words * th.max_link_density
                and all(negs[page.blocks[j].node] <= level for j in hole)
                and (
                    any(page.is_prose(j) for j in hole)
                    or sum(_body_matter(page, j) for j in hole) >= MIN_RUN_PROSE
                )
            ):
                for j in hole:
                    region[j] = True
                    bar[j] = level
        last = i


def _body_matter(page: Page, i: int) -> bool:
    """What an article's next box holds: sentences (:func:`_sentences`), or the lines of a
    list, a table or a code block with few links (a materials list, a how-to's table)."""
    if _sentences(page, i):
        return True
    f = page.features[i]
    return (
        page.blocks[i].kind in _MATTER_KINDS
        and f.words > 0
        and f.link_density <= page.thresholds.max_link_density
    )


def _extend_runs(
    page: Page, region: list[bool], bar: list[int], negs: list[int], top: int | None
) -> None:
    """An article cut into sibling boxes (a feature's components, a how-to's steps, a docs
    page's sections) goes on past the region's box: prose just before or after the region, at
    most a few short blocks apart from it and from each other, no deeper in boilerplate boxes
    and in a box of the same make, joins it, with the short blocks between (jusText's context
    idea, across boxes), two prose blocks at a time: a lone copyright line or teaser summary
    does not. A line of links of some length (a teaser list) ends the run, and going back, the
    headline."""
    if True not in region:
        return
    n = len(page.blocks)
    th = page.thresholds
    for step in (1, -1):
        edge = (n - 1 - region[::-1].index(True)) if step == 1 else region.index(True)
        # Going back, the article starts at its headline: what stands above is the page's.
        stop = n if step == 1 else (top if top is not None and top < edge else -1)
        level = bar[edge]
        i = edge + step
        pending: list[int] = []  # blocks waiting for a second prose block to join
        found = gap = 0
        running = crossed = False
        while 0 <= i < n and i != stop and not region[i]:
            f = page.features[i]
            pending.append(i)
            if (
                (_sentences(page, i) if crossed else _body_matter(page, i))
                and negs[page.blocks[i].node] <= level
                and _alike(page, i, edge)
            ):
                found += 1
                # A run goes on a block at a time, up to the first gap in it.
                if found >= MIN_RUN_PROSE or (running and not gap):
                    for j in pending:
                        region[j] = True
                        bar[j] = level
                    pending = []
                    found = 0
                    running = True
                gap = 0
            elif gap < MAX_SANDWICH_GAP and not (
                f.words > th.short_words and f.link_density > th.max_link_density
            ):
                # A box of short links set into the article (its author's other columns, a
                # "read also" box) is one gap however many lines it has; past it, only
                # sentences go on with the article (a menu's lists do not), and another
                # line of links ends the run (teasers).
                if _link_line(page, i) and pending[:-1] and _link_line(page, i - step):
                    crossed = True
                elif crossed and _link_line(page, i):
                    break
                else:
                    gap += 1
                running = False
            else:
                break
            i += step


def _link_line(page: Page, i: int) -> bool:
    """A short line that is all links: a menu's, a teaser box's."""
    f = page.features[i]
    return 0 < f.words <= page.thresholds.short_words and f.link_density >= MIN_MENU_LINK_DENSITY


def _fallback_level(page: Page, negs: list[int]) -> int:
    """The boilerplate depth the page-wide fallback accepts: that of the shallowest prose.
    Comment threads often outweigh a short post, but they sit deeper in boilerplate boxes."""
    return min((negs[b.node] for i, b in enumerate(page.blocks) if page.is_prose(i)), default=0)


def _link_limit(page: Page, i: int, last_prose: int) -> float:
    """How linked a block in the region may be: a paragraph of sentences whose links cite
    sources may carry more links than a loose line, and so may a list item of some length
    that stands before the region's last prose (a reading list or a list of sources inside
    the body; after the body, such a list is "more stories")."""
    block, f = page.blocks[i], page.features[i]
    cites = block.kind == "paragraph" and f.sentence_ends > 0
    annotated = block.kind == "item" and f.words > page.thresholds.short_words and i < last_prose
    if cites or annotated:
        return max(page.thresholds.max_link_density, MAX_SENTENCE_LINK_DENSITY)
    return page.thresholds.max_link_density


def classify(page: Page, *, declared_thread: bool = False) -> tuple[Page, Labels]:
    """Find the region (returned on the page) and a first verdict for every block.
    ``declared_thread``: the page's structured data calls it a forum or Q&A thread."""
    n = len(page.blocks)
    th = page.thresholds
    negs = negative_depths(page)
    region = [False] * n
    # The bar per block: enclosing boilerplate elements at the region's own level.
    bar = [0] * n
    top = headline(page)
    members = _region_members(page, negs, top)
    for m in members:
        node = page.nodes[m]
        first, end = node.first_block, node.end_block
        if end > first:  # (a slice of negative length would not be a no-op)
            region[first:end] = [True] * (end - first)
            bar[first:end] = [negs[m]] * (end - first)
    _fill_holes(page, region, bar, negs)
    _extend_back(page, region, bar, negs)
    _vindicate(page, region, bar, negs)
    _extend_runs(page, region, bar, negs, top)
    _standfirst(page, region, bar, negs, top)
    # On a thread page the posts are the content, each at its own boilerplate level.
    thread = find_thread(page, members, declared=declared_thread)
    posts: list[bool | None] = [None] * n if thread else []
    for i, box, forgiven in thread_blocks(page, thread) if thread else ():
        region[i] = True
        bar[i] = negs[box] + forgiven
        posts[i] = is_post_text(page, i)
    if (
        n
        and not thread
        and _share_of_prose(page, region, bar, negs) < th.min_region_share
        and not _lines_outweigh(page, region)
    ):
        region = _page_wide(page)
        bar = [_fallback_level(page, negs)] * n
    page = replace(page, region=tuple(region), posts=tuple(posts))
    # The last prose block of the region: lists before it are inside the body.
    last_prose = next((i for i in range(n - 1, -1, -1) if region[i] and page.prose[i]), -1)
    labels: Labels = [None if inside else OUTSIDE for inside in region]
    features, blocks = page.features, page.blocks
    if th.keep_outside_region:  # prose outside the region, unless in a boilerplate box
        for i in compress(range(n), page.prose):
            if not region[i] and features[i].class_score >= 0:
                labels[i] = None
    # No block's link limit is below the page's (see _link_limit): under it, none is asked.
    base = th.max_link_density
    for i in compress(range(n), region):
        f = features[i]
        if f.words and f.link_density > base and f.link_density > _link_limit(page, i, last_prose):
            labels[i] = LINK_TEXT
        elif negs[blocks[i].node] > bar[i] and f.words < MIN_UNDENIABLE_WORDS:
            labels[i] = BOILERPLATE_CONTAINER
    return page, labels
