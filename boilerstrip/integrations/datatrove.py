"""boilerstrip as a datatrove extractor: ``Boilerstrip()`` in place of ``Trafilatura()``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from boilerstrip.integrations.datatrove import Boilerstrip

    LocalPipelineExecutor(
        [WarcReader("crawl/"), Boilerstrip(), JsonlWriter("out/")], tasks=4
    ).run()

datatrove's :class:`BaseExtractor` calls :meth:`Boilerstrip.extract` on each document's HTML in
a child process and drops the document when it overruns ``timeout`` or its text is empty.
"""

from __future__ import annotations

from datatrove.pipeline.extractors.base import BaseExtractor

from ..api import extract_text
from ..article import MODES, Mode

__all__ = ["Boilerstrip"]


class Boilerstrip(BaseExtractor):
    """Extract the article body of each document's HTML with boilerstrip.

    Args:
        mode: ``"precision"``, ``"balanced"`` (default) or ``"recall"``.
        timeout: seconds per document; a document that takes longer is dropped.
    """

    name = "⛏ boilerstrip"

    def __init__(self, mode: Mode = "balanced", timeout: float = 5.0) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        super().__init__(timeout)
        self.mode: Mode = mode

    def extract(self, text: str) -> str:
        """The article text of ``text`` (HTML); ``""`` when there is none. Never raises."""
        if not text or not isinstance(text, (str, bytes)):
            return ""
        try:
            return extract_text(text, mode=self.mode)
        except Exception:  # a pipeline step must not fail on one bad page
            return ""
