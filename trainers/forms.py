"""Forms for trainers. They validate; the services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from companies.choices import County
from core.forms import CheckedModelMultipleChoiceField
from core.readability import find_personal_data
from methods.models import CompetenceArea
from methods.picker import MethodPickerField

from .choices import TeachingLanguage, TrainingFormat
from .models import Trainer, TrainerGuidePage


class TrainerForm(forms.ModelForm):
    """The application and the trainer's later edits of the same profile."""

    competence_areas = CheckedModelMultipleChoiceField(
        label=_("Kompetensområden"),
        queryset=CompetenceArea.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett kompetensområde.")},
    )
    counties = forms.MultipleChoiceField(
        label=_("Län där ni utbildar"),
        choices=County.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett län.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Språk ni undervisar på"),
        choices=TeachingLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett språk.")},
    )
    formats = forms.MultipleChoiceField(
        label=_("Var utbildningen sker"),
        choices=TrainingFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett alternativ.")},
    )
    methods = MethodPickerField(label=_("Metoder i handboken som ni arbetar med"))

    class Meta:
        model = Trainer
        fields = [
            "name",
            "entity",
            "kind",
            "summary",
            "description",
            "competence_areas",
            "counties",
            "languages",
            "formats",
            "methods",
            "website",
            "contact_email",
        ]
        widgets = {
            "entity": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {"required": _("Skriv namnet på utbildaren eller organisationen.")},
            "entity": {"required": _("Välj om det är en person eller en organisation.")},
            "kind": {"required": _("Välj typ av utbildare.")},
            "summary": {"required": _("Skriv en kort presentation.")},
            "contact_email": {"required": _("Skriv en e-postadress för förfrågningar.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = (
            list(self.instance.methods.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["methods"].prepare(self, "methods", stored)
        self.fields["entity"].choices = self.fields["entity"].choices[1:]  # no empty choice
        self.fields["kind"].choices = self.fields["kind"].choices[1:]
        self.fields["website"].assume_scheme = "https"


class TrainerContactForm(forms.Form):
    """A message to a trainer through the portal. The guard keeps other people's identity
    numbers, phone numbers and e-mail addresses out of it: the trainer answers the sender's
    own address, which the mail names."""

    subject = forms.CharField(label=_("Ämne"), max_length=150)
    message = forms.CharField(
        label=_("Meddelande"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Berätta kort vad ni behöver: vilken kompetens, hur många deltagare och när. "
            "Skriv inga personnummer, telefonnummer eller e-postadresser."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        findings = find_personal_data(
            {name: cleaned.get(name, "") for name in ("subject", "message")},
            {name: self.fields[name].label for name in ("subject", "message")},
        )
        for finding in findings:
            self.add_error(
                finding.field,
                _("Ta bort %(kind)s ”%(text)s”. Utbildaren svarar till din e-postadress.")
                % {"kind": finding.label, "text": finding.text},
            )
        return cleaned


class RejectForm(forms.Form):
    message = forms.CharField(
        label=_("Varför avslås anmälan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Utbildaren får texten i ett mejl och kan ändra profilen och skicka in igen."),
        error_messages={"required": _("Skriv varför, så att utbildaren vet vad som ska ändras.")},
    )


class TrainerGuideForm(forms.ModelForm):
    class Meta:
        model = TrainerGuidePage
        fields = ["summary", "text", "easy_read"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 20}),
            "easy_read": forms.Textarea(attrs={"rows": 10}),
        }
