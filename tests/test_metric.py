"""The benchmark metric: tokens, per-page token P/R/F1 and the scrapinghub shingle figure."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.metric import (
    ShingleCounts,
    page_shingle_precision,
    page_shingle_recall,
    score,
    shingle_counts,
    shingle_summary,
    shingle_tokenize,
    shingles,
    tokenize,
)

# --- tokens --------------------------------------------------------------------------------


def test_tokens_are_lower_cased_word_runs() -> None:
    assert tokenize("Hello, World! It's 2024-01-02.") == [
        "hello", "world", "it", "s", "2024", "01", "02",
    ]  # fmt: skip


def test_underscore_and_digits_are_word_characters() -> None:
    assert tokenize("snake_case x2 ½") == ["snake_case", "x2", "½"]


def test_unicode_letters_form_words() -> None:
    assert tokenize("Größe ÜBER Привет мир") == ["größe", "über", "привет", "мир"]
    assert tokenize("한국어 텍스트") == ["한국어", "텍스트"]  # Hangul is not split


def test_each_cjk_ideograph_and_kana_is_a_token() -> None:
    assert tokenize("東京タワー") == ["東", "京", "タ", "ワ", "ー"]
    assert tokenize("ひらがな") == ["ひ", "ら", "が", "な"]
    assert tokenize("中文abc字") == ["中", "文", "abc", "字"]
    assert tokenize("㐀豈") == ["㐀", "豈"]  # extension A, compatibility ideographs
    assert tokenize("\U00020000\U0002a6d6x") == ["\U00020000", "\U0002a6d6", "x"]  # ext. B


def test_cjk_punctuation_is_not_a_token() -> None:
    assert tokenize("東京・大阪。「日本」") == ["東", "京", "大", "阪", "日", "本"]


def test_whitespace_and_markup_free_text_only_matter_through_tokens() -> None:
    assert tokenize("  a\n\n\tb  ") == ["a", "b"]
    assert tokenize("") == []
    assert tokenize(" ... — !") == []


# --- per-page token P/R/F1 -----------------------------------------------------------------


def test_identical_texts_score_one() -> None:
    s = score("The cat sat.", "the CAT sat")
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_precision_recall_f1() -> None:
    s = score("a b c d", "a b e")  # overlap 2, |pred| 4, |gold| 3
    assert s.precision == pytest.approx(2 / 4)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_tokens_count_with_multiplicity() -> None:
    # gold has "the" twice, the prediction five times: only two of them match
    s = score("the the the the the cat", "the cat sat on the mat")
    assert s.precision == pytest.approx(3 / 6)
    assert s.recall == pytest.approx(3 / 6)
    # a repeated prediction of the whole gold gets half precision, full recall
    s = score("a b a b", "a b")
    assert (s.precision, s.recall) == (0.5, 1.0)


def test_order_does_not_matter() -> None:
    assert score("c b a", "a b c").f1 == 1.0


def test_no_overlap() -> None:
    s = score("x y", "a b")
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_cjk_scored_per_character() -> None:
    s = score("東京", "東京都")
    assert s.precision == 1.0
    assert s.recall == pytest.approx(2 / 3)


def test_both_empty_scores_one() -> None:
    s = score("", "  \n ")
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    s = score("--", "...")  # no tokens on either side counts as empty
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)


def test_empty_gold_nonempty_prediction() -> None:
    s = score("some boilerplate", "")
    assert (s.precision, s.recall, s.f1) == (0.0, 1.0, 0.0)


def test_empty_prediction_nonempty_gold() -> None:
    s = score("", "the article")
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


# --- the scrapinghub shingle figure --------------------------------------------------------


def test_shingle_tokens_keep_case_and_split_on_non_word() -> None:
    assert shingle_tokenize("Hello, world's end") == ["Hello", "world", "s", "end"]
    assert shingle_tokenize("東京タワー") == ["東京タワー"]  # no CJK splitting there


def test_shingles_are_four_token_windows_with_counts() -> None:
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1,
         ("d", "a", "b", "c"): 1}
    )  # fmt: skip


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert shingles("a b") == Counter({("a", "b"): 1})
    assert shingles("a b c d") == Counter({("a", "b", "c", "d"): 1})
    assert shingles("") == Counter()
    assert shingles("!!") == Counter()


def test_shingles_are_case_sensitive() -> None:
    assert shingle_counts("A b c d", "a b c d") == ShingleCounts(tp=0, fp=1, fn=1, exact=False)


def test_shingle_counts_use_multiplicity() -> None:
    # gold: 5 shingles; prediction = gold twice => 10 + 1 joining shingles, 5 matched
    gold = "one two three four five six seven eight"
    c = shingle_counts(gold + " " + gold, gold)
    assert (c.tp, c.fn) == (5, 0)
    assert c.fp == 13 - 5 - 0  # 16 tokens -> 13 shingles
    assert page_shingle_precision(c) == pytest.approx(5 / 13)
    assert page_shingle_recall(c) == 1.0


def test_page_shingle_scores_edge_cases() -> None:
    both_empty = shingle_counts("", "")
    assert both_empty == ShingleCounts(0, 0, 0, exact=True)
    assert page_shingle_precision(both_empty) == 1.0
    assert page_shingle_recall(both_empty) == 1.0
    empty_pred = shingle_counts("", "a b c d e")
    assert page_shingle_precision(empty_pred) == 0.0
    assert page_shingle_recall(empty_pred) == 0.0
    empty_gold = shingle_counts("a b c d e", "")
    assert page_shingle_precision(empty_gold) == 0.0
    assert page_shingle_recall(empty_gold) == 0.0


def test_summary_is_f1_of_mean_precision_and_mean_recall() -> None:
    pages = [
        shingle_counts("a b c d e f", "a b c d e f"),  # P 1, R 1
        shingle_counts("a b c d x y z w", "a b c d"),  # 5 shingles, 1 right: P 0.2, R 1
        shingle_counts("p q r s t", "p q r s t u v w x"),  # P 1, R 2/6
    ]
    s = shingle_summary(pages)
    precision = (1 + 0.2 + 1) / 3
    recall = (1 + 1 + 2 / 6) / 3
    assert s.precision == pytest.approx(precision)
    assert s.recall == pytest.approx(recall)
    assert s.f1 == pytest.approx(2 * precision * recall / (precision + recall))
    mean_page_f1 = (1 + 2 * 0.2 / 1.2 + 2 * (1 / 3) / (4 / 3)) / 3
    assert s.f1 != pytest.approx(mean_page_f1)  # not the mean of per-page F1
    assert s.accuracy == pytest.approx(1 / 3)
    assert s.pages == 3


def test_summary_leaves_empty_predictions_out_of_precision() -> None:
    pages = [
        shingle_counts("a b c d", "a b c d"),
        shingle_counts("", "e f g h"),  # empty prediction: counted in recall only
    ]
    s = shingle_summary(pages)
    assert s.precision == 1.0
    assert s.recall == pytest.approx(0.5)


def test_summary_leaves_empty_truth_out_of_recall() -> None:
    pages = [
        shingle_counts("a b c d", "a b c d"),
        shingle_counts("x y z w", ""),  # empty truth: counted in precision only, as 0
        shingle_counts("", ""),  # both empty: in neither mean, but exact
    ]
    s = shingle_summary(pages)
    assert s.precision == pytest.approx(0.5)
    assert s.recall == 1.0
    assert s.accuracy == pytest.approx(2 / 3)


def test_summary_of_nothing_is_zero() -> None:
    s = shingle_summary([shingle_counts("", "a b c d")])
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)
    assert shingle_summary([]).f1 == 0.0
