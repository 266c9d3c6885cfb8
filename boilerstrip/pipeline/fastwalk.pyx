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
