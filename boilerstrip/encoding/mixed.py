"""Pages that mix encodings: mostly UTF-8 with some legacy runs (each run read in the legacy
codec the detector names), and stretches of UTF-16 inside an 8-bit page."""

from __future__ import annotations

import codecs
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Final

from .detect import (
    LITERAL_FFFD,
    MIN_SCORE,
    MULTI_BYTE_MODELS,
    NOT_C1_BYTES,
    detect,
    score_multi_byte,
    score_single_byte,
    single_byte_models,
)
from .sniff import TAG8_RE, TAG16BE_RE, TAG16LE_RE

#: A stretch of at least 8 characters of U+0001-U+00FF in UTF-16 (ASCII text and markup).
#: The page's bytes as their NUL shape (a NUL is "0", any other byte "a"), where a stretch of
#: UTF-16 text is 8 or more pairs "a0" (little-endian) or "0a" (big-endian): found by a
#: substring search in C, then grown by a pattern anchored at its start. (The same patterns
#: on the bytes themselves, ``(?:[^\x00]\x00){8,}``, were tried at every byte: 0.25 s on 3 MB.)
_NUL_SHAPE: Final = bytes(0x30 if byte == 0 else 0x61 for byte in range(256))
_UTF16_STRETCHES: Final = (
    ("utf-16-le", b"a0" * 8, re.compile(rb"(?:a0)+")),
    ("utf-16-be", b"0a" * 8, re.compile(rb"(?:0a)+")),
)


def _rewritten_stretches(
    data: bytes, shape: bytes, stretch: tuple[str, bytes, re.Pattern[bytes]]
) -> tuple[bytes, int]:
    """``data`` with each stretch of one byte order's UTF-16 rewritten in ASCII (characters
    past U+007F as character references), leftmost first as ``re.subn`` would, and how many
    there were."""
    codec, first, pairs = stretch
    parts: list[bytes] = []
    pos = count = 0
    while (start := shape.find(first, pos)) >= 0:
        found = pairs.match(shape, start)
        assert found is not None  # the shape holds ``first`` there: at least one pair
        end = found.end()
        parts.append(data[pos:start])
        parts.append(data[start:end].decode(codec).encode("ascii", "xmlcharrefreplace"))
        pos = end
        count += 1
    parts.append(data[pos:])
    return b"".join(parts), count


def utf16_pieces(data: bytes) -> tuple[bytes, int] | None:
    """An 8-bit page with stretches of UTF-16 text in it: the page with each stretch rewritten
    in ASCII (characters past U+007F as character references), and how many there were.

    ``None`` when the page has no such stretches, or when its markup is itself in UTF-16 (then
    it is a UTF-16 page, read whole as one).
    """
    tags8 = len(TAG8_RE.findall(data))
    if tags8 < 2 or tags8 <= len(TAG16LE_RE.findall(data)) + len(TAG16BE_RE.findall(data)):
        return None
    # The two byte orders see the same stretches shifted by a byte: the right one leaves no
    # NUL at their ends.
    best: tuple[bytes, int] | None = None
    shape = data.translate(_NUL_SHAPE)
    for stretch in _UTF16_STRETCHES:
        text, count = _rewritten_stretches(data, shape, stretch)
        if count and (best is None or text.count(0) < best[0].count(0)):
            best = (text, count)
    return best


#: One valid multi-byte UTF-8 sequence.
_UTF8_SEQUENCE: Final = (
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})"
)
#: The longest valid UTF-8 from a position on: where it ends, the next byte is invalid.
_VALID_UTF8_RE: Final = re.compile(rb"(?:[\x00-\x7f]++|" + _UTF8_SEQUENCE + rb")*+")
#: Non-ASCII text in a legacy codec, up to a byte no character of any candidate codec holds.
_LEGACY_RUN_RE: Final = re.compile(rb"[\x80-\xff][^\x00-\x2f\x3a-\x3f]*")
#: How many runs of each kind the decision looks at (the decoding itself reads them all).
_MIXED_RUNS: Final = 512


#: The rest of a run of non-ASCII bytes from a UTF-8 lead byte and a continuation byte on:
#: where a run that is valid UTF-8 can start. A character class first lets the regex engine
#: skip in C what cannot start one (a pattern of whole runs that opens with a look-behind was
#: tried at every byte: 12 ms on a page of 500 kB).
_UTF8_START_RE: Final = re.compile(rb"[\xc2-\xf4][\x80-\xbf][\x80-\xff]*")


def _iter_utf8_runs(data: bytes, pos: int = 0) -> Iterator[re.Match[bytes]]:
    """From ``pos`` on, the whole runs of non-ASCII bytes (no such byte before or after them)
    that are valid UTF-8 (Python's strict decoder takes exactly :data:`_UTF8_SEQUENCE`)."""
    for match in _UTF8_START_RE.finditer(data, pos):
        start = match.start()
        if start and data[start - 1] >= 0x80:  # the tail of a longer run, which is not UTF-8
            continue
        try:
            match[0].decode("utf-8")
        except UnicodeDecodeError:
            continue
        yield match


def _utf8_runs(data: bytes) -> list[bytes]:
    """The first runs of non-ASCII bytes that are valid UTF-8 on their own."""
    return [m[0] for m in itertools.islice(_iter_utf8_runs(data), _MIXED_RUNS)]


def _invalid_utf8_runs(data: bytes, limit: int = _MIXED_RUNS) -> list[bytes]:
    """The first runs of non-ASCII bytes that hold an invalid UTF-8 sequence (at most
    ``limit``)."""
    runs: list[bytes] = []
    pos, size = 0, len(data)
    while len(runs) < limit:
        match = _VALID_UTF8_RE.match(data, pos)
        invalid = match.end() if match else pos
        if invalid >= size:
            break
        run = _LEGACY_RUN_RE.match(data, invalid)
        if run is None:  # cannot happen: an invalid byte is never ASCII
            break
        runs.append(run[0])
        pos = run.end()
    return runs


#: Runs of non-ASCII bytes that are valid UTF-8 per run that is not, for a page to be UTF-8
#: with stray bytes: text in a legacy codec is valid UTF-8 only by chance, a run here and
#: there (at most 0.6 valid runs per invalid one on the 331 labelled pages and the 145 dev
#: pages of the charset benchmark that are not UTF-8, 0.125 on CJK pages), while UTF-8 pages
#: with strays have 3 to 12.
UTF8_RUNS_PER_STRAY: Final = 2
#: The start of a stray run that is a piece of a UTF-8 character, not legacy text: two
#: continuation bytes whose lead byte is lost, or a lead byte cut short.
_UTF8_FRAGMENT_RE: Final = re.compile(rb"[\x80-\xbf]{2}|[\xc2-\xf4][\x80-\xbf]")
_UTF8_SEQUENCE_RE: Final = re.compile(_UTF8_SEQUENCE)


def _stray_runs(valid: int, invalid: list[bytes]) -> bool:
    """Whether ``valid`` runs of UTF-8 are enough for the ``invalid`` ones to be strays."""
    return bool(invalid) and valid >= UTF8_RUNS_PER_STRAY * len(invalid)


def utf8_with_strays(data: bytes) -> bool:
    """Whether the page is UTF-8 with a few stray bytes: its runs of non-ASCII bytes are valid
    UTF-8 at least :data:`UTF8_RUNS_PER_STRAY` times as often as not."""
    valid = len(_utf8_runs(data))
    invalid = _invalid_utf8_runs(data, valid // UTF8_RUNS_PER_STRAY + 1)
    return _stray_runs(valid, invalid)


def _legacy_strays(strays: list[bytes]) -> bool:
    """Whether the stray runs of a UTF-8 page can be legacy text (a windows-1252 quote pasted
    in): none holds a valid UTF-8 sequence or starts as a piece of a UTF-8 character."""
    return not any(_UTF8_FRAGMENT_RE.match(run) or _UTF8_SEQUENCE_RE.search(run) for run in strays)


def _plausible(sample: bytes, codec: str) -> float | None:
    """How plausible the bytes are as text in ``codec`` (the detector's score), if it knows
    the codec."""
    for model in single_byte_models():
        if model.codec == codec:
            return score_single_byte(sample, model)
    for multi in MULTI_BYTE_MODELS:
        if multi.codec == codec:
            c1_bytes = len(sample.translate(None, NOT_C1_BYTES))
            return score_multi_byte(sample.decode(codec, "replace"), multi, c1_bytes)
    return None


def _legacy_of(invalid: list[bytes], legacy: str | None) -> str | None:
    """The legacy codec the invalid runs are in: ``legacy`` if they make sense in it, else
    the one detected on them; ``None`` if neither."""
    sample = b" ".join(invalid)
    if legacy is None:
        detected = detect(sample)
        return None if detected is None else detected[0]
    return legacy if (_plausible(sample, legacy) or 0.0) >= MIN_SCORE else None


@functools.cache
def _mixed_error_handler(legacy: str) -> str:
    """The name of a UTF-8 decoding error handler that reads what is not UTF-8 as ``legacy``:
    from the invalid byte up to the next run of non-ASCII bytes that is valid UTF-8."""
    name = f"boilerstrip-utf-8-else-{legacy}"

    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        data = exc.object
        following = next(_iter_utf8_runs(data, exc.end), None)
        end = following.start() if following else len(data)
        return bytes(data[exc.start : end]).decode(legacy, "replace"), end

    codecs.register_error(name, handler)
    return name


def mixed_utf8(data: bytes, legacy: str | None) -> tuple[str, str, int] | None:
    """``(text, legacy codec, replaced)`` when the page is partly UTF-8 and partly in a legacy
    codec (``legacy``, or the one detected on the parts that are not UTF-8); ``None`` when it
    is not, as far as can be told.

    It is when at least two runs of non-ASCII bytes are valid UTF-8, at least two are not, the
    invalid ones make sense in the legacy codec and the valid ones do not (read in the legacy
    codec they give mojibake such as "Ã©": text in a legacy codec holds valid UTF-8 by chance
    only now and then, and then it reads well).  A page of UTF-8 with strays
    (:func:`utf8_with_strays`) needs no more than one of each, and its valid runs are not read
    in the legacy codec (they may read well in it, as "â€™" does), but its strays must look
    like legacy text (:func:`_legacy_strays`): pieces of broken UTF-8 characters are left to
    U+FFFD.  The text is UTF-8 where a run is valid UTF-8, the legacy codec elsewhere; the
    work is linear, in C but for one call per change of codec.
    """
    valid = _utf8_runs(data)
    if len(valid) < 2:  # either way
        return None
    invalid = _invalid_utf8_runs(data)
    found: str | None = None
    if len(invalid) >= 2:
        found = _legacy_of(invalid, legacy)
        as_legacy = None if found is None else _plausible(b" ".join(valid), found)
        if as_legacy is None or as_legacy >= MIN_SCORE:
            found = None
    if found is None and _stray_runs(len(valid), invalid) and _legacy_strays(invalid):
        found = _legacy_of(invalid, legacy)
    if found is None:
        return None
    legacy = found
    text = data.decode("utf-8", _mixed_error_handler(legacy))
    replaced = text.count("\ufffd") - data.count(LITERAL_FFFD["utf-8"])
    return text, legacy, max(0, replaced)


def mixed_warning(legacy: str) -> str:
    return (
        f"the page mixes encodings: read as utf-8 where its bytes are valid UTF-8, as {legacy}"
        " elsewhere"
    )
