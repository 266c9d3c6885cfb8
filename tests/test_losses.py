"""benchmarks.losses: missed truth tokens counted by the rule of the dropped block holding them."""

from __future__ import annotations

from collections import Counter

from benchmarks.losses import IN_PAGE, NOT_IN_PAGE, DroppedBlock, attribute, page_losses
from benchmarks.metric import tokenize


def _missed(truth: str, out: str) -> Counter[str]:
    return Counter(tokenize(truth)) - Counter(tokenize(out))


def test_each_missed_token_goes_to_one_rule_or_to_the_rest() -> None:
    missed = _missed("the cat sat on the mat. by ann lee. fixed by hand", "the cat sat")
    dropped = [
        DroppedBlock("byline", "By Ann Lee"),
        DroppedBlock("outside-main-content", "on the mat."),
    ]
    page = Counter(tokenize("the cat sat on the mat by ann lee alt text fixed"))
    by_rule = attribute(missed, dropped, page)
    assert by_rule == Counter({"outside-main-content": 3, "byline": 3, IN_PAGE: 2, NOT_IN_PAGE: 1})
    assert sum(by_rule.values()) == sum(missed.values())


def test_a_block_of_missed_truth_claims_its_words_before_a_menu_sharing_one() -> None:
    missed = _missed("news about the river flood", "")
    dropped = [
        DroppedBlock("link-text", "home news sport weather"),  # first, but mostly not truth
        DroppedBlock("outside-main-content", "news about the river flood"),
    ]
    by_rule = attribute(missed, dropped, Counter())
    assert by_rule == Counter({"outside-main-content": 5})


def test_a_token_is_counted_no_more_often_than_it_is_missed() -> None:
    missed = _missed("rain rain", "rain")
    dropped = [DroppedBlock("short-box", "rain rain rain"), DroppedBlock("repeat", "rain")]
    assert attribute(missed, dropped, Counter()) == Counter({"short-box": 1})


def test_a_page_whose_article_is_kept_misses_nothing() -> None:
    html = (
        b"<html><head><title>T</title></head><body><article>"
        b"<p>The river rose through the night and the town woke to water in its streets.</p>"
        b"<p>At noon the school was a shelter, and volunteers carried sandbags to the bridge.</p>"
        b"</article></body></html>"
    )
    truth = (
        "The river rose through the night and the town woke to water in its streets.\n"
        "At noon the school was a shelter, and volunteers carried sandbags to the bridge."
    )
    n_gold, by_rule = page_losses(html, None, truth + "\nTyped line afterwards here")
    assert n_gold == len(tokenize(truth)) + 4
    assert by_rule == Counter({NOT_IN_PAGE: 4})
