"""Charset detection: ``python -m benchmarks.charset`` from the repository root.

Our detector (step 5 of :func:`boilerstrip.encoding.decode_html`, reached by pages with no
byte-order mark, no declaration and bytes that are not UTF-8) against the libraries that do
the same job: charset-normalizer (``from_bytes(data).best()``), cchardet (the
``faust-cchardet`` wheel) and chardet, each when installed. Every detector is asked for the
text of the bytes: ours is ``decode_html(data)``; a library's answer is a label, which is
mapped to a codec as browsers map labels (:func:`boilerstrip.encoding.codec_for_label`, so
``ISO-8859-1`` reads as windows-1252, ``GB2312`` as GB18030; labels browsers do not know go to
Python's codec of that name) and the bytes are decoded with it (``errors="replace"``).

Two sets of pages:

- **dev pages**: every ``pages/*.html`` of every set under the evaluation data (``meta``
  included) that has no byte-order mark, no ``charset``/``encoding`` declaration and is not
  valid UTF-8 ("undeclared"); and, as a second group, the pages that declare a charset and are
  not UTF-8 with the declaration's keyword blanked out ("declaration hidden"; ``charset=`` and
  ``encoding=`` become ``xxxxxxx=``), so that no detector is told the answer. Which decoding is
  right is read off the truth text (``pages/<id>.txt``; for ``meta``, the title and authors of
  ``truth.jsonl``): its non-ASCII pieces (runs of non-ASCII characters with up to three ASCII
  letters on each side, cut every six characters; see :func:`truth_pieces`) are looked up in the
  page decoded with each candidate codec. A decoding is right when it finds as many of them as
  the best candidate does; a page where no candidate finds half of them is "undecided" (its
  truth does not show the page's non-ASCII text) and left out of the counts.
- **labelled pages**, built at run time: texts of each script (the evaluation truth texts, the
  fixtures' ``expected.txt``, the text of the ``meta`` pages as ``extract_text`` reads it, and a
  few paragraphs written for this benchmark where no source has the script: Greek, Hebrew,
  Thai), each encoded in the legacy codecs Python ships for that script, the lines the codec
  cannot encode left out, cut to about 200 bytes, 2,000 bytes and the whole text, and wrapped in
  a small HTML page without a declaration. A page whose bytes read the same as UTF-8 is left
  out. Scores: *label* right when the answer is the truth's encoding as browsers map labels
  (Shift_JIS and cp932 are one; ISO-8859-5 and windows-1251 are not), *text* right when the
  answer decodes the bytes to the identical text (GBK read as GB18030, ISO-8859-1 as
  windows-1252, German text in windows-1250 read as windows-1252).

Times: in this one process, after a warm-up pass, ``--rounds`` rounds in which every function
runs on a page before the next page; each page's best time is kept. Reported: the median over
pages, in microseconds and as the median of the per-page ratios to an
``lxml.html.document_fromstring`` of the same bytes (the project's convention, see
:mod:`benchmarks.speed`), and to ``boilerstrip.extract_text`` of the same bytes. Two reference
rows: ``decode_html`` told the right codec (the part of our path that is not detection) and
the parse itself.

Nothing read from the evaluation data is written anywhere: the output is counts, codec names
and page ids.
"""

from __future__ import annotations

import argparse
import codecs
import html
import importlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import lxml.html

from benchmarks.evaldata import article_truth, evaldata_root
from boilerstrip import extract_text
from boilerstrip.encoding import codec_for_label, decode_html

#: What a detector gives: the label it chose (``None`` when it gives up) and the text.
Answer = tuple[str | None, str]
Detector = Callable[[bytes], Answer]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
#: A charset or XML encoding declaration anywhere in the page.
_DECLARATION_RE = re.compile(
    rb"<meta[^>]*charset|<\?xml[^>]*encoding\s*=", re.IGNORECASE | re.DOTALL
)
#: The keyword of any ``charset=``/``encoding=``: blanked to hide a declaration.
_KEYWORD_RE = re.compile(rb"(?:charset|encoding)(?=\s*=)", re.IGNORECASE)
_PIECE_RE = re.compile(r"[A-Za-z]{0,3}[^\x00-\x7f]+[A-Za-z]{0,3}")
_PIECE_CHARS = 6
#: A page is decided when its best candidate finds at least this share of the truth's pieces.
DECIDED_SHARE = 0.5

#: The legacy codecs every dev page is tried with when looking for its right decodings (the
#: detectors' answers are added).
DEV_CANDIDATES: tuple[str, ...] = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8-r",
    "iso8859-2",
    "iso8859-15",
    "mac-roman",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5hkscs",
    "cp949",
    "utf-8",
)

#: Per script group, the codecs its texts are encoded in (Python's names).
GROUP_CODECS: dict[str, tuple[str, ...]] = {
    "english": ("cp1252",),
    "western": ("cp1252", "latin_1", "iso8859_15"),
    "central": ("cp1250", "iso8859_2"),
    "turkish": ("cp1254", "iso8859_9"),
    "cyrillic": ("cp1251", "koi8_r", "iso8859_5"),
    "greek": ("cp1253", "iso8859_7"),
    "hebrew": ("cp1255", "iso8859_8"),
    "arabic": ("cp1256", "iso8859_6"),
    "thai": ("cp874",),
    "japanese": ("shift_jis", "euc_jp", "iso2022_jp"),
    "chinese-simplified": ("gb2312", "gbk", "gb18030"),
    "chinese-traditional": ("big5",),
    "korean": ("euc_kr",),
}

#: Labelled codecs that decode their script differently from their windows siblings and were
#: not among our detector's candidates until the ``enc`` branch (NOTES-charset.md, NOTES-enc.md):
#: reported apart, to compare with the figures of before.
NOT_OURS: frozenset[str] = frozenset({"iso8859_2", "iso8859_5", "iso8859_6"})

#: Sizes of the labelled pages' text, in encoded bytes (``None``: the whole text).
SIZES: tuple[tuple[str, int | None], ...] = (("200 B", 200), ("2 KB", 2000), ("whole", None))

_CENTRAL_LETTERS = frozenset("łąęśźżćńčřěůőűŕĺľťďŁĄĘŚŹŻĆŃČŘĚŮŐŰŠŽ")
_TURKISH_LETTERS = frozenset("ğışĞİŞ")
_TYPOGRAPHY = frozenset("’‘“”–—…")

#: Written for this benchmark (no source here has these scripts, or too few texts): a short
#: news item, the same in each language.
OWN_TEXTS: dict[str, str] = {
    "greek": (
        "Η βιβλιοθήκη της πόλης άνοιξε ξανά τις πόρτες της μετά από δύο χρόνια εργασιών.\n"
        "Οι αναγνώστες βρήκαν νέα ράφια, φωτεινές αίθουσες και ένα μικρό καφέ στον κήπο.\n"
        "Ο δήμαρχος είπε ότι η ανακαίνιση κόστισε λιγότερο από όσο είχε αρχικά προβλεφθεί,"
        " χάρη στη βοήθεια εθελοντών από τη γειτονιά.\n"
        "Τα παιδιά θα μπορούν να δανείζονται βιβλία δωρεάν κάθε Σάββατο πρωί, ενώ τα απογεύματα"
        " θα γίνονται μαθήματα ανάγνωσης και γραφής.\n"
        "Η επόμενη φάση του έργου αφορά την ψηφιοποίηση του αρχείου των εφημερίδων, που"
        " χρονολογείται από τις αρχές του προηγούμενου αιώνα.\n"
        "«Θέλουμε η βιβλιοθήκη να είναι ένας χώρος συνάντησης για όλους», δήλωσε η διευθύντρια.\n"
    ),
    "hebrew": (
        "הספרייה העירונית נפתחה מחדש אחרי שנתיים של עבודות שיפוץ.\n"
        "הקוראים מצאו מדפים חדשים, אולמות מוארים ובית קפה קטן בגינה.\n"
        "ראש העירייה אמר שהשיפוץ עלה פחות ממה שתוכנן בהתחלה, בזכות עזרה של מתנדבים מהשכונה.\n"
        "ילדים יוכלו לשאול ספרים בחינם בכל שבת בבוקר, ובשעות אחר הצהריים יתקיימו שיעורי קריאה"
        " וכתיבה.\n"
        "השלב הבא של הפרויקט הוא סריקת ארכיון העיתונים, שראשיתו בתחילת המאה הקודמת.\n"
        '"אנחנו רוצים שהספרייה תהיה מקום מפגש לכולם", אמרה המנהלת.\n'
    ),
    "thai": (
        "ห้องสมุดประจำเมืองเปิดให้บริการอีกครั้งหลังจากปิดปรับปรุงมาสองปี\n"
        "ผู้อ่านได้พบกับชั้นหนังสือใหม่ ห้องอ่านที่สว่าง และร้านกาแฟเล็ก ๆ ในสวน\n"
        "นายกเทศมนตรีกล่าวว่าการปรับปรุงครั้งนี้ใช้งบประมาณน้อยกว่าที่คาดไว้"
        " เพราะได้รับความช่วยเหลือจากอาสาสมัครในชุมชน\n"
        "เด็ก ๆ สามารถยืมหนังสือได้ฟรีทุกเช้าวันเสาร์ และในช่วงบ่ายจะมีชั้นเรียนการอ่านและการเขียน\n"
        "ขั้นตอนต่อไปของโครงการคือการแปลงหนังสือพิมพ์เก่าในคลังเอกสารให้เป็นดิจิทัล\n"
        '"เราอยากให้ห้องสมุดเป็นที่พบปะของทุกคน" ผู้อำนวยการกล่าว\n'
    ),
    "chinese-traditional": (
        "市立圖書館在經過兩年的整修之後，重新對外開放。\n"
        "讀者看到了新的書架、明亮的閱覽室，以及花園裡的一家小咖啡館。\n"
        "市長表示，這次整修的費用比原先預計的少，這要歸功於社區志工的幫忙。\n"
        "孩子們每個星期六早上都可以免費借書，下午則有閱讀和寫作課程。\n"
        "計畫的下一個階段是把報紙檔案數位化，這些檔案最早可以追溯到上個世紀初。\n"
        "「我們希望圖書館成為每個人都能相聚的地方。」館長說。\n"
    ),
    "korean": (
        "시립 도서관이 2년간의 공사를 마치고 다시 문을 열었다.\n"
        "독자들은 새 책장과 밝은 열람실, 그리고 정원에 있는 작은 카페를 만났다.\n"
        "시장은 이번 개보수 비용이 처음 예상보다 적게 들었다며 동네 자원봉사자들의 도움"
        " 덕분이라고 말했다.\n"
        "아이들은 매주 토요일 오전에 무료로 책을 빌릴 수 있고, 오후에는 읽기와 쓰기 수업이"
        " 열린다.\n"
        "사업의 다음 단계는 지난 세기 초부터 모아 온 신문 자료를 디지털로 옮기는 일이다.\n"
        '"도서관이 모두가 만나는 곳이 되기를 바랍니다"라고 관장은 말했다.\n'
    ),
}


# --------------------------------------------------------------------------------------------
# Labels and scoring
# --------------------------------------------------------------------------------------------


def _spellings(label: str) -> list[str]:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return [label]
    dashed = name.replace("_", "-")
    return [
        label,
        name,
        dashed,
        re.sub(r"^iso(?=\d)", "iso-", dashed),
        re.sub(r"^cp(?=\d)", "windows-", dashed),
    ]


def browser_label(label: str) -> str | None:
    """A spelling of the label (or of Python's name for its codec) that browsers know, for
    ``decode_html(data, declared)``: ``latin_1`` gives ``iso8859-1``, ``cp874``
    ``windows-874``; ``None`` if there is none."""
    return next((s for s in _spellings(label) if codec_for_label(s) is not None), None)


def canonical(label: str | None) -> str | None:
    """The Python codec a label is read with: as browsers map it when they know it under one
    of its spellings (``ISO-8859-1`` and Python's ``latin_1`` give ``cp1252``), else Python's
    codec of that name; ``None`` if neither knows it."""
    if not label:
        return None
    known = browser_label(label)
    if known is not None:
        return codec_for_label(known)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_as(data: bytes, label: str | None) -> str | None:
    """The bytes read with the label's codec (:func:`canonical`), or ``None`` if unknown."""
    codec = canonical(label)
    if codec is None:
        return None
    return data.decode(codec, "replace")


def truth_pieces(text: str) -> set[str]:
    """The distinct non-ASCII pieces of a text: runs of non-ASCII characters with up to three
    ASCII letters on each side, cut every six characters (so that long CJK runs, broken by
    markup in the page, are still found)."""
    pieces: set[str] = set()
    for match in _PIECE_RE.finditer(text):
        run = match[0]
        pieces.update(run[i : i + _PIECE_CHARS] for i in range(0, len(run), _PIECE_CHARS))
    return pieces


def found_share(pieces: set[str], text: str | None) -> float:
    """The share of the pieces found in the text (0 for no text or no pieces)."""
    if text is None or not pieces:
        return 0.0
    return sum(piece in text for piece in pieces) / len(pieces)


def right_codecs(shares: dict[str, float]) -> set[str] | None:
    """The candidates that find as many pieces as the best one, or ``None`` when the page is
    undecided (the best finds less than :data:`DECIDED_SHARE`)."""
    best = max(shares.values(), default=0.0)
    if best < DECIDED_SHARE:
        return None
    return {codec for codec, share in shares.items() if share >= best - 1e-9}


def same_label(answer: str | None, truth: str) -> bool:
    """Whether the answer names the truth's encoding, as browsers map labels."""
    return answer is not None and canonical(answer) == canonical(truth)


# --------------------------------------------------------------------------------------------
# Detectors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contender:
    name: str
    answer: Detector
    """The label and the text, for scoring."""
    timed: Callable[[bytes], object]
    """What is timed: ``decode_html`` for ours (its detection is the time over
    ``decode_html`` told the codec), the label call alone for a library."""


def ours(data: bytes) -> Answer:
    decoded = decode_html(data)
    return decoded.encoding, decoded.text


def _library(name: str, detect: Callable[[bytes], str | None]) -> Contender:
    def answer(data: bytes) -> Answer:
        label = detect(data)
        return label, decode_as(data, label) or ""

    return Contender(name, answer, detect)


def _chardet_interface(module: str) -> Callable[[bytes], str | None]:
    """The label of ``module.detect(data)["encoding"]``: chardet's interface, which cchardet
    shares. Raises ImportError when the module is not installed."""
    detect = importlib.import_module(module).detect

    def label(data: bytes) -> str | None:
        value = detect(data).get("encoding")
        return value if isinstance(value, str) else None

    return label


def contenders(names: Sequence[str] | None = None) -> tuple[list[Contender], list[str]]:
    """The detectors that are installed (of ``names``, default all), and a line per missing
    one."""
    found = [Contender("boilerstrip", ours, decode_html)]
    missing: list[str] = []
    try:
        import charset_normalizer

        def normalizer(data: bytes) -> str | None:
            best = charset_normalizer.from_bytes(data).best()
            return None if best is None else str(best.encoding)

        found.append(_library("charset-normalizer", normalizer))
    except ImportError as exc:
        missing.append(f"charset-normalizer: {exc}")
    for name, package in (("cchardet", "faust-cchardet"), ("chardet", "chardet")):
        try:
            found.append(_library(name, _chardet_interface(name)))
        except ImportError as exc:
            missing.append(f"{name} ({package}): {exc}")
    if names is not None:
        found = [c for c in found if c.name in names]
    return found, missing


# --------------------------------------------------------------------------------------------
# Dev pages
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DevPage:
    set: str
    id: str
    group: str
    """``undeclared`` or ``declaration hidden``."""
    data: bytes
    truth: str


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def hide_declarations(data: bytes) -> bytes:
    """The bytes with every ``charset=``/``encoding=`` keyword blanked (same length)."""
    return _KEYWORD_RE.sub(lambda m: b"x" * len(m[0]), data)


def _meta_truths(folder: Path) -> dict[str, str]:
    path = folder / "truth.jsonl"
    truths: dict[str, str] = {}
    if not path.is_file():
        return truths
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            authors = row.get("authors") or []
            truths[str(row["id"])] = "\n".join([str(row.get("title") or ""), *map(str, authors)])
    return truths


def dev_pages(root: Path) -> Iterator[DevPage]:
    """The dev pages that reach detection (see the module documentation), by set and id."""
    for folder in sorted(p for p in root.iterdir() if (p / "pages").is_dir()):
        meta_truths = _meta_truths(folder)
        for path in sorted((folder / "pages").glob("*.html")):
            data = path.read_bytes()
            if data.startswith(_BOMS) or is_utf8(data):
                continue
            truth_path = path.with_suffix(".txt")
            if truth_path.is_file():
                truth = article_truth(truth_path.read_text(encoding="utf-8"))
            else:
                truth = meta_truths.get(path.stem, "")
            if _DECLARATION_RE.search(data):
                group, data = "declaration hidden", hide_declarations(data)
            else:
                group = "undeclared"
            yield DevPage(folder.name, path.stem, group, data, truth)


@dataclass(frozen=True, slots=True)
class DevResult:
    page: DevPage
    right: set[str] | None
    """The right codecs (:func:`right_codecs`), ``None`` if undecided."""
    answers: dict[str, str | None]
    """Per detector, the codec its label maps to."""
    shares: dict[str, float]
    """Per detector, the share of the truth's pieces its text holds."""
    best: float
    """The best candidate codec's share."""


def score_dev(page: DevPage, answers: dict[str, Answer]) -> DevResult:
    pieces = truth_pieces(page.truth)
    candidates = set(DEV_CANDIDATES)
    candidates.update(c for label, _ in answers.values() if (c := canonical(label)) is not None)
    shares = {c: found_share(pieces, decode_as(page.data, c)) for c in sorted(candidates)}
    return DevResult(
        page,
        right_codecs(shares),
        {name: canonical(label) for name, (label, _) in answers.items()},
        {name: found_share(pieces, text) for name, (_, text) in answers.items()},
        max(shares.values(), default=0.0),
    )


def dev_right(result: DevResult, detector: str) -> bool:
    """Whether the detector's text finds as many truth pieces as the best candidate does."""
    return result.right is not None and result.shares[detector] >= result.best - 1e-9


# --------------------------------------------------------------------------------------------
# Labelled pages
# --------------------------------------------------------------------------------------------


def script_group(text: str) -> str | None:
    """The script group of a text (a key of :data:`GROUP_CODECS`), or ``None`` when it has
    too little non-ASCII text to be worth encoding."""
    scripts: Counter[str] = Counter()
    latin: Counter[str] = Counter()
    for char in text:
        if char < "\x80" or not char.isalpha():
            continue
        script = unicodedata.name(char, "?").split(" ")[0]
        scripts[script] += 1
        if script == "LATIN":
            latin[char] += 1
    letters = sum(scripts.values())
    if letters < 20:
        typography = sum(text.count(c) for c in _TYPOGRAPHY)
        return "english" if typography >= 5 and letters == scripts["LATIN"] else None
    kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
    if scripts["HANGUL"] * 3 >= letters:
        return "korean"
    if kana * 20 >= letters and kana + scripts["CJK"] * 2 >= letters:
        return "japanese"
    if scripts["CJK"] * 2 >= letters:
        return _chinese_kind(text)
    top = scripts.most_common(1)[0][0]
    if top == "LATIN":
        central = sum(n for c, n in latin.items() if c in _CENTRAL_LETTERS)
        turkish = sum(n for c, n in latin.items() if c in _TURKISH_LETTERS)
        if turkish >= 3 and turkish >= central:
            return "turkish"
        return "central" if central >= 3 else "western"
    known = {"CYRILLIC": "cyrillic", "GREEK": "greek", "HEBREW": "hebrew", "ARABIC": "arabic"}
    return known.get(top, "thai" if top == "THAI" else None)


def _encodable_share(chars: str, codec: str) -> float:
    if not chars:
        return 0.0
    return sum(_encodes(c, codec) for c in chars) / len(chars)


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _chinese_kind(text: str) -> str:
    han = "".join(set(re.findall("[\u4e00-\u9fff]", text)))
    if _encodable_share(han, "gb2312") >= _encodable_share(han, "big5"):
        return "chinese-simplified"
    return "chinese-traditional"


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    """Where the text comes from: ``<set>/<id>``, ``fixtures/<case>`` or ``own/<script>``."""
    group: str
    text: str


def sources(root: Path | None, fixtures: Path, per_group: int) -> list[Source]:
    """Up to ``per_group`` texts per script group, in a fixed order: the evaluation truth texts
    and ``meta`` pages by set and id, then our own fixtures, then the texts written here."""
    chosen: dict[str, list[Source]] = {group: [] for group in GROUP_CODECS}

    def offer(name: str, text: str) -> None:
        group = script_group(text)
        if group is not None and len(chosen[group]) < per_group:
            chosen[group].append(Source(name, group, text))

    if root is not None and root.is_dir():
        for folder in sorted(p for p in root.iterdir() if (p / "pages").is_dir()):
            for path in sorted((folder / "pages").glob("*.txt")):
                offer(f"{folder.name}/{path.stem}", path.read_text(encoding="utf-8"))
            if not any((folder / "pages").glob("*.txt")):
                for path in sorted((folder / "pages").glob("*.html")):
                    data = path.read_bytes()
                    if len(data) - len(data.decode("ascii", "ignore")) >= 300:
                        offer(f"{folder.name}/{path.stem}", extract_text(data))
    for path in sorted(fixtures.glob("*/expected.txt")):
        offer(f"fixtures/{path.parent.name}", path.read_text(encoding="utf-8"))
    for group, text in OWN_TEXTS.items():
        offer(f"own/{group}", text)
    return [source for group in GROUP_CODECS for source in chosen[group]]


def encodable_lines(text: str, codec: str) -> list[str]:
    """The text's non-blank lines that the codec encodes, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip() and _encodes(line, codec)]


def cut(lines: Sequence[str], codec: str, size: int | None) -> list[str]:
    """The first lines up to about ``size`` encoded bytes (all with ``None``); a first line
    longer than that is cut to it."""
    if size is None:
        return list(lines)
    kept: list[str] = []
    total = 0
    for line in lines:
        length = len(line.encode(codec))
        if total + length > size and kept:
            break
        if length > size:
            chars = line
            while len(chars.encode(codec)) > size:
                chars = chars[: len(chars) * 9 // 10]
            return [chars]
        kept.append(line)
        total += length
    return kept


def wrap(lines: Sequence[str]) -> str:
    """A small HTML page without a declaration: the first line as title, each line a ``<p>``."""
    title = html.escape(lines[0][:60]) if lines else ""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    head = f"<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n"
    return f"{head}<body>\n{body}</body></html>\n"


@dataclass(frozen=True, slots=True)
class Labelled:
    source: str
    group: str
    codec: str
    size: str
    data: bytes
    text: str
    """The page as it was written (the bytes decoded with the truth codec)."""


def labelled_pages(sources: Iterable[Source]) -> tuple[list[Labelled], int]:
    """The labelled pages, and how many were left out because their bytes read the same as
    UTF-8 (or they had no non-ASCII byte left)."""
    pages: list[Labelled] = []
    skipped = 0
    for source in sources:
        for codec in GROUP_CODECS[source.group]:
            lines = encodable_lines(source.text, codec)
            seen: set[int] = set()
            for size_name, size in SIZES:
                kept = cut(lines, codec, size)
                if not kept or (size is None and len(kept) in seen):
                    continue
                seen.add(len(kept))
                page = wrap(kept)
                data = page.encode(codec)
                seven_bit = data.isascii() and b"\x1b" in data  # ISO-2022-JP
                if not seven_bit and (data.isascii() or is_utf8(data)):
                    skipped += 1
                    continue
                pages.append(Labelled(source.name, source.group, codec, size_name, data, page))
    return pages, skipped


@dataclass(frozen=True, slots=True)
class LabelledResult:
    page: Labelled
    answers: dict[str, str | None]
    label_right: dict[str, bool]
    text_right: dict[str, bool]


def score_labelled(page: Labelled, answers: dict[str, Answer]) -> LabelledResult:
    return LabelledResult(
        page,
        {name: label for name, (label, _) in answers.items()},
        {name: same_label(label, page.codec) for name, (label, _) in answers.items()},
        {name: text == page.text for name, (_, text) in answers.items()},
    )


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def lxml_parse(data: bytes) -> object:
    return lxml.html.document_fromstring(data)


def time_functions(
    fns: dict[str, Callable[[bytes], object]], pages: Sequence[bytes], rounds: int
) -> dict[str, list[float]]:
    """Each function's best time on each page (seconds), over a warm-up and ``rounds`` rounds
    in which every function runs on a page before the next page."""
    best = {name: [float("inf")] * len(pages) for name in fns}
    for round_ in range(rounds + 1):
        for i, data in enumerate(pages):
            for name, fn in fns.items():
                start = time.perf_counter()
                fn(data)
                elapsed = time.perf_counter() - start
                if round_:
                    best[name][i] = min(best[name][i], elapsed)
    return best


GIVEN = "decode_html, codec given"
PLAIN = "bytes.decode, codec given"
PARSE = "lxml parse"
EXTRACT = "extract_text"


@dataclass(frozen=True, slots=True)
class Timing:
    name: str
    detection_us: float | None
    """Median time of the detection alone (``None`` for the reference rows)."""
    detection_to_parse: float | None
    """Median of the per-page ratios of the detection to the lxml parse."""
    decode_us: float
    """Median time of ``decode_html`` with this detector in its step 5: measured for ours,
    ``decode_html`` told the codec plus the library's detection for a library; for a
    reference row, its own time."""
    decode_to_parse: float
    decode_to_extract: float
    """Median of the per-page ratios to ``extract_text``."""


def _median_ratio(values: Sequence[float], base: Sequence[float]) -> float:
    return statistics.median(v / b for v, b in zip(values, base, strict=True))


def summarize_times(times: dict[str, list[float]], names: Sequence[str]) -> list[Timing]:
    """Per detector and reference row, the medians described in :class:`Timing`."""
    parse, extract, given = times[PARSE], times[EXTRACT], times[GIVEN]
    rows: list[Timing] = []
    for name in [*names, GIVEN, PLAIN, PARSE, EXTRACT]:
        values = times[name]
        detection: list[float] | None = None
        if name == names[0]:
            detection = [max(0.0, v - g) for v, g in zip(values, given, strict=True)]
        elif name in names:
            detection = values
            values = [v + g for v, g in zip(values, given, strict=True)]
        rows.append(
            Timing(
                name,
                None if detection is None else 1e6 * statistics.median(detection),
                None if detection is None else _median_ratio(detection, parse),
                1e6 * statistics.median(values),
                _median_ratio(values, parse),
                _median_ratio(values, extract),
            )
        )
    return rows


def time_contenders(
    found: Sequence[Contender], pages: Sequence[tuple[bytes, str]], rounds: int
) -> list[Timing]:
    """Time every contender and the reference rows on the pages, given with their codec."""
    label_of = {data: browser_label(codec) or codec for data, codec in pages}
    codec_of = {data: canonical(codec) or codec for data, codec in pages}
    fns: dict[str, Callable[[bytes], object]] = {c.name: c.timed for c in found}
    fns[GIVEN] = lambda data: decode_html(data, label_of[data])
    fns[PLAIN] = lambda data: data.decode(codec_of[data], "replace")
    fns[PARSE] = lxml_parse
    fns[EXTRACT] = extract_text
    times = time_functions(fns, [data for data, _ in pages], rounds)
    return summarize_times(times, [c.name for c in found])


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _ratio(n: int, total: int) -> str:
    return f"{n}/{total}"


def _time_cells(t: Timing) -> str:
    detection = (
        f"{t.detection_us:.0f} | {t.detection_to_parse:.2f}"
        if t.detection_us is not None and t.detection_to_parse is not None
        else " | "
    )
    return f"{detection} | {t.decode_us:.0f} | {t.decode_to_parse:.2f} | {t.decode_to_extract:.3f}"


TIME_HEADER = (
    "detection µs | detection x parse | decode_html µs | decode_html x parse"
    " | decode_html x extract_text"
)


def dev_table(results: Sequence[DevResult], names: Sequence[str], timing: list[Timing]) -> str:
    """Right pages per detector and group (decided pages only), with the times."""
    lines = [
        f"| detector | right, undeclared | right, declaration hidden | {TIME_HEADER} |",
        "|---" * 8 + "|",
    ]
    for t in timing:
        cells = []
        for group in ("undeclared", "declaration hidden"):
            decided = [r for r in results if r.page.group == group and r.right is not None]
            right = sum(dev_right(r, t.name) for r in decided) if t.name in names else None
            cells.append("" if right is None else _ratio(right, len(decided)))
        lines.append(f"| {t.name} | {cells[0]} | {cells[1]} | {_time_cells(t)} |")
    return "\n".join(lines)


def dev_listing(results: Sequence[DevResult], names: Sequence[str]) -> str:
    """One line per dev page where the detectors do not all agree with the truth."""
    lines = ["| set | page | group | bytes | right | " + " | ".join(names) + " |"]
    lines.append("|---" * (5 + len(names)) + "|")
    for r in results:
        marks = []
        for name in names:
            mark = "" if r.right is None else (" ✓" if dev_right(r, name) else " ✗")
            marks.append(f"{r.answers[name]}{mark}")
        if r.right is not None and all(m.endswith("✓") for m in marks):
            continue
        right = "undecided" if r.right is None else ", ".join(sorted(r.right))
        lines.append(
            f"| {r.page.set} | {r.page.id[:8]} | {r.page.group} | {len(r.page.data)} | {right} | "
            + " | ".join(marks)
            + " |"
        )
    return "\n".join(lines)


def labelled_table(
    results: Sequence[LabelledResult], names: Sequence[str], timing: list[Timing]
) -> str:
    """Label and text right per detector (all pages, and apart the codecs of
    :data:`NOT_OURS`), with the times."""
    ours_ = [r for r in results if r.page.codec not in NOT_OURS]
    others = [r for r in results if r.page.codec in NOT_OURS]
    lines = [
        "| detector | label right | text right | text right, our codecs"
        f" | text right, ISO-8859-2/5/6 | {TIME_HEADER} |",
        "|---" * 10 + "|",
    ]
    for t in timing:
        cells = ["", "", "", ""]
        if t.name in names:
            cells = [
                _ratio(sum(r.label_right[t.name] for r in results), len(results)),
                *(
                    _ratio(sum(r.text_right[t.name] for r in rows), len(rows))
                    for rows in (results, ours_, others)
                ),
            ]
        lines.append(f"| {t.name} | {' | '.join(cells)} | {_time_cells(t)} |")
    return "\n".join(lines)


def labelled_breakdown(results: Sequence[LabelledResult], names: Sequence[str]) -> str:
    """Text right per codec and per size, each detector a column."""
    lines = ["| codec | pages | " + " | ".join(names) + " |", "|---" * (2 + len(names)) + "|"]
    keys: dict[str, list[LabelledResult]] = {}
    for r in results:
        keys.setdefault(f"{r.page.group}: {r.page.codec}", []).append(r)
    for r in results:
        keys.setdefault(f"size {r.page.size}", []).append(r)
    for key, rows in keys.items():
        cells = [str(sum(row.text_right[name] for row in rows)) for name in names]
        lines.append(f"| {key} | {len(rows)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def labelled_misses(results: Sequence[LabelledResult], name: str, limit: int) -> str:
    """What the detector answered where its text was wrong, counted by truth and answer."""
    misses = Counter(
        (r.page.codec, r.page.size, str(r.answers[name])) for r in results if not r.text_right[name]
    )
    return "\n".join(
        f"- {codec} ({size}) read as {answer}: {n}"
        for (codec, size, answer), n in misses.most_common(limit)
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--detectors", help="comma-separated subset (default: all installed)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (default 3)")
    parser.add_argument("--per-group", type=int, default=8, help="source texts per script")
    parser.add_argument("--misses", type=int, default=12, help="miss lines per detector")
    args = parser.parse_args(argv)
    found, missing = contenders(args.detectors.split(",") if args.detectors else None)
    names = [c.name for c in found]
    if names[:1] != ["boilerstrip"]:
        parser.error("the detectors must include boilerstrip (the times are relative to it)")
    root = evaldata_root()
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    print(f"# Charset detection ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
    print(f"Python {sys.version.split()[0]}; detectors: {', '.join(names)}")
    for line in missing:
        print(f"- not installed: {line}")

    dev = list(dev_pages(root)) if root.is_dir() else []
    dev_results = [score_dev(page, {c.name: c.answer(page.data) for c in found}) for page in dev]
    groups = Counter(p.group for p in dev)
    undecided = Counter(r.page.group for r in dev_results if r.right is None)
    no_pieces = Counter(r.page.group for r in dev_results if not truth_pieces(r.page.truth))
    print(f"\n## Dev pages ({root})\n")
    for group in ("undeclared", "declaration hidden"):
        print(
            f"- {group}: {groups[group]} pages, {undecided[group]} undecided"
            f" ({no_pieces[group]} of them with no non-ASCII text in the truth)"
        )
    if dev:
        codecs_given = [(r.page.data, min(r.right or {"cp1252"})) for r in dev_results]
        print()
        print(dev_table(dev_results, names, time_contenders(found, codecs_given, args.rounds)))
        print("\nPages where a detector is wrong, or undecided (answers as codecs):\n")
        print(dev_listing(dev_results, names))

    chosen = sources(root, fixtures, args.per_group)
    labelled, skipped = labelled_pages(chosen)
    results = [score_labelled(p, {c.name: c.answer(p.data) for c in found}) for p in labelled]
    timing = time_contenders(found, [(p.data, p.codec) for p in labelled], args.rounds)
    per_group = Counter(s.group for s in chosen)
    print(
        f"\n## Labelled pages\n\n{len(labelled)} pages ({skipped} left out: ASCII or valid UTF-8,"
        f" they never reach detection) from {len(chosen)} texts: "
        + ", ".join(f"{g} {per_group[g]}" for g in GROUP_CODECS)
        + "\n"
    )
    print(labelled_table(results, names, timing))
    print("\nText right per codec and per size:\n")
    print(labelled_breakdown(results, names))
    for name in names:
        print(f"\nWrong texts of {name} (truth codec, size, answer: pages):\n")
        print(labelled_misses(results, name, args.misses) or "- none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
