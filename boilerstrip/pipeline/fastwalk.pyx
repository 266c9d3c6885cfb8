# cython: language_level=3, cdivision=True
"""The segment walk in C: the twin of :func:`boilerstrip.pipeline.segment.segment`.

It walks libxml2's nodes through lxml's public C API (``lxml.includes.etreepublic``), in the
order of ``etree.iterwalk(start, events=("start", "end"))`` (elements and entity references;
comments and processing instructions are passed by, as iterwalk passes them), with the same
per-event steps as the Python loop, so that it hands back the same blocks and nodes. The walk
is iterative (libxml2's parent and sibling pointers, no C recursion) and bounded by the same
element limits. It makes the Node and RawBlock records itself (``_Maker``), and records what
the features stage needs (``Walked``): ``features.features`` finishes the page's hints and
Features from it in C (``Walked.features``), the same values ``features.py`` computes.

This module imports nothing from boilerstrip: the callers (``pipeline/walk.py``,
``pipeline/features.py``) hand it the tag sets, the record classes, the text helpers and the
lists and constants of ``segment.py``, ``features.py`` and ``config.py``, so there is one
definition of each. It was built against one lxml: ``COMPATIBLE`` says whether the lxml imported now is
that one; when it is not, lxml's C API is not touched and ``segment_walk`` must not be called.
"""

from cpython.object cimport PyTypeObject
from cpython.ref cimport PyObject, Py_INCREF, Py_XDECREF
from cpython.unicode cimport (
    Py_UNICODE_ISSPACE,
    PyUnicode_1BYTE_KIND,
    PyUnicode_2BYTE_KIND,
    PyUnicode_DATA,
    PyUnicode_AsUTF8AndSize,
    PyUnicode_DecodeUTF8,
    PyUnicode_KIND,
)
from libc.stdlib cimport free, realloc
from libc.math cimport fabs, floor
from libc.string cimport memcmp, memcpy, strcmp

from lxml.includes cimport tree
from lxml.includes.tree cimport const_xmlChar, xmlNode
cimport lxml.includes.etreepublic as cetree

import builtins
from types import MemberDescriptorType

import lxml.etree

cdef extern from "Python.h":
    object PyType_GenericAlloc(PyTypeObject* type, Py_ssize_t nitems)
    void PyObject_GC_UnTrack(void* op)
    int PyType_HasFeature(PyTypeObject* tp, unsigned long feature)
    unsigned long Py_TPFLAGS_HAVE_GC
    bint PyObject_IS_GC(object obj)
    int PyObject_GC_IsTracked(object obj)
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    bint PyUnicode_IS_ASCII(object text)
    PyObject* PyTuple_GET_ITEM(object tuple, Py_ssize_t index)
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
        int flags
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member

cdef extern from "structmember.h":
    int T_OBJECT_EX
    int READONLY

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
    LEAF = 32  # its blocks' container is its parent (features.container_of)

cdef enum:
    SLOTS = 256  # the cache of tag classes, per walk, keyed by libxml2's interned name
    PROBES = 8

cdef struct KindSlot:
    PyObject* tag  # the node's tag (held by its Node); NULL: the slot is free
    Py_ssize_t list_depth
    PyObject* made  # kind_and_level of them (held by _Walk.kinds)


cdef enum:
    KIND_SLOTS = 16  # (tag, list depth) pairs whose kind a walk remembers without a lookup


cdef struct TagSlot:
    const_xmlChar* name
    int code
    PyObject* tag
    Py_ssize_t bare_pair  # the pair id of this tag with no tokens, -1: not yet made


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


cdef Py_ssize_t _collapse(
    const char* src, Py_ssize_t n, bint lines, Buffer* out
) except -1:
    """``text.runs.normalize(raw, pre=False)`` of the UTF-8 in ``src`` into ``out``: the words
    of each line (lines end at BREAK when ``lines``, else BREAK is a space) joined by a space,
    lines without one left out, the rest joined by a line break. Returns how many words. Each
    word is copied whole when it ends."""
    cdef const unsigned char* s = <const unsigned char*>src
    cdef Py_ssize_t i = 0, size, line_words = 0, words = 0, start = -1
    cdef unsigned int cp
    cdef bint space
    while i < n:
        cp = s[i]
        if cp < 0x80:
            size = 1
            space = cp == 0 or cp == 32 or 9 <= cp <= 13 or 28 <= cp <= 31
        else:
            size = 2 if cp < 0xE0 else 3 if cp < 0xF0 else 4
            if i + size > n:  # cut UTF-8 (libxml2 never stores it): never read past the end
                size = n - i
                space = False
            elif size == 2:
                space = Py_UNICODE_ISSPACE(<Py_UCS4>(((cp & 0x1F) << 6) | (s[i + 1] & 0x3F)))
            elif size == 3:
                space = Py_UNICODE_ISSPACE(<Py_UCS4>(
                    ((cp & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)
                ))
            else:
                space = False  # above U+FFFF: no white space
        if space:
            if start >= 0:
                _put(out, src + start, i - start)
                start = -1
            if cp == 0 and lines:  # BREAK: a new line
                line_words = 0
        elif start < 0:
            if line_words:
                _put(out, " ", 1)
            elif words:
                _put(out, "\n", 1)
            line_words += 1
            words += 1
            start = i
        i += size
    if start >= 0:
        _put(out, src + start, n - start)
    return words


cdef object _attr(xmlNode* c_node, const char* name):
    """``el.get(name)``: the value of the attribute without a namespace, or None."""
    return cetree.attributeValueFromNsName(c_node, NULL, <const_xmlChar*>name)


cdef object _value(xmlNode* c_node, tree.xmlAttr* c_attr, const char* name):
    """The value of the attribute ``c_attr`` (named ``name``) of ``c_node``: as ``el.get``
    reads it (libxml2 copies a single text child; lxml is asked for anything else)."""
    cdef xmlNode* c = c_attr.children
    if (c is not NULL and c.next is NULL and c.content is not NULL
            and (c.type == tree.XML_TEXT_NODE or c.type == tree.XML_CDATA_SECTION_NODE)):
        return PyUnicode_DecodeUTF8(<const char*>c.content, _strlen(c.content), NULL)
    return _attr(c_node, name)


cdef bint _dtd_defaults(tree.xmlDoc* c_doc) noexcept:
    """Whether the document's DTD declares attributes, which could give an element's
    attribute a default value (libxml2 reads the external subset only beside an internal
    one). An HTML doctype declares none."""
    if c_doc.intSubset is NULL:
        return False
    if c_doc.intSubset.attributes is not NULL:
        return True
    return c_doc.extSubset is not NULL and c_doc.extSubset.attributes is not NULL


cdef bint _has_attr(xmlNode* c_node, const char* name, bint dtd_defaults) except -1:
    """``el.get(name) is not None``, without making the value."""
    cdef tree.xmlAttr* c_attr
    if dtd_defaults:
        return _attr(c_node, name) is not None
    c_attr = c_node.properties
    while c_attr is not NULL:
        if c_attr.ns is NULL and strcmp(<const char*>c_attr.name, name) == 0:
            return True
        c_attr = c_attr.next
    return False


cdef struct TokenEntry:
    unsigned long long hash
    Py_ssize_t start  # the key's bytes in the table's ``keys``
    Py_ssize_t size
    PyObject* tokens  # a reference the table holds; NULL: the entry is free
    const_xmlChar* name  # the element name (libxml2's interned one) last seen with them
    Py_ssize_t pair  # the walk's pair id of that name and these tokens


cdef class _TokenTable:
    """The tokens of each distinct (class, id, role, itemprop) the walk met, keyed by the
    values' bytes as libxml2 holds them (each value one text node): a page repeats its class
    names, so most elements find theirs without a string, a tuple or a hash made in Python.
    Equal bytes are equal values (libxml2 holds valid UTF-8), so the tokens are those
    ``_tokens`` would make."""

    cdef TokenEntry* entries
    cdef Py_ssize_t room  # a power of two, or 0
    cdef Py_ssize_t count
    cdef Buffer keys  # every key's bytes, one after another
    cdef Buffer key  # the key looked up

    def __dealloc__(self):
        cdef Py_ssize_t i
        if self.entries is not NULL:
            for i in range(self.room):
                Py_XDECREF(self.entries[i].tokens)
        free(self.entries)
        free(self.keys.data)
        free(self.key.data)

    cdef int put_value(self, const_xmlChar* value) except -1:
        """A value's bytes into the key, after a mark that tells them from an absent one."""
        if value is NULL:
            _put(&self.key, "\x01", 1)
        else:
            _put(&self.key, "\x02", 1)
            _put(&self.key, <const char*>value, _strlen(value))
            _put(&self.key, "\x00", 1)  # a value holds no NUL: where it ends
        return 0

    cdef Py_ssize_t find(self, unsigned long long h) noexcept:
        """The entry of the key (its hash ``h``), or the free one where it would go."""
        cdef Py_ssize_t mask = self.room - 1
        cdef Py_ssize_t i = <Py_ssize_t>(h & <unsigned long long>mask)
        cdef TokenEntry* e
        while True:
            e = &self.entries[i]
            if e.tokens is NULL:
                return i
            if (e.hash == h and e.size == self.key.size
                    and memcmp(self.keys.data + e.start, self.key.data, e.size) == 0):
                return i
            i = (i + 1) & mask

    cdef int grow(self) except -1:
        cdef Py_ssize_t old_room = self.room, i, j, mask
        cdef TokenEntry* old = self.entries
        cdef TokenEntry* fresh
        self.room = old_room * 2 if old_room else 64
        fresh = <TokenEntry*>realloc(NULL, self.room * sizeof(TokenEntry))
        if fresh is NULL:
            self.room = old_room
            raise MemoryError()
        for i in range(self.room):
            fresh[i].tokens = NULL
        mask = self.room - 1
        for i in range(old_room):
            if old[i].tokens is not NULL:
                j = <Py_ssize_t>(old[i].hash & <unsigned long long>mask)
                while fresh[j].tokens is not NULL:
                    j = (j + 1) & mask
                fresh[j] = old[i]
        self.entries = fresh
        free(old)
        return 0


cdef inline unsigned long long _hash(const char* data, Py_ssize_t n) noexcept nogil:
    """A hash of the bytes, eight at a time (for the table: keys are compared whole)."""
    cdef unsigned long long h = 0x9E3779B97F4A7C15ULL ^ <unsigned long long>n
    cdef unsigned long long word
    cdef Py_ssize_t i = 0
    while i + 8 <= n:
        memcpy(&word, data + i, 8)
        h = (h ^ word) * 0xFF51AFD7ED558CCDULL
        h ^= h >> 32
        i += 8
    while i < n:
        h = (h ^ <unsigned char>data[i]) * 0x100000001B3ULL
        i += 1
    return h ^ (h >> 29)


cdef inline const_xmlChar* _lone_text(tree.xmlAttr* c_attr) noexcept nogil:
    """The value of an attribute held in one text node (as ``_value`` reads it), else NULL."""
    cdef xmlNode* c
    if c_attr is NULL:
        return NULL
    c = c_attr.children
    if (c is not NULL and c.next is NULL and c.content is not NULL
            and (c.type == tree.XML_TEXT_NODE or c.type == tree.XML_CDATA_SECTION_NODE)):
        return c.content
    return NULL


cdef tuple _tokens(
    xmlNode* c_node,
    Spec spec,
    dict made,
    dict values,
    bint dtd_defaults,
    _TokenTable table,
    Py_ssize_t* entry,
):
    """``segment._tokens`` on the C node: ``join_tokens`` (segment's) makes them, once per
    distinct (class, id, role, itemprop) of the walk (``table``, by their bytes; ``made``, by
    their text, where a value is not one text node: a page repeats them). ``entry``: the
    tokens' entry in ``table`` (valid up to the next call), or -1."""
    cdef tree.xmlAttr* c_attr
    cdef tree.xmlAttr* found[4]
    cdef const char* name
    cdef Py_ssize_t k, at
    cdef bint lone = True
    cdef unsigned long long h
    cdef TokenEntry* e
    entry[0] = -1
    if not dtd_defaults:
        # No DTD to give an attribute a default value: one pass over the attributes, the
        # first without a namespace of each name (as el.get finds it).
        if c_node.properties is NULL:
            return ()
        found[0] = found[1] = found[2] = found[3] = NULL
        c_attr = c_node.properties
        while c_attr is not NULL:
            if c_attr.ns is NULL:
                name = <const char*>c_attr.name
                if found[0] is NULL and strcmp(name, "class") == 0:
                    found[0] = c_attr
                elif found[1] is NULL and strcmp(name, "id") == 0:
                    found[1] = c_attr
                elif found[2] is NULL and strcmp(name, "role") == 0:
                    found[2] = c_attr
                elif found[3] is NULL and strcmp(name, "itemprop") == 0:
                    found[3] = c_attr
            c_attr = c_attr.next
        if found[0] is NULL and found[1] is NULL and found[2] is NULL and found[3] is NULL:
            return ()
        for k in range(4):
            if found[k] is not NULL and _lone_text(found[k]) is NULL:
                lone = False
        if lone:
            table.key.size = 0
            for k in range(4):
                table.put_value(_lone_text(found[k]))
            h = _hash(table.key.data, table.key.size)
            if (table.count + 1) * 2 > table.room:
                table.grow()
            at = table.find(h)
            e = &table.entries[at]
            if e.tokens is not NULL:
                entry[0] = at
                return <tuple>e.tokens
        cls = None if found[0] is NULL else _value(c_node, found[0], "class")
        ident = None if found[1] is NULL else _value(c_node, found[1], "id")
        role = None if found[2] is NULL else _value(c_node, found[2], "role")
        prop = None if found[3] is NULL else _value(c_node, found[3], "itemprop")
    else:
        cls = _attr(c_node, "class")
        ident = _attr(c_node, "id")
        role = _attr(c_node, "role")
        prop = _attr(c_node, "itemprop")
        if cls is None and ident is None and role is None and prop is None:
            return ()
        lone = False
    if not lone:
        key = (cls, ident, role, prop)
        tokens = made.get(key)
        if tokens is None:
            tokens = made[key] = _join(cls, ident, role, prop, spec, values)
        return tokens
    tokens = _join(cls, ident, role, prop, spec, values)
    e = &table.entries[at]  # the entry found free above (nothing was added since)
    e.hash = h
    e.start = table.keys.size
    e.size = table.key.size
    _put(&table.keys, table.key.data, table.key.size)
    Py_INCREF(tokens)
    e.tokens = <PyObject*>tokens
    e.name = NULL
    table.count += 1
    entry[0] = at
    return tokens


cdef tuple _settled(tuple items):
    """``items``, untracked by the cyclic GC when no item is a tracked container (strings,
    numbers, tuples of those): what the GC itself does to such a tuple at its first pass, done
    when it is made. The tuples of tokens and the keys the walk keeps would otherwise be
    traversed by each collection while the page is read."""
    for item in items:
        if PyObject_IS_GC(item) and PyObject_GC_IsTracked(item):
            return items
    PyObject_GC_UnTrack(<PyObject*>items)
    return items


cdef tuple _join(cls, ident, role, prop, Spec spec, dict values):
    """``join_tokens(cls, ident, role, prop)``: where the join is short enough to be read
    whole, the tokens of each value (``value_tokens``, once per value: ``values``) one after
    the other, which are the join's (see ``segment.value_tokens``)."""
    cdef Py_ssize_t size = 3
    for value in (cls, ident, role, prop):
        if value is not None:
            size += len(<str>value)
    if size > spec.max_token_chars:
        return _settled(spec.join_tokens(cls, ident, role, prop))
    tokens = ()
    for value in (cls, ident, role, prop):
        if value:
            part = values.get(value)
            if part is None:
                part = values[value] = _settled(
                    _ascii_tokens(value) if PyUnicode_IS_ASCII(value) else spec.value_tokens(value)
                )
            tokens = part if not tokens else _settled(tokens + part)
    return tokens


cdef tuple _ascii_tokens(str value):
    """``segment.value_tokens(value)`` of an ASCII value: its runs of what is not white space
    (``str.split``'s: tab to carriage return, 0x1C to 0x1F, space), A-Z made a-z."""
    cdef const unsigned char* s = <const unsigned char*>PyUnicode_DATA(value)
    cdef Py_ssize_t n = len(value), i = 0, start, k
    cdef unsigned char* into
    out = []
    while True:
        while i < n and _py_space(s[i]):
            i += 1
        if i >= n:
            return tuple(out)
        start = i
        while i < n and not _py_space(s[i]):
            i += 1
        word = PyUnicode_New(i - start, 127)
        into = <unsigned char*>PyUnicode_DATA(word)
        for k in range(i - start):
            into[k] = _lower(s[start + k])
        out.append(word)


# --- records made in C ---------------------------------------------------------------------


cdef enum:
    MAX_FIELDS = 16


cdef class _Maker:
    """Makes instances of a slotted dataclass whose ``__init__`` only stores its fields (the
    caller checks that: see ``segment.record_fields``): it stores them in their slots as that
    ``__init__`` does (``object.__setattr__``, frozen or not), without running Python code."""

    cdef object cls
    cdef Py_ssize_t size
    cdef Py_ssize_t offsets[MAX_FIELDS]  # where each field's slot lies in an instance
    cdef bint untrack  # frozen records only: a mutable one could be given a container later

    def __init__(self, type cls not None, tuple names not None):
        cdef PyMemberDef* member
        if cls.__new__ is not object.__new__:
            raise TypeError(f"{cls.__name__} has its own __new__")
        if len(names) > MAX_FIELDS:
            raise TypeError(f"{cls.__name__} has more than {MAX_FIELDS} fields")
        for i, name in enumerate(names):
            descriptor = cls.__dict__.get(name)
            if type(descriptor) is not MemberDescriptorType:
                raise TypeError(f"{cls.__name__}.{name} is not a slot")
            member = (<PyMemberDescrObject*>descriptor).d_member
            if member.type != T_OBJECT_EX or member.flags & READONLY:
                raise TypeError(f"{cls.__name__}.{name} is not a plain slot")
            self.offsets[i] = member.offset
        self.cls = cls
        self.size = len(names)
        params = getattr(cls, "__dataclass_params__", None)
        self.untrack = (
            params is not None
            and params.frozen is True
            and PyType_HasFeature(<PyTypeObject*>cls, Py_TPFLAGS_HAVE_GC)
        )

    cdef object new(self):
        """An instance with every slot empty: the caller puts each field (``put``). An
        instance of a frozen class is left out of the cyclic GC: the walk fills the fields of
        its records with strings, numbers and tuples of those, which no cycle can pass
        through, nothing can set them afterwards, and each collection while a page is read
        would otherwise traverse every record made so far. A mutable record (``Node``) stays
        tracked: a caller may put a container in it."""
        made = PyType_GenericAlloc(<PyTypeObject*>self.cls, 0)
        if self.untrack:
            PyObject_GC_UnTrack(<PyObject*>made)
        return made

    cdef inline int put(self, object obj, Py_ssize_t i, object value) except -1:
        """Stores field ``i`` of a new instance (its slot still empty)."""
        cdef PyObject** slot = <PyObject**>((<char*><PyObject*>obj) + self.offsets[i])
        Py_INCREF(value)
        slot[0] = <PyObject*>value
        return 0


cdef class Spec:
    """What the caller (``pipeline/walk.py``) hands the walk, made once: the tag sets, the
    record makers and the text helpers of ``segment.py``."""

    cdef frozenset block_tags
    cdef frozenset list_tags
    cdef frozenset leaf_tags
    cdef _Maker node_maker
    cdef _Maker block_maker
    cdef object normalize
    cdef object kind_and_level
    cdef str brk
    cdef object join_tokens
    cdef object value_tokens
    cdef Py_ssize_t max_token_chars

    def __init__(
        self,
        frozenset block_tags not None,
        frozenset list_tags not None,
        frozenset leaf_tags not None,
        node_cls,
        tuple node_fields not None,
        block_cls,
        tuple block_fields not None,
        normalize,
        kind_and_level,
        str brk not None,
        join_tokens,
        value_tokens,
        Py_ssize_t max_token_chars,
    ):
        self.block_tags = block_tags
        self.list_tags = list_tags
        self.leaf_tags = leaf_tags
        self.node_maker = _Maker(node_cls, node_fields)
        self.block_maker = _Maker(block_cls, block_fields)
        if self.node_maker.size != 8 or self.block_maker.size != 6:
            raise TypeError("Node has 8 fields and RawBlock 6 (the walk fills each)")
        self.normalize = normalize
        self.kind_and_level = kind_and_level
        self.brk = brk
        self.join_tokens = join_tokens
        self.value_tokens = value_tokens
        self.max_token_chars = max_token_chars


cdef struct NodeRec:
    Py_ssize_t parent  # -1 for the root
    Py_ssize_t box  # the node whose blocks make the container of this node's blocks
    Py_ssize_t first  # its blocks: first <= i < end
    Py_ssize_t end
    Py_ssize_t depth
    Py_ssize_t list_depth
    Py_ssize_t pair  # its (tag, tokens) among Walked.pairs


cdef struct BlockRec:
    Py_ssize_t node
    bint lead


cdef int _reserve(void** data, Py_ssize_t* room, Py_ssize_t need, size_t item) except -1:
    cdef Py_ssize_t more = room[0] * 2 if room[0] else 64
    cdef void* grown
    while more < need:
        more *= 2
    grown = realloc(data[0], more * item)
    if grown is NULL:
        raise MemoryError()
    data[0] = grown
    room[0] = more
    return 0


# Classes of characters for measuring a block (features.measure, punctuation, sentence_ends).
cdef enum:
    C_SPACE = 1
    C_PUNCT = 2
    C_END = 4


cdef class FeatureSpec:
    """What features.py hands ``Walked.features``, made once: the lists ``sub_word_hint``
    reads (see :class:`_SubWords`), ``tag_hint``, the Features record and its fields, the
    wrap and CJK column counts, the punctuation and sentence-end marks and the ranges of
    scripts written without spaces."""

    cdef _SubWords matcher
    cdef object tag_hint
    cdef _Maker maker
    cdef Py_ssize_t wrap_columns
    cdef Py_ssize_t cjk_columns
    cdef str punctuation
    cdef str sentence_ends
    cdef unsigned char table[128]
    cdef Py_ssize_t ranges[16]
    cdef Py_ssize_t range_count

    def __init__(
        self,
        tuple sub_words not None,
        tag_hint,
        features_cls,
        tuple feature_fields not None,
        Py_ssize_t wrap_columns,
        Py_ssize_t cjk_columns,
        str punctuation not None,
        str sentence_ends not None,
        tuple nospace not None,
    ):
        cdef Py_ssize_t i
        cdef Py_UCS4 mark
        self.maker = _Maker(features_cls, feature_fields)
        if self.maker.size != 10:
            raise TypeError("Features has 10 fields")
        if len(nospace) > 8:
            raise ValueError("at most 8 ranges of scripts without spaces")
        self.range_count = len(nospace)
        for i in range(self.range_count):
            self.ranges[2 * i] = nospace[i][0]
            self.ranges[2 * i + 1] = nospace[i][1]
        for i in range(128):
            self.table[i] = C_SPACE if Py_UNICODE_ISSPACE(<Py_UCS4>i) else 0
        for mark in punctuation:
            if mark < 128:
                self.table[mark] |= C_PUNCT
        for mark in sentence_ends:
            if mark < 128:
                self.table[mark] |= C_END
        self.matcher = _SubWords(*sub_words)
        self.tag_hint = tag_hint
        self.wrap_columns = wrap_columns
        self.cjk_columns = cjk_columns
        self.punctuation = punctuation
        self.sentence_ends = sentence_ends


cdef class Walked:
    """What the walk recorded of the page beside its blocks and nodes, for ``features``
    (:meth:`features`): per node its parent, container and blocks, and which of the page's
    distinct (tag, tokens) pairs it has."""

    cdef NodeRec* nodes
    cdef Py_ssize_t node_count
    cdef Py_ssize_t node_room
    cdef BlockRec* blocks
    cdef Py_ssize_t block_count
    cdef Py_ssize_t block_room
    cdef list texts  # per block, its text and its linked text
    cdef list linked
    cdef list pairs_list

    def __dealloc__(self):
        free(self.nodes)
        free(self.blocks)

    def features(self, FeatureSpec spec not None):
        """``(own_hints(nodes), compute_features(...))`` of the page, as features.py computes
        them: the same values, made in C, with what ``spec`` holds (features.py's constants,
        the Features record, and its class/id matcher: the sub-words of the page's tokens, runs
        of a-z, matched once each, and ``tag_hint(tag, bits)`` asked once per distinct (tag,
        tokens) pair with its sub-words' bits or-ed)."""
        cdef _Maker maker = spec.maker
        cdef Py_ssize_t n = self.node_count, b = self.block_count, i, j
        cdef long* own = NULL
        cdef long* score = NULL
        cdef Py_ssize_t* tok_prefix = NULL
        cdef Py_ssize_t* col_prefix = NULL
        cdef Py_ssize_t* linked = NULL
        cdef Py_ssize_t* marks = NULL
        cdef Py_ssize_t* ends = NULL
        cdef const unsigned char* table = spec.table
        cdef const Py_ssize_t* ranges = spec.ranges
        cdef Py_ssize_t range_count = spec.range_count
        cdef Py_ssize_t wrap_columns = spec.wrap_columns, cjk_columns = spec.cjk_columns
        cdef str punctuation = spec.punctuation, sentence_ends = spec.sentence_ends
        cdef Py_ssize_t tokens, columns, words, first, end, total
        cdef NodeRec* node
        cdef _SubWords matcher = spec.matcher
        cdef long bits
        tag_hint = spec.tag_hint
        said = {}  # bits per sub-word
        token_bits = {}  # bits per token (a page repeats its class names)
        hinted = {}  # per tag, tag_hint of it with each value of the bits (0-3), once asked
        values = []
        for tag, tokens_ in self.pairs_list:
            bits = 0
            for token in <tuple>tokens_:
                known = token_bits.get(token)
                if known is None:
                    known = token_bits[token] = _token_bits(token, said, matcher)
                bits |= <long>known
            if not 0 <= bits <= 3:  # (the bits are two; any other is asked each time)
                values.append(tag_hint(tag, bits))
                continue
            row = hinted.get(tag)
            if row is None:
                row = hinted[tag] = [None, None, None, None]
            hint = (<list>row)[bits]
            if hint is None:
                hint = (<list>row)[bits] = tag_hint(tag, bits)
            values.append(hint)
        try:
            own = <long*>realloc(NULL, (n + 1) * sizeof(long))
            score = <long*>realloc(NULL, (n + 1) * sizeof(long))
            tok_prefix = <Py_ssize_t*>realloc(NULL, (b + 1) * sizeof(Py_ssize_t))
            col_prefix = <Py_ssize_t*>realloc(NULL, (b + 1) * sizeof(Py_ssize_t))
            linked = <Py_ssize_t*>realloc(NULL, (b + 1) * sizeof(Py_ssize_t))
            marks = <Py_ssize_t*>realloc(NULL, (b + 1) * sizeof(Py_ssize_t))
            ends = <Py_ssize_t*>realloc(NULL, (b + 1) * sizeof(Py_ssize_t))
            if (own is NULL or score is NULL or tok_prefix is NULL or col_prefix is NULL
                    or linked is NULL or marks is NULL or ends is NULL):
                raise MemoryError()
            for i in range(n):
                node = &self.nodes[i]
                own[i] = values[node.pair]
                score[i] = own[i] + (score[node.parent] if node.parent >= 0 else 0)
            hints = tuple([own[i] for i in range(n)])
            tok_prefix[0] = col_prefix[0] = 0
            for i in range(b):
                _measure(self.texts[i], table, punctuation, sentence_ends, ranges,
                         range_count, cjk_columns, &tokens, &columns, &marks[i], &ends[i])
                tok_prefix[i + 1] = tok_prefix[i] + tokens
                col_prefix[i + 1] = col_prefix[i] + columns
                text = self.linked[i]
                if text:
                    _measure(text, table, punctuation, sentence_ends, ranges,
                             range_count, cjk_columns, &words, &j, &j, &j)
                    linked[i] = words if words < tokens else tokens
                else:
                    linked[i] = 0
            total = col_prefix[b] or 1
            out = []
            for i in range(b):
                tokens = tok_prefix[i + 1] - tok_prefix[i]
                columns = col_prefix[i + 1] - col_prefix[i]
                node = &self.nodes[self.nodes[self.blocks[i].node].box]
                first, end = node.first, node.end
                made = maker.new()  # Features(...), in the order of its fields
                maker.put(made, 0, tokens)
                maker.put(made, 1, linked[i])
                maker.put(made, 2, _density(tokens, columns, wrap_columns, 3))
                maker.put(
                    made, 3, _round(<double>linked[i] / <double>tokens, 3) if tokens else 0.0
                )
                maker.put(made, 4, marks[i])
                maker.put(made, 5, ends[i])
                maker.put(made, 6, _round(<double>col_prefix[i] / <double>total, 4))
                maker.put(made, 7, _density(tok_prefix[end] - tok_prefix[first],
                                            col_prefix[end] - col_prefix[first],
                                            wrap_columns, 3))
                maker.put(made, 8, score[self.blocks[i].node])
                maker.put(made, 9, <bint>self.blocks[i].lead)
                out.append(made)
            return hints, tuple(out)
        finally:
            free(own)
            free(score)
            free(tok_prefix)
            free(col_prefix)
            free(linked)
            free(marks)
            free(ends)


cdef enum:
    MAX_HINT_WORDS = 64  # per list of _SubWords


cdef struct _Words:
    const char* text[MAX_HINT_WORDS]
    Py_ssize_t size[MAX_HINT_WORDS]
    Py_ssize_t count
    # per letter a-z, the words that start with it (a word that starts with another character
    # is never found in a run of a-z)
    unsigned char by_letter[26][MAX_HINT_WORDS]
    Py_ssize_t letter_count[26]


cdef class _SubWords:
    """``features.sub_word_hint`` over the lists it reads (config's, handed in by
    features.py): the twin of its rule, for sub-words of a-z."""

    cdef frozenset exceptions
    cdef frozenset negative_words
    cdef frozenset positive_words
    cdef long negative_bit
    cdef long positive_bit
    cdef list held  # the bytes the lists below point into
    cdef _Words negative_prefixes
    cdef _Words negative_infixes
    cdef _Words positive_infixes

    def __init__(
        self,
        frozenset exceptions not None,
        frozenset negative_words not None,
        tuple negative_prefixes not None,
        tuple negative_infixes not None,
        frozenset positive_words not None,
        tuple positive_infixes not None,
        long negative_bit,
        long positive_bit,
    ):
        self.exceptions = exceptions
        self.negative_words = negative_words
        self.positive_words = positive_words
        self.negative_bit = negative_bit
        self.positive_bit = positive_bit
        self.held = []
        self._hold(negative_prefixes, &self.negative_prefixes)
        self._hold(negative_infixes, &self.negative_infixes)
        self._hold(positive_infixes, &self.positive_infixes)

    cdef int _hold(self, tuple words, _Words* into) except -1:
        if len(words) > MAX_HINT_WORDS:
            raise ValueError(f"more than {MAX_HINT_WORDS} hint words in a list")
        cdef unsigned char first
        into.count = 0
        for first in range(26):
            into.letter_count[first] = 0
        for word in words:
            data = word.encode("ascii")
            if not data:
                raise ValueError("an empty hint word")
            self.held.append(data)
            into.text[into.count] = <const char*>data
            into.size[into.count] = len(data)
            first = (<bytes>data)[0]
            if 97 <= first <= 122:
                first -= 97
                into.by_letter[first][into.letter_count[first]] = <unsigned char>into.count
                into.letter_count[first] += 1
            into.count += 1
        return 0

    cdef long bits(self, str word) except -1:
        """``sub_word_hint(word)`` for a run of a-z."""
        cdef Py_ssize_t n
        cdef const char* text
        cdef long bits = 0
        if word in self.exceptions:
            return 0
        text = PyUnicode_AsUTF8AndSize(word, &n)
        if (word in self.negative_words or _starts(text, n, &self.negative_prefixes)
                or _holds(text, n, &self.negative_infixes)):
            bits = self.negative_bit
        if word in self.positive_words or _holds(text, n, &self.positive_infixes):
            bits |= self.positive_bit
        return bits


cdef bint _starts(const char* text, Py_ssize_t n, _Words* words) noexcept:
    """Whether ``text`` (a run of a-z) starts with one of ``words``."""
    cdef Py_ssize_t j, k
    cdef unsigned char first
    if n < 1:
        return False
    first = <unsigned char>text[0]
    if not 97 <= first <= 122:
        return False
    first -= 97
    for j in range(words.letter_count[first]):
        k = words.by_letter[first][j]
        if words.size[k] <= n and memcmp(text, words.text[k], words.size[k]) == 0:
            return True
    return False


cdef bint _holds(const char* text, Py_ssize_t n, _Words* words) noexcept:
    """Whether one of ``words`` lies anywhere in ``text`` (a run of a-z): at each position,
    the words that start with its letter."""
    cdef Py_ssize_t i, j, k
    cdef unsigned char letter
    for i in range(n):
        letter = <unsigned char>text[i]
        if not 97 <= letter <= 122:
            continue
        letter -= 97
        for j in range(words.letter_count[letter]):
            k = words.by_letter[letter][j]
            if words.size[k] <= n - i and memcmp(text + i, words.text[k], words.size[k]) == 0:
                return True
    return False


cdef long _token_bits(str token, dict said, _SubWords matcher) except -1:
    """The bits of the sub-words (runs of a-z) of a token, or-ed: each sub-word matched once
    (``said``)."""
    cdef Py_ssize_t i = 0, start, n = len(token)
    cdef Py_UCS4 ch
    cdef long bits = 0
    while i < n:
        ch = token[i]
        i += 1
        if ch < 97 or ch > 122:  # not a-z
            continue
        start = i - 1
        while i < n:
            ch = token[i]
            if ch < 97 or ch > 122:
                break
            i += 1
        word = token[start:i]
        value = said.get(word)
        if value is None:
            value = said[word] = matcher.bits(word)
        bits |= <long>value
    return bits


_python_round = builtins.round
cdef double[5] _POWERS = [1.0, 10.0, 100.0, 1000.0, 10000.0]


cdef object _round(double value, int digits):
    """Python's ``round(value, digits)`` (to the double nearest the decimal that the exact
    value rounds to, half to even), for 0 <= digits <= 4: ``value * 10**digits`` is off the
    exact product by half an ulp at most, so where it is not within a millionth of a half the
    integer it rounds to is the exact one, and dividing that by the exact power of ten gives
    the nearest double; Python's own round (a decimal conversion) where it is that close."""
    cdef double power, scaled, whole, fraction
    if 0 <= digits <= 4 and 0.0 <= value < 1e9:
        power = _POWERS[digits]
        scaled = value * power
        whole = floor(scaled)
        fraction = scaled - whole
        if fabs(fraction - 0.5) > 1e-6:
            return (whole + (1.0 if fraction > 0.5 else 0.0)) / power
    return _python_round(value, digits)


def rounded(double value, int digits):
    """``_round``, for the tests that compare it with Python's ``round``."""
    return _round(value, digits)


cdef object _density(Py_ssize_t tokens, Py_ssize_t columns, Py_ssize_t wrap, int digits):
    """``round(features.density(tokens, columns), digits)``: a whole number of tokens (a line
    or less) is its own rounding."""
    if columns <= wrap:
        return <double>tokens
    return _round(<double>(tokens * wrap) / <double>columns, digits)


cdef struct Tally:
    Py_ssize_t nospace  # characters of scripts written without spaces
    Py_ssize_t runs  # runs of other characters between white space and those
    Py_ssize_t marks
    Py_ssize_t ends
    bint run  # inside a run


cdef inline int _tally(
    Py_UCS4 ch,
    Tally* t,
    const unsigned char* table,
    str punctuation,
    str sentence_ends,
    const Py_ssize_t* ranges,
    Py_ssize_t range_count,
) except -1:
    cdef unsigned int klass, word
    cdef Py_ssize_t r
    if ch < 128:  # without a branch
        klass = table[ch]
        t.marks += (klass & C_PUNCT) != 0
        t.ends += (klass & C_END) != 0
        word = (klass & C_SPACE) == 0
        t.runs += word & (<unsigned int>t.run ^ 1)  # a run starts where white space ends
        t.run = word
        return 0
    else:
        if ch in punctuation:
            t.marks += 1
        if ch in sentence_ends:
            t.ends += 1
        if Py_UNICODE_ISSPACE(ch):
            t.run = False
            return 0
        for r in range(range_count):
            if ranges[2 * r] <= ch <= ranges[2 * r + 1]:
                t.nospace += 1
                t.run = False
                return 0
    if not t.run:
        t.runs += 1
        t.run = True
    return 0


cdef int _measure(
    str text,
    const unsigned char* table,
    str punctuation,
    str sentence_ends,
    const Py_ssize_t* ranges,
    Py_ssize_t range_count,
    Py_ssize_t cjk_columns,
    Py_ssize_t* tokens,
    Py_ssize_t* columns,
    Py_ssize_t* marks,
    Py_ssize_t* ends,
) except -1:
    """``features.measure`` (tokens, columns), ``punctuation`` and ``sentence_ends`` of the
    text: the tokens are the characters of scripts written without spaces (``ranges``) and
    the runs of other characters between white space and those."""
    cdef Tally t
    cdef Py_UCS4 ch
    cdef const unsigned char* latin
    cdef const unsigned short* wide
    cdef unsigned int kind
    cdef Py_ssize_t i, n = len(text)
    t.nospace = t.runs = t.marks = t.ends = 0
    t.run = False
    cdef unsigned int klass, word, before = 0
    if PyUnicode_IS_ASCII(text):  # the common case, without a branch per character
        latin = <const unsigned char*>PyUnicode_DATA(text)
        for i in range(n):
            klass = table[latin[i]]
            word = (klass & C_SPACE) == 0
            t.runs += word & (before ^ 1)  # a run starts where white space (or the start) ends
            before = word
            t.marks += (klass & C_PUNCT) != 0
            t.ends += (klass & C_END) != 0
        tokens[0] = t.runs
        columns[0] = n
        marks[0] = t.marks
        ends[0] = t.ends
        return 0
    kind = PyUnicode_KIND(text)
    if kind == PyUnicode_1BYTE_KIND:  # read unit by unit, by the width of the text's units
        latin = <const unsigned char*>PyUnicode_DATA(text)
        for i in range(n):
            _tally(latin[i], &t, table, punctuation, sentence_ends, ranges, range_count)
    elif kind == PyUnicode_2BYTE_KIND:
        wide = <const unsigned short*>PyUnicode_DATA(text)
        for i in range(n):
            _tally(wide[i], &t, table, punctuation, sentence_ends, ranges, range_count)
    else:
        for ch in text:
            _tally(ch, &t, table, punctuation, sentence_ends, ranges, range_count)
    tokens[0] = t.nospace + t.runs
    columns[0] = n + t.nospace * (cjk_columns - 1)
    marks[0] = t.marks
    ends[0] = t.ends
    return 0


cdef class _Walk:
    """The state of one walk: the Python loop's locals, the same names, and what it records
    for features (``walked``)."""

    cdef Spec spec
    cdef frozenset skipped
    cdef Walked walked
    cdef list blocks
    cdef Buffer parts  # the running text (out.parts joined), UTF-8
    cdef Buffer linked  # its part inside links (out.linked joined), UTF-8
    cdef Buffer text  # a block's text as it is kept, while it is made
    cdef list nodes
    cdef list stack  # the open nodes
    cdef Py_ssize_t* open  # their indexes
    cdef Py_ssize_t open_room
    cdef list elements
    cdef list tags
    cdef dict made  # tokens per (class, id, role, itemprop)
    cdef dict values  # tokens per value of one of those
    cdef _TokenTable table  # tokens per (class, id, role, itemprop), by their bytes
    cdef dict pair_ids  # index in walked.pairs_list per (tag, tokens)
    cdef dict kinds  # kind_and_level per (tag, list depth)
    cdef xmlNode* piece  # the first node of the text run read at the last event, or NULL
    cdef int lead  # -1: no text yet (None), 0: False, 1: True
    cdef Py_ssize_t pre_depth
    cdef Py_ssize_t link_depth
    cdef Py_ssize_t limit
    cdef Py_ssize_t inline_room
    cdef bint truncated
    cdef bint keep_elements
    cdef bint dtd_defaults  # see _dtd_defaults
    cdef cetree._Document doc
    cdef TagSlot slots[SLOTS]
    cdef KindSlot kind_slots[KIND_SLOTS]

    def __dealloc__(self):
        free(self.parts.data)
        free(self.linked.data)
        free(self.text.data)
        free(self.open)

    cdef int code(self, xmlNode* c_node, PyObject** tag, TagSlot** found) except -1:
        """The class of an element (see the enum), its tag as ``el.tag`` gives it, and its
        slot in the cache (NULL when it has none)."""
        cdef const_xmlChar* name = c_node.name
        cdef size_t h
        cdef int i, code
        cdef TagSlot* slot = NULL
        found[0] = NULL
        if c_node.ns is not NULL and c_node.ns.href is not NULL:
            tag[0] = NULL
            return OTHER  # "{uri}name": in no tag set
        h = (<size_t>name >> 4)
        for i in range(PROBES):
            slot = &self.slots[(h + i) % SLOTS]
            if slot.name == name:
                tag[0] = slot.tag
                found[0] = slot
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
            if text in spec.leaf_tags:
                code |= LEAF
        elif text == "a":
            code = LINK
        elif text == "br":
            code = BREAK_TAG
        elif text in self.skipped:
            code = SKIP
        else:
            code = OTHER
        self.tags.append(text)  # holds the reference the slot borrows
        tag[0] = <PyObject*>text
        if slot is not NULL:
            slot.name = name
            slot.code = code
            slot.tag = <PyObject*>text
            slot.bare_pair = -1
            found[0] = slot
        return code

    cdef Py_ssize_t pair(self, tag, tuple tokens):
        """The index of (tag, tokens) among the page's distinct pairs, added when new."""
        key = (tag, tokens)
        index = self.pair_ids.get(key)
        if index is None:
            _settled(key)
            index = self.pair_ids[key] = len(self.walked.pairs_list)
            self.walked.pairs_list.append(key)
        return index

    cdef int add_node(self, tag, tuple tokens, int code, Py_ssize_t pair) except -1:
        """A node opens (the start element's, or a block element's under the innermost open
        one), recorded for the stages after the walk and for features."""
        cdef Walked w = self.walked
        cdef Py_ssize_t index = w.node_count, depth = len(self.stack)
        cdef NodeRec* rec
        cdef NodeRec* up = NULL
        if index >= w.node_room:
            _reserve(<void**>&w.nodes, &w.node_room, index + 1, sizeof(NodeRec))
        if depth >= self.open_room:
            _reserve(<void**>&self.open, &self.open_room, depth + 1, sizeof(Py_ssize_t))
        rec = &w.nodes[index]
        if depth:
            up = &w.nodes[self.open[depth - 1]]
        rec.parent = self.open[depth - 1] if depth else -1
        rec.box = rec.parent if (code & LEAF) and rec.parent >= 0 else index
        rec.first = len(self.blocks)
        rec.end = -1
        rec.depth = up.depth + 1 if depth else 0
        rec.list_depth = (up.list_depth if depth else 0) + (1 if code & LIST else 0)
        rec.pair = pair
        cdef _Maker maker = self.spec.node_maker
        node = maker.new()  # Node(...), in the order of its fields
        maker.put(node, 0, index)
        maker.put(node, 1, tag)
        maker.put(node, 2, rec.parent)
        maker.put(node, 3, rec.depth)
        maker.put(node, 4, tokens)
        maker.put(node, 5, rec.list_depth)
        maker.put(node, 6, rec.first)
        maker.put(node, 7, -1)
        self.nodes.append(node)
        self.stack.append(node)
        self.open[depth] = index
        w.node_count = index + 1
        return 0

    cdef int close_node(self) except -1:
        """The innermost open node closes: its blocks end here."""
        cdef Py_ssize_t end = len(self.blocks)
        self.stack.pop().end_block = end
        self.walked.nodes[self.open[len(self.stack)]].end = end
        return 0

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
        <pre> the text is made in C (see ``_collapse``)."""
        cdef Walked w = self.walked
        cdef Py_ssize_t index, depth
        cdef KindSlot* remembered
        spec = self.spec
        node = self.stack[-1]
        has_linked = self.linked.size > 0
        if self.pre_depth > 0:
            text = spec.normalize(_take(&self.parts), pre=True)
            linked = _take(&self.linked)
            if not text or text.isspace():
                return 0
            linked_text = " ".join(linked.replace(spec.brk, " ").split()) if has_linked else ""
        else:
            words = _collapse(self.parts.data, self.parts.size, True, &self.text)
            self.parts.size = 0
            if words == 0:
                self.linked.size = 0
                return 0
            text = _take(&self.text)
            if has_linked:
                _collapse(self.linked.data, self.linked.size, False, &self.text)
                self.linked.size = 0
                linked_text = _take(&self.text)
            else:
                linked_text = ""
        index = self.open[len(self.stack) - 1]
        # kind_and_level reads the node's tag and list depth only: asked once per pair of them
        # (kinds), the last pairs met remembered by the tag's identity (kind_slots)
        tag = node.tag
        depth = w.nodes[index].list_depth
        remembered = &self.kind_slots[
            ((<size_t><PyObject*>tag >> 4) ^ <size_t>depth) % KIND_SLOTS
        ]
        if remembered.tag is <PyObject*>tag and remembered.list_depth == depth:
            made = <object>remembered.made
        else:
            key = (tag, depth)
            made = self.kinds.get(key)
            if made is None:
                _settled(key)
                made = self.kinds[key] = _settled(spec.kind_and_level(node))
            remembered.tag = <PyObject*>tag
            remembered.list_depth = depth
            remembered.made = <PyObject*>made
        kind, level = <tuple>made
        cdef _Maker maker = spec.block_maker
        block = maker.new()  # RawBlock(...), in the order of its fields
        maker.put(block, 0, text)
        maker.put(block, 1, linked_text)
        maker.put(block, 2, kind)
        maker.put(block, 3, index)
        maker.put(block, 4, level)
        maker.put(block, 5, self.lead == 1)
        self.blocks.append(block)
        if w.block_count >= w.block_room:
            _reserve(<void**>&w.blocks, &w.block_room, w.block_count + 1, sizeof(BlockRec))
        w.blocks[w.block_count].node = index
        w.blocks[w.block_count].lead = self.lead == 1
        w.block_count += 1
        w.texts.append(text)
        w.linked.append(linked_text)
        return 0

    cdef bint start(self, xmlNode* c_node) except -1:
        """A start event; whether to walk into the element (False also when the walk stops:
        see ``truncated``)."""
        cdef PyObject* tag
        cdef TagSlot* slot
        cdef int code
        cdef Py_ssize_t pair, entry
        cdef TokenEntry* e
        if c_node.type != tree.XML_ELEMENT_NODE:  # an entity reference
            self.piece = NULL
            return False
        code = self.code(c_node, &tag, &slot)
        if (code & KIND_MASK) == BLOCK:
            if self.parts.size:
                self.flush()
            if len(self.nodes) >= self.limit:
                self.truncated = True
                return False
            tokens = _tokens(
                c_node, self.spec, self.made, self.values, self.dtd_defaults, self.table, &entry
            )
            if not tokens and slot is not NULL:
                if slot.bare_pair < 0:
                    slot.bare_pair = self.pair(<object>tag, tokens)
                pair = slot.bare_pair
            elif entry >= 0:  # the pair of these tokens with this name, asked once
                e = &self.table.entries[entry]
                if e.name is not c_node.name:
                    e.pair = self.pair(<object>tag, tokens)
                    e.name = c_node.name
                pair = e.pair
            else:
                pair = self.pair(<object>tag, tokens)
            self.add_node(<object>tag, tokens, code, pair)
            if self.keep_elements:
                self.elements.append(cetree.elementFactory(self.doc, c_node))
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
            if _has_attr(c_node, "href", self.dtd_defaults):
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
        cdef TagSlot* slot
        cdef int code
        if c_node.type != tree.XML_ELEMENT_NODE:
            self.piece = _text_run(c_node.next)
            return 0
        code = self.code(c_node, &tag, &slot)
        if (code & KIND_MASK) == BLOCK:
            if self.parts.size:
                self.flush()
            self.close_node()
            if code & PRE:
                self.pre_depth -= 1
        elif code == LINK and _has_attr(c_node, "href", self.dtd_defaults):
            self.link_depth -= 1
            _put(&self.linked, " ", 1)  # two links side by side are two words
        self.piece = _text_run(c_node.next)
        return 0


def segment_walk(
    cetree._Element start not None,
    bint keep_elements,
    Py_ssize_t limit,
    Py_ssize_t inline_room,
    frozenset skipped not None,
    Spec spec not None,
):
    """The walk of ``segment.segment`` from ``start`` (already chosen: the body or the root;
    ``skipped``: the elements whose subtree is never read).

    Returns ``(blocks, nodes, elements, unfinished, walked)``: lists of the blocks and nodes,
    the elements of the nodes after the first (empty unless ``keep_elements``), the indexes of
    the nodes left open when the walk stopped at a limit (empty when it read all), and the
    :class:`Walked` record that ``features`` finishes the page's features from."""
    if not COMPATIBLE:
        raise RuntimeError(f"built for lxml {BUILT_FOR}, running {RUNNING}")
    cdef _Walk w = _Walk()
    cdef xmlNode* top = start._c_node
    cdef xmlNode* cur
    cdef xmlNode* child
    cdef xmlNode* sib
    w.spec = spec
    w.skipped = skipped
    w.walked = Walked()
    w.walked.texts = []
    w.walked.linked = []
    w.walked.pairs_list = []
    w.blocks = []
    w.nodes = []
    w.stack = []
    w.elements = []
    w.tags = []
    w.made = {}
    w.values = {}
    w.table = _TokenTable()
    w.pair_ids = {}
    w.kinds = {}
    w.lead = -1
    w.pre_depth = 0
    w.link_depth = 0
    w.limit = limit
    w.inline_room = inline_room
    w.truncated = False
    w.keep_elements = keep_elements
    w.doc = start._doc
    w.dtd_defaults = _dtd_defaults(top.doc)
    for i in range(SLOTS):
        w.slots[i].name = NULL
    for i in range(KIND_SLOTS):
        w.kind_slots[i].tag = NULL
    cdef Py_ssize_t entry
    tokens = _tokens(top, spec, w.made, w.values, w.dtd_defaults, w.table, &entry)
    w.add_node("body", tokens, 0, w.pair("body", tokens))
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
    if w.stack:
        if w.parts.size:
            w.flush()
        unfinished = [node.index for node in w.stack] if w.truncated else []
        while w.stack:
            w.close_node()
    else:
        unfinished = []
    return w.blocks, w.nodes, w.elements, unfinished, w.walked


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


cdef enum:
    # What an element's name (in no namespace) says to the cleaning walk.
    N_INVISIBLE = 1
    N_TITLE = 2
    N_BODY = 4
    N_SCRIPT = 8
    N_KNOWN = 16  # the slot holds the verdict of its name
    NAME_SLOTS = 64  # names whose verdict a cleaning walk remembers (by libxml2's interned name)


cdef struct NameSlot:
    const_xmlChar* name
    int verdict


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
    cdef NameSlot slots[NAME_SLOTS]

    cdef int verdict(self, xmlNode* c_node):
        """The N_ bits of an element's name (0 in a namespace): each name's found once, then
        remembered by its pointer (libxml2 interns a parsed page's names; a name that is not
        interned is only found again)."""
        cdef const_xmlChar* name = c_node.name
        cdef size_t h
        cdef int i, verdict
        cdef NameSlot* slot = NULL
        if c_node.ns is not NULL:
            return 0
        h = <size_t>name >> 4
        for i in range(PROBES):
            slot = &self.slots[(h + i) % NAME_SLOTS]
            if slot.name == name:
                return slot.verdict & ~N_KNOWN
            if slot.name is NULL:
                break
            slot = NULL
        verdict = N_KNOWN
        if self.is_invisible(c_node):
            verdict |= N_INVISIBLE
        if _same(name, b"title"):
            verdict |= N_TITLE
        if _same(name, b"body"):
            verdict |= N_BODY
        if _same(name, b"script"):
            verdict |= N_SCRIPT
        if slot is not NULL:
            slot.name = name
            slot.verdict = verdict
        return verdict & ~N_KNOWN

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
        cdef int t, named
        if root.parent is not NULL and root.parent.type == tree.XML_ELEMENT_NODE:
            if self.is_invisible(root) or _plain(root, b"title"):
                return False  # Python drops the element it cleans from its parent
        while c is not NULL:
            t = c.type
            if t == tree.XML_ELEMENT_NODE:
                named = self.verdict(c)
                if c is not root and dropped is NULL:
                    if (
                        named & N_INVISIBLE
                        or (body is not NULL and named & N_TITLE)
                        or self.is_hidden(c)
                    ):
                        _drop(&self.drops, c)
                        dropped = c
                if body is NULL and named & N_BODY:
                    body = c
                if len(self.json_ld) < self.max_json_ld and named & N_SCRIPT:
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
    for i in range(NAME_SLOTS):
        w.slots[i].name = NULL
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


# --- UTF-8 validity: what ``encoding.decode_html`` asks of a page before anything else ----------
#
# ``data.decode("utf-8")`` raises or not, without the text made: a page that is valid UTF-8 goes
# to the parser as its bytes, so its text would be made only to be dropped. Python's strict
# decoder refuses what the Unicode standard calls ill-formed (table 3-7): a byte that starts no
# sequence (80-C1, F5-FF), a sequence cut short or with a byte that does not continue it,
# overlong forms (E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points past U+10FFFF
# (F4 90-BF). Runs of ASCII are passed eight bytes at a time.

from libc.stdint cimport uint64_t

cdef enum:
    WORD = 8

cdef uint64_t HIGH_BITS = 0x8080808080808080ULL


cdef bint _utf8_valid(const unsigned char* s, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t i = 0
    cdef unsigned char c, second
    cdef uint64_t word
    while i < n:
        c = s[i]
        if c < 0x80:
            i += 1
            while i + WORD <= n:
                memcpy(&word, s + i, WORD)
                if word & HIGH_BITS:
                    break
                i += WORD
            continue
        if c < 0xC2:
            return False
        if c < 0xE0:
            if i + 1 >= n or (s[i + 1] & 0xC0) != 0x80:
                return False
            i += 2
            continue
        if c < 0xF0:
            if i + 2 >= n:
                return False
            second = s[i + 1]
            if (second & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80:
                return False
            if (c == 0xE0 and second < 0xA0) or (c == 0xED and second >= 0xA0):
                return False
            i += 3
            continue
        if c < 0xF5:
            if i + 3 >= n:
                return False
            second = s[i + 1]
            if ((second & 0xC0) != 0x80 or (s[i + 2] & 0xC0) != 0x80
                    or (s[i + 3] & 0xC0) != 0x80):
                return False
            if (c == 0xF0 and second < 0x90) or (c == 0xF4 and second >= 0x90):
                return False
            i += 4
            continue
        return False
    return True


def utf8_valid(bytes data not None):
    """Whether ``data.decode("utf-8")`` would succeed, without making the text."""
    cdef const unsigned char* s = <const unsigned char*>data
    cdef Py_ssize_t n = len(data)
    cdef bint valid
    with nogil:
        valid = _utf8_valid(s, n)
    return valid


# --- Tagged elements: the twin of ``root.iter(*tags)`` for the head's reader -------------------
#
# ``metadata.head`` reads a few kinds of element (meta, link, title, h1, time) wherever they
# are; of most of them (a page has dozens of metas) only some attributes. This walk finds them
# in C, in document order, the start element included, as ``iter`` does (names without a
# namespace; elements only, entity references not entered), and hands back each one's
# attributes read as ``el.get`` reads them, or the element itself where the reader needs more.

cdef enum:
    MAX_TAGGED = 8  # kinds of element one walk looks for
    MAX_TAGGED_ATTRIBUTES = 8  # attributes read of one kind


cdef tuple _read_attributes(
    xmlNode* c_node, const char** names, Py_ssize_t count, bint dtd_defaults
):
    """``tuple(el.get(name) for name in names)``: without a DTD to give an attribute a default
    value, one pass over the attributes, the first without a namespace of each name (as
    ``el.get`` finds it); else lxml is asked for each."""
    cdef list values = [None] * count
    cdef tree.xmlAttr* c_attr = c_node.properties
    cdef Py_ssize_t j, left = count
    if dtd_defaults:
        return tuple([_attr(c_node, names[j]) for j in range(count)])
    while c_attr is not NULL and left:
        if c_attr.ns is NULL:
            for j in range(count):
                if values[j] is None and strcmp(<const char*>c_attr.name, names[j]) == 0:
                    values[j] = _value(c_node, c_attr, names[j])
                    left -= 1
                    break
        c_attr = c_attr.next
    return tuple(values)


def tagged_elements(cetree._Element root not None, tuple wanted not None):
    """``[(tag, el if names is None else tuple(el.get(n) for n in names)) for el in
    root.iter(*tags)]`` where ``wanted`` holds ``(tag, names)`` pairs (tags told apart)."""
    if not COMPATIBLE:
        raise RuntimeError(f"built for lxml {BUILT_FOR}, running {RUNNING}")
    cdef Py_ssize_t count = len(wanted), k, j
    cdef list held = []  # the bytes the arrays below point into
    cdef const char* names[MAX_TAGGED]
    cdef Py_ssize_t attribute_count[MAX_TAGGED]
    cdef const char* attributes[MAX_TAGGED][MAX_TAGGED_ATTRIBUTES]
    cdef list keys = []
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    cdef const_xmlChar* href
    cdef bint dtd_defaults = _dtd_defaults(top.doc)
    if count > MAX_TAGGED:
        raise ValueError(f"at most {MAX_TAGGED} kinds of element")
    for k in range(count):
        tag, wanted_names = wanted[k]
        data = (<str?>tag).encode("utf-8")
        if not data:
            raise ValueError("an empty tag")
        if tag in keys:
            raise ValueError(f"the tag {tag!r} is wanted twice")
        held.append(data)
        names[k] = <const char*>(<bytes>data)
        keys.append(tag)
        if wanted_names is None:
            attribute_count[k] = -1
            continue
        if len(<tuple?>wanted_names) > MAX_TAGGED_ATTRIBUTES:
            raise ValueError(f"at most {MAX_TAGGED_ATTRIBUTES} attributes of an element")
        attribute_count[k] = len(wanted_names)
        for j in range(attribute_count[k]):
            data = (<str?>wanted_names[j]).encode("utf-8")
            held.append(data)
            attributes[k][j] = <const char*>(<bytes>data)
    out = []
    while c is not NULL:
        if c.type == tree.XML_ELEMENT_NODE:
            href = c.ns.href if c.ns is not NULL else NULL
            if href is NULL or href[0] == 0:
                for k in range(count):
                    if c.name[0] == <unsigned char>names[k][0] and _same(c.name, names[k]):
                        if attribute_count[k] < 0:
                            out.append((keys[k], cetree.elementFactory(root._doc, c)))
                        else:
                            out.append((keys[k], _read_attributes(
                                c, attributes[k], attribute_count[k], dtd_defaults
                            )))
                        break
            if c.children is not NULL:
                c = c.children
                continue
        while True:  # leave c (and each ancestor it ends)
            if c is top:
                c = NULL
                break
            if c.next is not NULL:
                c = c.next
                break
            c = c.parent
    return out


# --- Attribute values: the twin of ``descendant-or-self::*/@name`` for the thread check -------
#
# ``thread.declares_thread`` reads every element's ``itemtype``. XPath builds a node set of every
# element on the way; this walk reads the attributes of each element in document order, the
# start element included, and hands back the values, as XPath's plain strings.


def attribute_values(cetree._Element root not None, str name not None):
    """``root.xpath("descendant-or-self::*/@" + name, smart_strings=False)``: the value of
    each attribute ``name`` (in no namespace) of ``root`` and of every element below it, in
    document order. None for a tree that holds a node this walk does not read as XPath does
    (an entity reference, an XInclude mark...) or a value of several nodes: the caller asks
    XPath then."""
    if not COMPATIBLE:
        raise RuntimeError(f"built for lxml {BUILT_FOR}, running {RUNNING}")
    cdef bytes wanted = name.encode("utf-8")
    cdef const char* c_name = wanted
    cdef xmlNode* top = root._c_node
    cdef xmlNode* c = top
    cdef xmlAttr* attr
    cdef const_xmlChar* value
    cdef int t
    out = []
    while c is not NULL:
        t = c.type
        if t == tree.XML_ELEMENT_NODE:
            attr = c.properties
            while attr is not NULL:
                if attr.ns is NULL and _same(attr.name, c_name):
                    if attr.children is NULL:
                        out.append("")
                        attr = attr.next
                        continue
                    value = _lone_text(attr)
                    if value is NULL:  # several nodes, an entity reference: XPath reads it
                        return None
                    out.append(PyUnicode_DecodeUTF8(<const char*>value, _strlen(value), NULL))
                attr = attr.next
            if c.children is not NULL:
                c = c.children
                continue
        elif t != tree.XML_TEXT_NODE and t != tree.XML_COMMENT_NODE and t != tree.XML_PI_NODE:
            return None
        while True:  # leave c (and each ancestor it ends)
            if c is top:
                c = NULL
                break
            if c.next is not NULL:
                c = c.next
                break
            c = c.parent
    return out
