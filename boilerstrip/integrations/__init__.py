"""Adapters for data pipelines; each module imports its framework, so import it by name.

- :mod:`boilerstrip.integrations.datatrove`: an extractor step for datatrove pipelines
  (``pip install 'boilerstrip[datatrove]'``).
"""
