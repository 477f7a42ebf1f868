"""Views of the handbook, one module per area: reading, contributing, editorial, comments."""
