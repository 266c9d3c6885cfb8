"""The extractor: the stages that turn a parsed page into kept and dropped blocks.

In the order the data flows: :mod:`.parse` (bytes or text to a clean tree), :mod:`.segment`
(the tree to text blocks and container nodes), :mod:`.features` and :mod:`.page` (each block's
numbers, and the page the later stages read), :mod:`.classify` with :mod:`.headline` (the
content verdict), :mod:`.filters` (named rules that drop what slipped through),
:mod:`.fallback` (the headline of a page left empty), :mod:`.serialize` (kept blocks to text)
and :mod:`.markup` (the inline markup and containers of the kept blocks, for the output forms).
:func:`boilerstrip.api.analyze` runs them.
"""
