"""The edition's id patterns, in one place.

- Source-list ids (works, people, trials, notes, meetings, quotations) are lower-case ASCII
  words joined by hyphens: `orlov-1953`, `q-bukharin-hope-of-mankind`.
- Quotation ids start with `q-`, paragraph ids with `p-`.
- On a chapter page every id in an attribute list is such an id; a paragraph's id goes on the
  line under it: `{: #p-some-words }`.
"""

from __future__ import annotations

import re

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_PATTERN = re.compile(rf"^{ID}$")
QUOTATION_PREFIX = "q-"
PARAGRAPH_PREFIX = "p-"
# A paragraph's id line, `{: #p-some-words }`, under the paragraph's last line. Any id-like word
# is read here, so that a malformed id is reported by the id rule rather than silently ignored.
PARAGRAPH_ID_LINE = re.compile(r"^\{:\s*#(?P<id>[A-Za-z0-9_-]+)\s*\}[ \t]*$")
PARAGRAPH_ID_LINES = re.compile(PARAGRAPH_ID_LINE.pattern, re.MULTILINE)
