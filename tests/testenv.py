"""Loaded by pytest before Django (see `-p tests.testenv` in pyproject.toml).

The settings refuse to start without a real secret key when DEBUG is off; tests run the
development branch of the settings (Django's test runner still forces DEBUG off while running).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
# Playwright's sync API runs an event loop; Django refuses ORM calls from such threads without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
