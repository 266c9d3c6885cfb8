"""Adapters for the peer extractors the accuracy benchmark compares boilerstrip with.

Each adapter takes the page's raw bytes, its URL and its language code (either may be
``None``) and returns plain text. A peer is used only if it imports (``pip install -e
'.[bench]'`` installs them all). Peers get the raw bytes where they accept bytes; the
others get the page decoded by ``boilerstrip.encoding.decode_html`` when that exists, else
as UTF-8 with replacement characters.

None of these may touch the network: newspaper4k by default downloads a page's images
while parsing (to pick the top image) and tldextract, which it uses, fetches the public
suffix list on first use, so the newspaper4k adapter turns image fetching off and points
tldextract at its bundled snapshot. The benchmark command also blocks network access in
its process, so a peer that tries anyway fails loudly (as an error) rather than quietly.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any

#: (html bytes, url, lang) -> text
PeerFn = Callable[[bytes, str | None, str | None], str]

_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "body", "br", "dd", "details", "div", "dl",
     "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
     "tr", "ul")
)  # fmt: skip

#: ISO 639-1 code -> jusText stoplist name, for the languages jusText has a stoplist for.
JUSTEXT_LANGS: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian",
    "ca": "Catalan", "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian",
    "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian",
    "ka": "Georgian", "kk": "Kazakh", "ko": "Korean", "la": "Latin", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}  # fmt: skip


def decode(data: bytes) -> str:
    """The page as text for peers that want ``str``."""
    decoder = _boilerstrip_decoder()
    if decoder is not None:
        return decoder(data)
    return data.decode("utf-8", errors="replace")


@cache
def _boilerstrip_decoder() -> Callable[[bytes], str] | None:
    try:
        from boilerstrip.encoding import decode_html  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None

    def run(data: bytes) -> str:
        return str(decode_html(data).text)

    return run


def _fragment_text(html: str) -> str:
    """Text of an HTML fragment, with a line break around each block element."""
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    text = "".join(t if isinstance(t, str) else t.decode() for t in root.itertext())
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- the adapters ------------------------------------------------------------------------


def trafilatura_default(html: bytes, url: str | None, lang: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def trafilatura_precision(html: bytes, url: str | None, lang: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True) or ""


def readability(html: bytes, url: str | None, lang: str | None) -> str:
    from readability import Document  # type: ignore[import-untyped,unused-ignore]

    return _fragment_text(Document(html).summary())


def justext(html: bytes, url: str | None, lang: str | None) -> str:
    import justext as jt  # type: ignore[import-untyped,unused-ignore]

    stoplist = jt.get_stoplist(JUSTEXT_LANGS.get((lang or "en").lower(), "English"))
    paragraphs = jt.justext(html, stoplist)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def boilerpy3(html: bytes, url: str | None, lang: str | None) -> str:
    from boilerpy3 import extractors  # type: ignore[import-untyped,unused-ignore]

    return str(extractors.ArticleExtractor().get_content(decode(html)))


def resiliparse(html: bytes, url: str | None, lang: str | None) -> str:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import detect_encoding
    from resiliparse.parse.html import HTMLTree

    # resiliparse reads bytes as UTF-8 unless told otherwise; tell it what its own
    # detector finds, as its documentation suggests.
    tree = HTMLTree.parse_from_bytes(html, detect_encoding(html) or "utf-8")
    return str(extract_plain_text(tree, main_content=True))


def newspaper4k(html: bytes, url: str | None, lang: str | None) -> str:
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # bundled snapshot only
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed" on import
        import newspaper  # type: ignore[import-untyped,unused-ignore]

    article = newspaper.Article(url or "")
    article.config.fetch_images = False
    article.config.follow_meta_refresh = False
    article.download(input_html=decode(html))
    article.parse()
    return str(article.text or "")


@cache
def _goose() -> Any:
    from goose3 import Goose  # type: ignore[import-untyped,unused-ignore]

    return Goose()  # image fetching is off by default


def goose3(html: bytes, url: str | None, lang: str | None) -> str:
    return str(_goose().extract(raw_html=decode(html)).cleaned_text or "")


#: row name -> (module that must import, adapter), in report order.
PEERS: dict[str, tuple[str, PeerFn]] = {
    "trafilatura": ("trafilatura", trafilatura_default),
    "trafilatura-precision": ("trafilatura", trafilatura_precision),
    "readability": ("readability", readability),
    "justext": ("justext", justext),
    "boilerpy3": ("boilerpy3", boilerpy3),
    "resiliparse": ("resiliparse", resiliparse),
    "newspaper4k": ("newspaper", newspaper4k),
    "goose3": ("goose3", goose3),
}

#: names accepted by ``--extractors`` that stand for several rows.
PEER_GROUPS: dict[str, tuple[str, ...]] = {
    "trafilatura": ("trafilatura", "trafilatura-precision"),
    "readability-lxml": ("readability",),
    "newspaper": ("newspaper4k",),
}


def installed(name: str) -> bool:
    module = PEERS[name][0]
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def installed_peers() -> list[str]:
    return [name for name in PEERS if installed(name)]
