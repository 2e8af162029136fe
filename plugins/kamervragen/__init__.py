"""Kamervragen archive: notes on answered parliamentary questions become a cross-linked site.

The domain modules (notes, themes, model, pages, links) know nothing of MkDocs; `plugin`
and `config` adapt them to MkDocs.
"""
