"""Text predicates and word forms that several stages share, below all of them: the phrase and
key forms of a text (:mod:`.phrases`), bylines and datelines (:mod:`.bylines`), and how the
walks over the tree read running text (:mod:`.runs`)."""
