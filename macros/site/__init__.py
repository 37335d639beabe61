"""The site: pages and their addresses, search, PDFs, serving, and the MkDocs adapters."""
