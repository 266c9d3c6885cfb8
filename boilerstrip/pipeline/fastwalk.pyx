# cython: language_level=3, cdivision=True
"""The segment walk in C: the twin of :func:`boilerstrip.pipeline.segment.segment`.

It walks libxml2's nodes through lxml's public C API (``lxml.includes.etreepublic``), in the
order of ``etree.iterwalk(start, events=("start", "end"))`` (elements and entity references;
comments and processing instructions are passed by, as iterwalk passes them), with the same
per-event steps as the Python loop, so that it hands back the same blocks and nodes. The walk
is iterative (libxml2's parent and sibling pointers, no C recursion) and bounded by the same
element limits.

This module imports nothing from boilerstrip: the caller (``pipeline/walk.py``) hands it the
tag sets, the record classes and the text helpers of ``segment.py``, so there is one definition
of each. It was built against one lxml: ``COMPATIBLE`` says whether the lxml imported now is
that one; when it is not, lxml's C API is not touched and ``segment_walk`` must not be called.
"""

from cpython.ref cimport PyObject
from cpython.unicode cimport Py_UNICODE_ISSPACE, PyUnicode_DecodeUTF8
from libc.stdlib cimport free, realloc
from libc.string cimport memcpy

from lxml.includes cimport tree
from lxml.includes.tree cimport const_xmlChar, xmlNode
cimport lxml.includes.etreepublic as cetree

import lxml.etree

cdef extern from "lxml-version.h":
    const char* LXML_VERSION_STRING

cdef extern from "libxml/xmlversion.h":
    const char* LIBXML_DOTTED_VERSION

#: The lxml and libxml2 versions this module was compiled against.
BUILT_FOR = (LXML_VERSION_STRING.decode("ascii"), LIBXML_DOTTED_VERSION.decode("ascii"))
#: The lxml and libxml2 versions imported now.
RUNNING = (
    lxml.etree.__version__,
    ".".join(map(str, lxml.etree.LIBXML_VERSION)),
)
#: Whether the structures and functions compiled in are those of the lxml imported now.
COMPATIBLE = BUILT_FOR == RUNNING

if COMPATIBLE:
    cetree.import_lxml__etree()

# How an element takes part in the walk (the low bits), and two flags of block elements.
cdef enum:
    OTHER = 0  # inline, nothing special (a namespaced element is always this)
    BLOCK = 1
    LINK = 2  # <a>
    BREAK_TAG = 3  # <br>
    SKIP = 4  # title (and head beside a body): never read
    KIND_MASK = 7
    PRE = 8
    LIST = 16

cdef enum:
    SLOTS = 256  # the cache of tag classes, per walk, keyed by libxml2's interned name
    PROBES = 8

cdef struct TagSlot:
    const_xmlChar* name
    int code
    PyObject* tag


cdef inline bint _visited(xmlNode* c_node) noexcept nogil:
    """What iterwalk gives events for: elements and entity references."""
    return c_node.type == tree.XML_ELEMENT_NODE or c_node.type == tree.XML_ENTITY_REF_NODE


cdef inline xmlNode* _first_child(xmlNode* c_node) noexcept nogil:
    cdef xmlNode* c = c_node.children
    while c is not NULL and not _visited(c):
        c = c.next
    return c


cdef inline xmlNode* _next_sibling(xmlNode* c_node) noexcept nogil:
    cdef xmlNode* c = c_node.next
    while c is not NULL and not _visited(c):
        c = c.next
    return c


cdef inline xmlNode* _text_run(xmlNode* c_node) noexcept nogil:
    """The first node of the run of text that lxml reads as ``.text`` (from the first child)
    or ``.tail`` (from the next sibling): text and CDATA nodes, XInclude marks passed by."""
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            return c_node
        if c_node.type == tree.XML_XINCLUDE_START or c_node.type == tree.XML_XINCLUDE_END:
            c_node = c_node.next
        else:
            return NULL
    return NULL


cdef inline size_t _strlen(const_xmlChar* s) noexcept nogil:
    cdef size_t n = 0
    if s is NULL:
        return 0
    while s[n] != 0:
        n += 1
    return n


cdef Py_ssize_t _run_length(xmlNode* c_node) noexcept nogil:
    """Bytes of UTF-8 in the text run (0: the piece is "" or None, which both skip)."""
    cdef Py_ssize_t n = 0
    while c_node is not NULL:
        n += _strlen(c_node.content)
        c_node = _text_run(c_node.next)
    return n


cdef bint _run_isspace(xmlNode* c_node) noexcept:
    """``str.isspace()`` of the (non-empty) text run, on its UTF-8 bytes: every code point
    white space as Python's str sees it."""
    cdef const unsigned char* s
    cdef unsigned int ch  # a code point (Py_UCS4 would be a Python character to Cython)
    cdef size_t i, n
    while c_node is not NULL:
        s = <const unsigned char*>c_node.content
        n = _strlen(c_node.content)
        i = 0
        while i < n:
            ch = s[i]
            if ch < 0x80:
                i += 1
            elif ch < 0xE0:
                if i + 1 >= n:
                    return False
                ch = ((ch & 0x1F) << 6) | (s[i + 1] & 0x3F)
                i += 2
            elif ch < 0xF0:
                if i + 2 >= n:
                    return False
                ch = ((ch & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
                i += 3
            else:
                return False  # above U+FFFF: no white space there
            if not Py_UNICODE_ISSPACE(<Py_UCS4>ch):
                return False
        c_node = _text_run(c_node.next)
    return True


cdef struct Buffer:
    char* data
    Py_ssize_t size
    Py_ssize_t room


cdef int _grow(Buffer* b, Py_ssize_t more) except -1:
    cdef Py_ssize_t room = b.room * 2 if b.room else 256
    cdef char* data
    while room < b.size + more:
        room *= 2
    data = <char*>realloc(b.data, room)
    if data is NULL:
        raise MemoryError()
    b.data = data
    b.room = room
    return 0


cdef inline int _put(Buffer* b, const char* s, Py_ssize_t n) except -1:
    if b.size + n > b.room:
        _grow(b, n)
    memcpy(b.data + b.size, s, n)
    b.size += n
    return 0


cdef int _put_run(Buffer* b, xmlNode* c_node) except -1:
    cdef size_t n
    while c_node is not NULL:
        n = _strlen(c_node.content)
        if n:
            _put(b, <const char*>c_node.content, n)
        c_node = _text_run(c_node.next)
    return 0


cdef inline str _take(Buffer* b):
    """The buffer's text, and the buffer emptied."""
    text = PyUnicode_DecodeUTF8(b.data, b.size, NULL)
    b.size = 0
    return text


cdef struct Measured:
    Py_ssize_t words
    Py_ssize_t chars
    Py_ssize_t punct
    Py_ssize_t ends
    bint ascii


cdef int _collapse(
    const char* src, Py_ssize_t n, bint lines, Buffer* out, Measured* m
) except -1:
    """``text.runs.normalize(raw, pre=False)`` of the UTF-8 in ``src`` into ``out``: the words
    of each line (lines end at BREAK when ``lines``, else BREAK is a space) joined by a space,
    lines without one left out, the rest joined by a line break. ``m``: the result's words
    (``len(text.split())``), characters (``len(text)``), whether it is ASCII, and for ASCII
    ``. , ; : ! ?`` (punctuation) and ``. ! ?`` (sentence ends), as features.py counts them."""
    cdef const unsigned char* s = <const unsigned char*>src
    cdef Py_ssize_t i = 0, size, line_words = 0
    cdef unsigned int cp
    cdef bint word = False, space
    m.words = m.chars = m.punct = m.ends = 0
    m.ascii = True
    while i < n:
        cp = s[i]
        size = 1 if cp < 0x80 else 2 if cp < 0xE0 else 3 if cp < 0xF0 else 4
        if i + size > n:  # cut UTF-8 (libxml2 never stores it): never read past the end
            size = n - i
            cp = 0x10000
        elif size == 2:
            cp = ((cp & 0x1F) << 6) | (s[i + 1] & 0x3F)
        elif size == 3:
            cp = ((cp & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
        elif size == 4:
            cp = 0x10000  # above U+FFFF: no white space, no mark counted; only "not ASCII"
        if cp == 0 and lines:  # BREAK: a new line
            word = False
            line_words = 0
            i += 1
            continue
        space = cp == 0 or Py_UNICODE_ISSPACE(<Py_UCS4>cp)
        if space:
            word = False
        else:
            if not word:
                if line_words:
                    _put(out, " ", 1)
                    m.chars += 1
                elif m.words:
                    _put(out, "\n", 1)
                    m.chars += 1
                line_words += 1
                m.words += 1
                word = True
            _put(out, src + i, size)
            m.chars += 1
            if cp >= 0x80:
                m.ascii = False
            elif cp == 46 or cp == 33 or cp == 63:  # . ! ?
                m.punct += 1
                m.ends += 1
            elif cp == 44 or cp == 59 or cp == 58:  # , ; :
                m.punct += 1
        i += size
    return 0


cdef object _attr(xmlNode* c_node, const char* name):
    """``el.get(name)``: the value of the attribute without a namespace, or None."""
    return cetree.attributeValueFromNsName(c_node, NULL, <const_xmlChar*>name)


cdef tuple _tokens(xmlNode* c_node, join_tokens, dict made):
    """``segment._tokens`` on the C node: ``join_tokens`` (segment's) makes them, once per
    distinct (class, id, role, itemprop) of the walk (``made``: a page repeats them)."""
    if c_node.properties is NULL and c_node.doc.intSubset is NULL and c_node.doc.extSubset is NULL:
        return ()  # no attribute, and no DTD to give one a default value
    cls = _attr(c_node, "class")
    ident = _attr(c_node, "id")
    role = _attr(c_node, "role")
    prop = _attr(c_node, "itemprop")
    if cls is None and ident is None and role is None and prop is None:
        return ()
    key = (cls, ident, role, prop)
    tokens = made.get(key)
    if tokens is None:
        tokens = made[key] = join_tokens(cls, ident, role, prop)
    return tokens


cdef class _Spec:
    """What the caller hands in, read once per walk."""

    cdef frozenset block_tags
    cdef frozenset list_tags
    cdef frozenset skipped
    cdef object node_cls
    cdef object block_cls
    cdef object normalize
    cdef object kind_and_level
    cdef str brk
    cdef object join_tokens


cdef class _Walk:
    """The state of one walk: the Python loop's locals, the same names."""

    cdef _Spec spec
    cdef list blocks
    cdef Buffer parts  # the running text (out.parts joined), UTF-8
    cdef Buffer linked  # its part inside links (out.linked joined), UTF-8
    cdef Buffer text  # a block's text as it is kept, while it is made
    cdef list measures  # per block: (words, characters, linked words, punctuation, ends)
    cdef list nodes
    cdef list stack
    cdef list elements
    cdef list tags
    cdef dict made  # tokens per (class, id, role, itemprop)
    cdef xmlNode* piece  # the first node of the text run read at the last event, or NULL
    cdef int lead  # -1: no text yet (None), 0: False, 1: True
    cdef Py_ssize_t pre_depth
    cdef Py_ssize_t link_depth
    cdef Py_ssize_t limit
    cdef Py_ssize_t inline_room
    cdef bint truncated
    cdef bint keep_elements
    cdef cetree._Document doc
    cdef TagSlot slots[SLOTS]

    def __dealloc__(self):
        free(self.parts.data)
        free(self.linked.data)
        free(self.text.data)

    cdef int code(self, xmlNode* c_node, PyObject** tag) except -1:
        """The class of an element (see the enum), and its tag as ``el.tag`` gives it."""
        cdef const_xmlChar* name = c_node.name
        cdef size_t h
        cdef int i, code
        cdef TagSlot* slot = NULL
        if c_node.ns is not NULL and c_node.ns.href is not NULL:
            tag[0] = NULL
            return OTHER  # "{uri}name": in no tag set
        h = (<size_t>name >> 4)
        for i in range(PROBES):
            slot = &self.slots[(h + i) % SLOTS]
            if slot.name == name:
                tag[0] = slot.tag
                return slot.code
            if slot.name is NULL:
                break
            slot = NULL
        text = cetree.pyunicode(name)
        spec = self.spec
        if text in spec.block_tags:
            code = BLOCK
            if text == "pre":
                code |= PRE
            if text in spec.list_tags:
                code |= LIST
        elif text == "a":
            code = LINK
        elif text == "br":
            code = BREAK_TAG
        elif text in spec.skipped:
            code = SKIP
        else:
            code = OTHER
        self.tags.append(text)  # holds the reference the slot borrows
        tag[0] = <PyObject*>text
        if slot is not NULL:
            slot.name = name
            slot.code = code
            slot.tag = <PyObject*>text
        return code

    cdef int take_piece(self) except -1:
        """The piece read at the previous event joins the running text; white space never
        opens a block outside <pre>."""
        cdef xmlNode* piece = self.piece
        cdef bint space
        if piece is NULL or _run_length(piece) == 0:
            return 0
        space = _run_isspace(piece)
        if self.parts.size:
            _put_run(&self.parts, piece)
            if self.link_depth:
                _put_run(&self.linked, piece)
            if self.lead == -1 and not space:
                self.lead = self.link_depth > 0
        elif self.pre_depth or not space:
            _put_run(&self.parts, piece)
            if self.link_depth:
                _put_run(&self.linked, piece)
            self.lead = -1 if space else self.link_depth > 0
        return 0

    cdef int flush(self) except -1:
        """``_Blocks.flush`` of the innermost open node, called when there are parts; outside
        <pre> the text is made and measured in C (see ``_collapse``)."""
        cdef Measured m, lm
        spec = self.spec
        node = self.stack[-1]
        has_linked = self.linked.size > 0
        measured = None
        if self.pre_depth > 0:
            text = spec.normalize(_take(&self.parts), pre=True)
            linked = _take(&self.linked)
            if not text or text.isspace():
                return 0
            linked_text = " ".join(linked.replace(spec.brk, " ").split()) if has_linked else ""
        else:
            _collapse(self.parts.data, self.parts.size, True, &self.text, &m)
            self.parts.size = 0
            if m.words == 0:
                self.linked.size = 0
                return 0
            text = _take(&self.text)
            lm.words = 0
            lm.ascii = True
            if has_linked:
                _collapse(self.linked.data, self.linked.size, False, &self.text, &lm)
                self.linked.size = 0
                linked_text = _take(&self.text)
            else:
                linked_text = ""
            if m.ascii and lm.ascii:
                measured = (m.words, m.chars, lm.words, m.punct, m.ends)
        kind, level = spec.kind_and_level(node)
        self.blocks.append(
            spec.block_cls(text, linked_text, kind, node.index, level, self.lead == 1)
        )
        self.measures.append(measured)
        return 0

    cdef bint start(self, xmlNode* c_node) except -1:
        """A start event; whether to walk into the element (False also when the walk stops:
        see ``truncated``)."""
        cdef PyObject* tag
        cdef int code
        if c_node.type != tree.XML_ELEMENT_NODE:  # an entity reference
            self.piece = NULL
            return False
        code = self.code(c_node, &tag)
        if (code & KIND_MASK) == BLOCK:
            if self.parts.size:
                self.flush()
            if len(self.nodes) >= self.limit:
                self.truncated = True
                return False
            up = self.stack[-1]
            node = self.spec.node_cls(
                len(self.nodes),
                <object>tag,
                up.index,
                up.depth + 1,
                _tokens(c_node, self.spec.join_tokens, self.made),
                up.list_depth + (1 if code & LIST else 0),
                len(self.blocks),
            )
            self.nodes.append(node)
            if self.keep_elements:
                self.elements.append(cetree.elementFactory(self.doc, c_node))
            self.stack.append(node)
            if code & PRE:
                self.pre_depth += 1
            self.piece = _text_run(c_node.children)
            return True
        self.inline_room -= 1
        if self.inline_room < 0:
            self.truncated = True
            return False
        code &= KIND_MASK
        if code == LINK:
            if _attr(c_node, "href") is not None:
                self.link_depth += 1
        elif code == BREAK_TAG:
            if not self.parts.size or self.lead == -1:
                self.lead = self.link_depth > 0
            _put(&self.parts, "\0", 1)  # BREAK
            if self.link_depth:
                _put(&self.linked, "\0", 1)
        elif code == SKIP:
            self.piece = NULL
            return False
        self.piece = _text_run(c_node.children)
        return True

    cdef int end(self, xmlNode* c_node) except -1:
        """An end event."""
        cdef PyObject* tag
        cdef int code
        if c_node.type != tree.XML_ELEMENT_NODE:
            self.piece = _text_run(c_node.next)
            return 0
        code = self.code(c_node, &tag)
        if (code & KIND_MASK) == BLOCK:
            if self.parts.size:
                self.flush()
            self.stack.pop().end_block = len(self.blocks)
            if code & PRE:
                self.pre_depth -= 1
        elif code == LINK and _attr(c_node, "href") is not None:
            self.link_depth -= 1
            _put(&self.linked, " ", 1)  # two links side by side are two words
        self.piece = _text_run(c_node.next)
        return 0


def segment_walk(
    cetree._Element start not None,
    bint keep_elements,
    Py_ssize_t limit,
    Py_ssize_t inline_room,
    frozenset block_tags not None,
    frozenset list_tags not None,
    frozenset skipped not None,
    node_cls,
    block_cls,
    normalize,
    kind_and_level,
    str brk not None,
    join_tokens,
):
    """The walk of ``segment.segment`` from ``start`` (already chosen: the body or the root).

    Returns ``(blocks, nodes, elements, unfinished, measures)``: lists of the blocks and nodes,
    the elements of the nodes after the first (empty unless ``keep_elements``), the indexes of
    the nodes left open when the walk stopped at a limit (empty when it read all), and per
    block its ``(words, characters, linked words, punctuation, sentence ends)`` as
    ``features.py`` counts them, or None where the walk leaves that to features (a block in
    <pre>, or whose text or link text is not ASCII)."""
    if not COMPATIBLE:
        raise RuntimeError(f"built for lxml {BUILT_FOR}, running {RUNNING}")
    cdef _Spec spec = _Spec()
    spec.block_tags = block_tags
    spec.list_tags = list_tags
    spec.skipped = skipped
    spec.node_cls = node_cls
    spec.block_cls = block_cls
    spec.normalize = normalize
    spec.kind_and_level = kind_and_level
    spec.brk = brk
    spec.join_tokens = join_tokens
    cdef _Walk w = _Walk()
    cdef xmlNode* top = start._c_node
    cdef xmlNode* cur
    cdef xmlNode* child
    cdef xmlNode* sib
    w.spec = spec
    w.blocks = []
    w.measures = []
    w.nodes = []
    w.stack = []
    w.elements = []
    w.tags = []
    w.made = {}
    w.lead = -1
    w.pre_depth = 0
    w.link_depth = 0
    w.limit = limit
    w.inline_room = inline_room
    w.truncated = False
    w.keep_elements = keep_elements
    w.doc = start._doc
    for i in range(SLOTS):
        w.slots[i].name = NULL
    root = node_cls(0, "body", -1, 0, _tokens(top, join_tokens, w.made), 0, 0)
    w.nodes.append(root)
    w.stack.append(root)
    w.piece = _text_run(top.children)
    cur = _first_child(top)
    while cur is not NULL:
        w.take_piece()
        if w.start(cur):
            child = _first_child(cur)
            if child is not NULL:
                cur = child
                continue
        elif w.truncated:
            break
        # The end events of cur and of each ancestor it is the last child of.
        while True:
            w.take_piece()
            w.end(cur)
            sib = _next_sibling(cur)
            if sib is not NULL:
                cur = sib
                break
            cur = cur.parent
            if cur == top:
                cur = NULL
                break
    if not w.truncated:  # the start element's own end event, the last one
        w.take_piece()
        w.end(top)
    stack = w.stack
    if stack:
        if w.parts.size:
            w.flush()
        for node in stack:
            node.end_block = len(w.blocks)
    unfinished = [node.index for node in stack] if w.truncated else []
    return w.blocks, w.nodes, w.elements, unfinished, w.measures


# --- The cleaning: the twin of :func:`boilerstrip.pipeline.parse.clean_tree` -------------------
#
# One walk over the tree marks what the Python cleaning drops (elements of the invisible tags, a
# <title> below a <body> at or under the cleaned element, elements hidden by their attributes:
# each the topmost of its subtree, in document order) and reads the JSON-LD scripts; nothing is
# changed until it ends. A tree holding nodes the walk does not take (CDATA, entity references,
# XInclude marks: never in a tree libxml2's HTML parser builds) gets None back, untouched, as
# does a cleaned element that would itself be dropped from its parent: the caller cleans those
# in Python. Then each run of dropped siblings is unlinked with the text between them, their
# tails joined onto the text before the run as one text node, as lxml's setters leave it.

from libc.stdlib cimport malloc
from lxml.includes.tree cimport xmlAttr

cdef enum:
    CLEAN_START = 64  # the first room of the array of dropped nodes


cdef struct Drops:
    xmlNode** nodes
    Py_ssize_t size
    Py_ssize_t room


cdef int _drop(Drops* d, xmlNode* c_node) except -1:
    cdef Py_ssize_t room
    cdef xmlNode** nodes
    if d.size == d.room:
        room = d.room * 2 if d.room else CLEAN_START
        nodes = <xmlNode**>realloc(d.nodes, room * sizeof(xmlNode*))
        if nodes is NULL:
            raise MemoryError()
        d.nodes = nodes
        d.room = room
    d.nodes[d.size] = c_node
    d.size += 1
    return 0


cdef inline bint _same(const_xmlChar* a, const char* b) noexcept nogil:
    cdef size_t i = 0
    while a[i] == b[i]:
        if a[i] == 0:
            return True
        i += 1
    return False


cdef inline bint _plain(xmlNode* c_node, const char* name) noexcept nogil:
    """An element of that name, in no namespace (as ``iter(name)`` and ``.tag == name``)."""
    return c_node.ns is NULL and _same(c_node.name, name)


cdef inline bint _ascii(const unsigned char* s, size_t n) noexcept nogil:
    cdef size_t i
    for i in range(n):
        if s[i] >= 0x80:
            return False
    return True


cdef inline bint _py_space(unsigned char c) noexcept nogil:
    """Python's white space (``str.isspace``, ``\\s``) among ASCII characters."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31


cdef inline unsigned char _lower(unsigned char c) noexcept nogil:
    return c + 32 if 65 <= c <= 90 else c


cdef size_t _word_at(const unsigned char* s, size_t n, size_t i, const char* word) noexcept nogil:
    """The end of ``word`` (ASCII lower case) read case-blind at ``i``, or 0."""
    cdef size_t k = 0
    while word[k] != 0:
        if i + k >= n or _lower(s[i + k]) != <unsigned char>word[k]:
            return 0
        k += 1
    return i + k


cdef bint _property_at(
    const unsigned char* s, size_t n, size_t i, const char* name, const char* value
) noexcept nogil:
    """``name\\s*:\\s*value`` (case-blind) at ``i``."""
    i = _word_at(s, n, i, name)
    if i == 0:
        return False
    while i < n and _py_space(s[i]):
        i += 1
    if i >= n or s[i] != 58:  # ":"
        return False
    i += 1
    while i < n and _py_space(s[i]):
        i += 1
    return _word_at(s, n, i, value) != 0


cdef bint _ascii_style_hides(const unsigned char* s, size_t n) noexcept nogil:
    """parse's hiding-style pattern, ``(?:^|;)\\s*(?:display\\s*:\\s*none|visibility\\s*:\\s*
    hidden)`` (case-blind), searched in an ASCII value."""
    cdef size_t i = 0, start
    while True:
        start = i
        while start < n and _py_space(s[start]):
            start += 1
        if _property_at(s, n, start, b"display", b"none"):
            return True
        if _property_at(s, n, start, b"visibility", b"hidden"):
            return True
        while i < n and s[i] != 59:  # ";"
            i += 1
        if i >= n:
            return False
        i += 1


cdef bint _ascii_is_true(const unsigned char* s, size_t n) noexcept nogil:
    """``value.strip().lower() == "true"`` of an ASCII value."""
    cdef size_t i = 0
    while i < n and _py_space(s[i]):
        i += 1
    while n > i and _py_space(s[n - 1]):
        n -= 1
    return n - i == 4 and _word_at(s, n, i, b"true") != 0


cdef class _Cleaning:
    """The state of one cleaning walk."""

    cdef Drops drops
    cdef list json_ld
    cdef Py_ssize_t max_json_ld
    cdef object hides_by_aria
    cdef object hides_by_style
    cdef list invisible  # the tag names, as bytes
    cdef const char** names
    cdef Py_ssize_t count
    cdef Buffer spare  # an attribute's value, when its text is in several nodes
    cdef bint unsupported  # a node the walk does not take was met

    def __dealloc__(self):
        free(self.drops.nodes)
        free(self.names)
        free(self.spare.data)

    cdef bint is_invisible(self, xmlNode* c_node):
        cdef const_xmlChar* name = c_node.name
        cdef Py_ssize_t i
        if c_node.ns is not NULL:
            return False
        for i in range(self.count):
            if name[0] == <unsigned char>self.names[i][0] and _same(name, self.names[i]):
                return True
        return False

    cdef const_xmlChar* value(self, xmlAttr* attr) except? NULL:
        """An attribute's value (NULL for none): its one text node, or its text nodes joined
        (in ``spare``); a value holding other nodes makes the tree one for Python."""
        cdef xmlNode* child = attr.children
        if child is NULL or (child.next is NULL and child.type == tree.XML_TEXT_NODE):
            return child.content if child is not NULL else NULL
        self.spare.size = 0
        while child is not NULL:
            if child.type != tree.XML_TEXT_NODE:
                self.unsupported = True
                return NULL
            if _strlen(child.content):
                _put(&self.spare, <const char*>child.content, _strlen(child.content))
            child = child.next
        _put(&self.spare, b"\0", 1)
        return <const_xmlChar*>self.spare.data

    cdef bint value_hides(self, xmlAttr* attr, bint style) except -1:
        """Whether the value of ``aria-hidden`` (or ``style``) hides its element."""
        cdef const_xmlChar* value = self.value(attr)
        cdef size_t n
        if value is NULL:
            return False  # no value: "" hides nothing
        n = _strlen(value)
        if _ascii(<const unsigned char*>value, n):
            if style:
                return _ascii_style_hides(<const unsigned char*>value, n)
            return _ascii_is_true(<const unsigned char*>value, n)
        text = PyUnicode_DecodeUTF8(<const char*>value, n, NULL)
        return bool((self.hides_by_style if style else self.hides_by_aria)(text))

    cdef bint is_hidden(self, xmlNode* c_node) except -1:
        cdef xmlAttr* attr = c_node.properties
        while attr is not NULL:
            if attr.ns is NULL:
                if _same(attr.name, b"hidden"):
                    return True
                if _same(attr.name, b"aria-hidden") and self.value_hides(attr, False):
                    return True
                if _same(attr.name, b"style") and self.value_hides(attr, True):
                    return True
            attr = attr.next
        return False

    cdef int read_json_ld(self, xmlNode* c_node) except -1:
        """Keep a script's text when its ``type`` holds "ld+json" (case-blind)."""
        cdef Buffer b
        cdef xmlNode* c_text = c_node.children
        cdef xmlAttr* attr = c_node.properties
        cdef const_xmlChar* value
        cdef size_t i, n
        cdef bint found = False
        while attr is not NULL and not (attr.ns is NULL and _same(attr.name, b"type")):
            attr = attr.next
        if attr is NULL:
            return 0
        value = self.value(attr)
        if value is not NULL:
            n = _strlen(value)
            for i in range(n):
                if _word_at(<const unsigned char*>value, n, i, b"ld+json"):
                    found = True
                    break
        if not found:
            return 0
        b.data = NULL
        b.size = 0
        b.room = 0
        try:
            while c_text is not NULL and c_text.type == tree.XML_TEXT_NODE:
                n = _strlen(c_text.content)
                if n:
                    _put(&b, <const char*>c_text.content, n)
                c_text = c_text.next
            if b.size:
                self.json_ld.append(_take(&b))
        finally:
            free(b.data)
        return 0

    cdef bint mark(self, xmlNode* root) except -1:
        """Walk ``root``'s tree: the nodes to drop, the JSON-LD texts; False if the tree is
        one to clean in Python."""
        cdef xmlNode* c = root
        cdef xmlNode* body = NULL  # the outermost <body> on the way down, root included
        cdef xmlNode* dropped = NULL  # the dropped element the walk is in
        cdef int t
        if root.parent is not NULL and root.parent.type == tree.XML_ELEMENT_NODE:
            if self.is_invisible(root) or _plain(root, b"title"):
                return False  # Python drops the element it cleans from its parent
        while c is not NULL:
            t = c.type
            if t == tree.XML_ELEMENT_NODE:
                if c is not root and dropped is NULL:
                    if (
                        self.is_invisible(c)
                        or (body is not NULL and _plain(c, b"title"))
                        or self.is_hidden(c)
                    ):
                        _drop(&self.drops, c)
                        dropped = c
                if body is NULL and _plain(c, b"body"):
                    body = c
                if len(self.json_ld) < self.max_json_ld and _plain(c, b"script"):
                    self.read_json_ld(c)
                if self.unsupported:
                    return False
                if c.children is not NULL:
                    c = c.children
                    continue
            elif t != tree.XML_TEXT_NODE and t != tree.XML_COMMENT_NODE and t != tree.XML_PI_NODE:
                return False
            while True:  # leave c (and each ancestor it ends)
                if c is root:
                    c = NULL
                    break
                if c is body:
                    body = NULL
                if c is dropped:
                    dropped = NULL
                if c.next is not NULL:
                    c = c.next
                    break
                c = c.parent
        return True


cdef void _unlink(xmlNode* c_node) noexcept nogil:
    """Take a node out of its siblings (libxml2's xmlUnlinkNode, for a node of an element)."""
    cdef xmlNode* parent = c_node.parent
    if c_node.prev is not NULL:
        c_node.prev.next = c_node.next
    elif parent is not NULL:
        parent.children = c_node.next
    if c_node.next is not NULL:
        c_node.next.prev = c_node.prev
    elif parent is not NULL:
        parent.last = c_node.prev
    c_node.parent = NULL
    c_node.prev = NULL
    c_node.next = NULL


cdef void _bin(xmlNode* trash, xmlNode* c_node) noexcept nogil:
    """Move a node below ``trash``, an element of the same document that lxml frees (with
    all it holds) when its proxy goes, or later, when the last proxy held into it goes."""
    _unlink(c_node)
    c_node.parent = trash
    if trash.last is NULL:
        trash.children = c_node
    else:
        trash.last.next = c_node
        c_node.prev = trash.last
    trash.last = c_node


cdef inline bint _xml_char_at(const unsigned char* s, size_t n, size_t i) noexcept nogil:
    """Whether the character at ``i`` is one lxml's setters take (not a C0 control but tab, LF
    and CR; not U+FFFE, U+FFFF or a surrogate)."""
    cdef unsigned char c = s[i]
    if c < 0x80:
        return c >= 32 or c == 9 or c == 10 or c == 13
    if c == 0xEF and i + 2 < n and s[i + 1] == 0xBF and (s[i + 2] == 0xBE or s[i + 2] == 0xBF):
        return False
    return not (c == 0xED and i + 1 < n and s[i + 1] >= 0xA0)


cdef str _settable(Buffer* b):
    """The buffer's text as lxml's setters take it: characters they refuse become spaces (all
    of them, as parse does when a setter refuses the value)."""
    cdef Buffer clean
    cdef size_t i = 0, n = b.size
    cdef const unsigned char* s = <const unsigned char*>b.data
    while i < n and _xml_char_at(s, n, i):
        i += 1
    if i == n:
        return _take(b)
    clean.data = NULL
    clean.size = 0
    clean.room = 0
    try:
        i = 0
        while i < n:
            if _xml_char_at(s, n, i):
                _put(&clean, <const char*>s + i, 1)
                i += 1
            else:
                _put(&clean, b" ", 1)
                i += 1 if s[i] < 0x80 else 3
        b.size = 0
        return _take(&clean)
    finally:
        free(clean.data)


cdef int _put_texts(Buffer* b, xmlNode* c, xmlNode* stop) except -1:
    """Append the text nodes from ``c`` up to ``stop`` (not included)."""
    cdef size_t n
    while c is not stop:
        if c.type == tree.XML_TEXT_NODE:
            n = _strlen(c.content)
            if n:
                _put(b, <const char*>c.content, n)
        c = c.next
    return 0


cdef int _remove(_Cleaning w, cetree._Element root) except -1:
    """Unlink the marked nodes, run by run of siblings, each run's tails joined once onto the
    text before the run (one text node, set by lxml's setter)."""
    cdef Drops* d = &w.drops
    cdef Py_ssize_t i = 0, j
    cdef xmlNode* first
    cdef xmlNode* parent
    cdef xmlNode* anchor
    cdef xmlNode* c
    cdef xmlNode* nxt
    cdef xmlNode* trash
    cdef Buffer b
    if d.size == 0:
        return 0
    bin_element = cetree.makeElement("boilerstrip-dropped", root._doc, None, None, None, None, None)
    trash = bin_element._c_node
    b.data = NULL
    b.size = 0
    b.room = 0
    try:
        while i < d.size:
            first = d.nodes[i]
            parent = first.parent
            anchor = first.prev
            while anchor is not NULL and anchor.type == tree.XML_TEXT_NODE:
                anchor = anchor.prev
            # The run: this node, the text after it, and each next dropped sibling with its
            # text (the next marked node, since nothing is marked below a marked node).
            j = i
            c = first.next
            while True:
                while c is not NULL and c.type == tree.XML_TEXT_NODE:
                    c = c.next
                if c is not NULL and j + 1 < d.size and d.nodes[j + 1] is c:
                    j += 1
                    c = c.next
                    continue
                break
            # c: the kept node after the run, or NULL.
            b.size = 0
            _put_texts(&b, first, c)
            if b.size:  # the text before the run first
                b.size = 0
                _put_texts(&b, anchor.next if anchor is not NULL else parent.children, c)
            nxt = first
            while nxt is not c:
                first = nxt
                nxt = nxt.next
                _bin(trash, first)
            if b.size:
                text = _settable(&b)
                if anchor is not NULL:
                    cetree.setTailText(anchor, text)
                else:
                    cetree.setNodeText(parent, text)
            i = j + 1
    finally:
        free(b.data)
    return 0


def clean_walk(
    cetree._Element root,
    tuple invisible,
    Py_ssize_t max_json_ld,
    hides_by_aria,
    hides_by_style,
):
    """Clean ``root``'s tree in place as ``parse.clean_tree`` does, but for the JSON-LD kept:
    their texts are returned (the caller stores them). None: the tree was not touched, the
    caller cleans it in Python."""
    cdef _Cleaning w = _Cleaning()
    cdef Py_ssize_t i
    w.json_ld = []
    w.max_json_ld = max_json_ld
    w.hides_by_aria = hides_by_aria
    w.hides_by_style = hides_by_style
    w.invisible = [name.encode("ascii") for name in invisible]
    w.names = <const char**>malloc(max(len(w.invisible), 1) * sizeof(const char*))
    if w.names is NULL:
        raise MemoryError()
    for i, name in enumerate(w.invisible):
        w.names[i] = <const char*>(<bytes>name)
    w.count = len(w.invisible)
    if not w.mark(root._c_node):
        return None
    _remove(w, root)
    return w.json_ld


# --- The attribute limit: the twin of :func:`boilerstrip.pipeline.parse._limit_attributes` ------
#
# The scan parse's pattern makes, byte by byte: text, end tags, comments and lone "<" passed by,
# start tags read attribute by attribute (the pattern's attribute: white space or "/" before a
# name, its value after "=", quoted or not), the content of raw-text elements (scripts,
# styles...) passed by up to their end tag, and a <plaintext> read to the end. A start tag with
# more than ``limit`` attributes loses the rest.

from libc.string cimport memchr

cdef inline bint _apart(unsigned char c) noexcept nogil:
    """White space or "/": what stands between attributes."""
    return c == 32 or c == 9 or c == 10 or c == 12 or c == 13 or c == 47


cdef inline bint _blank(unsigned char c) noexcept nogil:
    return c == 32 or c == 9 or c == 10 or c == 12 or c == 13


cdef inline bint _letter(unsigned char c) noexcept nogil:
    return 65 <= c <= 90 or 97 <= c <= 122


cdef inline Py_ssize_t _find(
    const unsigned char* s, Py_ssize_t n, Py_ssize_t i, unsigned char c
) noexcept nogil:
    """The position of ``c`` from ``i``, or ``n``."""
    cdef const void* at
    if i >= n:
        return n
    at = memchr(s + i, c, n - i)
    return n if at is NULL else <Py_ssize_t>(<const unsigned char*>at - s)


cdef Py_ssize_t _attribute(const unsigned char* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """The end of the attribute read at ``i``, or -1 when there is none."""
    cdef Py_ssize_t j = i, k, q
    while j < n and _apart(s[j]):
        j += 1
    if j >= n or s[j] == 62:  # ">"
        return -1
    j += 1
    while j < n and not (_apart(s[j]) or s[j] == 61 or s[j] == 62):  # "=", ">"
        j += 1
    k = j
    while k < n and _blank(s[k]):
        k += 1
    if k >= n or s[k] != 61:
        return j
    k += 1
    while k < n and _blank(s[k]):
        k += 1
    if k < n and (s[k] == 34 or s[k] == 39):  # a quote: to the closing one, if there is one
        q = _find(s, n, k + 1, s[k])
        if q < n:
            return q + 1
    while k < n and not (_blank(s[k]) or s[k] == 62):
        k += 1
    return k


cdef Py_ssize_t _attributes(
    const unsigned char* s, Py_ssize_t n, Py_ssize_t i, Py_ssize_t most, Py_ssize_t* count
) noexcept nogil:
    """The end of the attributes read from ``i``, at most ``most`` of them (``count`` read)."""
    cdef Py_ssize_t e
    count[0] = 0
    while count[0] < most:
        e = _attribute(s, n, i)
        if e < 0:
            break
        i = e
        count[0] += 1
    return i


cdef bint _named_ci(
    const unsigned char* s, Py_ssize_t start, Py_ssize_t end, const char* name
) noexcept nogil:
    """Whether ``s[start:end]`` is ``name`` (ASCII lower case), case-blind."""
    cdef Py_ssize_t k = 0
    while name[k] != 0:
        if start + k >= end or _lower(s[start + k]) != <unsigned char>name[k]:
            return False
        k += 1
    return start + k == end


cdef inline bint _name_end(const unsigned char* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    return i >= n or _apart(s[i]) or s[i] == 62


cdef Py_ssize_t _comment_end(const unsigned char* s, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """The end of the comment opened at ``i`` ("<!--"): after "-->" or "--!>", else ``n``."""
    cdef Py_ssize_t j = i + 4
    if j < n and s[j] == 62:
        return j + 1
    if j + 1 < n and s[j] == 45 and s[j + 1] == 62:
        return j + 2
    while True:
        j = _find(s, n, j, 45)  # "-"
        if j + 2 >= n:
            return n
        if s[j + 1] == 45 and s[j + 2] == 62:
            return j + 3
        if s[j + 1] == 45 and s[j + 2] == 33 and j + 3 < n and s[j + 3] == 62:
            return j + 4
        j += 1


cdef Py_ssize_t _raw_end(
    const unsigned char* s, Py_ssize_t n, Py_ssize_t j, Py_ssize_t name_start, Py_ssize_t name_end
) noexcept nogil:
    """Past a raw-text element's start tag (its attributes read up to ``j``): the start of its
    end tag, or ``n``."""
    cdef Py_ssize_t k, m
    while j < n and _apart(s[j]):
        j += 1
    if j >= n or s[j] != 62:
        return j
    j += 1
    while True:
        j = _find(s, n, j, 60)  # "<"
        if j >= n:
            return n
        if j + 1 < n and s[j + 1] == 47:
            k = j + 2
            m = name_start
            while m < name_end and k < n and _lower(s[k]) == _lower(s[m]):
                k += 1
                m += 1
            if m == name_end and _name_end(s, n, k):
                return j
        j += 1


cdef bint _raw_text(const unsigned char* s, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """Whether the tag name (case-blind) is one of a raw-text element (not <plaintext>)."""
    return (
        _named_ci(s, start, end, b"script")
        or _named_ci(s, start, end, b"style")
        or _named_ci(s, start, end, b"textarea")
        or _named_ci(s, start, end, b"title")
        or _named_ci(s, start, end, b"xmp")
        or _named_ci(s, start, end, b"iframe")
        or _named_ci(s, start, end, b"noembed")
        or _named_ci(s, start, end, b"noframes")
    )


def limit_attributes(bytes data, Py_ssize_t limit):
    """``data`` with the attributes past ``limit`` of any start tag dropped, and how many tags
    lost some (as parse's ``_limit_attributes``)."""
    cdef const unsigned char* s = <const unsigned char*>data
    cdef Py_ssize_t n = len(data), pos = 0, i, j, count, name_end, kept
    if limit < 1:
        raise ValueError("the limit must be at least 1")
    parts = []
    i = 0
    while i < n:
        if s[i] != 60:  # text
            i = _find(s, n, i, 60)
            continue
        if i + 1 < n and s[i + 1] == 47:  # "</": an end tag and the text after it
            i = _find(s, n, i + 2, 60)
            continue
        if i + 3 < n and s[i + 1] == 33 and s[i + 2] == 45 and s[i + 3] == 45:
            i = _comment_end(s, n, i)
            continue
        if i + 1 >= n or not _letter(s[i + 1]):
            i += 1
            continue
        name_end = i + 2
        while name_end < n and not (_apart(s[name_end]) or s[name_end] == 62):
            name_end += 1
        j = _attributes(s, n, name_end, limit, &count)
        if count == limit:  # as many as the limit: the tag is counted, the rest dropped
            kept = j
            j = _attributes(s, n, j, n, &count)
            parts.append(data[pos:kept])
            pos = j
            i = j
            continue
        if _raw_text(s, i + 1, name_end):
            i = _raw_end(s, n, j, i + 1, name_end)
        elif _named_ci(s, i + 1, name_end, b"plaintext"):
            i = n
        else:
            i = j
    if not parts:
        return data, 0
    parts.append(data[pos:])
    return b"".join(parts), len(parts) - 1
