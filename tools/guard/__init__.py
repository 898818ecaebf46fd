"""The output guard: what the reader gets, held to what is allowed, after every renderer has run.

It owns the allowlist of elements, attributes, classes, addresses and files (allow.py) and of the
characters a reader's text may hold (printed.py), the check of
one built page as the one HTML parser reads it (page.py) and of a whole built folder (site.py), the
theme's pinned inline scripts (scripts.py), and the refusal of a config that would run or load more
than the edition's own before the engine loads it (configs.py). It imports only the model.
"""
