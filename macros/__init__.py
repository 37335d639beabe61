"""The handbook's library: content -> models -> Markdown -> the MkDocs site.

- `macros.content`: read, validate and model what is in content/ (and its texts, translations,
  spelling, new files);
- `macros.render`: pure functions from models to Markdown, one module per content kind;
- `macros.site`: which pages exist and where, search, PDFs, the local server, and the thin
  adapters MkDocs calls (`hooks`, and `page_macros` for mkdocs-macros);
- `macros.cli`: the command-line tasks behind scripts/handbook.py.
"""
