"""Forms of the handbook. They validate; services and views do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment, CommentReport, Method

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


class ArchiveForm(forms.Form):
    """What the editors' desk asks before archiving: why (shown to readers who come to the
    method's address) and, if there is one, the published method that replaces it."""

    reason = forms.CharField(
        label=_("Varför arkiveras metoden?"),
        help_text=_(
            "Visas för den som kommer till metodens adress, till exempel från ett utskrivet kort."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Skriv varför metoden arkiveras."),
            "max_length": _("Skriv högst %(limit_value)d tecken (texten har %(show_value)d)."),
        },
    )
    replaced_by = forms.ModelChoiceField(
        label=_("Ersätts av (frivilligt)"),
        queryset=Method.objects.none(),
        required=False,
        empty_label=_("Ingen metod ersätter den"),
        error_messages={
            "invalid_choice": _("Välj en annan publicerad metod som ersätter den här.")
        },
    )

    def __init__(self, *args, method: Method, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = (
            Method.objects.published().exclude(pk=method.pk).only("pk", "title").order_by("title")
        )
