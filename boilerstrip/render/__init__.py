"""The output forms of an Article: :mod:`.markdown`, :mod:`.html` and :mod:`.dict` (on the
block layout of :mod:`.layout`), and :mod:`.explain`, the views of why each block was kept or
dropped. They read the data (:mod:`boilerstrip.article`) and never run the pipeline."""
