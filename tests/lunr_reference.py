"""The whole-index reference: lunr.py building from the same documents with the same pipeline.

The browser's function names are registered in lunr.py with our Python twins, so the
serialized reference index loads in lunr.js too.
"""

from __future__ import annotations

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline

from kamervragen.analysis import terms as analysis
from kamervragen.analysis.records import FIELDS, SearchDoc


def _wrap(fn):
    def pipeline_fn(token, i=None, tokens=None):
        return token.update(lambda s, m=None: fn(s))
    return pipeline_fn


def _stop(token, i=None, tokens=None):
    return None if str(token) in analysis.STOP_WORDS else token


FUNCTIONS = {
    "trimmer-nl": _wrap(analysis.trim),
    "stopWordFilter-nl": _stop,
    "fold-nl": _wrap(analysis.fold),
    "stemmer-nl": _wrap(analysis.stem),
}
for _name, _fn in FUNCTIONS.items():
    Pipeline.register_function(_fn, _name)


def reference_index(docs: list[SearchDoc]) -> Index:
    """lunr.py's own index of `docs` (text pre-split on JavaScript's separators)."""
    builder = Builder()
    builder.pipeline.add(*(FUNCTIONS[n] for n in analysis.INDEX_PIPELINE))
    builder.search_pipeline.add(*(FUNCTIONS[n] for n in analysis.SEARCH_PIPELINE))
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add({"ref": doc.ref, **{n: " ".join(analysis.tokenize(t)) for n, t in doc.fields.items()}})
    return builder.build()
