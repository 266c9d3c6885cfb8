"""Every threshold and word list of the pipeline, in one place, each with why it has its value.

Word lists are data: per language tuples of lower-case phrases, matched against whole short
blocks (see :mod:`boilerstrip.pipeline.filters`). Add a language by adding entries, not code.

Why one long module: the thresholds are tuned against each other (a filter's word limit
against classification's, the headline's weight against a paragraph's length points), so they
stand together where one reading shows them all, each with a line on why it has its value; the
stages import what they use. It imports only :data:`boilerstrip.article.Mode` (the bottom).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from .article import Mode

# --- features -------------------------------------------------------------------------------

#: Wrap width for text density, in columns: boilerpipe wraps at 80.
WRAP_COLUMNS: Final = 80
#: Columns one CJK/Thai character counts for when wrapping: an English word plus its space is
#: about six columns, and a character is counted as one token, so six keeps tokens per line (and
#: so text density) comparable across scripts.
CJK_COLUMNS: Final = 6


# --- class and id hints ------------------------------------------------------------------------
# Class, id, role and itemprop values are cut into sub-words at every non-letter ("site-footer"
# gives "site", "footer"; "commentList" gives "commentlist"). Long, distinctive hints match
# anywhere in a sub-word ("leftsidebar"); shorter ones only at its start ("searchform", not
# "research"); the shortest must be the whole sub-word ("bio", not "biology").

#: Characters of an element's class, id, role and itemprop values read for tokens (cut at a
#: space): long utility-class lists stay well under it, and hint patterns searched over a
#: value megabytes long cost a second.
MAX_TOKEN_CHARS: Final = 2000

#: With ``max_elements`` block-level elements, the segment walk reads at most this many times
#: as many inline elements (spans, links, line breaks...). One costs 2-6 us of Python (the walk,
#: and the markup walk for ``extract``) against a block-level element's 30-60 us, so the two
#: limits cost about the same; the most of any development page is 10,320 elements in all.
INLINE_PER_BLOCK_ELEMENT: Final = 20

#: Reading a node's tag and parent up from a kept block's node (Python, one node at a time)
#: costs about this many times as much per node as reading those of every node (C loops):
#: with fewer kept blocks than the nodes over this, the markup reads only the nodes above them.
#: Speed only: both ways give the same records (tests/test_big4_markup.py runs both).
MARKUP_UP_COST: Final = 4

#: Frames (lists, quotes, tables, figures) nest at most this deep in the structured markup;
#: deeper ones are read as the frame they sit in. Real pages nest a handful, and the output
#: forms walk frames recursively: 300 nested lists made ``to_html()`` exceed Python's
#: recursion limit.
MAX_FRAME_DEPTH: Final = 32

#: Anywhere in a sub-word: boilerplate containers.
NEGATIVE_INFIXES: Final = (
    "sidebar",
    "footer",
    "widget",
    "banner",
    "breadcrumb",
    "masthead",
    "related",
    "sharing",
    "social",
    "comment",
    "disqus",
    "sponsor",
    "advert",
    "cookie",
    "consent",
    "newsletter",
    "popup",
    "toolbar",
    "paginat",
    "byline",
    "dateline",
    "timestamp",
    "tagcloud",
    "recommend",
    "trending",
    "outbrain",
    "taboola",
    "menu",
    "nav",
    "signature",
)
#: At the start of a sub-word: boilerplate containers.
NEGATIVE_PREFIXES: Final = (
    "share",
    "respond",
    "repl",
    "promo",
    "subscri",
    "signup",
    "modal",
    "pager",
    "author",
    "popular",
    "mostread",
    "teaser",
    "skip",
    "search",
    "login",
    "utility",
    "complementary",
    "contentinfo",
    "credit",
    "postprofile",
    "userinfo",
)
#: The whole sub-word: boilerplate containers.
NEGATIVE_WORDS: Final = frozenset(
    {
        "ad",
        "ads",
        "adslot",
        "bio",
        "tags",
        "tag",
        "rail",
        "aside",
        "toc",
        "meta",
        "print",
        "copyright",
        "legal",
        "sns",
    }
)
#: Sub-words that hold a negative hint but are ordinary words.
HINT_EXCEPTIONS: Final = frozenset({"commentary", "canvas", "unavailable", "navigable"})
#: Anywhere in a sub-word: the article's own container.
POSITIVE_INFIXES: Final = (
    "article",
    "content",
    "entry",
    "story",
    "postbody",
    "blog",
    "prose",
    "markdown",
    "bodytext",
    "maintext",
)
#: The whole sub-word: the article's own container.
POSITIVE_WORDS: Final = frozenset({"text", "body", "main", "post", "rte", "copy"})
#: Tags that are boilerplate containers by their semantics.
NEGATIVE_TAGS: Final = frozenset({"nav", "footer", "aside", "form", "header", "menu"})
#: Tags that hold the page's main content by their semantics.
POSITIVE_TAGS: Final = frozenset({"article", "main"})


# --- classification thresholds, per mode ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The numbers classification and filters compare features against."""

    #: A block with at least this many tokens and punctuation reads as prose on its own.
    long_words: int
    #: Above this link density a block is link text (menus, teaser lists), not prose.
    max_link_density: float
    #: Prose blocks outside the main region are kept only in recall mode.
    keep_outside_region: bool
    #: A block of at most this many tokens is "short": judged by its neighbours.
    short_words: int
    #: Fraction of the page's prose the main region must hold, else the page-wide fallback runs.
    min_region_share: float
    #: Lines (not headings, list items, cells or code) shorter than this are dropped at the end;
    #: 0 keeps them. Only precision mode sets it: short lines are where doubt lives.
    min_kept_words: int = 0


#: Precision mode's shortest kept line, in tokens.
PRECISION_MIN_WORDS: Final = 12
#: Balanced: boilerpipe finds 10+ words with link density under 1/3 separates content well.
_BALANCED = Thresholds(
    long_words=20,
    max_link_density=0.33,
    keep_outside_region=False,
    short_words=8,
    min_region_share=0.35,
)
THRESHOLDS: Final = MappingProxyType(
    {
        "balanced": _BALANCED,
        # Precision: the same region as balanced, but link text and short lines go.
        "precision": Thresholds(
            long_words=20,
            max_link_density=0.33,
            keep_outside_region=False,
            short_words=8,
            min_region_share=0.35,
            min_kept_words=PRECISION_MIN_WORDS,
        ),
        # Recall: lighter link text passes and prose outside the region is kept.
        "recall": Thresholds(
            long_words=15,
            max_link_density=0.5,
            keep_outside_region=True,
            short_words=6,
            min_region_share=0.5,
        ),
    }
)


def thresholds_for(mode: Mode) -> Thresholds:
    return THRESHOLDS[mode]


#: Readability's content score of a prose block: 1 + commas + one point per 100 characters,
#: at most this many.
MAX_LENGTH_POINTS: Final = 3.0
#: Commas a block's score counts at most (Readability counts them all). Without a bound one
#: block of hundreds of commas (a video's transcript set into the story) outscored a whole
#: article cut into sections of ordinary paragraphs. A long paragraph has about ten. Measured
#: on the dev sets: 12 to 20 give the same figures; 25 gains less on cleaneval; 10 costs a
#: dragnet page (-0.057) and two cleaneval pages.
MAX_COMMA_POINTS: Final = 15
#: Points the headline's box takes (see boilerstrip.headline), as much as a long paragraph's
#: length earns. It carries a short post against a sidebar's blurb of a few lines, and is too
#: little to move the region of a page with a body. Measured on the dev sets against 3: 0 and
#: 2 lose what 3 gains (dragnet -0.0019, -0.0008); from 4 to 8 an error page, whose truth is
#: empty, gets text (cleaneval -0.0022 to -0.0028) for at most +0.0003 on dragnet.
HEADLINE_POINTS: Final = MAX_LENGTH_POINTS
#: Headings searched for the headline: on the dev sets it is at most the 113th; a page with
#: more headings before it is an index, and a page of 8,000 headings must not cost 8,000 tests.
MAX_HEADLINE_HEADINGS: Final = 128
#: A heading with a byline beside it this few blocks below the heading the page's title names
#: is that headline's subtitle (headline, a comment count or a label, the subtitle, the byline),
#: not a headline of its own.
MAX_SUBTITLE_REACH: Final = 3
#: Share of a block's score passed to each ancestor level (parent, grandparent, ...), as in
#: Readability: the parent takes it whole, the grandparent half, farther ones less.
ANCESTOR_SHARES: Final = (1.0, 0.5, 1 / 6, 1 / 9, 1 / 12)
#: Factor on a block's score for each boilerplate-looking element around it: comment threads
#: are long prose too, and must lose to the article (Readability takes 25 points off instead).
NEGATIVE_WEIGHT: Final = 0.3
#: Factor on the score of a container whose own class, id or tag reads as content ("article",
#: "entry-content", "post-body", <main>...): Readability gives such elements a head start. On
#: the dev sets factors from 1.3 to 1.75 added as much (dragnet about +0.002, cleaneval up to
#: +0.0009); 1.5 is the middle of that plateau. The boost is on the container itself, not on
#: its children, and a container without prose stays at 0.
POSITIVE_FACTOR: Final = 1.5
#: Blocks more linked than this add nothing to a container's score: they are menus and teasers.
MAX_SCORED_LINK_DENSITY: Final = 0.5
#: In the page-wide fallback, short blocks between two prose blocks at most this many blocks
#: apart are kept with them (jusText's context rule, bounded so a sidebar is not bridged).
MAX_SANDWICH_GAP: Final = 4
#: A paragraph of sentences in the region may be this linked before it counts as link text:
#: news and blogs link their sources inside running prose.
MAX_SENTENCE_LINK_DENSITY: Final = 0.6
#: A block of prose this long is content whatever box holds it: no menu, share bar or comment
#: runs to 1,000 words, while sites do give their article box odd names ("nav-new-1").
MIN_UNDENIABLE_WORDS: Final = 1000
#: A box of the region named like boilerplate is taken for the article's when at least this share
#: of its words is prose and it sits in the body's flow (see classify._vindicate): a share bar or
#: a teaser box is lines and links, a box of the article's paragraphs is mostly prose.
MIN_BOX_PROSE_SHARE: Final = 0.75
#: ...and when the body goes on after it for at least this many long paragraphs' worth of words
#: (a comment thread is followed by a line or a form, not by more of the article).
MIN_FLOW_AFTER: Final = 2
#: Prose blocks beyond the region join it (classify._extend_runs) this many at a time: an
#: article's next box holds paragraphs, while what follows an article alone (a copyright line,
#: a print footnote, one teaser's summary) is one block.
MIN_RUN_PROSE: Final = 2
#: A region with little prose is kept (no page-wide fallback) when its unlinked words are at
#: least this many times the prose words outside it (classify._lines_outweigh): the page is
#: written in short lines.
MIN_LINES_OVER_PROSE: Final = 2
#: A list item opening with a link is a teaser (a headline and its summary) when at least this
#: share of its words is linked; a glossary's "<a>term</a>: long explanation" is below it.
MIN_TEASER_LINK_DENSITY: Final = 0.15
#: Blocks from the headline to the body's box searched for a standfirst: the byline, the date,
#: a share bar and the lead picture's lines stand there too, a dozen blocks at most on news
#: templates; farther apart, the "headline" is another page element.
MAX_STANDFIRST_SPAN: Final = 16
#: Whole sub-words of a class or id that name a standfirst (English, and the French "chapo",
#: "chapeau" and "sapo", the Spanish "entradilla", the German "vorspann"...): placed above the
#: body's box, an unnamed line there is as often a caption, a reprint notice or a teaser.
STANDFIRST_WORDS: Final = frozenset(
    {
        "standfirst",
        "dek",
        "deck",
        "lede",
        "lead",
        "intro",
        "summary",
        "excerpt",
        "subtitle",
        "subheadline",
        "abstract",
        "chapo",
        "chapeau",
        "sapo",
        "entradilla",
        "vorspann",
    }
)
#: A standfirst before the body carries (almost) no links.
MAX_LEDE_LINK_DENSITY: Final = 0.1
#: A line of links at least this dense is a menu or tag list when it is short or a list item.
MIN_MENU_LINK_DENSITY: Final = 0.8
#: An author bio is a paragraph or two of modest length; longer text after "Written by" is not.
MAX_BIO_WORDS: Final = 80
#: A heading this long (key characters) that the title contains is the headline itself.
MIN_TITLE_PART: Final = 20
#: Container levels climbed to find the box a teaser heading or a prompt opens.
SECTION_LEVELS: Final = 4
#: A block needs this many characters to count towards a container's score (Readability: 25).
MIN_SCORED_CHARS: Final = 25
#: A sibling of the best container joins the region when its score reaches this share of the
#: best one (Readability: 0.2).
SIBLING_SHARE: Final = 0.2
#: Levels the region may climb from the best container towards one that holds enough of the
#: page's prose (a forum thread: post -> post body -> thread); Readability climbs similarly.
CLIMB_LEVELS: Final = 4
#: ...but never into a container that is mostly links.
CLIMB_MAX_LINK_DENSITY: Final = 0.3
#: Blocks looked at before the region for a lede that sits apart from the body.
LEDE_LOOKBACK: Final = 6
#: A teaser card (a linked headline and its summary) is short: a box past this many tokens is
#: a section of the article that opens with a link, not a card.
MAX_CARD_WORDS: Final = 100
#: Sibling boxes of one make that are each a card before they read as a list of other stories
#: (two could be an article's "see also" pair).
MIN_CARDS: Final = 3
#: Captions kept one after another with no other kept text between them, from this many on,
#: are a slideshow's: an article's own figures stand among its paragraphs.
MIN_GALLERY_CAPTIONS: Final = 4
#: ...and only beside an article of at least this many paragraphs of prose: a photo post is its
#: captions under a paragraph of introduction.
MIN_GALLERY_ARTICLE: Final = 2
#: A block this far below a teaser heading (in blocks) still counts as one of its teasers.
TEASER_SPAN: Final = 40
#: A block repeating earlier text is dropped only from this many characters on: short labels
#: ("Share", "World") repeat legitimately and are judged by other rules.
MIN_REPEAT_CHARS: Final = 40
#: Quote-like blocks checked for being a pull quote of the text around them. An article has a
#: few; each check reads the whole page, so a page of thousands of quotes would cost time
#: quadratic in its size without a cap.
MAX_PULL_QUOTES: Final = 64
#: Characters of the title compared with headings: headlines are far shorter, and a page-long
#: ``<title>`` would otherwise be searched once per heading.
MAX_HEADLINE_CHARS: Final = 1000
#: Consent and paywall prompts run long, but not as long as an article: past this many tokens a
#: block that opens like a prompt is taken for prose.
MAX_PROMPT_WORDS: Final = 90
#: Words other than date and time words a dateline may hold: a place name ("New York").
MAX_DATELINE_OTHER_WORDS: Final = 2
#: Bylines and datelines are short: at most this many tokens.
MAX_BYLINE_WORDS: Final = 14
#: ...and this many characters (14 tokens of 20): one "token" can be a run of thousands of
#: digits or letters, which the date patterns would otherwise scan in full.
MAX_BYLINE_CHARS: Final = 280


# --- phrase lists (data) -------------------------------------------------------------------------

#: Headings that open a box of teasers for other pages.
TEASER_HEADINGS: Final = MappingProxyType(
    {
        "en": (
            "you may also like",
            "you might also like",
            "related",
            "related articles",
            "related stories",
            "related posts",
            "related content",
            "related news",
            "read more",
            "read also",
            "read next",
            "more from",
            "more stories",
            "more news",
            "recommended",
            "recommended for you",
            "most read",
            "most popular",
            "popular",
            "trending",
            "top stories",
            "latest news",
            "latest",
            "also read",
            "see also",
            "more on this",
            "further reading",
            "editor's picks",
            "editors' picks",
            "don't miss",
            "what to read next",
            "around the web",
            "sponsored",
            "more to explore",
            "recent posts",
            "popular posts",
            "in case you missed it",
        ),
        "de": (
            "ähnliche artikel",
            "weiterlesen",
            "mehr zum thema",
            "das könnte sie auch interessieren",
            "auch interessant",
            "meistgelesen",
            "empfohlen",
            "lesen sie auch",
            "mehr aus",
        ),
        "fr": (
            "à lire aussi",
            "lire aussi",
            "articles similaires",
            "sur le même sujet",
            "les plus lus",
            "à voir aussi",
            "lire la suite",
        ),
        "es": (
            "artículos relacionados",
            "te puede interesar",
            "lo más leído",
            "leer más",
            "noticias relacionadas",
            "también te puede interesar",
        ),
        "pt": ("leia também", "leia mais", "notícias relacionadas", "mais lidas", "veja também"),
        "it": ("leggi anche", "articoli correlati", "i più letti"),
        "ru": (
            "читайте также",
            "похожие статьи",
            "по теме",
            "самое читаемое",
            "рекомендуем",
            "смотрите также",
            "другие новости",
        ),
        "zh": ("相关文章", "相关阅读", "相关新闻", "推荐阅读", "热门文章", "猜你喜欢", "延伸阅读"),
        "ja": ("関連記事", "あわせて読みたい", "おすすめ記事", "人気記事", "こちらもおすすめ"),
        "ko": ("관련기사", "관련 기사", "많이 본 뉴스", "추천 기사"),
        "ar": ("مقالات ذات صلة", "اقرأ أيضا", "اقرأ أيضاً", "الأكثر قراءة", "أخبار ذات صلة"),
    }
)

#: Whole short blocks that belong to share bars, sign-ups, consent prompts and paywalls.
CHROME_PHRASES: Final = MappingProxyType(
    {
        "en": (
            "share",
            "share this",
            "share this article",
            "share this story",
            "share on facebook",
            "share on twitter",
            "share on linkedin",
            "tweet",
            "email",
            "print",
            "copy link",
            "connect with us",
            "follow us",
            "follow",
            "like us on facebook",
            "comments",
            "leave a comment",
            "leave a reply",
            "post a comment",
            "sign up",
            "subscribe",
            "sign in",
            "log in",
            "login",
            "register",
            "advertisement",
            "sponsored content",
            "skip to content",
            "skip to main content",
            "skip to navigation",
            "back to top",
            "search",
            "hi, what are you looking for?",
            "what are you looking for?",
            "accept",
            "accept all",
            "accept cookies",
            "reject all",
            "manage preferences",
            "cookie settings",
            "close",
            "menu",
            "previous",
            "next",
            "previous article",
            "next article",
            "load more",
            "show more",
            "edit this page",
            "reply",
            "quote",
            "permalink",
            "report",
            "whatsapp",
            "facebook",
            "twitter",
            "linkedin",
            "reddit",
            "pinterest",
            "instagram",
            "youtube",
            "telegram",
            "rss",
        ),
        "de": (
            "teilen",
            "drucken",
            "anmelden",
            "abonnieren",
            "suche",
            "werbung",
            "kommentare",
            "alle akzeptieren",
            "zurück",
            "weiter",
        ),
        "fr": (
            "partager",
            "imprimer",
            "s'abonner",
            "rechercher",
            "publicité",
            "commentaires",
            "tout accepter",
            "se connecter",
        ),
        "es": (
            "compartir",
            "imprimir",
            "suscríbete",
            "buscar",
            "publicidad",
            "comentarios",
            "aceptar",
        ),
        "pt": (
            "compartilhar",
            "partilhar",
            "imprimir",
            "assine",
            "buscar",
            "publicidade",
            "comentários",
        ),
        "ru": ("поделиться", "печать", "подписаться", "поиск", "реклама", "комментарии", "войти"),
        "zh": ("分享", "打印", "订阅", "搜索", "广告", "评论", "登录", "返回顶部"),
        "ja": ("シェア", "共有", "印刷", "購読", "検索", "広告", "コメント", "ログイン"),
        "ar": ("شارك", "مشاركة", "طباعة", "اشترك", "بحث", "إعلان", "تعليقات"),
    }
)

#: Starts of blocks (lower case) that are consent, newsletter or paywall prompts, however long.
#: Not here, by an ablation (NOTES-ablate.md): notices about the reader's browser ("This page
#: is best viewed in...", "Please enable JavaScript"), whose whole gain was two dragnet pages
#: of one site, and a blog engine's post footer ("This entry was posted...", "You can follow
#: any responses to this entry"), whose gain was dragnet's alone and which cost a cleaneval page.
PROMPT_PREFIXES: Final = (
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "we and our partners",
    "by continuing to use",
    "by using this site",
    "we value your privacy",
    "sign up for our",
    "subscribe to our",
    "subscribe now",
    "subscribe to continue",
    "to continue reading",
    "already a subscriber",
    "already have an account",
    # forums and Q&A boards, under a thread
    "log in or sign up",
    "log in to reply",
    "please login or register",
    "you must be logged in",
    "enter your email",
    "join our",
    "sign up for",
    "have a tip",
    "got a tip",
    "get the latest updates",
    "get the latest news",
    "start your day with",
    "follow us on",
    "follow me on",
    "create a free account",
    "this article is for subscribers",
    "you have reached your",
    "you've reached your",
    "unlock this article",
    "become a member",
    "support our journalism",
    "copyright ©",
    "© ",
    "all rights reserved",
    "wir verwenden cookies",
    "nous utilisons des cookies",
    "utilizamos cookies",
    "мы используем cookie",
    "本网站使用",
)

#: Starts of bylines and agency credits.
BYLINE_PREFIXES: Final = (
    "by ",
    "written by",
    "words by",
    "story by",
    "reporting by",
    "posted by",
    "published by",
    "author:",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "автор",
    "作者",
    "文/",
    "記者",
    "updated ",
    "published ",
    "last updated",
    "posted on",
    "posted ",
    "photo:",
    "image:",
    "photograph:",
    "credit:",
    "source:",
)

#: Roles of authors shown in boxes after the article.
BIO_HEADINGS: Final = (
    "written by",
    "about the author",
    "about author",
    "author",
    "the author",
    "über den autor",
    "à propos de l'auteur",
    "sobre el autor",
    "об авторе",
)


# --- metadata ----------------------------------------------------------------------------------
# Read by :mod:`boilerstrip.metadata`. Names of meta tags are matched lower-cased, on ``name``,
# ``property`` or ``itemprop``, first listed first.

#: JSON-LD, the one kind of script that carries data about the page, is kept by
#: :mod:`boilerstrip.parse` for :mod:`boilerstrip.metadata` as ``<meta>`` elements of this name
#: in the head (a place no text is read from when there is a body; a meta has no text anyway).
#: Here, not in either module, so that the metadata package needs nothing of the pipeline.
JSON_LD_META: Final = "boilerstrip:json-ld"

#: Meta tags holding the publication date: Open Graph's article namespace, Dublin Core, schema.org
#: microdata, the citation tags of scholarly pages and the names common publishing systems write.
DATE_META: Final = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "date",
    "parsely-pub-date",
    "sailthru.date",
)
#: Meta tags holding the date of the article's last change (``Article.date_modified``).
DATE_MODIFIED_META: Final = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
)
#: Meta tags holding an author's name (a URL or a handle found there is no name and is skipped).
AUTHOR_META: Final = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "cxenseparse:author",
)
#: Meta tags read for an author when no other source names one: Twitter's creator is most often
#: the site's handle (dropped, as every handle is), sometimes a name.
AUTHOR_LAST_META: Final = ("twitter:creator",)
TITLE_META: Final = ("og:title", "twitter:title")
SITE_NAME_META: Final = ("og:site_name", "application-name")
DESCRIPTION_META: Final = ("description", "og:description", "twitter:description", "dc.description")
IMAGE_META: Final = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
URL_META: Final = ("og:url",)
#: Meta tags of keywords: ``article:tag`` comes once a tag; the others hold a comma list.
TAG_META: Final = ("article:tag", "news_keywords", "keywords", "parsely-tags")
LANG_META: Final = ("content-language", "dc.language", "og:locale", "inlanguage")

#: JSON-LD types that describe an article: their fields are the page's own metadata.
ARTICLE_TYPES: Final = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "discussionforumposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "review",
        "recipe",
        "howto",
    }
)
#: JSON-LD types of a whole page: read when the page describes no article.
PAGE_TYPES: Final = frozenset({"webpage", "itempage", "aboutpage", "qapage", "faqpage"})

#: A JSON-LD script longer than this (characters) is not read: pages that put a whole catalogue
#: there exist, and parsing megabytes of JSON would cost more than the extraction.
MAX_JSON_LD_CHARS: Final = 200_000
#: Only a page's first JSON-LD scripts are read: pages carry one to five (at most 5 on the
#: development pages), and each costs a JSON parse; 100,000 of them once took 90 s.
MAX_JSON_LD_SCRIPTS: Final = 32
#: Values read per meta name (``author``, ``article:tag``, ``og:image``...): the development
#: pages give at most 28 (``og:image``); 200,000 author metas of 40 names each took 13 s.
MAX_META_VALUES: Final = 64
#: Digits of a number in an attribute (a colspan) read with int(): Python refuses strings of
#: more than 4,300 digits, and no table needs more than a few.
MAX_NUMBER_DIGITS: Final = 4000
#: Characters of a title, a date value or a line by the headline that the metadata reader
#: compares or searches for a date: they are short, and a hostile page can make one megabytes
#: long (a 2 MB date meta value took a second to scan).
MAX_METADATA_CHARS: Final = 1000

#: Blocks before the headline that may hold its date or byline (a kicker, a date line above).
BLOCKS_BEFORE_HEADLINE: Final = 2
#: Blocks after the headline searched for its byline and date, up to the first kept block: a
#: header holds a standfirst, a byline, a date line and a share bar, rarely more.
BLOCKS_AFTER_HEADLINE: Final = 12
#: An author's name has at most this many words ("Mary Anne de la Cruz Smith"): longer text in
#: a byline slot is a sentence, not a name.
MAX_NAME_WORDS: Final = 6

#: How bylines start, lower-cased, longest first where one starts another: the words before the
#: names. Checked after the line is cut at separators (``|``, ``·``, ``—``...).
AUTHOR_PREFIXES: Final = (
    "photographs and words by",
    "words and photographs by",
    "text and photos by",
    "written by",
    "words by",
    "story by",
    "reporting by",
    "posted by",
    "published by",
    "by",
    "author:",
    "authors:",
    "autor:",
    "autorin:",
    "autoren:",
    "von",
    "text:",
    "par",
    "por",
    "di",
    "door",
    "авторы:",
    "автор:",
    "автор",
    "作者：",
    "作者:",
    "作者",
    "记者",
    "記者",
    "文/",
    "文／",
    "撰文：",
    "كتب:",
    "كتبت:",
    "بقلم:",
    "بقلم",
)
#: Labels an author box sets beside the author's name ("AFP" / "Written By"): the name is the
#: short line next to one of these, lower-cased, without a final colon.
AUTHOR_LABELS: Final = (
    "written by",
    "author",
    "the author",
    "autor",
    "autorin",
    "autoren",
    "auteur",
    "autor del artículo",
    "автор",
    "作者",
    "著者",
    "الكاتب",
)
#: Words that join names in a byline ("Jane Doe and John Roe").
NAME_JOINERS: Final = (
    *("and", "&", "und", "et", "y", "e", "i", "en", "и", "و"),
    *("、", "・", "和", "与"),
)
#: Words that end the names in a byline: what follows is a role or a place ("for The Paper",
#: "in Berlin").
NAME_ENDERS: Final = ("for", "in", "at", "from", "für", "aus", "pour", "à", "para", "en", "из", "в")
#: A part of a byline holding one of these words is a role ("Staff Writers"), not a name.
ROLE_WORDS: Final = frozenset(
    {
        "staff",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "photographer",
        "photographs",
        "photos",
        "updated",
        "published",
        "posted",
        "redaktion",
        "red",
        "rédaction",
        "redacción",
        "agencies",
        "comments",
        "comment",
        "min",
        "read",
    }
)
# Issue 16 (authors and dates of pages nobody here wrote): the word lists below, up to
# MAX_DATE_AGE_DAYS, were added together.

#: Words of a picture credit ("Getty Images", "Photo: AP", "Foto: dpa", "Copyright X/AP"):
#: text with one of them near the headline is a caption's credit, not a byline.
CREDIT_WORDS: Final = frozenset(
    {
        *("copyright", "image", "images", "photo", "photos", "picture", "pictures", "credit"),
        *("illustration", "foto", "fotos", "bild", "bilder", "imagen", "imágenes", "istock"),
    }
)
#: Pieces of the address of an author's page: a link to one near the headline holds a name
#: ("By <a href="/author/jane-doe">Jane Doe</a>").
AUTHOR_PATHS: Final = ("/author/", "/authors/", "/autor/", "/autoren/", "/profile/")
#: Lower-case words inside a name shown alone ("Ludwig van Beethoven", "Ana de la Cruz"): any
#: other lower-case word makes a line prose ("Artikel zum Hören"), not a name.
NAME_PARTICLES: Final = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "del", "da", "das", "dos", "di", "du", "bin"}
)

#: Separators of the parts of a byline line ("By Jane Doe | 5 March 2024 | 3 comments").
BYLINE_SEPARATORS: Final = "|·•—–"

#: Month names and their common abbreviations, lower-cased, by language: twelve groups, January
#: first, the forms of one month joined by "/". Dates written out ("5 March 2024", "5. März
#: 2024", "5 марта 2024") are read with these. A form shared by two languages must mean the same
#: month in both.
MONTH_NAMES: Final = MappingProxyType(
    {
        "en": (
            "january/jan february/feb march/mar april/apr may june/jun july/jul august/aug"
            " september/sep/sept october/oct november/nov december/dec"
        ),
        "de": (
            "januar/jänner/jan februar/feb märz/mär april/apr mai juni/jun juli/jul august/aug"
            " september/sep/sept oktober/okt november/nov dezember/dez"
        ),
        "fr": (
            "janvier/janv février/févr/fév mars avril/avr mai juin juillet/juil août"
            " septembre/sept octobre/oct novembre/nov décembre/déc"
        ),
        "es": (
            "enero/ene febrero/feb marzo/mar abril/abr mayo/may junio/jun julio/jul agosto/ago"
            " septiembre/setiembre/sep/sept octubre/oct noviembre/nov diciembre/dic"
        ),
        "it": (
            "gennaio/gen febbraio/feb marzo/mar aprile/apr maggio/mag giugno/giu luglio/lug"
            " agosto/ago settembre/set ottobre/ott novembre/nov dicembre/dic"
        ),
        "pt": (
            "janeiro/jan fevereiro/fev março/mar abril/abr maio/mai junho/jun julho/jul"
            " agosto/ago setembro/set outubro/out novembro/nov dezembro/dez"
        ),
        "nl": (
            "januari/jan februari/feb maart/mrt april/apr mei juni/jun juli/jul augustus/aug"
            " september/sep oktober/okt november/nov december/dec"
        ),
        # The genitive ("5 марта") and the nominative.
        "ru": (
            "января/январь/янв февраля/февраль/фев марта/март/мар апреля/апрель/апр мая/май"
            " июня/июнь/июн июля/июль/июл августа/август/авг сентября/сентябрь/сен"
            " октября/октябрь/окт ноября/ноябрь/ноя декабря/декабрь/дек"
        ),
        # The names used in Egypt and the Gulf, and the one-word names of the Levant and Iraq.
        "ar": (
            "يناير فبراير/شباط مارس/آذار أبريل/إبريل/نيسان مايو/أيار يونيو/يونيه/حزيران"
            " يوليو/يوليه/تموز أغسطس/آب سبتمبر/أيلول أكتوبر نوفمبر ديسمبر"
        ),
    }
)
#: Weekday names, lower-cased, of the languages above, separated by spaces: with a month name,
#: the words a byline's date starts with ("By Jane Doe, Tuesday 5 March 2024" names Jane Doe).
WEEKDAY_NAMES: Final = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri"
    " sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi"
    " mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado"
    " domingo lunedì martedì mercoledì giovedì venerdì sabato domenica segunda terça quarta"
    " quinta sexta понедельник вторник среда четверг пятница суббота воскресенье الاثنين"
    " الثلاثاء الأربعاء الخميس الجمعة السبت الأحد"
)
#: Words between a byline's names and its date ("by Jane Doe on 5 March", "le 5 mars").
DATE_LEADS: Final = frozenset(("on", "am", "le", "el", "il", "em", "op", "updated", "published"))
#: A line of the header this long (tokens) holds no byline or date line: prose. Longer than
#: MAX_BYLINE_WORDS because CJK characters count one each ("2025-05-06 来源：... 记者 陈晓雯").
MAX_HEADER_WORDS: Final = 30

#: Languages whose numeric dates put the month first (4/3/2025 is April 3). A page in another
#: language puts the day first; a page whose language is unknown, or English with no region,
#: leaves 4/3/2025 unread (None), not guessed.
MONTH_FIRST_LANGS: Final = frozenset({"en-us", "en-ph", "en-as", "en-gu", "en-um"})
#: Languages known to put the day first, besides every non-English one.
DAY_FIRST_ENGLISH: Final = frozenset(
    {"en-gb", "en-ie", "en-au", "en-nz", "en-in", "en-za", "en-sg", "en-ng", "en-ke", "en-pk"}
)
#: Years a publication date can have: outside them a number is no year. News pages start about
#: 1995 (issue 16: an earlier year is a founding date, a copyright or a birth, not this page's).
MIN_YEAR: Final = 1995
MAX_YEAR: Final = 2100
#: Days after today (UTC) that a date may fall on: a day, for pages dated in a time zone ahead
#: of UTC. A later date is an event announced, not a publication date.
MAX_DAYS_AHEAD: Final = 1


# --- forum and Q&A threads (boilerstrip.thread) ------------------------------------------------

#: A thread has at least this many posts: one post and its reply could be an article and its
#: one comment; three alike boxes with bodies are a run of posts.
MIN_POSTS: Final = 3
#: ...but two on a page whose structured data says it is a thread (a question with two answers).
MIN_DECLARED_POSTS: Final = 2
#: Unlinked words in a post's longest unlinked block for it to count as a post with a body: a
#: reply of a few words ("Thanks, that fixed it.") is still a post.
MIN_POST_BODY_WORDS: Final = 3
#: A post's date line ("Apr 12, 2025, 8:14 pm", "admin answered 6 years ago") is at most this
#: many tokens.
MAX_POST_DATE_WORDS: Final = 12
#: A post body's block may be this linked (a reply citing a link is still a reply).
MAX_POST_LINK_DENSITY: Final = 0.5
#: Share of a group's boxes that must be posts (several blocks, one with a body): menus and
#: card lists have boxes of one line.
MIN_POSTS_WITH_BODY: Final = 0.6
#: Share of the page's unlinked words the posts must hold: the thread is the page's content,
#: not a box of comments under an article.
MIN_THREAD_SHARE: Final = 0.3
#: ...and this share on a page whose structured data says it is a thread: a Q&A page's comment
#: lists under a question and its one answer hold less of the page than a forum's posts.
MIN_DECLARED_THREAD_SHARE: Final = 0.2
#: When the region holds the posts, they must hold this share of its unlinked words: the
#: region is the thread, not an article with a few posts quoted in it.
MIN_REGION_SHARE_OF_POSTS: Final = 0.5
#: Boxes climbed from the opening post's longest block to the box its text is set in (a
#: paragraph's unnamed wrappers add none): a reply's text set in a box of that kind is built
#: by the same template.
BODY_BOX_LEVELS: Final = 3
#: Share of the region's unlinked words that the box of its longest block must hold to be
#: the opening post's text (not a teaser's summary beside the region's text).
MIN_OPENING_SHARE: Final = 0.5
#: Kinds of named box (tag and first class name) an opening post must share with most of its
#: replies to be built by their template: its text box, its user line, its date line. (Two
#: were met by an article and its comments: a "text" box and an "author" line.)
MIN_SHARED_POST_BOXES: Final = 3
#: Levels inside a post searched for a class name that says post, reply, message...: forum
#: software names the post's box or the boxes just inside it.
NAMED_POST_DEPTH: Final = 2
#: Boxes climbed from the posts' group to find an opening post that stands apart (a question
#: above its answers sits one to three boxes up on Q&A boards).
THREAD_HEAD_LEVELS: Final = 3
#: Words that follow a number in a heading that counts a thread's posts ("3 answers").
THREAD_COUNT_WORDS: Final = (
    "answer",
    "answers",
    "reply",
    "replies",
    "comment",
    "comments",
    "post",
    "posts",
    "responses",
    "respuestas",
    "comentarios",
    "réponses",
    "commentaires",
    "antworten",
    "kommentare",
    "risposte",
    "commenti",
    "respostas",
    "comentários",
    "个回答",
    "条回复",
    "条评论",
    "件の回答",
    "件のコメント",
)
#: schema.org types that make a page a thread (in ``itemtype`` or JSON-LD ``@type``)...
THREAD_TYPES: Final = frozenset({"DiscussionForumPosting", "QAPage", "Question", "Answer"})
#: ...except a question and its answers on a page that declares these: an FAQ lists them as
#: ``Question`` and ``Answer`` items too, and it is an article, not a thread.
FAQ_TYPES: Final = frozenset({"FAQPage"})
#: The thread types that an FAQ's items share.
THREAD_ITEM_TYPES: Final = frozenset({"Question", "Answer"})
