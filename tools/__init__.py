"""Tools for the edition: the attribution checker, the MkDocs hook that runs it, the exporter."""
