"""Metadata: what the page says about itself (headline, authors, date, site, language...).

Two passes, both cheap:

- :func:`read_head`, before filtering (the title filter needs the headline): one walk filtered
  by tag collects the ``<meta>``, ``<link>``, ``<title>``, ``h1`` and ``<time>`` elements of the
  page; the author-marked elements are searched in the headline's box and the boxes around it
  (from the inside out, each box reading only what the box inside it did not); JSON-LD (kept by
  :mod:`boilerstrip.pipeline.parse` as ``<meta>`` elements) is decoded.
- :func:`complete`, after filtering: the blocks around the headline that the filters dropped
  (the byline, the date line) give what the head did not: the displayed byline, the authors
  when no structured data names them, and a date as a last resort before the URL's.

A field the page says nothing about stays ``None`` (or empty): nothing is guessed. Dates are
ISO 8601: a full datetime when a machine-readable source gives one, else ``YYYY-MM-DD``.

Modules: :mod:`.head` (the walk, the headline, :func:`read_head`), :mod:`.marked` (the
author-marked elements), :mod:`.authors`, :mod:`.jsonld`, :mod:`.names`, :mod:`.dates`,
:mod:`.visible` (:func:`complete`) and :mod:`.text` (shared helpers).
"""

from .dates import date_in_text, date_in_url, normalize_date
from .head import Metadata, find_title, normalize_lang, read_head
from .names import split_names, strip_prefix
from .visible import complete

__all__ = [
    "Metadata",
    "complete",
    "date_in_text",
    "date_in_url",
    "find_title",
    "normalize_date",
    "normalize_lang",
    "read_head",
    "split_names",
    "strip_prefix",
]
