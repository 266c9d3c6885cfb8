"""The charset benchmark's scoring helpers (``benchmarks/charset.py``), on made-up text."""

from __future__ import annotations

from benchmarks.charset import (
    GROUP_CODECS,
    DevPage,
    Source,
    browser_label,
    canonical,
    cut,
    decode_as,
    dev_right,
    found_share,
    hide_declarations,
    labelled_pages,
    right_codecs,
    same_label,
    score_dev,
    score_labelled,
    script_group,
    truth_pieces,
    wrap,
)


def test_labels_map_as_browsers_do_else_as_python() -> None:
    assert canonical("ISO-8859-1") == "cp1252"
    assert canonical("SHIFT_JIS") == "cp932"
    assert canonical("GB2312") == "gb18030"
    assert canonical("MacCyrillic") == "mac-cyrillic"  # unknown to browsers, known to Python
    assert canonical("no-such-charset") is None
    assert canonical(None) is None
    assert same_label("shift_jis", "cp932")
    assert not same_label("windows-1251", "iso8859_5")
    assert not same_label(None, "cp1252")


def test_every_labelled_codec_has_a_label_decode_html_accepts() -> None:
    for codecs in GROUP_CODECS.values():
        for codec in codecs:
            assert browser_label(codec) is not None, codec
    assert browser_label("latin_1") == "iso8859-1"
    assert browser_label("cp874") == "windows-874"
    assert browser_label("no-such-charset") is None


def test_truth_pieces_and_their_share_pick_the_decoding_that_keeps_the_text() -> None:
    truth = "Le café est fermé. Привет мир"
    pieces = truth_pieces(truth)
    assert "café" in pieces
    assert all(len(piece) <= 6 for piece in pieces)
    assert not any(piece.isascii() for piece in pieces)
    page = ("<p>Le café est fermé.</p><p>Привет мир</p>").encode("cp1251", "replace")
    right = found_share(pieces, decode_as(page, "cp1251"))
    wrong = found_share(pieces, decode_as(page, "koi8-r"))
    assert right > wrong
    assert found_share(pieces, None) == 0.0
    assert found_share(set(), "anything") == 0.0


def test_right_codecs_are_the_ties_with_the_best_and_none_when_undecided() -> None:
    assert right_codecs({"cp1252": 1.0, "cp1250": 1.0, "koi8-r": 0.2}) == {"cp1252", "cp1250"}
    assert right_codecs({"cp1252": 0.9, "cp1250": 0.85}) == {"cp1252"}
    assert right_codecs({"cp1252": 0.3}) is None
    assert right_codecs({}) is None


def test_hidden_declarations_keep_the_length_and_lose_the_keyword() -> None:
    page = b'<?xml version="1.0" encoding="iso-8859-1"?><meta charset="koi8-r"><p>x</p>'
    hidden = hide_declarations(page)
    assert len(hidden) == len(page)
    assert b"charset" not in hidden.lower()
    assert b"encoding" not in hidden.lower()
    assert b"koi8-r" in hidden


def test_script_groups() -> None:
    # A text needs 20 non-ASCII letters to count: made-up sentences are repeated.
    assert script_group("Zażółć gęślą jaźń, łódź płynie po jeziorze. " * 4) == "central"
    assert script_group("Ağaç dalında kuş ötüyor, güneş ışığı sıcak. " * 4) == "turkish"
    assert script_group("Der Bär läuft über die Brücke, während es regnet. " * 4) == "western"
    assert script_group("Съешь же ещё этих мягких французских булок " * 4) == "cyrillic"
    assert script_group("これは日本語の文章です。ひらがなとカタカナが入っています。") == "japanese"
    assert script_group("这是一个简单的中文句子，用来测试汉字的编码和解码过程。") == (
        "chinese-simplified"
    )
    assert script_group("這是一個簡單的繁體中文句子，用來測試漢字的編碼與解碼過程。") == (
        "chinese-traditional"
    )
    assert script_group("“Quoted” — and ‘again’ … with “more” quotes") == "english"
    assert script_group("plain ASCII only") is None


def test_cut_keeps_whole_lines_up_to_the_size_and_cuts_a_long_first_line() -> None:
    lines = ["é" * 50, "è" * 50, "à" * 50]
    assert cut(lines, "cp1252", None) == lines
    assert cut(lines, "cp1252", 120) == lines[:2]
    first = cut(["ж" * 500], "cp1251", 200)
    assert len(first) == 1
    assert 0 < len(first[0].encode("cp1251")) <= 200


def test_labelled_pages_are_undeclared_and_score_exactly_or_equivalently() -> None:
    text = "Die Bären über der Brücke\nGrüße aus München, schöne Straße\n" * 3
    pages, _skipped = labelled_pages([Source("made-up", "western", text)])
    assert {page.codec for page in pages} == {"cp1252", "latin_1", "iso8859_15"}
    for page in pages:
        assert b"charset" not in page.data
        assert page.data.decode(page.codec) == page.text
    latin1 = next(page for page in pages if page.codec == "latin_1")
    scored = score_labelled(
        latin1,
        {
            "same": ("windows-1252", latin1.data.decode("cp1252")),
            "wrong": ("koi8-r", latin1.data.decode("koi8-r")),
        },
    )
    assert scored.label_right == {"same": True, "wrong": False}  # ISO-8859-1 is windows-1252
    assert scored.text_right == {"same": True, "wrong": False}
    assert "<title>" in wrap(["a & b"]) and "a &amp; b" in wrap(["a & b"])


def test_a_dev_page_is_right_for_the_detectors_whose_text_holds_the_truth() -> None:
    truth = "Прогноз погоды на завтра: солнечно, без осадков, ветер слабый."
    data = f"<html><body><p>{truth}</p></body></html>".encode("cp1251")
    page = DevPage("made-up", "p1", "undeclared", data, truth)
    result = score_dev(
        page,
        {
            "good": ("windows-1251", data.decode("cp1251")),
            "bad": ("koi8-r", data.decode("koi8-r")),
            "none": (None, ""),
        },
    )
    assert result.right is not None and "cp1251" in result.right
    assert dev_right(result, "good")
    assert not dev_right(result, "bad")
    assert not dev_right(result, "none")
    assert result.answers == {"good": "cp1251", "bad": "koi8-r", "none": None}
    undecided = score_dev(DevPage("made-up", "p2", "undeclared", data, "ASCII truth"), {})
    assert undecided.right is None
