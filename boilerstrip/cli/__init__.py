"""The command line (:mod:`.main`): where pages come from (:mod:`.sources`), the worker pool
that extracts them (:mod:`.batch`) and what is written for each (:mod:`.outputs`)."""

from .main import main

__all__ = ["main"]
