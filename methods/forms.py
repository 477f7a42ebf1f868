"""Forms of the handbook. They validate; services and views do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment, CommentReport

COMMENT_MAX_LENGTH = 4000


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Din kommentar")}
        help_texts = {
            "body": _(
                "Högst 4 000 tecken. Du kan använda enkel formatering: **fetstil**, *kursiv*, "
                "listor med - i början av raden och länkar som [text](https://…). "
                "Skriv aldrig uppgifter om enskilda deltagare."
            )
        }
        error_messages = {
            "body": {
                "required": _("Skriv något innan du skickar kommentaren."),
                "max_length": _(
                    "Kommentaren får vara högst %(limit_value)d tecken (den har %(show_value)d)."
                ),
            }
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class CommentReportForm(forms.ModelForm):
    class Meta:
        model = CommentReport
        fields = ["reason"]
        labels = {"reason": _("Varför ska redaktionen titta på kommentaren? (frivilligt)")}
        help_texts = {
            "reason": _("Till exempel: kränkande, reklam eller uppgifter om en enskild person.")
        }
