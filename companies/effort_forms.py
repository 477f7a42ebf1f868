"""Forms for efforts (insatser)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedModelMultipleChoiceField, KeepsStoredChoices
from methods.choices import Role
from methods.picker import MethodPickerField

from .models import Effort, EffortPhase


class EffortForm(KeepsStoredChoices, forms.ModelForm):
    methods = MethodPickerField(label=_("Metoder från handboken"))
    responsible_roles = forms.MultipleChoiceField(
        label=_("Vilka roller driver insatsen?"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Effort
        fields = ["title", "goal", "methods", "responsible_roles", "responsible_members"]
        field_classes = {"responsible_members": CheckedModelMultipleChoiceField}
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "responsible_members": forms.CheckboxSelectMultiple,
        }
        labels = {
            "responsible_members": _("Vilka personer ansvarar? De får påminnelser."),
        }
        error_messages = {"title": {"required": _("Ge insatsen ett namn.")}}

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_members"].queryset = (
            get_user_model().objects.filter(memberships__company=company).order_by("display_name")
        )
        self.fields["responsible_members"].required = False
        self.keep_stored_choices()
        stored = (
            list(self.instance.methods.values_list("pk", flat=True)) if self.instance.pk else []
        )
        self.fields["methods"].prepare(self, "methods", stored)


class EffortPhaseForm(forms.ModelForm):
    class Meta:
        model = EffortPhase
        fields = ["started_on", "completed_on", "notes"]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "completed_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("completed_on")
        if start and end and end < start:
            self.add_error("completed_on", _("Fasen kan inte bli klar innan den har börjat."))
        return data
