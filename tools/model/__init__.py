"""The model: what the edition is made of, read strictly and validated.

It owns reading the inputs (the YAML source list, the chapter pages' Markdown, plain text
files), the typed records they become, the id patterns, and the one canonical textual form of
each fact (dates, citations, the quotation footnote). The checker and the site both build on
this package; it imports neither of them, nor MkDocs.
"""
