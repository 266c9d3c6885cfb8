"""Tests for boilerstrip.encoding: bytes in, text out, never an exception."""

from __future__ import annotations

import codecs
import copy
import dataclasses
import pickle
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boilerstrip.encoding import (
    Decoded,
    binary_kind,
    charset_from_content_type,
    codec_for_label,
    decode_html,
)
from boilerstrip.encoding.mixed import (
    _MIXED_RUNS,
    _UTF8_SEQUENCE,
    _iter_utf8_runs,
    _utf8_runs,
    utf16_pieces,
)
from boilerstrip.encoding.sniff import _META_RE, _meta_label, scan_meta
from boilerstrip.pipeline import walk

RUSSIAN = (
    "Москва — столица России, крупнейший по численности населения город страны и один из "
    "крупнейших городов мира. Город расположен на реке Москве в центре Восточно-Европейской "
    "равнины. В XII веке здесь появилось небольшое поселение, которое со временем превратилось "
    "в центр русских земель. Сегодня Москва является важнейшим политическим, экономическим, "
    "культурным и научным центром страны; здесь работают сотни музеев, театров и университетов, "
    "а метрополитен ежедневно перевозит миллионы пассажиров. «Это город, который никогда не "
    "спит», — говорят местные жители."
)
JAPANESE = (
    "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした"
    "所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。"
    "東京は日本の首都であり、世界有数の大都市です。毎年多くの観光客が訪れ、美しい寺院や"
    "にぎやかな商店街、おいしい料理を楽しんでいます。"
)
CHINESE = (
    "北京是中华人民共和国的首都，也是全国的政治中心和文化中心。这座城市有三千多年的建城史，"
    "保存着大量的历史文化遗产，例如故宫、天坛和长城。近年来，北京的经济发展很快，交通网络"
    "不断完善，每年都有很多国内外游客来这里参观学习。我们可以在这里感受到传统与现代的结合。"
)
TRADITIONAL_CHINESE = (
    "臺北是臺灣最大的城市之一，也是政治、經濟與文化的中心。這座城市的捷運系統非常方便，每天"
    "有數以百萬計的乘客使用。夜市是臺北生活的重要部分，遊客可以在這裡品嘗各種傳統小吃，例如"
    "牛肉麵、滷肉飯和珍珠奶茶。許多人認為，臺北是一個親切而且充滿活力的地方。"
)
KOREAN = (
    "서울은 대한민국의 수도이자 최대 도시이다. 한강을 중심으로 강북과 강남으로 나뉘며, 약 "
    "천만 명의 인구가 살고 있다. 조선 시대부터 오랫동안 정치와 경제, 문화의 중심지 역할을 해 "
    "왔다. 오늘날 서울에는 많은 대학과 기업이 있으며, 지하철과 버스 같은 대중교통이 잘 "
    "발달되어 있어 외국인 관광객도 쉽게 여행할 수 있다."
)
FRENCH = (
    "Le château se dresse au sommet d’une colline qui domine la vallée. Construit au douzième "
    "siècle, il a été agrandi à plusieurs reprises avant d’être transformé en musée. Les "
    "visiteurs peuvent y découvrir une collection remarquable de tapisseries, de meubles et de "
    "peintures ; en été, des concerts sont organisés dans la cour d’honneur. « C’est un lieu où "
    "l’histoire reste vivante », explique la conservatrice."
)
GERMAN = (
    "Die Straßenbahn fährt über die Brücke, während die Sonne hinter den Hügeln untergeht. Viele "
    "Bürgerinnen und Bürger genießen die warmen Abende am Ufer des Flusses; Kinder spielen, "
    "ältere Menschen unterhalten sich über Politik und das Wetter. „Früher war hier ein "
    "Güterbahnhof“, erzählt ein Anwohner, „heute ist es der schönste Platz der Stadt.“"
)


def page(body: str, head: str = "", title: str = "Test") -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>{title}</title></head>\n"
        f'<body>\n<div class="nav"><a href="/">Home</a></div>\n'
        f'<div class="content"><p>{body}</p></div>\n</body></html>\n'
    )


# --------------------------------------------------------------------------------------------
# Labels and Content-Type values
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("utf-8", "utf-8"),
        ("utf8", "utf-8"),
        ("unicode-1-1-utf-8", "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("ascii", "cp1252"),
        ("us-ascii", "cp1252"),
        ("windows-1252", "cp1252"),
        ("iso-8859-9", "cp1254"),
        ("tis-620", "cp874"),
        ("iso-8859-11", "cp874"),
        ("iso-8859-2", "iso8859-2"),
        ("iso-8859-15", "iso8859-15"),
        ("windows-1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("gb2312", "gb18030"),
        ("gbk", "gb18030"),
        ("x-gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("big5", "big5hkscs"),
        ("shift_jis", "cp932"),
        ("sjis", "cp932"),
        ("ms_kanji", "cp932"),
        ("windows-31j", "cp932"),
        ("euc-jp", "euc_jp"),
        ("iso-2022-jp", "iso2022_jp_ext"),
        ("euc-kr", "cp949"),
        ("ks_c_5601-1987", "cp949"),
        ("x-mac-roman", "mac-roman"),
        ("x-mac-cyrillic", "mac-cyrillic"),
        ("x-mac-greek", "mac-greek"),
        ("utf-16", "utf-16-le"),
        ("utf-16le", "utf-16-le"),
        ("utf-16be", "utf-16-be"),
    ],
)
def test_codec_for_label(label: str, codec: str) -> None:
    assert codec_for_label(label) == codec
    assert codecs.lookup(codec).name == codec  # the canonical Python name


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        (" UTF-8 ", "utf-8"),
        ('"ISO-8859-1"', "cp1252"),
        ("'Shift_JIS'", "cp932"),
        ("utf_8", "utf-8"),
    ],
)
def test_codec_for_label_normalizes(label: str, codec: str) -> None:
    assert codec_for_label(label) == codec


@pytest.mark.parametrize("label", ["foo", "", "utf-9", "x-user-defined", "iso-2022-kr", "base64"])
def test_codec_for_label_unknown(label: str) -> None:
    assert codec_for_label(label) is None


@pytest.mark.parametrize(
    ("value", "charset"),
    [
        ('text/html; charset="ISO-8859-1"', "iso-8859-1"),
        ("text/html; charset=UTF-8", "utf-8"),
        ("text/html;charset=windows-1251", "windows-1251"),
        ("text/html; Charset = 'Shift_JIS' ; foo=bar", "shift_jis"),
        ("charset=gbk", "gbk"),
        ("text/html", None),
        ("text/html; charset=", None),
        ("text/html; xcharset=utf-8", None),
        ("", None),
    ],
)
def test_charset_from_content_type(value: str, charset: str | None) -> None:
    assert charset_from_content_type(value) == charset


# --------------------------------------------------------------------------------------------
# Byte-order marks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_is_used_and_stripped(bom: bytes, codec: str) -> None:
    html = page("Grüße, мир, 世界")
    result = decode_html(bom + html.encode(codec))
    assert result == Decoded(html, codec, "bom", ())


def test_bom_wins_over_declared_and_meta() -> None:
    html = page("Grüße", head='<meta charset="windows-1251">')
    result = decode_html(codecs.BOM_UTF8 + html.encode(), "text/html; charset=iso-8859-1")
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "bom")
    assert any("byte-order mark" in w for w in result.warnings)


def test_truncated_utf16_after_bom_is_replaced() -> None:
    result = decode_html(codecs.BOM_UTF16_LE + "<p>é</p>".encode("utf-16-le") + b"\x00")
    assert result.text == "<p>é</p>\ufffd"
    assert result.encoding == "utf-16-le"
    assert any("1 invalid byte sequence" in w for w in result.warnings)


# --------------------------------------------------------------------------------------------
# Declared charset (HTTP) and <meta>
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["windows-1251", "text/html; charset=windows-1251", "CP1251"])
def test_declared_as_label_or_content_type(declared: str) -> None:
    html = page(RUSSIAN)
    result = decode_html(html.encode("cp1251"), declared)
    assert result == Decoded(html, "cp1251", "argument", ())


def test_content_type_without_charset_is_no_declaration() -> None:
    html = page(RUSSIAN)
    result = decode_html(html.encode("cp1251"), "text/html")
    assert (result.text, result.encoding, result.source) == (html, "cp1251", "detected")


def test_iso_8859_1_label_reads_as_windows_1252() -> None:
    result = decode_html(b"<p>\x93Quoted\x94 \x96 \x80 5</p>", "iso-8859-1")
    assert result == Decoded("<p>“Quoted” – € 5</p>", "cp1252", "argument", ())


def test_meta_charset() -> None:
    html = page(JAPANESE, head='<meta charset="Shift_JIS">')
    result = decode_html(html.encode("shift_jis"))
    assert result == Decoded(html, "cp932", "meta", ())


def test_meta_http_equiv() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
    html = page(KOREAN, head=head)
    result = decode_html(html.encode("euc_kr"))
    assert result == Decoded(html, "cp949", "meta", ())


def test_meta_unquoted_and_self_closing() -> None:
    html = page(RUSSIAN, head="<META CHARSET=windows-1251/>")
    result = decode_html(html.encode("cp1251"))
    assert (result.text, result.encoding, result.source) == (html, "cp1251", "meta")


def test_meta_in_comment_or_beyond_4096_bytes_is_ignored() -> None:
    padding = "<!-- " + "x" * 5000 + " -->"
    for head in ("<!-- <meta charset=koi8-r> -->", padding + "<meta charset=koi8-r>"):
        html = page(RUSSIAN, head=head)
        result = decode_html(html.encode("cp1251"))
        assert (result.encoding, result.source) == ("cp1251", "detected")


def test_declared_wins_over_meta() -> None:
    html = page(FRENCH, head='<meta charset="windows-1251">')
    result = decode_html(html.encode("cp1252"), "text/html; charset=windows-1252")
    assert (result.text, result.encoding, result.source) == (html, "cp1252", "argument")
    assert result.warnings == (
        "<meta> charset 'windows-1251' disagrees with the declared 'windows-1252'; "
        "the declared one was used",
    )


def test_lying_meta_charset_loses_to_valid_utf8() -> None:
    html = page(FRENCH, head='<meta charset="iso-8859-1">')
    result = decode_html(html.encode("utf-8"))
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "utf-8")
    assert len(result.warnings) == 1
    assert "'iso-8859-1'" in result.warnings[0]
    assert "valid UTF-8" in result.warnings[0]


def test_lying_declared_charset_loses_to_valid_utf8() -> None:
    html = page(RUSSIAN)
    result = decode_html(html.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "utf-8")
    assert len(result.warnings) == 1


def test_declared_utf8_that_does_not_fit_falls_through_to_detection() -> None:
    html = page(RUSSIAN)
    result = decode_html(html.encode("cp1251"), "utf-8")
    assert (result.text, result.encoding, result.source) == (html, "cp1251", "detected")
    assert result.warnings == ("declared charset 'utf-8' does not fit the bytes; ignored",)


def test_broken_declaration_falls_through_to_meta() -> None:
    html = page(RUSSIAN, head='<meta charset="windows-1251">')
    result = decode_html(html.encode("cp1251"), "utf-8")
    assert (result.text, result.encoding, result.source) == (html, "cp1251", "meta")
    assert len(result.warnings) == 1


def test_declared_codec_with_a_few_bad_bytes_is_kept_with_a_warning() -> None:
    html = page(JAPANESE)
    data = html.encode("shift_jis")
    position = data.index(b"</p>")
    data = data[:position] + b"\x81" + data[position:]  # a lead byte without its trail byte
    result = decode_html(data, "shift_jis")
    assert (result.encoding, result.source) == ("cp932", "argument")
    assert result.text == html.replace("</p>", "\ufffd</p>")
    assert result.warnings == (
        "bytes are not valid cp932; 1 invalid byte sequence replaced with U+FFFD",
    )


@pytest.mark.parametrize("declared", ["foo", "text/html; charset=foo"])
def test_unknown_declared_label(declared: str) -> None:
    html = page(GERMAN)
    result = decode_html(html.encode("utf-8"), declared)
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "utf-8")
    assert result.warnings == ("declared charset 'foo' is unknown; ignored",)


def test_unknown_meta_label() -> None:
    html = page(GERMAN, head='<meta charset="klingon-8">')
    result = decode_html(html.encode("cp1252"))
    assert (result.text, result.encoding, result.source) == (html, "cp1252", "detected")
    assert result.warnings == ("<meta> charset 'klingon-8' is unknown; ignored",)


def test_meta_utf16_means_utf8() -> None:
    html = page(GERMAN, head='<meta charset="utf-16">')
    result = decode_html(html.encode("utf-8"))
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "meta")


def test_declared_utf16_without_nul_bytes_is_ignored() -> None:
    html = page(GERMAN)
    result = decode_html(html.encode("utf-8"), "utf-16")
    assert (result.text, result.encoding, result.source) == (html, "utf-8", "utf-8")
    assert len(result.warnings) == 1


# --------------------------------------------------------------------------------------------
# UTF-8 and detection
# --------------------------------------------------------------------------------------------


def test_strict_utf8_without_declaration() -> None:
    html = page(RUSSIAN + JAPANESE + FRENCH)
    assert decode_html(html.encode("utf-8")) == Decoded(html, "utf-8", "utf-8", ())


def test_ascii_is_utf8() -> None:
    html = page("Plain English text.")
    assert decode_html(html.encode("ascii")) == Decoded(html, "utf-8", "utf-8", ())


def test_mostly_utf8_with_a_stray_byte() -> None:
    html = page(RUSSIAN)
    data = html.encode("utf-8")
    position = data.index(b"<p>") + 3
    data = data[:position] + b"\xe9" + data[position:]
    result = decode_html(data)
    assert (result.encoding, result.source) == ("utf-8", "utf-8")
    assert result.text == html.replace("<p>", "<p>\ufffd")
    assert result.warnings == (
        "bytes are not valid utf-8; 1 invalid byte sequence replaced with U+FFFD",
    )


@pytest.mark.parametrize(
    ("text", "python_codec", "detected"),
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (JAPANESE, "shift_jis", "cp932"),
        (JAPANESE, "euc_jp", "euc_jp"),
        (CHINESE, "gbk", "gb18030"),
        (CHINESE, "gb2312", "gb18030"),
        (TRADITIONAL_CHINESE, "big5", "big5hkscs"),
        (KOREAN, "euc_kr", "cp949"),
        (FRENCH, "cp1252", "cp1252"),
        (GERMAN, "cp1252", "cp1252"),
        (GERMAN.replace("„", "«").replace("“", "»"), "latin-1", "cp1252"),
    ],
)
def test_detection_of_undeclared_legacy_pages(text: str, python_codec: str, detected: str) -> None:
    html = page(text, title=text[:12])
    result = decode_html(html.encode(python_codec))
    assert result == Decoded(html, detected, "detected", ())


@pytest.mark.parametrize(
    ("text", "python_codec"),
    [(RUSSIAN, "cp1251"), (CHINESE, "gbk"), (KOREAN, "euc_kr"), (JAPANESE, "shift_jis")],
)
def test_detection_finds_text_deep_in_a_large_page(text: str, python_codec: str) -> None:
    script = "<script>var data = [" + ",".join(str(i) for i in range(60000)) + "];</script>\n"
    html = page(text * 30, head=script)
    data = html.encode(python_codec)
    assert len(data) > 300_000
    result = decode_html(data)
    assert (result.text, result.source) == (html, "detected")


def test_bomless_utf16_is_detected() -> None:
    html = page(FRENCH)
    result = decode_html(html.encode("utf-16-be"))
    assert (result.text, result.encoding, result.source) == (html, "utf-16-be", "detected")


def test_iso_2022_jp_is_detected() -> None:
    html = page(JAPANESE)
    result = decode_html(html.encode("iso2022_jp"))
    assert (result.text, result.source) == (html, "detected")


# Central European, Cyrillic and Arabic text in the ISO codecs, whose letters differ from their
# windows siblings', and Czech in windows-1250, which reads as letters in windows-1252 too.
POLISH = (
    "Wczoraj wieczorem w małym miasteczku nad rzeką odbył się koncert orkiestry dętej, który "
    "przyciągnął tłumy mieszkańców. Dzieci bawiły się na łące, a starsi słuchali muzyki i "
    "rozmawiali o pogodzie. Organizatorzy zapowiedzieli, że w przyszłym roku święto będzie "
    "jeszcze większe, bo gmina dołoży pieniędzy na scenę."
)
CZECH = (
    "Včera večer se na náměstí sešli obyvatelé města, aby oslavili výročí založení školy. "
    "Ředitel poděkoval učitelům za jejich práci a žáci zazpívali několik písní. Počasí bylo "
    "příjemné, takže oslava trvala až do půlnoci a nikdo nespěchal domů."
)
RUSSIAN_PLAIN = (  # no guillemets or dashes: ISO-8859-5 has none
    "Весной река поднялась так высоко, что жителям пришлось укреплять берега мешками с песком. "
    "Спасатели работали днём и ночью, а соседи приносили им горячий чай и хлеб. Теперь вода "
    "ушла, и люди начинают ремонтировать дома, заборы и огороды."
)
ARABIC = (
    "بدأ موسم قطف الزيتون في القرية هذا الأسبوع، وخرجت العائلات إلى الحقول منذ الصباح الباكر. "
    "يقول المزارعون إن المحصول جيد هذا العام بسبب الأمطار الغزيرة في الشتاء الماضي. وفي المساء "
    "يجتمع الناس في الساحة لتناول الطعام والحديث عن أخبار الحصاد."
)


@pytest.mark.parametrize(
    ("text", "python_codec", "detected"),
    [
        (POLISH, "iso8859_2", "iso8859-2"),
        (CZECH, "iso8859_2", "iso8859-2"),
        (RUSSIAN_PLAIN, "iso8859_5", "iso8859-5"),
        (ARABIC, "iso8859_6", "iso8859-6"),
        (POLISH, "cp1250", "cp1250"),
        (CZECH, "cp1250", "cp1250"),
        (RUSSIAN_PLAIN, "cp1251", "cp1251"),
        (RUSSIAN_PLAIN, "koi8_r", "koi8-r"),
        (ARABIC, "cp1256", "cp1256"),
    ],
    ids=lambda value: value if len(value) < 12 else value.split()[0],
)
@pytest.mark.parametrize("chars", [200, None])
def test_detection_of_iso_codecs_and_their_windows_siblings(
    text: str, python_codec: str, detected: str, chars: int | None
) -> None:
    html = page(text[:chars], title="News")
    result = decode_html(html.encode(python_codec))
    assert result == Decoded(html, detected, "detected", ())


def test_western_marks_are_not_central_european_letters() -> None:
    """The "»" and "©" of an English page are "ť" and "Š" in ISO-8859-2."""
    html = page("Read more » about the garden. © 2024 The Garden Club", title="Garden")
    result = decode_html(html.encode("cp1252"))
    assert (result.text, result.encoding) == (html, "cp1252")


# UTF-8 pages with a few stray bytes: read as UTF-8, the strays in the legacy codec they are
# in, or as U+FFFD when they are pieces of broken UTF-8 characters.
_ENGLISH_QUOTES = " ".join(
    f"<p>The {word}’s “new” café opened on {day}.</p>"
    for word, day in [("city", "Monday"), ("town", "Tuesday"), ("club", "Friday")]
)


@pytest.mark.parametrize("head", ['<meta charset="utf-8">', ""])
def test_utf8_page_with_a_few_stray_windows_1252_bytes(head: str) -> None:
    html = page(_ENGLISH_QUOTES + " It’s late. Don’t wait. We’re here.", head=head)
    data = html.encode().replace("’".encode(), b"\x92", 3)
    assert data.count(b"\x92") == 3  # 3 strays among 12 runs of UTF-8
    result = decode_html(data)
    assert (result.text, result.encoding) == (html, "utf-8")
    assert result.source == ("meta" if head else "utf-8")
    assert result.warnings == (
        "the page mixes encodings: read as utf-8 where its bytes are valid UTF-8, as cp1252"
        " elsewhere",
    )


def test_declared_utf8_page_with_pieces_of_broken_characters() -> None:
    """A lead byte lost (``&acirc;`` put in its place) leaves two continuation bytes: they are
    no text in any codec, so they become U+FFFD and the rest stays UTF-8."""
    html = page(_ENGLISH_QUOTES + " It’s late. Don’t wait. We’re here.", '<meta charset="utf-8">')
    data = html.encode().replace("’".encode(), b"&acirc;\x80\x99", 3)
    result = decode_html(data)
    assert (result.encoding, result.source) == ("utf-8", "meta")
    assert result.text == html.replace("’", "&acirc;\ufffd\ufffd", 3)
    assert result.warnings == (
        "bytes are not valid utf-8; 6 invalid byte sequences replaced with U+FFFD",
    )


# --------------------------------------------------------------------------------------------
# Anything goes in, text comes out
# --------------------------------------------------------------------------------------------


def test_empty_bytes() -> None:
    assert decode_html(b"") == Decoded("", "utf-8", "utf-8", ())
    assert decode_html(b"", "windows-1251") == Decoded("", "cp1251", "argument", ())


def test_nul_bytes() -> None:
    html = page("a\x00b\x00\x00c")
    assert decode_html(html.encode()) == Decoded(html, "utf-8", "utf-8", ())
    result = decode_html(b"\x00" * 100 + "é".encode("cp1252") + b"\x00" * 3)
    assert isinstance(result.text, str)
    assert result.text.count("\x00") == 103


def test_bytearray_and_memoryview_are_accepted() -> None:
    data = page(GERMAN).encode("utf-8")
    assert decode_html(bytearray(data)).text == decode_html(memoryview(data)).text  # type: ignore[arg-type]


def test_random_binary_never_raises() -> None:
    rng = random.Random(20240229)
    labels = [None, "utf-8", "shift_jis", "utf-16", "iso-8859-1", "gbk", "foo", "text/html"]
    for size in (1, 2, 3, 7, 64, 1000, 5000, 70_000):
        for _ in range(4):
            data = rng.randbytes(size)
            result = decode_html(data, rng.choice(labels))
            assert isinstance(result.text, str)
            assert result.source in ("bom", "argument", "meta", "utf-8", "detected", "fallback")
            assert codecs.lookup(result.encoding).name == result.encoding


def test_random_binary_falls_back_to_windows_1252() -> None:
    data = random.Random(7).randbytes(4096)
    result = decode_html(data)
    assert (result.encoding, result.source) == ("cp1252", "fallback")
    assert len(result.text) == len(data)
    assert result.warnings[0] == "could not determine the encoding; decoded as cp1252"


def test_decoded_is_frozen() -> None:
    result = decode_html(b"<p>x</p>")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "y"  # type: ignore[misc]


# The runs that the mixed-encoding check reads, by their definition: a whole run of non-ASCII
# bytes (none before or after it) made of valid UTF-8 sequences. The code finds them faster.
_RUN_DEFINITION = re.compile(rb"(?<![\x80-\xff])" + _UTF8_SEQUENCE + rb"++(?![\x80-\xff])")
_PIECES = [
    b"a", b" ", b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xe9", b"\xed\xa0\x80",
    b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\xe0\x80\x80", b"\x80", b"\xbf\xbf",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES) | st.binary(max_size=3), max_size=16), st.integers(0, 8))
def test_utf8_runs_are_the_whole_valid_runs(pieces: list[bytes], pos: int) -> None:
    data = b"".join(pieces)
    assert _utf8_runs(data) == [m[0] for m in _RUN_DEFINITION.finditer(data)][:_MIXED_RUNS]
    found = [(m.start(), m[0]) for m in _iter_utf8_runs(data, pos)]
    assert found == [(m.start(), m[0]) for m in _RUN_DEFINITION.finditer(data, pos)]


def test_utf8_runs_stop_at_the_cap() -> None:
    data = b" ".join([b"\xc3\xa9"] * (_MIXED_RUNS + 5))
    assert len(_utf8_runs(data)) == _MIXED_RUNS


# --------------------------------------------------------------------------------------------
# The bytes the parser reads as they are
# --------------------------------------------------------------------------------------------


#: Pages of valid and broken UTF-8, byte-order marks, meta charsets, NULs; and declarations.
_PAGE_PIECES = st.lists(
    st.sampled_from([*_PIECES, b"\xef\xbb\xbf", b"<meta charset=cp1251>", b"\x00a\x00"])
    | st.binary(max_size=3),
    max_size=16,
)
_DECLARED = st.sampled_from([None, "utf-8", "windows-1251", "utf-16"])


@given(_PAGE_PIECES, _DECLARED)
def test_utf8_bytes_are_given_only_when_they_are_the_text(
    pieces: list[bytes], declared: str | None
) -> None:
    result = decode_html(b"".join(pieces), declared)
    if result.utf8 is not None:
        assert result.utf8.decode("utf-8") == result.text


def test_utf8_bytes_of_plain_and_other_pages() -> None:
    data = page(RUSSIAN + JAPANESE).encode("utf-8")
    assert decode_html(data).utf8 is data
    assert decode_html(data, "utf-8").utf8 is data
    assert decode_html(b"\xef\xbb\xbf" + data).utf8 is None  # the text lacks the mark
    assert decode_html(page(RUSSIAN).encode("cp1251")).utf8 is None
    mixed = data + page(RUSSIAN).encode("cp1251")
    assert decode_html(mixed).utf8 is None  # read piece by piece


@given(_PAGE_PIECES, _DECLARED)
def test_a_utf8_check_changes_nothing_but_when_the_text_is_made(
    pieces: list[bytes], declared: str | None
) -> None:
    """With ``check_utf8``, a page that is valid UTF-8 comes back with its bytes and no text
    made yet; everything else is as without it."""
    data = b"".join(pieces)
    expected = decode_html(data, declared)
    got = decode_html(data, declared, check_utf8=walk.python_valid_utf8)
    assert got.utf8 == expected.utf8
    if got.utf8 is not None:
        assert got.made is None
    assert (got.encoding, got.source, got.warnings) == (
        expected.encoding,
        expected.source,
        expected.warnings,
    )
    assert got.text == expected.text and got == expected
    assert got.made is not None  # made when read, once


def test_decoded_from_utf8_bytes_makes_its_text_when_read() -> None:
    data = page(RUSSIAN).encode("utf-8")
    made = Decoded(None, "utf-8", "utf-8", (), data)
    assert made.made is None
    assert made == Decoded(data.decode("utf-8"), "utf-8", "utf-8", ())
    assert made.text is made.text  # decoded once
    with pytest.raises(ValueError):
        Decoded(None, "utf-8", "utf-8")


@pytest.mark.parametrize("read", [False, True])
def test_decoded_copies_and_pickles(read: bool) -> None:
    """As the frozen dataclass it was: copy, deepcopy and pickle give an equal result, whether
    the text was made yet or not."""
    made = Decoded(None, "utf-8", "utf-8", ("w",), page(RUSSIAN).encode("utf-8"))
    if read:
        assert made.text
    for twin in (copy.copy(made), copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert (twin.made is None) is (not read)  # before ==, which reads the text
        assert twin == made and twin.warnings == ("w",)


_META_NAMES = st.sampled_from(
    [b"charset", b"CharSet", b"http-equiv", b"HTTP-EQUIV", b"content", b"name", b"x"]
)
_META_VALUES = st.sampled_from(
    [
        b"utf-8", b"koi8-r", b"x-nope", b"utf-16", b"content-type", b"Content-Type",
        b"text/html; charset=utf-8", b"text/html; CHARSET=koi8-r", b"text/html", b"og:title",
        b"text/html; \xc5\xbfet=x", b"",
    ]
)  # fmt: skip
_META_ATTRIBUTE = st.tuples(
    _META_NAMES, st.sampled_from([b"", b"=", b'="', b"='"]), _META_VALUES
).map(lambda a: a[0] + a[1] + a[2] + (a[1][1:] if len(a[1]) > 1 else b""))
_META_TAG = st.tuples(
    st.sampled_from([b"<meta ", b"<META ", b"<meta/", b"<p "]),
    st.lists(_META_ATTRIBUTE, max_size=4),
).map(lambda t: t[0] + b" ".join(t[1]) + b">")


@given(st.lists(_META_TAG | st.sampled_from([b"<!--", b"-->", b"x"]), max_size=12))
def test_scan_meta_reads_every_tag_that_names_a_charset(pieces: list[bytes]) -> None:
    """The metas passed by unread (no "charset" in them, in any case) would give no label:
    the scan finds what reading every meta finds, warnings included."""
    data = b"".join(pieces)
    warnings: list[str] = []
    got = scan_meta(data, warnings)
    expected_warnings: list[str] = []
    expected = None
    head = data[:4096]
    if b"<" in head:
        head = re.sub(rb"<!--.*?(?:-->|\Z)", b"", head, flags=re.S) if b"<!--" in head else head
        for tag in _META_RE.finditer(head):
            label = _meta_label(tag.group(1))
            if label is None:
                continue
            codec = codec_for_label(label)
            if codec is None:
                expected_warnings.append(label)
                continue
            expected = (label, "utf-8" if codec.startswith("utf-16") else codec)
            break
    assert got == expected
    assert len(warnings) == len(expected_warnings)


# The UTF-16 stretches in an 8-bit page, by their definition: what re.subn makes of the bytes
# with these patterns, the byte order that leaves fewer NULs winning. The code finds them faster.
_STRETCH_DEFINITIONS = (
    (re.compile(rb"(?:[^\x00]\x00){8,}"), "utf-16-le"),
    (re.compile(rb"(?:\x00[^\x00]){8,}"), "utf-16-be"),
)
_STRETCH_PIECES = [
    b"\x00", b"a", b"a\x00", b"\x00a", b"\xe9\x00", b"\x00\x00", b"<p>", b"</p>",
    *("Texte plus"[:n].encode(c) for n in (6, 7, 8, 9) for c in ("utf-16-le", "utf-16-be")),
]  # fmt: skip


def _stretches_by_definition(data: bytes) -> tuple[bytes, int] | None:
    best: tuple[bytes, int] | None = None
    for pattern, codec in _STRETCH_DEFINITIONS:
        text, count = pattern.subn(
            lambda m, c=codec: m[0].decode(c).encode("ascii", "xmlcharrefreplace"), data
        )
        if count and (best is None or text.count(0) < best[0].count(0)):
            best = (text, count)
    return best


@given(st.lists(st.sampled_from(_STRETCH_PIECES) | st.binary(max_size=3), max_size=40))
def test_utf16_stretches_are_those_of_the_definition(pieces: list[bytes]) -> None:
    data = b"<html><p>x</p><p>" + b"".join(pieces)
    assert utf16_pieces(data) == _stretches_by_definition(data)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"BZh91AY&SY", "bzip2-compressed data"),  # two pieces, one at offset 4
        (b"\x00\x00\x00\x18ftypisom", "an MP4"),  # no piece at offset 0: after any byte
        (b"<\x01\x02\x03ftypavif", "an MP4"),
        (b"RIFF\x00\x00\x00\x00WAVE", "a WAV audio file"),
        (b"RIFFftypWEBP", "a WebP image"),  # two signatures fit: the first listed wins
        (b"\x00\x00\x01\x00", "an icon image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    ],
)
def test_file_signatures_as_bytes_and_as_text(head: bytes, kind: str) -> None:
    """The signatures the first byte can start are the only ones compared: every kind is still
    found, from bytes and from the characters a ``str`` decoded them to."""
    data = head + b"<html><body><p>text</p></body></html>"
    for html in (data, data.decode("latin-1"), data.decode("cp1252", "replace")):
        found = binary_kind(html)
        assert found is not None and found.startswith(kind), (html[:12], found)


@pytest.mark.parametrize("data", [b"", b"<", b"R", b"<html><p>text</p>", "", "<p>caf\u00e9</p>"])
def test_short_and_ordinary_input_has_no_signature(data: bytes | str) -> None:
    assert binary_kind(data) is None
