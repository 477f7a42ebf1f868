"""The site's date and number formats per language (settings.FORMAT_MODULE_PATH).

Django looks here first and falls back to its own format module for every name not set here.
"""
