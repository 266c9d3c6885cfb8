"""boilerstrip: strip the boilerplate off web pages.

>>> import boilerstrip
>>> story = "<p>" + "A sentence of the story, with words. " * 5 + "</p>"
>>> page = "<body><nav><a href='/'>Home</a></nav><article>" + story + "</article></body>"
>>> boilerstrip.extract_text(page)[:35]
'A sentence of the story, with words'
"""

from .api import Article, extract, extract_text
from .article import Block, Features, Mode

__all__ = ["Article", "Block", "Features", "Mode", "extract", "extract_text"]
__version__ = "0.1.0"
