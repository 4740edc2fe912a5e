"""The ICU analysis chain of ``index_mappings/articles.json``, in Python (PyICU), for the embedded engine.

``indic_text`` (the main field), ``latin_text`` (transliterated to Latin, folded) and ``skeleton_text``
(consonants of the Latin transliteration; indexed by ``skeleton_latin_words`` and
``skeleton_nonlatin_words``, one field per script of the word) produce the same terms here as the
Elasticsearch/OpenSearch analyzers of the same names; tokens carry offsets in the original text for
highlighting.
"""

from search_app.analysis.chain import (
    ANALYZERS,
    Token,
    Word,
    analyze,
    analyze_fields,
    analyze_word,
    index_terms,
    segment,
    terms,
)

__all__ = [
    "ANALYZERS",
    "Token",
    "Word",
    "analyze",
    "analyze_fields",
    "analyze_word",
    "index_terms",
    "segment",
    "terms",
]
