"""Forms of the handbook. They validate; services and views do the writing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.readability import find_personal_data
from core.rendering import validate_image_alt_text

from .models import Comment, CommentReport, Method
from .picker import OneMethodPickerField

COMMENT_MAX_LENGTH = 4000


# The personal-data guard's confirmation, worded as on a method (submission/preview.html).
PERSONAL_DATA_CONFIRMATION = _(
    "Jag har kontrollerat uppgifterna ovan. De är inte privata personuppgifter och får publiceras."
)


class CommentForm(forms.ModelForm):
    """A comment. When the text looks like it holds a personnummer, a phone number or an e-mail
    address, it is saved only once the writer confirms (`bekrafta`, as on a method); until
    then the form comes back with the findings and the text as typed."""

    bekrafta = forms.BooleanField(label=PERSONAL_DATA_CONFIRMATION, required=False)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(validate_image_alt_text)
        self.findings: list = []

    def clean(self):
        data = super().clean()
        self.findings = find_personal_data(
            {"body": data.get("body") or ""}, {"body": str(self.fields["body"].label)}
        )
        if self.findings and not data.get("bekrafta"):
            self.add_error(
                "bekrafta",
                _(
                    "Texten ser ut att innehålla personuppgifter. Ändra texten, eller kryssa i "
                    "att det inte är privata personuppgifter."
                ),
            )
        return data

    @property
    def personal_data_confirmed(self) -> bool:
        """The text looked like it held personal data and the writer confirmed it may stay."""
        return bool(self.findings and self.cleaned_data.get("bekrafta"))


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
    replaced_by = OneMethodPickerField(
        label=_("Ersätts av (frivilligt)"),
        help_text=_("Sök på namnet på den publicerade metod som ersätter den här och välj den."),
        empty_label=_("Ingen metod ersätter den"),
        error_messages={
            "invalid_choice": _("Välj en annan publicerad metod som ersätter den här.")
        },
    )

    def __init__(self, *args, method: Method, **kwargs):
        super().__init__(*args, **kwargs)
        stored = [method.replaced_by_id] if method.replaced_by_id else []
        self.fields["replaced_by"].prepare(self, "replaced_by", stored, exclude=method.pk)
