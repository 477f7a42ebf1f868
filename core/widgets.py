"""Text boxes for method texts with a visible "Lägg till bild" button that works by keyboard
and asks for the image's alternative text (static/js/image-upload.js runs it)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from markdownx.widgets import MarkdownxWidget

# What the button offers in the file chooser; the upload endpoint checks the file itself.
IMAGE_ACCEPT = "image/png,image/jpeg,image/webp"


class ImageUploadMixin:
    """A textarea widget followed by the image controls (templates/includes/image_upload.html).

    The controls are rendered hidden and shown by the script, so without JavaScript nobody
    sees a button that cannot work. They upload through the markdownx upload URL, so drag and
    drop and the button go through the same checks (core.uploads).
    """

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        controls = render_to_string(
            "includes/image_upload.html",
            {
                "field_id": field_id,
                "accept": IMAGE_ACCEPT,
                "max_mb": round(settings.MARKDOWNX_UPLOAD_MAX_SIZE / 1024 / 1024, 1),
            },
        )
        return mark_safe(textarea + controls)  # noqa: S308 - both parts are rendered templates


class MarkdownEditor(ImageUploadMixin, MarkdownxWidget):
    """The markdownx editor (drag and drop, live preview) with the image button."""


class TextareaWithImages(ImageUploadMixin, forms.Textarea):
    """A plain textarea with the image button (no preview), for the easy-read text."""
