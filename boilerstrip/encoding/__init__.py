"""Bytes to text. In the order :func:`.decode.decode_html` tries them: what the bytes say of
themselves (:mod:`.sniff`: a byte-order mark, a ``<meta>`` charset, UTF-16's NULs), the labels
they name (:mod:`.labels`), UTF-8, the detector for undeclared legacy pages (:mod:`.detect`,
with the letters it expects of each script in :mod:`.letters`), pages that mix encodings
(:mod:`.mixed`); and, before any of it, input that is not text at all (:mod:`.binary`)."""

from .binary import binary_kind, binary_warning
from .decode import Decoded, Source, decode_html
from .labels import charset_from_content_type, codec_for_label, quoted

__all__ = [
    "Decoded",
    "Source",
    "binary_kind",
    "binary_warning",
    "charset_from_content_type",
    "codec_for_label",
    "decode_html",
    "quoted",
]
