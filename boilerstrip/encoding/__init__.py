"""Bytes to text: how the raw bytes of a page are read (see :mod:`.decode`)."""

from .decode import (
    Decoded,
    Source,
    binary_kind,
    binary_warning,
    charset_from_content_type,
    codec_for_label,
    decode_html,
    quoted,
)

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
