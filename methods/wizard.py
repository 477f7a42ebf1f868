"""The guided submission: one form per step, each saving the draft on the server.

Every form carries the version of the method it was opened on, so a save over someone else's
newer text is refused (see workflow.save_version) instead of silently overwriting it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from core.forms import CheckedModelMultipleChoiceField, KeepsStoredChoices
from core.rendering import validate_image_alt_text, validate_markdown
from core.widgets import MarkdownEditor, TextareaWithImages

from . import permissions
from .choices import LearningForm, Role
from .models import Method, MethodStep, MethodTargetRole, Phase


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str


STEPS = [
    Step("grund", _("Grunder"), _("Vad heter metoden, vad ger den och vem är den för?")),
    Step("faser", _("Faser och roller"),
         _("I vilka faser används metoden, och vad gör varje roll i varje fas?")),
    Step("praktiskt", _("Praktiskt"),
         _("Tid, kostnad, material och hur ni följer upp att det nya används.")),
    Step("lattlast", _("Lättläst version"),
         _("Samma metod med korta meningar och vanliga ord, för den som läser lite svenska.")),
    Step("granska", _("Förhandsgranska och skicka in"),
         _("Läs igenom metoden som den kommer att se ut och skicka in den till redaktionen.")),
]  # fmt: skip
STEP_SLUGS = [step.slug for step in STEPS]


def step_after(slug: str) -> str:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[min(index + 1, len(STEP_SLUGS) - 1)]


def step_before(slug: str) -> str | None:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[index - 1] if index > 0 else None


# How to format text, in plain words with examples (the people writing are not developers).
FORMATTING_HELP = _(
    "Skriv **fetstil** med två stjärnor på var sida om orden. En lista: börja varje rad med "
    "ett bindestreck och ett mellanslag, till exempel ”- Ta på förklädet”. En rubrik: börja "
    "raden med ## och ett mellanslag. En bild: välj ”Lägg till bild” eller dra in bilden i "
    "rutan, och beskriv vad den visar."
)


class VersionedForm(KeepsStoredChoices, forms.ModelForm):
    """A model form that remembers which version of the method the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    @property
    def started_from(self) -> int:
        return self.cleaned_data.get("version") or self.instance.version


class BasicsForm(VersionedForm):
    target_roles = forms.MultipleChoiceField(
        label=_("Vem är metoden för?"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en roll.")},
    )

    class Meta:
        model = Method
        fields = [
            "title", "summary", "purpose", "body", "learning_form", "competence_areas",
            "business_lines", "company",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "body": MarkdownEditor(attrs={"rows": 14}),
            "learning_form": forms.RadioSelect,
            "competence_areas": forms.CheckboxSelectMultiple,
            "business_lines": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "competence_areas": CheckedModelMultipleChoiceField,
            "business_lines": CheckedModelMultipleChoiceField,
        }
        labels = {"company": _("Från vilket företag? (valfritt)")}
        help_texts = {"body": FORMATTING_HELP}
        error_messages = {
            "title": {"required": _("Skriv ett namn på metoden.")},
            "summary": {"required": _("Skriv två–tre meningar om vad metoden är.")},
            "learning_form": {"required": _("Välj hur lärandet sker.")},
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].validators.append(validate_image_alt_text)
        self.fields["learning_form"].choices = LearningForm.choices
        company = self.fields["company"]
        # The author's companies (an editor saving someone's method sees the author's, not
        # their own); the stored company stays among them (see KeepsStoredChoices).
        author = self.instance.author if self.instance.pk else user
        company.queryset = (
            company.queryset.filter(memberships__user=author).order_by("name")
            if author
            else company.queryset.none()
        )
        company.empty_label = _("Inget företag")
        if user is None or not permissions.can_change_method_company(user, self.instance):
            company.disabled = True
        self.keep_stored_choices()
        if not self.is_bound and self.instance.pk:
            self.initial["target_roles"] = self.instance.target_role_values()

    def save_to(self, method: Method) -> None:
        """Write the form onto method (which may be new) with its relations."""
        for name in ("title", "summary", "purpose", "body", "learning_form", "company"):
            setattr(method, name, self.cleaned_data[name])
        method.wizard_step = step_after("grund")
        method.save()
        method.competence_areas.set(self.cleaned_data["competence_areas"])
        method.business_lines.set(self.cleaned_data["business_lines"])
        chosen = set(self.cleaned_data["target_roles"])
        MethodTargetRole.objects.filter(method=method).exclude(role__in=chosen).delete()
        existing = set(method.target_roles.values_list("role", flat=True))
        MethodTargetRole.objects.bulk_create(
            [MethodTargetRole(method=method, role=role) for role in chosen - existing]
        )


def step_field_name(phase: Phase, role: str) -> str:
    return f"steg_{phase.slug}_{role}"


class PhasesForm(forms.Form):
    """The role-by-phase matrix: which phases, and what each role does in each of them."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    phases = CheckedModelMultipleChoiceField(
        label=_("Faser"),
        queryset=Phase.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst en fas.")},
    )

    def __init__(self, *args, instance: Method, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.phase_list = list(Phase.objects.all())
        steps = {(s.phase_id, s.role): s.text for s in instance.steps.all()}
        for phase in self.phase_list:
            for role, label in Role.choices:
                name = step_field_name(phase, role)
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=2000,
                    validators=[validate_markdown, validate_image_alt_text],
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.initial.setdefault(name, steps.get((phase.pk, role), ""))
        if not self.is_bound:
            self.initial["phases"] = list(instance.phases.all())
            self.initial["version"] = instance.version

    @property
    def started_from(self) -> int:
        return self.cleaned_data.get("version") or self.instance.version

    def matrix(self):
        """(phase, checkbox, [bound fields per role]) for the template."""
        checkboxes = {int(str(cb.data["value"])): cb for cb in self["phases"]}
        return [
            (
                phase,
                checkboxes.get(phase.pk),
                [self[step_field_name(phase, r)] for r in Role.values],
            )
            for phase in self.phase_list
        ]

    def clean(self):
        data = super().clean()
        chosen = {p.pk for p in data.get("phases", [])}
        for phase in self.phase_list:
            texts = [data.get(step_field_name(phase, r), "").strip() for r in Role.values]
            if phase.pk in chosen and not any(texts):
                self.add_error(
                    step_field_name(phase, Role.PARTICIPANT),
                    _("Skriv vad minst en roll gör i fasen %(phase)s.") % {"phase": phase.name},
                )
            if phase.pk not in chosen and any(texts):
                # Never throw away what someone wrote: ask instead.
                for role in Role.values:
                    if data.get(step_field_name(phase, role), "").strip():
                        self.add_error(
                            step_field_name(phase, role),
                            _("Fasen %(phase)s är inte vald. Välj fasen eller töm rutan.")
                            % {"phase": phase.name},
                        )
        return data

    def save_to(self, method: Method) -> None:
        method.wizard_step = step_after("faser")
        method.save()
        chosen = list(self.cleaned_data["phases"])
        method.phases.set(chosen)
        keep = []
        for phase in chosen:
            for role in Role.values:
                text = self.cleaned_data.get(step_field_name(phase, role), "").strip()
                if text:
                    step, _created = MethodStep.objects.update_or_create(
                        method=method, phase=phase, role=role, defaults={"text": text}
                    )
                    keep.append(step.pk)
        MethodStep.objects.filter(method=method).exclude(pk__in=keep).delete()


class PracticalForm(VersionedForm):
    class Meta:
        model = Method
        fields = [
            "prep_minutes", "delivery_minutes", "followup_minutes", "group_size_min",
            "group_size_max", "cost_level", "internal_hours", "materials",
            "needs_external_trainer", "external_trainer_phase", "prerequisites",
            "adaptation_language", "adaptation_reading", "adaptation_health",
            "indicator_reaction", "indicator_learning", "indicator_behaviour",
            "indicator_results", "source", "licence", "contact",
        ]  # fmt: skip
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "materials", "prerequisites", "adaptation_language", "adaptation_reading",
                "adaptation_health", "indicator_reaction", "indicator_learning",
                "indicator_behaviour", "indicator_results", "source",
            ]
        }  # fmt: skip

    def clean(self):
        data = super().clean()
        low, high = data.get("group_size_min"), data.get("group_size_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "group_size_max", _("Största gruppen kan inte vara mindre än den minsta.")
            )
        if data.get("external_trainer_phase") and not data.get("needs_external_trainer"):
            self.add_error(
                "needs_external_trainer",
                _("Kryssa i att metoden behöver en extern utbildare, eller ta bort fasen."),
            )
        return data

    def save_to(self, method: Method) -> None:
        for name in self.Meta.fields:
            setattr(method, name, self.cleaned_data[name])
        method.wizard_step = step_after("praktiskt")
        method.save()


class EasyReadForm(VersionedForm):
    class Meta:
        model = Method
        fields = ["easy_read"]
        widgets = {"easy_read": TextareaWithImages(attrs={"rows": 12, "data-lix": "true"})}
        help_texts = {
            "easy_read": _(
                "Korta meningar. Vanliga ord. En sak i taget. Målet är LIX 40 eller lägre."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["easy_read"].validators.append(validate_image_alt_text)

    def save_to(self, method: Method) -> None:
        method.easy_read = self.cleaned_data["easy_read"]
        method.wizard_step = step_after("lattlast")
        method.save()


FORMS = {
    "grund": BasicsForm,
    "faser": PhasesForm,
    "praktiskt": PracticalForm,
    "lattlast": EasyReadForm,
}


def build_form(step: str, method: Method, data=None, user=None):
    form_class = FORMS[step]
    if step == "faser":
        return form_class(data, instance=method)
    if step == "grund":
        return form_class(data, instance=method, user=user)
    return form_class(data, instance=method)


def _in_words(field: forms.Field, raw) -> str:
    """A form value as the person sees it on the page: labels for choices (one per line for a
    list), Ja/Nej for a tick box, numbers as written in Swedish, text as typed."""
    if isinstance(raw, list | tuple):
        return "\n".join(_in_words(field, item) for item in raw)
    if isinstance(field, forms.BooleanField):
        return str(_("Ja") if raw not in (None, "", False, "False", "false", "0") else _("Nej"))
    if getattr(field, "choices", None) is not None and not isinstance(field, forms.BooleanField):
        labels = {str(value): str(label) for value, label in field.choices}
        return labels.get("" if raw is None else str(raw), "" if raw is None else str(raw))
    try:
        value = field.to_python(raw)
    except forms.ValidationError:
        return str(raw)
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float):
        return number_format(value.normalize() if isinstance(value, Decimal) else value)
    return str(value).strip().replace("\r\n", "\n")


def conflict_rows(form, step: str, current: Method, user) -> list[dict]:
    """The fields where what this person typed differs from what was saved meanwhile, both
    sides in words (labels, not codes or ids), for the edit-conflict page."""
    saved_form = build_form(step, current, None, user=user)
    rows = []
    for name, field in form.fields.items():
        if name == "version" or name not in saved_form.fields:
            continue
        saved = _in_words(saved_form.fields[name], saved_form[name].value())
        typed = _in_words(field, form[name].value())
        if saved != typed:
            rows.append({"label": field.label, "saved": saved, "typed": typed})
    return rows
