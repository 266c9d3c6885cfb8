"""A held-out set from newspaper4k's test data, in the layout of ``../shared/evaldata``.

newspaper4k's source distribution carries news pages (``tests/data/html/<name>.html``) with
the article text its maintainers expect (``tests/data/txt/<name>.txt``) and metadata
(``tests/data/metadata/<name>.json``). Nobody here tunes on them, so they tell whether the
accuracy reached on the development sets holds elsewhere. The truth is newspaper4k's own
expected output, which favours newspaper4k. Nothing of it is stored in this project::

    pip download --no-binary :all: --no-deps newspaper4k==0.9.6 && tar xzf newspaper4k-0.9.6.tar.gz
    python -m benchmarks.newspaper_set newspaper4k-0.9.6/tests/data /tmp/heldout
    BOILERSTRIP_EVALDATA=/tmp/heldout python -m benchmarks.accuracy --peers

Writes ``OUT/newspaper4k/index.jsonl`` and ``OUT/newspaper4k/pages/<name>.{html,txt}`` for
every page that has both an HTML file and an expected text; the URL comes from the metadata
where there is one, the language from the file name's language word (else English).
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

#: Language words in the test files' names, and their ISO 639-1 codes.
LANGUAGE_WORDS: dict[str, str] = {
    "arabic": "ar",
    "burmese": "my",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "latvian": "lv",
    "spanish": "es",
    "thai": "th",
}


def _url(metadata: Path) -> str | None:
    if not metadata.is_file():
        return None
    data = json.loads(metadata.read_text(encoding="utf-8"))
    url = data.get("url") or data.get("canonical_link") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def build(source: Path, out: Path) -> int:
    """Write the set under ``out``; returns how many pages it holds."""
    pages = out / "newspaper4k" / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    rows = []
    for html in sorted((source / "html").glob("*.html")):
        name = html.stem
        truth = source / "txt" / f"{name}.txt"
        if not truth.is_file():
            continue
        shutil.copyfile(html, pages / f"{name}.html")
        shutil.copyfile(truth, pages / f"{name}.txt")
        lang = next((code for word, code in LANGUAGE_WORDS.items() if word in name), "en")
        url = _url(source / "metadata" / f"{name}.json")
        rows.append(json.dumps({"id": name, "url": url, "lang": lang}))
    (out / "newspaper4k" / "index.jsonl").write_text("".join(r + "\n" for r in rows))
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 2:
        print("usage: python -m benchmarks.newspaper_set TESTS_DATA_DIR OUT_DIR", file=sys.stderr)
        return 2
    n = build(Path(args[0]), Path(args[1]))
    print(f"{n} pages written to {Path(args[1]) / 'newspaper4k'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
