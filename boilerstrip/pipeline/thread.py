"""Forum and Q&A threads: pages whose content is a run of posts (a question, its answers, the
replies and comments), not one article.

On an article page the comments under the post are boilerplate; on a thread page they are the
content. A thread is recognised by what forum and Q&A software share, never by a site's names:

- a group of sibling containers built alike (one tag, the same class names once numbers are
  set aside), each holding several blocks (a user name, a date, buttons) around a body of
  unlinked text: the posts;
- that group holds the page's main text: the region the scores found lies inside it (the
  opening post is one of the posts), or the page declares itself a forum thread or a Q&A page
  (schema.org ``DiscussionForumPosting``, ``QAPage``, ``Question``/``Answer`` in microdata or
  JSON-LD), or the posts are named as answers;
- or the scores chose the opening post alone, and the replies after it are made by its template:
  their text sits in the kind of box the opening post's does, and they share its other boxes
  (a user line, a date line), however few they are and whatever their boxes are called.

A blog post with comments has the comments' group too, but its article stands outside it, in a
box of its own that outscores any one comment: it is not a thread.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate

from lxml import etree

from ..config import (
    BODY_BOX_LEVELS,
    FAQ_TYPES,
    JSON_LD_META,
    MAX_POST_DATE_WORDS,
    MAX_POST_LINK_DENSITY,
    MIN_DECLARED_POSTS,
    MIN_DECLARED_THREAD_SHARE,
    MIN_OPENING_SHARE,
    MIN_POST_BODY_WORDS,
    MIN_POSTS,
    MIN_POSTS_WITH_BODY,
    MIN_REGION_SHARE_OF_POSTS,
    MIN_SHARED_POST_BOXES,
    MIN_THREAD_SHARE,
    NAMED_POST_DEPTH,
    THREAD_HEAD_LEVELS,
    THREAD_ITEM_TYPES,
    THREAD_TYPES,
)
from ..text.bylines import names_a_date
from ..text.phrases import phrase
from .features import hint
from .page import Page
from .segment import Node
from .walk import itemtypes

#: Tags a post container can have: boxes, not the leaves that hold one line of text.
_POST_TAGS = frozenset({"div", "li", "article", "section", "table", "tbody", "tr", "dl"})
#: Tokens with a digit name one post ("post-4401"), not the kind of box.
_DIGIT_RE = re.compile(r"\d")
#: Whole sub-words of class/id values that name posts as answers (Q&A boards).
_ANSWER_RE = re.compile(r"(?<![a-z])answers?(?![a-z])")
#: Whole sub-words of class/id values that name a box as a post of a forum thread.
_NAMED_POST_RE = re.compile(r"(?<![a-z])(?:posts?|repl(?:y|ies)|answers?|messages?)(?![a-z])")
#: A box named as a comment is a blog's comment, whatever else its classes say ("comment
#: thread-even": WordPress names every comment so).
_COMMENT_RE = re.compile(r"(?<![a-z])comments?(?![a-z])")
#: A class/id value that names one post or comment: the word as a whole sub-word, not followed
#: by a word for the text inside ("post-content" and "post-body" name an article's text too).
_POST_TOKEN_RE = re.compile(
    r"(?<![a-z])(?:post|reply|answer|message|comment)(?![a-z])(?!.*(?:content|body|text))"
)
#: Whole sub-words by which class/id values name a thread's own boxes.
_THREAD_WORD_RE = re.compile(
    r"(?<![a-z])(?:comments?|repl(?:y|ies)|answers?|messages?|posts?|threads?|discussions?)"
    r"(?![a-z])"
)
#: A JSON-LD ``@type``: one quoted name or a list of them.
_JSON_LD_TYPE_RE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED_RE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Thread:
    """The posts of a thread page, as node indices in document order, and why it is one."""

    posts: tuple[int, ...]
    reason: str


def declares_thread(root: etree._Element | None) -> bool:
    """Whether the page's structured data calls it a forum thread or a Q&A page: a schema.org
    type among :data:`~boilerstrip.config.THREAD_TYPES` as an ``itemtype`` or a JSON-LD
    ``@type``; a ``Question`` or an ``Answer`` does not on an FAQ page."""
    types = _declared_types(root)
    if not types & THREAD_TYPES:
        return False
    return bool(types & (THREAD_TYPES - THREAD_ITEM_TYPES)) or not types & FAQ_TYPES


def _declared_types(root: etree._Element | None) -> set[str]:
    """The schema.org type names of the page: ``itemtype`` values and JSON-LD ``@type``s."""
    types: set[str] = set()
    if root is None:
        return types
    for value in itemtypes(root):
        types.update(t.rstrip("/").rpartition("/")[2] for t in value.split())
    head = root.find("head")
    for meta in head.iter("meta") if head is not None else ():
        if meta.get("name") == JSON_LD_META:
            for declared in _JSON_LD_TYPE_RE.findall(meta.get("content") or ""):
                types.update(_QUOTED_RE.findall(declared))
    return types


def _signature(page: Page, node: int) -> tuple[str, str]:
    """What posts of one thread share: their tag and first class name, numbers set aside
    ("post post-4401" and "post post-first" are both "post")."""
    nd = page.nodes[node]
    for t in nd.tokens:
        if not _DIGIT_RE.search(t):
            return nd.tag, t
    return nd.tag, ""


def _dated(text: str) -> bool:
    """A post's date line: a date with its numbers ("Apr 12, 2025", "2023-07-06 23:19",
    "7 days ago"), not a month's name alone (a headline's "May")."""
    # casefolding keeps every digit a digit and makes none, and the phrase drops only spaces
    # and punctuation: a text without digits is read no further
    return any(map(str.isdigit, text)) and names_a_date(phrase(text))


def _inner_signatures(page: Page, node: int) -> set[tuple[str, str]]:
    """The tag and first class name of the named boxes one and two levels inside ``node``
    (levels of named boxes: an old board's unnamed table rows and cells add none),
    numbers and all: a template's generated class names ("css-1y6aorq") repeat in every post,
    and a post's own id ("message-4401") in none other."""
    nodes = page.nodes
    depth = nodes[node].depth
    out = set()
    # Levels count named boxes only: a table's unnamed tbody, tr and td add none.
    level = {node: 0}
    for k in range(node + 1, len(nodes)):
        inner = nodes[k]
        if inner.depth <= depth:
            break
        up = inner.parent
        level[k] = level[up] + (1 if up == node or nodes[up].tokens else 0)
        if level[k] <= NAMED_POST_DEPTH and inner.tokens:
            out.add((inner.tag, inner.tokens[0]))
    return out


def _built_alike(page: Page, members: Sequence[int]) -> bool:
    """Whether most of the group's boxes hold a named box of the same kind (a post body, a
    profile card): posts are made by one template; an article's sections are not."""
    counts: dict[tuple[str, str], int] = {}
    for m in members:
        for sig in _inner_signatures(page, m):
            counts[sig] = counts.get(sig, 0) + 1
    return max(counts.values(), default=0) >= len(members) * MIN_POSTS_WITH_BODY


def _is_post(page: Page, node: int, dated: dict[int, bool]) -> bool:
    """A box shaped like a post: a body of unlinked text among other blocks (a user name, a
    date, buttons), and a date line or a class name that says post, reply, answer...
    ``dated``: the blocks already read for a date line (:func:`_dated`), by index: a block
    inside nested groups is read once."""
    nd = page.nodes[node]
    if nd.end_block - nd.first_block < 2:
        return False
    features = page.features
    for i in range(nd.first_block, nd.end_block):
        f = features[i]
        if (
            f.link_density <= MAX_POST_LINK_DENSITY
            and f.words - f.linked_words >= MIN_POST_BODY_WORDS
        ):
            break
    else:
        return False  # no body
    for i in range(nd.first_block, nd.end_block):
        if features[i].words <= MAX_POST_DATE_WORDS:
            known = dated.get(i)
            if known is None:
                known = dated[i] = _dated(page.blocks[i].text)
            if known:
                return True
    nodes = page.nodes
    for k in range(node, len(nodes)):
        inner = nodes[k]
        if k > node and inner.depth <= nd.depth:
            break
        if inner.depth <= nd.depth + NAMED_POST_DEPTH and any(
            _POST_TOKEN_RE.search(t) for t in inner.tokens
        ):
            return True
    return False


def _mostly_posts(page: Page, members: Sequence[int], least: int, dated: dict[int, bool]) -> bool:
    """Whether at least ``least`` of ``members``, and most of them, are shaped like posts
    (:func:`_is_post`); stops reading as soon as the answer is known."""
    need = len(members) * MIN_POSTS_WITH_BODY
    posts = 0
    left = len(members)
    for m in members:
        left -= 1
        if _is_post(page, m, dated):
            posts += 1
            if posts >= least and posts >= need:
                return True
        elif posts + left < least or posts + left < need:
            return False
    return False


def _alike_siblings(page: Page, least: int) -> list[list[int]]:
    """Groups of at least ``least`` sibling boxes built alike (:func:`_signature`), each in
    document order; the groups in the order of their parents, then of their first boxes."""
    boxes = [nd for nd in page.nodes if nd.tag in _POST_TAGS and nd.parent >= 0]
    siblings = Counter([nd.parent for nd in boxes])
    return _grouped(page, [nd for nd in boxes if siblings[nd.parent] >= least], least)


def _grouped(page: Page, boxes: Sequence[Node], least: int) -> list[list[int]]:
    """``boxes`` (in document order) grouped by parent and :func:`_signature`: the groups of at
    least ``least``, in the order of their parents, then of their first boxes."""
    groups: dict[tuple[int, str, str], list[int]] = {}
    for nd in boxes:
        tag, first = _signature(page, nd.index)
        groups.setdefault((nd.parent, tag, first), []).append(nd.index)
    found = [members for members in groups.values() if len(members) >= least]
    found.sort(key=lambda members: (page.nodes[members[0]].parent, members[0]))
    return found


def post_groups(page: Page, least: int = MIN_POSTS) -> list[tuple[int, ...]]:
    """Groups of sibling boxes built alike (:func:`_alike_siblings`), at least ``least`` and
    most of them shaped like posts (:func:`_is_post`): candidate threads, each in document
    order; the groups in the order of their parents, then of their first boxes."""
    nodes = page.nodes
    # A post holds two blocks or more (:func:`_is_post`): a parent with fewer than ``least``
    # such boxes (a menu's one-line items) has no group of posts, so its boxes go unread.
    room = Counter(
        [nd.parent for nd in nodes if nd.end_block - nd.first_block >= 2 and nd.tag in _POST_TAGS]
    )
    busy = {parent for parent, n in room.items() if n >= least and parent >= 0}
    if not busy:
        return []
    dated: dict[int, bool] = {}
    return [
        tuple(members)
        for members in _grouped(
            page, [nd for nd in nodes if nd.parent in busy and nd.tag in _POST_TAGS], least
        )
        if _mostly_posts(page, members, least, dated)
    ]


def _words(page: Page, node: int) -> int:
    nd = page.nodes[node]
    return sum(f.words - f.linked_words for f in page.features[nd.first_block : nd.end_block])


def _named_posts(page: Page, members: Sequence[int]) -> bool:
    """Whether most of the group's boxes, or the boxes just inside them, have a class name
    that says post, reply, answer or message, and none names them comments (a blog's word)."""
    nodes = page.nodes
    named = 0
    for m in members:
        nd = nodes[m]
        own = " ".join(nd.tokens)
        if _COMMENT_RE.search(own) and not _NAMED_POST_RE.search(own):
            continue
        for k in range(m, len(nodes)):
            inner = nodes[k]
            if k > m and (inner.depth <= nd.depth or inner.depth > nd.depth + NAMED_POST_DEPTH):
                if inner.depth <= nd.depth:
                    break
                continue
            if _NAMED_POST_RE.search(" ".join(inner.tokens)):
                named += 1
                break
    return named >= len(members) * MIN_POSTS_WITH_BODY


def find_thread(page: Page, region: Sequence[int], *, declared: bool = False) -> Thread | None:
    """The posts of ``page`` when it is a thread (see the module's doc), else ``None``.
    ``region``: the nodes the scores chose as the main content; ``declared``: whether the
    page's structured data calls it a thread (:func:`declares_thread`)."""
    found = _thread_of_posts(page, region, declared=declared)
    if found is None:
        found = _replies_like_head(page, region)
    return found


def _thread_of_posts(page: Page, region: Sequence[int], *, declared: bool) -> Thread | None:
    groups = post_groups(page, MIN_DECLARED_POSTS if declared else MIN_POSTS)
    if not groups:
        return None
    nodes = page.nodes
    # unlinked words of the blocks before each block: a box's words in one subtraction
    before = list(accumulate((f.words - f.linked_words for f in page.features), initial=0))
    total = before[-1] or 1
    held = sum(_words(page, r) for r in region)
    weighed = [
        (sum(before[nodes[m].end_block] - before[nodes[m].first_block] for m in g), g)
        for g in groups
    ]
    for words, members in sorted(weighed, key=lambda wg: -wg[0]):
        first = nodes[members[0]].first_block
        end = nodes[members[-1]].end_block
        inside = any(first <= nodes[r].first_block and nodes[r].end_block <= end for r in region)
        around = any(nodes[r].first_block <= first and end <= nodes[r].end_block for r in region)
        # read only where it can decide (a group neither inside nor around the region)
        alike = (inside or around) and _built_alike(page, members)
        if inside and alike:
            return Thread(members, "region-in-posts")
        if (
            around
            and alike
            and words >= held * MIN_REGION_SHARE_OF_POSTS
            and _named_posts(page, members)
        ):
            return Thread(members, "posts-in-region")
        if declared and words >= total * MIN_DECLARED_THREAD_SHARE:
            return Thread(members, "declared")
        named_answers = any(_ANSWER_RE.search(" ".join(nodes[m].tokens)) for m in members)
        if named_answers and words >= total * MIN_THREAD_SHARE:
            return Thread(members, "answers")
    return None


def _box_kinds(page: Page, node: int) -> set[tuple[str, str]]:
    """The tag and first class name of every named box inside ``node``, ``node`` left out."""
    nodes = page.nodes
    depth = nodes[node].depth
    out = set()
    for k in range(node + 1, len(nodes)):
        inner = nodes[k]
        if inner.depth <= depth:
            break
        if inner.tokens:
            out.add((inner.tag, inner.tokens[0]))
    return out


def _shared_boxes(page: Page, opening: int, members: Sequence[int]) -> int:
    """How many kinds of named box (:func:`_box_kinds`) the opening post holds that most
    replies hold too: a post's user line, date line and text box, made by one template."""
    counts: dict[tuple[str, str], int] = {}
    for m in members:
        kinds = _box_kinds(page, m)
        own = page.nodes[m]
        if own.tokens:
            kinds.add((own.tag, own.tokens[0]))
        for kind in kinds:
            counts[kind] = counts.get(kind, 0) + 1
    written = sum(1 for m in members if _words(page, m))  # not an empty placeholder
    least = written * MIN_POSTS_WITH_BODY
    return sum(1 for kind in _box_kinds(page, opening) if counts.get(kind, 0) >= least)


def _unlinked(page: Page, first: int, end: int) -> int:
    """Unlinked words of blocks ``first <= i < end``."""
    return sum(f.words - f.linked_words for f in page.features[first:end])


def _child_holding(page: Page, parent: int, block: int) -> int:
    """The box just inside ``parent`` that holds ``block`` (``parent`` itself when none)."""
    nodes = page.nodes
    node = page.blocks[block].node
    while node >= 0 and nodes[node].parent != parent:
        node = nodes[node].parent
    return node if node >= 0 else parent


def _longest_block(page: Page, region: Sequence[int]) -> int:
    """The block of ``region`` with the most unlinked words (-1 for none)."""
    best, most = -1, 0
    for r in region:
        nd = page.nodes[r]
        for i in range(nd.first_block, nd.end_block):
            f = page.features[i]
            if f.words - f.linked_words > most:
                best, most = i, f.words - f.linked_words
    return best


def _named_box(page: Page, node: int) -> int:
    """The nearest box from ``node`` up that has a class name (-1 for none within
    :data:`~boilerstrip.config.BODY_BOX_LEVELS`): the box a post's text is set in."""
    nodes = page.nodes
    for _ in range(BODY_BOX_LEVELS):
        if node < 0 or nodes[node].tokens:
            return node
        node = nodes[node].parent
    return -1


def _holds(outer: Node, inner: Node) -> bool:
    """Whether ``inner``, a box with text, is ``outer`` or lies inside it."""
    return (
        inner.index >= outer.index
        and outer.first_block <= inner.first_block
        and inner.end_block <= outer.end_block
    )


def _holds_any(outer: Node, texts: Sequence[Node], starts: Sequence[int]) -> bool:
    """Whether ``outer`` holds one of ``texts`` (:func:`_holds`): boxes with text, in node
    order, ``starts`` their first blocks. A text ``outer`` holds starts in its blocks (it has
    one at least), so only those are read: reading every text for every box of a group took
    time quadratic in the replies (4,000 replies: 8 million reads, 0.8 s)."""
    i = bisect_left(starts, outer.first_block)
    while i < len(texts) and starts[i] < outer.end_block:
        if _holds(outer, texts[i]):
            return True
        i += 1
    return False


def _replies_like_head(page: Page, region: Sequence[int]) -> Thread | None:
    """A thread whose replies set their text in the same kind of box as the opening post
    (the region) above them: a question and its answers, a post and its replies, made by one
    template, however few the replies (two) and whatever their boxes are called. A blog's
    comments are not: the article's body box is not a comment's."""
    longest = _longest_block(page, region)
    box = _named_box(page, page.blocks[longest].node) if longest >= 0 else -1
    if box < 0:
        return None
    nodes = page.nodes
    if _words(page, box) < sum(_words(page, r) for r in region) * MIN_OPENING_SHARE:
        return None  # the longest line is not the region's text (a teaser beside it)
    tag, name = nodes[box].tag, nodes[box].tokens[0]
    kin = [nd for nd in nodes if nd.tokens and nd.tokens[0] == name and nd.tag == tag]
    # the scores chose the opening post alone: the replies lie after all of it
    after = max(max(nodes[r].end_block for r in region), nodes[box].end_block)
    texts = [
        nd
        for nd in kin
        if nd.first_block >= after and _words(page, nd.index) >= MIN_POST_BODY_WORDS
    ]
    if len(texts) < MIN_DECLARED_POSTS:
        return None  # fewer replies set like the opening post than a thread has
    starts = [nd.first_block for nd in texts]  # in node order, so in block order
    found: Thread | None = None
    most = 0
    for members in _alike_siblings(page, MIN_DECLARED_POSTS):
        if nodes[members[0]].first_block < after:
            continue
        held = sum(1 for m in members if _holds_any(nodes[m], texts, starts))
        written = sum(1 for m in members if _words(page, m))  # not an empty placeholder
        if held < MIN_DECLARED_POSTS or held < written * MIN_POSTS_WITH_BODY:
            continue
        thread = Thread(tuple(members), "replies-like-head")
        head, at = _head(page, thread)
        if longest not in head:
            continue  # the opening post is not the head of these replies
        opening = _child_holding(page, at, longest)
        start = nodes[members[0]].first_block
        words = sum(_words(page, m) for m in members)
        if _unlinked(page, nodes[opening].end_block, start) >= words:
            continue  # more text between them than in the replies: not its replies
        if _shared_boxes(page, opening, members) < MIN_SHARED_POST_BOXES:
            continue  # the opening post is not built like the replies (an article and comments)
        end = nodes[members[-1]].end_block
        if any(
            not nodes[opening].first_block <= nd.first_block < nodes[opening].end_block
            and not start <= nd.first_block < end
            for nd in kin
        ):
            continue  # a box the page uses elsewhere ("item", "content") is no post's own
        if words > most:
            found, most = thread, words
    return found


def _is_body(page: Page, i: int) -> bool:
    """A block that reads as what a user wrote: a sentence of some unlinked words, few links
    (a line of counts, "Asked 2 days ago · Viewed 312 times", is not)."""
    f = page.features[i]
    return (
        page.blocks[i].kind != "heading"
        and f.link_density <= MAX_POST_LINK_DENSITY
        and f.words - f.linked_words >= page.thresholds.short_words
        and f.sentence_ends > 0
    )


def is_post_text(page: Page, i: int) -> bool:
    """Whether block ``i`` of a thread reads as what a user wrote, however short ("Fixed it,
    thanks!"): a paragraph, or a few unlinked words that make a sentence or a long line; not
    link text. A user name, a badge, a date, a row of counts or buttons is not."""
    f = page.features[i]
    unlinked = f.words - f.linked_words
    if f.link_density > page.thresholds.max_link_density or not unlinked:
        return False
    if page.blocks[i].kind == "paragraph":  # a paragraph in a post is the user's, "Thanks!" too
        return True
    return unlinked >= MIN_POST_BODY_WORDS and (
        f.sentence_ends > 0 or unlinked >= page.thresholds.long_words
    )


def _head(page: Page, thread: Thread) -> tuple[range, int]:
    """The opening post when it stands apart, before the replies' group (a question above its
    answers, a post above its comments): from the first body block found before the group in
    its nearest enclosing boxes, to the group; with the box that holds both."""
    nodes = page.nodes
    start = nodes[thread.posts[0]].first_block
    at = nodes[thread.posts[0]].parent
    for _ in range(THREAD_HEAD_LEVELS):
        if at < 0:
            break
        nd = nodes[at]
        first = next((i for i in range(nd.first_block, start) if _is_body(page, i)), None)
        if first is not None:
            return range(first, start), at
        at = nd.parent
    return range(0), -1


def _without_thread_words(node: Node) -> Node:
    """``node`` with the thread's words taken out of its class names ("comment-body" reads
    "-body", "post-signature" still "-signature")."""
    return replace(node, tokens=tuple(_THREAD_WORD_RE.sub("", t) for t in node.tokens))


def _forgiven(page: Page, node: int, top: int, known: _Forgiveness) -> int:
    """Boxes from ``node`` up to ``top`` (not counted) that read as boilerplate only because a
    thread's word names them ("comment-body", "reply-content", "answers"): on a thread page
    they hold the content. A signature or a profile box keeps its weight. ``known``: what
    earlier calls with the same ``top`` found (a post's blocks share most of their boxes)."""
    nodes = page.nodes
    counts = known.counts
    unread: list[int] = []
    count = 0
    while node >= 0 and node != top:
        found = counts.get(node)
        if found is not None:
            count = found
            break
        unread.append(node)
        node = nodes[node].parent
    for k in reversed(unread):
        if page.hints[k] < 0 and known.forgives(nodes[k]):
            count += 1
        counts[k] = count
    return count


@dataclass(slots=True)
class _Forgiveness:
    """What :func:`_forgiven` has read on one thread: per box below the current ``top``, its
    count of forgiven boxes; per tag and class names, whether the thread's words alone make
    such a box boilerplate (posts repeat their boxes' names)."""

    counts: dict[int, int] = field(default_factory=dict)
    kinds: dict[tuple[str, tuple[str, ...]], bool] = field(default_factory=dict)

    def forgives(self, node: Node) -> bool:
        key = (node.tag, node.tokens)
        answer = self.kinds.get(key)
        if answer is None:
            answer = self.kinds[key] = hint(_without_thread_words(node)) >= 0
        return answer

    def below(self) -> _Forgiveness:
        """The same, for another ``top``: the counts start again, the kinds are kept."""
        return _Forgiveness(kinds=self.kinds)


def thread_blocks(page: Page, thread: Thread) -> Iterator[tuple[int, int, int]]:
    """Every block of the thread (its opening post, when apart, and its posts) as ``(block,
    box, forgiven)``: the block is judged at the boilerplate level of ``box`` (its post, or the
    box holding the opening post and the group) plus ``forgiven`` boxes named by the thread's
    own words between them (:func:`_forgiven`), so that a signature still goes."""
    head, box = _head(page, thread)
    known = _Forgiveness()
    for i in head:
        yield i, box, _forgiven(page, page.blocks[i].node, box, known)
    for post in thread.posts:
        known = known.below()
        nd = page.nodes[post]
        for i in range(nd.first_block, nd.end_block):
            yield i, post, _forgiven(page, page.blocks[i].node, post, known)
