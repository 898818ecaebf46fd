"""Publishing: building the site and turning it into what readers take away.

It owns the one function that runs a site build (build.py), the offline exports in dist/ (the
zip, the single HTML file, the EPUB and the print PDF, the last two made from clean XHTML by
xhtml.py, the PDF's fonts found with fontconfig by fonts.py), the downloads copied into the site, and the classroom-link guarantees (anchors.lock,
redirects and aliases from anchors.yml). It reads the built HTML, not the source list (bookmeta
reads only the original's author, for the books' metadata); the checker gates every build
through the MkDocs hook.
"""
