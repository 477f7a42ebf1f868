"""Swedish dates as Swedish text writes them: "30 nov. 2026", "30 nov. 2026 kl. 14.05".

"N" is the month's short form; Django's Swedish catalogue gives it without the full stop, the
project's (locale/sv/LC_MESSAGES/django.po) with it, and "mars", "maj", "juni" whole.
"""

DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j N Y \k\l. H.i"
