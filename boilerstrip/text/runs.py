"""How the walks over the tree read running text: the segment walk and the markup walk read
each element the same way, so they share these (tag names, line breaks, white space)."""

from __future__ import annotations

__all__ = ["BREAK", "local_name", "normalize"]

#: Marks a ``<br>`` inside the running text (lxml never stores NUL in text, so it cannot clash).
BREAK = "\x00"


def local_name(tag: object) -> str | None:
    """An element's tag without namespace, lower case; ``None`` for comments and the like."""
    if not isinstance(tag, str):
        return None  # comments, processing instructions, entities
    if tag.islower() and "}" not in tag:
        return tag  # what lxml's HTML parser gives: the common case, at no cost
    return tag.rpartition("}")[2].lower()


def normalize(raw: str, *, pre: bool) -> str:
    """A block's running text as it is kept: white space collapsed, :data:`BREAK` a line break
    (in ``pre``, lines kept as they are, blank ones trimmed at both ends)."""
    if pre:
        lines = [line.rstrip() for line in raw.replace(BREAK, "\n").split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines)
    if BREAK not in raw:
        return " ".join(raw.split())
    return "\n".join(
        " ".join(line.split()) for line in raw.split(BREAK) if line and not line.isspace()
    )
