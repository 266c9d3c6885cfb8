"""Turn the raw bytes of an HTML page into text.

The order follows what browsers do (WHATWG Encoding Standard and the HTML "encoding sniffing
algorithm"), with a few extra safety nets that matter more for text extraction than for
rendering:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, and UTF-32 LE/BE), stripped from the text;
2. the ``declared`` argument: a bare charset label or a whole HTTP ``Content-Type`` value;
3. ``<meta charset=...>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 4096 bytes;
4. strict UTF-8, and "mostly UTF-8": a few broken sequences among many good ones, or a few
   stray runs of bytes among many runs of UTF-8 (:func:`.mixed.utf8_with_strays`), whether
   declared or not; the strays are read in the legacy codec they make sense in, or as U+FFFD
   when they are pieces of broken UTF-8 characters;
5. a small, fast, dependency-free detector for undeclared legacy pages: windows-1252 (Western),
   windows-1250 and ISO-8859-2 (Central European), windows-1254 (Turkish), windows-1251, KOI8-R
   and ISO-8859-5 (Cyrillic), windows-1253 (Greek), windows-1255 (Hebrew), windows-1256 and
   ISO-8859-6 (Arabic), windows-874 (Thai), Shift_JIS and EUC-JP, GBK/GB18030, Big5, EUC-KR;
   plus BOM-less UTF-16 and 7-bit ISO-2022-JP;
6. windows-1252 with replacement characters, and a warning.

The detector scores a bounded sample (about 1024 non-ASCII bytes, at most 16 KB) with C-speed
operations only (``bytes.translate``/``count``, compiled regexes), so it costs a millisecond or
two whatever the size of the page; on large pages the final decode of the whole page dominates.
Valid UTF-8, the common case, need not be decoded at all when the caller reads the bytes (the
parser does): given ``check_utf8``, :func:`decode_html` only checks them, and the text is made
when first read.

A declaration is not trusted blindly: when the declared codec does not fit the bytes but they are
valid UTF-8 (the classic "lying ``<meta charset>``"), UTF-8 wins; when the declared codec leaves
the bytes badly broken, the next step is tried.  Decoding never raises: whatever codec is chosen,
bytes it cannot read become U+FFFD and a warning says how many.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import FrozenInstanceError
from typing import Literal

from .detect import Probe, decode_counting, detect, mostly, replaced_warning
from .labels import UTF16, codec_for_label, declared_label, quoted
from .mixed import mixed_utf8, mixed_warning, utf8_with_strays, utf16_pieces
from .sniff import BOMS, looks_iso2022jp, scan_meta, unknown_label_warning, utf16_guess

__all__ = ["Decoded", "Source", "decode_html"]

Source = Literal["bom", "argument", "meta", "utf-8", "detected", "fallback"]


class Decoded:
    """The text of a page and how its bytes were read (frozen).

    ``encoding``: the Python codec actually used (``codecs.lookup(...).name``): ``"utf-8"``,
    ``"cp1252"``...; ``source``: how the codec was chosen, one of ``bom``, ``argument``,
    ``meta``, ``utf-8``, ``detected``, ``fallback``; ``warnings``: human-readable notes (ignored
    or contradicted declarations, replaced bytes...); ``utf8``: the bytes :attr:`text` is the
    strict UTF-8 decoding of, when it is (the common case): the parser reads them as they are
    instead of encoding the text again. Made from those bytes alone (``text=None``), the text
    is decoded when first read: a parse never needs it. Two are equal when their text,
    encoding, source and warnings are.
    """

    __slots__ = ("encoding", "made", "source", "utf8", "warnings")

    encoding: str
    made: str | None
    """The text, or ``None`` until it is first read (then ``utf8`` is given)."""
    source: Source
    utf8: bytes | None
    warnings: tuple[str, ...]

    def __init__(
        self,
        text: str | None,
        encoding: str,
        source: Source,
        warnings: tuple[str, ...] = (),
        utf8: bytes | None = None,
    ) -> None:
        if text is None and utf8 is None:
            raise ValueError("Decoded needs the text or the valid UTF-8 it is decoded from")
        for name, value in (
            ("made", text),
            ("encoding", encoding),
            ("source", source),
            ("warnings", warnings),
            ("utf8", utf8),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Decoded], tuple[object, ...]]:
        """Copied and pickled through ``__init__`` (the frozen ``__setattr__`` would refuse
        the slots' state), the text as made so far."""
        return Decoded, (self.made, self.encoding, self.source, self.warnings, self.utf8)

    @property
    def text(self) -> str:
        """The text of the page."""
        made = self.made
        if made is None:
            assert self.utf8 is not None  # see __init__
            made = self.utf8.decode("utf-8")
            object.__setattr__(self, "made", made)  # the one change: the text, made once
        return made

    def _key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return self.text, self.encoding, self.source, self.warnings

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decoded):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Decoded(text={self.text!r}, encoding={self.encoding!r}, source={self.source!r},"
            f" warnings={self.warnings!r})"
        )


# --------------------------------------------------------------------------------------------
# The public entry point
# --------------------------------------------------------------------------------------------


def _what(source: str) -> str:
    return "<meta> charset" if source == "meta" else "declared charset"


def _declared_codec_label(declared: str | None, warnings: list[str]) -> tuple[str, str] | None:
    """``(codec, label)`` for the ``declared`` argument, warning about an unknown label."""
    if declared is None:
        return None
    label = declared_label(declared)
    if label is None:
        return None
    codec = codec_for_label(label)
    if codec is None:
        warnings.append(unknown_label_warning("declared charset", label))
        return None
    return codec, label


def decode_html(
    data: bytes,
    declared: str | None = None,
    *,
    check_utf8: Callable[[bytes], bool] | None = None,
) -> Decoded:
    """Decode the bytes of an HTML page; never raises on any input bytes.

    ``declared`` is what the transport says: a bare charset label (``"utf-8"``) or a whole
    Content-Type header value (``'text/html; charset="ISO-8859-1"'``).  It wins over ``<meta>``
    but not over a byte-order mark.  See the module documentation for the full order.

    ``check_utf8``, when given, says whether bytes are valid UTF-8 exactly as
    ``bytes.decode("utf-8")`` finds them (the compiled walk's ``utf8_valid``, handed in by the
    caller): a page that is then comes back with its ``utf8`` bytes and its text not yet made
    (the parser reads the bytes). The result is the same with it or without it.
    """
    data = bytes(data)
    warnings: list[str] = []
    if not data:
        declaration = _declared_codec_label(declared, warnings)
        if declaration is not None:
            return Decoded("", declaration[0], "argument", tuple(warnings))
        return Decoded("", "utf-8", "utf-8", tuple(warnings))

    # 1. Byte-order mark.
    for bom, codec in BOMS:
        if data.startswith(bom):
            declaration = _declared_codec_label(declared, [])
            if declaration is not None and declaration[0] != codec:
                warnings.append(
                    f"declared charset {quoted(declaration[1])} overridden by the {codec}"
                    " byte-order mark"
                )
            text, errors = decode_counting(data[len(bom) :], codec)
            if errors:
                warnings.append(replaced_warning(codec, errors))
            return Decoded(text, codec, "bom", tuple(warnings))

    # Stretches of UTF-16 text in an 8-bit page: rewritten in ASCII, then read with the rest.
    if b"\x00" in data:
        pieces = utf16_pieces(data)
        if pieces is not None:
            data, count = pieces
            stretches = (
                "stretch of UTF-16 text was" if count == 1 else "stretches of UTF-16 text were"
            )
            warnings.append(
                f"the page mixes encodings: {count} {stretches} read as UTF-16 among 8-bit text"
            )

    probe = Probe(data, check_utf8)
    utf8_verdict: list[bool] = []

    def mostly_utf8() -> bool:
        """UTF-8 but for a few broken sequences, or for a few stray runs (computed once)."""
        if not utf8_verdict:
            utf8_verdict.append(
                probe.utf8_mostly_valid()
                or (probe.utf8_more_good_than_bad() and utf8_with_strays(probe.data))
            )
        return utf8_verdict[0]

    # 2. and 3. The declared charset, then <meta>.
    candidates: list[tuple[str, Source, str]] = []
    declaration = _declared_codec_label(declared, warnings)
    if declaration is not None:
        candidates.append((declaration[0], "argument", declaration[1]))
    meta = scan_meta(data, warnings)
    if meta is not None:
        candidates.append((meta[1], "meta", meta[0]))

    # The first declaration that does not fit the bytes, (codec, source, label), and what it
    # makes of them, (text, errors), if already known.
    broken: tuple[str, Source, str] | None = None
    broken_decoded: tuple[str, int] | None = None

    def done(text: str | None, codec: str, source: Source, errors: int = 0) -> Decoded:
        """The result; ``text=None`` when the bytes are valid UTF-8 (their text is made when
        first read, if :class:`Probe` has not made it already)."""
        if broken is not None and (broken[0], broken[1]) != (codec, source):
            warnings.append(
                f"{_what(broken[1])} {quoted(broken[2])} does not fit the bytes; ignored"
            )
        if source == "argument" and meta is not None and meta[1] != codec:
            warnings.append(
                f"<meta> charset {quoted(meta[0])} disagrees with the declared"
                f" {quoted(candidates[0][2])}; "
                "the declared one was used"
            )
        if errors:
            warnings.append(replaced_warning(codec, errors))
        if text is None:  # the bytes are valid UTF-8: the text, if made already
            return Decoded(probe.utf8_made, codec, source, tuple(warnings), probe.data)
        return Decoded(text, codec, source, tuple(warnings), probe.source_of(text))

    def mixed(codec: str, source: Source, legacy: str | None) -> Decoded | None:
        """The page read as partly UTF-8, partly ``legacy`` (or a detected codec), if it
        mixes them; ``codec`` is what it is said to be in (the larger part)."""
        found = mixed_utf8(data, legacy)
        if found is None:
            return None
        text, used, errors = found
        warnings.append(mixed_warning(used))
        return done(text, codec, source, errors)

    for codec, source, label in candidates:
        what = _what(source)
        if codec in UTF16:
            guess = utf16_guess(data)
            if guess is None:
                warnings.append(
                    f"{what} {quoted(label)} does not match the bytes (they are not UTF-16);"
                    " ignored"
                )
                continue
            text, errors = decode_counting(data, guess)
            return done(text, guess, source, errors)
        if codec == "utf-8":
            if probe.utf8_valid:
                return done(None, codec, source)
            if mostly_utf8():
                text, errors = probe.utf8_replaced()
                return (errors and mixed(codec, source, None)) or done(text, codec, source, errors)
            if broken is None:
                broken = (codec, source, label)
            continue
        if probe.ascii:
            text, errors = decode_counting(data, codec)
            return done(text, codec, source, errors)
        if probe.utf8_multibyte:
            warnings.append(
                f"{what} {quoted(label)} does not match the bytes, which are valid UTF-8; "
                "decoded as utf-8"
            )
            return done(None, "utf-8", "utf-8")
        if mostly_utf8():
            utf8_text, utf8_errors = probe.utf8_replaced()
            warnings.append(
                f"{what} {quoted(label)} does not match the bytes, which are UTF-8 but for a few "
                "invalid sequences; decoded as utf-8"
            )
            found = mixed("utf-8", "utf-8", codec)
            return found or done(utf8_text, "utf-8", "utf-8", utf8_errors)
        text, errors = decode_counting(data, codec)
        if errors == 0 or mostly(errors, probe.good(text, errors)):
            return mixed(codec, source, codec) or done(text, codec, source, errors)
        if broken is None:
            broken = (codec, source, label)
            broken_decoded = (text, errors)

    # Undeclared UTF-16 without a byte-order mark, and 7-bit ISO-2022-JP.
    if not candidates:
        guess = utf16_guess(data)
        if guess is not None:
            text, errors = decode_counting(data, guess)
            return done(text, guess, "detected", errors)
    if probe.ascii and looks_iso2022jp(data):
        text, errors = decode_counting(data, "iso2022_jp_ext")
        if errors == 0:
            return done(text, "iso2022_jp_ext", "detected")

    # 4. UTF-8, strict or with a few broken sequences.
    if probe.utf8_valid:
        return done(None, "utf-8", "utf-8")
    if (broken is None or broken[0] != "utf-8") and mostly_utf8():
        text, errors = probe.utf8_replaced()
        return mixed("utf-8", "utf-8", None) or done(text, "utf-8", "utf-8", errors)

    # 5. Detection.  A codec that does not fit the bytes either does not beat the declared one.
    detected = detect(data)
    if detected is not None:
        text, errors = decode_counting(data, detected[0])
        if broken is None or errors == 0 or mostly(errors, probe.good(text, errors)):
            found = mixed(detected[0], "detected", detected[0])
            return found or done(text, detected[0], "detected", errors)
    if broken is not None:
        codec, source, _label = broken
        text, errors = broken_decoded or decode_counting(data, codec)
        broken = None
        return done(text, codec, source, errors)

    # 6. Fallback.
    text, errors = decode_counting(data, "cp1252")
    warnings.append("could not determine the encoding; decoded as cp1252")
    return done(text, "cp1252", "fallback", errors)
