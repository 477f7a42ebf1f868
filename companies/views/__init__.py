"""Views of the companies app, one module per area."""
