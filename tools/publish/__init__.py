"""Publishing: building the site and turning it into what readers take away.

It owns the one function that runs a site build (build.py), the offline exports in dist/ (the
zip and the single HTML file), the downloads copied into the site, and the classroom-link
guarantees (anchors.lock, redirects and aliases from anchors.yml). It reads the built HTML, not
the source list; the checker gates every build through the MkDocs hook.
"""
