"""English dates in the same order as the Swedish ones: "30 Nov 2026", "30 Nov 2026, 14:05"."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
