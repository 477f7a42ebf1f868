"""The forms of questions between companies: asking and answering. Both carry the
personal-data guard (core.readability) as comments do: a text that looks like it holds a
personnummer, a mobile number or an e-mail address is sent only once the writer confirms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.readability import find_personal_data
from methods.forms import PERSONAL_DATA_CONFIRMATION

from .choices import QuestionKind
from .models import Company, Question
from .questions import reported_methods

TEXT_HELP = _(
    "Högst 4 000 tecken. Skriv aldrig uppgifter om enskilda deltagare. Din e-postadress visas "
    "inte: svaret kommer i portalen och du får ett mejl när det finns."
)


class _GuardedText(forms.ModelForm):
    """The personal-data guard on one text field (`guarded`)."""

    guarded = "body"
    bekrafta = forms.BooleanField(label=PERSONAL_DATA_CONFIRMATION, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings: list = []

    def clean(self):
        data = super().clean()
        name = self.guarded
        self.findings = find_personal_data(
            {name: data.get(name) or ""}, {name: str(self.fields[name].label)}
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


class QuestionForm(_GuardedText):
    """A question or a study-visit request to one company, optionally about one of the
    methods it has reported on."""

    class Meta:
        model = Question
        fields = ["kind", "method", "body"]
        labels = {
            "kind": _("Vad gäller det?"),
            "method": _("Metod (frivilligt)"),
            "body": _("Din fråga"),
        }
        help_texts = {"body": TEXT_HELP}
        error_messages = {
            "body": {
                "required": _("Skriv din fråga innan du skickar den."),
                "max_length": _(
                    "Frågan får vara högst %(limit_value)d tecken (den har %(show_value)d)."
                ),
            },
            "kind": {"invalid_choice": _("Välj om det är en fråga eller ett studiebesök.")},
            "method": {
                "invalid_choice": _("Välj en av metoderna som företaget har rapporterat om.")
            },
        }
        widgets = {"kind": forms.RadioSelect, "body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, company: Company, study_visits: bool, **kwargs):
        """`study_visits`: may the user ask this company for a study visit
        (permissions.can_request_study_visit)."""
        super().__init__(*args, **kwargs)
        kinds = [(QuestionKind.QUESTION.value, QuestionKind.QUESTION.label)]
        if study_visits:
            kinds.append((QuestionKind.STUDY_VISIT.value, QuestionKind.STUDY_VISIT.label))
        self.fields["kind"].choices = kinds
        self.fields["kind"].initial = QuestionKind.QUESTION
        method = self.fields["method"]
        method.queryset = reported_methods(company)
        method.empty_label = _("Ingen särskild metod")


class AnswerForm(_GuardedText):
    guarded = "answer"

    class Meta:
        model = Question
        fields = ["answer"]
        labels = {"answer": _("Ert svar")}
        help_texts = {
            "answer": _(
                "Högst 4 000 tecken. Den som frågade får ett mejl med en länk hit. Era "
                "e-postadresser visas inte."
            )
        }
        error_messages = {
            "answer": {
                "max_length": _(
                    "Svaret får vara högst %(limit_value)d tecken (det har %(show_value)d)."
                ),
            }
        }
        widgets = {"answer": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].required = True
        self.fields["answer"].error_messages["required"] = _("Skriv ett svar innan du skickar.")
