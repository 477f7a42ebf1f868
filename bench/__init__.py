"""The portal's own benchmark: seed a separate database, measure in-process and over HTTP.

See docs/performance.md. Nothing here is imported by the application.
"""
