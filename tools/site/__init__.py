"""The site: what MkDocs renders, made from the model.

It owns the pages generated from the source list (people, sources, quotations, trials, the
teachers' page and the CSV/JSON downloads), the Markdown inserted into pages (editor's notes,
the status legend, entry cards), and the tree processors that link names and number
paragraphs. Pure functions of the model; it imports neither the checker nor MkDocs (only
Python-Markdown, for the tree processors). The MkDocs hook that calls it is tools/hook.py.
"""
