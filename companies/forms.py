"""Forms for a company's profile and members. They validate; the services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from core.forms import CheckedModelMultipleChoiceField, KeepsStoredChoices
from methods.models import BusinessLine, CompetenceArea

from .choices import MembershipRole
from .models import Company
from .services import is_member_address
from .validators import normalize_org_number


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        help_text=_("Personen får ett mejl med en länk. Länken gäller i 14 dagar."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=MembershipRole.choices,
        initial=MembershipRole.MEMBER,
        help_text=_(
            "Företagsadministratörer kan ändra företagets uppgifter och hantera medlemmar."
        ),
    )

    def __init__(self, *args, company: Company, **kwargs):
        self.company = company
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if is_member_address(self.company, email):
            raise forms.ValidationError(
                _("%(email)s är redan medlem i företaget. Ändra rollen i listan i stället."),
                code="already_member",
                params={"email": email},
            )
        return email


class RoleForm(forms.Form):
    """One per row of the member list; the label names the member for screen readers."""

    role = forms.ChoiceField(label=_("Roll"), choices=MembershipRole.choices)

    def __init__(self, *args, member_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if member_name:
            self.fields["role"].label = _("Roll för %(name)s") % {"name": member_name}


class CompanyProfileForm(KeepsStoredChoices, forms.ModelForm):
    """Everything a company says about itself. By design nothing about individuals' health or
    disability: the model has no such field, and this form lists its fields one by one."""

    class Meta:
        model = Company
        fields = [
            "name",
            "org_number",
            "legal_form",
            "municipality",
            "county",
            "business_lines",
            "description",
            "website",
            "contact_email",
            "contact_phone",
            "employees_band",
            "participants_band",
            "criterion_integration",
            "criterion_participation",
            "criterion_reinvests",
            "criterion_independent",
            "languages_at_work",
            "open_to_study_visits",
            "study_visit_areas",
            "study_visit_topics",
            "accepts_questions",
        ]
        field_classes = {
            "business_lines": CheckedModelMultipleChoiceField,
            "study_visit_areas": CheckedModelMultipleChoiceField,
        }
        widgets = {
            "business_lines": forms.CheckboxSelectMultiple,
            "study_visit_areas": forms.CheckboxSelectMultiple,
            "study_visit_topics": forms.Textarea(attrs={"rows": 3}),
            "description": MarkdownxWidget(attrs={"rows": 10}),
            "employees_band": forms.RadioSelect,
            "participants_band": forms.RadioSelect,
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }
        labels = {
            "name": _("Företagets namn"),
            "contact_email": _("E-post för kontakt"),
            "contact_phone": _("Telefon för kontakt"),
            "description": _("Om företaget"),
        }
        help_texts = {
            "org_number": _("Tio siffror, till exempel 802456-1234. Bindestreck behövs inte."),
            "business_lines": _("Välj alla som passar."),
            "description": _(
                "Vad ni gör och för vilka. Skriv **fetstil** med två stjärnor på var sida om "
                "orden. En lista: börja varje rad med ett bindestreck och ett mellanslag. En "
                "rubrik: börja raden med ##. Skriv aldrig uppgifter om enskilda personer."
            ),
            "website": _("Hela adressen, till exempel https://www.exempel.se"),
            "contact_phone": _("Till exempel 019-12 34 56."),
            "participants_band": _(
                "Bara ett ungefärligt antal. Skriv aldrig något om enskilda personer."
            ),
            "open_to_study_visits": _(
                "Andra företag kan hitta er i företagslistan och be om ett studiebesök."
            ),
            "study_visit_areas": _(
                "Kompetensområden som ni gärna visar andra företag. Visas på er profil."
            ),
        }
        error_messages = {
            "org_number": {
                "unique": _("Ett annat företag i handboken har redan det här organisationsnumret.")
            },
        }

    # Shown in groups, each under its own heading.
    SECTIONS = [
        (_("Grunduppgifter"), ["name", "org_number", "legal_form", "municipality", "county"]),
        (_("Verksamhet"), ["business_lines", "description", "languages_at_work"]),
        (_("Kontakt"), ["website", "contact_email", "contact_phone"]),
        (
            _("Studiebesök och frågor"),
            [
                "open_to_study_visits",
                "study_visit_areas",
                "study_visit_topics",
                "accepts_questions",
            ],
        ),
        (_("Storlek"), ["employees_band", "participants_band"]),
    ]
    CRITERIA = [
        "criterion_integration",
        "criterion_participation",
        "criterion_reinvests",
        "criterion_independent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blanks = {
            "legal_form": _("Välj juridisk form"),
            "county": _("Välj län"),
            "employees_band": _("Vill inte ange"),
            "participants_band": _("Vill inte ange"),
        }
        for name, blank in blanks.items():
            field = self.fields[name]
            field.choices = [("", blank), *(c for c in field.choices if c[0])]
        self.fields["business_lines"].queryset = BusinessLine.objects.order_by("name")
        self.fields["study_visit_areas"].queryset = CompetenceArea.objects.order_by("name")
        for name in [*self.CRITERIA, "open_to_study_visits", "accepts_questions"]:
            self.fields[name].label_suffix = ""  # a checkbox's label is a statement
        self.keep_stored_choices()

    def clean_org_number(self) -> str:
        # One stored form, NNNNNN-NNNN, so the uniqueness check compares like with like.
        return normalize_org_number(self.cleaned_data["org_number"])

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def sections(self) -> list[tuple[str, list]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def criteria_fields(self) -> list:
        return [self[name] for name in self.CRITERIA]
