"""Views of the public site, one module per area (site.py: start page and static pages)."""
