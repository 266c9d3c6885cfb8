# cython: language_level=3, boundscheck=False, cdivision=True
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
from libc.string cimport strcmp

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


cdef object _attr(xmlNode* c_node, const char* name):
    """``el.get(name)``: the value of the attribute without a namespace, or None."""
    return cetree.attributeValueFromNsName(c_node, NULL, <const_xmlChar*>name)


cdef tuple _tokens(xmlNode* c_node, join_tokens):
    """``segment._tokens`` on the C node: ``join_tokens`` (segment's) makes them."""
    cls = _attr(c_node, "class")
    ident = _attr(c_node, "id")
    role = _attr(c_node, "role")
    prop = _attr(c_node, "itemprop")
    if cls is None and ident is None and role is None and prop is None:
        return ()
    return join_tokens(cls, ident, role, prop)


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
    cdef list parts
    cdef list linked
    cdef list nodes
    cdef list stack
    cdef list elements
    cdef list tags
    cdef object piece
    cdef int lead  # -1: no text yet (None), 0: False, 1: True
    cdef Py_ssize_t pre_depth
    cdef Py_ssize_t link_depth
    cdef Py_ssize_t limit
    cdef Py_ssize_t inline_room
    cdef bint truncated
    cdef bint keep_elements
    cdef cetree._Document doc
    cdef TagSlot slots[SLOTS]

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
        piece = self.piece
        if not piece:
            return 0
        parts = self.parts
        if parts:
            parts.append(piece)
            if self.link_depth:
                self.linked.append(piece)
            if self.lead == -1 and not piece.isspace():
                self.lead = self.link_depth > 0
        elif self.pre_depth or not piece.isspace():
            parts.append(piece)
            if self.link_depth:
                self.linked.append(piece)
            self.lead = -1 if piece.isspace() else self.link_depth > 0
        return 0

    cdef int flush(self) except -1:
        """``_Blocks.flush`` of the innermost open node, called when there are parts."""
        spec = self.spec
        node = self.stack[-1]
        raw = "".join(self.parts)
        self.parts = []
        linked = self.linked
        self.linked = []
        text = spec.normalize(raw, pre=self.pre_depth > 0)
        if not text or text.isspace():
            return 0
        kind, level = spec.kind_and_level(node)
        linked_text = " ".join("".join(linked).replace(spec.brk, " ").split()) if linked else ""
        self.blocks.append(
            spec.block_cls(text, linked_text, kind, node.index, level, self.lead == 1)
        )
        return 0

    cdef bint start(self, xmlNode* c_node) except -1:
        """A start event; whether to walk into the element (False also when the walk stops:
        see ``truncated``)."""
        cdef PyObject* tag
        cdef int code
        if c_node.type != tree.XML_ELEMENT_NODE:  # an entity reference
            self.piece = None
            return False
        code = self.code(c_node, &tag)
        if (code & KIND_MASK) == BLOCK:
            if self.parts:
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
                _tokens(c_node, self.spec.join_tokens),
                up.list_depth + (1 if code & LIST else 0),
                len(self.blocks),
            )
            self.nodes.append(node)
            if self.keep_elements:
                self.elements.append(cetree.elementFactory(self.doc, c_node))
            self.stack.append(node)
            if code & PRE:
                self.pre_depth += 1
            self.piece = cetree.textOf(c_node)
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
            if not self.parts or self.lead == -1:
                self.lead = self.link_depth > 0
            self.parts.append(self.spec.brk)
            if self.link_depth:
                self.linked.append(self.spec.brk)
        elif code == SKIP:
            self.piece = None
            return False
        self.piece = cetree.textOf(c_node)
        return True

    cdef int end(self, xmlNode* c_node) except -1:
        """An end event."""
        cdef PyObject* tag
        cdef int code
        if c_node.type != tree.XML_ELEMENT_NODE:
            self.piece = cetree.tailOf(c_node)
            return 0
        code = self.code(c_node, &tag)
        if (code & KIND_MASK) == BLOCK:
            if self.parts:
                self.flush()
            self.stack.pop().end_block = len(self.blocks)
            if code & PRE:
                self.pre_depth -= 1
        elif code == LINK and _attr(c_node, "href") is not None:
            self.link_depth -= 1
            self.linked.append(" ")  # two links side by side are two words
        self.piece = cetree.tailOf(c_node)
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

    Returns ``(blocks, nodes, elements, unfinished)``: lists of the blocks and nodes, the
    elements of the nodes after the first (empty unless ``keep_elements``), and the indexes of
    the nodes left open when the walk stopped at a limit (empty when it read all)."""
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
    w.parts = []
    w.linked = []
    w.nodes = []
    w.stack = []
    w.elements = []
    w.tags = []
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
    root = node_cls(0, "body", -1, 0, _tokens(top, join_tokens), 0, 0)
    w.nodes.append(root)
    w.stack.append(root)
    w.piece = cetree.textOf(top)
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
        if w.parts:
            w.flush()
        for node in stack:
            node.end_block = len(w.blocks)
    unfinished = [node.index for node in stack] if w.truncated else []
    return w.blocks, w.nodes, w.elements, unfinished
